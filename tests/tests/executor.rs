//! The executor against the mock API: parent/child fan-out, grandchildren, include_from_parent,
//! selected=false parents, parallel children identical to sequential, and cancellation.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

#[path = "executor/per_parent.rs"]
mod per_parent;
#[path = "executor/relationships.rs"]
mod relationships;

use std::time::Duration;

use pipewright_engine::http::client::HttpClient;
use pipewright_engine::http::retry::HttpSettings;
use pipewright_engine::plan::source::plan;
use pipewright_engine::run::events::Events;
use pipewright_engine::run::executor::{Executor, ExtractOptions, FinalStates, Output};
use pipewright_engine::secrets::Stores;
use pipewright_engine::Error;
use pipewright_tests::support::{MockApi, MockOptions};
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

fn page_number() -> Value {
    json!({"type": "page_number", "base_page": 1, "total_path": "total_pages"})
}

type Pages = Vec<(String, Vec<Value>)>;

/// Runs a source and returns (resource name, records) per delivered page, in order.
pub(crate) fn extract(
    doc: &Value,
    options: ExtractOptions,
    cancel: CancellationToken,
) -> Result<Pages, Error> {
    extract_with_state(doc, options, cancel).map(|(pages, _)| pages)
}

/// Also returns the incremental state the run reached.
fn extract_with_state(
    doc: &Value,
    options: ExtractOptions,
    cancel: CancellationToken,
) -> Result<(Pages, FinalStates), Error> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let stores = Stores::env("mock");
        let plan = plan(doc, "mock", &stores)?;
        let http = HttpClient::new(HttpSettings {
            backoff_factor: 0.01,
            ..HttpSettings::default()
        })?;
        let (tx, mut rx) = mpsc::channel::<Output>(16);
        let exec = Executor::new(
            &plan,
            &http,
            &stores,
            &options,
            tx,
            Events::default(),
            cancel,
        )?;
        let names: Vec<String> = plan
            .resources
            .iter()
            .map(|r| r.resource.name.clone())
            .collect();
        let gather = async {
            let mut out = Vec::new();
            while let Some(o) = rx.recv().await {
                if let Output::Page(e) = o {
                    out.push((names[e.resource].clone(), e.records));
                }
            }
            out
        };
        let run = async {
            let r = exec.run().await;
            let states = exec.final_states();
            drop(exec);
            r.map(|_| states)
        };
        let (done, out) = tokio::join!(run, gather);
        done.map(|states| (out, states))
    })
}

fn source(api: &MockApi, parallel: bool) -> Value {
    json!({"client": {"base_url": api.base_url(), "paginator": page_number()},
    "resource_defaults": {"endpoint": {"data_selector": "data"}},
    "resources": [
        {"name": "posts", "endpoint": {"path": "posts", "params": {"per_page": 10}}},
        {"name": "comments", "parallelized": parallel, "include_from_parent": ["title"],
         "endpoint": {"path": "posts/{resources.posts.id}/comments"}}
    ]})
}

pub(crate) fn records_of(out: &[(String, Vec<Value>)], name: &str) -> Vec<Value> {
    out.iter()
        .filter(|(n, _)| n == name)
        .flat_map(|(_, r)| r.clone())
        .collect()
}

#[test]
fn children_follow_each_parent_with_included_fields() {
    let api = MockApi::start_blocking(MockOptions {
        posts: 25,
        ..MockOptions::default()
    });
    let out = extract(
        &source(&api, false),
        ExtractOptions::default(),
        CancellationToken::new(),
    )
    .unwrap();
    assert_eq!(records_of(&out, "posts").len(), 25);
    let comments = records_of(&out, "comments");
    // Post n has n % 4 comments.
    let expected: u64 = (1..=25u64).map(|n| n % 4).sum();
    assert_eq!(comments.len() as u64, expected);
    assert!(comments.iter().all(|c| c["_posts_title"].is_string()));
    // One request per post for the comments.
    let comment_requests = api
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/comments"))
        .count();
    assert_eq!(comment_requests, 25);
}

#[test]
fn parallel_children_give_the_same_result_in_the_same_order() {
    let api = MockApi::start_blocking(MockOptions {
        posts: 40,
        ..MockOptions::default()
    });
    let seq = extract(
        &source(&api, false),
        ExtractOptions::default(),
        CancellationToken::new(),
    )
    .unwrap();
    let par = extract(
        &source(&api, true),
        ExtractOptions {
            parallelism: 4,
            ..ExtractOptions::default()
        },
        CancellationToken::new(),
    )
    .unwrap();
    assert_eq!(records_of(&seq, "comments"), records_of(&par, "comments"));
    assert_eq!(records_of(&seq, "posts"), records_of(&par, "posts"));
}

#[test]
fn unselected_parent_runs_but_is_not_loaded_and_grandchildren_work() {
    let api = MockApi::start_blocking(MockOptions {
        posts: 12,
        users: 3,
        ..MockOptions::default()
    });
    let doc = json!({"client": {"base_url": api.base_url(), "paginator": page_number()},
    "resource_defaults": {"endpoint": {"data_selector": "data"}},
    "resources": [
        {"name": "users", "selected": false, "endpoint": {"path": "users"}},
        {"name": "user_posts", "endpoint": {"path": "users/{resources.users.id}/posts"}, "include_from_parent": ["id"]},
        {"name": "post_comments", "endpoint": {"path": "posts/{resources.user_posts.id}/comments"}}
    ]});
    let out = extract(&doc, ExtractOptions::default(), CancellationToken::new()).unwrap();
    assert!(records_of(&out, "users").is_empty());
    let posts = records_of(&out, "user_posts");
    assert_eq!(posts.len(), 12);
    assert!(posts.iter().all(|p| p["_users_id"] == p["userId"]));
    let expected: u64 = (1..=12u64).map(|n| n % 4).sum();
    assert_eq!(records_of(&out, "post_comments").len() as u64, expected);
}

