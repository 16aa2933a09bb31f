//! Loader behaviour against real SQLite files: DDL, system tables, atomicity, read helpers;
//! write dispositions in `dispositions.rs`.

mod dispositions;

use serde_json::{json, Value};
use tempfile::TempDir;

use super::state::default_state;
use super::*;
use crate::config::hints::{
    ColumnSchema, Columns, SortOrder, WriteDisposition, WriteDispositionSpec,
};
use crate::config::KeyList;
use crate::normalize::{DataType, Normalizer, TableHints};

pub(super) struct Db {
    _dir: TempDir,
    loader: Loader,
    schema: Schema,
    loads: u32,
}

pub(super) fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let loader = Loader::open(dir.path().join("test__ds.db")).unwrap();
    Db {
        _dir: dir,
        loader,
        schema: Schema::new("rest_api"),
        loads: 0,
    }
}

impl Db {
    pub(super) fn next_id(&mut self) -> String {
        self.loads += 1;
        format!("17000000{:02}.5", self.loads)
    }

    /// Normalises and loads `records` for one resource, committing with `state`.
    pub(super) fn run(
        &mut self,
        hints: &TableHints,
        records: Vec<Value>,
        state: Option<&mut Value>,
    ) -> LoadSummary {
        let load_id = self.next_id();
        let mut n = Normalizer::new(self.schema.clone(), &load_id);
        let root = n.register_table(hints).unwrap();
        let batch = n.normalize_all(&hints.table_name, records).unwrap();
        self.schema = n.into_schema();
        let mut load = self.loader.begin(&load_id).unwrap();
        load.start_table(&self.schema, &root).unwrap();
        load.write(&self.schema, &batch).unwrap();
        load.commit(&mut self.schema, state).unwrap()
    }

    pub(super) fn rows(&self, sql: &str) -> Vec<Vec<Value>> {
        let conn = self.loader.connection();
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        let mut out = Vec::new();
        while let Some(r) = q.next().unwrap() {
            out.push(
                (0..n)
                    .map(|i| read::json_of(r.get_ref(i).unwrap()))
                    .collect(),
            );
        }
        out
    }

    pub(super) fn count(&self, table: &str) -> i64 {
        self.loader
            .connection()
            .query_row(&format!("SELECT COUNT(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })
            .unwrap()
    }

    pub(super) fn ddl(&self, table: &str) -> Vec<(String, String, bool)> {
        let conn = self.loader.connection();
        let mut stmt = conn
            .prepare(&format!("PRAGMA table_info(\"{table}\")"))
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? == 1)))
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
    }
}

pub(super) fn hints(table: &str, wd: Option<WriteDisposition>, pk: Option<&str>) -> TableHints {
    TableHints {
        table_name: table.into(),
        write_disposition: wd,
        primary_key: pk.map(|k| KeyList::One(k.into())),
        ..TableHints::default()
    }
}

pub(super) fn merge() -> Option<WriteDisposition> {
    Some(WriteDisposition::Name(DispositionName::Merge))
}

pub(super) fn spec(strategy: MergeStrategy) -> WriteDispositionSpec {
    WriteDispositionSpec {
        disposition: DispositionName::Merge,
        strategy: Some(strategy),
        deduplicated: None,
        validity_column_names: None,
        active_record_timestamp: None,
        boundary_timestamp: None,
        row_version_column_name: None,
    }
}

