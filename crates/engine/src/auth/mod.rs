//! Auth: bearer, api_key (header, query, cookie), http_basic and OAuth2 client credentials,
//! built from config with secrets resolved, applied to every outgoing request.

mod api_key;
mod basic;
mod bearer;
mod oauth2;

use std::sync::Arc;

use crate::config::{ApiKeyLocation, AuthConfig, AuthName, AuthSpec};
use crate::http::request::RequestSpec;
use crate::secrets::{resolve_refs, Sensitive, Stores};

pub use oauth2::OAuth2;

/// A ready auth method.
#[derive(Debug, Clone)]
pub enum Auth {
    /// No auth.
    None,
    /// `Authorization: Bearer <token>`.
    Bearer(Sensitive),
    /// An API key.
    ApiKey {
        /// Header, query parameter or cookie name.
        name: String,
        /// The key.
        value: Sensitive,
        /// Where it goes.
        location: ApiKeyLocation,
    },
    /// HTTP basic.
    Basic {
        /// User name.
        username: Sensitive,
        /// Password.
        password: Sensitive,
    },
    /// OAuth2 client credentials; the token is shared by every request of the resource.
    OAuth2(Arc<OAuth2>),
}

impl Auth {
    /// Builds auth from config, resolving `{secrets.NAME}` references and, for fields the config
    /// leaves out, secrets named after the field (`token`, `api_key`, `client_secret`...).
    pub fn from_config(cfg: &AuthConfig, stores: &Stores) -> Result<Auth, String> {
        let field = |given: &Option<String>, name: &str| -> Result<Sensitive, String> {
            match given {
                Some(v) => resolve_refs(v, stores).map(Sensitive::new),
                None => stores.get(name),
            }
        };
        Ok(match cfg {
            AuthConfig::Token(t) => Auth::Bearer(field(&Some(t.token.clone()), "token")?),
            AuthConfig::Name(AuthName::Bearer) => Auth::Bearer(stores.get("token")?),
            AuthConfig::Name(AuthName::ApiKey) => Auth::ApiKey {
                name: "Authorization".into(),
                value: stores.get("api_key")?,
                location: ApiKeyLocation::Header,
            },
            AuthConfig::Name(AuthName::HttpBasic) => Auth::Basic {
                username: stores.get("username")?,
                password: stores.get("password")?,
            },
            AuthConfig::Name(AuthName::Oauth2ClientCredentials) => {
                Auth::OAuth2(Arc::new(OAuth2::new(
                    stores.get("access_token_url")?.expose().to_string(),
                    stores.get("client_id")?,
                    stores.get("client_secret")?,
                    Default::default(),
                    3600,
                )))
            }
            AuthConfig::Spec(AuthSpec::Bearer { token }) => Auth::Bearer(field(token, "token")?),
            AuthConfig::Spec(AuthSpec::ApiKey {
                api_key,
                name,
                location,
            }) => Auth::ApiKey {
                name: name.clone().unwrap_or_else(|| "Authorization".into()),
                value: field(api_key, "api_key")?,
                location: location.unwrap_or(ApiKeyLocation::Header),
            },
            AuthConfig::Spec(AuthSpec::HttpBasic { username, password }) => Auth::Basic {
                username: field(&Some(username.clone()), "username")?,
                password: field(&Some(password.clone()), "password")?,
            },
            AuthConfig::Spec(AuthSpec::Oauth2ClientCredentials {
                access_token_url,
                client_id,
                client_secret,
                access_token: _,
                access_token_request_data,
                default_token_expiration,
            }) => {
                let mut extra = Vec::new();
                for (k, v) in access_token_request_data.iter().flatten() {
                    let text = match v {
                        serde_json::Value::String(s) => resolve_refs(s, stores)?,
                        other => other.to_string(),
                    };
                    extra.push((k.clone(), Sensitive::new(text)));
                }
                Auth::OAuth2(Arc::new(OAuth2::new(
                    resolve_refs(access_token_url, stores)?,
                    field(client_id, "client_id")?,
                    field(client_secret, "client_secret")?,
                    extra,
                    default_token_expiration.unwrap_or(3600),
                )))
            }
        })
    }

    /// Adds credentials to a request (fetching an OAuth2 token first when needed).
    pub async fn apply(&self, http: &reqwest::Client, req: &mut RequestSpec) -> Result<(), String> {
        match self {
            Auth::None => Ok(()),
            Auth::Bearer(token) => {
                bearer::apply(token, req);
                Ok(())
            }
            Auth::ApiKey {
                name,
                value,
                location,
            } => api_key::apply(name, value, *location, req),
            Auth::Basic { username, password } => {
                basic::apply(username, password, req);
                Ok(())
            }
            Auth::OAuth2(o) => {
                let token = o.token(http).await?;
                bearer::apply(&token, req);
                Ok(())
            }
        }
    }

    /// After a 401: true when a fresh credential may fix it (an OAuth2 token is refreshed once).
    pub fn refresh_after_unauthorized(&self) -> bool {
        match self {
            Auth::OAuth2(o) => o.invalidate(),
            _ => false,
        }
    }

    /// The secret values in use, so errors and traces can be scrubbed of them.
    pub fn secret_values(&self) -> Vec<String> {
        match self {
            Auth::None => vec![],
            Auth::Bearer(t) => vec![t.expose().to_string()],
            Auth::ApiKey { value, .. } => vec![value.expose().to_string()],
            Auth::Basic { username, password } => {
                vec![username.expose().to_string(), password.expose().to_string()]
            }
            Auth::OAuth2(o) => o.secret_values(),
        }
    }
}
