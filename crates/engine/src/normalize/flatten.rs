//! The relational walk over one record (`dlt/common/normalizers/json/relational.py`): nested
//! objects become `a__b` columns, lists become nested tables `<table>__<path>` linked by
//! `_dlt_parent_id`/`_dlt_list_idx`, scalars in lists become a `value` column, lists of lists an
//! intermediate `list` level, and the nesting budget turns deeper data into `json` values.
//!
//! The order of columns follows dlt exactly: a dict's own scalar keys first, then the nested
//! dicts it contained, visited last-pushed-first (dlt walks with a stack), then the dlt columns.

use std::collections::HashMap;

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::evolve::emit_row;
use super::ids::{child_row_id, key_hash, random_dlt_id, row_hash, row_id_kind, RowIdKind};
use super::pyfmt::number_str;
use super::schema::{DataType, Schema, C_DLT_ID, C_DLT_LIST_IDX, C_DLT_LOAD_ID, C_DLT_PARENT_ID};
use super::{Batch, NormalizeError};

/// dlt's stand-in for an empty or blank key.
const EMPTY_KEY: &str = "_empty";
/// The column of scalar list elements.
const C_VALUE: &str = "value";
/// The key of the intermediate level of a list of lists.
const C_LIST: &str = "list";

/// Normalised key names, cached: records repeat their keys.
#[derive(Debug, Default)]
pub(super) struct NameCache {
    paths: HashMap<String, String>,
}

impl NameCache {
    fn path(&mut self, schema: &Schema, key: &str) -> String {
        if let Some(n) = self.paths.get(key) {
            return n.clone();
        }
        let mut n = schema.naming.normalize_path(key);
        if n.is_empty() {
            // A key made only of separators normalises to nothing; dlt would create an unnamed
            // column, which SQLite cannot hold.
            n = EMPTY_KEY.to_string();
        }
        self.paths.insert(key.to_string(), n.clone());
        n
    }
}

/// Lists found while flattening a row: their key path and elements.
type Lists = Vec<(Vec<String>, Vec<Value>)>;

pub(super) struct Walker<'a> {
    pub schema: &'a mut Schema,
    pub names: &'a mut NameCache,
    pub load_id: &'a str,
    pub out: &'a mut Batch,
    /// Values propagated from the root row to every nested row (`_dlt_root_id`).
    pub extend: Option<Vec<(String, Value)>>,
}

/// Python truthiness of an existing `_dlt_id` value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn id_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => number_str(n),
        other => other.to_string(),
    }
}

