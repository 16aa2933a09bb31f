//! The one error type commands return. Its JSON shape is a contract with
//! `ui/src/host/types.ts`, fixed by the tests below.

use pipewright_engine::export::ExportError;
use pipewright_engine::http::redact::scrub;
use pipewright_engine::import::ImportError;
use pipewright_engine::load::LoadError;
use pipewright_engine::Error as EngineError;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The small set of codes the UI branches on; everything else is `Internal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(rename = "IpcErrorCode"))]
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
#[cfg_attr(test, derive(ts_rs::TS))]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    /// One sentence for the user, secrets already redacted.
    pub message: String,
    /// Structured extras (e.g. the list of config problems); `null` when there are none.
    #[serde(default)]
    #[cfg_attr(test, ts(type = "unknown"))]
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

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Validation, message)
    }

    /// An engine error, with every resolved secret value scrubbed from its message (the engine
    /// already redacts URLs and headers; an API may still echo a key back in a body excerpt).
    pub fn from_engine(err: &EngineError, secrets: &[String]) -> Self {
        let message = scrub(&err.to_string(), secrets);
        let (code, details) = match err {
            EngineError::Io { source, path } => {
                let code = if source.kind() == std::io::ErrorKind::NotFound {
                    ErrorCode::NotFound
                } else {
                    ErrorCode::Internal
                };
                (code, json!({ "path": path }))
            }
            EngineError::Syntax {
                format,
                line,
                column,
                ..
            } => (
                ErrorCode::Validation,
                json!({ "format": format, "line": line, "column": column }),
            ),
            EngineError::Invalid { path, message } => (
                ErrorCode::Validation,
                json!([{ "path": path, "message": scrub(message, secrets), "severity": "error" }]),
            ),
            EngineError::Http {
                status: status @ (401 | 403),
                url,
                ..
            } => (ErrorCode::Auth, json!({ "status": status, "url": url })),
            EngineError::Http { status, url, .. } => {
                (ErrorCode::Network, json!({ "status": status, "url": url }))
            }
            EngineError::Network { url, .. } => (ErrorCode::Network, json!({ "url": url })),
            EngineError::Auth(_) => (ErrorCode::Auth, serde_json::Value::Null),
            // The API answered with something the config cannot read: about the API's answer.
            EngineError::Extract { resource, .. } => {
                (ErrorCode::Network, json!({ "resource": resource }))
            }
            EngineError::Cancelled => (ErrorCode::Cancelled, serde_json::Value::Null),
            _ => (ErrorCode::Internal, serde_json::Value::Null),
        };
        IpcError::new(code, message).with_details(details)
    }
}

impl From<EngineError> for IpcError {
    fn from(err: EngineError) -> Self {
        IpcError::from_engine(&err, &[])
    }
}

impl From<LoadError> for IpcError {
    fn from(err: LoadError) -> Self {
        IpcError::internal(err.to_string())
    }
}

impl From<ExportError> for IpcError {
    fn from(err: ExportError) -> Self {
        let message = err.to_string();
        match err {
            ExportError::Invalid(problems) => {
                IpcError::validation(message).with_details(json!(problems))
            }
            ExportError::LiteralSecrets(leaks) => {
                IpcError::validation(message).with_details(json!(leaks
                    .iter()
                    .map(
                        |l| json!({ "path": l.path, "message": l.to_string(), "severity": "error" })
                    )
                    .collect::<Vec<_>>()))
            }
            ExportError::Unsupported(items) => {
                IpcError::validation(message).with_details(json!(items))
            }
            ExportError::Io { path, source } if source.kind() == std::io::ErrorKind::NotFound => {
                IpcError::not_found(message).with_details(json!({ "path": path }))
            }
            _ => IpcError::internal(message),
        }
    }
}

impl From<ImportError> for IpcError {
    fn from(err: ImportError) -> Self {
        let message = err.to_string();
        let details = match &err {
            ImportError::Syntax { what, line, .. } => json!({ "format": what, "line": line }),
            ImportError::NotImportable(parts) => json!(parts),
            _ => serde_json::Value::Null,
        };
        IpcError::validation(message).with_details(details)
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
    fn engine_errors_map_to_codes_and_scrub_secrets() {
        let missing = std::fs::read("/definitely/not/here").unwrap_err();
        let cases = [
            (
                EngineError::Io {
                    path: "/x.json".into(),
                    source: missing,
                },
                ErrorCode::NotFound,
            ),
            (
                EngineError::Invalid {
                    path: "resources[0]".into(),
                    message: "bad".into(),
                },
                ErrorCode::Validation,
            ),
            (
                EngineError::Http {
                    resource: None,
                    status: 401,
                    url: "http://h/x".into(),
                    message: "no".into(),
                },
                ErrorCode::Auth,
            ),
            (
                EngineError::Http {
                    resource: Some("posts".into()),
                    status: 500,
                    url: "http://h/x".into(),
                    message: "boom".into(),
                },
                ErrorCode::Network,
            ),
            (EngineError::Auth("missing".into()), ErrorCode::Auth),
            (EngineError::Cancelled, ErrorCode::Cancelled),
            (EngineError::Load("disk".into()), ErrorCode::Internal),
        ];
        for (err, code) in cases {
            assert_eq!(IpcError::from(err).code, code);
        }
        let echoed = EngineError::Network {
            resource: None,
            url: "http://h/x".into(),
            message: "server said: token s3cr3t-value is wrong".into(),
        };
        let ipc = IpcError::from_engine(&echoed, &["s3cr3t-value".to_string()]);
        assert!(!ipc.message.contains("s3cr3t"), "{}", ipc.message);
        assert!(ipc.message.contains("***"), "{}", ipc.message);
        let invalid = IpcError::from(EngineError::Invalid {
            path: "client".into(),
            message: "missing base_url".into(),
        });
        assert_eq!(
            invalid.details,
            json!([{ "path": "client", "message": "missing base_url", "severity": "error" }])
        );
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
