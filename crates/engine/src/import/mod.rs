//! Import: a source document from a dlt config (JSON, YAML, or the dict literal in a pipeline
//! script), a curl command, or an OpenAPI 3 description. Every import ends in `validate` and
//! reports what it guessed.

pub mod curl;
pub mod endpoints;
pub mod openapi;
pub mod paging;
pub mod pyparse;
pub mod pyscript;
pub mod pytoken;
pub mod shell;

use serde::Serialize;
use serde_json::Value;

use crate::config::validate::{validate, Problem};
use crate::config::{Document, Format};
pub use endpoints::{Confidence, EndpointGuess, Guessed};

/// Where an import reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFrom {
    /// Decide from the file name and the text.
    Auto,
    /// A dlt config as JSON.
    Json,
    /// A dlt config as YAML.
    Yaml,
    /// A dlt pipeline script with the config as a dict literal.
    Python,
    /// A curl command line.
    Curl,
    /// An OpenAPI 3 description (JSON or YAML).
    Openapi,
}

/// Something the import decided without being told, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Guess {
    /// Where in the new source (`<root>` for the whole).
    pub path: String,
    /// What was decided, with the evidence.
    pub message: String,
}

impl Guess {
    /// A guess at `path` (empty: the root).
    pub fn new(path: &str, message: impl Into<String>) -> Guess {
        Guess {
            path: if path.is_empty() {
                "<root>".into()
            } else {
                path.to_string()
            },
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Guess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A part of a Python config that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotImportable {
    /// Where, in the config.
    pub path: String,
    /// The Python text.
    pub expr: String,
    /// Why, and what Pipewright takes instead.
    pub reason: String,
}

impl std::fmt::Display for NotImportable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: `{}`: {}", self.path, self.expr, self.reason)
    }
}

/// An imported source: the document, what was guessed, and what `validate` says about it.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    /// What it was read as.
    pub from: ImportFrom,
    /// The source document.
    pub value: Value,
    /// Decisions made along the way.
    pub guesses: Vec<Guess>,
    /// Per resource: the guessed paginator, selector, primary key and parent with their
    /// confidence (OpenAPI imports; empty for the others).
    pub endpoints: Vec<EndpointGuess>,
    /// `validate`'s problems (errors and warnings).
    pub problems: Vec<Problem>,
}

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The text is not valid in its format.
    #[error("{what} syntax error at line {line}: {message}")]
    Syntax {
        /// JSON, YAML, Python, shell.
        what: &'static str,
        /// 1-based line (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A Python config holds callables or expressions.
    #[error("{} part(s) of the Python config cannot be imported:\n{}", .0.len(), .0.iter().map(|n| format!("  {n}")).collect::<Vec<_>>().join("\n"))]
    NotImportable(Vec<NotImportable>),
    /// No config was found in the input.
    #[error("{0}")]
    NoConfig(String),
    /// The input asks for something a source cannot express.
    #[error("{0}")]
    Unsupported(String),
}

/// Imports `text`; `file_name` (when there is one) helps `Auto` decide.
pub fn import(
    text: &str,
    from: ImportFrom,
    file_name: Option<&str>,
) -> Result<Imported, ImportError> {
    let from = match from {
        ImportFrom::Auto => detect(text, file_name),
        other => other,
    };
    let mut endpoints = Vec::new();
    let (value, guesses) = match from {
        ImportFrom::Json | ImportFrom::Auto => (parse_doc(text, Format::Json)?, vec![]),
        ImportFrom::Yaml => (parse_doc(text, Format::Yaml)?, vec![]),
        ImportFrom::Python => pyscript::import_python(text)?,
        ImportFrom::Curl => curl::import_curl(text)?,
        ImportFrom::Openapi => {
            let i = openapi::import_openapi_endpoints(&parse_any(text)?)?;
            endpoints = i.endpoints;
            (i.value, i.guesses)
        }
    };
    let problems = validate(&value);
    Ok(Imported {
        from,
        value,
        guesses,
        endpoints,
        problems,
    })
}

/// What the input looks like: a `.py` file or `import dlt` is Python, a text starting with `curl`
/// is a curl command, a document with a top-level `openapi` (or `swagger`) key is OpenAPI, else a
/// dlt config in the format of its extension (JSON when it starts with `{`, else YAML).
pub fn detect(text: &str, file_name: Option<&str>) -> ImportFrom {
    let ext = file_name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    let trimmed = text.trim_start();
    if ext.as_deref() == Some("py")
        || trimmed.starts_with("import ")
        || trimmed.starts_with("from ")
        || text.contains("\nimport dlt")
    {
        return ImportFrom::Python;
    }
    if trimmed.starts_with("curl ")
        || trimmed.starts_with("curl\t")
        || trimmed.starts_with("$ curl ")
    {
        return ImportFrom::Curl;
    }
    if let Ok(Value::Object(map)) = parse_any(text) {
        if map.contains_key("openapi") || map.contains_key("swagger") {
            return ImportFrom::Openapi;
        }
    }
    match ext.as_deref() {
        Some("yaml" | "yml") => ImportFrom::Yaml,
        Some("json") => ImportFrom::Json,
        _ if trimmed.starts_with('{') => ImportFrom::Json,
        _ => ImportFrom::Yaml,
    }
}

fn parse_doc(text: &str, format: Format) -> Result<Value, ImportError> {
    Document::parse(text, format)
        .map(|d| d.value)
        .map_err(|e| match e {
            crate::Error::Syntax {
                format,
                line,
                column,
                message,
            } => ImportError::Syntax {
                what: format,
                line,
                message: format!("column {column}: {message}"),
            },
            other => ImportError::Syntax {
                what: "document",
                line: 0,
                message: other.to_string(),
            },
        })
}

/// JSON or YAML, whichever parses (YAML is a superset of JSON).
fn parse_any(text: &str) -> Result<Value, ImportError> {
    let format = if text.trim_start().starts_with('{') {
        Format::Json
    } else {
        Format::Yaml
    };
    parse_doc(text, format)
}

#[cfg(test)]
mod tests;
