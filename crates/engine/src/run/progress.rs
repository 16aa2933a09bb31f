//! Per-resource progress of a run: counters the executor keeps and the HTTP observer that turns
//! every attempt into a `RunEvent` as it happens.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use super::events::{Events, RunEvent};
use crate::http::client::Retry;
use crate::http::observe::Observer;
use crate::http::redact::scrub;

/// What one resource has done so far (shared by all its parent records and parallel fetches).
#[derive(Debug, Default)]
pub struct Tally {
    started: AtomicBool,
    /// Pages received.
    pub pages: AtomicU64,
    /// Requests sent, retries included.
    pub requests: AtomicU64,
}

impl Tally {
    /// True the first time only: a child runs once per parent record but starts once.
    pub fn start(&self) -> bool {
        !self.started.swap(true, Ordering::Relaxed)
    }
    /// Pages and requests so far.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.pages.load(Ordering::Relaxed),
            self.requests.load(Ordering::Relaxed),
        )
    }
}

/// Reports the attempts of one resource's requests.
pub struct ResourceObserver<'e> {
    /// Where events go.
    pub events: &'e Events,
    /// The resource.
    pub resource: &'e str,
    /// Resolved secret values, scrubbed from URLs that redaction by key cannot catch (a path).
    pub secrets: &'e [String],
    /// Its counters.
    pub tally: &'e Tally,
}

impl ResourceObserver<'_> {
    fn url(&self, url: &str) -> String {
        scrub(url, self.secrets)
    }
}

impl Observer for ResourceObserver<'_> {
    fn sent(&self, method: &str, url: &str) {
        self.tally.requests.fetch_add(1, Ordering::Relaxed);
        if self.events.enabled() {
            self.events.emit(RunEvent::RequestSent {
                resource: self.resource.to_string(),
                method: method.to_string(),
                url: self.url(url),
            });
        }
    }

    fn answered(&self, url: &str, status: u16, elapsed: Duration, bytes: usize) {
        if self.events.enabled() {
            self.events.emit(RunEvent::RequestAnswered {
                resource: self.resource.to_string(),
                url: self.url(url),
                status,
                elapsed_ms: elapsed.as_millis() as u64,
                bytes: bytes as u64,
            });
        }
    }

    fn retry(&self, url: &str, attempt: u32, retry: &Retry) {
        self.events.emit(RunEvent::Retry {
            resource: self.resource.to_string(),
            url: self.url(url),
            attempt,
            status: retry.status,
            reason: retry.reason.clone(),
            wait_ms: retry.waited_ms,
        });
    }
}
