//! The request log and per-path counters that tests read.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Mutex, MutexGuard};

use serde_json::{json, Value};

/// Request bodies longer than this are cut in the log.
const MAX_LOGGED_BODY: usize = 1 << 20;

/// One request as the server received it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedRequest {
    /// 1-based arrival number.
    pub seq: u64,
    /// Milliseconds since the server started.
    pub at_ms: u64,
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, percent-encoded as sent (`/posts/1/comments`).
    pub path: String,
    /// The raw query string without `?` (empty when there is none).
    pub query: String,
    /// Header names (lower-case) and values, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The request body (cut after 1 MiB).
    pub body: Vec<u8>,
    /// The status sent (`None` while the request is still being served).
    pub status: Option<u16>,
    /// The injected fault, if any (`fail:503`, `reset`, `chaos:429`, `delay`, ...).
    pub fault: Option<String>,
}

impl RecordedRequest {
    /// `path?query`, or just the path.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        }
    }

    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The decoded query pairs.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        super::params::parse_query(&self.query)
    }

    /// The first decoded value of a query parameter.
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query_pairs()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// The body as (lossy) UTF-8 text.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn body_json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// A JSON view (used by `GET /_mock/requests`).
    pub fn to_json(&self) -> Value {
        json!({
            "seq": self.seq,
            "at_ms": self.at_ms,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "headers": self.headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
            "body": self.body_text(),
            "status": self.status,
            "fault": self.fault,
        })
    }
}

#[derive(Debug, Default)]
struct Inner {
    entries: VecDeque<RecordedRequest>,
    counts: BTreeMap<String, u64>,
    next_seq: u64,
}

/// The shared log: entries (bounded) and exact per-path counters.
#[derive(Debug)]
pub struct RequestLog {
    inner: Mutex<Inner>,
    capacity: usize,
}

impl RequestLog {
    /// A log keeping at most `capacity` entries.
    pub fn new(capacity: usize) -> Self {
        Self {
            inner: Mutex::new(Inner::default()),
            capacity: capacity.max(1),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the log inconsistent; keep using it.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Record an arriving request; returns its sequence number.
    pub fn push(&self, mut entry: RecordedRequest) -> u64 {
        entry.body.truncate(MAX_LOGGED_BODY);
        let mut inner = self.lock();
        inner.next_seq += 1;
        entry.seq = inner.next_seq;
        *inner.counts.entry(entry.path.clone()).or_default() += 1;
        if inner.entries.len() >= self.capacity {
            inner.entries.pop_front();
        }
        let seq = entry.seq;
        inner.entries.push_back(entry);
        seq
    }

    /// Set the status and fault of a logged request.
    pub fn finish(&self, seq: u64, status: u16, fault: Option<String>) {
        let mut inner = self.lock();
        if let Some(e) = inner.entries.iter_mut().rev().find(|e| e.seq == seq) {
            e.status = Some(status);
            if fault.is_some() {
                e.fault = fault;
            }
        }
    }

    /// Mark a logged request with a fault label (kept when the status is set later).
    pub fn mark(&self, seq: u64, fault: String) {
        let mut inner = self.lock();
        if let Some(e) = inner.entries.iter_mut().rev().find(|e| e.seq == seq) {
            e.fault = Some(fault);
        }
    }

    /// All kept entries, oldest first.
    pub fn entries(&self) -> Vec<RecordedRequest> {
        self.lock().entries.iter().cloned().collect()
    }

    /// Requests per path (exact path, without query), counted since the last reset.
    pub fn counts(&self) -> BTreeMap<String, u64> {
        self.lock().counts.clone()
    }

    /// Forget entries and counters.
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.entries.clear();
        inner.counts.clear();
    }
}
