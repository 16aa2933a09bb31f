//! dlt table hints carried by a resource: write disposition, columns, schema contract, formats,
//! references and nested hints.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::KeyList;

/// How rows are written: a disposition name or an object with a merge strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum WriteDisposition {
    /// `append` (default), `replace`, `merge` or `skip`.
    Name(DispositionName),
    /// A disposition with options.
    Spec(WriteDispositionSpec),
}

/// Write disposition names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DispositionName {
    /// Add rows.
    Append,
    /// Replace the table's rows.
    Replace,
    /// Merge rows by key.
    Merge,
    /// Extract but do not load.
    Skip,
}

/// A write disposition with options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WriteDispositionSpec {
    /// The disposition.
    pub disposition: DispositionName,
    /// Merge strategy (only with `merge`): `delete-insert` (default), `scd2`, `upsert`, `insert-only`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<MergeStrategy>,
    /// delete-insert: deduplicate incoming rows by primary key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deduplicated: Option<bool>,
    /// scd2: names of the two validity columns (default `_dlt_valid_from`, `_dlt_valid_to`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 2, max = 2))]
    pub validity_column_names: Option<Vec<String>>,
    /// scd2: timestamp used as the validity start of new records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_record_timestamp: Option<Value>,
    /// scd2: timestamp used as the boundary between versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_timestamp: Option<Value>,
    /// scd2: name of the row version (hash) column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_version_column_name: Option<String>,
}

/// Merge strategies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MergeStrategy {
    /// Delete rows with incoming keys, then insert.
    DeleteInsert,
    /// Slowly changing dimension type 2.
    Scd2,
    /// Update or insert by primary key.
    Upsert,
    /// Insert rows whose key is not present yet.
    InsertOnly,
}

/// Column hints: a map from column name to its schema, or a list of schemas with `name`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Columns {
    /// `{column: {data_type: ...}}`.
    Map(IndexMap<String, ColumnSchema>),
    /// `[{name: column, data_type: ...}]`.
    List(Vec<ColumnSchema>),
}

/// dlt data types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataType {
    /// Text.
    Text,
    /// 64-bit float.
    Double,
    /// Boolean.
    Bool,
    /// Timestamp.
    Timestamp,
    /// 64-bit integer.
    Bigint,
    /// Bytes.
    Binary,
    /// JSON document.
    Json,
    /// Decimal.
    Decimal,
    /// 256-bit integer.
    Wei,
    /// Date.
    Date,
    /// Time of day.
    Time,
}

/// The hints of one column.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnSchema {
    /// Column name (required in the list form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Data type; overrides inference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<DataType>,
    /// Whether NULL is allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
    /// Part of the primary key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<bool>,
    /// Part of the merge key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge_key: Option<bool>,
    /// Unique values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unique: Option<bool>,
    /// Precision for text, binary, decimal, timestamp and integer types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<u32>,
    /// Scale for decimals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<u32>,
    /// Timestamps with a time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<bool>,
    /// Partition hint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<bool>,
    /// Cluster hint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<bool>,
    /// Sort hint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<bool>,
    /// Row key (the `_dlt_id` role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_key: Option<bool>,
    /// Parent key (the `_dlt_parent_id` role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_key: Option<bool>,
    /// Root key (the `_dlt_root_id` role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_key: Option<bool>,
    /// merge: a truthy value deletes the row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hard_delete: Option<bool>,
    /// merge: which duplicate wins, `asc` or `desc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedup_sort: Option<SortOrder>,
    /// Column used by incremental loading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incremental: Option<bool>,
    /// Free description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Sort direction of a hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

/// Schema contract: one mode for everything, or per entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum SchemaContract {
    /// One mode for tables, columns and data types.
    Mode(ContractMode),
    /// A mode per entity.
    Spec(SchemaContractSpec),
}

/// Schema contract per entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SchemaContractSpec {
    /// New tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tables: Option<ContractMode>,
    /// New columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<ContractMode>,
    /// New data types (variants).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<ContractMode>,
}

/// Schema contract modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContractMode {
    /// Accept changes.
    Evolve,
    /// Drop the new value.
    DiscardValue,
    /// Fail.
    Freeze,
    /// Drop the row.
    DiscardRow,
}

/// Table formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableFormat {
    /// Iceberg.
    Iceberg,
    /// Delta.
    Delta,
    /// Hive.
    Hive,
    /// The destination's own.
    Native,
}

/// Loader file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum FileFormat {
    /// The destination's preferred format.
    #[serde(rename = "preferred")]
    Preferred,
    /// JSON lines.
    #[serde(rename = "jsonl")]
    Jsonl,
    /// Typed JSON lines.
    #[serde(rename = "typed-jsonl")]
    TypedJsonl,
    /// SQL insert values.
    #[serde(rename = "insert_values")]
    InsertValues,
    /// Parquet.
    #[serde(rename = "parquet")]
    Parquet,
    /// CSV.
    #[serde(rename = "csv")]
    Csv,
    /// File reference.
    #[serde(rename = "reference")]
    Reference,
    /// SQL model.
    #[serde(rename = "model")]
    Model,
}

/// A reference from this table's columns to another table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableReference {
    /// Columns of this table.
    pub columns: Vec<String>,
    /// The referenced table.
    pub referenced_table: String,
    /// Columns of the referenced table.
    pub referenced_columns: Vec<String>,
}

/// Hints for a nested (child) table, keyed in `nested_hints` by its path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NestedHints {
    /// Column hints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Columns>,
    /// Primary key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<KeyList>,
    /// Merge key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge_key: Option<KeyList>,
    /// References.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub references: Option<Vec<TableReference>>,
    /// Schema contract.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_contract: Option<SchemaContract>,
}
