//! The tables a load of some records would create, computed by the real normalizer on a scratch
//! schema (nothing is written), plus the warnings a designer wants before loading: columns that
//! were null in every sampled record (dlt creates no column for them until a value arrives) and
//! variant columns (a value of another type than the column's).

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::preview::PreviewTrace;
use crate::normalize::{Naming, Normalizer, Schema, TableHints};
use crate::plan::source::ResourcePlan;

/// One column of a previewed table, named and typed exactly as the load would.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnPreview {
    /// Column name.
    pub name: String,
    /// dlt data type (`text`, `bigint`, `double`, `bool`, `timestamp`, ...).
    pub data_type: String,
    /// Whether NULL is allowed.
    pub nullable: bool,
    /// A variant column (`<name>__v_<type>`).
    pub variant: bool,
    /// Null (or missing) in every sampled record: dlt would not create it yet.
    pub all_null: bool,
}

/// One previewed table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TablePreview {
    /// Table name.
    pub name: String,
    /// Parent table, for a nested table.
    pub parent: Option<String>,
    /// Rows the sampled records gave it.
    pub rows: u64,
    /// Columns in load order.
    pub columns: Vec<ColumnPreview>,
}

/// The tables a load of the preview's records would create.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchemaPreview {
    /// Root table first, nested tables after their parents.
    pub tables: Vec<TablePreview>,
    /// One sentence each, naming `table.column`.
    pub warnings: Vec<String>,
}

/// Normalises `records` of resource `r` as a first load into an empty database would.
pub fn schema_preview(source: &str, r: &ResourcePlan, records: &[Value]) -> SchemaPreview {
    let mut normalizer = Normalizer::new(Schema::new(source), "preview");
    let hints = TableHints::from_resource(&r.resource);
    let mut out = SchemaPreview::default();
    let root = match normalizer.register_table(&hints) {
        Ok(t) => t,
        Err(e) => {
            out.warnings.push(format!("{}: {e}", hints.table_name));
            return out;
        }
    };
    let mut batch = crate::normalize::Batch::default();
    for (i, rec) in records.iter().enumerate() {
        if let Err(e) = normalizer.normalize(&hints.table_name, rec.clone(), &mut batch) {
            out.warnings.push(format!(
                "record {i} cannot be loaded: {e} (later records skipped)"
            ));
            break;
        }
    }
    let schema = normalizer.schema();
    let mut nulls = NullOnly::default();
    for rec in records {
        nulls.walk(&schema.naming, &root, "", rec);
    }
    for table in schema.table_chain(&root) {
        let mut columns: Vec<ColumnPreview> = table
            .columns
            .values()
            .filter(|c| c.data_type.is_some())
            .map(|c| ColumnPreview {
                name: c.name.clone(),
                data_type: type_name(c.data_type),
                nullable: c.nullable,
                variant: c.variant,
                all_null: false,
            })
            .collect();
        for c in columns.iter().filter(|c| c.variant) {
            out.warnings.push(format!(
                "{}.{}: variant column — some values did not fit the column's type",
                table.name, c.name
            ));
        }
        for name in nulls.only_null(&table.name) {
            if !table.columns.contains_key(&name) {
                out.warnings.push(format!(
                    "{}.{name}: null in every sampled record — no column until a value arrives, then its type is inferred",
                    table.name
                ));
                columns.push(ColumnPreview {
                    name,
                    data_type: "unknown".into(),
                    nullable: true,
                    variant: false,
                    all_null: true,
                });
            }
        }
        out.tables.push(TablePreview {
            name: table.name.clone(),
            parent: table.parent.clone(),
            rows: batch.rows.get(&table.name).map_or(0, |r| r.len() as u64),
            columns,
        });
    }
    out
}

/// Adds the engine's schema preview to a finished preview trace.
pub fn attach(trace: &mut PreviewTrace, source: &str, r: &ResourcePlan) {
    trace.schema = schema_preview(source, r, &trace.records);
}

fn type_name(t: Option<crate::normalize::DataType>) -> String {
    serde_json::to_value(t)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

/// Flattened column names (per table) that held null, and those that held a value.
#[derive(Default)]
struct NullOnly {
    null: BTreeSet<(String, String)>,
    set: HashSet<(String, String)>,
}

impl NullOnly {
    fn walk(&mut self, naming: &Naming, table: &str, prefix: &str, v: &Value) {
        let Value::Object(map) = v else { return };
        for (k, v) in map {
            let path = if prefix.is_empty() {
                naming.normalize_path(k)
            } else {
                format!("{prefix}__{}", naming.normalize_path(k))
            };
            match v {
                Value::Null => {
                    self.null.insert((table.to_string(), path));
                }
                Value::Object(_) => self.walk(naming, table, &path, v),
                Value::Array(items) => {
                    let child = format!("{table}__{path}");
                    for item in items {
                        self.walk(naming, &child, "", item);
                    }
                }
                _ => {
                    self.set.insert((table.to_string(), path));
                }
            }
        }
    }

    fn only_null(&self, table: &str) -> Vec<String> {
        self.null
            .iter()
            .filter(|(t, c)| t == table && !self.set.contains(&(t.clone(), c.clone())))
            .map(|(_, c)| c.clone())
            .collect()
    }
}
