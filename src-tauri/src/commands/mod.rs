//! One module per area (app, sources, preview, runs, data, secrets, export). Each
//! `#[tauri::command]` is a few lines over a plain function of the same module, which tests call
//! without a Tauri runtime. Argument names are the wire's snake_case (`rename_all = "snake_case"`).

pub mod app;
pub mod data;
pub mod export;
pub mod preview;
pub mod runs;
pub mod secrets;
pub mod sources;

use crate::error::IpcError;

/// Runs blocking work (files, SQLite, the keychain) off the async runtime's workers and off the
/// main thread, which draws the window.
pub(crate) async fn blocking<T, F>(work: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, IpcError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| IpcError::internal(format!("background task failed: {e}")))?
}
