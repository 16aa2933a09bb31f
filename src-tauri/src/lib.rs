//! Pipewright's desktop shell. Commands stay thin: each one calls the engine and maps its
//! errors to [`IpcError`]; no pipeline logic lives here.

mod commands;
pub mod error;
mod logging;

pub use error::{ErrorCode, IpcError};

/// Builds and runs the app; returns when the last window closes.
pub fn run() {
    logging::init();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::default().build())
        .invoke_handler(tauri::generate_handler![commands::app::app_info])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        tracing::error!(error = %err, "pipewright failed to start");
        std::process::exit(1);
    }
}
