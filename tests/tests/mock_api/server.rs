//! The server itself: log, counters, control routes, async start, shutdown, the binary, big N.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use pipewright_tests::support::{MockApi, MockOptions};
use serde_json::json;

use super::{client, get, get_json, ids, opts, range, JsonBody};

#[test]
fn log_records_requests_and_counts_routes() {
    let api = MockApi::start_blocking(opts(25));
    client()
        .post(api.url("/echo/x?a=1&b=%C3%A9"))
        .header("X-Trace", "t1")
        .header("content-type", "application/json")
        .body(r#"{"q": "ü"}"#)
        .send()
        .unwrap();
    get(&api.url("/posts?page=2"));
    get(&api.url("/posts?page=3"));
    let log = api.requests();
    assert_eq!(log.len(), 3);
    let first = &log[0];
    assert_eq!(
        (first.method.as_str(), first.path.as_str()),
        ("POST", "/echo/x")
    );
    assert_eq!(first.query_param("b").as_deref(), Some("é"));
    assert_eq!(first.header("x-trace"), Some("t1"));
    assert_eq!(first.body_json(), Some(json!({"q": "ü"})));
    assert_eq!(first.status, Some(200));
    assert_eq!(api.hits("/posts"), 2);
    assert_eq!(
        api.requests_to("/posts")[1].path_and_query(),
        "/posts?page=3"
    );
    let remote = get_json(&api.url("/_mock/requests"));
    assert_eq!(remote.as_array().unwrap().len(), 3, "/_mock is not logged");
    assert_eq!(
        get_json(&api.url("/_mock/counts")),
        json!({"/echo/x": 1, "/posts": 2})
    );
    client().post(api.url("/_mock/reset")).send().unwrap();
    assert!(api.requests().is_empty());
    assert_eq!(api.hits("/posts"), 0);
}

#[test]
fn echo_reflects_request() {
    let api = MockApi::start_blocking(opts(25));
    let r = client()
        .post(api.url("/echo?l=1&l=2"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=x&scope=a+b")
        .send()
        .unwrap()
        .json_value();
    assert_eq!(r["method"], "POST");
    assert_eq!(r["args"], json!([["l", "1"], ["l", "2"]]));
    assert_eq!(r["form"], json!([["grant_type", "x"], ["scope", "a b"]]));
}

#[test]
fn dropping_the_server_stops_it() {
    let api = MockApi::start_blocking(opts(25));
    let url = api.url("/posts");
    assert_eq!(get(&url).status(), 200);
    drop(api);
    assert!(client().get(&url).send().is_err());
}

#[tokio::test]
async fn async_start_and_stop() {
    let api = MockApi::start(MockOptions {
        posts: 5,
        ..MockOptions::default()
    })
    .await;
    assert!(api.base_url().starts_with("http://127.0.0.1:"));
    let body: serde_json::Value = serde_json::from_str(
        &reqwest::get(api.url("/offset/posts"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    assert_eq!(ids(&body["data"]), range(1, 5));
    let url = api.url("/posts");
    api.stop().await;
    assert!(reqwest::get(url).await.is_err());
}

#[test]
fn a_million_posts_are_generated_lazily() {
    let api = MockApi::start_blocking(MockOptions {
        posts: 1_000_000,
        ..MockOptions::default()
    });
    let b = get_json(&api.url("/offset/posts?offset=999990&limit=10"));
    assert_eq!(
        (ids(&b["data"]), b["total"].clone()),
        (range(999_991, 1_000_000), json!(1_000_000))
    );
    let last = get_json(&api.url("/page_number/posts?page=100000&per_page=10"));
    assert_eq!(last["total_pages"], 100_000);
}

#[test]
fn binary_prints_its_url_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mock-api"))
        .args(["--port", "0", "--posts", "100000", "--page-size", "1000"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line.trim().to_string();
    let result = std::panic::catch_unwind(|| {
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        let b = get_json(&format!("{base}/offset/posts?offset=99000"));
        assert_eq!(ids(&b["data"]), range(99_001, 100_000));
    });
    child.kill().unwrap();
    child.wait().unwrap();
    result.unwrap();
}
