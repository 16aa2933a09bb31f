//! Records shaped like the mock API's posts (`tests/src/support/data.rs`): nested objects, a
//! list of scalars, a list of objects holding a list of objects, odd keys (camelCase, dashes,
//! dots, spaces), ISO timestamps and a `score` whose type varies. 1,000 posts make 5,500 rows.

#![allow(dead_code)] // each bench uses part of it

use serde_json::{json, Value};

const TITLES: [&str; 4] = [
    "Post",
    "Café déjà vu",
    "Emoji 🚀 party 🎉",
    "日本語のタイトル",
];
const TAGS: [&str; 5] = ["rust", "dlt", "sqlite", "json", "api"];

fn iso(secs: u64) -> String {
    let (d, rem) = (secs / 86_400, secs % 86_400);
    format!(
        "2024-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        1 + (d / 28) % 12,
        1 + d % 28,
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// One post.
pub fn post(id: u64) -> Value {
    let uid = (id - 1) % 10 + 1;
    let tags: Vec<&str> = (0..id % 4).map(|k| TAGS[((id + k) % 5) as usize]).collect();
    let comments: Vec<Value> = (0..id % 4)
        .map(|k| {
            let cid = id * 10 + k + 1;
            let reactions: Vec<Value> = (0..cid % 3)
                .map(|r| {
                    let emoji = ["👍", "🎉", "❤"][r as usize];
                    json!({"emoji": emoji, "count": cid % 7 + r})
                })
                .collect();
            json!({"id": cid, "postId": id, "body": format!("Comment {cid} on post {id}"),
                   "createdAt": iso(id * 600 + k * 60), "reactions": reactions})
        })
        .collect();
    let score = match id % 4 {
        1 => json!(id),
        2 => json!(format!("score-{id}")),
        3 => json!(3.5),
        _ => json!(true),
    };
    json!({
        "id": id,
        "title": format!("{} {id}", TITLES[(id % 4) as usize]),
        "userId": uid,
        "createdAt": iso(id * 600),
        "updated_at": iso(id * 600 + 86_700),
        "author": {"id": uid, "name": format!("Ünïcode User {uid}"), "e-mail": format!("u{uid}@example.com"),
                   "address": {"city": "Zürich", "geo": {"lat": 47.37, "lng": 8.54}}},
        "tags": tags,
        "comments": comments,
        "summary": if id.is_multiple_of(3) { Value::Null } else { json!(format!("Summary of post {id}")) },
        "score": score,
        "viewCount": id * 7 % 1000,
        "isPublished": !id.is_multiple_of(5),
        "x-rate": (id % 100) as f64 / 8.0,
        "meta.version": 1 + id % 3,
        "Display Name": format!("Post #{id}"),
    })
}

/// Posts `first..first + n`.
pub fn posts(first: u64, n: u64) -> Vec<Value> {
    (first..first + n).map(post).collect()
}

/// A json_link page as the mock serves it: `{"data": [...], "count", "page", "next"}`.
pub fn page(n: u64) -> Value {
    json!({"data": posts(1, n), "count": n, "page": 1,
           "next": "http://127.0.0.1:1/json_link/posts?limit=1000&page=2"})
}
