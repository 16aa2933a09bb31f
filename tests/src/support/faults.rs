//! Fault specifications: what a request should suffer, parsed from query parameters or given in
//! options (see README.md, "Faults").

use super::chaos::Chaos;

/// How to express `Retry-After` on an injected failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// `Retry-After: <n>` (delta seconds).
    Seconds(u64),
    /// `Retry-After: <HTTP-date n seconds from now>`.
    DateIn(u64),
}

/// How to drop the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetMode {
    /// Send the status line, headers and part of a JSON body, then abort the connection.
    MidBody,
    /// Abort before any response byte is written.
    BeforeResponse,
}

/// A fault. Every field is optional; see [`FaultSpec::failure`] for which one wins.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultSpec {
    /// `fail=<code>`: answer with this status and a JSON error body.
    pub status: Option<u16>,
    /// `fail_first=<k>`: only the first k requests for the same method+URL+body fail (then the
    /// real response). Without another failure kind the status is 503.
    pub fail_first: Option<u64>,
    /// `retry_after=<s>` / `retry_after_date=<s>`: `Retry-After` on injected failures.
    pub retry_after: Option<RetryAfter>,
    /// `delay_ms=<ms>`: wait before answering (applies to every request, failing or not).
    pub delay_ms: Option<u64>,
    /// `reset=1|mid|before`: drop the connection.
    pub reset: Option<ResetMode>,
    /// `malformed=1`: 200 with `Content-Type: application/json` and a truncated JSON body.
    pub malformed: bool,
    /// `html=<code>`: an HTML error page with this status (200 or 500, say).
    pub html: Option<u16>,
    /// `soft_error=1`: 200 with body `{"status":"error","message":...}`.
    pub soft_error: bool,
    /// `chaos_seed` + `chaos_rate` (+ `chaos_kinds`, `chaos_timeout_ms`, `chaos_max_consecutive`).
    pub chaos: Option<Chaos>,
}

/// The failure to produce for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// A JSON error with this status.
    Status(u16),
    /// Drop the connection.
    Reset(ResetMode),
    /// A truncated JSON body with status 200.
    Malformed,
    /// An HTML page with this status.
    Html(u16),
    /// `{"status":"error"}` with status 200.
    SoftError,
}

/// Query parameter names that configure faults (they are otherwise ignored by the routes and
/// carried over into next-page links like any other parameter).
pub const FAULT_PARAMS: [&str; 14] = [
    "fail",
    "fail_first",
    "retry_after",
    "retry_after_date",
    "delay_ms",
    "reset",
    "malformed",
    "html",
    "soft_error",
    "chaos_seed",
    "chaos_rate",
    "chaos_kinds",
    "chaos_timeout_ms",
    "chaos_max_consecutive",
];

fn flag(name: &str, v: &str) -> Result<bool, String> {
    match v.to_ascii_lowercase().as_str() {
        "" | "1" | "true" | "yes" => Ok(true),
        "0" | "false" | "no" => Ok(false),
        _ => Err(format!("`{name}` must be 1/true or 0/false, got `{v}`")),
    }
}

pub(crate) fn number<T: std::str::FromStr>(name: &str, v: &str) -> Result<T, String> {
    v.trim()
        .parse()
        .map_err(|_| format!("`{name}` must be a number, got `{v}`"))
}

fn status(name: &str, v: &str) -> Result<u16, String> {
    let code: u16 = number(name, v)?;
    if (100..=599).contains(&code) {
        Ok(code)
    } else {
        Err(format!(
            "`{name}` must be an HTTP status (100-599), got `{v}`"
        ))
    }
}

impl FaultSpec {
    /// Parse the fault parameters of a query (other parameters are ignored).
    pub fn from_query(pairs: &[(String, String)]) -> Result<FaultSpec, String> {
        let mut spec = FaultSpec::default();
        for (k, v) in pairs {
            match k.as_str() {
                "fail" => spec.status = Some(status(k, v)?),
                "fail_first" => spec.fail_first = Some(number(k, v)?),
                "retry_after" => spec.retry_after = Some(RetryAfter::Seconds(number(k, v)?)),
                "retry_after_date" => spec.retry_after = Some(RetryAfter::DateIn(number(k, v)?)),
                "delay_ms" => spec.delay_ms = Some(number(k, v)?),
                "reset" => {
                    spec.reset = match v.as_str() {
                        "before" => Some(ResetMode::BeforeResponse),
                        "mid" => Some(ResetMode::MidBody),
                        _ if flag(k, v)? => Some(ResetMode::MidBody),
                        _ => None,
                    }
                }
                "malformed" => spec.malformed = flag(k, v)?,
                "html" => spec.html = Some(status(k, v)?),
                "soft_error" => spec.soft_error = flag(k, v)?,
                _ => {}
            }
        }
        spec.chaos = Chaos::from_query(pairs)?;
        Ok(spec)
    }

    /// Fields of `self`, falling back to `base` for the ones `self` leaves unset.
    pub fn over(self, base: &FaultSpec) -> FaultSpec {
        FaultSpec {
            status: self.status.or(base.status),
            fail_first: self.fail_first.or(base.fail_first),
            retry_after: self.retry_after.or(base.retry_after),
            delay_ms: self.delay_ms.or(base.delay_ms),
            reset: self.reset.or(base.reset),
            malformed: self.malformed || base.malformed,
            html: self.html.or(base.html),
            soft_error: self.soft_error || base.soft_error,
            chaos: self.chaos.or_else(|| base.chaos.clone()),
        }
    }

    /// The failure this spec asks for, ignoring `fail_first` counting and chaos. Precedence:
    /// reset, malformed, html, soft_error, status; `fail_first` alone means 503.
    pub fn failure(&self) -> Option<Failure> {
        if let Some(mode) = self.reset {
            Some(Failure::Reset(mode))
        } else if self.malformed {
            Some(Failure::Malformed)
        } else if let Some(code) = self.html {
            Some(Failure::Html(code))
        } else if self.soft_error {
            Some(Failure::SoftError)
        } else if let Some(code) = self.status {
            Some(Failure::Status(code))
        } else {
            self.fail_first.map(|_| Failure::Status(503))
        }
    }

    /// Whether the spec does anything at all.
    pub fn is_empty(&self) -> bool {
        *self == FaultSpec::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &[(&str, &str)]) -> Vec<(String, String)> {
        s.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn parses_and_merges() {
        let spec = FaultSpec::from_query(&q(&[("fail", "429"), ("retry_after", "2")])).unwrap();
        assert_eq!(spec.failure(), Some(Failure::Status(429)));
        assert_eq!(spec.retry_after, Some(RetryAfter::Seconds(2)));
        let first = FaultSpec::from_query(&q(&[("fail_first", "2")])).unwrap();
        assert_eq!(first.failure(), Some(Failure::Status(503)));
        let merged = first.over(&FaultSpec {
            html: Some(500),
            ..FaultSpec::default()
        });
        assert_eq!(merged.failure(), Some(Failure::Html(500)));
        assert!(FaultSpec::from_query(&q(&[("fail", "9999")])).is_err());
        assert!(FaultSpec::from_query(&q(&[("page", "2")]))
            .unwrap()
            .is_empty());
    }
}
