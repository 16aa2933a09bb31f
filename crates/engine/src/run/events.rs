//! Progress events of a run, for the CLI's progress bars and the app's live view.

use serde::Serialize;

use crate::paginate::StopReason;

/// Something that happened during a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum RunEvent {
    /// A resource started extracting (once per resource, not per parent record).
    ResourceStarted {
        /// Resource name.
        resource: String,
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
}

/// Where events go; a closed receiver is not an error (nobody is watching).
#[derive(Debug, Clone, Default)]
pub struct Events(Option<tokio::sync::mpsc::UnboundedSender<RunEvent>>);

impl Events {
    /// Events sent to this channel.
    pub fn to(tx: tokio::sync::mpsc::UnboundedSender<RunEvent>) -> Events {
        Events(Some(tx))
    }
    /// Emits an event.
    pub fn emit(&self, e: RunEvent) {
        if let Some(tx) = &self.0 {
            let _ = tx.send(e);
        }
    }
}
