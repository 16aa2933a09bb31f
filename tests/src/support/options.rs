//! Options of the mock API server: data sizes, credentials, auth and fault rules.

use super::faults::FaultSpec;

/// Credentials the auth routes accept. Every value can be changed per server.
#[derive(Debug, Clone, PartialEq)]
pub struct Credentials {
    /// `Authorization: Bearer <bearer_token>` for `/auth/bearer/*`.
    pub bearer_token: String,
    /// The API key for `/auth/api_key/{header,query,cookie}/*`.
    pub api_key: String,
    /// Header name for `/auth/api_key/header/*` (matched case-insensitively).
    pub api_key_header: String,
    /// Query parameter name for `/auth/api_key/query/*`.
    pub api_key_query: String,
    /// Cookie name for `/auth/api_key/cookie/*`.
    pub api_key_cookie: String,
    /// HTTP basic user name for `/auth/basic/*`.
    pub username: String,
    /// HTTP basic password for `/auth/basic/*`.
    pub password: String,
    /// OAuth2 client id accepted by `/oauth/token`.
    pub client_id: String,
    /// OAuth2 client secret accepted by `/oauth/token`.
    pub client_secret: String,
    /// `expires_in` (seconds) of issued tokens unless the token URL has `?expires_in=`.
    pub token_expires_in: u64,
    /// Extra form fields `/oauth/token` requires (e.g. `("scope", "read")`), beyond the standard ones.
    pub token_required_data: Vec<(String, String)>,
}

impl Default for Credentials {
    fn default() -> Self {
        Self {
            bearer_token: "test-token".into(),
            api_key: "test-api-key".into(),
            api_key_header: "X-API-Key".into(),
            api_key_query: "api_key".into(),
            api_key_cookie: "api_key".into(),
            username: "user".into(),
            password: "password".into(),
            client_id: "test-client-id".into(),
            client_secret: "test-client-secret".into(),
            token_expires_in: 3600,
            token_required_data: Vec::new(),
        }
    }
}

/// An auth scheme, used by [`MockOptions::require_auth`] to protect every data route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// `Authorization: Bearer <bearer_token>`.
    Bearer,
    /// `<api_key_header>: <api_key>`.
    ApiKeyHeader,
    /// `?<api_key_query>=<api_key>`.
    ApiKeyQuery,
    /// `Cookie: <api_key_cookie>=<api_key>`.
    ApiKeyCookie,
    /// `Authorization: Basic base64(<username>:<password>)`.
    Basic,
    /// A bearer token issued by `/oauth/token` and not yet expired.
    OAuth2,
}

/// Which requests a [`FaultRule`] applies to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultRule {
    /// HTTP method (case-insensitive); `None` matches any.
    pub method: Option<String>,
    /// Exact path (`/json_link/posts`), or a prefix when it ends with `*` (`/offset/*`).
    pub path: String,
    /// Only requests whose raw query string contains this text (e.g. `page=3`).
    pub query_contains: Option<String>,
    /// What to do. Query parameters on the request override these fields.
    pub fault: FaultSpec,
}

impl FaultRule {
    /// A rule for every method on `path` (exact, or a prefix ending in `*`).
    pub fn new(path: impl Into<String>, fault: FaultSpec) -> Self {
        Self {
            path: path.into(),
            fault,
            ..Self::default()
        }
    }

    /// Whether the rule applies to a request.
    pub fn matches(&self, method: &str, path: &str, query: &str) -> bool {
        let path_ok = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.path,
        };
        let method_ok = self
            .method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        let query_ok = self
            .query_contains
            .as_deref()
            .is_none_or(|q| query.contains(q));
        path_ok && method_ok && query_ok
    }
}

/// Options of a [`super::MockApi`]. Build with struct update syntax:
/// `MockOptions { posts: 30, ..MockOptions::default() }`.
#[derive(Debug, Clone, PartialEq)]
pub struct MockOptions {
    /// Number of posts (ids `1..=posts`). Pages are generated lazily, so millions are fine.
    pub posts: u64,
    /// Number of users (ids `1..=users`); post authors are assigned round-robin.
    pub users: u64,
    /// Default page size of every paginated route (`limit` / `per_page` override it).
    pub page_size: u64,
    /// Largest page size a request may ask for; larger values are clamped.
    pub max_page_size: u64,
    /// Port on 127.0.0.1 (0 = any free port). The server never binds another address.
    pub port: u16,
    /// Accepted credentials.
    pub credentials: Credentials,
    /// When set, every route except `/_mock/*`, `/oauth/*` and `/echo*` requires this auth.
    pub require_auth: Option<AuthScheme>,
    /// Faults applied to matching requests (first matching rule wins).
    pub faults: Vec<FaultRule>,
    /// A fault applied to every request (merged under rule and query faults), e.g. random chaos.
    pub global_fault: Option<FaultSpec>,
    /// Largest number of requests kept in the log (older ones are dropped); counters are exact.
    pub max_logged_requests: usize,
}

impl Default for MockOptions {
    fn default() -> Self {
        Self {
            posts: 250,
            users: 10,
            page_size: 10,
            max_page_size: 10_000,
            port: 0,
            credentials: Credentials::default(),
            require_auth: None,
            faults: Vec::new(),
            global_fault: None,
            max_logged_requests: 100_000,
        }
    }
}
