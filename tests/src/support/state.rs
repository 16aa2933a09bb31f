//! Shared server state: options, the log, fault counters and issued OAuth tokens.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::log::RequestLog;
use super::options::{FaultRule, MockOptions};

/// Lock a mutex, recovering from poisoning (state stays usable after a panicking handler).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Attempts seen for one request key (method + URL + body).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Attempts {
    /// Requests with this key so far (including the current one).
    pub count: u64,
    /// Faults injected in a row for this key.
    pub consecutive_faults: u32,
}

/// State shared by all handlers.
#[derive(Debug)]
pub struct AppState {
    /// The options the server was started with.
    pub opts: MockOptions,
    /// `http://127.0.0.1:<port>`, no trailing slash.
    pub base_url: String,
    /// When the server started (log timestamps are relative to it).
    pub started: Instant,
    /// Request log and counters.
    pub log: RequestLog,
    rules: Mutex<Vec<FaultRule>>,
    attempts: Mutex<HashMap<String, Attempts>>,
    tokens: Mutex<HashMap<String, Instant>>,
    token_seq: AtomicU64,
}

impl AppState {
    /// Fresh state for a server listening at `base_url`.
    pub fn new(opts: MockOptions, base_url: String) -> Self {
        Self {
            log: RequestLog::new(opts.max_logged_requests),
            rules: Mutex::new(opts.faults.clone()),
            opts,
            base_url,
            started: Instant::now(),
            attempts: Mutex::new(HashMap::new()),
            tokens: Mutex::new(HashMap::new()),
            token_seq: AtomicU64::new(0),
        }
    }

    /// Milliseconds since start.
    pub fn elapsed_ms(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// The current fault rules.
    pub fn rules(&self) -> Vec<FaultRule> {
        lock(&self.rules).clone()
    }

    /// Replace the fault rules.
    pub fn set_rules(&self, rules: Vec<FaultRule>) {
        *lock(&self.rules) = rules;
    }

    /// Count a new attempt for `key`; returns the updated counters.
    pub fn next_attempt(&self, key: &str) -> Attempts {
        let mut map = lock(&self.attempts);
        let entry = map.entry(key.to_string()).or_default();
        entry.count += 1;
        *entry
    }

    /// Record whether the current attempt for `key` got a fault.
    pub fn record_outcome(&self, key: &str, faulted: bool) {
        let mut map = lock(&self.attempts);
        let entry = map.entry(key.to_string()).or_default();
        entry.consecutive_faults = if faulted {
            entry.consecutive_faults + 1
        } else {
            0
        };
    }

    /// Issue an OAuth token valid for `expires_in` seconds.
    pub fn issue_token(&self, expires_in: u64) -> String {
        let n = self.token_seq.fetch_add(1, Ordering::SeqCst) + 1;
        let token = format!("mock-oauth-token-{n}");
        let expiry = Instant::now() + Duration::from_secs(expires_in);
        lock(&self.tokens).insert(token.clone(), expiry);
        token
    }

    /// Whether `token` was issued and has not expired.
    pub fn token_valid(&self, token: &str) -> bool {
        lock(&self.tokens)
            .get(token)
            .is_some_and(|expiry| Instant::now() < *expiry)
    }

    /// Number of tokens issued so far.
    pub fn tokens_issued(&self) -> u64 {
        self.token_seq.load(Ordering::SeqCst)
    }

    /// Forget the log, counters, fault attempts and tokens (rules stay).
    pub fn reset(&self) {
        self.log.clear();
        lock(&self.attempts).clear();
        lock(&self.tokens).clear();
    }
}
