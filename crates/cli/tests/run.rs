//! `pipewright run` end to end: loads, continues from state, and leaves the database as the
//! previous run left it when a run fails or is cancelled.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use pipewright_tests::support::{MockApi, MockOptions};
use rusqlite::Connection;
use serde_json::{json, Value};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pipewright"));
    c.env("RUNTIME__REQUEST_BACKOFF_FACTOR", "0.01");
    c
}

fn write(dir: &Path, name: &str, doc: &Value) -> PathBuf {
    let p = dir.join(format!("{name}.json"));
    std::fs::write(&p, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    p
}

fn count(db: &Path, table: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get(0)
        })
        .unwrap()
}

fn incremental_doc(base: &str, extra: Value) -> Value {
    let mut ep = json!({"path": "posts", "data_selector": "data",
        "params": {"since": "{incremental.start_value}"},
        "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"},
        "incremental": {"cursor_path": "updated_at", "initial_value": "2024-01-01T00:00:00Z"}});
    ep.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    json!({"client": {"base_url": base}, "resources": [{"name": "posts", "primary_key": "id", "endpoint": ep}]})
}

#[test]
fn loads_then_continues_from_state() {
    let dir = tempfile::tempdir().unwrap();
    let port = MockApi::start_blocking(MockOptions::default()).port();
    let db = dir.path().join("out.sqlite");
    let api = MockApi::start_blocking(MockOptions {
        posts: 30,
        port,
        ..MockOptions::default()
    });
    let src = write(
        dir.path(),
        "blog",
        &incremental_doc(api.base_url(), json!({})),
    );
    let out = bin()
        .arg("run")
        .arg(&src)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("loaded") && stdout.contains("posts"),
        "{stdout}"
    );
    assert_eq!(count(&db, "posts"), 30);
    // Nothing new: no load, no duplicate rows.
    let out = bin()
        .arg("run")
        .arg(&src)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing new"));
    assert_eq!(count(&db, "posts"), 30);
    assert_eq!(count(&db, "_dlt_loads"), 1);
    // The API grows; the next run asks from the stored cursor and adds only the new posts.
    drop(api);
    let api = MockApi::start_blocking(MockOptions {
        posts: 35,
        port,
        ..MockOptions::default()
    });
    let out = bin()
        .args(["run", "--json"])
        .arg(&src)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Post 30 sits on the stored cursor (since is inclusive) and is deduplicated.
    assert_eq!(summary["rows"]["posts"], 5, "{summary}");
    assert_eq!(count(&db, "posts"), 35);
    let first = api.requests()[0].query.clone();
    assert!(first.contains("since=2024-01-"), "{first}");
    // --full-refresh starts over.
    let out = bin()
        .args(["run", "--full-refresh"])
        .arg(&src)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(count(&db, "posts"), 35);
}

#[test]
fn a_failed_run_keeps_the_previous_load_and_state() {
    let dir = tempfile::tempdir().unwrap();
    let api = MockApi::start_blocking(MockOptions {
        posts: 25,
        ..MockOptions::default()
    });
    let db = dir.path().join("out.sqlite");
    let good = write(
        dir.path(),
        "blog",
        &incremental_doc(api.base_url(), json!({})),
    );
    assert_eq!(
        bin()
            .arg("run")
            .arg(&good)
            .arg("--db")
            .arg(&db)
            .status()
            .unwrap()
            .code(),
        Some(0)
    );
    let before: Vec<u8> = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT state FROM _dlt_pipeline_state ORDER BY version DESC LIMIT 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .into_bytes();
    // Same pipeline, but page 2 fails for good: the run must leave everything as it was.
    let bad = write(
        dir.path(),
        "blog",
        &incremental_doc(
            api.base_url(),
            json!({"params": {"since": "{incremental.start_value}", "fail": 500}}),
        ),
    );
    let out = bin()
        .arg("run")
        .arg(&bad)
        .arg("--db")
        .arg(&db)
        .env("RUNTIME__REQUEST_MAX_ATTEMPTS", "2")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("HTTP 500") && stderr.contains("nothing of this run was kept"),
        "{stderr}"
    );
    assert_eq!(count(&db, "posts"), 25);
    assert_eq!(count(&db, "_dlt_loads"), 1);
    let after: Vec<u8> = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT state FROM _dlt_pipeline_state ORDER BY version DESC LIMIT 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .into_bytes();
    assert_eq!(before, after);
}

#[test]
fn cancelling_with_ctrl_c_rolls_back() {
    let dir = tempfile::tempdir().unwrap();
    let api = MockApi::start_blocking(MockOptions {
        posts: 25,
        ..MockOptions::default()
    });
    let db = dir.path().join("out.sqlite");
    let slow = json!({"client": {"base_url": api.base_url()}, "resources": [{"name": "posts", "endpoint": {"path": "json_link/posts",
        "params": {"delay_ms": 200, "endless": "increasing"}, "data_selector": "data", "paginator": "json_link"}}]});
    let src = write(dir.path(), "slow", &slow);
    let child = bin()
        .arg("run")
        .arg(&src)
        .arg("--db")
        .arg(&db)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    // SIGINT, as Ctrl-C sends; `kill` is the portable way to send it from a test.
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("cancelled"));
    let conn = Connection::open(&db).unwrap();
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'posts'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0, "a cancelled first run leaves no table behind");
    assert!(api.requests().len() >= 2);
}
