//! An exported pipeline runs in real dlt against the mock API and loads the SQLite file.

use std::collections::BTreeMap;
use std::process::Command;

use pipewright_engine::config::{Document, Format};
use pipewright_engine::http::retry::HttpSettings;
use pipewright_engine::run::events::Events;
use pipewright_engine::run::pipeline::{run as run_pipewright, RunOptions};
use pipewright_engine::secrets::{MemoryStore, Stores};
use pipewright_tests::support::{MockApi, MockOptions};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::venv::{dlt_python, export_python, run, text};

/// Posts 1..=50; `filter` keeps 1..=40 (and children follow the filtered parent); `secured` needs
/// the bearer secret and stops after `max_pages`; `user_posts` fans out from seed rows.
fn source(base_url: &str) -> Value {
    json!({
        "client": {
            "base_url": format!("{base_url}/"),
            "paginator": {"type": "page_number", "base_page": 1, "page_param": "page", "total_path": "total_pages"}
        },
        "resource_defaults": {
            "primary_key": "id",
            "write_disposition": "merge",
            "endpoint": {"data_selector": "data", "params": {"per_page": 10}}
        },
        "resources": [
            {
                "name": "posts",
                "endpoint": {
                    "path": "posts",
                    "params": {"since": "{incremental.start_value}"},
                    "incremental": {
                        "cursor_path": "updated_at",
                        "initial_value": "2024-01-01T00:00:00+00:00",
                        "convert": ".[0:19] + \"Z\""
                    }
                },
                "processing_steps": [
                    {"filter": ".id <= 40"},
                    {"map": ".title |= ascii_downcase"}
                ]
            },
            {
                "name": "comments",
                "endpoint": {"path": "posts/{resources.posts.id}/comments"},
                "include_from_parent": ["id"]
            },
            {
                "name": "secured",
                "endpoint": {
                    "path": "auth/bearer/posts",
                    "auth": {"type": "bearer", "token": "{secrets.mock_token}"},
                    "max_pages": 2,
                    "response_actions": [
                        {"status_code": 404, "action": "ignore"},
                        {"condition": ".data == []", "action": "ignore"}
                    ]
                }
            },
            {"name": "authors", "selected": false, "rows": [{"id": 1}, {"id": 2}]},
            {"name": "user_posts", "endpoint": "users/{resources.authors.id}/posts"}
        ]
    })
}

const COUNT: &str = r#"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
if len(sys.argv) > 2:
    tables = [r[0] for r in db.execute("select name from sqlite_master where type = 'table'")]
    print(json.dumps({t: db.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}))
    sys.exit(0)
tables = [r[0] for r in db.execute("select name from sqlite_master where type = 'table'")]
counts = {t: db.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}
upper = db.execute("select count(*) from posts where title glob '*[A-Z]*' and title glob 'Post*'").fetchone()[0]
cols = [r[1] for r in db.execute("pragma table_info(comments)")]
print(json.dumps({"counts": counts, "upper_post_titles": upper, "comment_columns": cols}))
"#;

#[test]
fn exported_pipeline_loads_the_mock_api_into_sqlite() {
    let Some(python) = dlt_python("exported_pipeline_loads_the_mock_api_into_sqlite") else {
        return;
    };
    let api = MockApi::start_blocking(MockOptions {
        posts: 50,
        ..MockOptions::default()
    });
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    let doc = Document {
        value: source(api.base_url()),
        format: Format::Json,
    };
    let name = export_python(&doc, "mock.json", &project);
    assert_eq!(name, "mock");

    let out = run(
        Command::new(&python)
            .arg(project.join("mock_pipeline.py"))
            .env("MOCK_TOKEN", "test-token")
            .current_dir(tmp.path()),
        &tmp.path().join("dlt-data"),
    );
    assert!(
        out.status.success(),
        "the exported pipeline failed:\n{}",
        text(&out)
    );

    let db = project.join("mock.sqlite");
    assert!(
        db.exists(),
        "no {} after the run:\n{}",
        db.display(),
        text(&out)
    );
    let out = run(
        Command::new(&python).args(["-c", COUNT]).arg(&db),
        &tmp.path().join("dlt-data"),
    );
    assert!(out.status.success(), "{}", text(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let counts: BTreeMap<String, u64> = serde_json::from_value(report["counts"].clone()).unwrap();
    let count = |t: &str| counts.get(t).copied().unwrap_or(0);

    assert_eq!(count("posts"), 40, "{counts:?}");
    // Post n has n % 4 comments: 1..=40 gives ten cycles of 1 + 2 + 3 + 0.
    assert_eq!(count("comments"), 60, "{counts:?}");
    assert_eq!(
        count("secured"),
        20,
        "max_pages = 2 pages of 10: {counts:?}"
    );
    // Users 1 and 2 wrote posts 1, 11, 21, 31, 41 and 2, 12, 22, 32, 42.
    assert_eq!(count("user_posts"), 10, "{counts:?}");
    assert_eq!(
        count("authors"),
        0,
        "a selected=false seed is not loaded: {counts:?}"
    );
    assert!(
        count("posts__tags") > 0,
        "nested lists become child tables: {counts:?}"
    );
    assert!(count("_dlt_loads") >= 1, "{counts:?}");
    assert_eq!(
        report["upper_post_titles"], 0,
        "the jq map lower-cased titles"
    );
    let cols: Vec<String> = serde_json::from_value(report["comment_columns"].clone()).unwrap();
    assert!(cols.contains(&"_posts_id".to_string()), "{cols:?}");

    // Pipewright's own run of the same source loads the same tables with the same row counts.
    let ours = tmp.path().join("pipewright.sqlite");
    let stores = Stores::new(
        "mock",
        vec![Box::new(MemoryStore::from([("mock_token", "test-token")]))],
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(run_pipewright(
        &doc.value,
        "mock",
        &RunOptions::new(&ours, "mock"),
        &stores,
        HttpSettings::default(),
        Events::default(),
        CancellationToken::new(),
    ))
    .unwrap();
    let out = run(
        Command::new(&python)
            .args(["-c", COUNT])
            .arg(&ours)
            .arg("counts"),
        &tmp.path().join("dlt-data"),
    );
    assert!(out.status.success(), "{}", text(&out));
    let our_counts: BTreeMap<String, u64> = serde_json::from_slice(&out.stdout).unwrap();
    let data = |m: &BTreeMap<String, u64>| -> BTreeMap<String, u64> {
        m.iter()
            .filter(|(t, _)| !t.starts_with("_dlt_"))
            .map(|(t, n)| (t.clone(), *n))
            .collect()
    };
    assert_eq!(
        data(&our_counts),
        data(&counts),
        "Pipewright vs the exported dlt pipeline"
    );
    // Not only the counts: the same columns and rows, children under the same parents.
    pipewright_tests::compare::same_data(&db, &ours)
        .unwrap_or_else(|e| panic!("Pipewright vs the exported dlt pipeline: {e}"));

    // The incremental `since` went out converted by the jq `convert` (`+00:00` → `Z`).
    let sent: Vec<String> = api
        .requests()
        .iter()
        .filter(|r| r.path == "/posts")
        .map(|r| r.path_and_query())
        .collect();
    assert!(
        sent.iter()
            .all(|q| q.contains("since=2024-01-01T00%3A00%3A00Z")
                || q.contains("since=2024-01-01T00:00:00Z")),
        "{sent:?}"
    );
}
