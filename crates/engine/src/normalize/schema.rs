//! The evolving dlt schema: tables (root and nested), their columns in order with dlt data types
//! and hints, parent links, and the normalizer settings that shape rows (nesting budget, root key
//! propagation). Serialised as dlt's stored-schema JSON by `schema_json.rs`.

use indexmap::IndexMap;
use serde_json::{Map, Value};

pub use crate::config::hints::{DataType, DispositionName, MergeStrategy, SortOrder};

use super::naming::Naming;

/// Name of the load id column of root tables.
pub const C_DLT_LOAD_ID: &str = "_dlt_load_id";
/// Name of the row key column.
pub const C_DLT_ID: &str = "_dlt_id";
/// Name of the root key column of nested tables.
pub const C_DLT_ROOT_ID: &str = "_dlt_root_id";
/// Name of the parent key column of nested tables.
pub const C_DLT_PARENT_ID: &str = "_dlt_parent_id";
/// Name of the list position column of nested tables.
pub const C_DLT_LIST_IDX: &str = "_dlt_list_idx";
/// dlt's system tables.
pub const VERSION_TABLE: &str = "_dlt_version";
/// Completed loads.
pub const LOADS_TABLE: &str = "_dlt_loads";
/// Pipeline state rows.
pub const STATE_TABLE: &str = "_dlt_pipeline_state";
/// Default scd2 validity columns.
pub const DEFAULT_VALIDITY_COLUMNS: [&str; 2] = ["_dlt_valid_from", "_dlt_valid_to"];
/// dlt's default nesting budget when nothing is configured.
pub const DEFAULT_MAX_NESTING: u32 = 1000;

/// One column: its dlt data type (absent while only hints are known) and hints.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Column {
    pub name: String,
    /// `None` for an incomplete column (hints given, no data seen yet); such columns are not
    /// created in the database.
    pub data_type: Option<DataType>,
    pub nullable: bool,
    pub primary_key: bool,
    pub merge_key: bool,
    pub unique: bool,
    pub row_key: bool,
    pub parent_key: bool,
    pub root_key: bool,
    pub hard_delete: bool,
    pub dedup_sort: Option<SortOrder>,
    pub precision: Option<u32>,
    pub scale: Option<u32>,
    pub timezone: Option<bool>,
    pub variant: bool,
    pub incremental: bool,
    pub description: Option<String>,
    /// scd2 validity and row-version roles (`x-valid-from`, `x-valid-to`, `x-row-version`).
    pub x_valid_from: bool,
    pub x_valid_to: bool,
    pub x_row_version: bool,
    /// scd2: the value of `_dlt_valid_to` for active rows (`x-active-record-timestamp`).
    pub x_active_record_timestamp: Option<Value>,
    /// Any other keys found in a stored schema, kept so a round trip loses nothing.
    pub extra: Map<String, Value>,
}

impl Column {
    /// A new nullable column of a type.
    pub fn new(name: &str, data_type: Option<DataType>) -> Self {
        Column {
            name: name.to_string(),
            data_type,
            nullable: true,
            ..Column::default()
        }
    }

    /// True once a data type is known.
    pub fn is_complete(&self) -> bool {
        self.data_type.is_some()
    }
}

/// A table: root tables carry the write disposition; nested tables point to their parent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub name: String,
    pub parent: Option<String>,
    pub columns: IndexMap<String, Column>,
    pub write_disposition: Option<DispositionName>,
    /// `x-merge-strategy`.
    pub merge_strategy: Option<MergeStrategy>,
    /// `x-stage-data-deduplicated`: incoming rows are already unique, skip dedup.
    pub stage_data_deduplicated: bool,
    /// `x-boundary-timestamp` (scd2).
    pub boundary_timestamp: Option<Value>,
    pub resource: Option<String>,
    pub description: Option<String>,
    /// `x-normalizer.max_nesting`.
    pub max_nesting: Option<u32>,
    /// `x-normalizer.seen-data`: rows were produced for this table.
    pub seen_data: bool,
    pub extra: Map<String, Value>,
}

