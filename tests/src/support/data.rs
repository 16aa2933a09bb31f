//! Deterministic generated data. Every record is a pure function of its id (and the number of
//! users), so any page of a million posts can be produced without holding the others.

use serde_json::{json, Value};

use super::time::{iso_millis_offset, iso_z};

/// `createdAt` of post 0 (2024-01-01T00:00:00Z); post `id` is created `id * 600` s later.
pub const EPOCH_SECS: i64 = 1_704_067_200;
/// Seconds between consecutive posts' `createdAt`.
pub const STEP_SECS: i64 = 600;

pub(crate) const TITLES: [&str; 6] = [
    "Post {id}",
    "Café déjà vu #{id}",
    "Emoji 🚀 party {id} 🎉",
    "日本語のタイトル {id}",
    "Quotes \"double\" and 'single' \\ back {id}",
    "Ünïcödé «guillemets» — {id}",
];
pub(crate) const TAGS: [&str; 7] = ["rust", "dlt", "api", "ünïcode", "emoji-🦀", "data", "etl"];
pub(crate) const NAMES: [&str; 8] = [
    "Zoë Ångström",
    "José Núñez",
    "李雷",
    "Ada Lovelace",
    "Grace Hopper",
    "Ørjan Ødegård",
    "Анна Каренина",
    "Bob O'Brien",
];
pub(crate) const CITIES: [&str; 6] = [
    "Zürich",
    "São Paulo",
    "Kraków",
    "東京",
    "Reykjavík",
    "New York",
];
pub(crate) const REACTIONS: [&str; 4] = ["👍", "❤️", "😂", "🎉"];

/// Seconds since the epoch of post `id`'s `createdAt`.
pub fn created_secs(id: u64) -> i64 {
    EPOCH_SECS + as_i64(id) * STEP_SECS
}

/// Milliseconds since the epoch of post `id`'s `updated_at`: one day and five minutes after
/// `createdAt`, plus `id % 1000` ms. Strictly increasing with `id`.
pub fn updated_millis(id: u64) -> i64 {
    (created_secs(id) + 86_400 + 300) * 1000 + as_i64(id % 1000)
}

pub(crate) fn as_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX / 4_000_000)
}

fn pick<'a>(list: &[&'a str], i: u64) -> &'a str {
    list[pick_index(list.len(), i)]
}

/// The index [`pick`] uses for `i` in a list of `len` entries.
pub(crate) fn pick_index(len: usize, i: u64) -> usize {
    let len = u64::try_from(len).unwrap_or(1);
    usize::try_from(i % len).unwrap_or(0)
}

/// The author (user) id of post `id`: users are assigned round-robin.
pub fn author_id(id: u64, users: u64) -> u64 {
    (id.saturating_sub(1)) % users.max(1) + 1
}

/// Number of comments of post `id` (0 to 3; so some posts have an empty `comments` list).
pub fn comment_count(post_id: u64) -> u64 {
    post_id % 4
}

/// The value of the `score` field, whose type cycles int, string, float, bool with the id.
fn score(id: u64) -> Value {
    match (id.saturating_sub(1)) % 4 {
        0 => json!(id * 10),
        1 => json!(format!("score-{id}")),
        2 => json!(id as f64 + 0.5),
        _ => json!(id.is_multiple_of(8)),
    }
}

/// `geo.lat` of user `uid` is `lat_of(lat_step(uid))` (one of 180 values).
pub(crate) fn lat_step(uid: u64) -> u64 {
    (uid * 37) % 180
}

pub(crate) fn lat_of(step: u64) -> f64 {
    step as f64 - 89.5 + 0.125
}

/// `geo.lng` of user `uid` is `lng_of(lng_step(uid))` (one of 360 values).
pub(crate) fn lng_step(uid: u64) -> u64 {
    (uid * 71) % 360
}

pub(crate) fn lng_of(step: u64) -> f64 {
    step as f64 - 179.5 + 0.25
}

/// `x-rate` of post `id` (one of 100 values, by `id % 100`).
pub(crate) fn x_rate(id: u64) -> f64 {
    (id % 100) as f64 / 4.0
}

