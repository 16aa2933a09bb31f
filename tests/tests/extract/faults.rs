//! Retries, Retry-After, response actions and broken responses.

use pipewright_engine::paginate::StopReason;
use serde_json::json;

use super::{all_posts, api, ids, run, source, try_run};

fn single(path: &str, params: serde_json::Value) -> serde_json::Value {
    json!({"name": "p", "endpoint": {"path": path, "params": params, "data_selector": "data", "paginator": "single_page"}})
}

#[test]
fn transient_503_is_retried_until_it_succeeds() {
    let api = api();
    let t = run(
        &source(
            &api,
            single(
                "selectors/data/posts",
                json!({"fail_first": 2, "fail": 503}),
            ),
        ),
        "p",
    );
    assert_eq!(ids(&t), all_posts(10));
    assert_eq!(t.pages[0].response.retries.len(), 2);
    assert_eq!(api.hits("/selectors/data/posts"), 3);
}

#[test]
fn retry_after_is_honoured_and_capped() {
    let api = api();
    let t = run(
        &source(
            &api,
            single(
                "selectors/data/posts",
                json!({"fail_first": 1, "fail": 429, "retry_after": 30}),
            ),
        ),
        "p",
    );
    let r = &t.pages[0].response.retries[0];
    assert_eq!(r.status, Some(429));
    // 30 s asked, capped by the (test) max_retry_delay of 200 ms.
    assert_eq!(r.waited_ms, 200);
}

#[test]
fn permanent_500_fails_after_five_attempts() {
    let api = api();
    let t = try_run(
        &source(&api, single("selectors/data/posts", json!({"fail": 500}))),
        "p",
    )
    .unwrap();
    let msg = t.error.unwrap();
    assert!(
        msg.contains("HTTP 500") && msg.contains("5 attempts"),
        "{msg}"
    );
    assert_eq!(api.hits("/selectors/data/posts"), 5);
}

#[test]
fn client_errors_fail_at_once_with_an_excerpt() {
    let api = api();
    let t = try_run(&source(&api, single("no/such/route", json!({}))), "p").unwrap();
    let msg = t.error.unwrap();
    assert!(msg.contains("HTTP 404") && msg.contains("body:"), "{msg}");
    assert_eq!(api.hits("/no/such/route"), 1);
}

#[test]
fn ignore_action_ends_the_sequence_quietly() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "no/such/route", "paginator": "single_page",
        "response_actions": [{"status_code": 404, "action": "ignore"}]}}),
    );
    let t = run(&doc, "p");
    assert!(t.records.is_empty());
    assert_eq!(t.stop, Some(StopReason::Ignored));
}

#[test]
fn jq_condition_retries_a_soft_error() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "selectors/data/posts",
        "params": {"fail_first": 1, "soft_error": 1}, "data_selector": "data", "paginator": "single_page",
        "response_actions": [{"condition": ".status == \"error\"", "action": "retry"}]}}),
    );
    let t = run(&doc, "p");
    assert_eq!(ids(&t), all_posts(10));
    assert_eq!(t.pages[0].response.retries.len(), 1);
}

#[test]
fn connection_reset_and_timeouts_are_retried() {
    let api = api();
    let t = run(
        &source(
            &api,
            single(
                "selectors/data/posts",
                json!({"fail_first": 1, "reset": "mid"}),
            ),
        ),
        "p",
    );
    assert_eq!(ids(&t), all_posts(10));
    let t = run(
        &source(
            &api,
            single(
                "selectors/data/posts",
                json!({"fail_first": 1, "reset": "before"}),
            ),
        ),
        "p",
    );
    assert_eq!(ids(&t), all_posts(10));
}

#[test]
fn non_json_bodies_are_explained() {
    let api = api();
    for (params, needle) in [
        (json!({"malformed": 1}), "not JSON"),
        (json!({"html": 200}), "text/html"),
    ] {
        let t = try_run(&source(&api, single("selectors/data/posts", params)), "p").unwrap();
        let msg = t.error.unwrap();
        assert!(msg.contains(needle), "{msg}");
    }
}

#[test]
fn faults_on_every_page_still_give_every_record() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "json_link/posts", "data_selector": "data",
        "params": {"chaos_seed": 7, "chaos_rate": 0.3, "chaos_kinds": "429,503,reset"}, "paginator": "json_link"}}),
    );
    let t = run(&doc, "p");
    assert_eq!(ids(&t), all_posts(25));
}
