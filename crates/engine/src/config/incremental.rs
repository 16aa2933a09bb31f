//! The endpoint `incremental` object and the legacy incremental query parameter.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::KeyList;

/// Incremental loading: which record field is the cursor and where loading starts and ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncrementalConfig {
    /// JSONPath of the cursor field in each record (e.g. `updated_at`).
    pub cursor_path: String,
    /// Cursor value of the first run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_value: Option<Value>,
    /// Upper bound (backfill); when set, state is neither read nor written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_value: Option<Value>,
    /// `max` (default) or `min`: which way the cursor moves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_value_func: Option<LastValueFunc>,
    /// Deduplication key at the cursor boundary; `[]` disables deduplication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<KeyList>,
    /// `asc` or `desc`: lets extraction stop early once the range is left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_order: Option<RowOrder>,
    /// Let an external scheduler supply the range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_external_schedulers: Option<bool>,
    /// Move the start back by this amount (seconds for dates, units for numbers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<serde_json::Number>,
    /// What to do with a record lacking the cursor: `raise` (default), `include`, `exclude`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_cursor_value_missing: Option<OnCursorValueMissing>,
    /// `closed` (default) keeps records equal to the start value; `open` drops them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_start: Option<RangeBound>,
    /// `open` (default) drops records equal to the end value; `closed` keeps them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_end: Option<RangeBound>,
    /// jq expression applied to the cursor values before they go into requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub convert: Option<String>,
    /// Deprecated: query parameter that receives the start value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_param: Option<String>,
    /// Deprecated: query parameter that receives the end value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_param: Option<String>,
    /// Pipewright extension (dropped on export to dlt): for a child resource, keep one cursor per
    /// parent record instead of one shared by all parents, so each parent's requests start from
    /// its own last value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_parent: Option<bool>,
}

/// Deprecated incremental query parameter: `params: {since: {type: incremental, ...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncrementalParam {
    /// Always `incremental`.
    #[serde(rename = "type")]
    pub kind: IncrementalTag,
    /// JSONPath of the cursor field in each record.
    pub cursor_path: String,
    /// Cursor value of the first run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_value: Option<Value>,
    /// Not allowed in a parameter (dlt rejects it); use the endpoint `incremental` object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_value: Option<Value>,
    /// Not allowed in a parameter (dlt rejects it); use the endpoint `incremental` object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_param: Option<String>,
    /// `max` (default) or `min`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_value_func: Option<LastValueFunc>,
    /// Deduplication key at the boundary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<KeyList>,
    /// `asc` or `desc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_order: Option<RowOrder>,
    /// What to do with a record lacking the cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_cursor_value_missing: Option<OnCursorValueMissing>,
    /// jq expression applied to the value before it is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub convert: Option<String>,
    /// Deprecated name of `convert`, still accepted here as dlt does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transform: Option<String>,
}

/// The `type: incremental` tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum IncrementalTag {
    /// Incremental parameter.
    #[serde(rename = "incremental")]
    Incremental,
}

/// Cursor direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LastValueFunc {
    /// Cursor grows (default).
    Max,
    /// Cursor shrinks.
    Min,
}

/// Order of records returned by the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowOrder {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

/// Policy for a record without a cursor value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnCursorValueMissing {
    /// Fail the run (default).
    Raise,
    /// Keep the record, ignore it for the cursor.
    Include,
    /// Drop the record.
    Exclude,
}

/// Whether a range bound is inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RangeBound {
    /// Inclusive.
    Closed,
    /// Exclusive.
    Open,
}
