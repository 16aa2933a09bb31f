//! Reading dlt's stored-schema JSON back into a [`Schema`] (ours or one written by dlt itself);
//! unknown keys are kept so a round trip loses nothing.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::schema::{Column, DataType, DispositionName, MergeStrategy, Schema, SortOrder, Table};
use super::schema_json::enum_from;

fn flag(m: &Map<String, Value>, k: &str) -> bool {
    m.get(k).and_then(Value::as_bool).unwrap_or(false)
}

fn u32_of(m: &Map<String, Value>, k: &str) -> Option<u32> {
    m.get(k)
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
}

const COLUMN_KEYS: &[&str] = &[
    "name",
    "data_type",
    "nullable",
    "primary_key",
    "merge_key",
    "unique",
    "row_key",
    "parent_key",
    "root_key",
    "hard_delete",
    "variant",
    "incremental",
    "x-valid-from",
    "x-valid-to",
    "x-row-version",
    "dedup_sort",
    "precision",
    "scale",
    "timezone",
    "x-active-record-timestamp",
    "description",
];

fn column_from(name: &str, m: &Map<String, Value>) -> Column {
    Column {
        name: name.to_string(),
        data_type: enum_from::<DataType>(m.get("data_type")),
        nullable: m.get("nullable").and_then(Value::as_bool).unwrap_or(true),
        primary_key: flag(m, "primary_key"),
        merge_key: flag(m, "merge_key"),
        unique: flag(m, "unique"),
        row_key: flag(m, "row_key"),
        parent_key: flag(m, "parent_key"),
        root_key: flag(m, "root_key"),
        hard_delete: flag(m, "hard_delete"),
        variant: flag(m, "variant"),
        incremental: flag(m, "incremental"),
        x_valid_from: flag(m, "x-valid-from"),
        x_valid_to: flag(m, "x-valid-to"),
        x_row_version: flag(m, "x-row-version"),
        dedup_sort: enum_from::<SortOrder>(m.get("dedup_sort")),
        precision: u32_of(m, "precision"),
        scale: u32_of(m, "scale"),
        timezone: m.get("timezone").and_then(Value::as_bool),
        x_active_record_timestamp: m
            .get("x-active-record-timestamp")
            .filter(|v| !v.is_null())
            .cloned(),
        description: m
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        extra: m
            .iter()
            .filter(|(k, _)| !COLUMN_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    }
}

const TABLE_KEYS: &[&str] = &[
    "name",
    "columns",
    "write_disposition",
    "parent",
    "resource",
    "description",
    "x-merge-strategy",
    "x-stage-data-deduplicated",
    "x-boundary-timestamp",
    "x-normalizer",
];

fn table_from(name: &str, m: &Map<String, Value>) -> Table {
    let empty = Map::new();
    let xn = m
        .get("x-normalizer")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let columns = m
        .get("columns")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    Table {
        name: name.to_string(),
        parent: m.get("parent").and_then(Value::as_str).map(str::to_string),
        columns: columns
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), column_from(k, v.as_object()?))))
            .collect(),
        write_disposition: enum_from::<DispositionName>(m.get("write_disposition")),
        merge_strategy: enum_from::<MergeStrategy>(m.get("x-merge-strategy")),
        stage_data_deduplicated: flag(m, "x-stage-data-deduplicated"),
        boundary_timestamp: m.get("x-boundary-timestamp").cloned(),
        resource: m
            .get("resource")
            .and_then(Value::as_str)
            .map(str::to_string),
        description: m
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_string),
        max_nesting: u32_of(xn, "max_nesting"),
        seen_data: flag(xn, "seen-data"),
        extra: m
            .iter()
            .filter(|(k, _)| !TABLE_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    }
}

/// Reads a stored schema (as written by [`to_dlt_json`] or by dlt itself).
pub fn from_dlt_json(doc: &Value) -> Option<Schema> {
    let m = doc.as_object()?;
    let mut s = Schema::new(m.get("name")?.as_str()?);
    if let Some(tables) = m.get("tables").and_then(Value::as_object) {
        for (k, v) in tables {
            if let Some(t) = v.as_object() {
                s.tables.insert(k.clone(), table_from(k, t));
            }
        }
    }
    s.version = m.get("version").and_then(Value::as_u64).unwrap_or(0);
    s.version_hash = m
        .get("version_hash")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    s.previous_hashes = m
        .get("previous_hashes")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let config = doc
        .pointer("/normalizers/json/config")
        .and_then(Value::as_object);
    if let Some(c) = config {
        s.max_nesting = u32_of(c, "max_nesting");
        s.root_key_propagation = c.get("root_key_propagation").and_then(Value::as_bool);
        if let Some(tables) = c
            .get("propagation")
            .and_then(|p| p.get("tables"))
            .and_then(Value::as_object)
        {
            for (root, mapping) in tables {
                let map: IndexMap<String, String> = mapping
                    .as_object()
                    .map(|o| {
                        o.iter()
                            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                            .collect()
                    })
                    .unwrap_or_default();
                s.propagation.insert(root.clone(), map);
            }
        }
    }
    if let Some(settings) = m.get("settings").and_then(Value::as_object) {
        for (k, v) in settings {
            if k != "default_hints" && k != "detections" {
                s.extra_settings.insert(k.clone(), v.clone());
            }
        }
    }
    Some(s)
}
