//! Resource hints → table schema, as dlt's extract step does it (`dlt/extract/hints.py`): column
//! hints in their order, then primary/merge key columns (not nullable), the write disposition with
//! its merge strategy, and for scd2 the validity columns and the row-version column.

use crate::config::hints::{ColumnSchema, Columns, WriteDisposition};
use crate::config::{KeyList, Resource};

use super::naming::Naming;
use super::schema::{
    Column, DispositionName, MergeStrategy, Schema, Table, C_DLT_ID, DEFAULT_VALIDITY_COLUMNS,
};
use super::NormalizeError;

/// The hints of one resource's root table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableHints {
    /// Table name before normalisation (`table_name`, else the resource name).
    pub table_name: String,
    /// Resource name (defaults to the table name).
    pub resource: Option<String>,
    pub write_disposition: Option<WriteDisposition>,
    pub primary_key: Option<KeyList>,
    pub merge_key: Option<KeyList>,
    pub columns: Option<Columns>,
    pub max_table_nesting: Option<u32>,
    /// The incremental cursor when it is a plain field name (gets `incremental: true`).
    pub incremental_cursor: Option<String>,
}

impl TableHints {
    /// The hints a resource declares (the incremental cursor is set by the caller, which knows
    /// the endpoint's incremental config).
    pub fn from_resource(r: &Resource) -> Self {
        TableHints {
            table_name: r.table_name.clone().unwrap_or_else(|| r.name.clone()),
            resource: Some(r.name.clone()),
            write_disposition: r.write_disposition.clone(),
            primary_key: r.primary_key.clone(),
            merge_key: r.merge_key.clone(),
            columns: r.columns.clone(),
            max_table_nesting: r.max_table_nesting,
            incremental_cursor: None,
        }
    }
}

/// Merges a column hint into an existing column (hint values win, a known data type stays).
fn merge_hint(col: &mut Column, h: &ColumnSchema) {
    if col.data_type.is_none() {
        col.data_type = h.data_type;
    }
    let set = |dst: &mut bool, src: Option<bool>| {
        if let Some(v) = src {
            *dst = v;
        }
    };
    set(&mut col.nullable, h.nullable);
    set(&mut col.primary_key, h.primary_key);
    set(&mut col.merge_key, h.merge_key);
    set(&mut col.unique, h.unique);
    set(&mut col.row_key, h.row_key);
    set(&mut col.parent_key, h.parent_key);
    set(&mut col.root_key, h.root_key);
    set(&mut col.hard_delete, h.hard_delete);
    set(&mut col.incremental, h.incremental);
    if h.dedup_sort.is_some() {
        col.dedup_sort = h.dedup_sort;
    }
    for (dst, src) in [(&mut col.precision, h.precision), (&mut col.scale, h.scale)] {
        if src.is_some() {
            *dst = src;
        }
    }
    if h.timezone.is_some() {
        col.timezone = h.timezone;
    }
    if h.description.is_some() {
        col.description = h.description.clone();
    }
}

fn upsert_column<'t>(table: &'t mut Table, name: &str) -> &'t mut Column {
    table
        .columns
        .entry(name.to_string())
        .or_insert_with(|| Column::new(name, None))
}

/// `_merge_key`: table-level keys replace column-level ones; key columns default to not null.
fn merge_keys(
    table: &mut Table,
    naming: &Naming,
    keys: &KeyList,
    pk: bool,
    hinted_nullable: &[(String, bool)],
) {
    for c in table.columns.values_mut() {
        if pk {
            c.primary_key = false;
        } else {
            c.merge_key = false;
        }
    }
    for key in keys.names() {
        let name = naming.normalize_path(key);
        let explicit = hinted_nullable
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v);
        let col = upsert_column(table, &name);
        col.nullable = explicit.unwrap_or(false);
        if pk {
            col.primary_key = true;
        } else {
            col.merge_key = true;
        }
    }
}

/// Applies a resource's hints to the schema and returns the normalised root table name.
pub fn apply(schema: &mut Schema, hints: &TableHints) -> Result<String, NormalizeError> {
    let name = schema.naming.normalize_tables_path(&hints.table_name);
    if name.is_empty() {
        return Err(NormalizeError::EmptyName(hints.table_name.clone()));
    }
    let naming = schema.naming;
    let table = schema
        .tables
        .entry(name.clone())
        .or_insert_with(|| Table::new_root(&name));
    table.resource = Some(
        hints
            .resource
            .clone()
            .unwrap_or_else(|| hints.table_name.clone()),
    );
    let mut hinted_nullable: Vec<(String, bool)> = Vec::new();
    let column_hints: Vec<(String, &ColumnSchema)> = match &hints.columns {
        Some(Columns::Map(m)) => m.iter().map(|(k, c)| (k.clone(), c)).collect(),
        Some(Columns::List(l)) => l
            .iter()
            .filter_map(|c| Some((c.name.clone()?, c)))
            .collect(),
        None => Vec::new(),
    };
    for (raw, h) in column_hints {
        let col_name = naming.normalize_path(&raw);
        if let Some(n) = h.nullable {
            hinted_nullable.push((col_name.clone(), n));
        }
        merge_hint(upsert_column(table, &col_name), h);
    }
    if let Some(pk) = &hints.primary_key {
        merge_keys(table, &naming, pk, true, &hinted_nullable);
    }
    if let Some(mk) = &hints.merge_key {
        merge_keys(table, &naming, mk, false, &hinted_nullable);
    }
    if let Some(wd) = &hints.write_disposition {
        apply_disposition(table, wd);
    }
    if let Some(n) = hints.max_table_nesting {
        table.max_nesting = Some(n);
    }
    if let Some(cursor) = &hints.incremental_cursor {
        let col_name = naming.normalize_path(cursor);
        upsert_column(table, &col_name).incremental = true;
    }
    schema.update_propagation(&name);
    Ok(name)
}

fn apply_disposition(table: &mut Table, wd: &WriteDisposition) {
    match wd {
        WriteDisposition::Name(d) => {
            table.write_disposition = Some(*d);
            table.merge_strategy = None;
        }
        WriteDisposition::Spec(spec) => {
            table.write_disposition = Some(spec.disposition);
            if spec.disposition != DispositionName::Merge {
                return;
            }
            table.merge_strategy = spec.strategy;
            table.stage_data_deduplicated = spec.deduplicated.unwrap_or(false);
            if spec.strategy != Some(MergeStrategy::Scd2) {
                return;
            }
            table.boundary_timestamp = spec.boundary_timestamp.clone();
            let names = spec
                .validity_column_names
                .as_ref()
                .filter(|v| v.len() == 2)
                .map(|v| [v[0].clone(), v[1].clone()])
                .unwrap_or_else(|| DEFAULT_VALIDITY_COLUMNS.map(str::to_string));
            let from = Column {
                x_valid_from: true,
                ..Column::new(&names[0], Some(super::schema::DataType::Timestamp))
            };
            let to = Column {
                x_valid_to: true,
                x_active_record_timestamp: spec
                    .active_record_timestamp
                    .clone()
                    .filter(|v| !v.is_null()),
                ..Column::new(&names[1], Some(super::schema::DataType::Timestamp))
            };
            let version_name = spec
                .row_version_column_name
                .clone()
                .unwrap_or_else(|| C_DLT_ID.to_string());
            let existing_type = table.columns.get(&version_name).and_then(|c| c.data_type);
            let version = Column {
                nullable: false,
                x_row_version: true,
                ..Column::new(&version_name, existing_type)
            };
            for c in [from, to, version] {
                table.columns.insert(c.name.clone(), c);
            }
        }
    }
}
