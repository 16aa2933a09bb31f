//! `json_link` pagination: the next page's URL in the body.

use std::sync::Arc;

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use crate::support::paging::{page_size, Endless, Listing};
use crate::support::params::{ApiError, ApiResult, Params};
use crate::support::state::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `{"data", "count", "page", "next": "http://127.0.0.1:<port>/...?page=2"}`.
    Absolute,
    /// Same with `"next": "/json_link/relative/posts?page=2"`.
    RelativePath,
    /// Same with `"next": "?page=2&..."` (query only).
    QueryOnly,
    /// `{"@odata.context", "@odata.count", "value", "@odata.nextLink"}` (key absent at the end).
    OData,
    /// `{"data", "links": {"self", "next"}, "meta": {"total"}}`.
    Nested,
}

/// The JSON-link routes.
pub fn routes() -> Router<Arc<AppState>> {
    let route = |style: Style| get(move |s: State<Arc<AppState>>, p: Params| page(s, p, style));
    Router::new()
        .route("/json_link/posts", route(Style::Absolute))
        .route("/json_link/relative/posts", route(Style::RelativePath))
        .route("/json_link/query_only/posts", route(Style::QueryOnly))
        .route("/json_link/odata/posts", route(Style::OData))
        .route("/json_link/nested/posts", route(Style::Nested))
}

async fn page(State(state): State<Arc<AppState>>, p: Params, style: Style) -> ApiResult {
    let listing = Listing::from_request(&state, &p)?;
    let size = page_size(&state, &p, &["limit", "per_page"])?;
    let page = p.u64("page")?.unwrap_or(1);
    if page == 0 {
        return Err(ApiError::bad_request("`page` starts at 1"));
    }
    let endless = Endless::from_request(&p)?;
    let offset = (page - 1).saturating_mul(size);
    let data = listing.posts(&state, offset, size, endless == Endless::Increasing);
    let next_pq = match endless {
        Endless::Same => p.path_and_query(),
        _ => p.with(&[("page", (page + 1).to_string())]),
    };
    let next = endless
        .has_next(&listing, offset, size)
        .then(|| match style {
            Style::RelativePath => next_pq.clone(),
            Style::QueryOnly => format!("?{}", next_pq.split_once('?').map_or("", |(_, q)| q)),
            _ => format!("{}{}", state.base_url, next_pq),
        });
    let total = listing.len();
    let (envelope, slot) = match style {
        Style::Absolute | Style::RelativePath | Style::QueryOnly => (
            json!({ "data": null, "count": total, "page": page, "next": next }),
            "data",
        ),
        Style::OData => {
            let mut body = json!({
                "@odata.context": format!("{}/$metadata#posts", state.base_url),
                "@odata.count": total,
                "value": null,
            });
            if let (Some(link), Some(obj)) = (next, body.as_object_mut()) {
                obj.insert("@odata.nextLink".into(), Value::String(link));
            }
            (body, "value")
        }
        Style::Nested => (
            json!({
                "data": null,
                "links": { "self": format!("{}{}", state.base_url, p.path_and_query()), "next": next },
                "meta": { "total": total },
            }),
            "data",
        ),
    };
    Ok(data.response(&envelope, &[slot]))
}
