//! dlt-compatible relational normalizer: records (JSON values) in, typed rows per table out, with
//! the schema evolving as dlt's would (same table and column names, order, types and variants).
//!
//! Streaming use: register each resource's hints once, then feed records page by page with
//! [`Normalizer::normalize`] into a [`Batch`], hand the batch to the loader, start a new batch.
//! Nothing is buffered across batches except the schema and a cache of normalised key names.

pub mod evolve;
pub mod flatten;
pub mod hash;
pub mod hints;
pub mod ids;
pub mod iso8601;
pub mod naming;
pub mod pyfmt;
pub mod schema;
pub mod schema_json;
pub mod schema_parse;
pub mod system;
pub mod timestamp;
pub mod types;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use indexmap::IndexMap;
use serde_json::Value;

pub use hints::TableHints;
pub use naming::Naming;
pub use schema::{Column, DataType, Schema, Table};
pub use types::SqlValue;

/// One row: values in the table's column order (columns added later are absent: NULL).
pub type Row = Vec<SqlValue>;

/// A change to the schema made while normalising (for progress reporting and DDL).
#[derive(Debug, Clone, PartialEq)]
pub enum SchemaChange {
    NewTable {
        table: String,
        parent: Option<String>,
    },
    NewColumn {
        table: String,
        column: String,
        data_type: DataType,
        variant: bool,
    },
}

/// Rows per table produced by a run of the normalizer, plus the schema changes they caused.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    pub rows: IndexMap<String, Vec<Row>>,
    pub changes: Vec<SchemaChange>,
}

impl Batch {
    /// Total rows across tables.
    pub fn row_count(&self) -> usize {
        self.rows.values().map(Vec::len).sum()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.values().all(Vec::is_empty)
    }
}

/// What can go wrong while normalising a record.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum NormalizeError {
    /// A null arrived for a column that is not nullable (a key column, or a hint said so).
    #[error("table `{table}`: column `{column}` is not nullable but the record has no value for it; make the column nullable in `columns` or fix the data")]
    NullInNotNull { table: String, column: String },
    /// A value fits neither its column nor the variant column for its type.
    #[error("{0}")]
    CannotCoerce(Box<CoerceFailure>),
    /// The primary key columns needed for a key hash are missing from a record.
    #[error("table `{table}`: record lacks primary key column(s) {keys:?}")]
    MissingKey { table: String, keys: Vec<String> },
    /// A table name normalises to nothing.
    #[error("table name {0:?} is empty after normalisation")]
    EmptyName(String),
}

/// Details of a value that could not be coerced (boxed to keep errors small).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("schema `{schema}`, table `{table}`: cannot coerce {value} (`{from}`) into column `{column}` (`{to}`) or its variant")]
pub struct CoerceFailure {
    pub schema: String,
    pub table: String,
    pub column: String,
    pub from: &'static str,
    pub to: &'static str,
    pub value: String,
}

/// The normalizer: owns the schema, turns records into rows.
#[derive(Debug)]
pub struct Normalizer {
    schema: Schema,
    load_id: String,
    names: flatten::NameCache,
    tables: HashMap<String, String>,
}

impl Normalizer {
    /// A normalizer over a (new or stored) schema, stamping root rows with `load_id`.
    pub fn new(schema: Schema, load_id: &str) -> Self {
        Normalizer {
            schema,
            load_id: load_id.to_string(),
            names: flatten::NameCache::default(),
            tables: HashMap::new(),
        }
    }

    /// The current schema.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// Mutable access, e.g. for source-level settings (`max_nesting`, `root_key_propagation`).
    pub fn schema_mut(&mut self) -> &mut Schema {
        &mut self.schema
    }

    /// Gives the schema back.
    pub fn into_schema(self) -> Schema {
        self.schema
    }

    /// The load id stamped into `_dlt_load_id`.
    pub fn load_id(&self) -> &str {
        &self.load_id
    }

    /// Starts a new load (new `_dlt_load_id`) with the same schema.
    pub fn set_load_id(&mut self, load_id: &str) {
        self.load_id = load_id.to_string();
    }

    /// Applies a resource's hints; returns the normalised table name.
    pub fn register_table(&mut self, hints: &TableHints) -> Result<String, NormalizeError> {
        let name = hints::apply(&mut self.schema, hints)?;
        self.tables.insert(hints.table_name.clone(), name.clone());
        Ok(name)
    }

    fn root_name(&mut self, table: &str) -> Result<String, NormalizeError> {
        if let Some(n) = self.tables.get(table) {
            return Ok(n.clone());
        }
        let n = self.schema.naming.normalize_tables_path(table);
        if n.is_empty() {
            return Err(NormalizeError::EmptyName(table.to_string()));
        }
        self.tables.insert(table.to_string(), n.clone());
        Ok(n)
    }

    /// Normalises one record of `table` (the raw resource table name) into `out`.
    ///
    /// On error the batch may hold rows of this record's parents already; callers that skip bad
    /// records should normalise into a scratch batch and merge it.
    pub fn normalize(
        &mut self,
        table: &str,
        record: Value,
        out: &mut Batch,
    ) -> Result<(), NormalizeError> {
        let root = self.root_name(table)?;
        if !self.schema.tables.contains_key(&root) {
            // An unregistered resource: dlt creates its table at extract time, before rows are
            // normalised, so propagation settings are known for the first record.
            self.schema
                .tables
                .insert(root.clone(), schema::Table::new_root(&root));
            self.schema.update_propagation(&root);
            out.changes.push(SchemaChange::NewTable {
                table: root.clone(),
                parent: None,
            });
        }
        let mut walker = flatten::Walker {
            schema: &mut self.schema,
            names: &mut self.names,
            load_id: &self.load_id,
            out,
            extend: None,
        };
        walker.record(&root, record)
    }

    /// Normalises many records into a fresh batch.
    pub fn normalize_all(
        &mut self,
        table: &str,
        records: impl IntoIterator<Item = Value>,
    ) -> Result<Batch, NormalizeError> {
        let mut batch = Batch::default();
        for record in records {
            self.normalize(table, record, &mut batch)?;
        }
        Ok(batch)
    }
}
