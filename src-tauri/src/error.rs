//! The one error type commands return. Its JSON shape is a contract with
//! `ui/src/host/types.ts`, fixed by the tests below.

use serde::{Deserialize, Serialize};

/// The small set of codes the UI branches on; everything else is `Internal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    NotFound,
    Auth,
    Network,
    Cancelled,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    /// One sentence for the user, secrets already redacted.
    pub message: String,
    /// Structured extras (e.g. the list of config problems); `null` when there are none.
    #[serde(default)]
    pub details: serde_json::Value,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            details: serde_json::Value::Null,
        }
    }

    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_shape_is_fixed() {
        let err = IpcError::new(ErrorCode::Validation, "2 problems in the config")
            .with_details(json!([{ "path": "resources[0].endpoint", "message": "missing path" }]));
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            json!({
                "code": "validation",
                "message": "2 problems in the config",
                "details": [{ "path": "resources[0].endpoint", "message": "missing path" }],
            })
        );
        assert_eq!(
            serde_json::to_value(IpcError::internal("boom")).unwrap(),
            json!({ "code": "internal", "message": "boom", "details": null })
        );
    }

    #[test]
    fn codes_are_snake_case() {
        let codes = [
            (ErrorCode::Validation, "validation"),
            (ErrorCode::NotFound, "not_found"),
            (ErrorCode::Auth, "auth"),
            (ErrorCode::Network, "network"),
            (ErrorCode::Cancelled, "cancelled"),
            (ErrorCode::Internal, "internal"),
        ];
        for (code, wire) in codes {
            assert_eq!(serde_json::to_value(code).unwrap(), json!(wire));
            assert_eq!(
                serde_json::from_value::<ErrorCode>(json!(wire)).unwrap(),
                code
            );
        }
    }

    #[test]
    fn round_trips_and_defaults_details() {
        let parsed: IpcError =
            serde_json::from_value(json!({ "code": "not_found", "message": "no source x" }))
                .unwrap();
        assert_eq!(parsed, IpcError::new(ErrorCode::NotFound, "no source x"));
        assert_eq!(parsed.to_string(), "no source x");
    }
}
