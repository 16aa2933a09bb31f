//! Pipewright engine: parses, validates, plans, runs and loads dlt `rest_api` sources.
//!
//! It knows nothing of Tauri or the UI; the desktop app, the CLI and the tests all call it.

pub mod auth;
pub mod config;
pub mod error;
pub mod export;
pub mod http;
pub mod import;
pub mod incremental;
pub mod jq;
pub mod load;
pub mod normalize;
pub mod paginate;
pub mod plan;
pub mod run;
pub mod secrets;
pub mod select;

pub use error::{Error, Result};
