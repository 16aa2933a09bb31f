//! Hostile responses for robustness tests: `/hostile/deep`, `/hostile/huge_string`,
//! `/hostile/odd_keys`, `/hostile/big_numbers`, `/hostile/empty`, `/hostile/stall`,
//! `/hostile/non_utf8`.
//!
//! Bodies are written as text, not built as `serde_json::Value`s, so that the server itself never
//! recurses over a 10,000-level document and can send numbers that `Value` cannot hold.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Map, Value};

use crate::support::params::{ApiError, ApiResult, Params};
use crate::support::state::AppState;

/// Default depth of `/hostile/deep`: far beyond any parser's recursion limit.
pub const DEFAULT_DEPTH: u64 = 10_000;
/// Default size of the string of `/hostile/huge_string`: 10 MiB.
pub const DEFAULT_STRING_BYTES: u64 = 10 << 20;
/// Default `Content-Length` announced by `/hostile/stall`: 1 GiB.
pub const DEFAULT_STALL_LENGTH: u64 = 1 << 30;
/// Default time `/hostile/stall` keeps the connection open before aborting it.
pub const DEFAULT_STALL_MS: u64 = 30_000;
/// Upper bound on `depth` and `bytes`, so a typo cannot exhaust the test machine.
const MAX_SIZE: u64 = 256 << 20;

/// The hostile routes.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/hostile/deep", get(deep))
        .route("/hostile/huge_string", get(huge_string))
        .route("/hostile/odd_keys", get(odd_keys))
        .route("/hostile/big_numbers", get(big_numbers))
        .route("/hostile/empty", get(empty))
        .route("/hostile/stall", get(stall))
        .route("/hostile/non_utf8", get(non_utf8))
}

fn json_text(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn bounded(p: &Params, name: &str, default: u64) -> ApiResult<u64> {
    let v = p.u64(name)?.unwrap_or(default);
    if v > MAX_SIZE {
        return Err(ApiError::bad_request(format!(
            "`{name}` must be at most {MAX_SIZE}"
        )));
    }
    Ok(v)
}

/// `{"data": [{"id": 1, "deep": <depth levels>}]}`: `shape=array` (default) nests lists
/// `[[[...[1]...]]]`, `shape=object` nests `{"a": {"a": ... {"a": 1}}}`.
async fn deep(p: Params) -> ApiResult<Response> {
    let depth = usize::try_from(bounded(&p, "depth", DEFAULT_DEPTH)?).unwrap_or(0);
    let (open, close) = match p.get("shape").unwrap_or("array") {
        "array" => ("[", "]"),
        "object" => ("{\"a\": ", "}"),
        other => {
            return Err(ApiError::bad_request(format!(
                "`shape` must be array or object, got `{other}`"
            )))
        }
    };
    let mut body = String::with_capacity(depth * (open.len() + close.len()) + 64);
    body.push_str("{\"data\": [{\"id\": 1, \"deep\": ");
    body.push_str(&open.repeat(depth));
    body.push('1');
    body.push_str(&close.repeat(depth));
    body.push_str("}]}");
    Ok(json_text(body))
}

/// `{"data": [{"id": 1, "text": <bytes bytes>}]}`; the text mixes ASCII, accents, emoji and
/// characters JSON must escape, and is cut on a character boundary.
async fn huge_string(p: Params) -> ApiResult<Response> {
    let bytes = usize::try_from(bounded(&p, "bytes", DEFAULT_STRING_BYTES)?).unwrap_or(0);
    let text = huge_text(bytes);
    let record = json!({"id": 1, "text": text, "after": "still here"});
    Ok(json_text(json!({ "data": [record] }).to_string()))
}

/// The text served by `/hostile/huge_string?bytes=N` (for assertions).
pub fn huge_text(bytes: usize) -> String {
    const PATTERN: &str = "lorem ipsum \"quoted\" back\\slash tab\t newline\n é 日本 🚀 ";
    let mut text = String::with_capacity(bytes + PATTERN.len());
    while text.len() < bytes {
        text.push_str(PATTERN);
    }
    let mut cut = bytes.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

/// The keys `/hostile/odd_keys` uses: blanks, separators, quotes, control characters, SQL
/// keywords, non-ASCII, a 10,000-character key, and keys that normalise to the same name.
pub fn odd_keys_list() -> Vec<String> {
    let mut keys: Vec<String> = [
        "",
        " ",
        "  padded  ",
        "_",
        "__",
        "___",
        "a__b",
        "a.b",
        "a-b",
        "a b",
        "a\tb",
        "a\nb",
        "quote\"d",
        "single'quote",
        "back`tick",
        "semi;colon --",
        "[bracket]",
        "{brace}",
        "per%cent",
        "back\\slash",
        "slash/",
        "nul\u{0}char",
        "bell\u{7}",
        "\u{1f}",
        "é",
        "Ünïcödé",
        "日本語",
        "🚀",
        "٣٤",
        "123",
        "0leading",
        "select",
        "from",
        "table",
        "rowid",
        "value",
        "list",
        "_dlt_custom",
        "Name",
        "name",
        "NAME",
        "userId",
        "user_id",
        "trailing_",
        "+*@|",
        "\u{feff}bom",
        "\u{200b}zero width",
    ]
    .iter()
    .map(|k| (*k).to_string())
    .collect();
    keys.push("k".repeat(10_000));
    keys
}

/// One record whose keys are [`odd_keys_list`] (values are their index), plus a nested object and
/// a list of objects under odd keys, so nested columns and nested tables get odd names too.
pub fn odd_keys_record(id: u64) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(id));
    for (i, k) in odd_keys_list().into_iter().enumerate() {
        m.insert(k, json!(i));
    }
    m.insert(
        "nested \"obj\" 🚀".into(),
        json!({"": 1, "__": 2, "in\u{0}ner": "x", "a.b": {"c-d": true}}),
    );
    m.insert(
        "odd list [\u{7}]".into(),
        json!([{"k\"ey": 1, "": "blank"}, {"k\"ey": 2, "日本": "語"}, "scalar", [1, 2]]),
    );
    Value::Object(m)
}