impl Table {
    /// A new root table (append by default, as dlt's `new_table`).
    pub fn new_root(name: &str) -> Self {
        Table {
            name: name.to_string(),
            write_disposition: Some(DispositionName::Append),
            resource: Some(name.to_string()),
            ..Table::default()
        }
    }

    /// A new nested table.
    pub fn new_nested(name: &str, parent: &str) -> Self {
        Table {
            name: name.to_string(),
            parent: Some(parent.to_string()),
            ..Table::default()
        }
    }

    /// Names of complete columns that carry `prop`.
    pub fn columns_with(&self, prop: impl Fn(&Column) -> bool) -> Vec<&str> {
        self.columns
            .values()
            .filter(|c| prop(c))
            .map(|c| c.name.as_str())
            .collect()
    }

    /// The first column with the property, if any.
    pub fn first_column_with(&self, prop: impl Fn(&Column) -> bool) -> Option<&Column> {
        self.columns.values().find(|c| prop(c))
    }
}

/// The whole schema of one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub name: String,
    pub tables: IndexMap<String, Table>,
    /// Stored version and hash (0 / empty before the first bump).
    pub version: u64,
    pub version_hash: String,
    pub previous_hashes: Vec<String>,
    /// Source-level `max_table_nesting` (`normalizers.json.config.max_nesting`).
    pub max_nesting: Option<u32>,
    /// Source-level `root_key` (`normalizers.json.config.root_key_propagation`).
    pub root_key_propagation: Option<bool>,
    /// `normalizers.json.config.propagation.tables`: per root table, column → nested column.
    pub propagation: IndexMap<String, IndexMap<String, String>>,
    pub naming: Naming,
    /// Settings kept verbatim from a stored schema.
    pub extra_settings: Map<String, Value>,
}

impl Schema {
    /// A new schema holding dlt's three system tables.
    pub fn new(name: &str) -> Self {
        let mut schema = Schema {
            name: name.to_string(),
            tables: IndexMap::new(),
            version: 0,
            version_hash: String::new(),
            previous_hashes: Vec::new(),
            max_nesting: None,
            root_key_propagation: None,
            propagation: IndexMap::new(),
            naming: Naming::sqlite(),
            extra_settings: Map::new(),
        };
        for table in super::system::system_tables() {
            schema.tables.insert(table.name.clone(), table);
        }
        schema
    }

    /// The root table a table belongs to (itself for a root).
    pub fn root_of<'a>(&'a self, table: &'a str) -> &'a str {
        let mut current = table;
        while let Some(parent) = self.tables.get(current).and_then(|t| t.parent.as_deref()) {
            current = parent;
        }
        current
    }

    /// The root table and its descendants, parents before children, in schema order.
    pub fn table_chain(&self, root: &str) -> Vec<&Table> {
        let mut chain: Vec<&Table> = Vec::new();
        if let Some(t) = self.tables.get(root) {
            chain.push(t);
        }
        let mut i = 0;
        while i < chain.len() {
            let name = chain[i].name.clone();
            chain.extend(
                self.tables
                    .values()
                    .filter(|t| t.parent.as_deref() == Some(name.as_str())),
            );
            i += 1;
        }
        chain
    }

    /// The merge strategy in effect for a root table (`resolve_merge_strategy`): merge without a
    /// strategy means `delete-insert`; other dispositions have none.
    pub fn merge_strategy(&self, root: &str) -> Option<MergeStrategy> {
        let t = self.tables.get(root)?;
        (t.write_disposition == Some(DispositionName::Merge))
            .then(|| t.merge_strategy.unwrap_or(MergeStrategy::DeleteInsert))
    }

