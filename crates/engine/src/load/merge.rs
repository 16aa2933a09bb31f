//! Merge from the staging tables into the dataset, following dlt's SQLAlchemy merge job
//! (`dlt/destinations/impl/sqlalchemy/merge_job.py`):
//!
//! * `delete-insert`: delete destination rows whose primary key or merge key is staged (nested
//!   rows with them, by `_dlt_root_id`), then insert the staged rows deduplicated by primary key
//!   (first occurrence, or by the `dedup_sort` column), leaving out `hard_delete` rows. Without
//!   any key it is a plain append.
//! * `scd2`: retire active rows whose row hash is not staged (`_dlt_valid_to` = boundary), insert
//!   staged rows whose hash is not active (`_dlt_valid_from` = boundary); nested rows are inserted
//!   when their `_dlt_id` is new.

use rusqlite::Connection;

use super::ddl::{qualified, quote};
use super::LoadError;
use crate::normalize::schema::{Column, DataType, SortOrder, Table, C_DLT_ID, C_DLT_ROOT_ID};

/// Names of the staging table of `table` in the `temp` database.
pub fn stage_name(table: &str) -> String {
    format!("pw_stage__{table}")
}

fn stage(table: &str) -> String {
    qualified("temp", &stage_name(table))
}

fn main_t(table: &str) -> String {
    qualified("main", table)
}