/// Two records of [`odd_keys_record`].
async fn odd_keys() -> Response {
    let data = vec![odd_keys_record(1), odd_keys_record(2)];
    json_text(json!({ "data": data }).to_string())
}

/// The body of `/hostile/big_numbers`: integers beyond `u64`/`i64`, written as text.
pub const BIG_NUMBERS: &str = r#"{"data": [
 {"id": 1, "u64_max": 18446744073709551615, "beyond_u64": 18446744073709551616,
  "huge": 123456789012345678901234567890123456789, "i64_min": -9223372036854775808,
  "below_i64_min": -9223372036854775809, "huge_negative": -98765432109876543210987654321,
  "mixed": 1, "in_list": [1, 99999999999999999999999, -3], "nested": {"v": 340282366920938463463374607431768211456},
  "in_string": "123456789012345678901234567890", "float_exp": 1.5e300, "zero": 0, "neg_zero": -0},
 {"id": 2, "u64_max": 7, "beyond_u64": 36893488147419103232, "huge": 1,
  "i64_min": 5, "below_i64_min": -18446744073709551616, "huge_negative": -1,
  "mixed": 100000000000000000000, "in_list": [], "nested": {"v": 2},
  "in_string": "x", "float_exp": 2.5, "zero": 1, "neg_zero": 1}
]}"#;

async fn big_numbers() -> Response {
    json_text(BIG_NUMBERS.to_string())
}

/// `{"data": [{"id": 1, "name": "caf\xe9"}]}`: JSON whose string holds a Latin-1 byte, invalid
/// UTF-8, announced as `application/json` (`charset=<charset>` added when given).
async fn non_utf8(p: Params) -> Response {
    let content_type = match p.get("charset") {
        Some(c) => format!("application/json; charset={c}"),
        None => "application/json".to_string(),
    };
    let body: &'static [u8] = b"{\"data\": [{\"id\": 1, \"name\": \"caf\xe9\"}]}";
    let mut r = Response::new(Body::from(body));
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        r.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    r
}

/// 200 with `Content-Type: application/json` and no body at all.
async fn empty() -> Response {
    let mut r = Response::new(Body::empty());
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// 200 announcing `Content-Length: content_length` (default 1 GiB), sending the first bytes of
/// a JSON body, then nothing for `after_ms` (default 30 s), then aborting the connection.
async fn stall(p: Params) -> ApiResult<Response> {
    let length = p.u64("content_length")?.unwrap_or(DEFAULT_STALL_LENGTH);
    let after = Duration::from_millis(p.u64("after_ms")?.unwrap_or(DEFAULT_STALL_MS));
    let stream = futures_util::stream::unfold(0u8, move |step| async move {
        match step {
            0 => Some((Ok(Bytes::from_static(b"{\"data\": [{\"id\": 1")), 1)),
            1 => {
                tokio::time::sleep(after).await;
                Some((
                    Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "stalled body given up",
                    )),
                    2,
                ))
            }
            _ => None,
        }
    });
    let mut r = Response::new(Body::from_stream(stream));
    let headers = r.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(v) = HeaderValue::from_str(&length.to_string()) {
        headers.insert(header::CONTENT_LENGTH, v);
    }
    Ok(r)
}