/// dlt-behaviour.md §11.10 and §11.9: types, NOT NULL, stored value formats, system tables.
#[test]
fn ddl_and_stored_values_match_dlt_on_sqlite() {
    let mut d = db();
    d.run(
        &hints("t", None, Some("id")),
        vec![json!({"id": 1, "f": 1.5, "b": true, "s": "x", "ts": "2024-01-02T03:04:05+02:00", "big": 18446744073709551615u64, "tags": ["a"]})],
        None,
    );
    let t = |n: &str, ty: &str, nn: bool| (n.to_string(), ty.to_string(), nn);
    assert_eq!(
        d.ddl("t"),
        [
            t("id", "BIGINT", true),
            t("f", "DOUBLE", false),
            t("b", "BOOLEAN", false),
            t("s", "TEXT", false),
            t("ts", "DATETIME", false),
            t("big", "TEXT", false),
            t("_dlt_load_id", "TEXT", true),
            t("_dlt_id", "VARCHAR(128)", true)
        ]
    );
    assert_eq!(d.ddl("t__tags")[1], t("_dlt_parent_id", "TEXT", true));
    assert_eq!(d.ddl("t__tags")[2], t("_dlt_list_idx", "BIGINT", true));
    assert_eq!(
        d.rows("SELECT id, f, b, ts, big, _dlt_load_id FROM t"),
        [[
            json!(1),
            json!(1.5),
            json!(1),
            json!("2024-01-02 01:04:05.000000"),
            json!("18446744073709551615"),
            json!("1700000001.5")
        ]]
    );
    assert_eq!(d.ddl("_dlt_loads")[0], t("load_id", "VARCHAR(64)", true));
    assert_eq!(d.ddl("_dlt_loads").len(), 5);
    let state_cols: Vec<String> = d
        .ddl("_dlt_pipeline_state")
        .into_iter()
        .map(|c| format!("{} {}", c.0, c.1))
        .collect();
    assert_eq!(
        state_cols,
        [
            "version BIGINT",
            "engine_version BIGINT",
            "pipeline_name TEXT",
            "state TEXT",
            "created_at DATETIME",
            "version_hash TEXT",
            "_dlt_load_id VARCHAR(64)",
            "_dlt_id VARCHAR(128)"
        ]
    );
    let version_cols: Vec<String> = d.ddl("_dlt_version").into_iter().map(|c| c.0).collect();
    assert_eq!(
        version_cols,
        [
            "version",
            "engine_version",
            "inserted_at",
            "schema_name",
            "version_hash",
            "schema"
        ]
    );
    let mode: String = d
        .loader
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let loads = d.loader.loads().unwrap();
    assert_eq!(loads.len(), 1);
    assert_eq!(
        (loads[0].load_id.as_str(), loads[0].status),
        ("1700000001.5", 0)
    );
    assert_eq!(
        loads[0].schema_version_hash.as_deref(),
        Some(d.schema.version_hash.as_str())
    );
}

