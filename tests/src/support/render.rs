//! Streaming JSON output of list pages. Records are written straight into the response buffer,
//! byte for byte what serialising the `serde_json::Value` trees of [`super::data`] gives (compact;
//! `serde_json` is built with `preserve_order`, so keys keep their insertion order), without
//! building those trees: per-id parts are formatted in place and the constant parts (escaped
//! strings, the few distinct floats) are prepared once.
//!
//! A page is a small JSON envelope built by its route (with `json!`, any placeholder in the records'
//! place) and a slot, the key path of the records in it, which [`json_page`] fills.

use std::sync::OnceLock;

use axum::body::Bytes;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::data::{
    author_id, comment_count, comment_created_secs, created_secs, lat_of, lat_step, lng_of,
    lng_step, pick_index, updated_millis, x_rate, CITIES, NAMES, REACTIONS, TAGS, TITLES,
};
use super::time::{push_iso_millis_offset, push_iso_z};

/// A generous average size of a post in bytes (about 650 for six-digit ids), to size buffers.
pub const POST_SIZE_HINT: usize = 768;

/// Pre-rendered JSON of the data tables.
struct Fragments {
    /// Title templates split at `{id}`: the opening quote and escaped text before it, and the
    /// escaped text after it with the closing quote.
    titles: Vec<(Vec<u8>, Vec<u8>)>,
    /// Quoted, escaped strings.
    tags: Vec<Vec<u8>>,
    names: Vec<Vec<u8>>,
    cities: Vec<Vec<u8>>,
    reactions: Vec<Vec<u8>>,
    /// Numbers by their step (see [`lat_step`], [`lng_step`]) and by `id % 100` for `x-rate`.
    lat: Vec<Vec<u8>>,
    lng: Vec<Vec<u8>>,
    x_rate: Vec<Vec<u8>>,
}

/// `value` as compact JSON.
fn rendered(value: Value) -> Vec<u8> {
    value.to_string().into_bytes()
}

fn quoted(text: &str) -> Vec<u8> {
    rendered(Value::String(text.to_string()))
}

fn quoted_all(list: &[&str]) -> Vec<Vec<u8>> {
    list.iter().map(|s| quoted(s)).collect()
}

impl Fragments {
    fn new() -> Self {
        let titles = TITLES
            .iter()
            .map(|t| {
                let (before, after) = t.split_once("{id}").unwrap_or((t, ""));
                let mut open = quoted(before);
                open.pop(); // closing quote
                let mut close = quoted(after);
                close.remove(0); // opening quote
                (open, close)
            })
            .collect();
        let numbers = |n: u64, f: fn(u64) -> f64| (0..n).map(|k| rendered(f(k).into())).collect();
        Fragments {
            titles,
            tags: quoted_all(&TAGS),
            names: quoted_all(&NAMES),
            cities: quoted_all(&CITIES),
            reactions: quoted_all(&REACTIONS),
            lat: numbers(180, lat_of),
            lng: numbers(360, lng_of),
            x_rate: numbers(100, x_rate),
        }
    }
}

fn fragments() -> &'static Fragments {
    static FRAGMENTS: OnceLock<Fragments> = OnceLock::new();
    FRAGMENTS.get_or_init(Fragments::new)
}

/// Entry `i` of a table, as [`super::data`]'s `pick` chooses it.
fn pick(list: &[Vec<u8>], i: u64) -> &[u8] {
    &list[pick_index(list.len(), i)]
}

