//! Runs: `start_run` spawns a run on the async runtime and streams its `RunEvent`s over a
//! channel; `wait_run` resolves with its `RunSummary` (or rejects with its error, `cancelled`
//! included); `cancel_run` trips its cancellation token. The registry keeps each run until its
//! outcome is collected, so `wait_run` may come before or after the run ends.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use pipewright_engine::config::Document;
use pipewright_engine::http::retry::HttpSettings;
use pipewright_engine::run::events::{Events, RunEvent};
use pipewright_engine::run::pipeline::{run as engine_run, RunOptions, RunSummary};
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::State;
use tokio::sync::oneshot;
use tokio_util::sync::CancellationToken;

use super::secrets::Keychain;
use super::sources::source_name;
use crate::error::IpcError;

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RunRequest {
    pub source_path: String,
    /// SQLite file; default `<source dir>/<source name>.sqlite`.
    pub db: Option<String>,
    /// Only these resources (and the parents they need); empty: all.
    pub resources: Vec<String>,
    pub full_refresh: bool,
}

type Outcome = Result<RunSummary, IpcError>;

struct RunEntry {
    cancel: CancellationToken,
    /// Taken by the one `wait_run` that collects the outcome.
    done: Option<oneshot::Receiver<Outcome>>,
}

/// Managed state: the runs going on (and finished ones whose outcome nobody collected yet).
#[derive(Default)]
pub struct RunRegistry {
    next: AtomicU64,
    runs: Mutex<HashMap<String, RunEntry>>,
}

/// The database a run loads into: the request's, else `<source dir>/<source name>.sqlite`.
pub fn db_path(source: &Path, db: Option<&str>) -> PathBuf {
    match db.filter(|d| !d.trim().is_empty()) {
        Some(d) => PathBuf::from(d),
        None => source.with_file_name(format!("{}.sqlite", source_name(source))),
    }
}

fn unknown_run(run_id: &str) -> IpcError {
    IpcError::not_found(format!(
        "no run {run_id} (finished and collected, or never started)"
    ))
}

impl RunRegistry {
    /// Reads the source and starts the run; `on_event` gets every event, in order, before the
    /// outcome is available. Errors reading the source come back here, not from `wait`.
    pub fn start(
        &self,
        request: RunRequest,
        keychain: &Keychain,
        settings: HttpSettings,
        on_event: impl Fn(RunEvent) + Send + 'static,
    ) -> Result<String, IpcError> {
        let source = PathBuf::from(&request.source_path);
        let doc = Document::read(&source)?;
        let name = source_name(&source);
        let mut options = RunOptions::new(db_path(&source, request.db.as_deref()), &name);
        options.only = request.resources;
        options.full_refresh = request.full_refresh;
        let stores = keychain.stores(&name, Some(&source));

        let run_id = format!("run-{}", self.next.fetch_add(1, Ordering::Relaxed) + 1);
        let cancel = CancellationToken::new();
        let (done_tx, done_rx) = oneshot::channel();
        self.runs
            .lock()
            .map_err(|_| IpcError::internal("the run registry is poisoned"))?
            .insert(
                run_id.clone(),
                RunEntry {
                    cancel: cancel.clone(),
                    done: Some(done_rx),
                },
            );
        let db = options.db.display().to_string();
        tracing::info!(run_id, source = %source.display(), db, "run started");
        let id = run_id.clone();
        // The engine's run future is not `Send` (a higher-ranked closure inside the executor), so
        // it is driven by `block_on` on a blocking thread; the tasks it spawns run on the
        // runtime's workers as usual.
        tauri::async_runtime::spawn_blocking(move || {
            let outcome = tauri::async_runtime::block_on(async move {
                let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
                let forward = tauri::async_runtime::spawn(async move {
                    while let Some(event) = rx.recv().await {
                        on_event(event);
                    }
                });
                let result = engine_run(
                    &doc.value,
                    &name,
                    &options,
                    &stores,
                    settings,
                    Events::to(tx),
                    cancel,
                )
                .await;
                // The events sender went with the run: the forwarder drains what is left.
                let _ = forward.await;
                result.map_err(|e| IpcError::from_engine(&e, &stores.resolved_values()))
            });
            match &outcome {
                Ok(s) => tracing::info!(
                    run_id = id,
                    load_id = ?s.load_id,
                    rows = s.total_rows(),
                    elapsed_ms = s.elapsed_ms,
                    "run finished"
                ),
                Err(e) => {
                    tracing::warn!(run_id = id, code = ?e.code, error = %e.message, "run failed")
                }
            }
            let _ = done_tx.send(outcome);
        });
        Ok(run_id)
    }

