//! Query strings: decoding, encoding, an extractor that keeps parameter order, URL rewriting for
//! next-page links, and the JSON error type of the routes.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// An error answered as `{"error": message, "status": code}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Human-readable message.
    pub message: String,
}

impl ApiError {
    /// 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    /// 404 Not Found.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": self.message, "status": self.status.as_u16() });
        (self.status, Json(body)).into_response()
    }
}

/// Route result type.
pub type ApiResult<T = Response> = Result<T, ApiError>;

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decode one `application/x-www-form-urlencoded` component (`+` is a space).
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(|b| hex_val(*b)),
                bytes.get(i + 2).and_then(|b| hex_val(*b)),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push(hi * 16 + lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encode a query component: unreserved characters stay, everything else is `%XX`.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Parse a raw query string into ordered, decoded pairs (a key without `=` has value `""`).
pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode_component(k), decode_component(v)),
            None => (decode_component(p), String::new()),
        })
        .collect()
}

/// Encode ordered pairs into a query string (no leading `?`).
pub fn encode_query(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The request path and its query pairs, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// Request path.
    pub path: String,
    /// Raw query string (no `?`).
    pub raw_query: String,
    /// Decoded pairs, in order.
    pub pairs: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Infallible> {
        let raw_query = parts.uri.query().unwrap_or("").to_string();
        Ok(Params {
            path: parts.uri.path().to_string(),
            pairs: parse_query(&raw_query),
            raw_query,
        })
    }
}

impl Params {
    /// The first value of a parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A non-negative integer parameter; 400 if present but not a number.
    pub fn u64(&self, name: &str) -> ApiResult<Option<u64>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.trim().parse().map(Some).map_err(|_| {
                ApiError::bad_request(format!(
                    "`{name}` must be a non-negative integer, got `{v}`"
                ))
            }),
        }
    }

    /// A signed integer parameter; 400 if present but not a number.
    pub fn i64(&self, name: &str) -> ApiResult<Option<i64>> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.trim().parse().map(Some).map_err(|_| {
                ApiError::bad_request(format!("`{name}` must be an integer, got `{v}`"))
            }),
        }
    }

    /// `path?query` as received.
    pub fn path_and_query(&self) -> String {
        if self.raw_query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.raw_query)
        }
    }

    /// `path?query` with `updates` applied: an existing parameter keeps its position and gets the
    /// new value (later duplicates are dropped); a missing one is appended. Other parameters stay.
    pub fn with(&self, updates: &[(&str, String)]) -> String {
        let mut pairs: Vec<(String, String)> = Vec::with_capacity(self.pairs.len() + updates.len());
        for (k, v) in &self.pairs {
            match updates.iter().find(|(name, _)| name == k) {
                Some((_, new)) if !pairs.iter().any(|(pk, _)| pk == k) => {
                    pairs.push((k.clone(), new.clone()))
                }
                Some(_) => {}
                None => pairs.push((k.clone(), v.clone())),
            }
        }
        for (name, value) in updates {
            if !pairs.iter().any(|(k, _)| k == name) {
                pairs.push(((*name).to_string(), value.clone()));
            }
        }
        format!("{}?{}", self.path, encode_query(&pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(q: &str) -> Params {
        Params {
            path: "/p".into(),
            raw_query: q.into(),
            pairs: parse_query(q),
        }
    }

    #[test]
    fn decode_encode() {
        assert_eq!(decode_component("a+b%20c%C3%A9%2"), "a b cé%2");
        assert_eq!(encode_component("a b/é"), "a%20b%2F%C3%A9");
        assert_eq!(
            parse_query("a=1&b&c=x%3Dy"),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), String::new()),
                ("c".into(), "x=y".into())
            ]
        );
    }

    #[test]
    fn rewrites_keep_order() {
        let p = params("limit=5&page=1&x=a+b&page=9");
        assert_eq!(p.with(&[("page", "2".into())]), "/p?limit=5&page=2&x=a%20b");
        assert_eq!(params("").with(&[("page", "2".into())]), "/p?page=2");
    }
}
