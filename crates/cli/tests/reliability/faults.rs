//! A parent/child source under 30 % random faults loads exactly what a clean run loads.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use pipewright_tests::support::{Chaos, FaultSpec, MockApi, MockOptions, RetryAfter};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::{assert_integrity, assert_ok, run_cli, write_source};
use pipewright_tests::compare::same_data;

const POSTS: u64 = 1200;
const SEED: u64 = 12;
/// Client timeout (s): well below the chaos `timeout` delay, far above a local answer.
const CLIENT_TIMEOUT: &str = "0.2";
const CHAOS_TIMEOUT_MS: u64 = 1500;
/// `Retry-After: 1` is honoured up to this cap (s), which keeps the test fast.
const MAX_RETRY_DELAY: &str = "0.1";

/// Posts over 12 pages, and for each post its comments (`per_page` 2, so posts with three
/// comments take two pages), fetched in parallel, with the post id copied in as `_posts_id`.
fn blog(base: &str) -> Value {
    let paginator = json!({"type": "page_number", "base_page": 1, "page_param": "page", "total_path": "total_pages"});
    json!({
        "client": {"base_url": base},
        "resources": [
            {"name": "posts", "primary_key": "id",
             "endpoint": {"path": "posts", "data_selector": "data", "params": {"per_page": 100},
                          "paginator": paginator}},
            {"name": "comments", "primary_key": "id", "parallelized": true,
             "include_from_parent": ["id"],
             "endpoint": {"path": "posts/{resources.posts.id}/comments", "data_selector": "data",
                          "params": {"per_page": 2}, "paginator": paginator}}
        ]
    })
}

#[test]
fn thirty_percent_faults_load_the_same_tables_as_a_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("RUNTIME__REQUEST_TIMEOUT", CLIENT_TIMEOUT),
        ("RUNTIME__REQUEST_MAX_RETRY_DELAY", MAX_RETRY_DELAY),
        // Chaos fails at most two attempts in a row; three more cover a slow machine.
        ("RUNTIME__REQUEST_MAX_ATTEMPTS", "6"),
    ];
    // The children of a page are fetched concurrently, and the next page waits for the
    // slowest: let all 100 be in flight, so the test takes the time of 12 slowest children.
    let args = ["--parallelism", "100"];

    let clean_api = MockApi::start_blocking(MockOptions {
        posts: POSTS,
        ..MockOptions::default()
    });
    let clean_db = dir.path().join("clean.sqlite");
    let src = write_source(dir.path(), "blog", &blog(clean_api.base_url()));
    let started = Instant::now();
    assert_ok(&run_cli(&src, &clean_db, &args, &env));
    let clean_time = started.elapsed();
    assert_eq!(
        clean_api
            .requests()
            .iter()
            .filter(|r| r.fault.is_some())
            .count(),
        0
    );
    drop(clean_api);

    let mut chaos = Chaos::new(SEED, 0.3);
    chaos.timeout_ms = CHAOS_TIMEOUT_MS;
    let api = MockApi::start_blocking(MockOptions {
        posts: POSTS,
        global_fault: Some(FaultSpec {
            chaos: Some(chaos),
            // On every injected failure, so also on the 429s.
            retry_after: Some(RetryAfter::Seconds(1)),
            ..FaultSpec::default()
        }),
        ..MockOptions::default()
    });
    let faulty_db = dir.path().join("faulty.sqlite");
    let src = write_source(dir.path(), "blog", &blog(api.base_url()));
    let started = Instant::now();
    let out = run_cli(&src, &faulty_db, &args, &env);
    let faulty_time = started.elapsed();
    assert_ok(&out);
    let log = api.requests();
    drop(api);

    // The faults really happened, at about the rate asked, of every kind.
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for r in &log {
        if let Some(f) = &r.fault {
            *kinds.entry(f.clone()).or_default() += 1;
        }
    }
    let faulted: usize = kinds.values().sum();
    let rate = faulted as f64 / log.len() as f64;
    eprintln!(
        "clean run {clean_time:?}; faulty run {faulty_time:?}: {} requests, {faulted} faults ({:.0} %): {kinds:?}",
        log.len(),
        rate * 100.0
    );
    for kind in ["chaos:429", "chaos:503", "chaos:reset", "chaos:timeout"] {
        assert!(
            kinds.get(kind).copied().unwrap_or(0) >= 10,
            "{kind}: {kinds:?}"
        );
    }
    assert!((0.2..0.4).contains(&rate), "fault rate {rate}");
    // Retry-After (1 s, capped at 0.1 s here) is waited for after a 429, where the backoff alone
    // would be 10-40 ms. (A 429 the client gave up on before it arrived, on a loaded machine, is
    // retried after the backoff: hence the median, not every single wait.)
    let mut attempts: HashMap<(&str, &str, &str), Vec<u64>> = HashMap::new();
    for r in &log {
        attempts
            .entry((&r.method, &r.path, &r.query))
            .or_default()
            .push(r.at_ms);
    }
    let median_wait_after = |fault: &str| -> u64 {
        let mut waits: Vec<u64> = log
            .iter()
            .filter(|r| r.fault.as_deref() == Some(fault))
            .filter_map(|r| {
                attempts[&(r.method.as_str(), r.path.as_str(), r.query.as_str())]
                    .iter()
                    .find(|t| **t > r.at_ms)
                    .map(|next| next - r.at_ms)
            })
            .collect();
        waits.sort_unstable();
        assert!(!waits.is_empty(), "no retry after {fault}");
        waits[waits.len() / 2]
    };
    let after_429 = median_wait_after("chaos:429");
    assert!(
        after_429 >= 95,
        "median wait before the next attempt after a 429 with Retry-After: {after_429} ms \
         (after a reset, which has none: {} ms)",
        median_wait_after("chaos:reset")
    );

    // Same tables, same rows, every child under the right parent.
    assert_integrity(&faulty_db);
    same_data(&clean_db, &faulty_db).unwrap();
    let conn = Connection::open(&faulty_db).unwrap();
    let posts: i64 = conn
        .query_row("SELECT count(*) FROM posts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(posts, POSTS as i64);
    let comments: i64 = conn
        .query_row("SELECT count(*) FROM comments", [], |r| r.get(0))
        .unwrap();
    let expected: u64 = (1..=POSTS).map(|id| id % 4).sum();
    assert_eq!(comments, expected as i64);
    let misplaced: i64 = conn
        .query_row(
            "SELECT count(*) FROM comments WHERE _posts_id IS NOT post_id \
             OR id NOT BETWEEN post_id * 10 + 1 AND post_id * 10 + 3",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(misplaced, 0, "comments attached to the wrong post");
    let loads: i64 = conn
        .query_row("SELECT count(*) FROM _dlt_loads", [], |r| r.get(0))
        .unwrap();
    assert_eq!(loads, 1);
}
