//! Compares two SQLite files the way a dlt user would: same tables, same columns in the same
//! order, same rows — with dlt's random ids replaced by what they identify.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::Connection;

const ID_COLUMNS: [&str; 4] = ["_dlt_load_id", "_dlt_id", "_dlt_parent_id", "_dlt_root_id"];

struct Table {
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn cell(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => "NULL".into(),
        ValueRef::Integer(i) => format!("i:{i}"),
        ValueRef::Real(f) => format!("r:{f}"),
        ValueRef::Text(t) => format!("t:{}", String::from_utf8_lossy(t)),
        ValueRef::Blob(b) => format!("b:{b:?}"),
    }
}

fn read(path: &Path) -> Result<BTreeMap<String, Table>, String> {
    let conn = Connection::open(path).map_err(|e| e.to_string())?;
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_dlt_%'")
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

/// Rows with ids replaced by the identity of what they point at, sorted.
fn canonical(tables: &BTreeMap<String, Table>) -> BTreeMap<String, Vec<String>> {
    // Parents before children: a child table's name extends its parent's.
    let mut order: Vec<&String> = tables.keys().collect();
    order.sort_by_key(|n| n.matches("__").count());
    let mut ident: HashMap<String, String> = HashMap::new();
    let mut out = BTreeMap::new();
    for name in order {
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

fn loads(path: &Path) -> Result<i64, String> {
    let conn = Connection::open(path).map_err(|e| e.to_string())?;
    conn.query_row(
        "SELECT count(*) FROM _dlt_loads WHERE status = 0",
        [],
        |r| r.get(0),
    )
    .map_err(|e| e.to_string())
}

/// Ok when both files hold the same data; otherwise what differs first.
pub fn same_data(dlt: &Path, ours: &Path) -> Result<(), String> {
    let a = read(dlt)?;
    let b = read(ours)?;
    let (ta, tb): (Vec<&String>, Vec<&String>) = (a.keys().collect(), b.keys().collect());
    if ta != tb {
        return Err(format!(
            "tables differ:\n dlt:        {ta:?}\n pipewright: {tb:?}"
        ));
    }
    for (name, t) in &a {
        if t.columns != b[name].columns {
            return Err(format!(
                "table {name}: columns differ:\n dlt:        {:?}\n pipewright: {:?}",
                t.columns, b[name].columns
            ));
        }
    }
    let (la, lb) = (loads(dlt)?, loads(ours)?);
    if la != lb {
        return Err(format!("_dlt_loads: {la} loads in dlt, {lb} in pipewright"));
    }
    let (ca, cb) = (canonical(&a), canonical(&b));
    for (name, rows) in &ca {
        let other = &cb[name];
        if rows.len() != other.len() {
            return Err(format!(
                "table {name}: {} rows in dlt, {} in pipewright",
                rows.len(),
                other.len()
            ));
        }
        if let Some((x, y)) = rows.iter().zip(other).find(|(x, y)| x != y) {
            return Err(format!(
                "table {name}: rows differ:\n dlt:        {x}\n pipewright: {y}"
            ));
        }
    }
    Ok(())
}
