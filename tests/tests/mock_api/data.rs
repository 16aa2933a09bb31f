//! Generated data: deterministic, varied, filterable.

use serde_json::json;

use super::{get, get_json, ids, opts, range};
use pipewright_tests::support::MockApi;

#[test]
fn data_is_deterministic_and_varied() {
    let a = MockApi::start_blocking(opts(250));
    let b = MockApi::start_blocking(opts(250));
    let text = |api: &MockApi| get(&api.url("/posts?page=7")).text().unwrap();
    assert_eq!(text(&a), text(&b));
    let page = get_json(&a.url("/posts?per_page=12"))["data"].clone();
    let p = |i: usize| &page[i];
    assert!(p(2)["summary"].is_null() && p(5)["summary"].is_null() && p(0)["summary"].is_string());
    let kinds: Vec<_> = (0..4).map(|i| p(i)["score"].clone()).collect();
    assert!(
        kinds[0].is_u64() && kinds[1].is_string() && kinds[2].is_f64() && kinds[3].is_boolean()
    );
    for key in [
        "createdAt",
        "updated_at",
        "x-rate",
        "meta.version",
        "Display Name",
        "viewCount",
    ] {
        assert!(p(0).get(key).is_some(), "{key}");
    }
    assert!(p(0)["author"]["address"]["geo"]["lat"].is_f64());
    assert!(p(0)["author"].get("e-mail").is_some());
    assert!(p(1)["title"].as_str().unwrap().contains('🚀'));
    assert!(p(2)["title"].as_str().unwrap().contains("日本語"));
    assert!(p(5)["comments"][0]["reactions"].is_array());
    assert!(p(0)["createdAt"].as_str().unwrap() < p(1)["createdAt"].as_str().unwrap());
}

#[test]
fn incremental_filters_and_sort() {
    let api = MockApi::start_blocking(opts(250));
    let all = get_json(&api.url("/offset/posts?limit=250"))["data"].clone();
    let since = all[99]["updated_at"].as_str().unwrap().replace('+', "%2B");
    let until = all[109]["updated_at"].as_str().unwrap().replace('+', "%2B");
    let b = get_json(&api.url(&format!("/offset/posts?since={since}&until={until}")));
    assert_eq!(
        (ids(&b["data"]), b["total"].clone()),
        (range(100, 109), json!(10))
    );
    assert_eq!(
        ids(&get_json(&api.url("/offset/posts?since_id=245"))["data"]),
        range(246, 250)
    );
    assert_eq!(
        ids(&get_json(&api.url("/offset/posts?sort=desc&limit=3"))["data"]),
        vec![250, 249, 248]
    );
    assert_eq!(get(&api.url("/offset/posts?since=yesterday")).status(), 400);
}
