//! `offset` pagination: `offset` + `limit` in the query (or in a POST JSON body).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::body_json;
use super::cursor::lookup;
use crate::support::paging::{page_size, Listing};
use crate::support::params::{ApiError, ApiResult, Params};
use crate::support::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `{"data", "total", "offset", "limit"}`.
    Total,
    /// `{"data"}`: the end is an empty page.
    NoTotal,
    /// `{"data", "has_more"}`.
    HasMore,
}

/// The offset routes.
pub fn routes() -> Router<Arc<AppState>> {
    let route = |shape: Shape| get(move |s: State<Arc<AppState>>, p: Params| by_query(s, p, shape));
    Router::new()
        .route("/offset/posts", route(Shape::Total))
        .route("/offset/no_total/posts", route(Shape::NoTotal))
        .route("/offset/has_more/posts", route(Shape::HasMore))
        .route("/offset/body/posts", post(by_body))
}

fn render(
    state: &AppState,
    p: &Params,
    offset: u64,
    limit: u64,
    shape: Shape,
) -> ApiResult<Response> {
    let listing = Listing::from_request(state, p)?;
    let data = listing.posts(state, offset, limit, false);
    let total = listing.len();
    let envelope = match shape {
        Shape::Total => json!({ "data": null, "total": total, "offset": offset, "limit": limit }),
        Shape::NoTotal => json!({ "data": null }),
        Shape::HasMore => json!({ "data": null, "has_more": offset.saturating_add(limit) < total }),
    };
    Ok(data.response(&envelope, &["data"]))
}

async fn by_query(State(state): State<Arc<AppState>>, p: Params, shape: Shape) -> ApiResult {
    let limit = page_size(&state, &p, &["limit"])?;
    let offset = p.u64("offset")?.unwrap_or(0);
    render(&state, &p, offset, limit, shape)
}

fn body_u64(body: &Value, name: &str) -> ApiResult<Option<u64>> {
    match lookup(body, &[name, &format!("pagination.{name}")]) {
        None => Ok(None),
        Some(v) => v.as_u64().map(Some).ok_or_else(|| {
            ApiError::bad_request(format!("`{name}` must be a non-negative integer, got {v}"))
        }),
    }
}

async fn by_body(State(state): State<Arc<AppState>>, p: Params, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    let offset = body_u64(&body, "offset")?.unwrap_or(0);
    let limit = match body_u64(&body, "limit")? {
        Some(0) => return Err(ApiError::bad_request("`limit` must be at least 1")),
        Some(n) => n.min(state.opts.max_page_size),
        None => page_size(&state, &p, &["limit"])?,
    };
    render(&state, &p, offset, limit, Shape::Total)
}
