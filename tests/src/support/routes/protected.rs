//! Auth-protected listings (`/auth/<scheme>/posts`, page-number shape, base 1) and the OAuth2
//! client-credentials token endpoint.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::page_number::{render, Shape};
use crate::support::auth::{basic_credentials, check};
use crate::support::options::AuthScheme;
use crate::support::params::{parse_query, ApiResult, Params};
use crate::support::state::AppState;

/// The auth routes.
pub fn routes() -> Router<Arc<AppState>> {
    let route = |scheme: AuthScheme| {
        get(move |s: State<Arc<AppState>>, h: HeaderMap, p: Params| protected(s, h, p, scheme))
    };
    Router::new()
        .route("/auth/bearer/posts", route(AuthScheme::Bearer))
        .route(
            "/auth/api_key/header/posts",
            route(AuthScheme::ApiKeyHeader),
        )
        .route("/auth/api_key/query/posts", route(AuthScheme::ApiKeyQuery))
        .route(
            "/auth/api_key/cookie/posts",
            route(AuthScheme::ApiKeyCookie),
        )
        .route("/auth/basic/posts", route(AuthScheme::Basic))
        .route("/auth/oauth2/posts", route(AuthScheme::OAuth2))
        .route("/oauth/token", post(token))
}

async fn protected(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    p: Params,
    scheme: AuthScheme,
) -> ApiResult {
    if let Some(denied) = check(&state, scheme, &headers, &p.raw_query) {
        return Ok(denied);
    }
    render(&state, &p, 1, Shape::Flat)
}

fn oauth_error(status: StatusCode, error: &str, description: String) -> Response {
    let body = json!({ "error": error, "error_description": description });
    (status, Json(body)).into_response()
}

/// `POST /oauth/token`: form body `grant_type=client_credentials`, `client_id`, `client_secret`
/// (or those two as HTTP basic credentials), plus any extra fields; `?expires_in=` overrides the
/// lifetime of the issued token.
async fn token(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    p: Params,
    body: Bytes,
) -> Response {
    let form = parse_query(&String::from_utf8_lossy(&body));
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let creds = &state.opts.credentials;
    let grant = field("grant_type").unwrap_or_default();
    if grant != "client_credentials" {
        let description = format!("grant_type must be client_credentials, got `{grant}`");
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            description,
        );
    }
    let (id, secret) = match (field("client_id"), field("client_secret")) {
        (Some(id), Some(secret)) => (id, secret),
        _ => basic_credentials(&headers).unwrap_or_default(),
    };
    if id != creds.client_id || secret != creds.client_secret {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "unknown client".into(),
        );
    }
    for (name, wanted) in &creds.token_required_data {
        if field(name).as_deref() != Some(wanted.as_str()) {
            let description = format!("`{name}={wanted}` is required");
            return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", description);
        }
    }
    let expires_in = match p.u64("expires_in") {
        Ok(v) => v.unwrap_or(creds.token_expires_in),
        Err(e) => return e.into_response(),
    };
    let mut out = Map::new();
    out.insert(
        "access_token".into(),
        Value::String(state.issue_token(expires_in)),
    );
    out.insert("token_type".into(), "Bearer".into());
    out.insert("expires_in".into(), expires_in.into());
    if let Some(scope) = field("scope") {
        out.insert("scope".into(), Value::String(scope));
    }
    Json(Value::Object(out)).into_response()
}
