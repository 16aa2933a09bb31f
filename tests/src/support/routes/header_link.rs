//! `header_link` pagination: a bare JSON list with an RFC 8288 `Link` header.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header::{HeaderName, LINK};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use serde_json::Value;

use crate::support::paging::{page_count, page_size, Endless, Listing};
use crate::support::params::{ApiError, ApiResult, Params};
use crate::support::state::AppState;

/// The header-link routes.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/header_link/posts",
            get(|s: State<Arc<AppState>>, p: Params| page(s, p, true)),
        )
        .route(
            "/header_link/relative/posts",
            get(|s: State<Arc<AppState>>, p: Params| page(s, p, false)),
        )
}

async fn page(State(state): State<Arc<AppState>>, p: Params, absolute: bool) -> ApiResult {
    let listing = Listing::from_request(&state, &p)?;
    let size = page_size(&state, &p, &["limit", "per_page"])?;
    let page = p.u64("page")?.unwrap_or(1);
    if page == 0 {
        return Err(ApiError::bad_request("`page` starts at 1"));
    }
    let endless = Endless::from_request(&p)?;
    let offset = (page - 1).saturating_mul(size);
    let data = listing.posts(&state, offset, size, endless == Endless::Increasing);
    let url = |pq: String| {
        let target = if absolute {
            format!("{}{pq}", state.base_url)
        } else {
            pq
        };
        format!("<{target}>")
    };
    let at_page = |n: u64| url(p.with(&[("page", n.to_string())]));
    let mut links = Vec::new();
    if endless.has_next(&listing, offset, size) {
        let next = match endless {
            Endless::Same => url(p.path_and_query()),
            _ => at_page(page + 1),
        };
        links.push(format!("{next}; rel=\"next\""));
    }
    if page > 1 {
        links.push(format!("{}; rel=\"prev\"", at_page(page - 1)));
    }
    links.push(format!("{}; rel=\"first\"", at_page(1)));
    if endless == Endless::No {
        let last = page_count(listing.len(), size).max(1);
        links.push(format!("{}; rel=\"last\"", at_page(last)));
    }
    let total = HeaderName::from_static("x-total-count");
    Ok((
        [(LINK, links.join(", ")), (total, listing.len().to_string())],
        data.response(&Value::Null, &[]),
    )
        .into_response())
}
