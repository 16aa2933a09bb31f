//! Pipewright's desktop shell. Commands stay thin: each one calls the engine and maps its
//! errors to [`IpcError`]; no pipeline logic lives here.

mod commands;
pub mod error;
mod logging;

#[cfg(test)]
mod bindings;

use tauri::Manager;
use tauri_plugin_store::StoreExt;

use commands::runs::RunRegistry;
use commands::secrets::Keychain;
use commands::sources::{startup_path, Settings, OPEN_ENV, SETTINGS_FILE};
pub use error::{ErrorCode, IpcError};

/// Builds and runs the app; returns when the last window closes.
pub fn run() {
    logging::init();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(RunRegistry::default())
        .manage(commands::preview::PreviewRegistry::default())
        .manage(Keychain::from_env())
        .setup(|app| {
            if let Ok(dir) = app.path().app_log_dir() {
                logging::attach_file(&dir);
            }
            let settings = Settings::new(app.store(SETTINGS_FILE)?);
            open_at_start(&settings);
            app.manage(settings);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::sources::list_recent,
            commands::sources::open_source,
            commands::sources::save_source,
            commands::sources::read_text_file,
            commands::sources::validate,
            commands::sources::schema,
            commands::preview::preview,
            commands::preview::cancel_preview,
            commands::runs::start_run,
            commands::runs::wait_run,
            commands::runs::cancel_run,
            commands::data::list_loads,
            commands::data::list_tables,
            commands::data::page_rows,
            commands::data::query,
            commands::data::incremental_state,
            commands::data::reset_incremental,
            commands::secrets::list_secrets,
            commands::secrets::set_secret,
            commands::secrets::delete_secret,
            commands::export::export_source,
            commands::export::export_plan,
            commands::export::import_source,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        tracing::error!(error = %err, "pipewright failed to start");
        std::process::exit(1);
    }
}

/// A source given at start-up (`$PIPEWRIGHT_OPEN` or the first argument) heads the recent list,
/// where the UI looks first. One that cannot be opened is logged, not fatal.
fn open_at_start(settings: &Settings) {
    let args = std::env::args().skip(1);
    let Some(path) = startup_path(std::env::var(OPEN_ENV).ok(), args) else {
        return;
    };
    match settings.open_at_start(&path) {
        Ok(file) => tracing::info!(path = %file.path, "opened at start-up"),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "cannot open the start-up source")
        }
    }
}
