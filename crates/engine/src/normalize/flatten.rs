//! The relational walk over one record (`dlt/common/normalizers/json/relational.py`): nested
//! objects become `a__b` columns, lists become nested tables `<table>__<path>` linked by
//! `_dlt_parent_id`/`_dlt_list_idx`, scalars in lists become a `value` column, lists of lists an
//! intermediate `list` level, and the nesting budget turns deeper data into `json` values.
//!
//! The order of columns follows dlt exactly: a dict's own scalar keys first, then the nested
//! dicts it contained, visited last-pushed-first (dlt walks with a stack), then the dlt columns.

use std::collections::HashMap;

use foldhash::fast::RandomState;
use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::evolve::emit_row;
use super::ids::{child_row_id, key_hash, random_dlt_id, row_hash, row_id_kind, RowIdKind};
use super::naming::{shorten_identifier, PATH_SEPARATOR};
use super::pyfmt::number_str;
use super::schema::{DataType, Schema, C_DLT_ID, C_DLT_LIST_IDX, C_DLT_LOAD_ID, C_DLT_PARENT_ID};
use super::{Batch, NormalizeError};

/// dlt's stand-in for an empty or blank key.
const EMPTY_KEY: &str = "_empty";
/// The column of scalar list elements.
const C_VALUE: &str = "value";
/// The key of the intermediate level of a list of lists.
const C_LIST: &str = "list";

/// Hash maps of the hot path: foldhash, randomly seeded (keys come from the API).
type FastMap<K, V> = HashMap<K, V, RandomState>;

/// An interned name: an index into [`NameCache`]'s list of names.
type NameId = u32;

/// A flattened row: column names (interned) and values, in first-insertion order; inserting a
/// name again replaces the value in place (keys that normalise alike: the last one wins).
type FlatRow = IndexMap<NameId, Value, RandomState>;

// The names the walker itself writes, interned first by `NameCache::new` in this order.
const ID_EMPTY: NameId = 0;
const ID_VALUE: NameId = 1;
const ID_DLT_ID: NameId = 2;
const ID_DLT_LOAD_ID: NameId = 3;
const ID_DLT_PARENT_ID: NameId = 4;
const ID_DLT_LIST_IDX: NameId = 5;
const FIXED: [&str; 6] = [
    EMPTY_KEY,
    C_VALUE,
    C_DLT_ID,
    C_DLT_LOAD_ID,
    C_DLT_PARENT_ID,
    C_DLT_LIST_IDX,
];

/// Above this many interned names the cache starts over (between records), so an API whose
/// keys never repeat cannot grow it without bound.
const MAX_NAMES: usize = 200_000;

/// Normalised names, interned and cached: records repeat their keys, nested paths and tables, so
/// each distinct key is normalised once and every later occurrence costs one hash lookup and no
/// allocation.
#[derive(Debug)]
pub(super) struct NameCache {
    names: Vec<String>,
    ids: FastMap<String, NameId>,
    /// Raw key → its normalised name (`_empty` for blank keys).
    keys: FastMap<String, NameId>,
    /// (joined path of the enclosing objects, key) → (joined path with the key, shortened
    /// column name). Paths are joined with `__` but not shortened: dlt shortens the whole name.
    nested: FastMap<(NameId, NameId), (NameId, NameId)>,
    /// Path parts of a table → its (shortened) name.
    tables: FastMap<Vec<NameId>, NameId>,
}

impl Default for NameCache {
    fn default() -> Self {
        let mut cache = NameCache {
            names: Vec::new(),
            ids: FastMap::default(),
            keys: FastMap::default(),
            nested: FastMap::default(),
            tables: FastMap::default(),
        };
        for name in FIXED {
            cache.intern(name);
        }
        cache
    }
}

impl NameCache {
    fn intern(&mut self, name: &str) -> NameId {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as NameId;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        id
    }

    fn name(&self, id: NameId) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    fn lookup(&self, name: &str) -> Option<NameId> {
        self.ids.get(name).copied()
    }

    /// Starts over when full (only between records: no id is held then).
    fn bound(&mut self) {
        if self.names.len() > MAX_NAMES {
            *self = NameCache::default();
        }
    }

    /// The normalised name of a record key.
    fn key(&mut self, schema: &Schema, key: &str) -> NameId {
        if let Some(&id) = self.keys.get(key) {
            return id;
        }
        let id = if key.trim().is_empty() {
            ID_EMPTY
        } else {
            let n = schema.naming.normalize_path(key);
            // A key made only of separators normalises to nothing; dlt would create an unnamed
            // column, which SQLite cannot hold.
            if n.is_empty() {
                ID_EMPTY
            } else {
                self.intern(&n)
            }
        };
        self.keys.insert(key.to_string(), id);
        id
    }

