//! Shared test support: fixture discovery, (later) the mock API server.
pub mod support;
