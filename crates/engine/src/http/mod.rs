//! HTTP: requests as dlt builds them, one shared client, retries, response actions, redaction.

pub mod actions;
pub mod client;
pub mod json;
pub mod observe;
pub mod redact;
pub mod request;
pub mod retry;
