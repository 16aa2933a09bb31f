//! A whole run: plan, read stored state, extract and write concurrently, commit atomically.

use std::path::PathBuf;
use std::sync::mpsc as std_mpsc;
use std::time::Instant;

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;

use super::events::{Events, RunEvent};
use super::executor::{Executor, ExtractOptions, DEFAULT_PARALLELISM};
use super::writer::{spawn, Finish, WriterSetup};
use crate::error::{Error, Result};
use crate::http::client::HttpClient;
use crate::http::retry::HttpSettings;
use crate::normalize::TableHints;
use crate::plan::source::plan;
use crate::secrets::Stores;

/// Pages in flight between fetching and writing: enough to keep the network busy while SQLite
/// writes, small enough to bound memory.
const PAGES_IN_FLIGHT: usize = 8;

/// What to run and where to load it.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The SQLite file (dlt's `main` dataset on SQLite: tables land directly in it).
    pub db: PathBuf,
    /// Pipeline name; state is kept under it.
    pub pipeline: String,
    /// Only these resources (and the parents they need).
    pub only: Vec<String>,
    /// Drop the source's tables and state first.
    pub full_refresh: bool,
    /// Bound on concurrent child fetches of `parallelized` resources.
    pub parallelism: usize,
}

impl RunOptions {
    /// Options for a database and pipeline with everything else default.
    pub fn new(db: impl Into<PathBuf>, pipeline: &str) -> RunOptions {
        RunOptions {
            db: db.into(),
            pipeline: pipeline.to_string(),
            only: Vec::new(),
            full_refresh: false,
            parallelism: DEFAULT_PARALLELISM,
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RunSummary {
    /// Pipeline name.
    pub pipeline: String,
    /// The committed load, or `None` when there was nothing new to load.
    pub load_id: Option<String>,
    /// Rows written per table (child tables included).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub rows: IndexMap<String, u64>,
    /// Wall time.
    pub elapsed_ms: u64,
}

impl RunSummary {
    /// Rows across all tables.
    pub fn total_rows(&self) -> u64 {
        self.rows.values().sum()
    }
}

/// Runs a source document into a SQLite file. On failure or cancellation nothing of this run is
/// kept: the previous load and state stay as they were. Ends with `RunFinished` or `RunFailed`.
pub async fn run(
    doc: &Value,
    source_name: &str,
    options: &RunOptions,
    stores: &Stores,
    settings: HttpSettings,
    events: Events,
    cancel: CancellationToken,
) -> Result<RunSummary> {
    let result = run_inner(doc, source_name, options, stores, settings, &events, cancel).await;
    match &result {
        Ok(summary) => events.emit(RunEvent::RunFinished {
            summary: summary.clone(),
        }),
        Err(e) => events.emit(RunEvent::RunFailed {
            error: crate::http::redact::scrub(&e.to_string(), &stores.resolved_values()),
            cancelled: matches!(e, Error::Cancelled),
        }),
    }
    result
}

async fn run_inner(
    doc: &Value,
    source_name: &str,
    options: &RunOptions,
    stores: &Stores,
    settings: HttpSettings,
    events: &Events,
    cancel: CancellationToken,
) -> Result<RunSummary> {
    let started = Instant::now();
    let plan = plan(doc, source_name, stores)?;
    let http = HttpClient::new(settings)?;
    // The incremental cursor hint is left out: in dlt it has no effect on the table, and
    // declaring the column up front would change the column order dlt produces.
    let hints: Vec<TableHints> = plan
        .resources
        .iter()
        .map(|r| TableHints::from_resource(&r.resource))
        .collect();
    let (page_tx, page_rx) = mpsc::channel(PAGES_IN_FLIGHT);
    let (ready_tx, ready_rx) = oneshot::channel();
    let (finish_tx, finish_rx) = std_mpsc::channel();
    let writer = spawn(
        WriterSetup {
            db: options.db.clone(),
            pipeline: options.pipeline.clone(),
            schema: source_name.to_string(),
            hints,
            names: plan
                .resources
                .iter()
                .map(|r| r.resource.name.clone())
                .collect(),
            events: events.clone(),
            full_refresh: options.full_refresh,
        },
        ready_tx,
        page_rx,
        finish_rx,
    );
    let state = match ready_rx.await {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            let _ = writer.join();
            return Err(e);
        }
        Err(_) => return Err(join_error(writer)),
    };
    let extract = ExtractOptions {
        only: options.only.clone(),
        parallelism: options.parallelism,
        state: state.shared,
        parent_state: state.per_parent,
    };
    let outcome = {
        let exec = Executor::new(
            &plan,
            &http,
            stores,
            &extract,
            page_tx,
            events.clone(),
            cancel,
        )?;
        events.emit(RunEvent::RunStarted {
            pipeline: options.pipeline.clone(),
            resources: exec.resources(),
        });
        let result = exec.run().await;
        let finals = (exec.final_states(), exec.parent_states());
        // Dropping the executor closes the page channel, so the writer drains and waits.
        drop(exec);
        result.map(|_| finals)
    };
    let finish = match &outcome {
        Ok((finals, parents)) => Finish::Commit(finals.clone(), parents.clone()),
        Err(_) => Finish::Abort,
    };
    let _ = finish_tx.send(finish);
    let written = tokio::task::spawn_blocking(move || writer.join())
        .await
        .map_err(|e| Error::Internal(format!("writer task: {e}")))?
        .map_err(|_| Error::Internal("the writer thread panicked".into()))?;
    let written = match (outcome, written) {
        // The writer failing closes the page channel under the executor: its error is the cause.
        (Err(_), Err(w)) => return Err(w),
        (Err(e), Ok(_)) => return Err(e),
        (Ok(_), w) => w?,
    };
    Ok(RunSummary {
        pipeline: options.pipeline.clone(),
        load_id: written.load_id,
        rows: written.rows,
        elapsed_ms: started.elapsed().as_millis() as u64,
    })
}

fn join_error(writer: std::thread::JoinHandle<Result<super::writer::Written>>) -> Error {
    match writer.join() {
        Ok(Err(e)) => e,
        Ok(Ok(_)) => Error::Internal("the writer stopped before it was ready".into()),
        Err(_) => Error::Internal("the writer thread panicked".into()),
    }
}
