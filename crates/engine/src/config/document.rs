//! A source document as the user wrote it: JSON or YAML, key order and short forms kept.

use std::path::Path;

use serde_json::Value;

use super::RestApiConfig;
use crate::error::{Error, Result};

/// The text format of a source document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

impl Format {
    /// The format a file name implies: `.yaml`/`.yml` are YAML, everything else JSON.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml") => Format::Yaml,
            _ => Format::Json,
        }
    }
}

/// A parsed source document. The value is the source of truth: saving writes it back unchanged,
/// and the typed model is derived from it on demand.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The document tree, with object keys in the order they were written.
    pub value: Value,
    /// The format it was read from and is written back in.
    pub format: Format,
}

impl Document {
    /// Parses text in the given format. Syntax errors carry line and column.
    pub fn parse(text: &str, format: Format) -> Result<Document> {
        let value = match format {
            Format::Json => serde_json::from_str::<Value>(text).map_err(|e| Error::Syntax {
                format: "JSON",
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })?,
            Format::Yaml => serde_yaml_ng::from_str::<Value>(text).map_err(|e| {
                let (line, column) = e
                    .location()
                    .map(|l| (l.line(), l.column()))
                    .unwrap_or((0, 0));
                Error::Syntax {
                    format: "YAML",
                    line,
                    column,
                    message: e.to_string(),
                }
            })?,
        };
        Ok(Document { value, format })
    }

    /// Reads and parses a file; the extension decides the format.
    pub fn read(path: &Path) -> Result<Document> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Document::parse(&text, Format::from_path(path))
    }

    /// Writes the document back in its own format.
    pub fn to_text(&self) -> Result<String> {
        match self.format {
            Format::Json => serde_json::to_string_pretty(&self.value)
                .map(|mut s| {
                    s.push('\n');
                    s
                })
                .map_err(|e| Error::Internal(e.to_string())),
            Format::Yaml => {
                serde_yaml_ng::to_string(&self.value).map_err(|e| Error::Internal(e.to_string()))
            }
        }
    }

    /// The typed view. Call `validate` first for a full list of problems; this reports only the
    /// first one it meets.
    pub fn config(&self) -> Result<RestApiConfig> {
        serde_path_to_error::deserialize(&self.value).map_err(|e| Error::Invalid {
            path: e.path().to_string(),
            message: e.inner().to_string(),
        })
    }
}