/// Complete column names of a table, quoted and comma separated.
fn column_list(t: &Table) -> String {
    t.columns
        .values()
        .filter(|c| c.is_complete())
        .map(|c| quote(&c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `alias.hard_delete_col` means "keep this row" when NULL (or false for a bool column).
fn not_deleted(hard: Option<&Column>, alias: &str) -> Option<String> {
    let c = hard?;
    let col = format!("{alias}.{}", quote(&c.name));
    Some(if c.data_type == Some(DataType::Bool) {
        format!("({col} IS NULL OR {col} = 0)")
    } else {
        format!("{col} IS NULL")
    })
}

fn dedup_order(root: &Table) -> String {
    match root.first_column_with(|c| c.dedup_sort.is_some() && c.is_complete()) {
        Some(c) => {
            let dir = if c.dedup_sort == Some(SortOrder::Desc) {
                "DESC"
            } else {
                "ASC"
            };
            format!("{} {dir}, rowid", quote(&c.name))
        }
        // dlt orders by NULL; SQLite then keeps the first staged occurrence.
        None => "rowid".into(),
    }
}

/// Runs delete-insert for the chain of `root` (tables that exist in the dataset).
pub fn delete_insert(conn: &Connection, chain: &[&Table]) -> Result<(), LoadError> {
    let Some(root) = chain.first() else {
        return Ok(());
    };
    let keys = |p: fn(&Column) -> bool| -> Vec<String> {
        root.columns
            .values()
            .filter(|c| p(c) && c.is_complete())
            .map(|c| quote(&c.name))
            .collect()
    };
    let pk = keys(|c| c.primary_key);
    let mk = keys(|c| c.merge_key);
    let hard = root.first_column_with(|c| c.hard_delete && c.is_complete());
    let skip_dedup = root.stage_data_deduplicated;
    let r = main_t(&root.name);
    let s = stage(&root.name);
    let nested = chain.len() > 1;
    let row_key = quote(C_DLT_ID);
    let root_key = quote(C_DLT_ROOT_ID);
    if !pk.is_empty() || !mk.is_empty() {
        let eq = |cols: &[String]| {
            let parts: Vec<String> = cols.iter().map(|c| format!("{r}.{c} = s.{c}")).collect();
            format!("({})", parts.join(" AND "))
        };
        let mut clauses = Vec::new();
        if !pk.is_empty() {
            clauses.push(eq(&pk));
        }
        if !mk.is_empty() {
            clauses.push(eq(&mk));
        }
        let exists = format!(
            "EXISTS (SELECT 1 FROM {s} AS s WHERE {})",
            clauses.join(" OR ")
        );
        if nested {
            conn.execute_batch(&format!(
                "DROP TABLE IF EXISTS temp.pw_delete; \
                 CREATE TEMP TABLE pw_delete AS SELECT {row_key} FROM {r} WHERE {exists};"
            ))?;
            for t in &chain[1..] {
                conn.execute_batch(&format!(
                    "DELETE FROM {} WHERE {root_key} IN (SELECT {row_key} FROM temp.pw_delete)",
                    main_t(&t.name)
                ))?;
            }
            conn.execute_batch(&format!(
                "DELETE FROM {r} WHERE {row_key} IN (SELECT {row_key} FROM temp.pw_delete); \
                 DROP TABLE temp.pw_delete;"
            ))?;
        } else {
            conn.execute_batch(&format!("DELETE FROM {r} WHERE {exists}"))?;
        }
    }
    let partition = pk.join(", ");
    let dedup = !pk.is_empty() && !skip_dedup;
    let ranked = |cols: &str| {
        format!(
            "SELECT {cols}, ROW_NUMBER() OVER (PARTITION BY {partition} ORDER BY {}) AS _dlt_dedup_rn FROM {s}",
            dedup_order(root)
        )
    };
    if nested && (!pk.is_empty() || hard.is_some()) {
        let hard_col = hard
            .map(|c| format!(", {}", quote(&c.name)))
            .unwrap_or_default();
        let source = if dedup {
            format!("({}) AS s", ranked(&format!("{row_key}{hard_col}")))
        } else {
            format!("{s} AS s")
        };
        let mut conds: Vec<String> = Vec::new();
        if dedup {
            conds.push("s._dlt_dedup_rn = 1".into());
        }
        conds.extend(not_deleted(hard, "s"));
        let filter = if conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conds.join(" AND "))
        };
        conn.execute_batch(&format!(
            "DROP TABLE IF EXISTS temp.pw_insert; \
             CREATE TEMP TABLE pw_insert AS SELECT s.{row_key} FROM {source}{filter};"
        ))?;
        for (i, t) in chain.iter().enumerate() {
            let key = if i == 0 { &row_key } else { &root_key };
            let cols = column_list(t);
            conn.execute_batch(&format!(
                "INSERT INTO {} ({cols}) SELECT {cols} FROM {} WHERE {key} IN (SELECT {row_key} FROM temp.pw_insert)",
                main_t(&t.name),
                stage(&t.name)
            ))?;
        }
        conn.execute_batch("DROP TABLE temp.pw_insert")?;
    } else if dedup && !nested {
        let cols = column_list(root);
        let mut conds = vec!["s._dlt_dedup_rn = 1".to_string()];
        conds.extend(not_deleted(hard, "s"));
        conn.execute_batch(&format!(
            "INSERT INTO {r} ({cols}) SELECT {cols} FROM ({}) AS s WHERE {}",
            ranked("*"),
            conds.join(" AND ")
        ))?;
    } else {
        for (i, t) in chain.iter().enumerate() {
            let cols = column_list(t);
            let filter = if i == 0 {
                not_deleted(hard, "s")
                    .map(|c| format!(" WHERE {c}"))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            conn.execute_batch(&format!(
                "INSERT INTO {} ({cols}) SELECT {cols} FROM {} AS s{filter}",
                main_t(&t.name),
                stage(&t.name)
            ))?;
        }
    }
    Ok(())
}

/// SQL text literal.
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Runs scd2 for the chain of `root`. `boundary` and `active` are datetime literals as dlt formats
/// them for SQLite (`YYYY-MM-DD HH:MM:SS.ffffff+00:00`); `active` is `None` for NULL.
pub fn scd2(
    conn: &Connection,
    chain: &[&Table],
    boundary: &str,
    active: Option<&str>,
) -> Result<(), LoadError> {
    let Some(root) = chain.first() else {
        return Ok(());
    };
    let name = |p: fn(&Column) -> bool, what: &str| -> Result<String, LoadError> {
        root.first_column_with(p)
            .map(|c| c.name.clone())
            .ok_or_else(|| {
                LoadError::Schema(format!("scd2 table `{}` has no {what} column", root.name))
            })
    };
    let from = name(|c| c.x_valid_from, "valid-from")?;
    let to = name(|c| c.x_valid_to, "valid-to")?;
    let hash = quote(&name(|c| c.x_row_version, "row-version")?);
    let r = main_t(&root.name);
    let s = stage(&root.name);
    let active_clause = match active {
        None => format!("{} IS NULL", quote(&to)),
        Some(a) => format!("{} = {}", quote(&to), lit(a)),
    };
    let mk: Vec<String> = root
        .columns
        .values()
        .filter(|c| c.merge_key && c.is_complete())
        .map(|c| format!("CAST({} AS TEXT)", quote(&c.name)))
        .collect();
    let mk_filter = if mk.is_empty() {
        String::new()
    } else {
        let concat = mk.join(" || ");
        format!(" AND {concat} IN (SELECT {concat} FROM {s})")
    };
    conn.execute_batch(&format!(
        "UPDATE {r} SET {} = {} WHERE {hash} NOT IN (SELECT {hash} FROM {s}) AND {active_clause}{mk_filter}",
        quote(&to),
        lit(boundary)
    ))?;
    let cols: Vec<&Column> = root.columns.values().filter(|c| c.is_complete()).collect();
    let names: Vec<String> = cols.iter().map(|c| quote(&c.name)).collect();
    let select: Vec<String> = cols
        .iter()
        .map(|c| {
            if c.name == from {
                lit(boundary)
            } else if c.name == to {
                active.map_or_else(|| "NULL".to_string(), lit)
            } else {
                format!("s.{}", quote(&c.name))
            }
        })
        .collect();
    conn.execute_batch(&format!(
        "INSERT INTO {r} ({}) SELECT {} FROM {s} AS s WHERE s.{hash} NOT IN (SELECT {hash} FROM {r} WHERE {active_clause})",
        names.join(", "),
        select.join(", ")
    ))?;
    let row_key = quote(C_DLT_ID);
    for t in &chain[1..] {
        let cols = column_list(t);
        conn.execute_batch(&format!(
            "INSERT INTO {mt} ({cols}) SELECT {cols} FROM {} WHERE {row_key} NOT IN (SELECT {row_key} FROM {mt})",
            stage(&t.name),
            mt = main_t(&t.name)
        ))?;
    }
    Ok(())
}
