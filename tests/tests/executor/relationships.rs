//! Parent values reaching a child through query params, a JSON body and headers, from a static
//! seed resource (inline `rows`), checked on what the API received.

use pipewright_engine::run::executor::ExtractOptions;
use pipewright_tests::support::{MockApi, MockOptions};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use super::{extract, records_of};

fn seeded(api: &MockApi, child: Value) -> Value {
    json!({"client": {"base_url": api.base_url()},
    "resources": [
        {"name": "seeds", "rows": [{"id": 3, "tag": "a b&c"}, {"id": 5, "tag": "x"}]},
        child
    ]})
}

fn run(doc: &Value) -> Vec<(String, Vec<Value>)> {
    extract(doc, ExtractOptions::default(), CancellationToken::new()).unwrap()
}

#[test]
fn seed_rows_are_loaded_and_feed_query_param_children() {
    let api = MockApi::start_blocking(MockOptions::default());
    let out = run(&seeded(
        &api,
        json!({"name": "echoes", "endpoint": {"path": "echo/q", "paginator": "single_page", "data_selector": "$",
            "params": {"post": "{resources.seeds.id}", "tag": "{resources.seeds.tag}"}}}),
    ));
    assert_eq!(
        records_of(&out, "seeds"),
        vec![
            json!({"id": 3, "tag": "a b&c"}),
            json!({"id": 5, "tag": "x"})
        ]
    );
    let args: Vec<Value> = records_of(&out, "echoes")
        .iter()
        .map(|r| r["args"].clone())
        .collect();
    // Values are encoded, so `&` in a parent value cannot add a parameter.
    assert_eq!(
        args,
        vec![
            json!([["post", "3"], ["tag", "a b&c"]]),
            json!([["post", "5"], ["tag", "x"]])
        ]
    );
}

#[test]
fn json_body_children_get_parent_values_with_their_types() {
    let api = MockApi::start_blocking(MockOptions::default());
    let out = run(&seeded(
        &api,
        json!({"name": "echoes", "endpoint": {"path": "echo/j", "method": "POST",
            "paginator": "single_page", "data_selector": "$",
            "json": {"post_id": "{resources.seeds.id}", "filter": {"tag": "{resources.seeds.tag}"},
                     "label": "post {resources.seeds.id}"}}}),
    ));
    let bodies: Vec<Value> = records_of(&out, "echoes")
        .iter()
        .map(|r| r["json"].clone())
        .collect();
    assert_eq!(
        bodies,
        vec![
            json!({"post_id": 3, "filter": {"tag": "a b&c"}, "label": "post 3"}),
            json!({"post_id": 5, "filter": {"tag": "x"}, "label": "post 5"})
        ]
    );
    assert!(records_of(&out, "echoes")
        .iter()
        .all(|r| r["method"] == "POST"));
}

#[test]
fn header_children_and_path_children_of_a_seed() {
    let api = MockApi::start_blocking(MockOptions {
        posts: 10,
        ..MockOptions::default()
    });
    let out = run(&seeded(
        &api,
        json!({"name": "comments", "include_from_parent": ["tag"],
            "endpoint": {"path": "posts/{resources.seeds.id}/comments", "data_selector": "data",
            "paginator": "single_page", "headers": {"X-Post": "{resources.seeds.id}"}}}),
    ));
    let comments = records_of(&out, "comments");
    // Post n has n % 4 comments: 3 and 1.
    let posts: Vec<u64> = comments
        .iter()
        .map(|c| c["postId"].as_u64().unwrap())
        .collect();
    assert_eq!(posts, vec![3, 3, 3, 5]);
    assert_eq!(comments[3]["_seeds_tag"], "x");
    let sent: Vec<Option<String>> = api
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/comments"))
        .map(|r| r.header("x-post").map(str::to_string))
        .collect();
    assert_eq!(sent, vec![Some("3".into()), Some("5".into())]);
}
