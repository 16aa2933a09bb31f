//! The `endpoint` of a resource: what request to send and how to read its responses.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::actions::ResponseAction;
use super::auth::AuthConfig;
use super::common::nullable;
use super::incremental::{IncrementalConfig, IncrementalParam};
use super::paginator::PaginatorConfig;

/// An endpoint given as a path string or as an object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum EndpointEntry {
    /// Just the path, relative to `client.base_url`.
    Path(String),
    /// The full endpoint object.
    Spec(Box<Endpoint>),
}

/// HTTP method; dlt accepts exactly these two, case-sensitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
pub enum Method {
    /// GET (default).
    #[default]
    #[serde(rename = "GET")]
    Get,
    /// POST.
    #[serde(rename = "POST")]
    Post,
}

impl Method {
    /// The method as HTTP spells it.
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// The request an endpoint sends and how its responses are read.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// Path relative to `client.base_url`, or an absolute URL (default: the resource name).
    /// May hold `{resources.<parent>.<field>}`, `{incremental.start_value}` and `{param}` placeholders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// `GET` (default) or `POST`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// Query parameters: literal values, `resolve` or `incremental` parameter objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<IndexMap<String, ParamValue>>,
    /// JSON request body (an object); placeholders keep their types when alone in a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<serde_json::Map<String, Value>>,
    /// Form or raw request body: an object, a list of pairs, or a string. Exclusive with `json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Value>,
    /// Request headers of this endpoint (placeholders allowed; not merged with defaults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<IndexMap<String, String>>,
    /// Paginator of this endpoint; `null` erases an inherited one.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub paginator: Option<Option<PaginatorConfig>>,
    /// JSONPath to the records in the response (`data`, `results.items`, `$`); auto-detected when absent.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_selector: Option<Option<String>>,
    /// Rules applied to responses in order: ignore or retry by status, body content or a jq condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_actions: Option<Vec<ResponseAction>>,
    /// Incremental loading for this endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incremental: Option<IncrementalConfig>,
    /// Auth of this endpoint; overrides `client.auth`, and `null` disables it.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub auth: Option<Option<AuthConfig>>,
    /// Pipewright extension: stop after this many pages, whatever the paginator says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub max_pages: Option<u64>,
}

/// A query parameter value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ParamValue {
    /// Legacy parent binding: `{type: resolve, resource, field}` with `{name}` in the path.
    Resolve(ResolveParam),
    /// Deprecated incremental parameter: `{type: incremental, cursor_path, initial_value}`.
    Incremental(Box<IncrementalParam>),
    /// A literal value: string, number, boolean, list or null.
    Literal(ParamLiteral),
}

/// Legacy parent binding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveParam {
    /// Always `resolve`.
    #[serde(rename = "type")]
    pub kind: ResolveTag,
    /// The parent resource.
    pub resource: String,
    /// JSONPath of the parent field.
    pub field: String,
}

/// The `type: resolve` tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ResolveTag {
    /// Resolve parameter.
    #[serde(rename = "resolve")]
    Resolve,
}

/// A literal query value (anything but an object).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Value", into = "Value")]
pub struct ParamLiteral(pub Value);

impl TryFrom<Value> for ParamLiteral {
    type Error = &'static str;
    fn try_from(v: Value) -> Result<Self, Self::Error> {
        if v.is_object() {
            Err("an object parameter must have type 'resolve' or 'incremental'")
        } else {
            Ok(ParamLiteral(v))
        }
    }
}

impl From<ParamLiteral> for Value {
    fn from(p: ParamLiteral) -> Value {
        p.0
    }
}

impl JsonSchema for ParamLiteral {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ParamLiteral".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A literal query value: string, number, boolean, list or null.",
            "type": ["string", "number", "integer", "boolean", "array", "null"]
        })
    }
}

impl EndpointEntry {
    /// The endpoint as an object (a path string becomes `{path}`).
    pub fn to_spec(&self) -> Endpoint {
        match self {
            EndpointEntry::Path(p) => Endpoint {
                path: Some(p.clone()),
                ..Endpoint::default()
            },
            EndpointEntry::Spec(e) => (**e).clone(),
        }
    }
}