fn geo(uid: u64) -> Value {
    let lat = lat_of(lat_step(uid));
    let lng = lng_of(lng_step(uid));
    json!({ "lat": lat, "lng": lng })
}

/// The nested `author` object embedded in a post.
pub fn author(uid: u64) -> Value {
    json!({
        "id": uid,
        "name": pick(&NAMES, uid),
        "e-mail": format!("user{uid}@example.com"),
        "address": { "city": pick(&CITIES, uid), "geo": geo(uid) },
    })
}

/// A user as served by `/users` and `/users/{id}`.
pub fn user(uid: u64) -> Value {
    json!({
        "id": uid,
        "name": pick(&NAMES, uid),
        "username": format!("user_{uid}"),
        "email": format!("user{uid}@example.com"),
        "address": {
            "street": format!("{} Main Street", uid * 3),
            "city": pick(&CITIES, uid),
            "zipcode": format!("{:05}", uid * 137 % 100_000),
            "geo": geo(uid),
        },
        "company": { "name": format!("Company {}", uid % 3), "catchPhrase": "Données & 🚀" },
        "website": if uid.is_multiple_of(2) { Value::Null } else { json!(format!("https://user{uid}.example.org")) },
    })
}

fn reactions(comment_id: u64) -> Value {
    let n = comment_id % 3;
    Value::Array(
        (0..n)
            .map(|k| json!({ "emoji": pick(&REACTIONS, comment_id + k), "count": (comment_id + k) % 7 + 1 }))
            .collect(),
    )
}

/// Seconds since the epoch of comment `k`'s `createdAt`: `k + 1` minutes after its post's.
pub(crate) fn comment_created_secs(post_id: u64, k: u64) -> i64 {
    created_secs(post_id) + as_i64(k + 1) * 60
}

/// Comment `k` (0-based) of post `post_id`; its id is `post_id * 10 + k + 1`.
pub fn comment(post_id: u64, k: u64) -> Value {
    let cid = post_id * 10 + k + 1;
    json!({
        "id": cid,
        "postId": post_id,
        "body": format!("Comment {} on post {post_id} ✍️", k + 1),
        "createdAt": iso_z(comment_created_secs(post_id, k)),
        "reactions": reactions(cid),
    })
}

/// All comments of a post, in order.
pub fn comments(post_id: u64) -> Vec<Value> {
    (0..comment_count(post_id))
        .map(|k| comment(post_id, k))
        .collect()
}

/// Post `id`. Field names deliberately mix camelCase, snake_case, dashes, dots and spaces.
pub fn post(id: u64, users: u64) -> Value {
    let uid = author_id(id, users);
    let tags: Vec<&str> = (0..id % 4).map(|k| pick(&TAGS, id + k)).collect();
    json!({
        "id": id,
        "title": pick(&TITLES, id).replace("{id}", &id.to_string()),
        "userId": uid,
        "createdAt": iso_z(created_secs(id)),
        "updated_at": iso_millis_offset(updated_millis(id)),
        "author": author(uid),
        "tags": tags,
        "comments": comments(id),
        "summary": if id.is_multiple_of(3) { Value::Null } else { json!(format!("Summary of post {id}")) },
        "score": score(id),
        "viewCount": id * 7 % 1000,
        "isPublished": !id.is_multiple_of(5),
        "x-rate": x_rate(id),
        "meta.version": 1 + id % 3,
        "Display Name": format!("Post #{id}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_are_pure_and_timestamps_increase() {
        assert_eq!(post(7, 10), post(7, 10));
        assert_eq!(post(1, 10)["createdAt"], "2024-01-01T00:10:00Z");
        assert_eq!(post(3, 10)["summary"], Value::Null);
        assert!(post(1, 10)["score"].is_u64());
        assert!(post(2, 10)["score"].is_string());
        assert!(post(3, 10)["score"].is_f64());
        assert!(post(4, 10)["score"].is_boolean());
        for id in 1..3000 {
            assert!(updated_millis(id + 1) > updated_millis(id));
        }
    }
}
