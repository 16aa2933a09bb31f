//! Progress events of a run, for the CLI's progress bars and the app's live view.

use indexmap::IndexMap;
use serde::Serialize;

use super::pipeline::RunSummary;
use crate::paginate::StopReason;

/// Something that happened during a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum RunEvent {
    /// The run planned its resources and opened the database.
    RunStarted {
        /// Pipeline name.
        pipeline: String,
        /// The resources that will be requested, in order (parents of loaded ones included).
        resources: Vec<String>,
    },
    /// A resource started extracting (once per resource, not per parent record).
    ResourceStarted {
        /// Resource name.
        resource: String,
    },
    /// A request (one attempt) went out.
    RequestSent {
        /// Resource name.
        resource: String,
        /// GET or POST.
        method: String,
        /// The URL, secrets redacted.
        url: String,
    },
    /// A response came back (any status; a retry may follow).
    RequestAnswered {
        /// Resource name.
        resource: String,
        /// The URL, secrets redacted.
        url: String,
        /// HTTP status.
        status: u16,
        /// Milliseconds from sending to the whole body.
        elapsed_ms: u64,
        /// Body size.
        bytes: u64,
    },
    /// An attempt failed; the request is sent again after a wait.
    Retry {
        /// Resource name.
        resource: String,
        /// The URL, secrets redacted.
        url: String,
        /// The attempt that failed (1-based).
        attempt: u32,
        /// Its status, when a response came.
        status: Option<u16>,
        /// What went wrong.
        reason: String,
        /// Milliseconds before the next attempt.
        wait_ms: u64,
    },
    /// One page arrived.
    Page {
        /// Resource name.
        resource: String,
        /// Records on the page after processing steps.
        records: usize,
        /// The URL, secrets redacted.
        url: String,
        /// Failed attempts before this page came through.
        retries: usize,
        /// Milliseconds the final attempt took.
        elapsed_ms: u64,
    },
    /// A request sequence ended (for a child: one per parent record).
    SequenceDone {
        /// Resource name.
        resource: String,
        /// Why paging stopped.
        stop: Option<StopReason>,
    },
    /// A warning worth showing (e.g. a guessed paginator).
    Warning {
        /// Resource name.
        resource: String,
        /// The message, secrets redacted.
        message: String,
    },
    /// Every page of a resource (for every parent record) was written, not yet committed.
    ResourceFinished {
        /// Resource name.
        resource: String,
        /// Rows written per table: the resource's table and its nested tables.
        #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
        rows: IndexMap<String, u64>,
        /// Pages received.
        pages: u64,
        /// Requests sent, retries included.
        requests: u64,
    },
    /// The load was committed (or there was nothing new).
    RunFinished {
        /// What the run did.
        summary: RunSummary,
    },
    /// The run failed or was cancelled; nothing of it was kept.
    RunFailed {
        /// The error, secrets redacted.
        error: String,
        /// True when it was cancelled.
        cancelled: bool,
    },
}

/// Where events go; a closed receiver is not an error (nobody is watching).
#[derive(Debug, Clone, Default)]
pub struct Events(Option<tokio::sync::mpsc::UnboundedSender<RunEvent>>);

impl Events {
    /// Events sent to this channel.
    pub fn to(tx: tokio::sync::mpsc::UnboundedSender<RunEvent>) -> Events {
        Events(Some(tx))
    }
    /// Whether anybody listens (so callers can skip building events nobody reads).
    pub fn enabled(&self) -> bool {
        self.0.is_some()
    }
    /// Emits an event.
    pub fn emit(&self, e: RunEvent) {
        if let Some(tx) = &self.0 {
            let _ = tx.send(e);
        }
    }
}
