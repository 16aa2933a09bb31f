//! Pipewright engine: parses, validates, plans, runs and loads dlt `rest_api` sources.
//!
//! It knows nothing of Tauri or the UI; the desktop app, the CLI and the tests all call it.

pub mod config;
pub mod error;
pub mod jq;
pub mod plan;

pub use error::{Error, Result};