#[test]
fn only_runs_the_named_resource_and_its_ancestors() {
    let api = MockApi::start_blocking(MockOptions {
        posts: 5,
        ..MockOptions::default()
    });
    let out = extract(
        &source(&api, false),
        ExtractOptions {
            only: vec!["comments".into()],
            ..ExtractOptions::default()
        },
        CancellationToken::new(),
    )
    .unwrap();
    assert!(records_of(&out, "posts").is_empty());
    assert!(!records_of(&out, "comments").is_empty());
    let err = extract(
        &source(&api, false),
        ExtractOptions {
            only: vec!["nope".into()],
            ..ExtractOptions::default()
        },
        CancellationToken::new(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("no resource named 'nope'"));
}

#[test]
fn cancellation_stops_the_run() {
    let api = MockApi::start_blocking(MockOptions {
        posts: 25,
        ..MockOptions::default()
    });
    let doc = json!({"client": {"base_url": api.base_url()},
        "resources": [{"name": "slow", "endpoint": {"path": "json_link/posts", "params": {"delay_ms": 300, "endless": "increasing"},
            "data_selector": "data", "paginator": "json_link"}}]});
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(700));
        trigger.cancel();
    });
    let err = extract(&doc, ExtractOptions::default(), cancel).unwrap_err();
    assert!(err.is_cancelled());
    assert!(api.requests().len() < 10);
}

#[test]
fn missing_parent_field_names_the_parent_and_its_fields() {
    let api = MockApi::start_blocking(MockOptions {
        posts: 3,
        ..MockOptions::default()
    });
    let doc = json!({"client": {"base_url": api.base_url(), "paginator": page_number()},
    "resource_defaults": {"endpoint": {"data_selector": "data"}},
    "resources": [
        {"name": "posts", "endpoint": {"path": "posts"}},
        {"name": "c", "endpoint": {"path": "posts/{resources.posts.nope}/comments"}}
    ]});
    let err = extract(&doc, ExtractOptions::default(), CancellationToken::new())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("'nope'") && err.contains("available parent fields") && err.contains("title"),
        "{err}"
    );
}

fn incremental_source(api: &MockApi, style: &str) -> Value {
    let initial = "2024-01-02T00:40:00.004+00:00";
    let endpoint = match style {
        "placeholder" => json!({"path": "posts", "params": {"since": "{incremental.start_value}"},
            "incremental": {"cursor_path": "updated_at", "initial_value": initial}}),
        "start_param" => json!({"path": "posts",
            "incremental": {"cursor_path": "updated_at", "initial_value": initial, "start_param": "since"}}),
        _ => {
            json!({"path": "posts", "params": {"since": {"type": "incremental", "cursor_path": "updated_at", "initial_value": initial}}})
        }
    };
    json!({"client": {"base_url": api.base_url(), "paginator": page_number()},
        "resources": [{"name": "posts", "primary_key": "id", "endpoint": endpoint.as_object().unwrap().clone().into_iter()
            .chain([("data_selector".to_string(), json!("data"))]).collect::<serde_json::Map<_, _>>()}]})
}

#[test]
fn every_incremental_style_sends_the_same_requests() {
    let mut queries = Vec::new();
    for style in ["placeholder", "start_param", "param"] {
        let api = MockApi::start_blocking(MockOptions {
            posts: 25,
            ..MockOptions::default()
        });
        let (pages, _) = extract_with_state(
            &incremental_source(&api, style),
            ExtractOptions::default(),
            CancellationToken::new(),
        )
        .unwrap();
        // Post 4 has updated_at ...00:40:00.004: posts 4..=25 pass the filter.
        assert_eq!(records_of(&pages, "posts").len(), 22, "{style}");
        let q: Vec<String> = api.requests().iter().map(|r| r.query.clone()).collect();
        assert!(
            q[0].contains("since=2024-01-02T00%3A40%3A00.004%2B00%3A00"),
            "{style}: {q:?}"
        );
        queries.push(q);
    }
    assert_eq!(queries[0], queries[1]);
    assert_eq!(queries[1], queries[2]);
}

#[test]
fn second_run_sends_the_cursor_and_loads_only_new_rows() {
    let api = MockApi::start_blocking(MockOptions {
        posts: 25,
        ..MockOptions::default()
    });
    let doc = incremental_source(&api, "placeholder");
    let (first, states) =
        extract_with_state(&doc, ExtractOptions::default(), CancellationToken::new()).unwrap();
    assert_eq!(records_of(&first, "posts").len(), 22);
    let (cursor, state) = states["posts"].clone();
    assert_eq!(cursor, "updated_at");
    assert_eq!(
        state.last_value.as_ref().unwrap(),
        &records_of(&first, "posts")[21]["updated_at"]
    );
    assert_eq!(state.unique_hashes.len(), 1);
    // The API grows: ids are stable, so a bigger server is the same API later.
    let grown = MockApi::start_blocking(MockOptions {
        posts: 30,
        ..MockOptions::default()
    });
    let doc = incremental_source(&grown, "placeholder");
    let opts = ExtractOptions {
        state: [("posts".to_string(), state)].into_iter().collect(),
        ..ExtractOptions::default()
    };
    let (second, _) = extract_with_state(&doc, opts, CancellationToken::new()).unwrap();
    let ids: Vec<u64> = records_of(&second, "posts")
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect();
    // Post 25 sits on the boundary (since is inclusive) and is deduplicated.
    assert_eq!(ids, vec![26, 27, 28, 29, 30]);
    assert!(grown.requests()[0].query.contains("since="));
}
