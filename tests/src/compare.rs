//! Comparing two SQLite files the way a dlt user would: same tables, same columns in the same order, same rows —
//! with dlt's ids replaced by the identity of the row they point at, so a child row must point
//! at the same parent in both files. Plus a view of rows by the post they belong to, for
//! comparing a partial incremental load with the matching part of a complete one.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::Connection;

/// A value with its storage class, as the comparisons see it.
pub fn cell(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(i) => format!("i:{i}"),
        ValueRef::Real(f) => format!("r:{f}"),
        ValueRef::Text(t) => format!("t:{}", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("b:{b:?}"),
    }
}

const ID_COLUMNS: [&str; 4] = ["_dlt_load_id", "_dlt_id", "_dlt_parent_id", "_dlt_root_id"];

pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Every data table (system tables `_dlt_*` aside) with its rows.
pub fn read(path: &Path) -> Result<BTreeMap<String, Table>, String> {
    let conn = Connection::open(path).map_err(|e| e.to_string())?;
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_dlt\\_%' ESCAPE '\\'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| e.to_string())?;
    let mut out = BTreeMap::new();
    for name in names {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{name}\""))
            .map_err(|e| e.to_string())?;
        let columns: Vec<String> = stmt.column_names().map(|c| c.to_string()).collect();
        let n = columns.len();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get_ref(i).map(cell))
                    .collect::<Result<Vec<_>, _>>()
            })
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(|e| e.to_string())?;
        out.insert(name, Table { columns, rows });
    }
    Ok(out)
}

/// Parents before children: a nested table's name extends its parent's.
fn parents_first(tables: &BTreeMap<String, Table>) -> Vec<&String> {
    let mut order: Vec<&String> = tables.keys().collect();
    order.sort_by_key(|n| n.matches("__").count());
    order
}

/// Rows with ids replaced by the identity of what they point at, sorted.
pub fn canonical(tables: &BTreeMap<String, Table>) -> BTreeMap<String, Vec<String>> {
    let mut ident: HashMap<String, String> = HashMap::new();
    let mut out = BTreeMap::new();
    for name in parents_first(tables) {
        let t = &tables[name];
        let pos = |c: &str| t.columns.iter().position(|x| x == c);
        let (id, parent) = (pos("_dlt_id"), pos("_dlt_parent_id"));
        let mut rows = Vec::new();
        for r in &t.rows {
            let data: Vec<&str> = t
                .columns
                .iter()
                .zip(r)
                .filter(|(c, _)| !ID_COLUMNS.contains(&c.as_str()))
                .map(|(_, v)| v.as_str())
                .collect();
            let parent_ident = parent.map(|p| {
                ident
                    .get(&r[p])
                    .cloned()
                    .unwrap_or_else(|| "<dangling parent>".into())
            });
            let me = format!(
                "{}|{}",
                parent_ident.clone().unwrap_or_default(),
                data.join("|")
            );
            if let Some(i) = id {
                ident.insert(r[i].clone(), me.clone());
            }
            rows.push(me);
        }
        rows.sort();
        out.insert(name.clone(), rows);
    }
    out
}

/// Ok when both files hold the same data (tables, columns, rows, parents); otherwise what
/// differs first.
pub fn same_data(expected: &Path, actual: &Path) -> Result<(), String> {
    let a = read(expected)?;
    let b = read(actual)?;
    let (ta, tb): (Vec<&String>, Vec<&String>) = (a.keys().collect(), b.keys().collect());
    if ta != tb {
        return Err(format!(
            "tables differ:\n expected: {ta:?}\n actual:   {tb:?}"
        ));
    }
    for (name, t) in &a {
        if t.columns != b[name].columns {
            return Err(format!(
                "table {name}: columns differ:\n expected: {:?}\n actual:   {:?}",
                t.columns, b[name].columns
            ));
        }
    }
    let (ca, cb) = (canonical(&a), canonical(&b));
    for (name, rows) in &ca {
        let other = &cb[name];
        if rows.len() != other.len() {
            return Err(format!(
                "table {name}: {} rows expected, {} found",
                rows.len(),
                other.len()
            ));
        }
        if let Some((x, y)) = rows.iter().zip(other).find(|(x, y)| x != y) {
            return Err(format!(
                "table {name}: rows differ:\n expected: {x}\n actual:   {y}"
            ));
        }
        if rows.iter().any(|r| r.contains("<dangling parent>")) {
            return Err(format!("table {name}: a row points at no parent"));
        }
    }
    Ok(())
}

/// Rows per table as `(post id, canonical row)`: root tables name the post in a column (`roots`:
/// table → column), nested rows inherit their parent's post. Canonical rows here are
/// `column=value` pairs without NULLs, so a column that is NULL in every row of a part does
/// not make two equal parts differ.
pub fn by_post(
    tables: &BTreeMap<String, Table>,
    roots: &[(&str, &str)],
) -> Result<BTreeMap<String, Vec<(i64, String)>>, String> {
    let mut ident: HashMap<String, (i64, String)> = HashMap::new();
    let mut out = BTreeMap::new();
    for name in parents_first(tables) {
        let t = &tables[name];
        let pos = |c: &str| t.columns.iter().position(|x| x == c);
        let (id, parent) = (pos("_dlt_id"), pos("_dlt_parent_id"));
        let root_col = roots
            .iter()
            .find(|(table, _)| table == name)
            .and_then(|(_, col)| pos(col));
        let mut rows = Vec::new();
        for r in &t.rows {
            let data: Vec<String> = t
                .columns
                .iter()
                .zip(r)
                .filter(|(c, v)| !ID_COLUMNS.contains(&c.as_str()) && v.as_str() != "NULL")
                .map(|(c, v)| format!("{c}={v}"))
                .collect();
            let (post, parent_ident) = match (root_col, parent) {
                (Some(c), _) => {
                    let post = r[c]
                        .strip_prefix("i:")
                        .and_then(|v| v.parse::<i64>().ok())
                        .ok_or_else(|| format!("table {name}: no post id in {:?}", r[c]))?;
                    (post, String::new())
                }
                (None, Some(p)) => ident
                    .get(&r[p])
                    .cloned()
                    .ok_or_else(|| format!("table {name}: a row points at no parent"))?,
                (None, None) => return Err(format!("table {name}: not tied to a post")),
            };
            let me = format!("{parent_ident}|{}", data.join("|"));
            if let Some(i) = id {
                ident.insert(r[i].clone(), (post, me.clone()));
            }
            rows.push((post, me));
        }
        rows.sort();
        out.insert(name.clone(), rows);
    }
    Ok(out)
}
