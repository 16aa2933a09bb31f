//! `cursor` pagination: the next cursor in the body (`cursors.next`, or `next_cursor` for the POST
//! variant), sent back as the `cursor` query parameter or in the JSON request body.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::body_json;
use crate::support::paging::{decode_cursor, encode_cursor, page_size, Endless, Listing, Posts};
use crate::support::params::{ApiError, ApiResult, Params};
use crate::support::state::AppState;

/// The cursor routes.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/cursor/posts", get(by_query))
        .route("/cursor/body/posts", post(by_body))
}

struct Page {
    data: Posts,
    next: Option<String>,
}

fn serve(state: &AppState, p: &Params, cursor: Option<&str>, size: u64) -> ApiResult<Page> {
    let listing = Listing::from_request(state, p)?;
    let offset = match cursor {
        None | Some("") => 0,
        Some(c) => decode_cursor(c)?,
    };
    let endless = Endless::from_request(p)?;
    let data = listing.posts(state, offset, size, endless == Endless::Increasing);
    let next = endless
        .has_next(&listing, offset, size)
        .then(|| match endless {
            Endless::Same => encode_cursor(offset),
            _ => encode_cursor(offset.saturating_add(size)),
        });
    Ok(Page { data, next })
}

async fn by_query(State(state): State<Arc<AppState>>, p: Params) -> ApiResult {
    let size = page_size(&state, &p, &["limit", "per_page"])?;
    let cursor = p.get("cursor");
    let page = serve(&state, &p, cursor, size)?;
    let envelope = json!({
        "data": null,
        "cursors": { "self": cursor, "next": page.next },
    });
    Ok(page.data.response(&envelope, &["data"]))
}

/// The first of `paths` (dot-separated) found in `body`.
pub fn lookup<'a>(body: &'a Value, paths: &[&str]) -> Option<&'a Value> {
    paths.iter().find_map(|path| {
        path.split('.')
            .try_fold(body, |v, key| v.get(key))
            .filter(|v| !v.is_null())
    })
}

async fn by_body(State(state): State<Arc<AppState>>, p: Params, body: Bytes) -> ApiResult {
    let body = body_json(&body)?;
    let cursor = match lookup(&body, &["cursor", "pagination.cursor"]) {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "`cursor` must be a string, got {other}"
            )))
        }
    };
    let size = match lookup(&body, &["limit", "pagination.limit"]) {
        Some(v) => v
            .as_u64()
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                ApiError::bad_request(format!("`limit` must be a positive integer, got {v}"))
            })?
            .min(state.opts.max_page_size),
        None => page_size(&state, &p, &["limit"])?,
    };
    let page = serve(&state, &p, cursor.as_deref(), size)?;
    let envelope = json!({ "data": null, "next_cursor": page.next });
    Ok(page.data.response(&envelope, &["data"]))
}
