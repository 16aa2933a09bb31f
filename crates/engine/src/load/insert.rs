//! Inserting normalised rows: values bound as SQLAlchemy stores them on SQLite (bool 0/1,
//! timestamps as UTC text, JSON as text), many rows per statement through cached statements.

use rusqlite::types::{ToSqlOutput, Value as SqlLiteValue, ValueRef};
use rusqlite::{Connection, ToSql};

use super::ddl::{qualified, quote};
use super::LoadError;
use crate::normalize::schema::Table;
use crate::normalize::timestamp::{format_date, format_time, format_timestamp, write_timestamp};
use crate::normalize::{Row, SqlValue};

/// SQLite's default limit of bound parameters per statement (3.32+) is 32766.
const MAX_PARAMS: usize = 32_000;
/// Rows per multi-row INSERT; bigger brings little and costs statement-cache memory.
const MAX_ROWS_PER_INSERT: usize = 256;

/// A value as bound to a statement.
pub struct Bind<'a>(pub &'a SqlValue);

impl ToSql for Bind<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self.0 {
            SqlValue::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            SqlValue::Integer(i) => ToSqlOutput::Owned(SqlLiteValue::Integer(*i)),
            SqlValue::Real(f) => ToSqlOutput::Owned(SqlLiteValue::Real(*f)),
            SqlValue::Bool(b) => ToSqlOutput::Owned(SqlLiteValue::Integer(i64::from(*b))),
            SqlValue::Text(s) | SqlValue::Json(s) => {
                ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))
            }
            SqlValue::Timestamp(us) => {
                ToSqlOutput::Owned(SqlLiteValue::Text(format_timestamp(*us)))
            }
            SqlValue::Date(d) => ToSqlOutput::Owned(SqlLiteValue::Text(format_date(*d))),
            SqlValue::Time(t) => ToSqlOutput::Owned(SqlLiteValue::Text(format_time(*t))),
            SqlValue::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

fn insert_sql(target: &str, cols: &[&str], rows: usize) -> String {
    let names: Vec<String> = cols.iter().map(|c| quote(c)).collect();
    let one = format!("({})", vec!["?"; cols.len()].join(","));
    format!(
        "INSERT INTO {target} ({}) VALUES {}",
        names.join(","),
        vec![one; rows].join(",")
    )
}

/// Inserts rows into `db.name`, whose columns follow `table` (only complete columns are written).
pub fn insert_rows(
    conn: &Connection,
    db: &str,
    name: &str,
    table: &Table,
    rows: &[Row],
) -> Result<(), LoadError> {
    let cols: Vec<(usize, &str)> = table
        .columns
        .values()
        .enumerate()
        .filter(|(_, c)| c.is_complete())
        .map(|(i, c)| (i, c.name.as_str()))
        .collect();
    if cols.is_empty() || rows.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = cols.iter().map(|(_, n)| *n).collect();
    let target = qualified(db, name);
    let per_insert = (MAX_PARAMS / cols.len()).clamp(1, MAX_ROWS_PER_INSERT);
    let null = SqlValue::Null;
    // Timestamps are formatted into one reused buffer (SQLite copies bound text).
    let mut text = String::with_capacity(32);
    let mut bind_rows =
        |stmt: &mut rusqlite::CachedStatement<'_>, chunk: &[Row]| -> Result<(), LoadError> {
            let mut p = 1;
            for row in chunk {
                for (i, _) in &cols {
                    match row.get(*i).unwrap_or(&null) {
                        SqlValue::Timestamp(us) => {
                            text.clear();
                            write_timestamp(*us, &mut text);
                            stmt.raw_bind_parameter(p, text.as_str())?;
                        }
                        value => stmt.raw_bind_parameter(p, Bind(value))?,
                    }
                    p += 1;
                }
            }
            stmt.raw_execute()?;
            Ok(())
        };
    let mut chunks = rows.chunks_exact(per_insert);
    if per_insert > 1 && chunks.len() > 0 {
        let mut stmt = conn.prepare_cached(&insert_sql(&target, &names, per_insert))?;
        for chunk in chunks.by_ref() {
            bind_rows(&mut stmt, chunk)?;
        }
    }
    let rest = if per_insert > 1 {
        chunks.remainder()
    } else {
        rows
    };
    if !rest.is_empty() {
        let mut stmt = conn.prepare_cached(&insert_sql(&target, &names, 1))?;
        for row in rest {
            bind_rows(&mut stmt, std::slice::from_ref(row))?;
        }
    }
    Ok(())
}
