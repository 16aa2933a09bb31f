//! Data: read-only views of a source's SQLite database (loads, tables, rows, ad-hoc read-only SQL,
//! incremental state) and the one write, resetting a resource's incremental cursor.

use std::path::Path;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use pipewright_engine::load::Loader;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use serde_json::Value;

use super::blocking;
use crate::error::IpcError;

/// Rows a query returns at most; more sets `truncated`.
pub const QUERY_ROW_LIMIT: usize = 10_000;
/// Rows a page returns at most.
pub const PAGE_LIMIT: u64 = 1_000;
/// A query running longer is interrupted.
const QUERY_TIMEOUT: Duration = Duration::from_secs(30);

/// A load recorded in `_dlt_loads`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LoadInfo {
    pub load_id: String,
    pub schema_name: String,
    pub status: i32,
    pub inserted_at: String,
    pub schema_version_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TableInfo {
    pub name: String,
    /// The table this nested (child) table belongs to.
    pub parent: Option<String>,
    #[cfg_attr(test, ts(type = "number"))]
    pub rows: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RowPage {
    pub columns: Vec<String>,
    #[cfg_attr(test, ts(type = "unknown[][]"))]
    pub rows: Vec<Vec<Value>>,
    #[cfg_attr(test, ts(type = "number"))]
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct QueryResult {
    pub columns: Vec<String>,
    #[cfg_attr(test, ts(type = "unknown[][]"))]
    pub rows: Vec<Vec<Value>>,
    pub truncated: bool,
}

/// Incremental state of one resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CursorState {
    pub resource: String,
    pub cursor_path: String,
    #[cfg_attr(test, ts(type = "unknown"))]
    pub initial_value: Value,
    #[cfg_attr(test, ts(type = "unknown"))]
    pub last_value: Value,
    #[cfg_attr(test, ts(type = "unknown"))]
    pub start_value: Value,
    pub unique_hashes: Vec<String>,
    /// A child with `incremental.per_parent`: the cursor kept for each parent (key: the parent
    /// values the child's requests use, e.g. `id=12`). Empty otherwise.
    pub per_parent: Vec<ParentCursor>,
}

/// One parent's cursor of a child with `incremental.per_parent`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ParentCursor {
    pub parent: String,
    #[cfg_attr(test, ts(type = "unknown"))]
    pub last_value: Value,
}

/// Opens an existing database (never creates one at a mistyped path).
fn open(db: &Path) -> Result<Loader, IpcError> {
    if !db.is_file() {
        return Err(IpcError::not_found(format!(
            "{}: no database (run the source first)",
            db.display()
        )));
    }
    Loader::open(db).map_err(IpcError::from)
}

/// The completed loads, oldest first.
pub fn read_loads(db: &Path) -> Result<Vec<LoadInfo>, IpcError> {
    Ok(open(db)?
        .loads()?
        .into_iter()
        .map(|l| LoadInfo {
            load_id: l.load_id,
            schema_name: l.schema_name.unwrap_or_default(),
            status: i32::try_from(l.status).unwrap_or(-1),
            inserted_at: l.inserted_at,
            schema_version_hash: l.schema_version_hash.unwrap_or_default(),
        })
        .collect())
}

/// Every table with its row count; nested tables name their parent (dlt names a child table
/// `<parent>__<field>` and gives it `_dlt_parent_id`).
pub fn read_tables(db: &Path) -> Result<Vec<TableInfo>, IpcError> {
    let tables = open(db)?.list_tables()?;
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    let parent_of = |name: &str, columns: &[(String, String)]| -> Option<String> {
        if !columns.iter().any(|(c, _)| c == "_dlt_parent_id") {
            return None;
        }
        // The longest prefix ending before a `__` that is itself a table.
        name.match_indices("__")
            .map(|(i, _)| &name[..i])
            .filter(|p| !p.is_empty() && names.contains(p))
            .last()
            .map(str::to_string)
    };
    Ok(tables
        .iter()
        .map(|t| TableInfo {
            name: t.name.clone(),
            parent: parent_of(&t.name, &t.columns),
            rows: t.row_count,
        })
        .collect())
}

/// Rows `offset..offset+limit` of a table (at most [`PAGE_LIMIT`]), in insertion order.
pub fn read_rows(db: &Path, table: &str, offset: u64, limit: u64) -> Result<RowPage, IpcError> {
    let loader = open(db)?;
    let exists = loader.list_tables()?.iter().any(|t| t.name == table);
    if !exists {
        return Err(IpcError::not_found(format!(
            "no table `{table}` in {}",
            db.display()
        )));
    }
    let page = loader.page_rows(table, offset, limit.min(PAGE_LIMIT))?;
    Ok(RowPage {
        columns: page.columns,
        rows: page.rows,
        total: page.total,
    })
}

