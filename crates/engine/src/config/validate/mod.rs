//! Validation: every problem of a source document, each with a dlt-style path and a message that
//! says what is wrong and what is allowed. Shape problems come from the JSON Schema of the model;
//! build-time problems (dlt-behaviour §1.13) from the semantic pass.

mod mask;
mod path;
mod semantic;
mod shape;
mod suggest;

use serde::Serialize;
use serde_json::Value;

pub use mask::{is_sensitive_key, mask_value};
pub use path::{Path, Seg};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The source cannot run.
    Error,
    /// The source runs, but something deserves attention.
    Warning,
}

/// One problem found in a source document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Problem {
    /// Where, e.g. `resources[2].endpoint.paginator.type`; `<root>` for the document itself.
    pub path: String,
    /// What is wrong and what is allowed. Never contains a secret value.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "{}: {}", self.path, self.message),
            Severity::Warning => write!(f, "{}: warning: {}", self.path, self.message),
        }
    }
}

/// Every problem of a document: shape errors first (in document order), then build-time errors.
pub fn validate(doc: &Value) -> Vec<Problem> {
    let mut problems = shape::check(doc);
    problems.extend(semantic::check(doc));
    problems.extend(crate::secrets::literal_warnings(doc));
    problems
}

/// True when none of the problems is an error.
pub fn is_valid(problems: &[Problem]) -> bool {
    problems.iter().all(|p| p.severity != Severity::Error)
}

fn error(path: &Path, message: impl Into<String>) -> Problem {
    Problem {
        path: path.to_string(),
        message: message.into(),
        severity: Severity::Error,
    }
}
