//! `header_cursor` pagination: a bare JSON list; the next cursor in a `NextPageToken` header, sent
//! back as the `cursor` query parameter.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::HeaderName;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde_json::Value;

use crate::support::paging::{decode_cursor, encode_cursor, page_size, Endless, Listing};
use crate::support::params::{ApiResult, Params};
use crate::support::state::AppState;

/// Name of the response header carrying the next cursor.
pub const NEXT_PAGE_TOKEN: &str = "NextPageToken";

/// The header-cursor routes.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/header_cursor/posts", get(page))
}

async fn page(State(state): State<Arc<AppState>>, p: Params) -> ApiResult {
    let listing = Listing::from_request(&state, &p)?;
    let size = page_size(&state, &p, &["limit", "per_page"])?;
    let offset = match p.get("cursor") {
        None | Some("") => 0,
        Some(c) => decode_cursor(c)?,
    };
    let endless = Endless::from_request(&p)?;
    let data = listing.posts(&state, offset, size, endless == Endless::Increasing);
    let mut response: Response = data.response(&Value::Null, &[]);
    if endless.has_next(&listing, offset, size) {
        let next = match endless {
            Endless::Same => offset,
            _ => offset.saturating_add(size),
        };
        if let Ok(value) = encode_cursor(next).parse() {
            let name = HeaderName::from_static("nextpagetoken");
            response.headers_mut().insert(name, value);
        }
    }
    Ok(response)
}
