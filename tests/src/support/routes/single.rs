//! Unpaginated listings: `/single_page/posts` and the same records under different selectors.

use std::sync::Arc;

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use crate::support::paging::{page_size, Listing};
use crate::support::params::{ApiResult, Params};
use crate::support::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Selector {
    /// `{"data": [...], "count": n}` (`/single_page/posts`)
    SinglePage,
    /// `{"data": [...]}`
    Data,
    /// `{"results": {"posts": [...], "count": n}, "meta": {...}}`
    ResultsPosts,
    /// `[...]`
    TopLevel,
    /// `{"items": [...], "meta": {"count": n}}`
    Items,
    /// `{"response": {"body": {"records": [...]}}, "tags": [...]}`: records three keys deep, and a
    /// decoy list higher up.
    Deep,
}

/// The single-page and selector routes.
pub fn routes() -> Router<Arc<AppState>> {
    let route = |sel: Selector| get(move |s: State<Arc<AppState>>, p: Params| page(s, p, sel));
    Router::new()
        .route("/single_page/posts", route(Selector::SinglePage))
        .route("/selectors/data/posts", route(Selector::Data))
        .route(
            "/selectors/results_posts/posts",
            route(Selector::ResultsPosts),
        )
        .route("/selectors/top_level/posts", route(Selector::TopLevel))
        .route("/selectors/items/posts", route(Selector::Items))
        .route("/selectors/deep/posts", route(Selector::Deep))
}

async fn page(State(state): State<Arc<AppState>>, p: Params, sel: Selector) -> ApiResult {
    let listing = Listing::from_request(&state, &p)?;
    let limit = page_size(&state, &p, &["limit", "per_page"])?;
    let offset = p.u64("offset")?.unwrap_or(0);
    let data = listing.posts(&state, offset, limit, false);
    let n = data.len();
    let (envelope, slot): (Value, &[&str]) = match sel {
        Selector::SinglePage => (json!({ "data": null, "count": n }), &["data"]),
        Selector::Data => (json!({ "data": null }), &["data"]),
        Selector::ResultsPosts => (
            json!({ "results": { "posts": null, "count": n }, "meta": { "source": "mock" } }),
            &["results", "posts"],
        ),
        Selector::TopLevel => (Value::Null, &[]),
        Selector::Items => (json!({ "items": null, "meta": { "count": n } }), &["items"]),
        Selector::Deep => (
            json!({
                "tags": ["decoy"],
                "response": { "body": { "records": null } },
            }),
            &["response", "body", "records"],
        ),
    };
    Ok(data.response(&envelope, slot))
}
