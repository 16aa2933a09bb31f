//! `page_number` pagination: `/posts`, `/page_number/*`.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde_json::json;

use crate::support::paging::{page_count, page_size, Listing};
use crate::support::params::{ApiError, ApiResult, Params};
use crate::support::state::AppState;

/// Response shapes of the page-number routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `{"data", "page", "per_page", "total" (items), "total_pages"}`.
    Flat,
    /// `{"items", "meta": {"pagination": {"page", "per_page", "total_items", "total_pages"}}}`.
    Nested,
    /// `{"data"}` only; the end is an empty page.
    NoTotal,
}

/// The page-number routes.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            "/posts",
            get(|s: State<Arc<AppState>>, p: Params| page(s, p, 1, Shape::Flat)),
        )
        .route(
            "/page_number/posts",
            get(|s: State<Arc<AppState>>, p: Params| page(s, p, 1, Shape::Flat)),
        )
        .route(
            "/page_number/zero_based/posts",
            get(|s: State<Arc<AppState>>, p: Params| page(s, p, 0, Shape::Flat)),
        )
        .route(
            "/page_number/nested/posts",
            get(|s: State<Arc<AppState>>, p: Params| page(s, p, 1, Shape::Nested)),
        )
        .route(
            "/page_number/no_total/posts",
            get(|s: State<Arc<AppState>>, p: Params| page(s, p, 1, Shape::NoTotal)),
        )
}

/// Serve one page of posts with pages numbered from `base`.
pub async fn page(
    State(state): State<Arc<AppState>>,
    p: Params,
    base: u64,
    shape: Shape,
) -> ApiResult {
    render(&state, &p, base, shape)
}

/// The page body (shared with the auth routes).
pub fn render(state: &AppState, p: &Params, base: u64, shape: Shape) -> ApiResult<Response> {
    let listing = Listing::from_request(state, p)?;
    let size = page_size(state, p, &["per_page", "limit"])?;
    let page = p.u64("page")?.unwrap_or(base);
    if page < base {
        return Err(ApiError::bad_request(format!(
            "`page` starts at {base}, got {page}"
        )));
    }
    let offset = (page - base).saturating_mul(size);
    let data = listing.posts(state, offset, size, false);
    let total = listing.len();
    let total_pages = page_count(total, size);
    let (envelope, slot) = match shape {
        Shape::Flat => (
            json!({
                "data": null,
            "page": page,
            "per_page": size,
            "total": total,
            "total_pages": total_pages,
            }),
            "data",
        ),
        Shape::Nested => (
            json!({
                "items": null,
                "meta": { "pagination": {
                    "page": page,
                    "per_page": size,
                    "total_items": total,
                    "total_pages": total_pages,
                } },
            }),
            "items",
        ),
        Shape::NoTotal => (json!({ "data": null }), "data"),
    };
    Ok(data.response(&envelope, &[slot]))
}