    /// `key` inside the objects whose joined path is `prefix`: (the joined path with the key,
    /// the column name, i.e. that path shortened).
    fn nested(&mut self, schema: &Schema, prefix: NameId, key: NameId) -> (NameId, NameId) {
        if let Some(&hit) = self.nested.get(&(prefix, key)) {
            return hit;
        }
        let joined = format!("{}{PATH_SEPARATOR}{}", self.name(prefix), self.name(key));
        let column = shorten_identifier(&joined, &joined, schema.naming.max_length());
        let joined_id = self.intern(&joined);
        let column_id = self.intern(&column);
        self.nested.insert((prefix, key), (joined_id, column_id));
        (joined_id, column_id)
    }

    /// The table whose path is `parts` (`shorten_fragments` of the parts).
    fn table(&mut self, schema: &Schema, parts: &[NameId]) -> NameId {
        if let Some(&id) = self.tables.get(parts) {
            return id;
        }
        let strs: Vec<&str> = parts.iter().map(|p| self.name(*p)).collect();
        let name = schema.naming.shorten_fragments(&strs);
        let id = self.intern(&name);
        self.tables.insert(parts.to_vec(), id);
        id
    }
}

/// Lists found while flattening a row: their key path (relative to the row) and elements.
type Lists = Vec<(Vec<NameId>, Vec<Value>)>;

