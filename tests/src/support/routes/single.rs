//! Unpaginated listings: `/single_page/posts` and the same records under different selectors.

use std::sync::Arc;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
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

async fn page(
    State(state): State<Arc<AppState>>,
    p: Params,
    sel: Selector,
) -> ApiResult<Json<Value>> {
    let listing = Listing::from_request(&state, &p)?;
    let limit = page_size(&state, &p, &["limit", "per_page"])?;
    let offset = p.u64("offset")?.unwrap_or(0);
    let data = listing.records(&state, offset, limit, false);
    let n = data.len();
    Ok(Json(match sel {
        Selector::SinglePage => json!({ "data": data, "count": n }),
        Selector::Data => json!({ "data": data }),
        Selector::ResultsPosts => {
            json!({ "results": { "posts": data, "count": n }, "meta": { "source": "mock" } })
        }
        Selector::TopLevel => Value::Array(data),
        Selector::Items => json!({ "items": data, "meta": { "count": n } }),
        Selector::Deep => json!({
            "tags": ["decoy"],
            "response": { "body": { "records": data } },
        }),
    }))
}