    /// Whether nested rows of `root` get `_dlt_root_id` (`requires_root_key`).
    pub fn requires_root_key(&self, root: &str) -> bool {
        if is_system_table(root) {
            return false;
        }
        let merge_requires = match self.root_key_propagation {
            Some(v) => v,
            None => matches!(
                self.merge_strategy(root),
                Some(
                    MergeStrategy::DeleteInsert | MergeStrategy::Upsert | MergeStrategy::InsertOnly
                )
            ),
        };
        merge_requires
            || self
                .table_chain(root)
                .iter()
                .skip(1)
                .any(|t| t.columns.values().any(|c| c.root_key))
    }

    /// Records the propagation of `_dlt_id` as `_dlt_root_id` for a root table, as dlt's
    /// `extend_table` does, so the stored schema carries it.
    pub fn update_propagation(&mut self, root: &str) {
        if self.requires_root_key(root) {
            let row_key = self
                .tables
                .get(root)
                .and_then(|t| t.first_column_with(|c| c.row_key))
                .map_or_else(|| C_DLT_ID.to_string(), |c| c.name.clone());
            self.propagation
                .entry(root.to_string())
                .or_default()
                .insert(row_key, C_DLT_ROOT_ID.to_string());
        }
    }

    /// The nesting budget of a root table: its own, else the source's, else 1000.
    pub fn nesting_budget(&self, root: &str) -> u32 {
        self.tables
            .get(root)
            .and_then(|t| t.max_nesting)
            .or(self.max_nesting)
            .unwrap_or(DEFAULT_MAX_NESTING)
    }

    /// Data tables (everything but dlt's system tables), in schema order.
    pub fn data_tables(&self) -> impl Iterator<Item = &Table> {
        self.tables.values().filter(|t| !is_system_table(&t.name))
    }
}

/// dlt's system tables are `_dlt_version`, `_dlt_loads` and `_dlt_pipeline_state`.
pub fn is_system_table(name: &str) -> bool {
    matches!(name, VERSION_TABLE | LOADS_TABLE | STATE_TABLE)
}

/// The default not-null hint (`not_null` in the schema settings).
pub fn is_not_null_hint(column: &str) -> bool {
    matches!(
        column,
        C_DLT_ID | C_DLT_ROOT_ID | C_DLT_PARENT_ID | C_DLT_LIST_IDX | C_DLT_LOAD_ID
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema_with_chain() -> Schema {
        let mut s = Schema::new("s");
        s.tables.insert("t".into(), Table::new_root("t"));
        s.tables
            .insert("t__a".into(), Table::new_nested("t__a", "t"));
        s.tables
            .insert("t__a__b".into(), Table::new_nested("t__a__b", "t__a"));
        s.tables.insert("u".into(), Table::new_root("u"));
        s
    }

    #[test]
    fn chains_and_roots() {
        let s = schema_with_chain();
        assert_eq!(s.root_of("t__a__b"), "t");
        let names: Vec<_> = s.table_chain("t").iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["t", "t__a", "t__a__b"]);
        assert_eq!(s.data_tables().count(), 4);
    }

    #[test]
    fn root_key_rules() {
        let mut s = schema_with_chain();
        assert!(!s.requires_root_key("t"));
        s.tables["t"].write_disposition = Some(DispositionName::Merge);
        assert_eq!(s.merge_strategy("t"), Some(MergeStrategy::DeleteInsert));
        assert!(s.requires_root_key("t"));
        s.tables["t"].merge_strategy = Some(MergeStrategy::Scd2);
        assert!(!s.requires_root_key("t"));
        s.root_key_propagation = Some(true);
        assert!(s.requires_root_key("t"));
        s.update_propagation("t");
        assert_eq!(s.propagation["t"]["_dlt_id"], "_dlt_root_id");
    }

    #[test]
    fn nesting_budget_precedence() {
        let mut s = schema_with_chain();
        assert_eq!(s.nesting_budget("t"), 1000);
        s.max_nesting = Some(2);
        assert_eq!(s.nesting_budget("t"), 2);
        s.tables["t"].max_nesting = Some(0);
        assert_eq!(s.nesting_budget("t"), 0);
    }
}
