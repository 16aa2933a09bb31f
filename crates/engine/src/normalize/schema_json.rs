//! dlt's stored-schema JSON (`Schema.to_dict()`, engine version 11), as written to
//! `_dlt_version.schema`, and the version hash (`generate_version_hash`).

use serde_json::{json, Map, Value};

use super::hash::sha3_256_b64;
use super::pyfmt::sorted_compact_json;
use super::schema::{Column, Schema, Table};

/// dlt's schema engine version.
pub const SCHEMA_ENGINE_VERSION: i64 = 11;

fn enum_str<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

pub(super) fn enum_from<T: serde::de::DeserializeOwned>(v: Option<&Value>) -> Option<T> {
    v.and_then(|v| serde_json::from_value(v.clone()).ok())
}

fn column_json(c: &Column) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(c.name));
    if let Some(t) = &c.data_type {
        m.insert("data_type".into(), enum_str(t));
    }
    m.insert("nullable".into(), json!(c.nullable));
    let flags = [
        ("primary_key", c.primary_key),
        ("merge_key", c.merge_key),
        ("unique", c.unique),
        ("row_key", c.row_key),
        ("parent_key", c.parent_key),
        ("root_key", c.root_key),
        ("hard_delete", c.hard_delete),
        ("variant", c.variant),
        ("incremental", c.incremental),
        ("x-valid-from", c.x_valid_from),
        ("x-valid-to", c.x_valid_to),
        ("x-row-version", c.x_row_version),
    ];
    for (k, v) in flags {
        if v {
            m.insert(k.into(), json!(true));
        }
    }
    if let Some(v) = c.dedup_sort {
        m.insert("dedup_sort".into(), enum_str(&v));
    }
    for (k, v) in [("precision", c.precision), ("scale", c.scale)] {
        if let Some(v) = v {
            m.insert(k.into(), json!(v));
        }
    }
    if let Some(v) = c.timezone {
        m.insert("timezone".into(), json!(v));
    }
    if let Some(v) = &c.x_active_record_timestamp {
        m.insert("x-active-record-timestamp".into(), v.clone());
    }
    if let Some(d) = &c.description {
        m.insert("description".into(), json!(d));
    }
    m.extend(c.extra.clone());
    Value::Object(m)
}

fn table_json(t: &Table) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(t.name));
    let columns: Map<String, Value> = t
        .columns
        .iter()
        .map(|(k, c)| (k.clone(), column_json(c)))
        .collect();
    m.insert("columns".into(), Value::Object(columns));
    if let Some(wd) = &t.write_disposition {
        m.insert("write_disposition".into(), enum_str(wd));
    }
    if let Some(p) = &t.parent {
        m.insert("parent".into(), json!(p));
    }
    if let Some(r) = &t.resource {
        m.insert("resource".into(), json!(r));
    }
    if let Some(d) = &t.description {
        m.insert("description".into(), json!(d));
    }
    if let Some(s) = &t.merge_strategy {
        m.insert("x-merge-strategy".into(), enum_str(s));
    }
    if t.stage_data_deduplicated {
        m.insert("x-stage-data-deduplicated".into(), json!(true));
    }
    if let Some(b) = &t.boundary_timestamp {
        m.insert("x-boundary-timestamp".into(), b.clone());
    }
    let mut xn = Map::new();
    if let Some(n) = t.max_nesting {
        xn.insert("max_nesting".into(), json!(n));
    }
    if t.seen_data {
        xn.insert("seen-data".into(), json!(true));
    }
    if !xn.is_empty() {
        m.insert("x-normalizer".into(), Value::Object(xn));
    }
    m.extend(t.extra.clone());
    Value::Object(m)
}

fn default_hints() -> Value {
    json!({
        "not_null": ["_dlt_id", "_dlt_root_id", "_dlt_parent_id", "_dlt_list_idx", "_dlt_load_id"],
        "parent_key": ["_dlt_parent_id"],
        "root_key": ["_dlt_root_id"],
        "unique": ["_dlt_id"],
        "row_key": ["_dlt_id"],
    })
}