/// Append the decimal digits of `v`.
pub fn push_u64(out: &mut Vec<u8>, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

fn push_bool(out: &mut Vec<u8>, v: bool) {
    out.extend_from_slice(if v { b"true" } else { b"false" });
}

/// Append any JSON value, compact.
pub fn push_value(out: &mut Vec<u8>, value: &Value) {
    // Writing into a Vec cannot fail, and a `Value` always serialises.
    let _ = serde_json::to_writer(&mut *out, value);
}

/// Append post `id`, exactly as `serde_json::to_vec(&data::post(id, users))` would.
pub fn push_post(out: &mut Vec<u8>, id: u64, users: u64) {
    let f = fragments();
    let uid = author_id(id, users);
    out.extend_from_slice(b"{\"id\":");
    push_u64(out, id);
    let (open, close) = &f.titles[pick_index(f.titles.len(), id)];
    out.extend_from_slice(b",\"title\":");
    out.extend_from_slice(open);
    push_u64(out, id);
    out.extend_from_slice(close);
    out.extend_from_slice(b",\"userId\":");
    push_u64(out, uid);
    out.extend_from_slice(b",\"createdAt\":\"");
    push_iso_z(out, created_secs(id));
    out.extend_from_slice(b"\",\"updated_at\":\"");
    push_iso_millis_offset(out, updated_millis(id));
    out.extend_from_slice(b"\",\"author\":");
    push_author(out, uid);
    out.extend_from_slice(b",\"tags\":[");
    for k in 0..id % 4 {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(pick(&f.tags, id + k));
    }
    out.extend_from_slice(b"],\"comments\":[");
    for k in 0..comment_count(id) {
        if k > 0 {
            out.push(b',');
        }
        push_comment(out, id, k);
    }
    out.extend_from_slice(b"],\"summary\":");
    if id.is_multiple_of(3) {
        out.extend_from_slice(b"null");
    } else {
        out.extend_from_slice(b"\"Summary of post ");
        push_u64(out, id);
        out.push(b'"');
    }
    out.extend_from_slice(b",\"score\":");
    match (id.saturating_sub(1)) % 4 {
        0 => push_u64(out, id * 10),
        1 => {
            out.extend_from_slice(b"\"score-");
            push_u64(out, id);
            out.push(b'"');
        }
        2 => push_value(out, &Value::from(id as f64 + 0.5)),
        _ => push_bool(out, id.is_multiple_of(8)),
    }
    out.extend_from_slice(b",\"viewCount\":");
    push_u64(out, id * 7 % 1000);
    out.extend_from_slice(b",\"isPublished\":");
    push_bool(out, !id.is_multiple_of(5));
    out.extend_from_slice(b",\"x-rate\":");
    out.extend_from_slice(&f.x_rate[pick_index(f.x_rate.len(), id)]);
    out.extend_from_slice(b",\"meta.version\":");
    push_u64(out, 1 + id % 3);
    out.extend_from_slice(b",\"Display Name\":\"Post #");
    push_u64(out, id);
    out.extend_from_slice(b"\"}");
}

/// Append the author object of user `uid`, as `data::author(uid)` serialises.
pub fn push_author(out: &mut Vec<u8>, uid: u64) {
    let f = fragments();
    out.extend_from_slice(b"{\"id\":");
    push_u64(out, uid);
    out.extend_from_slice(b",\"name\":");
    out.extend_from_slice(pick(&f.names, uid));
    out.extend_from_slice(b",\"e-mail\":\"user");
    push_u64(out, uid);
    out.extend_from_slice(b"@example.com\",\"address\":{\"city\":");
    out.extend_from_slice(pick(&f.cities, uid));
    out.extend_from_slice(b",\"geo\":{\"lat\":");
    out.extend_from_slice(pick(&f.lat, lat_step(uid)));
    out.extend_from_slice(b",\"lng\":");
    out.extend_from_slice(pick(&f.lng, lng_step(uid)));
    out.extend_from_slice(b"}}}");
}

/// Append comment `k` of post `post_id`, as `data::comment(post_id, k)` serialises.
pub fn push_comment(out: &mut Vec<u8>, post_id: u64, k: u64) {
    let f = fragments();
    let cid = post_id * 10 + k + 1;
    out.extend_from_slice(b"{\"id\":");
    push_u64(out, cid);
    out.extend_from_slice(b",\"postId\":");
    push_u64(out, post_id);
    out.extend_from_slice(b",\"body\":\"Comment ");
    push_u64(out, k + 1);
    out.extend_from_slice(b" on post ");
    push_u64(out, post_id);
    out.extend_from_slice(" ✍️\",\"createdAt\":\"".as_bytes());
    push_iso_z(out, comment_created_secs(post_id, k));
    out.extend_from_slice(b"\",\"reactions\":[");
    for r in 0..cid % 3 {
        if r > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"emoji\":");
        out.extend_from_slice(pick(&f.reactions, cid + r));
        out.extend_from_slice(b",\"count\":");
        push_u64(out, (cid + r) % 7 + 1);
        out.push(b'}');
    }
    out.extend_from_slice(b"]}");
}

/// Append a JSON array of `len` items, item `i` written by `item(out, i)`.
pub fn push_array(out: &mut Vec<u8>, len: u64, mut item: impl FnMut(&mut Vec<u8>, u64)) {
    out.push(b'[');
    for i in 0..len {
        if i > 0 {
            out.push(b',');
        }
        item(out, i);
    }
    out.push(b']');
}

