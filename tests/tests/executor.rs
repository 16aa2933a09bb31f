//! The executor against the mock API: parent/child fan-out, grandchildren, include_from_parent,
//! selected=false parents, parallel children identical to sequential, and cancellation.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::time::Duration;

use pipewright_engine::http::client::HttpClient;
use pipewright_engine::http::retry::HttpSettings;
use pipewright_engine::plan::source::plan;
use pipewright_engine::run::events::Events;
use pipewright_engine::run::executor::{Executor, ExtractOptions, Extracted};
use pipewright_engine::secrets::Stores;
use pipewright_engine::Error;
use pipewright_tests::support::{MockApi, MockOptions};
use serde_json::{json, Value};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

fn page_number() -> Value {
    json!({"type": "page_number", "base_page": 1, "total_path": "total_pages"})
}

/// Runs a source and returns (resource name, records) per delivered page, in order.
fn extract(
    doc: &Value,
    options: ExtractOptions,
    cancel: CancellationToken,
) -> Result<Vec<(String, Vec<Value>)>, Error> {
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
        let (tx, mut rx) = mpsc::channel::<Extracted>(16);
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
            while let Some(e) = rx.recv().await {
                out.push((names[e.resource].clone(), e.records));
            }
            out
        };
        let (done, out) = tokio::join!(
            async {
                let r = exec.run().await;
                drop(exec);
                r
            },
            gather
        );
        done.map(|_| out)
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

fn records_of(out: &[(String, Vec<Value>)], name: &str) -> Vec<Value> {
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
