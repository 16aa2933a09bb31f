//! Hostile responses (`/hostile/*` routes of the mock, plus its `html` and `malformed` faults,
//! its `endless` next links and cursors, and a page of 100,000 posts).
//! Each case runs against a copy of a database that holds a previous load. A response that
//! cannot be loaded must fail the run with a clear error naming the resource and the URL with
//! the secret masked, and leave the copy exactly as it was; data that can be loaded must be
//! loaded without losing anything. Nothing may panic.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use pipewright_engine::normalize::Naming;
use pipewright_tests::support::hostile::{huge_text, odd_keys_list, DEFAULT_STRING_BYTES};
use pipewright_tests::support::{MockApi, MockOptions};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::{
    assert_integrity, assert_no_panic, assert_ok, copy_db, dump, outputs, run_cli, write_source,
};

const SOURCE: &str = "hostile";
const SECRET: &str = "hostile-secret-value-42";
const SECRET_ENV: (&str, &str) = ("SOURCES__HOSTILE__API_KEY", SECRET);

/// One resource `name` reading `path` (with `params`, and the API key as a secret query
/// parameter) as a single page whose records are under `data`.
fn source(base: &str, name: &str, path: &str, params: Value) -> Value {
    let mut params = params;
    params["api_key"] = json!("{secrets.api_key}");
    json!({
        "client": {"base_url": base},
        "resources": [{"name": name, "endpoint": {"path": path, "params": params,
            "data_selector": "data", "paginator": "single_page"}}]
    })
}

struct Setup {
    api: MockApi,
    dir: tempfile::TempDir,
    /// A database holding one load of 25 posts.
    previous: PathBuf,
}