fn normalizers_json(s: &Schema) -> Value {
    let mut config = Map::new();
    if let Some(n) = s.max_nesting {
        config.insert("max_nesting".into(), json!(n));
    }
    if let Some(r) = s.root_key_propagation {
        config.insert("root_key_propagation".into(), json!(r));
    }
    if !s.propagation.is_empty() {
        config.insert("propagation".into(), json!({ "tables": s.propagation }));
    }
    let mut jsn = Map::new();
    jsn.insert(
        "module".into(),
        json!("dlt.common.normalizers.json.relational"),
    );
    if !config.is_empty() {
        jsn.insert("config".into(), Value::Object(config));
    }
    json!({"names": "snake_case", "json": jsn})
}

/// The schema as dlt's `to_dict()` lays it out.
pub fn to_dlt_json(s: &Schema) -> Value {
    let tables: Map<String, Value> = s
        .tables
        .iter()
        .map(|(k, t)| (k.clone(), table_json(t)))
        .collect();
    let mut settings = Map::new();
    settings.insert("default_hints".into(), default_hints());
    settings.insert("detections".into(), json!(["iso_timestamp"]));
    settings.extend(s.extra_settings.clone());
    json!({
        "version": s.version,
        "version_hash": s.version_hash,
        "engine_version": SCHEMA_ENGINE_VERSION,
        "name": s.name,
        "tables": tables,
        "settings": settings,
        "normalizers": normalizers_json(s),
        "previous_hashes": s.previous_hashes,
    })
}

/// `generate_version_hash`: SHA3-256 over the sorted JSON without version fields, then the table
/// names (sorted) each followed by its column names in order, so column order counts.
pub fn version_hash(s: &Schema) -> String {
    let mut doc = to_dlt_json(s);
    if let Value::Object(m) = &mut doc {
        for k in [
            "version",
            "version_hash",
            "imported_version_hash",
            "previous_hashes",
        ] {
            m.remove(k);
        }
    }
    let content = sorted_compact_json(&doc);
    let mut names: Vec<&String> = s.tables.keys().collect();
    names.sort();
    let mut parts: Vec<Vec<u8>> = vec![content.into_bytes()];
    for tn in names {
        parts.push(tn.as_bytes().to_vec());
        parts.extend(s.tables[tn].columns.keys().map(|c| c.as_bytes().to_vec()));
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    sha3_256_b64(&refs)
}

/// Bumps the version when the content changed (`bump_version_if_modified`); returns true if so.
pub fn bump_version(s: &mut Schema) -> bool {
    let hash = version_hash(s);
    if s.version_hash.is_empty() {
        s.version = s.version.max(1);
    } else if hash != s.version_hash {
        s.version += 1;
        let prev = std::mem::take(&mut s.version_hash);
        if !s.previous_hashes.contains(&prev) {
            s.previous_hashes.insert(0, prev);
            s.previous_hashes.truncate(10);
        }
    } else {
        return false;
    }
    s.version_hash = hash;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::schema::DataType;

    #[test]
    fn round_trip_and_version_bumps() {
        let mut s = Schema::new("rest_api");
        let mut t = Table::new_root("items");
        t.columns.insert(
            "id".into(),
            Column {
                primary_key: true,
                nullable: false,
                ..Column::new("id", Some(DataType::Bigint))
            },
        );
        t.max_nesting = Some(2);
        s.tables.insert("items".into(), t);
        s.tables.insert(
            "items__tags".into(),
            Table::new_nested("items__tags", "items"),
        );
        assert!(bump_version(&mut s));
        assert_eq!(s.version, 1);
        assert!(!bump_version(&mut s));
        let doc = to_dlt_json(&s);
        assert_eq!(doc["engine_version"], 11);
        assert_eq!(doc["tables"]["items"]["x-normalizer"]["max_nesting"], 2);
        assert_eq!(doc["tables"]["items__tags"]["parent"], "items");
        assert_eq!(
            doc["tables"]["_dlt_loads"]["columns"]["load_id"]["precision"],
            64
        );
        let back = super::super::schema_parse::from_dlt_json(&doc).unwrap();
        assert_eq!(back, s);
        // A column order change alone changes the hash.
        let mut reordered = s.clone();
        reordered.tables["items"]
            .columns
            .insert("a".into(), Column::new("a", Some(DataType::Text)));
        assert!(bump_version(&mut reordered));
        assert_eq!(reordered.version, 2);
        assert_eq!(reordered.previous_hashes, vec![s.version_hash.clone()]);
    }
}