/// Append `envelope` with the value at key path `slot` replaced by what `fill` writes (called
/// once; an empty `slot` is the whole envelope).
fn push_envelope(
    out: &mut Vec<u8>,
    envelope: &Value,
    slot: &[&str],
    fill: &mut Option<impl FnOnce(&mut Vec<u8>)>,
) {
    match (slot.split_first(), envelope) {
        (None, _) => {
            if let Some(fill) = fill.take() {
                fill(out);
            }
        }
        (Some((key, rest)), Value::Object(map)) => {
            out.push(b'{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                push_value(out, &Value::String(k.clone()));
                out.push(b':');
                if k == key {
                    push_envelope(out, v, rest, fill);
                } else {
                    push_value(out, v);
                }
            }
            out.push(b'}');
        }
        (Some(_), other) => push_value(out, other),
    }
}

/// The body of a page: `envelope` with the value at key path `slot` replaced by what `records`
/// writes. `capacity` is the expected size of the records.
pub fn page_bytes(
    envelope: &Value,
    slot: &[&str],
    capacity: usize,
    records: impl FnOnce(&mut Vec<u8>),
) -> Vec<u8> {
    let mut out = Vec::with_capacity(capacity + 512);
    let mut fill = Some(records);
    push_envelope(&mut out, envelope, slot, &mut fill);
    debug_assert!(fill.is_none(), "slot {slot:?} not found in {envelope}");
    out
}

/// A `200 application/json` response with the body of [`page_bytes`] (the same headers as
/// `axum::Json`; the buffer becomes the body without a copy).
pub fn json_page(
    envelope: &Value,
    slot: &[&str],
    capacity: usize,
    records: impl FnOnce(&mut Vec<u8>),
) -> Response {
    json_response(page_bytes(envelope, slot, capacity, records))
}

/// A `200 application/json` response with an already serialised body.
pub fn json_response(body: Vec<u8>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        Bytes::from(body),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::support::data::{comment, post};

    fn ids() -> Vec<u64> {
        let mut ids: Vec<u64> = (0..=5000).collect();
        for base in [99_999, 1_000_000_000, 420_000_000, 1 << 40, 123_456_789_012] {
            ids.extend(base..base + 40);
        }
        ids
    }

    #[test]
    fn posts_match_the_value_trees() {
        for users in [0, 1, 7, 10, 1000, u64::MAX] {
            for id in ids() {
                let mut out = Vec::new();
                push_post(&mut out, id, users);
                let expected = serde_json::to_vec(&post(id, users)).unwrap();
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    String::from_utf8(expected).unwrap(),
                    "post {id}, users {users}"
                );
            }
        }
    }

    #[test]
    fn comments_match_the_value_trees() {
        for id in ids() {
            for k in 0..4 {
                let mut out = Vec::new();
                push_comment(&mut out, id, k);
                assert_eq!(out, serde_json::to_vec(&comment(id, k)).unwrap());
            }
        }
    }

    #[test]
    fn numbers_and_envelopes() {
        for v in [0, 1, 9, 10, 99, 100, 12_345, u64::MAX] {
            let mut out = Vec::new();
            push_u64(&mut out, v);
            assert_eq!(out, v.to_string().into_bytes());
        }
        let records = vec![json!({"a": 1}), json!("é\"\n"), Value::Null];
        let fill =
            |out: &mut Vec<u8>| push_array(out, 3, |out, i| push_value(out, &records[i as usize]));
        let envelopes = [
            (json!(null), vec![]),
            (
                json!({"data": null, "next": "x\"y", "n": 1.5}),
                vec!["data"],
            ),
            (
                json!({"tags": ["decoy"], "response": {"body": {"records": 0}}, "z": {}}),
                vec!["response", "body", "records"],
            ),
            (
                json!({"@odata.context": "c", "value": [], "@odata.nextLink": "l"}),
                vec!["value"],
            ),
        ];
        for (envelope, slot) in envelopes {
            let mut expected = envelope.clone();
            let mut target = &mut expected;
            for key in &slot {
                target = &mut target[*key];
            }
            *target = Value::Array(records.clone());
            let got = page_bytes(&envelope, &slot, 0, fill);
            assert_eq!(got, serde_json::to_vec(&expected).unwrap(), "{envelope}");
        }
    }
}
