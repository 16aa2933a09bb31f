//! Single entities and child collections: `/posts/{id}`, `/posts/{id}/comments`, `/users`,
//! `/users/{id}`, `/users/{id}/posts`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::support::data::{author_id, comment_count, user};
use crate::support::paging::{page_count, page_size};
use crate::support::params::{ApiError, ApiResult, Params};
use crate::support::render::{
    json_page, push_array, push_comment, push_post, push_value, POST_SIZE_HINT,
};
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

async fn one_post(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult {
    let id = id_in(&id, state.opts.posts, "post")?;
    let users = state.opts.users;
    Ok(json_page(&Value::Null, &[], POST_SIZE_HINT, |out| {
        push_post(out, id, users)
    }))
}

async fn one_user(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let id = id_in(&id, state.opts.users, "user")?;
    Ok(Json(user(id)))
}

/// A page-number (base 1) page of `len` items, item `index` written by `item(out, index)`;
/// `item_size` is the expected size of one item in bytes.
fn numbered<F: Fn(&mut Vec<u8>, u64)>(
    state: &AppState,
    p: &Params,
    len: u64,
    item_size: usize,
    item: F,
) -> ApiResult {
    let size = page_size(state, p, &["per_page", "limit"])?;
    let page = p.u64("page")?.unwrap_or(1);
    if page == 0 {
        return Err(ApiError::bad_request("`page` starts at 1"));
    }
    let start = (page - 1).saturating_mul(size).min(len);
    let end = start.saturating_add(size).min(len);
    let envelope = json!({
        "data": null,
        "page": page,
        "per_page": size,
        "total": len,
        "total_pages": page_count(len, size),
    });
    let capacity = usize::try_from(end - start)
        .unwrap_or(0)
        .saturating_mul(item_size);
    Ok(json_page(&envelope, &["data"], capacity, |out| {
        push_array(out, end - start, |out, i| item(out, start + i))
    }))
}

async fn post_comments(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    p: Params,
) -> ApiResult {
    let id = id_in(&id, state.opts.posts, "post")?;
    numbered(&state, &p, comment_count(id), 200, |out, k| {
        push_comment(out, id, k)
    })
}

async fn users(State(state): State<Arc<AppState>>, p: Params) -> ApiResult {
    numbered(&state, &p, state.opts.users, 400, |out, i| {
        push_value(out, &user(i + 1))
    })
}

async fn user_posts(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    p: Params,
) -> ApiResult {
    let uid = id_in(&id, state.opts.users, "user")?;
    let users = state.opts.users.max(1);
    // Posts are assigned round-robin: user `uid` wrote posts uid, uid + users, ...
    let len = if state.opts.posts >= uid {
        (state.opts.posts - uid) / users + 1
    } else {
        0
    };
    numbered(&state, &p, len, POST_SIZE_HINT, |out, i| {
        let pid = uid + i * users;
        debug_assert_eq!(author_id(pid, users), uid);
        push_post(out, pid, users)
    })
}
