//! Reliability of `pipewright run` (issue 12), end to end through the real binary and the mock
//! API on 127.0.0.1:
//!
//! - `faults`: a parent/child source loaded once cleanly and once with 30 % of all requests
//!   failing (429 with `Retry-After`, 503, connection resets, timeouts) gives the same tables.
//! - `crash`: the CLI killed with SIGKILL at seeded random moments of a load leaves either the
//!   previous load or the new complete one, never a half; the next run completes it.
//! - `hostile`: deeply nested JSON, 10 and 50 MB strings, a 70 MB page of 100,000 records, odd
//!   and colliding keys, numbers beyond 64 bits, empty, HTML, truncated and non-UTF-8 bodies,
//!   next links and cursors that never end or never change, a body that never arrives: a clear
//!   error or a lossless load, never a panic, and the database keeps its previous state when the
//!   run fails.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

#[path = "reliability/crash.rs"]
mod crash;
#[path = "reliability/faults.rs"]
mod faults;
#[path = "reliability/hostile.rs"]
mod hostile;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::Connection;
use serde_json::Value;

/// The CLI with fast retries (the tests' runs stay in milliseconds per retry).
pub(crate) fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pipewright"));
    c.env("RUNTIME__REQUEST_BACKOFF_FACTOR", "0.01");
    c
}

/// `pipewright run SOURCE --db DB --json` with extra arguments and environment.
pub(crate) fn run_cli(src: &Path, db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = bin();
    c.arg("run").arg(src).arg("--db").arg(db).arg("--json");
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// Writes a source document as `<dir>/<name>.json` (the file stem is the source name).
pub(crate) fn write_source(dir: &Path, name: &str, doc: &Value) -> PathBuf {
    let p = dir.join(format!("{name}.json"));
    std::fs::write(&p, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    p
}

/// Both output streams, for assertion messages.
pub(crate) fn outputs(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Asserts a run succeeded.
pub(crate) fn assert_ok(out: &Output) {
    assert_eq!(out.status.code(), Some(0), "{}", outputs(out));
    assert_no_panic(out);
}

/// Asserts nothing panicked (a panic prints "panicked at" and exits 101).
pub(crate) fn assert_no_panic(out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked at") && out.status.code() != Some(101),
        "{}",
        outputs(out)
    );
}

/// `PRAGMA integrity_check` is `ok`.
pub(crate) fn assert_integrity(db: &Path) {
    let conn = Connection::open(db).unwrap();
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(result, "ok", "integrity_check of {}", db.display());
}

/// Every table (data and system) with every row in rowid order, values tagged by type: two
/// equal dumps mean nothing in the file changed.
pub(crate) fn dump(db: &Path) -> Vec<(String, Vec<String>)> {
    let conn = Connection::open(db).unwrap();
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names
        .into_iter()
        .map(|name| {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM \"{name}\" ORDER BY rowid"))
                .unwrap();
            let cols: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
            let n = cols.len();
            let mut rows = vec![cols.join("|")];
            let data: Vec<String> = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| pipewright_tests::compare::cell(r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.extend(data);
            (name, rows)
        })
        .collect()
}

/// Load ids in `_dlt_loads`, oldest first (empty when there is no such table yet).
pub(crate) fn load_ids(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let Ok(mut stmt) = conn.prepare("SELECT load_id FROM _dlt_loads ORDER BY load_id") else {
        return Vec::new();
    };
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Copies a database (with its WAL files, if any) to a new path.
pub(crate) fn copy_db(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    for suffix in ["-wal", "-shm"] {
        let src = PathBuf::from(format!("{}{suffix}", from.display()));
        let dst = PathBuf::from(format!("{}{suffix}", to.display()));
        if src.exists() {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}
