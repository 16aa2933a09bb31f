//! What an import guessed per resource, with a confidence, so that a user can pick the endpoints
//! worth keeping from a long OpenAPI description and know which guesses to check first.

use serde::Serialize;

/// How sure a guess is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Several independent signals agree (a page parameter and a page count field).
    High,
    /// One signal, or a name that only looks right (`userId` for a `users` parent).
    Medium,
    /// A fallback: nothing pointed at it, so the run-time default or a first pick applies.
    Low,
}

/// One guessed setting: what, how sure, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Guessed {
    /// The value in config terms: `page_number`, `data`, `id`, a parent resource name.
    pub value: String,
    /// How sure.
    pub confidence: Confidence,
    /// The evidence, in words.
    pub evidence: String,
}

impl Guessed {
    /// A guess.
    pub fn new(
        value: impl Into<String>,
        confidence: Confidence,
        evidence: impl Into<String>,
    ) -> Self {
        Guessed {
            value: value.into(),
            confidence,
            evidence: evidence.into(),
        }
    }
}

/// The guesses for one imported resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EndpointGuess {
    /// The resource's name in the imported document.
    pub resource: String,
    /// Where it came from, e.g. `GET /posts/{id}/comments`.
    pub operation: String,
    /// The paginator type (`auto` when none was guessed).
    pub paginator: Guessed,
    /// The data selector.
    pub data_selector: Guessed,
    /// The primary key, when one was guessed.
    pub primary_key: Option<Guessed>,
    /// The parent resource whose records fill the path, for a child.
    pub parent: Option<Guessed>,
}

/// The paginator type of a paginator config (`"header_link"` or `{"type": ...}`).
pub fn paginator_type(p: &serde_json::Value) -> String {
    match p {
        serde_json::Value::String(s) => s.clone(),
        other => other
            .get("type")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("auto")
            .to_string(),
    }
}
