//! Beyond dlt: `incremental.per_parent` keeps a child's cursor per parent record, stored with
//! the load, so each parent's next request starts from its own last value.

use pipewright_engine::http::retry::HttpSettings;
use pipewright_engine::run::events::Events;
use pipewright_engine::run::pipeline::{run, RunOptions, RunSummary};
use pipewright_engine::secrets::Stores;
use pipewright_tests::support::{MockApi, MockOptions};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

fn source(api: &MockApi, per_parent: bool) -> Value {
    json!({"client": {"base_url": api.base_url()},
    "resources": [
        {"name": "posts", "endpoint": {"path": "posts", "data_selector": "data",
            "params": {"per_page": 3}, "paginator": "single_page"}},
        {"name": "comments", "primary_key": "id", "write_disposition": "append",
         "endpoint": {"path": "posts/{resources.posts.id}/comments", "data_selector": "data",
            "paginator": "single_page",
            "params": {"since": "{incremental.start_value}"},
            "incremental": {"cursor_path": "createdAt", "initial_value": "2000-01-01T00:00:00Z",
                "per_parent": per_parent}}}
    ]})
}

fn load(doc: &Value, db: &std::path::Path) -> RunSummary {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(run(
        doc,
        "mock",
        &RunOptions::new(db, "per_parent"),
        &Stores::env("mock"),
        HttpSettings::default(),
        Events::default(),
        CancellationToken::new(),
    ))
    .unwrap()
}

fn sinces(api: &MockApi) -> Vec<(String, String)> {
    api.requests()
        .iter()
        .filter(|r| r.path.ends_with("/comments"))
        .map(|r| (r.path.clone(), r.query_param("since").unwrap_or_default()))
        .collect()
}

fn last_comment(post: i64, comments: i64) -> String {
    // The mock dates comment k of post p at 2024-01-01 + p * 10 min + (k + 1) min.
    let secs = 1_704_067_200 + post * 600 + comments * 60;
    pipewright_tests::support::time::iso_z(secs)
}

#[test]
fn each_parent_resumes_from_its_own_cursor() {
    let api = MockApi::start_blocking(MockOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite");
    let first = load(&source(&api, true), &db);
    // Posts 1..3 have 1, 2 and 3 comments.
    assert_eq!(first.rows["comments"], 6);
    api.reset();
    let second = load(&source(&api, true), &db);
    assert_eq!(
        second.rows.get("comments").copied().unwrap_or(0),
        0,
        "boundary rows came back"
    );
    assert_eq!(
        sinces(&api),
        vec![
            ("/posts/1/comments".to_string(), last_comment(1, 1)),
            ("/posts/2/comments".to_string(), last_comment(2, 2)),
            ("/posts/3/comments".to_string(), last_comment(3, 3)),
        ]
    );
    let state: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT state FROM _dlt_pipeline_state ORDER BY version DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!state.is_empty());
}

#[test]
fn without_per_parent_one_cursor_is_shared_as_in_dlt() {
    let api = MockApi::start_blocking(MockOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    load(&source(&api, false), &db);
    api.reset();
    load(&source(&api, false), &db);
    let newest = last_comment(3, 3);
    assert!(
        sinces(&api).iter().all(|(_, s)| *s == newest),
        "{:?}",
        sinces(&api)
    );
}
