//! Parity with real dlt: the same configs run through dlt 1.31 (in the `.venv-dlt` venv that
//! `scripts/dlt-venv.sh` creates) and through Pipewright against the same mock API, and the two
//! SQLite files must hold the same tables, columns and rows (ids aside, but every child row must
//! point at the same parent).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::{Path, PathBuf};
use std::process::Command;

use pipewright_engine::http::retry::HttpSettings;
use pipewright_engine::run::events::Events;
use pipewright_engine::run::pipeline::{run, RunOptions};
use pipewright_engine::secrets::Stores;
use pipewright_tests::compare;
use pipewright_tests::support::{MockApi, MockOptions};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The dlt venv's python, or `None` when the suite is explicitly skipped.
fn dlt_python() -> Option<PathBuf> {
    let py = repo().join(".venv-dlt/bin/python");
    if py.exists() {
        return Some(py);
    }
    if std::env::var("PIPEWRIGHT_SKIP_DLT").as_deref() == Ok("1") {
        eprintln!("parity: skipped (PIPEWRIGHT_SKIP_DLT=1)");
        return None;
    }
    panic!("the dlt venv is missing: run `bash scripts/dlt-venv.sh` (or set PIPEWRIGHT_SKIP_DLT=1 to skip)");
}

fn run_dlt(py: &Path, config: &Value, db: &Path) {
    let cfg = db.with_extension("config.json");
    std::fs::write(&cfg, serde_json::to_string(config).unwrap()).unwrap();
    let out = Command::new(py)
        .arg(repo().join("tests/parity/run_dlt.py"))
        .arg(&cfg)
        .arg(db)
        .args(["parity", "parity"])
        .env("RUNTIME__LOG_LEVEL", "WARNING")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "dlt failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn run_pipewright(config: &Value, db: &Path) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let stores = Stores::env("parity");
    let opts = RunOptions::new(db, "parity");
    rt.block_on(run(
        config,
        "parity",
        &opts,
        &stores,
        HttpSettings::default(),
        Events::default(),
        CancellationToken::new(),
    ))
    .unwrap();
}

/// Runs a config `times` times through both, comparing after each run.
fn parity(name: &str, api_posts: u64, config: impl Fn(&str) -> Value, times: usize) {
    let Some(py) = dlt_python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let dlt_db = dir.path().join(format!("{name}-dlt.sqlite"));
    let pw_db = dir.path().join(format!("{name}-pw.sqlite"));
    let api = MockApi::start_blocking(MockOptions {
        posts: api_posts,
        ..MockOptions::default()
    });
    let cfg = config(api.base_url());
    for run_no in 1..=times {
        run_dlt(&py, &cfg, &dlt_db);
        run_pipewright(&cfg, &pw_db);
        compare::same_data(&dlt_db, &pw_db).unwrap_or_else(|e| panic!("{name}, run {run_no}: {e}"));
        assert_eq!(
            loads(&dlt_db),
            loads(&pw_db),
            "{name}, run {run_no}: _dlt_loads differ"
        );
    }
}

/// Like `parity`, but the API grows between runs (same port, more posts).
fn parity_growing(name: &str, sizes: &[u64], config: impl Fn(&str) -> Value) {
    let Some(py) = dlt_python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let dlt_db = dir.path().join(format!("{name}-dlt.sqlite"));
    let pw_db = dir.path().join(format!("{name}-pw.sqlite"));
    let port = MockApi::start_blocking(MockOptions::default()).port();
    for (run_no, posts) in sizes.iter().enumerate() {
        let api = MockApi::start_blocking(MockOptions {
            posts: *posts,
            port,
            ..MockOptions::default()
        });
        let cfg = config(api.base_url());
        run_dlt(&py, &cfg, &dlt_db);
        run_pipewright(&cfg, &pw_db);
        compare::same_data(&dlt_db, &pw_db)
            .unwrap_or_else(|e| panic!("{name}, run {}: {e}", run_no + 1));
    }
}

/// Completed loads in `_dlt_loads`.
fn loads(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM _dlt_loads WHERE status = 0",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn pn() -> Value {
    json!({"type": "page_number", "base_page": 1, "total_path": "total_pages"})
}

