//! Introspection (`/_mock/*`, not logged, never faulted) and `/echo`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::support::params::{parse_query, Params};
use crate::support::state::AppState;

/// The control routes.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/_mock/health", get(health))
        .route("/_mock/requests", get(requests))
        .route("/_mock/counts", get(counts))
        .route("/_mock/reset", post(reset))
        .route("/echo", any(echo))
        .route("/echo/{*rest}", any(echo))
}

async fn health(State(state): State<Arc<AppState>>) -> Json<Value> {
    Json(json!({
        "ok": true,
        "base_url": state.base_url,
        "posts": state.opts.posts,
        "users": state.opts.users,
        "page_size": state.opts.page_size,
    }))
}

async fn requests(State(state): State<Arc<AppState>>) -> Json<Value> {
    Json(Value::Array(
        state.log.entries().iter().map(|r| r.to_json()).collect(),
    ))
}

async fn counts(State(state): State<Arc<AppState>>) -> Json<Value> {
    Json(json!(state.log.counts()))
}

async fn reset(State(state): State<Arc<AppState>>) -> Json<Value> {
    state.reset();
    Json(json!({ "ok": true }))
}

/// Echo the request: method, path, query (raw and decoded), headers, body (text, JSON, form).
async fn echo(method: Method, headers: HeaderMap, p: Params, body: Bytes) -> Json<Value> {
    let text = String::from_utf8_lossy(&body).into_owned();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let form = content_type
        .starts_with("application/x-www-form-urlencoded")
        .then(|| {
            parse_query(&text)
                .into_iter()
                .map(|(k, v)| json!([k, v]))
                .collect::<Vec<_>>()
        });
    Json(json!({
        "method": method.as_str(),
        "path": p.path,
        "query": p.raw_query,
        "args": p.pairs.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        "headers": headers
            .iter()
            .map(|(k, v)| json!([k.as_str(), String::from_utf8_lossy(v.as_bytes())]))
            .collect::<Vec<_>>(),
        "body": text,
        "json": serde_json::from_slice::<Value>(&body).ok(),
        "form": form,
    }))
}
