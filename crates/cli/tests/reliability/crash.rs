//! Crash consistency: `pipewright run` killed with SIGKILL at seeded random moments of a load.
//!
//! Each trial extends an incremental parent/child source by a few posts (or, every sixth trial,
//! reloads everything with `--full-refresh`), starts the CLI, kills it after a seeded number of
//! requests plus a seeded delay (so the moments fall before the database is opened, during the
//! extraction, around the commit and after it, whatever the machine's speed), and checks:
//!
//! - `PRAGMA integrity_check` is `ok`;
//! - either nothing changed at all (every table, system tables included, row for row) or the new
//!   load is complete: the same rows as an uninterrupted run of the same posts, and the stored
//!   state is the new one;
//! - a normal run afterwards completes and leaves the same tables as an uninterrupted run.
//!
//! `PIPEWRIGHT_CRASH_SEED` and `PIPEWRIGHT_CRASH_TRIALS` override the seed and the number of
//! trials (e.g. to replay a failure, or for a longer soak).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use pipewright_engine::load::Loader;
use pipewright_tests::support::data::post;
use pipewright_tests::support::{FaultSpec, MockApi, MockOptions};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::{assert_integrity, assert_ok, bin, dump, load_ids, outputs, run_cli, write_source};
use pipewright_tests::compare::{by_post, read};

const SEED: u64 = 0x5eed_0012;
const TRIALS: u64 = 30;
/// Posts of the first, uninterrupted load.
const FIRST: u64 = 12;
/// Posts added per trial.
const STEP: u64 = 6;
/// Every trial with `k % FULL_EVERY == FULL_AT` reloads everything with `--full-refresh`.
const FULL_EVERY: u64 = 6;
const FULL_AT: u64 = 3;
/// Every request waits this long in the mock, so a load lasts long enough to be interrupted.
const DELAY_MS: u64 = 10;
/// Root tables and the column that names their post.
const ROOTS: [(&str, &str); 2] = [("posts", "id"), ("comments", "post_id")];
const PIPELINE: &str = "crash";

/// splitmix64: a tiny deterministic generator for the kill moments.
struct Moments(u64);

