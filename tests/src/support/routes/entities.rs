//! Single entities and child collections: `/posts/{id}`, `/posts/{id}/comments`, `/users`,
//! `/users/{id}`, `/users/{id}/posts`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::support::data::{author_id, comment, comment_count, post, user};
use crate::support::paging::{page_count, page_size};
use crate::support::params::{ApiError, ApiResult, Params};
use crate::support::state::AppState;

/// The entity routes.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/posts/{id}", get(one_post))
        .route("/posts/{id}/comments", get(post_comments))
        .route("/users", get(users))
        .route("/users/{id}", get(one_user))
        .route("/users/{id}/posts", get(user_posts))
}

fn id_in(raw: &str, max: u64, what: &str) -> ApiResult<u64> {
    match raw.parse::<u64>() {
        Ok(id) if (1..=max).contains(&id) => Ok(id),
        _ => Err(ApiError::not_found(format!("{what} `{raw}` not found"))),
    }
}

async fn one_post(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = id_in(&id, state.opts.posts, "post")?;
    Ok(Json(post(id, state.opts.users)))
}

async fn one_user(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = id_in(&id, state.opts.users, "user")?;
    Ok(Json(user(id)))
}

/// A page-number (base 1) page of `len` items produced by `item(index)`.
fn numbered<F: Fn(u64) -> Value>(
    state: &AppState,
    p: &Params,
    len: u64,
    item: F,
) -> ApiResult<Value> {
    let size = page_size(state, p, &["per_page", "limit"])?;
    let page = p.u64("page")?.unwrap_or(1);
    if page == 0 {
        return Err(ApiError::bad_request("`page` starts at 1"));
    }
    let start = (page - 1).saturating_mul(size).min(len);
    let end = start.saturating_add(size).min(len);
    Ok(json!({
        "data": (start..end).map(item).collect::<Vec<_>>(),
        "page": page,
        "per_page": size,
        "total": len,
        "total_pages": page_count(len, size),
    }))
}

async fn post_comments(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    p: Params,
) -> ApiResult<Json<Value>> {
    let id = id_in(&id, state.opts.posts, "post")?;
    numbered(&state, &p, comment_count(id), |k| comment(id, k)).map(Json)
}

async fn users(State(state): State<Arc<AppState>>, p: Params) -> ApiResult<Json<Value>> {
    numbered(&state, &p, state.opts.users, |i| user(i + 1)).map(Json)
}

async fn user_posts(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    p: Params,
) -> ApiResult<Json<Value>> {
    let uid = id_in(&id, state.opts.users, "user")?;
    let users = state.opts.users.max(1);
    // Posts are assigned round-robin: user `uid` wrote posts uid, uid + users, ...
    let len = if state.opts.posts >= uid {
        (state.opts.posts - uid) / users + 1
    } else {
        0
    };
    numbered(&state, &p, len, |i| {
        let pid = uid + i * users;
        debug_assert_eq!(author_id(pid, users), uid);
        post(pid, users)
    })
    .map(Json)
}