#[test]
fn every_paginator_style() {
    parity(
        "paginators",
        25,
        |base| {
            json!({"client": {"base_url": base},
            "resources": [
                {"name": "pn", "endpoint": {"path": "posts", "data_selector": "data", "paginator": pn()}},
                {"name": "jl", "endpoint": {"path": "json_link/posts", "data_selector": "data", "paginator": {"type": "json_link", "next_url_path": "next"}}},
                {"name": "hl", "endpoint": {"path": "header_link/posts", "paginator": "header_link"}},
                {"name": "hc", "endpoint": {"path": "header_cursor/posts", "paginator": {"type": "header_cursor", "cursor_key": "NextPageToken"}}},
                {"name": "off", "endpoint": {"path": "offset/posts", "data_selector": "data", "paginator": {"type": "offset", "limit": 10}}},
                {"name": "cur", "endpoint": {"path": "cursor/posts", "data_selector": "data", "paginator": {"type": "cursor", "cursor_path": "cursors.next"}}},
                {"name": "single", "endpoint": {"path": "single_page/posts", "data_selector": "data", "paginator": "single_page"}}
            ]})
        },
        1,
    );
}

#[test]
fn nesting_levels_types_and_odd_keys() {
    parity(
        "nesting",
        12,
        |base| {
            json!({"client": {"base_url": base, "paginator": pn()},
            "resource_defaults": {"endpoint": {"data_selector": "data"}},
            "resources": [
                {"name": "n0", "max_table_nesting": 0, "endpoint": "posts"},
                {"name": "n1", "max_table_nesting": 1, "endpoint": "posts"},
                {"name": "n2", "max_table_nesting": 2, "endpoint": "posts"},
                {"name": "deep", "endpoint": "posts"}
            ]})
        },
        1,
    );
}

#[test]
fn append_twice_replace_and_merge_twice() {
    parity(
        "dispositions",
        15,
        |base| {
            json!({"client": {"base_url": base, "paginator": pn()},
            "resource_defaults": {"endpoint": {"data_selector": "data"}},
            "resources": [
                {"name": "appended", "endpoint": "posts"},
                {"name": "replaced", "write_disposition": "replace", "endpoint": "posts"},
                {"name": "merged", "write_disposition": "merge", "primary_key": "id", "endpoint": "posts"}
            ]})
        },
        2,
    );
}

#[test]
fn column_hints() {
    parity(
        "hints",
        10,
        |base| {
            json!({"client": {"base_url": base, "paginator": pn()},
        "resources": [{"name": "posts", "endpoint": {"path": "posts", "data_selector": "data"},
            "columns": {"score": {"data_type": "text"}, "viewCount": {"data_type": "double"},
                        "summary": {"data_type": "text", "nullable": true}}}]})
        },
        1,
    );
}

#[test]
fn parent_child_with_included_fields() {
    parity(
        "children",
        10,
        |base| {
            json!({"client": {"base_url": base, "paginator": pn()},
            "resource_defaults": {"endpoint": {"data_selector": "data"}},
            "resources": [
                {"name": "posts", "endpoint": {"path": "posts"}},
                {"name": "comments", "include_from_parent": ["title", "userId"],
                 "endpoint": {"path": "posts/{resources.posts.id}/comments"}}
            ]})
        },
        1,
    );
}

#[test]
fn incremental_twice_and_merge_by_key() {
    parity(
        "incremental",
        20,
        |base| {
            json!({"client": {"base_url": base, "paginator": pn()},
        "resources": [{"name": "posts", "primary_key": "id", "write_disposition": "merge",
            "endpoint": {"path": "posts", "data_selector": "data", "params": {"since": "{incremental.start_value}"},
                "incremental": {"cursor_path": "updated_at", "initial_value": "2024-01-02T01:00:00.000+00:00"}}}]})
        },
        2,
    );
}

#[test]
fn incremental_after_the_api_grows() {
    parity_growing("growing", &[20, 27], |base| {
        json!({"client": {"base_url": base, "paginator": pn()},
        "resources": [{"name": "posts", "primary_key": "id",
            "endpoint": {"path": "posts", "data_selector": "data", "params": {"since": "{incremental.start_value}"},
                "incremental": {"cursor_path": "updated_at", "initial_value": "2024-01-02T01:00:00.000+00:00"}}},
            {"name": "comments", "include_from_parent": ["id"], "endpoint": {"path": "posts/{resources.posts.id}/comments", "data_selector": "data"}}]})
    });
}
