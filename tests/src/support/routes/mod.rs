//! All routes, assembled into one router behind the logging/fault middleware.

mod control;
mod cursor;
mod entities;
mod header_cursor;
mod header_link;
pub mod hostile;
mod json_link;
mod offset;
mod page_number;
mod protected;
mod single;

use std::sync::Arc;

use axum::http::{Method, Uri};
use axum::middleware::from_fn_with_state;
use axum::Router;
use serde_json::Value;

pub use header_cursor::NEXT_PAGE_TOKEN;

use super::inject::observe;
use super::params::{ApiError, ApiResult};
use super::state::AppState;

/// The complete application.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .merge(page_number::routes())
        .merge(json_link::routes())
        .merge(header_link::routes())
        .merge(header_cursor::routes())
        .merge(cursor::routes())
        .merge(offset::routes())
        .merge(single::routes())
        .merge(entities::routes())
        .merge(protected::routes())
        .merge(hostile::routes())
        .merge(control::routes())
        .fallback(not_found)
        .layer(from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!("no route for {method} {}", uri.path()))
}

/// Parse a JSON request body; an empty body is `{}`.
pub(crate) fn body_json(body: &[u8]) -> ApiResult<Value> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Default::default()));
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))
}