fn setup() -> Setup {
    let api = MockApi::start_blocking(MockOptions {
        posts: 25,
        ..MockOptions::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let previous = dir.path().join("previous.sqlite");
    let doc = json!({
        "client": {"base_url": api.base_url()},
        "resources": [{"name": "posts", "primary_key": "id", "endpoint": {"path": "posts",
            "data_selector": "data",
            "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}}}]
    });
    let src = write_source(dir.path(), SOURCE, &doc);
    assert_ok(&run_cli(&src, &previous, &[], &[SECRET_ENV]));
    Setup { api, dir, previous }
}

impl Setup {
    /// Runs resource `name` on `path` against a fresh copy of the previous database.
    fn run(
        &self,
        name: &str,
        path: &str,
        params: Value,
        env: &[(&str, &str)],
    ) -> (Output, PathBuf) {
        let db = self.dir.path().join(format!("{name}.sqlite"));
        copy_db(&self.previous, &db);
        let src = write_source(
            self.dir.path(),
            SOURCE,
            &source(self.api.base_url(), name, path, params),
        );
        let mut all = vec![SECRET_ENV];
        all.extend_from_slice(env);
        let out = run_cli(&src, &db, &[], &all);
        assert_no_panic(&out);
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains(SECRET)
                && !String::from_utf8_lossy(&out.stdout).contains(SECRET),
            "the secret leaked:\n{}",
            outputs(&out)
        );
        assert_integrity(&db);
        (out, db)
    }

    /// The run failed cleanly: exit 1, an error that names the resource, the masked URL of the
    /// path and says `why`, and a database exactly as the previous load left it.
    fn assert_refused(&self, name: &str, path: &str, out: &Output, db: &Path, why: &[&str]) {
        assert_eq!(out.status.code(), Some(1), "{}", outputs(out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let url = format!("{}/{path}?", self.api.base_url());
        assert!(
            stderr.contains(&format!("error: {name}: ")) && stderr.contains(&url),
            "the error must name the resource and the URL:\n{stderr}"
        );
        assert!(stderr.contains("api_key=***"), "{stderr}");
        for w in why {
            assert!(stderr.contains(w), "expected {w:?} in:\n{stderr}");
        }
        assert!(stderr.contains("nothing of this run was kept"), "{stderr}");
        assert!(
            dump(db) == dump(&self.previous),
            "{name}: the database changed after a failed run"
        );
    }
}

fn query_one<T: rusqlite::types::FromSql>(db: &Path, sql: &str) -> T {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[test]
fn nesting_10000_levels_deep_is_refused_with_a_clear_error() {
    let s = setup();
    for (name, shape) in [("deep_lists", "array"), ("deep_objects", "object")] {
        let (out, db) = s.run(name, "hostile/deep", json!({"shape": shape}), &[]);
        s.assert_refused(
            name,
            "hostile/deep",
            &out,
            &db,
            &["is not JSON", "nested more than 128 levels deep"],
        );
    }
}

#[test]
fn nesting_just_under_the_limit_loads() {
    let s = setup();
    // 120 levels of lists: 120 nested tables, one row each, and the innermost value.
    let (out, db) = s.run("lists", "hostile/deep", json!({"depth": 120}), &[]);
    assert_ok(&out);
    let tables: i64 = query_one(
        &db,
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'lists%'",
    );
    assert_eq!(tables, 121);
    let innermost = format!("lists__deep{}", "__list".repeat(119));
    let value: i64 = query_one(&db, &format!("SELECT value FROM \"{innermost}\""));
    assert_eq!(value, 1);
    // 120 levels of objects: one column whose name is the whole path.
    let (out, db) = s.run(
        "objects",
        "hostile/deep",
        json!({"depth": 120, "shape": "object"}),
        &[],
    );
    assert_ok(&out);
    let column = format!("deep{}", "__a".repeat(120));
    let value: i64 = query_one(&db, &format!("SELECT \"{column}\" FROM objects"));
    assert_eq!(value, 1);
}

#[test]
fn a_10_mb_string_is_stored_whole() {
    let s = setup();
    let started = Instant::now();
    let (out, db) = s.run("huge", "hostile/huge_string", json!({}), &[]);
    assert_ok(&out);
    let stored: String = query_one(&db, "SELECT text FROM huge");
    let expected = huge_text(DEFAULT_STRING_BYTES as usize);
    assert_eq!(stored.len(), expected.len());
    assert!(stored == expected, "the 10 MB string changed on the way");
    let after: String = query_one(&db, "SELECT after FROM huge");
    assert_eq!(after, "still here");
    eprintln!("10 MB string loaded in {:?}", started.elapsed());
}

#[test]
fn a_body_beyond_the_size_cap_is_refused_before_it_is_read_whole() {
    let s = setup();
    let (out, db) = s.run(
        "capped",
        "hostile/huge_string",
        json!({}),
        &[
            ("PIPEWRIGHT_MAX_BODY_MB", "1"),
            ("RUNTIME__REQUEST_MAX_ATTEMPTS", "1"),
        ],
    );
    s.assert_refused(
        "capped",
        "hostile/huge_string",
        &out,
        &db,
        &["larger than 1 MiB", "PIPEWRIGHT_MAX_BODY_MB"],
    );
}

#[test]
fn keys_with_every_odd_character_load() {
    let s = setup();
    let (out, db) = s.run("odd", "hostile/odd_keys", json!({}), &[]);
    assert_ok(&out);
    let conn = Connection::open(&db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'odd%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(tables.len() >= 2, "{tables:?}");
    let mut columns = Vec::new();
    for t in &tables {
        let stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        columns.extend(stmt.column_names().map(|c| c.to_string()));
    }
    // Every name is a plain identifier: nothing to quote, no control characters, not empty,
    // and none longer than SQLite's identifier limit as dlt sets it.
    for name in tables.iter().chain(&columns) {
        assert!(
            !name.is_empty()
                && name.chars().count() <= 9999
                && name.chars().all(|c| c == '_' || c.is_alphanumeric()),
            "odd name {name:?}"
        );
    }
    let rows: i64 = query_one(&db, "SELECT count(*) FROM odd");
    assert_eq!(rows, 2);
    // Keys land in their snake_case columns with their values (the key's index in the list);
    // keys that normalise alike (`a.b`, `a-b`, `a b`, ...) share a column and, as in dlt, the
    // last one wins.
    let keys = odd_keys_list();
    let naming = Naming::sqlite();
    for key in [
        "select",
        "quote\"d",
        "a.b",
        "rowid",
        "[bracket]",
        "nul\u{0}char",
        "日本語",
        "Name",
    ] {
        let column = naming.normalize_path(key);
        let last = keys
            .iter()
            .rposition(|k| !k.trim().is_empty() && naming.normalize_path(k) == column)
            .unwrap() as i64;
        let v: i64 = query_one(&db, &format!("SELECT \"{column}\" FROM odd WHERE id = 1"));
        assert_eq!(v, last, "{key:?} → {column}");
    }
    // The 10,000-character key is shortened to the limit, not dropped.
    assert!(
        columns
            .iter()
            .any(|c| c.starts_with("kkkk") && c.len() == 9999),
        "{:?}",
        columns.iter().map(|c| c.len()).max()
    );
    // The list under an odd key became a nested table linked to its parent rows.
    let list_table = format!("odd__{}", naming.normalize_path("odd list [\u{7}]"));
    let nested: i64 = query_one(
        &db,
        &format!(
            "SELECT count(*) FROM \"{list_table}\" AS c JOIN odd AS p ON c._dlt_parent_id = p._dlt_id"
        ),
    );
    assert_eq!(nested, 8);
}

#[test]
fn numbers_beyond_64_bits_are_stored_losslessly_as_text() {
    let s = setup();
    let (out, db) = s.run("numbers", "hostile/big_numbers", json!({}), &[]);
    assert_ok(&out);
    let text = |sql: &str| -> (String, String) {
        Connection::open(&db)
            .unwrap()
            .query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    };
    for (column, id, expected) in [
        ("u64_max", 1, "18446744073709551615"),
        ("beyond_u64", 1, "18446744073709551616"),
        ("beyond_u64", 2, "36893488147419103232"),
        ("huge", 1, "123456789012345678901234567890123456789"),
        ("below_i64_min", 1, "-9223372036854775809"),
        ("below_i64_min", 2, "-18446744073709551616"),
        ("huge_negative", 1, "-98765432109876543210987654321"),
        ("nested__v", 1, "340282366920938463463374607431768211456"),
        ("mixed__v_text", 2, "100000000000000000000"),
        ("in_string", 1, "123456789012345678901234567890"),
    ] {
        let (value, kind) = text(&format!(
            "SELECT \"{column}\", typeof(\"{column}\") FROM numbers WHERE id = {id}"
        ));
        assert_eq!(
            (value.as_str(), kind.as_str()),
            (expected, "text"),
            "{column} of {id}"
        );
    }
    let (value, kind) = text(
        "SELECT value__v_text, typeof(value__v_text) FROM numbers__in_list WHERE _dlt_list_idx = 1",
    );
    assert_eq!(
        (value.as_str(), kind.as_str()),
        ("99999999999999999999999", "text")
    );
    // Numbers that fit stay numbers.
    let min: i64 = query_one(&db, "SELECT i64_min FROM numbers WHERE id = 1");
    assert_eq!(min, i64::MIN);
    let mixed: i64 = query_one(&db, "SELECT mixed FROM numbers WHERE id = 1");
    assert_eq!(mixed, 1);
}

#[test]
fn empty_html_and_truncated_bodies_are_refused() {
    let s = setup();
    let cases = [
        (
            "empty_body",
            "hostile/empty",
            json!({}),
            "the body is empty",
        ),
        (
            "html_page",
            "selectors/data/posts",
            json!({"html": 200}),
            "is not JSON (text/html",
        ),
        (
            "truncated",
            "selectors/data/posts",
            json!({"malformed": 1}),
            "EOF while parsing",
        ),
    ];
    for (name, path, params, why) in cases {
        let (out, db) = s.run(
            name,
            path,
            params,
            &[("RUNTIME__REQUEST_MAX_ATTEMPTS", "2")],
        );
        s.assert_refused(name, path, &out, &db, &[why]);
    }
}

#[test]
fn a_body_that_never_arrives_times_out_cleanly() {
    let s = setup();
    // 200 with `Content-Length: 100`, a few bytes, then silence. (A declared length beyond
    // PIPEWRIGHT_MAX_BODY_MB is refused before reading: see the size-cap test.)
    let started = Instant::now();
    let (out, db) = s.run(
        "stalled",
        "hostile/stall",
        json!({"content_length": 100}),
        &[
            ("RUNTIME__REQUEST_TIMEOUT", "1"),
            ("RUNTIME__REQUEST_MAX_ATTEMPTS", "2"),
        ],
    );
    let took = started.elapsed();
    s.assert_refused(
        "stalled",
        "hostile/stall",
        &out,
        &db,
        &[
            "network error for",
            "reading the body of the 200 response: timed out after 1.0 s",
            "(after 2 attempts)",
        ],
    );
    // Two attempts of one second each, and nothing like a gigabyte in memory to wait for.
    assert!(took < Duration::from_secs(8), "{took:?}");
}

#[test]
fn connections_reset_before_any_answer_fail_with_the_resource_named() {
    let s = setup();
    let (out, db) = s.run(
        "reset",
        "selectors/data/posts",
        json!({"reset": "before"}),
        &[("RUNTIME__REQUEST_MAX_ATTEMPTS", "2")],
    );
    s.assert_refused(
        "reset",
        "selectors/data/posts",
        &out,
        &db,
        &["network error for", "(after 2 attempts)"],
    );
}

#[test]
fn a_50_mb_string_is_stored_whole() {
    let s = setup();
    let bytes = 50usize << 20;
    let (out, db) = s.run(
        "huge50",
        "hostile/huge_string",
        json!({"bytes": bytes}),
        &[],
    );
    assert_ok(&out);
    let stored: String = query_one(&db, "SELECT text FROM huge50");
    assert_eq!(stored.len(), huge_text(bytes).len());
    assert!(
        stored == huge_text(bytes),
        "the 50 MB string changed on the way"
    );
}

#[test]
fn a_page_of_100000_records_loads_whole() {
    // One response of about 70 MB: 100,000 posts with their nested lists.
    let api = MockApi::start_blocking(MockOptions {
        posts: 100_000,
        max_page_size: 100_000,
        ..MockOptions::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let doc = json!({
        "client": {"base_url": api.base_url()},
        "resources": [{"name": "posts", "endpoint": {"path": "selectors/data/posts",
            "params": {"limit": 100_000}, "data_selector": "data", "paginator": "single_page"}}]
    });
    let src = write_source(dir.path(), "big_page", &doc);
    let db = dir.path().join("big.sqlite");
    let out = run_cli(&src, &db, &[], &[]);
    assert_ok(&out);
    assert_integrity(&db);
    assert_eq!(api.hits("/selectors/data/posts"), 1);
    for (table, rows) in [
        ("posts", 100_000),
        ("posts__tags", 150_000),
        ("posts__comments", 150_000),
        ("posts__comments__reactions", 150_000),
    ] {
        let n: i64 = query_one(&db, &format!("SELECT count(*) FROM \"{table}\""));
        assert_eq!(n, rows, "{table}");
    }
    let distinct: i64 = query_one(&db, "SELECT count(DISTINCT id) FROM posts");
    assert_eq!(distinct, 100_000);
}

/// A source reading `path` (with `params`) through `paginator`, records under `data`.
fn paged_source(base: &str, name: &str, path: &str, params: Value, paginator: Value) -> Value {
    // The header_cursor routes answer a bare list; the others put the records under `data`.
    let selector = if path.starts_with("header_cursor") {
        "$"
    } else {
        "data"
    };
    json!({
        "client": {"base_url": base},
        "resources": [{"name": name, "endpoint": {"path": path, "params": params,
            "data_selector": selector, "paginator": paginator}}]
    })
}

/// Loads `path` with `{"endless": "same"}`: the next link (or cursor) always points at the page
/// just served. The loop guard must stop after it, with the page loaded once.
fn assert_stops_once(api: &MockApi, dir: &Path, name: &str, path: &str, paginator: Value) {
    let src = write_source(
        dir,
        name,
        &paged_source(
            api.base_url(),
            name,
            path,
            json!({"endless": "same"}),
            paginator,
        ),
    );
    let db = dir.join(format!("{name}.sqlite"));
    let out = run_cli(&src, &db, &[], &[]);
    assert_ok(&out);
    let rows: i64 = query_one(&db, &format!("SELECT count(*) FROM {name}"));
    let ids: i64 = query_one(&db, &format!("SELECT count(DISTINCT id) FROM {name}"));
    assert_eq!((rows, ids), (10, 10), "{name}: {}", outputs(&out));
    let hits = api.hits(&format!("/{path}"));
    assert!(hits <= 3, "{name}: {hits} requests");
}

fn small_api() -> MockApi {
    MockApi::start_blocking(MockOptions {
        posts: 25,
        ..MockOptions::default()
    })
}

#[test]
fn an_endless_next_link_stops_at_the_loop_guard_or_max_pages() {
    let api = small_api();
    let dir = tempfile::tempdir().unwrap();
    let json_link = json!({"type": "json_link", "next_url_path": "next"});
    assert_stops_once(
        &api,
        dir.path(),
        "same_link",
        "json_link/posts",
        json_link.clone(),
    );
    // A next link that always points one page further never ends by itself: `max_pages` does.
    let mut doc = paged_source(
        api.base_url(),
        "endless",
        "json_link/posts",
        json!({"endless": "increasing"}),
        json_link,
    );
    doc["resources"][0]["endpoint"]["max_pages"] = json!(7);
    let src = write_source(dir.path(), "endless", &doc);
    let db = dir.path().join("endless.sqlite");
    let out = run_cli(&src, &db, &[], &[]);
    assert_ok(&out);
    let rows: i64 = query_one(&db, "SELECT count(*) FROM endless");
    let ids: i64 = query_one(&db, "SELECT count(DISTINCT id) FROM endless");
    assert_eq!((rows, ids), (70, 70));
}

/// The first request carries no cursor, the second carries the (unchanging) cursor, so the
/// request guard only fires at the third; the second page repeats the first page's records and
/// is not taken.
#[test]
fn a_cursor_that_never_changes_stops_without_duplicates() {
    let api = small_api();
    let dir = tempfile::tempdir().unwrap();
    let cursor = json!({"type": "cursor", "cursor_path": "cursors.next", "cursor_param": "cursor"});
    assert_stops_once(&api, dir.path(), "same_cursor", "cursor/posts", cursor);
    let header_cursor =
        json!({"type": "header_cursor", "cursor_key": "NextPageToken", "cursor_param": "cursor"});
    assert_stops_once(
        &api,
        dir.path(),
        "same_header_cursor",
        "header_cursor/posts",
        header_cursor,
    );
}

#[test]
fn non_utf8_bytes_are_refused_with_a_clear_error() {
    let s = setup();
    let (out, db) = s.run(
        "latin1",
        "hostile/non_utf8",
        json!({}),
        &[("RUNTIME__REQUEST_MAX_ATTEMPTS", "1")],
    );
    s.assert_refused(
        "latin1",
        "hostile/non_utf8",
        &out,
        &db,
        &["is not JSON", "invalid unicode code point"],
    );
}
