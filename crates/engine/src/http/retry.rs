//! Retry policy as dlt's session (dlt-behaviour §9.3): 429, 5xx, connection errors and timeouts;
//! 5 attempts; exponential backoff 1-2-4-8 s; `Retry-After` (seconds or HTTP date) honoured and
//! capped.

use std::time::{Duration, SystemTime};

/// Retry and timeout settings; defaults are dlt's, overridable with dlt's `RUNTIME__*` variables.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpSettings {
    /// Whole-request timeout.
    pub timeout: Duration,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Total attempts per request (1 = no retry).
    pub max_attempts: u32,
    /// Backoff factor in seconds: waits are factor × 2^(attempt-1).
    pub backoff_factor: f64,
    /// Cap on any single wait, including `Retry-After`.
    pub max_retry_delay: Duration,
    /// Largest response body read, in bytes: a bigger one is an error, not an out-of-memory
    /// crash (a parsed body takes several times its size).
    pub max_body_bytes: usize,
}

/// Default cap on a response body: 512 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 512 << 20;

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(60),
            max_attempts: 5,
            backoff_factor: 1.0,
            max_retry_delay: Duration::from_secs(300),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

impl HttpSettings {
    /// Defaults overridden by `RUNTIME__REQUEST_TIMEOUT`, `RUNTIME__REQUEST_MAX_ATTEMPTS`,
    /// `RUNTIME__REQUEST_BACKOFF_FACTOR` and `RUNTIME__REQUEST_MAX_RETRY_DELAY`, as in dlt, and
    /// `PIPEWRIGHT_MAX_BODY_MB` (Pipewright's own).
    pub fn from_env() -> HttpSettings {
        let num = |k: &str| {
            std::env::var(k)
                .ok()
                .and_then(|v| v.trim().parse::<f64>().ok())
        };
        let mut s = HttpSettings::default();
        if let Some(t) = num("RUNTIME__REQUEST_TIMEOUT").filter(|t| *t > 0.0) {
            s.timeout = Duration::from_secs_f64(t);
            s.connect_timeout = Duration::from_secs_f64(t);
        }
        if let Some(a) = num("RUNTIME__REQUEST_MAX_ATTEMPTS").filter(|a| *a >= 1.0) {
            s.max_attempts = a as u32;
        }
        if let Some(b) = num("RUNTIME__REQUEST_BACKOFF_FACTOR").filter(|b| *b >= 0.0) {
            s.backoff_factor = b;
        }
        if let Some(d) = num("RUNTIME__REQUEST_MAX_RETRY_DELAY").filter(|d| *d >= 0.0) {
            s.max_retry_delay = Duration::from_secs_f64(d);
        }
        if let Some(mb) = num("PIPEWRIGHT_MAX_BODY_MB").filter(|m| *m >= 1.0) {
            s.max_body_bytes = (mb * 1024.0 * 1024.0) as usize;
        }
        s
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1).
    pub fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(ra) = retry_after.filter(|d| !d.is_zero()) {
            return ra.min(self.max_retry_delay);
        }
        let secs = self.backoff_factor * 2f64.powi(attempt.saturating_sub(1) as i32);
        Duration::from_secs_f64(secs.max(0.0)).min(self.max_retry_delay)
    }
}

/// True for statuses dlt retries.
pub fn is_retriable_status(status: u16) -> bool {
    status == 429 || (500..=599).contains(&status)
}

/// Parses `Retry-After`: whole seconds, or an HTTP date turned into seconds from now.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<f64>() {
        return (secs > 0.0).then(|| Duration::from_secs_f64(secs));
    }
    let when = httpdate::parse_http_date(v).ok()?;
    when.duration_since(SystemTime::now()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_1_2_4_8_and_capped() {
        let s = HttpSettings::default();
        let waits: Vec<u64> = (1..=4).map(|a| s.backoff(a, None).as_secs()).collect();
        assert_eq!(waits, vec![1, 2, 4, 8]);
        assert_eq!(
            s.backoff(1, Some(Duration::from_secs(1000))),
            Duration::from_secs(300)
        );
        assert_eq!(s.backoff(2, Some(Duration::ZERO)), Duration::from_secs(2));
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after(" 2 "), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after("0"), None);
        let later = SystemTime::now() + Duration::from_secs(30);
        let d = parse_retry_after(&httpdate::fmt_http_date(later)).unwrap();
        assert!(d.as_secs() >= 28 && d.as_secs() <= 30, "{d:?}");
        assert_eq!(parse_retry_after("soon"), None);
        assert!(is_retriable_status(503) && is_retriable_status(429) && !is_retriable_status(404));
    }
}