pub(super) struct Walker<'a> {
    pub schema: &'a mut Schema,
    pub names: &'a mut NameCache,
    pub load_id: &'a str,
    pub out: &'a mut Batch,
    /// Values propagated from the root row to every nested row (`_dlt_root_id`).
    pub extend: Option<Vec<(NameId, Value)>>,
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
        self.names.bound();
        let budget = i64::from(self.schema.nesting_budget(root));
        let root_id = match row_id_kind(self.schema, root) {
            RowIdKind::RowHash => Some(row_hash(&dict)),
            _ => None,
        };
        let root_part = self.names.intern(root);
        self.row(dict, &[root_part], 0, None, 0, budget, true, root_id)
    }

    /// `is_nested_type`: out of budget, or the column is declared `json`.
    fn keep_as_value(&self, table: NameId, column: NameId, lvl: i64) -> bool {
        lvl <= 0
            || self
                .schema
                .tables
                .get(self.names.name(table))
                .and_then(|t| t.columns.get(self.names.name(column)))
                .and_then(|c| c.data_type)
                == Some(DataType::Json)
    }

    fn flatten(&mut self, table: NameId, dict: Map<String, Value>, lvl: i64) -> (FlatRow, Lists) {
        let mut row = FlatRow::with_capacity_and_hasher(dict.len() + 3, RandomState::default());
        let mut lists: Lists = Vec::new();
        // (object, nesting budget, key path, the path joined with `__`)
        type Level = (Map<String, Value>, i64, Vec<NameId>, Option<NameId>);
        let mut stack: Vec<Level> = vec![(dict, lvl, Vec::new(), None)];
        while let Some((current, lvl, path, prefix)) = stack.pop() {
            for (k, v) in current {
                let norm_k = self.names.key(self.schema, &k);
                let (joined, nested_name) = match prefix {
                    None => (norm_k, norm_k),
                    Some(prefix) => self.names.nested(self.schema, prefix, norm_k),
                };
                match v {
                    Value::Object(m) if !self.keep_as_value(table, nested_name, lvl) => {
                        let mut p = path.clone();
                        p.push(norm_k);
                        stack.push((m, lvl - 1, p, Some(joined)));
                    }
                    Value::Array(a) if !self.keep_as_value(table, nested_name, lvl) => {
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

    /// Emits a flattened row into `table` (a child of `parent`).
    fn emit(
        &mut self,
        table: NameId,
        parent: Option<NameId>,
        row: FlatRow,
    ) -> Result<(), NormalizeError> {
        let names = &*self.names;
        emit_row(
            self.schema,
            names.name(table),
            parent.map(|p| names.name(p)),
            row.into_iter().map(|(k, v)| (names.name(k), v)),
            self.out,
        )
    }

    /// `_normalize_row`: flatten, add dlt columns, emit, then descend into the lists. `path` is
    /// the table's path from the root table; its first `parent_len` parts are the parent table's.
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        dict: Map<String, Value>,
        path: &[NameId],
        parent_len: usize,
        parent_id: Option<&str>,
        pos: usize,
        lvl: i64,
        is_root: bool,
        precomputed_id: Option<String>,
    ) -> Result<(), NormalizeError> {
        let table = self.names.table(self.schema, path);
        let (mut row, lists) = self.flatten(table, dict, lvl);
        if let Some(extend) = self.extend.as_ref() {
            row.extend(extend.iter().map(|(k, v)| (*k, v.clone())));
        }
        if is_root {
            row.insert(ID_DLT_LOAD_ID, Value::String(self.load_id.to_string()));
        }
        let row_id = match row.get(&ID_DLT_ID).filter(|v| truthy(v)) {
            Some(existing) => id_text(existing),
            None => {
                let id = match parent_id {
                    Some(parent) => {
                        row.insert(ID_DLT_PARENT_ID, Value::String(parent.to_string()));
                        row.insert(ID_DLT_LIST_IDX, Value::from(pos as u64));
                        child_row_id(parent, self.names.name(table), pos)
                    }
                    None => match precomputed_id {
                        Some(id) => id,
                        None => self.root_id(table, &row)?,
                    },
                };
                row.insert(ID_DLT_ID, Value::String(id.clone()));
                id
            }
        };
        // Propagation (`_dlt_id` → `_dlt_root_id`) is configured on the root table only; nested
        // levels pass the inherited values down unchanged.
        let saved_extend = self.extend.clone();
        if let Some(mapping) = self.schema.propagation.get(self.names.name(table)) {
            let mut extend = saved_extend.clone().unwrap_or_default();
            for (from, to) in mapping {
                let value = self.names.lookup(from).and_then(|from| row.get(&from));
                if let Some(v) = value {
                    let to = self.names.intern(to);
                    extend.retain(|(k, _)| *k != to);
                    extend.push((to, v.clone()));
                }
            }
            self.extend = (!extend.is_empty()).then_some(extend);
        }
        let parent_table =
            (parent_len > 0).then(|| self.names.table(self.schema, &path[..parent_len]));
        self.emit(table, parent_table, row)?;
        if !lists.is_empty() {
            let mut child: Vec<NameId> = path.to_vec();
            for (list_path, items) in lists {
                child.truncate(path.len());
                child.extend_from_slice(&list_path);
                self.list(items, &child, path.len(), &row_id, lvl - 1)?;
            }
        }
        self.extend = saved_extend;
        Ok(())
    }

    fn root_id(&self, table: NameId, row: &FlatRow) -> Result<String, NormalizeError> {
        let table = self.names.name(table);
        if row_id_kind(self.schema, table) != RowIdKind::KeyHash {
            return Ok(random_dlt_id());
        }
        let keys: Vec<&str> = self
            .schema
            .tables
            .get(table)
            .map(|t| t.columns_with(|c| c.primary_key))
            .unwrap_or_default();
        let lookup = |k: &str| self.names.lookup(k).and_then(|id| row.get(&id));
        key_hash(lookup, &keys).ok_or_else(|| NormalizeError::MissingKey {
            table: table.to_string(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
        })
    }

    /// `_normalize_list`: one nested row per element. `path` is the list table's path; its first
    /// `parent_len` parts are the parent table's.
    fn list(
        &mut self,
        items: Vec<Value>,
        path: &[NameId],
        parent_len: usize,
        parent_id: &str,
        lvl: i64,
    ) -> Result<(), NormalizeError> {
        let table = self.names.table(self.schema, path);
        let parent_table = self.names.table(self.schema, &path[..parent_len]);
        for (idx, v) in items.into_iter().enumerate() {
            match v {
                Value::Object(m) => {
                    self.row(m, path, parent_len, Some(parent_id), idx, lvl, false, None)?
                }
                Value::Array(a) => {
                    let mut m = Map::new();
                    m.insert(C_LIST.to_string(), Value::Array(a));
                    self.row(
                        m,
                        path,
                        parent_len,
                        Some(parent_id),
                        idx,
                        lvl - 1,
                        false,
                        None,
                    )?
                }
                scalar => {
                    let mut row = FlatRow::with_capacity_and_hasher(5, RandomState::default());
                    row.insert(ID_VALUE, scalar);
                    if let Some(extend) = self.extend.as_ref() {
                        row.extend(extend.iter().map(|(k, v)| (*k, v.clone())));
                    }
                    row.insert(ID_DLT_PARENT_ID, Value::String(parent_id.to_string()));
                    row.insert(ID_DLT_LIST_IDX, Value::from(idx as u64));
                    row.insert(
                        ID_DLT_ID,
                        Value::String(child_row_id(parent_id, self.names.name(table), idx)),
                    );
                    self.emit(table, Some(parent_table), row)?;
                }
            }
        }
        Ok(())
    }
}