impl Walker<'_> {
    /// Normalises one record of root table `root` (already a normalised name).
    pub fn record(&mut self, root: &str, record: Value) -> Result<(), NormalizeError> {
        let dict = match record {
            Value::Object(m) => m,
            other => {
                let mut m = Map::new();
                m.insert(C_VALUE.to_string(), other);
                m
            }
        };
        let budget = i64::from(self.schema.nesting_budget(root));
        let root_id = match row_id_kind(self.schema, root) {
            RowIdKind::RowHash => Some(row_hash(&dict)),
            _ => None,
        };
        self.row(
            dict,
            &[],
            &[root.to_string()],
            None,
            0,
            budget,
            true,
            root_id,
        )
    }

    /// `is_nested_type`: out of budget, or the column is declared `json`.
    fn keep_as_value(&self, table: &str, column: &str, lvl: i64) -> bool {
        lvl <= 0
            || self
                .schema
                .tables
                .get(table)
                .and_then(|t| t.columns.get(column))
                .and_then(|c| c.data_type)
                == Some(DataType::Json)
    }

    fn flatten(
        &mut self,
        table: &str,
        dict: Map<String, Value>,
        lvl: i64,
    ) -> (IndexMap<String, Value>, Lists) {
        let mut row: IndexMap<String, Value> = IndexMap::with_capacity(dict.len() + 3);
        let mut lists: Lists = Vec::new();
        let mut stack: Vec<(Map<String, Value>, i64, Vec<String>)> = vec![(dict, lvl, Vec::new())];
        while let Some((current, lvl, path)) = stack.pop() {
            for (k, v) in current {
                let norm_k = if k.trim().is_empty() {
                    EMPTY_KEY.to_string()
                } else {
                    self.names.path(self.schema, &k)
                };
                let nested_name = if path.is_empty() {
                    norm_k.clone()
                } else {
                    let mut parts = path.clone();
                    parts.push(norm_k.clone());
                    self.schema.naming.shorten_fragments(&parts)
                };
                match v {
                    Value::Object(m) if !self.keep_as_value(table, &nested_name, lvl) => {
                        let mut p = path.clone();
                        p.push(norm_k);
                        stack.push((m, lvl - 1, p));
                    }
                    Value::Array(a) if !self.keep_as_value(table, &nested_name, lvl) => {
                        let mut p = path.clone();
                        // dlt normalises the list key as a table identifier (same in snake_case).
                        p.push(norm_k);
                        match lists.iter_mut().find(|(lp, _)| *lp == p) {
                            Some(entry) => entry.1 = a,
                            None => lists.push((p, a)),
                        }
                    }
                    v => {
                        row.insert(nested_name, v);
                    }
                }
            }
        }
        (row, lists)
    }

    fn table_name(&self, parent_path: &[String], ident_path: &[String]) -> String {
        let parts: Vec<&String> = parent_path.iter().chain(ident_path).collect();
        self.schema.naming.shorten_fragments(&parts)
    }

    /// `_normalize_row`: flatten, add dlt columns, emit, then descend into the lists.
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        dict: Map<String, Value>,
        parent_path: &[String],
        ident_path: &[String],
        parent_id: Option<&str>,
        pos: usize,
        lvl: i64,
        is_root: bool,
        precomputed_id: Option<String>,
    ) -> Result<(), NormalizeError> {
        let table = self.table_name(parent_path, ident_path);
        let (mut row, lists) = self.flatten(&table, dict, lvl);
        if let Some(extend) = self.extend.as_ref() {
            row.extend(extend.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        if is_root {
            row.insert(
                C_DLT_LOAD_ID.to_string(),
                Value::String(self.load_id.to_string()),
            );
        }
        let row_id = match row.get(C_DLT_ID).filter(|v| truthy(v)) {
            Some(existing) => id_text(existing),
            None => {
                let id = match parent_id {
                    Some(parent) => {
                        row.insert(
                            C_DLT_PARENT_ID.to_string(),
                            Value::String(parent.to_string()),
                        );
                        row.insert(C_DLT_LIST_IDX.to_string(), Value::from(pos as u64));
                        child_row_id(parent, &table, pos)
                    }
                    None => match precomputed_id {
                        Some(id) => id,
                        None => self.root_id(&table, &row)?,
                    },
                };
                row.insert(C_DLT_ID.to_string(), Value::String(id.clone()));
                id
            }
        };
        // Propagation (`_dlt_id` → `_dlt_root_id`) is configured on the root table only; nested
        // levels pass the inherited values down unchanged.
        let saved_extend = self.extend.clone();
        if let Some(mapping) = self.schema.propagation.get(&table) {
            let mut extend = saved_extend.clone().unwrap_or_default();
            for (from, to) in mapping {
                if let Some(v) = row.get(from) {
                    extend.retain(|(k, _)| k != to);
                    extend.push((to.clone(), v.clone()));
                }
            }
            self.extend = (!extend.is_empty()).then_some(extend);
        }
        let parent_table = if parent_path.is_empty() {
            None
        } else {
            Some(self.schema.naming.shorten_fragments(parent_path))
        };
        emit_row(self.schema, &table, parent_table.as_deref(), row, self.out)?;
        if !lists.is_empty() {
            let new_parent: Vec<String> = parent_path.iter().chain(ident_path).cloned().collect();
            for (list_path, items) in lists {
                self.list(items, &new_parent, &list_path, &row_id, lvl - 1)?;
            }
        }
        self.extend = saved_extend;
        Ok(())
    }

    fn root_id(
        &self,
        table: &str,
        row: &IndexMap<String, Value>,
    ) -> Result<String, NormalizeError> {
        if row_id_kind(self.schema, table) != RowIdKind::KeyHash {
            return Ok(random_dlt_id());
        }
        let keys: Vec<&str> = self
            .schema
            .tables
            .get(table)
            .map(|t| t.columns_with(|c| c.primary_key))
            .unwrap_or_default();
        key_hash(row, &keys).ok_or_else(|| NormalizeError::MissingKey {
            table: table.to_string(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
        })
    }

    /// `_normalize_list`: one nested row per element.
    fn list(
        &mut self,
        items: Vec<Value>,
        parent_path: &[String],
        ident_path: &[String],
        parent_id: &str,
        lvl: i64,
    ) -> Result<(), NormalizeError> {
        let table = self.table_name(parent_path, ident_path);
        for (idx, v) in items.into_iter().enumerate() {
            match v {
                Value::Object(m) => self.row(
                    m,
                    parent_path,
                    ident_path,
                    Some(parent_id),
                    idx,
                    lvl,
                    false,
                    None,
                )?,
                Value::Array(a) => {
                    let mut m = Map::new();
                    m.insert(C_LIST.to_string(), Value::Array(a));
                    self.row(
                        m,
                        parent_path,
                        ident_path,
                        Some(parent_id),
                        idx,
                        lvl - 1,
                        false,
                        None,
                    )?
                }
                scalar => {
                    let mut row: IndexMap<String, Value> = IndexMap::with_capacity(5);
                    row.insert(C_VALUE.to_string(), scalar);
                    if let Some(extend) = self.extend.as_ref() {
                        row.extend(extend.iter().map(|(k, v)| (k.clone(), v.clone())));
                    }
                    row.insert(
                        C_DLT_PARENT_ID.to_string(),
                        Value::String(parent_id.to_string()),
                    );
                    row.insert(C_DLT_LIST_IDX.to_string(), Value::from(idx as u64));
                    row.insert(
                        C_DLT_ID.to_string(),
                        Value::String(child_row_id(parent_id, &table, idx)),
                    );
                    let parent_table = self.schema.naming.shorten_fragments(parent_path);
                    emit_row(self.schema, &table, Some(&parent_table), row, self.out)?;
                }
            }
        }
        Ok(())
    }
}
