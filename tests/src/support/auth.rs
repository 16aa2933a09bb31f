//! Credential checks for the auth routes and the server-wide `require_auth` option.

use axum::extract::Request;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine;
use serde_json::json;

use super::options::AuthScheme;
use super::params::parse_query;
use super::state::AppState;

/// Paths never protected by `require_auth`.
const EXEMPT: [&str; 3] = ["/_mock/", "/oauth/", "/echo"];

fn unauthorized(message: &str, challenge: &'static str) -> Response {
    let body = json!({ "error": message, "status": 401 });
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, challenge)],
        Json(body),
    )
        .into_response()
}

fn header_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The token of `Authorization: Bearer <token>` (scheme case-insensitive).
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = header_value(headers, "authorization")?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// User and password of `Authorization: Basic ...`.
pub fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = header_value(headers, "authorization")?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

/// The value of a cookie, from every `Cookie` header.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Check one scheme: `None` when the request may pass, else the 401 response to send.
pub fn check(
    state: &AppState,
    scheme: AuthScheme,
    headers: &HeaderMap,
    query: &str,
) -> Option<Response> {
    let creds = &state.opts.credentials;
    match scheme {
        AuthScheme::Bearer => match bearer_token(headers) {
            Some(t) if t == creds.bearer_token => None,
            Some(_) => Some(unauthorized("invalid bearer token", "Bearer")),
            None => Some(unauthorized("missing bearer token", "Bearer")),
        },
        AuthScheme::ApiKeyHeader => match header_value(headers, &creds.api_key_header) {
            Some(k) if k == creds.api_key => None,
            Some(_) => Some(unauthorized("invalid API key", "ApiKey")),
            None => Some(unauthorized("missing API key header", "ApiKey")),
        },
        AuthScheme::ApiKeyQuery => {
            let pairs = parse_query(query);
            match pairs.iter().find(|(k, _)| *k == creds.api_key_query) {
                Some((_, k)) if *k == creds.api_key => None,
                Some(_) => Some(unauthorized("invalid API key", "ApiKey")),
                None => Some(unauthorized("missing API key query parameter", "ApiKey")),
            }
        }
        AuthScheme::ApiKeyCookie => match cookie(headers, &creds.api_key_cookie) {
            Some(k) if k == creds.api_key => None,
            Some(_) => Some(unauthorized("invalid API key", "ApiKey")),
            None => Some(unauthorized("missing API key cookie", "ApiKey")),
        },
        AuthScheme::Basic => match basic_credentials(headers) {
            Some((u, p)) if u == creds.username && p == creds.password => None,
            Some(_) => Some(unauthorized(
                "invalid user or password",
                "Basic realm=\"mock\"",
            )),
            None => Some(unauthorized(
                "missing basic credentials",
                "Basic realm=\"mock\"",
            )),
        },
        AuthScheme::OAuth2 => match bearer_token(headers) {
            Some(t) if state.token_valid(t) => None,
            Some(_) => Some(unauthorized(
                "invalid or expired access token",
                "Bearer error=\"invalid_token\"",
            )),
            None => Some(unauthorized("missing access token", "Bearer")),
        },
    }
}

/// The server-wide requirement of [`super::MockOptions::require_auth`].
pub fn check_global(state: &AppState, req: &Request) -> Option<Response> {
    let scheme = state.opts.require_auth?;
    let path = req.uri().path();
    if EXEMPT.iter().any(|p| path.starts_with(p)) {
        return None;
    }
    check(
        state,
        scheme,
        req.headers(),
        req.uri().query().unwrap_or(""),
    )
}