    /// The run's outcome, once it ends. Only one caller collects it; the run is then forgotten.
    pub async fn wait(&self, run_id: &str) -> Outcome {
        let done = self
            .runs
            .lock()
            .map_err(|_| IpcError::internal("the run registry is poisoned"))?
            .get_mut(run_id)
            .and_then(|e| e.done.take())
            .ok_or_else(|| unknown_run(run_id))?;
        let outcome = done
            .await
            .unwrap_or_else(|_| Err(IpcError::internal("the run task ended without an outcome")));
        if let Ok(mut runs) = self.runs.lock() {
            runs.remove(run_id);
        }
        outcome
    }

    /// Asks a run to stop; its `wait` then rejects with `cancelled` and nothing of it is kept.
    pub fn cancel(&self, run_id: &str) -> Result<(), IpcError> {
        let runs = self
            .runs
            .lock()
            .map_err(|_| IpcError::internal("the run registry is poisoned"))?;
        let entry = runs.get(run_id).ok_or_else(|| unknown_run(run_id))?;
        tracing::info!(run_id, "run cancel requested");
        entry.cancel.cancel();
        Ok(())
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn start_run(
    request: RunRequest,
    on_event: Channel<RunEvent>,
    runs: State<'_, RunRegistry>,
    keychain: State<'_, Keychain>,
) -> Result<String, IpcError> {
    runs.start(request, &keychain, HttpSettings::from_env(), move |e| {
        // A closed window is not the run's problem.
        let _ = on_event.send(e);
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn wait_run(
    run_id: String,
    runs: State<'_, RunRegistry>,
) -> Result<RunSummary, IpcError> {
    runs.wait(&run_id).await
}

#[tauri::command(rename_all = "snake_case")]
pub fn cancel_run(run_id: String, runs: State<'_, RunRegistry>) -> Result<(), IpcError> {
    runs.cancel(&run_id)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex as StdMutex};

    use super::*;
    use pipewright_engine::secrets::{MemoryStore, Sensitive};
    use pipewright_tests::support::{MockApi, MockOptions};
    use serde_json::json;

    fn source(dir: &Path, base_url: &str, path: &str) -> PathBuf {
        let file = dir.join("demo.json");
        let doc = json!({
            "client": {"base_url": base_url, "auth": {"type": "bearer", "token": "{secrets.demo_token}"}},
            "resources": [
                {"name": "posts", "primary_key": "id", "write_disposition": "merge",
                 "endpoint": {"path": path, "data_selector": "data", "params": {"per_page": 10},
                    "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}}},
            ],
        });
        std::fs::write(&file, doc.to_string()).unwrap();
        file
    }

    fn keychain() -> Keychain {
        let k = Keychain::new(Box::new(MemoryStore::default()));
        k.store()
            .set(
                "demo",
                "demo_token",
                &Sensitive::new("test-token".to_string()),
            )
            .unwrap();
        k
    }

    fn request(path: &Path) -> RunRequest {
        RunRequest {
            source_path: path.display().to_string(),
            db: None,
            resources: Vec::new(),
            full_refresh: false,
        }
    }

    #[tokio::test]
    async fn a_run_streams_events_then_resolves_with_its_summary() {
        let api = MockApi::start(MockOptions {
            posts: 45,
            ..MockOptions::default()
        })
        .await;
        let dir = tempfile::tempdir().unwrap();
        let src = source(dir.path(), api.base_url(), "auth/bearer/posts");
        let registry = RunRegistry::default();
        let events = Arc::new(StdMutex::new(Vec::new()));
        let sink = events.clone();
        let id = registry
            .start(
                request(&src),
                &keychain(),
                HttpSettings::default(),
                move |e| sink.lock().unwrap().push(e),
            )
            .unwrap();
        let summary = registry.wait(&id).await.unwrap();
        assert_eq!(summary.pipeline, "demo");
        assert_eq!(summary.rows["posts"], 45);
        assert!(summary.load_id.is_some());
        let events = events.lock().unwrap().clone();
        assert!(
            matches!(&events[0], RunEvent::RunStarted { resources, .. } if resources == &["posts"]),
            "{:?}",
            events[0]
        );
        assert!(
            matches!(&events[1], RunEvent::ResourceStarted { resource } if resource == "posts")
        );
        let count = |f: fn(&RunEvent) -> bool| events.iter().filter(|e| f(e)).count();
        assert_eq!(
            count(|e| matches!(e, RunEvent::Page { .. })),
            5,
            "{events:?}"
        );
        assert_eq!(count(|e| matches!(e, RunEvent::RequestSent { .. })), 5);
        assert_eq!(
            count(|e| matches!(e, RunEvent::RequestAnswered { status: 200, .. })),
            5
        );
        assert!(
            matches!(
                &events[events.len() - 2],
                RunEvent::ResourceFinished { resource, rows, pages: 5, requests: 5 }
                    if resource == "posts" && rows["posts"] == 45
            ),
            "{:?}",
            events[events.len() - 2]
        );
        assert!(matches!(
            events.last(),
            Some(RunEvent::RunFinished { summary }) if summary.rows["posts"] == 45
        ));
        let wire = serde_json::to_string(&events).unwrap();
        assert!(!wire.contains("test-token"));
        assert!(dir.path().join("demo.sqlite").is_file());
        // Collected: the run is forgotten.
        assert_eq!(
            registry.wait(&id).await.unwrap_err().code,
            crate::ErrorCode::NotFound
        );
        api.stop().await;
    }

    #[tokio::test]
    async fn cancelling_rejects_with_cancelled_and_keeps_nothing() {
        let api = MockApi::start(MockOptions {
            posts: 100_000,
            ..MockOptions::default()
        })
        .await;
        let dir = tempfile::tempdir().unwrap();
        let src = source(dir.path(), api.base_url(), "auth/bearer/posts");
        let registry = RunRegistry::default();
        let (seen_tx, mut seen_rx) = tokio::sync::mpsc::unbounded_channel();
        let id = registry
            .start(
                request(&src),
                &keychain(),
                HttpSettings::default(),
                move |e| {
                    let _ = seen_tx.send(e);
                },
            )
            .unwrap();
        // Cancel once pages are flowing.
        while let Some(e) = seen_rx.recv().await {
            if matches!(e, RunEvent::Page { .. }) {
                break;
            }
        }
        registry.cancel(&id).unwrap();
        let err = registry.wait(&id).await.unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Cancelled, "{err:?}");
        let mut last = None;
        while let Ok(e) = seen_rx.try_recv() {
            last = Some(e);
        }
        assert!(
            matches!(
                last,
                Some(RunEvent::RunFailed {
                    cancelled: true,
                    ..
                })
            ),
            "{last:?}"
        );
        let tables = crate::commands::data::read_tables(&dir.path().join("demo.sqlite")).unwrap();
        assert!(tables.iter().all(|t| t.name != "posts"), "{tables:?}");
        assert_eq!(
            registry.cancel(&id).unwrap_err().code,
            crate::ErrorCode::NotFound
        );
        api.stop().await;
    }

    #[tokio::test]
    async fn failures_come_back_as_ipc_errors() {
        let api = MockApi::start(MockOptions::default()).await;
        let dir = tempfile::tempdir().unwrap();
        let registry = RunRegistry::default();
        let missing = registry
            .start(
                request(&dir.path().join("none.json")),
                &keychain(),
                HttpSettings::default(),
                |_| {},
            )
            .unwrap_err();
        assert_eq!(missing.code, crate::ErrorCode::NotFound);

        // Wrong token: the API says 401.
        let src = source(dir.path(), api.base_url(), "auth/bearer/posts");
        let wrong = Keychain::new(Box::new(MemoryStore::default()));
        wrong
            .store()
            .set(
                "demo",
                "demo_token",
                &Sensitive::new("wrong-token".to_string()),
            )
            .unwrap();
        let id = registry
            .start(request(&src), &wrong, HttpSettings::default(), |_| {})
            .unwrap();
        let err = registry.wait(&id).await.unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Auth, "{err:?}");
        assert!(!err.message.contains("wrong-token"), "{}", err.message);
        api.stop().await;
    }

    #[test]
    fn default_db_sits_beside_the_source() {
        assert_eq!(
            db_path(Path::new("/a/b/shop.yaml"), None),
            PathBuf::from("/a/b/shop.sqlite")
        );
        assert_eq!(
            db_path(Path::new("/a/b/shop.yaml"), Some("/tmp/x.db")),
            PathBuf::from("/tmp/x.db")
        );
    }
}
