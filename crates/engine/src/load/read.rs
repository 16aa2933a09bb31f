//! Reading a dataset back (for the CLI and the data browser) and dropping a pipeline's data.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use super::ddl::{qualified, quote};
use super::state::decode_state;
use super::{LoadError, Loader};
use crate::normalize::schema::{is_system_table, Schema, LOADS_TABLE, STATE_TABLE, VERSION_TABLE};
use crate::normalize::schema_parse::from_dlt_json;

/// A table and its size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableInfo {
    pub name: String,
    pub row_count: u64,
    /// `(column, declared SQL type)` in table order.
    pub columns: Vec<(String, String)>,
}

/// A page of rows, values as JSON (blobs as base64 text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowPage {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// Rows in the whole table.
    pub total: u64,
}

/// One row of `_dlt_loads`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadInfo {
    pub load_id: String,
    pub schema_name: Option<String>,
    pub status: i64,
    pub inserted_at: String,
    pub schema_version_hash: Option<String>,
}

pub(crate) fn json_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(STANDARD.encode(b)),
    }
}

fn table_exists(conn: &Connection, name: &str) -> Result<bool, LoadError> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

/// [`Loader::read_state`] on any connection (or open transaction).
pub(crate) fn read_state(
    conn: &Connection,
    pipeline_name: &str,
) -> Result<Option<Value>, LoadError> {
    if !table_exists(conn, STATE_TABLE)? || !table_exists(conn, LOADS_TABLE)? {
        return Ok(None);
    }
    let encoded: Option<String> = conn
        .query_row(
            &format!(
                "SELECT s.state FROM {} AS s JOIN {} AS l ON l.load_id = s._dlt_load_id \
                 WHERE s.pipeline_name = ?1 AND l.status = 0 ORDER BY l.load_id DESC LIMIT 1",
                qualified("main", STATE_TABLE),
                qualified("main", LOADS_TABLE)
            ),
            [pipeline_name],
            |r| r.get(0),
        )
        .optional()?;
    encoded.map(|s| decode_state(&s)).transpose()
}

/// [`Loader::read_schema`] on any connection (or open transaction).
pub(crate) fn read_schema(
    conn: &Connection,
    schema_name: &str,
) -> Result<Option<Schema>, LoadError> {
    if !table_exists(conn, VERSION_TABLE)? {
        return Ok(None);
    }
    let text: Option<String> = conn
        .query_row(
            &format!(
                "SELECT schema FROM {} WHERE schema_name = ?1 ORDER BY inserted_at DESC, version DESC LIMIT 1",
                qualified("main", VERSION_TABLE)
            ),
            [schema_name],
            |r| r.get(0),
        )
        .optional()?;
    let Some(text) = text else {
        return Ok(None);
    };
    let doc: Value = serde_json::from_str(&text).map_err(|e| {
        LoadError::Schema(format!("stored schema `{schema_name}` is not JSON: {e}"))
    })?;
    from_dlt_json(&doc).map(Some).ok_or_else(|| {
        LoadError::Schema(format!("stored schema `{schema_name}` is not a dlt schema"))
    })
}

/// The statements of [`Loader::full_refresh`], run on `conn` without committing: inside a load's
/// transaction they are undone with it when the load is not committed.
pub(crate) fn drop_pipeline(
    conn: &Connection,
    schema_name: &str,
    pipeline_name: &str,
) -> Result<(), LoadError> {
    let tables: Vec<String> = match read_schema(conn, schema_name)? {
        Some(s) => s.data_tables().map(|t| t.name.clone()).collect(),
        None => Vec::new(),
    };
    for t in tables.iter().filter(|t| !is_system_table(t)) {
        conn.execute_batch(&format!("DROP TABLE IF EXISTS {}", qualified("main", t)))?;
    }
    for (table, key, value) in [
        (VERSION_TABLE, "schema_name", schema_name),
        (LOADS_TABLE, "schema_name", schema_name),
        (STATE_TABLE, "pipeline_name", pipeline_name),
    ] {
        if table_exists(conn, table)? {
            conn.execute(
                &format!("DELETE FROM {} WHERE {key} = ?1", qualified("main", table)),
                [value],
            )?;
        }
    }
    Ok(())
}

impl Loader {
    fn table_exists(&self, name: &str) -> Result<bool, LoadError> {
        table_exists(&self.conn, name)
    }

    /// All tables (data and system) with row counts and columns, by name.
    pub fn list_tables(&self) -> Result<Vec<TableInfo>, LoadError> {
        let mut stmt = self.conn.prepare(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let names = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            let row_count: i64 = self.conn.query_row(
                &format!("SELECT COUNT(*) FROM {}", qualified("main", &name)),
                [],
                |r| r.get(0),
            )?;
            let mut cols = self
                .conn
                .prepare(&format!("PRAGMA main.table_info({})", quote(&name)))?;
            let columns = cols
                .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            out.push(TableInfo {
                name,
                row_count: row_count.max(0) as u64,
                columns,
            });
        }
        Ok(out)
    }

    /// Rows `offset..offset+limit` of a table in insertion (rowid) order.
    pub fn page_rows(&self, table: &str, offset: u64, limit: u64) -> Result<RowPage, LoadError> {
        if !self.table_exists(table)? {
            return Err(LoadError::Schema(format!(
                "no table `{table}` in {}",
                self.path.display()
            )));
        }
        let t = qualified("main", table);
        let total: i64 = self
            .conn
            .query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0))?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT * FROM {t} ORDER BY rowid LIMIT ?1 OFFSET ?2"
        ))?;
        let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
        let n = columns.len();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let mut rows = Vec::new();
        let mut q = stmt.query([limit, offset])?;
        while let Some(r) = q.next()? {
            let mut row = Vec::with_capacity(n);
            for i in 0..n {
                row.push(json_of(r.get_ref(i)?));
            }
            rows.push(row);
        }
        Ok(RowPage {
            columns,
            rows,
            total: total.max(0) as u64,
        })
    }

    /// The newest state of a pipeline whose load completed (dlt's restore query), decoded.
    pub fn read_state(&self, pipeline_name: &str) -> Result<Option<Value>, LoadError> {
        read_state(&self.conn, pipeline_name)
    }

    /// The newest stored version of a schema.
    pub fn read_schema(&self, schema_name: &str) -> Result<Option<Schema>, LoadError> {
        read_schema(&self.conn, schema_name)
    }

    /// The completed loads, oldest first.
    pub fn loads(&self) -> Result<Vec<LoadInfo>, LoadError> {
        if !self.table_exists(LOADS_TABLE)? {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT load_id, schema_name, status, inserted_at, schema_version_hash FROM {} ORDER BY load_id",
            qualified("main", LOADS_TABLE)
        ))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(LoadInfo {
                    load_id: r.get(0)?,
                    schema_name: r.get(1)?,
                    status: r.get(2)?,
                    inserted_at: r.get(3)?,
                    schema_version_hash: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Drops every data table of the schema (as last stored), its schema versions and loads,
    /// and the pipeline's state rows, in one transaction. A run uses [`super::Load::full_refresh`]
    /// instead, so the drop commits only together with the new load.
    pub fn full_refresh(
        &mut self,
        schema_name: &str,
        pipeline_name: &str,
    ) -> Result<(), LoadError> {
        let tx = self.conn.transaction()?;
        drop_pipeline(&tx, schema_name, pipeline_name)?;
        tx.commit()?;
        Ok(())
    }
}
