//! `pipewright preview` against the mock API: the page timeline, the stop reason and JSON trace.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::PathBuf;
use std::process::Command;

use pipewright_tests::support::{MockApi, MockOptions};
use serde_json::json;

fn write_source(name: &str, doc: serde_json::Value) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pw-preview-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    path
}

#[test]
fn table_shows_each_page_and_why_paging_stopped() {
    let api = MockApi::start_blocking(MockOptions {
        posts: 25,
        ..MockOptions::default()
    });
    let src = write_source(
        "table",
        json!({"client": {"base_url": api.base_url()},
        "resources": [{"name": "posts", "endpoint": {"path": "json_link/posts"}}]}),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_pipewright"))
        .args(["preview", "--pages", "10"])
        .arg(&src)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("stop: no next link"), "{stdout}");
    assert!(stdout.contains("detected paginator"), "{stdout}");
    assert!(stdout.contains("records: 25"), "{stdout}");
    let rows = stdout
        .lines()
        .filter(|l| l.split_whitespace().nth(1) == Some("200"))
        .count();
    assert_eq!(rows, 3, "{stdout}");
}

#[test]
fn json_trace_is_one_document_and_errors_exit_one() {
    let api = MockApi::start_blocking(MockOptions {
        posts: 25,
        ..MockOptions::default()
    });
    let src = write_source(
        "json",
        json!({"client": {"base_url": api.base_url()},
        "resources": ["json_link/posts", {"name": "missing", "endpoint": {"path": "nope", "paginator": "single_page"}}]}),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_pipewright"))
        .args(["preview", "--format", "json", "--records", "5"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let trace: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(trace["records"].as_array().unwrap().len(), 5);
    assert_eq!(trace["stop"], "record_limit");
    let out = Command::new(env!("CARGO_BIN_EXE_pipewright"))
        .args(["preview", "--resource", "missing"])
        .arg(&src)
        .env("RUNTIME__REQUEST_MAX_ATTEMPTS", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("HTTP 404"));
}
