//! Auth configuration: a type name, a dict with `type`, or the bearer `{"token": ...}` shortcut.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How requests authenticate. Any string value may be a secret reference `{secrets.NAME}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum AuthConfig {
    /// An auth type whose fields all come from secrets.
    Name(AuthName),
    /// An auth type with its fields.
    Spec(AuthSpec),
    /// `{"token": ...}` without `type`: bearer auth, as in dlt.
    Token(BearerShortcut),
}

/// Auth type names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthName {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// An API key in a header, query parameter or cookie.
    ApiKey,
    /// HTTP basic auth.
    HttpBasic,
    /// OAuth2 client-credentials flow.
    Oauth2ClientCredentials,
}

/// The bearer shortcut: a dict with only `token`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BearerShortcut {
    /// The bearer token (use a `{secrets.NAME}` reference).
    pub token: String,
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiKeyLocation {
    /// A request header (default).
    Header,
    /// A query parameter.
    Query,
    /// A query parameter (dlt's alias of `query`).
    Param,
    /// A cookie.
    Cookie,
}

/// An auth type with its fields, discriminated by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum AuthSpec {
    /// `Authorization: Bearer <token>`.
    Bearer {
        /// The token; resolved from secrets when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        token: Option<String>,
    },
    /// An API key.
    ApiKey {
        /// The key value; resolved from secrets when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        api_key: Option<String>,
        /// Header, query parameter or cookie name (default `Authorization`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        /// Where the key goes (default `header`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<ApiKeyLocation>,
    },
    /// HTTP basic auth.
    HttpBasic {
        /// User name.
        username: String,
        /// Password (use a `{secrets.NAME}` reference).
        password: String,
    },
    /// OAuth2 client credentials: a token is fetched from `access_token_url` and sent as bearer.
    Oauth2ClientCredentials {
        /// Token endpoint URL.
        access_token_url: String,
        /// Client id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<String>,
        /// Client secret (use a `{secrets.NAME}` reference).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_secret: Option<String>,
        /// A token to start with; a new one is still fetched on the first request, as dlt does.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        access_token: Option<String>,
        /// Extra form fields of the token request (may override `grant_type`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        access_token_request_data: Option<IndexMap<String, Value>>,
        /// Token lifetime in seconds when the token response has no `expires_in` (default 3600).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default_token_expiration: Option<u64>,
    },
}

impl AuthConfig {
    /// The auth type name, whichever form it was written in.
    pub fn type_name(&self) -> &'static str {
        match self {
            AuthConfig::Name(AuthName::Bearer)
            | AuthConfig::Token(_)
            | AuthConfig::Spec(AuthSpec::Bearer { .. }) => "bearer",
            AuthConfig::Name(AuthName::ApiKey) | AuthConfig::Spec(AuthSpec::ApiKey { .. }) => {
                "api_key"
            }
            AuthConfig::Name(AuthName::HttpBasic)
            | AuthConfig::Spec(AuthSpec::HttpBasic { .. }) => "http_basic",
            AuthConfig::Name(AuthName::Oauth2ClientCredentials)
            | AuthConfig::Spec(AuthSpec::Oauth2ClientCredentials { .. }) => {
                "oauth2_client_credentials"
            }
        }
    }
}