#[test]
fn json_columns_store_python_json_text() {
    let mut d = db();
    let mut cols = indexmap::IndexMap::new();
    cols.insert(
        "doc".to_string(),
        ColumnSchema {
            data_type: Some(DataType::Json),
            ..Default::default()
        },
    );
    let h = TableHints {
        columns: Some(Columns::Map(cols)),
        ..hints("j", None, None)
    };
    d.run(&h, vec![json!({"doc": {"k": 1, "l": ["é"]}})], None);
    assert_eq!(d.ddl("j")[0].1, "JSON");
    assert_eq!(
        d.rows("SELECT doc FROM j"),
        [[json!(r#"{"k": 1, "l": ["\u00e9"]}"#)]]
    );
}

#[test]
fn append_twice_evolves_the_table_with_alter() {
    let mut d = db();
    let h = hints("a", None, None);
    d.run(&h, vec![json!({"id": 1})], None);
    let first_version = d.schema.version;
    d.run(
        &h,
        vec![json!({"id": 2, "extra": "x"}), json!({"id": "oops"})],
        None,
    );
    assert_eq!(d.count("a"), 3);
    let cols: Vec<String> = d.ddl("a").into_iter().map(|c| c.0).collect();
    assert_eq!(
        cols,
        ["id", "_dlt_load_id", "_dlt_id", "extra", "id__v_text"]
    );
    assert_eq!(
        d.rows("SELECT id, extra, id__v_text FROM a ORDER BY rowid"),
        [
            [json!(1), Value::Null, Value::Null],
            [json!(2), json!("x"), Value::Null],
            [Value::Null, Value::Null, json!("oops")]
        ]
    );
    assert!(d.schema.version > first_version);
    assert_eq!(d.count("_dlt_version"), 2);
    // An unchanged schema is not stored again.
    d.run(&h, vec![json!({"id": 3})], None);
    assert_eq!(d.count("_dlt_version"), 2);
    assert_eq!(d.count("_dlt_loads"), 3);
}

/// A load dropped midway leaves the previous data, schema version and state untouched.
#[test]
fn dropped_load_leaves_previous_load_and_state() {
    let mut d = db();
    let h = hints("t", None, None);
    let mut state = default_state("p", "ds", "rest_api");
    state["sources"] =
        json!({"rest_api": {"resources": {"t": {"incremental": {"id": {"last_value": 1}}}}}});
    let s1 = d.run(&h, vec![json!({"id": 1, "l": [1]})], Some(&mut state));
    assert!(s1.state_stored && s1.schema_stored);
    let before = d.loader.read_state("p").unwrap().unwrap();
    assert_eq!(
        before["sources"]["rest_api"]["resources"]["t"]["incremental"]["id"]["last_value"],
        1
    );
    assert_eq!(before["_version_hash"], state["_version_hash"]);
    {
        let mut n = Normalizer::new(d.schema.clone(), "1800000000.1");
        n.register_table(&h).unwrap();
        let batch = n
            .normalize_all("t", vec![json!({"id": 2, "new_col": true, "l": [2]})])
            .unwrap();
        let mut load = d.loader.begin("1800000000.1").unwrap();
        load.write(n.schema(), &batch).unwrap();
        // Cancelled: dropped without commit.
    }
    assert_eq!(d.rows("SELECT id FROM t"), [[json!(1)]]);
    assert_eq!(d.count("t__l"), 1);
    assert!(!d.ddl("t").iter().any(|c| c.0 == "new_col"));
    assert_eq!(d.count("_dlt_loads"), 1);
    assert_eq!(d.loader.read_state("p").unwrap().unwrap(), before);
    // The same state again stores no new row; a changed one does, with a bumped version.
    d.run(&h, vec![], Some(&mut state));
    assert_eq!(d.count("_dlt_pipeline_state"), 1);
    state["sources"]["rest_api"]["resources"]["t"]["incremental"]["id"]["last_value"] = json!(2);
    assert!(
        d.run(&h, vec![json!({"id": 2})], Some(&mut state))
            .state_stored
    );
    assert_eq!(
        d.loader.read_state("p").unwrap().unwrap()["_state_version"],
        1
    );
}

#[test]
fn read_helpers_and_full_refresh() {
    let mut d = db();
    let h = hints("t", None, None);
    let mut state = default_state("p", "ds", "rest_api");
    d.run(
        &h,
        vec![json!({"id": 1, "l": [1, 2]}), json!({"id": 2})],
        Some(&mut state),
    );
    let tables = d.loader.list_tables().unwrap();
    let names: Vec<(&str, u64)> = tables
        .iter()
        .map(|t| (t.name.as_str(), t.row_count))
        .collect();
    assert_eq!(
        names,
        [
            ("_dlt_loads", 1),
            ("_dlt_pipeline_state", 1),
            ("_dlt_version", 1),
            ("t", 2),
            ("t__l", 2)
        ]
    );
    let page = d.loader.page_rows("t", 1, 10).unwrap();
    assert_eq!((page.total, page.rows.len()), (2, 1));
    assert_eq!(page.columns[0], "id");
    assert_eq!(page.rows[0][0], json!(2));
    let stored = d.loader.read_schema("rest_api").unwrap().unwrap();
    assert_eq!(stored, d.schema);
    d.loader.full_refresh("rest_api", "p").unwrap();
    let names: Vec<String> = d
        .loader
        .list_tables()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["_dlt_loads", "_dlt_pipeline_state", "_dlt_version"]);
    assert_eq!(d.loader.read_state("p").unwrap(), None);
    assert_eq!(d.loader.read_schema("rest_api").unwrap(), None);
}

#[test]
fn dataset_file_names_follow_dlt() {
    assert_eq!(
        dataset_file(Path::new("/x/db_inc.db"), "ds"),
        Path::new("/x/db_inc__ds.db")
    );
    let id = new_load_id();
    assert!(id.contains('.') && id.parse::<f64>().unwrap() > 1.7e9);
}

#[test]
fn many_rows_in_several_batches() {
    let mut d = db();
    let h = hints("big", None, None);
    let load_id = d.next_id();
    let mut n = Normalizer::new(d.schema.clone(), &load_id);
    n.register_table(&h).unwrap();
    let mut load = d.loader.begin(&load_id).unwrap();
    for b in 0..4 {
        let records = (0..2_500)
            .map(|i| json!({"id": b * 2_500 + i, "name": format!("n{i}"), "tags": ["a", "b"]}));
        let batch = n.normalize_all("big", records).unwrap();
        load.write(n.schema(), &batch).unwrap();
    }
    let mut schema = n.into_schema();
    let summary = load.commit(&mut schema, None).unwrap();
    assert_eq!(summary.rows["big"], 10_000);
    assert_eq!((d.count("big"), d.count("big__tags")), (10_000, 20_000));
}