fn json_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(STANDARD.encode(b)),
    }
}

/// Interrupts a query that runs past its time; dropping it (the query ended) stops the timer.
struct Watchdog(Option<std::sync::mpsc::Sender<()>>);

impl Watchdog {
    fn start(handle: rusqlite::InterruptHandle, limit: Duration) -> Watchdog {
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(limit) {
                handle.interrupt();
            }
        });
        Watchdog(Some(stop))
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        // Closing the channel wakes the timer thread, which then exits without interrupting.
        self.0.take();
    }
}

/// Runs one read-only SQL statement: the file is opened read-only and `query_only` is on, so
/// nothing can change it. At most [`QUERY_ROW_LIMIT`] rows; a statement that runs longer than
/// 30 s is interrupted.
pub fn read_query(db: &Path, sql: &str) -> Result<QueryResult, IpcError> {
    if !db.is_file() {
        return Err(IpcError::not_found(format!(
            "{}: no database",
            db.display()
        )));
    }
    let sqlite = |e: rusqlite::Error| IpcError::validation(format!("SQLite: {e}"));
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| IpcError::internal(format!("{}: {e}", db.display())))?;
    conn.pragma_update(None, "query_only", true)
        .map_err(sqlite)?;
    conn.busy_timeout(Duration::from_secs(5)).map_err(sqlite)?;
    let _watchdog = Watchdog::start(conn.get_interrupt_handle(), QUERY_TIMEOUT);
    let mut stmt = conn.prepare(sql).map_err(sqlite)?;
    if !stmt.readonly() {
        return Err(IpcError::validation(
            "only read-only statements (SELECT, read-only PRAGMA, EXPLAIN) can run here",
        ));
    }
    let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let n = columns.len();
    let mut rows = Vec::new();
    let mut truncated = false;
    let mut q = stmt.query([]).map_err(sqlite)?;
    while let Some(r) = q.next().map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::OperationInterrupted =>
        {
            IpcError::validation(format!(
                "the query ran longer than {} s and was stopped",
                QUERY_TIMEOUT.as_secs()
            ))
        }
        other => sqlite(other),
    })? {
        if rows.len() == QUERY_ROW_LIMIT {
            truncated = true;
            break;
        }
        let mut row = Vec::with_capacity(n);
        for i in 0..n {
            row.push(json_of(r.get_ref(i).map_err(sqlite)?));
        }
        rows.push(row);
    }
    Ok(QueryResult {
        columns,
        rows,
        truncated,
    })
}

/// The stored cursors of a source's resources (`sources.<source>.resources.<r>.incremental`).
pub fn read_cursors(
    db: &Path,
    pipeline: &str,
    source_name: &str,
) -> Result<Vec<CursorState>, IpcError> {
    let Some(state) = open(db)?.read_state(pipeline)? else {
        return Ok(Vec::new());
    };
    let Some(resources) = state
        .get("sources")
        .and_then(|s| s.get(source_name))
        .and_then(|s| s.get("resources"))
        .and_then(Value::as_object)
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (resource, r) in resources {
        for (cursor_path, by_parent) in r
            .get("per_parent")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let parents: Vec<(&String, &Value)> =
                by_parent.as_object().into_iter().flatten().collect();
            let first = parents.first().map(|(_, c)| *c);
            let field = |k: &str| first.and_then(|c| c.get(k)).cloned().unwrap_or(Value::Null);
            out.push(CursorState {
                resource: resource.clone(),
                cursor_path: cursor_path.clone(),
                initial_value: field("initial_value"),
                last_value: Value::Null,
                start_value: Value::Null,
                unique_hashes: Vec::new(),
                per_parent: parents
                    .iter()
                    .map(|(k, c)| ParentCursor {
                        parent: (*k).clone(),
                        last_value: c.get("last_value").cloned().unwrap_or(Value::Null),
                    })
                    .collect(),
            });
        }
        let Some(cursors) = r.get("incremental").and_then(Value::as_object) else {
            continue;
        };
        for (cursor_path, c) in cursors {
            let field = |k: &str| c.get(k).cloned().unwrap_or(Value::Null);
            out.push(CursorState {
                resource: resource.clone(),
                cursor_path: cursor_path.clone(),
                initial_value: field("initial_value"),
                last_value: field("last_value"),
                start_value: field("start_value"),
                unique_hashes: c
                    .get("unique_hashes")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|h| h.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                per_parent: Vec::new(),
            });
        }
    }
    Ok(out)
}

