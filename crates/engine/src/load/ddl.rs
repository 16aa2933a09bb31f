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
        let missing: Vec<&Column> = wanted
            .into_iter()
            .filter(|c| !existing.iter().any(|e| e == &c.name))
            .collect();
        if missing.iter().any(|c| is_rowid_name(&c.name)) {
            let added: Vec<String> = missing.iter().map(|c| def(c, false)).collect();
            rebuild_with_columns(conn, db, name, &existing, &added)?;
        } else {
            for c in &missing {
                // SQLite refuses `ADD COLUMN ... NOT NULL` without a default, so added columns
                // are nullable in the DDL (the schema keeps the hint).
                let sql = format!(
                    "ALTER TABLE {} ADD COLUMN {}",
                    qualified(db, name),
                    def(c, false)
                );
                conn.execute_batch(&sql)?;
            }
        }
        if let Some(cols) = self.tables.get_mut(&(db.to_string(), name.to_string())) {
            cols.extend(missing.iter().map(|c| c.name.clone()));
        }
        Ok(())
    }
}

/// A column named like SQLite's row id (`rowid`, `oid`, `_rowid_`, in any case). SQLite 3.50+
/// refuses to `ALTER TABLE ... ADD COLUMN` one ("cannot add rowid alias"), although `CREATE
/// TABLE` accepts it, so a record field `rowid` that first appears after its table exists
/// used to fail the whole run.
fn is_rowid_name(name: &str) -> bool {
    ["rowid", "oid", "_rowid_"]
        .iter()
        .any(|r| r.eq_ignore_ascii_case(name))
}

/// Adds columns the way `ALTER TABLE ADD COLUMN` cannot: a new table with the existing columns
/// (same types and NOT NULL flags) plus `added` (column definitions), the rows copied over in
/// row order, the old table dropped and the new one renamed. Runs inside the load's
/// transaction like any other DDL.
fn rebuild_with_columns(
    conn: &Connection,
    db: &str,
    name: &str,
    existing: &[String],
    added: &[String],
) -> Result<(), LoadError> {
    let mut stmt = conn.prepare(&format!("PRAGMA {}.table_info({})", quote(db), quote(name)))?;
    let mut defs: Vec<String> = stmt
        .query_map([], |r| {
            let (col, ty, not_null): (String, String, bool) = (r.get(1)?, r.get(2)?, r.get(3)?);
            let mut d = quote(&col);
            if !ty.is_empty() {
                d.push(' ');
                d.push_str(&ty);
            }
            if not_null {
                d.push_str(" NOT NULL");
            }
            Ok(d)
        })?
        .collect::<Result<_, _>>()?;
    drop(stmt);
    defs.extend(added.iter().cloned());
    let temp = format!("{name}__pw_rebuild");
    let cols: Vec<String> = existing.iter().map(|c| quote(c)).collect();
    // The old table has no row-id-named column (that is the one being added), so `_rowid_`,
    // or failing that `rowid`, still means its row id.
    let order = ["_rowid_", "rowid", "oid"]
        .into_iter()
        .find(|r| !existing.iter().any(|e| e.eq_ignore_ascii_case(r)))
        .unwrap_or("_rowid_");
    conn.execute_batch(&format!(
        "CREATE TABLE {tmp} (\n\t{defs}\n);\n\
         INSERT INTO {tmp} ({cols}) SELECT {cols} FROM {old} ORDER BY {order};\n\
         DROP TABLE {old};\n\
         ALTER TABLE {tmp} RENAME TO {new};",
        tmp = qualified(db, &temp),
        defs = defs.join(", \n\t"),
        cols = cols.join(", "),
        old = qualified(db, name),
        new = quote(name),
    ))?;
    Ok(())
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

    #[test]
    fn a_row_id_named_column_is_added_by_rebuilding() {
        let conn = Connection::open_in_memory().unwrap();
        let mut catalog = Catalog::default();
        let mut table = Table::new_root("t");
        table
            .columns
            .insert("a".into(), Column::new("a", Some(DataType::Bigint)));
        catalog.sync(&conn, "main", "t", &table, true).unwrap();
        conn.execute_batch("INSERT INTO t (a) VALUES (1), (2)")
            .unwrap();
        for name in ["rowid", "OID", "b"] {
            table
                .columns
                .insert(name.into(), Column::new(name, Some(DataType::Text)));
        }
        catalog.sync(&conn, "main", "t", &table, true).unwrap();
        conn.execute_batch("INSERT INTO t (a, rowid, \"OID\", b) VALUES (3, 'r', 'o', 'b')")
            .unwrap();
        let rows: Vec<(i64, Option<String>)> = conn
            .prepare("SELECT a, rowid FROM t ORDER BY a")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows, vec![(1, None), (2, None), (3, Some("r".into()))]);
        assert_eq!(
            catalog.columns(&conn, "main", "t").unwrap(),
            ["a", "rowid", "OID", "b"]
        );
        let not_null: i64 = conn
            .query_row(
                "SELECT \"notnull\" FROM pragma_table_info('t') WHERE name = 'a'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(not_null, 0);
    }
}
