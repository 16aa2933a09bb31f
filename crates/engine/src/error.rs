//! The engine's error type.

use thiserror::Error;

/// Result alias for engine calls.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the engine, by kind. Messages never contain secret values.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The document is not well-formed JSON/YAML.
    #[error("{format} syntax error at line {line}, column {column}: {message}")]
    Syntax {
        /// JSON or YAML.
        format: &'static str,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The configuration is invalid; `validate` gives the full list.
    #[error("{path}: {message}")]
    Invalid {
        /// Where, in dlt's path notation.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The API answered with an error status (after retries where they apply).
    #[error("{}HTTP {status} from {url}: {message}", resource_prefix(.resource))]
    Http {
        /// The resource whose request failed, once known (the HTTP client does not know it).
        resource: Option<String>,
        /// Status code.
        status: u16,
        /// The URL, secrets redacted.
        url: String,
        /// What to do, and a short excerpt of the body.
        message: String,
    },
    /// The API could not be reached, or the connection failed (after retries).
    #[error("{}network error for {url}: {message}", resource_prefix(.resource))]
    Network {
        /// The resource whose request failed, once known.
        resource: Option<String>,
        /// The URL, secrets redacted.
        url: String,
        /// The cause.
        message: String,
    },
    /// Credentials could not be built or were refused.
    #[error("auth: {0}")]
    Auth(String),
    /// A response could not be read as the config says (not JSON, bad total, ...).
    #[error("{resource}: {message}")]
    Extract {
        /// The resource.
        resource: String,
        /// What went wrong, with the redacted URL.
        message: String,
    },
    /// Normalising or writing to the database failed; the load was rolled back.
    #[error("load: {0}")]
    Load(String),
    /// The run was cancelled.
    #[error("cancelled")]
    Cancelled,
    /// A bug or an unexpected state.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// True when the user cancelled.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, Error::Cancelled)
    }

    /// True for configuration problems (as opposed to I/O or syntax).
    pub fn is_invalid_config(&self) -> bool {
        matches!(self, Error::Invalid { .. })
    }

    /// Names the resource an HTTP or network error happened in (other kinds already name it or
    /// are not about one), so a message says which resource and which URL.
    pub fn in_resource(mut self, name: &str) -> Error {
        if let Error::Http { resource, .. } | Error::Network { resource, .. } = &mut self {
            resource.get_or_insert_with(|| name.to_string());
        }
        self
    }
}

/// `"<resource>: "` in front of HTTP and network errors, as `Extract` errors start.
fn resource_prefix(resource: &Option<String>) -> String {
    resource
        .as_deref()
        .map(|r| format!("{r}: "))
        .unwrap_or_default()
}
