//! DDL as dlt's SQLAlchemy destination emits it on SQLite (dlt-behaviour.md §11.10): type names,
//! `NOT NULL`, no keys or indexes; new columns by `ALTER TABLE ... ADD COLUMN` in schema order.

use std::collections::HashMap;

use rusqlite::Connection;

use super::LoadError;
use crate::normalize::schema::{Column, DataType, Table};

/// `"name"` with embedded quotes doubled.
pub fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// `schema."name"`.
pub fn qualified(db: &str, table: &str) -> String {
    format!("{}.{}", quote(db), quote(table))
}

/// The SQLite type SQLAlchemy's type mapper produces for a column.
pub fn sql_type(c: &Column) -> String {
    match c.data_type {
        Some(DataType::Bigint) | None => match c.precision {
            Some(p) if p <= 16 => "SMALLINT".into(),
            Some(p) if p <= 32 => "INTEGER".into(),
            _ => "BIGINT".into(),
        },
        Some(DataType::Double) => "DOUBLE".into(),
        Some(DataType::Bool) => "BOOLEAN".into(),
        Some(DataType::Text) => match (c.precision, c.unique) {
            (Some(n), _) => format!("VARCHAR({n})"),
            (None, true) => "VARCHAR(128)".into(),
            (None, false) => "TEXT".into(),
        },
        Some(DataType::Timestamp) => "DATETIME".into(),
        Some(DataType::Date) => "DATE".into(),
        Some(DataType::Time) => "TIME".into(),
        Some(DataType::Json) => "JSON".into(),
        Some(DataType::Decimal) => match (c.precision, c.scale) {
            (None, None) => "NUMERIC(38, 9)".into(),
            (p, s) => format!("NUMERIC({}, {})", p.unwrap_or(38), s.unwrap_or(0)),
        },
        Some(DataType::Wei) => "NUMERIC(38, 0)".into(),
        Some(DataType::Binary) => "BLOB".into(),
    }
}

fn column_def(c: &Column, with_not_null: bool) -> String {
    let mut def = format!("{} {}", quote(&c.name), sql_type(c));
    if with_not_null && !c.nullable {
        def.push_str(" NOT NULL");
    }
    def
}

/// The columns that exist in the database, per `db.table`, read once and then kept in step.
#[derive(Debug, Default)]
pub struct Catalog {
    tables: HashMap<(String, String), Vec<String>>,
}

impl Catalog {
    fn load(conn: &Connection, db: &str, table: &str) -> Result<Vec<String>, LoadError> {
        let sql = format!("PRAGMA {}.table_info({})", quote(db), quote(table));
        let mut stmt = conn.prepare(&sql)?;
        let names = stmt
            .query_map([], |r| r.get::<_, String>(1))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(names)
    }

    /// Columns of `db.table` (empty if the table does not exist).
    pub fn columns(
        &mut self,
        conn: &Connection,
        db: &str,
        table: &str,
    ) -> Result<&[String], LoadError> {
        let key = (db.to_string(), table.to_string());
        if !self.tables.contains_key(&key) {
            let cols = Self::load(conn, db, table)?;
            self.tables.insert(key.clone(), cols);
        }
        Ok(self.tables.get(&key).map(Vec::as_slice).unwrap_or(&[]))
    }

    /// True if the table exists.
    pub fn exists(&mut self, conn: &Connection, db: &str, table: &str) -> Result<bool, LoadError> {
        Ok(!self.columns(conn, db, table)?.is_empty())
    }

    /// Forgets a table (after it was dropped).
    pub fn forget(&mut self, db: &str, table: &str) {
        self.tables.remove(&(db.to_string(), table.to_string()));
    }

    /// Creates `db.name` with the table's complete columns, or adds the ones it lacks.
    ///
    /// `typed`: staging tables are created without types or constraints so values pass through
    /// unchanged until the final insert applies the destination's column affinity.
    pub fn sync(
        &mut self,
        conn: &Connection,
        db: &str,
        name: &str,
        table: &Table,
        typed: bool,
    ) -> Result<(), LoadError> {
        let existing = self.columns(conn, db, name)?.to_vec();
        let wanted: Vec<&Column> = table.columns.values().filter(|c| c.is_complete()).collect();
        let def = |c: &Column, not_null: bool| {
            if typed {
                column_def(c, not_null)
            } else {
                quote(&c.name)
            }
        };
        if existing.is_empty() {
            if wanted.is_empty() {
                return Ok(());
            }
            let cols: Vec<String> = wanted.iter().map(|c| def(c, true)).collect();
            let sql = format!(
                "CREATE TABLE {} (\n\t{}\n)",
                qualified(db, name),
                cols.join(", \n\t")
            );
            conn.execute_batch(&sql)?;
            self.tables.insert(
                (db.to_string(), name.to_string()),
                wanted.iter().map(|c| c.name.clone()).collect(),
            );
            return Ok(());
        }
        for c in wanted {
            if existing.iter().any(|e| e == &c.name) {
                continue;
            }
            // SQLite refuses `ADD COLUMN ... NOT NULL` without a default, so added columns are
            // nullable in the DDL (the schema keeps the hint).
            let sql = format!(
                "ALTER TABLE {} ADD COLUMN {}",
                qualified(db, name),
                def(c, false)
            );
            conn.execute_batch(&sql)?;
            if let Some(cols) = self.tables.get_mut(&(db.to_string(), name.to_string())) {
                cols.push(c.name.clone());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(t: DataType) -> Column {
        Column::new("c", Some(t))
    }

    /// dlt-behaviour.md §11.10.
    #[test]
    fn type_mapping() {
        assert_eq!(sql_type(&col(DataType::Bigint)), "BIGINT");
        assert_eq!(
            sql_type(&Column {
                precision: Some(16),
                ..col(DataType::Bigint)
            }),
            "SMALLINT"
        );
        assert_eq!(
            sql_type(&Column {
                precision: Some(32),
                ..col(DataType::Bigint)
            }),
            "INTEGER"
        );
        assert_eq!(sql_type(&col(DataType::Double)), "DOUBLE");
        assert_eq!(sql_type(&col(DataType::Bool)), "BOOLEAN");
        assert_eq!(sql_type(&col(DataType::Text)), "TEXT");
        assert_eq!(
            sql_type(&Column {
                precision: Some(64),
                ..col(DataType::Text)
            }),
            "VARCHAR(64)"
        );
        assert_eq!(
            sql_type(&Column {
                unique: true,
                ..col(DataType::Text)
            }),
            "VARCHAR(128)"
        );
        assert_eq!(sql_type(&col(DataType::Timestamp)), "DATETIME");
        assert_eq!(sql_type(&col(DataType::Date)), "DATE");
        assert_eq!(sql_type(&col(DataType::Time)), "TIME");
        assert_eq!(sql_type(&col(DataType::Json)), "JSON");
        assert_eq!(sql_type(&col(DataType::Decimal)), "NUMERIC(38, 9)");
        assert_eq!(sql_type(&col(DataType::Wei)), "NUMERIC(38, 0)");
        assert_eq!(sql_type(&col(DataType::Binary)), "BLOB");
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    }
}
