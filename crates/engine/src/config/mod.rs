//! The configuration language: dlt's `rest_api` source config (`RESTAPIConfig`), as serde data.
//!
//! A source is kept as its document (`Document`) so that saving never reorders or rewrites what
//! the user wrote; the typed model here is a view of it. Where dlt takes a Python callable, the
//! model takes a jq expression string, and secret values are `{secrets.NAME}` references.

pub mod actions;
pub mod auth;
pub mod common;
pub mod document;
pub mod endpoint;
pub mod hints;
pub mod incremental;
pub mod merge;
pub mod paginator;
pub mod resource;
pub mod schema;
pub mod validate;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use actions::{ProcessingStep, ResponseAction, ResponseActionKind};
pub use auth::{ApiKeyLocation, AuthConfig, AuthName, AuthSpec, BearerShortcut};
pub use common::KeyList;
pub use document::{Document, Format};
pub use endpoint::{Endpoint, EndpointEntry, Method, ParamLiteral, ParamValue, ResolveParam};
pub use hints::{ColumnSchema, Columns, DataType, WriteDisposition};
pub use incremental::{IncrementalConfig, IncrementalParam};
pub use paginator::{PaginatorConfig, PaginatorName, PaginatorSpec};
pub use resource::{Resource, ResourceDefaults, ResourceEntry};

use common::nullable;

/// A dlt `rest_api` source: the client, resource defaults and the resources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Pipewright REST API source (dlt RESTAPIConfig)")]
pub struct RestApiConfig {
    /// Settings shared by every request: base URL, headers, auth, paginator.
    pub client: ClientConfig,
    /// Settings every resource inherits unless it sets them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_defaults: Option<ResourceDefaults>,
    /// The resources to extract: names or resource objects.
    pub resources: Vec<ResourceEntry>,
}

/// The HTTP client shared by all resources.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientConfig {
    /// Prefix of every endpoint path, e.g. `https://api.github.com/repos/dlt-hub/dlt/`.
    pub base_url: String,
    /// Headers sent with every request (never placeholder-expanded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<IndexMap<String, String>>,
    /// Default auth for all endpoints.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub auth: Option<Option<AuthConfig>>,
    /// Default paginator, used when an endpoint sets none.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub paginator: Option<Option<PaginatorConfig>>,
}
