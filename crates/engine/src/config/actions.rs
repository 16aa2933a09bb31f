//! Response actions and processing steps; where dlt takes Python callables, these take jq.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One response rule. It matches when every condition given holds; a rule with no condition
/// never matches (as in dlt).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseAction {
    /// HTTP status the response must have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    /// Substring the response body must contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Pipewright extension: jq expression on the JSON body that must yield `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// What to do with a matching response.
    pub action: ResponseActionKind,
}

/// What a response rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResponseActionKind {
    /// Stop this request sequence quietly; pages already read are kept.
    Ignore,
    /// Retry the request with the usual backoff.
    Retry,
}

/// One processing step: jq expressions applied to every record, filter then map then yield_map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessingStep {
    /// Keep the record when the jq expression yields a truthy value, e.g. `select(.id < 10)` or `.id < 10`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// Replace the record by the jq expression's result, e.g. `.title |= ascii_downcase`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<String>,
    /// Replace the record by every result of the jq expression (one record may become many).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yield_map: Option<String>,
}