/// Forgets a resource's cursor (a new state version, in one transaction): its next run starts
/// from the initial value. `not_found` when it has none.
pub fn reset_cursor(
    db: &Path,
    pipeline: &str,
    source_name: &str,
    resource: &str,
) -> Result<(), IpcError> {
    if open(db)?.reset_incremental(pipeline, source_name, resource)? {
        tracing::info!(db = %db.display(), pipeline, resource, "incremental state reset");
        Ok(())
    } else {
        Err(IpcError::not_found(format!(
            "{resource} has no stored incremental state in pipeline {pipeline}"
        )))
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_loads(db: String) -> Result<Vec<LoadInfo>, IpcError> {
    blocking(move || read_loads(Path::new(&db))).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_tables(db: String) -> Result<Vec<TableInfo>, IpcError> {
    blocking(move || read_tables(Path::new(&db))).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn page_rows(
    db: String,
    table: String,
    offset: u64,
    limit: u64,
) -> Result<RowPage, IpcError> {
    blocking(move || read_rows(Path::new(&db), &table, offset, limit)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn query(db: String, sql: String) -> Result<QueryResult, IpcError> {
    blocking(move || read_query(Path::new(&db), &sql)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn incremental_state(
    db: String,
    pipeline: String,
    source_name: String,
) -> Result<Vec<CursorState>, IpcError> {
    blocking(move || read_cursors(Path::new(&db), &pipeline, &source_name)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn reset_incremental(
    db: String,
    pipeline: String,
    source_name: String,
    resource: String,
) -> Result<(), IpcError> {
    blocking(move || reset_cursor(Path::new(&db), &pipeline, &source_name, &resource)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use pipewright_engine::http::retry::HttpSettings;
    use pipewright_engine::run::events::Events;
    use pipewright_engine::run::pipeline::{run, RunOptions};
    use pipewright_engine::secrets::Stores;
    use pipewright_tests::support::{MockApi, MockOptions};
    use serde_json::json;

    /// A database loaded by a real run: `posts` (incremental on `updated_at`) with its nested
    /// `posts__comments` and `posts__comments__reactions` tables.
    async fn loaded(dir: &Path) -> std::path::PathBuf {
        let api = MockApi::start(MockOptions {
            posts: 25,
            ..MockOptions::default()
        })
        .await;
        let doc = json!({
            "client": {"base_url": api.base_url()},
            "resources": [{"name": "posts", "primary_key": "id", "write_disposition": "merge",
                "endpoint": {"path": "posts", "data_selector": "data", "params": {"per_page": 10},
                    "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"},
                    "incremental": {"cursor_path": "updated_at", "initial_value": "2024-01-01T00:00:00Z"}}}],
        });
        let db = dir.join("demo.sqlite");
        let summary = run(
            &doc,
            "demo",
            &RunOptions::new(&db, "demo"),
            &Stores::env("demo"),
            HttpSettings::default(),
            Events::default(),
            tokio_util::sync::CancellationToken::new(),
        )
        .await
        .unwrap();
        assert_eq!(summary.rows["posts"], 25);
        api.stop().await;
        db
    }

    #[tokio::test]
    async fn tables_rows_and_loads_of_a_real_run() {
        let dir = tempfile::tempdir().unwrap();
        let db = loaded(dir.path()).await;
        let tables = read_tables(&db).unwrap();
        let t = |n: &str| {
            tables
                .iter()
                .find(|t| t.name == n)
                .unwrap_or_else(|| panic!("{n}: {tables:?}"))
        };
        assert_eq!(t("posts").rows, 25);
        assert_eq!(t("posts").parent, None);
        assert_eq!(t("posts__comments").parent.as_deref(), Some("posts"));
        assert_eq!(
            t("posts__comments__reactions").parent.as_deref(),
            Some("posts__comments")
        );
        assert_eq!(t("_dlt_loads").parent, None);

        let page = read_rows(&db, "posts", 20, 10).unwrap();
        assert_eq!(page.total, 25);
        assert_eq!(page.rows.len(), 5);
        let id = page.columns.iter().position(|c| c == "id").unwrap();
        assert_eq!(page.rows[0][id], json!(21));
        assert_eq!(
            read_rows(&db, "posts", 0, 1_000_000).unwrap().rows.len(),
            25
        );
        assert_eq!(
            read_rows(&db, "nope", 0, 1).unwrap_err().code,
            crate::ErrorCode::NotFound
        );

        let loads = read_loads(&db).unwrap();
        assert_eq!(loads.len(), 1);
        assert_eq!(loads[0].schema_name, "demo");
        assert_eq!(loads[0].status, 0);
        assert_eq!(
            read_loads(&dir.path().join("missing.sqlite"))
                .unwrap_err()
                .code,
            crate::ErrorCode::NotFound
        );
        assert!(!dir.path().join("missing.sqlite").exists());
    }

    #[tokio::test]
    async fn queries_are_read_only_and_capped() {
        let dir = tempfile::tempdir().unwrap();
        let db = loaded(dir.path()).await;
        let r = read_query(&db, "SELECT id, title FROM posts ORDER BY id LIMIT 3").unwrap();
        assert_eq!(r.columns, vec!["id", "title"]);
        assert_eq!(r.rows.len(), 3);
        assert!(!r.truncated);

        let big = read_query(
            &db,
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20000) SELECT x FROM n",
        )
        .unwrap();
        assert_eq!(big.rows.len(), QUERY_ROW_LIMIT);
        assert!(big.truncated);

        for sql in [
            "DELETE FROM posts",
            "DROP TABLE posts",
            "INSERT INTO posts (id) VALUES (999)",
            "ATTACH DATABASE 'x.db' AS x",
        ] {
            let err = read_query(&db, sql).unwrap_err();
            assert_eq!(err.code, crate::ErrorCode::Validation, "{sql}: {err:?}");
        }
        // Turning query_only off is harmless: the connection itself is read-only, and per query.
        read_query(&db, "PRAGMA query_only = 0").unwrap();
        assert!(read_query(&db, "DELETE FROM posts").is_err());
        assert!(!dir.path().join("x.db").exists());
        let err = read_query(&db, "SELECT 1; DELETE FROM posts").unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Validation);
        assert_eq!(
            read_query(&db, "SELECT COUNT(*) FROM posts").unwrap().rows[0][0],
            json!(25)
        );
        assert_eq!(
            read_query(&db, "SELEC 1").unwrap_err().code,
            crate::ErrorCode::Validation
        );
    }

    #[tokio::test]
    async fn cursors_are_listed_and_reset() {
        let dir = tempfile::tempdir().unwrap();
        let db = loaded(dir.path()).await;
        let cursors = read_cursors(&db, "demo", "demo").unwrap();
        assert_eq!(cursors.len(), 1, "{cursors:?}");
        assert_eq!(cursors[0].resource, "posts");
        assert_eq!(cursors[0].cursor_path, "updated_at");
        assert_eq!(cursors[0].initial_value, json!("2024-01-01T00:00:00Z"));
        assert!(cursors[0]
            .last_value
            .as_str()
            .unwrap()
            .starts_with("2024-01-"));
        assert!(read_cursors(&db, "other", "demo").unwrap().is_empty());

        reset_cursor(&db, "demo", "demo", "posts").unwrap();
        assert!(read_cursors(&db, "demo", "demo").unwrap().is_empty());
        assert_eq!(
            reset_cursor(&db, "demo", "demo", "posts").unwrap_err().code,
            crate::ErrorCode::NotFound
        );
        // The reset is a load of its own; the data stays.
        assert_eq!(read_loads(&db).unwrap().len(), 2);
        assert_eq!(read_rows(&db, "posts", 0, 1).unwrap().total, 25);
    }

    #[tokio::test]
    async fn per_parent_cursors_are_listed_per_parent_and_reset_together() {
        let api = MockApi::start(MockOptions::default()).await;
        let doc = json!({
            "client": {"base_url": api.base_url()},
            "resources": [
                {"name": "posts", "endpoint": {"path": "posts", "data_selector": "data",
                    "params": {"per_page": 2}, "paginator": "single_page"}},
                {"name": "comments", "endpoint": {"path": "posts/{resources.posts.id}/comments",
                    "data_selector": "data", "paginator": "single_page",
                    "incremental": {"cursor_path": "createdAt", "initial_value": "2000-01-01T00:00:00Z",
                        "per_parent": true}}}],
        });
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.sqlite");
        run(
            &doc,
            "demo",
            &RunOptions::new(&db, "demo"),
            &Stores::env("demo"),
            HttpSettings::default(),
            Events::default(),
            tokio_util::sync::CancellationToken::new(),
        )
        .await
        .unwrap();
        let cursors = read_cursors(&db, "demo", "demo").unwrap();
        assert_eq!(cursors.len(), 1, "{cursors:?}");
        let parents: Vec<&str> = cursors[0]
            .per_parent
            .iter()
            .map(|p| p.parent.as_str())
            .collect();
        assert_eq!(parents, vec!["id=1", "id=2"]);
        // Each parent keeps its own last comment time.
        assert_ne!(
            cursors[0].per_parent[0].last_value,
            cursors[0].per_parent[1].last_value
        );
        reset_cursor(&db, "demo", "demo", "comments").unwrap();
        assert!(read_cursors(&db, "demo", "demo").unwrap().is_empty());
        api.stop().await;
    }
}
