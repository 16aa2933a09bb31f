//! `_dlt_id` values (`dlt/common/normalizers/json/helpers.py`): random for root rows,
//! deterministic for nested rows, hashes of the key (upsert/insert-only) or of the whole record
//! (scd2 row version).

use serde_json::{Map, Value};

use super::hash::{b64_nopad, digest128, shake128_into, DLT_ID_LENGTH_BYTES};
use super::pyfmt::{sorted_compact_json, write_sorted_map};
use super::schema::{MergeStrategy, Schema, C_DLT_ID};

pub use super::hash::random_dlt_id;

/// How a root table's `_dlt_id` is made (`get_root_row_id_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowIdKind {
    /// 10 random bytes (append, replace, delete-insert merge).
    Random,
    /// Hash of the primary key values (merge `upsert` / `insert-only`).
    KeyHash,
    /// Hash of the whole original record (scd2 with `_dlt_id` as the row version column).
    RowHash,
}

/// The id kind for a root table under its current hints.
pub fn row_id_kind(schema: &Schema, root: &str) -> RowIdKind {
    match schema.merge_strategy(root) {
        Some(MergeStrategy::Upsert | MergeStrategy::InsertOnly) => RowIdKind::KeyHash,
        Some(MergeStrategy::Scd2) => {
            let version_col = schema
                .tables
                .get(root)
                .and_then(|t| t.first_column_with(|c| c.x_row_version));
            if version_col.is_some_and(|c| c.name == C_DLT_ID) {
                RowIdKind::RowHash
            } else {
                RowIdKind::Random
            }
        }
        _ => RowIdKind::Random,
    }
}

/// Nested rows: `digest128("<parent _dlt_id>_<table>_<list index>")`, 10 bytes.
pub fn child_row_id(parent_id: &str, table: &str, idx: usize) -> String {
    use std::fmt::Write as _;
    let mut text = String::with_capacity(parent_id.len() + table.len() + 22);
    text.push_str(parent_id);
    text.push('_');
    text.push_str(table);
    let _ = write!(text, "_{idx}");
    let mut digest = [0u8; DLT_ID_LENGTH_BYTES];
    shake128_into(text.as_bytes(), &mut digest);
    b64_nopad(&digest)
}

/// scd2 row version: the original record without top-level `_dlt*` keys, sorted compact JSON.
pub fn row_hash(record: &Map<String, Value>) -> String {
    let mut out = String::new();
    write_sorted_map(
        record.iter().filter(|(k, _)| !k.starts_with("_dlt")),
        &mut out,
    );
    digest128(out.as_bytes(), DLT_ID_LENGTH_BYTES)
}

/// Key hash over the flattened row's key columns (`column` looks a column's value up in the
/// row); `None` if a key column is missing (dlt raises).
pub fn key_hash<'v>(column: impl Fn(&str) -> Option<&'v Value>, keys: &[&str]) -> Option<String> {
    let mut subset = Map::new();
    for k in keys {
        subset.insert((*k).to_string(), column(k)?.clone());
    }
    let text = sorted_compact_json(&Value::Object(subset));
    Some(digest128(text.as_bytes(), DLT_ID_LENGTH_BYTES))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::schema::{Column, DispositionName, Table};
    use indexmap::IndexMap;
    use serde_json::json;

    #[test]
    fn child_ids_match_dlt() {
        // Verified against dlt (dlt-behaviour.md §11.4).
        assert_eq!(
            child_row_id("KEJMn+/vQRh5Yw", "shapes__tags", 0),
            "zpm2PvNMrvhNVQ"
        );
    }

    #[test]
    fn row_hash_ignores_dlt_keys_and_key_order() {
        let a = json!({"b": 1, "a": {"y": 2, "x": 1}, "_dlt_load_id": "1"});
        let b = json!({"a": {"x": 1, "y": 2}, "b": 1});
        let (Value::Object(a), Value::Object(b)) = (a, b) else {
            unreachable!()
        };
        assert_eq!(row_hash(&a), row_hash(&b));
        assert_eq!(row_hash(&a).len(), 14);
        let mut c = b.clone();
        c.insert("b".into(), json!(2));
        assert_ne!(row_hash(&a), row_hash(&c));
    }

    #[test]
    fn key_hash_uses_only_key_columns() {
        let mut row = IndexMap::new();
        row.insert("id".to_string(), json!(1));
        row.insert("name".to_string(), json!("a"));
        let h = key_hash(|k| row.get(k), &["id"]).unwrap();
        row.insert("name".to_string(), json!("b"));
        assert_eq!(key_hash(|k| row.get(k), &["id"]).unwrap(), h);
        assert_eq!(key_hash(|k| row.get(k), &["missing"]), None);
    }

    #[test]
    fn id_kind_per_disposition() {
        let mut s = Schema::new("s");
        let mut t = Table::new_root("t");
        s.tables.insert("t".into(), t.clone());
        assert_eq!(row_id_kind(&s, "t"), RowIdKind::Random);
        t.write_disposition = Some(DispositionName::Merge);
        t.merge_strategy = Some(MergeStrategy::Upsert);
        s.tables.insert("t".into(), t.clone());
        assert_eq!(row_id_kind(&s, "t"), RowIdKind::KeyHash);
        t.merge_strategy = Some(MergeStrategy::Scd2);
        t.columns.insert(
            C_DLT_ID.into(),
            Column {
                x_row_version: true,
                ..Column::new(C_DLT_ID, None)
            },
        );
        s.tables.insert("t".into(), t);
        assert_eq!(row_id_kind(&s, "t"), RowIdKind::RowHash);
    }
}
