//! A window onto the attempts of one request, for live progress: the client tells an observer
//! when it sends, when an answer comes and when it retries, as it happens (a page's trace only
//! says so after the fact). URLs handed over are already redacted.

use std::time::Duration;

use super::client::Retry;

/// Told about every attempt of a request. Every method has a default that ignores it.
pub trait Observer: Send + Sync {
    /// An attempt is about to go out.
    fn sent(&self, _method: &str, _url: &str) {}
    /// A response arrived (any status) and its body was read.
    fn answered(&self, _url: &str, _status: u16, _elapsed: Duration, _bytes: usize) {}
    /// An attempt failed and another one follows after `retry.waited_ms`.
    fn retry(&self, _url: &str, _attempt: u32, _retry: &Retry) {}
}

/// Watches nothing.
pub struct Unobserved;

impl Observer for Unobserved {}