impl Moments {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Kills the CLI if a failing assertion unwinds past it.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn updated_at(id: u64) -> String {
    post(id, MockOptions::default().users)["updated_at"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Posts `1..=n` (the API filters out later ones with `until`), incrementally on `updated_at`,
/// 5 per page; each post's comments, 2 per page, fetched in parallel.
fn source(base: &str, n: u64) -> Value {
    let paginator = json!({"type": "page_number", "base_page": 1, "total_path": "total_pages"});
    json!({
        "client": {"base_url": base},
        "resources": [
            {"name": "posts", "primary_key": "id",
             "endpoint": {"path": "posts", "data_selector": "data", "paginator": paginator,
                          "params": {"per_page": 5, "since": "{incremental.start_value}",
                                     "until": updated_at(n + 1)},
                          "incremental": {"cursor_path": "updated_at",
                                          "initial_value": "2024-01-01T00:00:00Z"}}},
            {"name": "comments", "primary_key": "id", "parallelized": true,
             "include_from_parent": ["id"],
             "endpoint": {"path": "posts/{resources.posts.id}/comments", "data_selector": "data",
                          "params": {"per_page": 2}, "paginator": paginator}}
        ]
    })
}

type Rows = BTreeMap<String, Vec<(i64, String)>>;

/// The reference rows of posts `1..=n`.
fn part(reference: &Rows, n: u64) -> Rows {
    reference
        .iter()
        .map(|(t, rows)| {
            let kept = rows
                .iter()
                .filter(|(post, _)| *post <= n as i64)
                .cloned()
                .collect();
            (t.clone(), kept)
        })
        .filter(|(_, rows): &(String, Vec<_>)| !rows.is_empty())
        .collect()
}

/// The database holds exactly posts `1..=n` as an uninterrupted run loads them, with the
/// matching state, and nothing that points at a load that did not complete.
fn assert_complete(db: &Path, reference: &Rows, n: u64, context: &str) {
    let actual = by_post(&read(db).unwrap(), &ROOTS).unwrap();
    let expected = part(reference, n);
    if actual != expected {
        let tables = |r: &Rows| {
            r.iter()
                .map(|(t, v)| (t.clone(), v.len()))
                .collect::<Vec<_>>()
        };
        let first_diff = expected.iter().find_map(|(t, rows)| {
            let other = actual.get(t).cloned().unwrap_or_default();
            rows.iter()
                .zip(other.iter().chain(std::iter::repeat(&(0, String::new()))))
                .find(|(a, b)| a != b)
                .map(|(a, b)| format!("{t}:\n expected {a:?}\n found    {b:?}"))
        });
        panic!(
            "{context}: tables are not those of posts 1..={n}\n expected {:?}\n found    {:?}\n{}",
            tables(&expected),
            tables(&actual),
            first_diff.unwrap_or_default()
        );
    }
    let state = Loader::open(db)
        .unwrap()
        .read_state(PIPELINE)
        .unwrap()
        .expect("a stored state");
    let cursor = &state["sources"][PIPELINE]["resources"]["posts"]["incremental"]["updated_at"];
    assert_eq!(
        cursor["last_value"].as_str(),
        Some(updated_at(n).as_str()),
        "{context}: state {cursor}"
    );
    let conn = Connection::open(db).unwrap();
    for (table, column) in [
        ("_dlt_pipeline_state", "_dlt_load_id"),
        ("_dlt_version", "version_hash"),
        ("posts", "_dlt_load_id"),
        ("comments", "_dlt_load_id"),
    ] {
        let sql = match table {
            // Every schema version stored belongs to a schema a load recorded.
            "_dlt_version" => "SELECT count(*) FROM _dlt_version WHERE version_hash NOT IN \
                 (SELECT schema_version_hash FROM _dlt_loads)"
                .to_string(),
            _ => format!(
                "SELECT count(*) FROM {table} WHERE {column} NOT IN (SELECT load_id FROM _dlt_loads)"
            ),
        };
        let orphans: i64 = conn.query_row(&sql, [], |r| r.get(0)).unwrap();
        assert_eq!(
            orphans, 0,
            "{context}: {table} has rows of no completed load"
        );
    }
}

#[derive(Debug, Default)]
struct Tally {
    before_first_request: u64,
    during_extraction: u64,
    after_commit: u64,
    finished_before_kill: u64,
}

#[test]
fn sigkill_at_random_moments_leaves_the_previous_or_the_new_load() {
    let seed = env_u64("PIPEWRIGHT_CRASH_SEED", SEED);
    let trials = env_u64("PIPEWRIGHT_CRASH_TRIALS", TRIALS);
    let last = FIRST + trials * STEP;
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let api = MockApi::start_blocking(MockOptions {
        posts: last,
        global_fault: Some(FaultSpec {
            delay_ms: Some(DELAY_MS),
            ..FaultSpec::default()
        }),
        ..MockOptions::default()
    });

    // An uninterrupted run of every post: the reference for each part.
    let reference_db = dir.path().join("reference.sqlite");
    let src = write_source(dir.path(), PIPELINE, &source(api.base_url(), last));
    assert_ok(&run_cli(&src, &reference_db, &[], &[]));
    let reference = by_post(&read(&reference_db).unwrap(), &ROOTS).unwrap();
    let requests_for_all = api.requests().len() as u64;
    api.reset();

    // The previous load every trial starts from.
    let db = dir.path().join("crash.sqlite");
    let src = write_source(dir.path(), PIPELINE, &source(api.base_url(), FIRST));
    assert_ok(&run_cli(&src, &db, &[], &[]));
    assert_complete(&db, &reference, FIRST, "first load");

    let mut moments = Moments(seed);
    let mut tally = Tally::default();
    for k in 1..=trials {
        let n = FIRST + k * STEP;
        let full = k % FULL_EVERY == FULL_AT;
        let context = format!("seed {seed:#x}, trial {k} (posts ..={n}, full refresh: {full})");
        let src = write_source(dir.path(), PIPELINE, &source(api.base_url(), n));
        let before = dump(&db);
        let loads_before = load_ids(&db);
        // Requests this load makes, roughly: all of them for a full refresh, else a step's.
        let expected = if full {
            requests_for_all * n / last
        } else {
            requests_for_all * (STEP + 1) / last
        };
        let after_requests = moments.below(expected + 2);
        let extra = Duration::from_micros(moments.below(2 * DELAY_MS * 1000));
        api.reset();

        let mut cmd = bin();
        cmd.arg("run")
            .arg(&src)
            .arg("--db")
            .arg(&db)
            .arg("--json")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if full {
            cmd.arg("--full-refresh");
        }
        let mut child = Running(cmd.spawn().unwrap());
        let deadline = Instant::now() + Duration::from_secs(30);
        while (api.requests().len() as u64) < after_requests
            && child.0.try_wait().unwrap().is_none()
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(extra);
        let finished = child.0.try_wait().unwrap().is_some();
        let seen = api.requests().len();
        child.0.kill().unwrap();
        let status = child.0.wait().unwrap();
        drop(child);

        assert_integrity(&db);
        let loads_after = load_ids(&db);
        if loads_after == loads_before {
            assert!(
                !finished,
                "{context}: the run ended without a load ({status:?})"
            );
            // Nothing of the killed run is visible: every table, row for row, as before.
            assert!(dump(&db) == before, "{context}: the database changed");
            if seen == 0 {
                tally.before_first_request += 1;
            } else {
                tally.during_extraction += 1;
            }
        } else {
            if finished {
                tally.finished_before_kill += 1;
            } else {
                tally.after_commit += 1;
            }
            let new: Vec<&String> = loads_after
                .iter()
                .filter(|l| !loads_before.contains(l))
                .collect();
            assert_eq!(
                new.len(),
                1,
                "{context}: loads {loads_before:?} → {loads_after:?}"
            );
            if full {
                assert_eq!(
                    loads_after.len(),
                    1,
                    "{context}: a full refresh keeps one load"
                );
            } else {
                assert_eq!(loads_after.len(), loads_before.len() + 1, "{context}");
            }
            assert_complete(&db, &reference, n, &format!("{context}, after the kill"));
        }

        // A normal run completes the load.
        let out = run_cli(&src, &db, &[], &[]);
        assert_ok(&out);
        assert_integrity(&db);
        assert_complete(
            &db,
            &reference,
            n,
            &format!("{context}, after the next run\n{}", outputs(&out)),
        );
    }
    eprintln!(
        "{trials} SIGKILL trials (seed {seed:#x}) in {:.1?}: {tally:?}",
        started.elapsed()
    );
    assert!(
        tally.during_extraction * 3 >= trials,
        "too few kills landed inside a load: {tally:?}"
    );
}

/// Not a kill, but the same promise, deterministically: a `--full-refresh` run that fails must
/// not have dropped the previous load (it used to, in a transaction of its own, before loading).
#[test]
fn a_failed_full_refresh_keeps_the_previous_load_and_state() {
    let dir = tempfile::tempdir().unwrap();
    let api = MockApi::start_blocking(MockOptions {
        posts: 30,
        ..MockOptions::default()
    });
    let db = dir.path().join("crash.sqlite");
    let good = source(api.base_url(), 20);
    let src = write_source(dir.path(), PIPELINE, &good);
    assert_ok(&run_cli(&src, &db, &[], &[]));
    let before = dump(&db);
    // The comments of post 7 now fail for good.
    api.set_fault_rules(vec![pipewright_tests::support::FaultRule {
        method: None,
        path: "/posts/7/comments".into(),
        query_contains: None,
        fault: FaultSpec {
            status: Some(500),
            ..FaultSpec::default()
        },
    }]);
    let out = run_cli(
        &src,
        &db,
        &["--full-refresh"],
        &[("RUNTIME__REQUEST_MAX_ATTEMPTS", "1")],
    );
    assert_eq!(out.status.code(), Some(1), "{}", outputs(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("comments: HTTP 500 from http://127.0.0.1:")
            && stderr.contains("/posts/7/comments"),
        "{stderr}"
    );
    assert_integrity(&db);
    assert!(
        dump(&db) == before,
        "the failed full refresh changed the database"
    );
}

/// The other side of it: a `--full-refresh` run that succeeds but brings nothing still commits
/// the drop (as before the drop moved into the load's transaction).
#[test]
fn a_full_refresh_that_brings_nothing_still_drops_the_old_tables() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seed.sqlite");
    let doc = |rows: Value| {
        json!({"client": {"base_url": "http://127.0.0.1:9"},
        "resources": [{"name": "items", "rows": rows}]})
    };
    let src = write_source(dir.path(), "seed", &doc(json!([{"id": 1}, {"id": 2}])));
    assert_ok(&run_cli(&src, &db, &[], &[]));
    assert_eq!(load_ids(&db).len(), 1);
    let src = write_source(dir.path(), "seed", &doc(json!([])));
    let out = run_cli(&src, &db, &["--full-refresh"], &[]);
    assert_ok(&out);
    assert_integrity(&db);
    let tables: i64 = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'items'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0, "{}", outputs(&out));
    assert!(load_ids(&db).is_empty());
}
