//! The one shared HTTP client: sends a request with auth, applies response actions, retries as
//! dlt does, and reports every attempt so previews can show retries.

use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use serde::Serialize;
use serde_json::Value;

use super::actions::{decide, ActionRule};
use super::json::parse_body;
use super::observe::{Observer, Unobserved};
use super::redact::{redact_url, scrub};
use super::request::{Body, RequestSpec};
use super::retry::{is_retriable_status, parse_retry_after, HttpSettings};
use crate::auth::Auth;
use crate::config::{Method, ResponseActionKind};
use crate::error::{Error, Result};

/// One failed attempt before the one that counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "RetryTrace"))]
pub struct Retry {
    /// Status, when a response came back.
    pub status: Option<u16>,
    /// What went wrong.
    pub reason: String,
    /// How long we waited before the next attempt.
    pub waited_ms: u64,
}

/// A response, read whole.
#[derive(Debug, Clone)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: HeaderMap,
    /// The body as received.
    pub body: bytes::Bytes,
    /// Body parsed as JSON, when it is JSON.
    pub json: Option<Value>,
    /// Why the body is not JSON, when it is not (see [`super::json::parse_body`]).
    pub json_error: Option<String>,
    /// The URL requested, including the query (not redacted: redact before showing).
    pub url: String,
    /// Time of the final attempt.
    pub elapsed: Duration,
    /// Attempts that failed before this one.
    pub retries: Vec<Retry>,
}

/// What sending produced.
#[derive(Debug)]
pub enum Sent {
    /// A response to use.
    Ok(Response),
    /// A response a response action said to ignore: the request sequence ends quietly.
    Ignored(Response),
}

/// Response actions, reading the body as text only when some rule exists (validating a large
/// body as UTF-8 on every page is measurable).
fn decide_if_any(rules: &[ActionRule], status: u16, r: &Response) -> Option<ResponseActionKind> {
    if rules.is_empty() {
        return None;
    }
    decide(rules, status, &r.text(), r.json.as_ref())
}

impl Response {
    /// The body as text; borrowed (no copy) when it is valid UTF-8.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

/// The shared client.
#[derive(Debug, Clone)]
pub struct HttpClient {
    inner: reqwest::Client,
    settings: HttpSettings,
}

impl HttpClient {
    /// A client with rustls, compression, connection reuse, timeouts, environment proxies and
    /// the `pipewright/<version>` user agent.
    pub fn new(settings: HttpSettings) -> Result<HttpClient> {
        let inner = reqwest::Client::builder()
            .user_agent(concat!("pipewright/", env!("CARGO_PKG_VERSION")))
            .timeout(settings.timeout)
            .connect_timeout(settings.connect_timeout)
            .gzip(true)
            .deflate(true)
            .brotli(true)
            .build()
            .map_err(|e| Error::Internal(format!("HTTP client: {e}")))?;
        Ok(HttpClient { inner, settings })
    }

    /// The underlying client (for token requests).
    pub fn raw(&self) -> &reqwest::Client {
        &self.inner
    }

    /// Sends with auth, actions and retries.
    pub async fn send(
        &self,
        spec: &RequestSpec,
        auth: &Auth,
        rules: &[ActionRule],
    ) -> Result<Sent> {
        self.send_observed(spec, auth, rules, &Unobserved).await
    }

    /// Sends with auth, actions and retries, telling `obs` about every attempt.
    pub async fn send_observed(
        &self,
        spec: &RequestSpec,
        auth: &Auth,
        rules: &[ActionRule],
        obs: &dyn Observer,
    ) -> Result<Sent> {
        let mut retries = Vec::new();
        let mut attempt = 0u32;
        let mut refreshed = false;
        let secrets = auth.secret_values();
        loop {
            attempt += 1;
            let mut req = spec.clone();
            auth.apply(&self.inner, &mut req)
                .await
                .map_err(Error::Auth)?;
            let url = req.full_url().map_err(|m| Error::Network {
                resource: None,
                url: redact_url(&req.url),
                message: m,
            })?;
            let shown = redact_url(url.as_str());
            let started = Instant::now();
            let builder = self.build(&req, url.clone())?;
            obs.sent(req.method.as_str(), &shown);
            let result = builder.send().await;
            let (status, headers, bytes) = match result {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    let headers = resp.headers().clone();
                    match read_body(resp, self.settings.max_body_bytes).await {
                        Ok(Some(b)) => (status, headers, b),
                        Ok(None) => {
                            return Err(Error::Network {
                                resource: None,
                                url: shown,
                                message: format!(
                                    "the {status} response is larger than {} MiB (PIPEWRIGHT_MAX_BODY_MB)",
                                    self.settings.max_body_bytes >> 20
                                ),
                            });
                        }
                        Err(e) => {
                            // The status line came, the body did not (reset, stalled, cut short).
                            let reason = scrub(
                                &format!(
                                    "reading the body of the {status} response: {}",
                                    describe(&e, self.settings.timeout)
                                ),
                                &secrets,
                            );
                            if self
                                .retry_wait(obs, &shown, attempt, None, None, &reason, &mut retries)
                                .await
                            {
                                continue;
                            }
                            return Err(Error::Network {
                                resource: None,
                                url: shown,
                                message: format!(
                                    "{reason} (after {attempt} attempt{})",
                                    plural(attempt)
                                ),
                            });
                        }
                    }
                }
                Err(e) => {
                    let reason = scrub(&describe(&e, self.settings.timeout), &secrets);
                    if self
                        .retry_wait(obs, &shown, attempt, None, None, &reason, &mut retries)
                        .await
                    {
                        continue;
                    }
                    return Err(Error::Network {
                        resource: None,
                        url: shown,
                        message: format!("{reason} (after {attempt} attempt{})", plural(attempt)),
                    });
                }
            };
            obs.answered(&shown, status, started.elapsed(), bytes.len());
            let (json, json_error) = match parse_body(&bytes) {
                Ok(v) => (Some(v), None),
                Err(e) => (None, Some(e)),
            };
            let response = Response {
                status,
                headers,
                body: bytes,
                json,
                json_error,
                url: url.to_string(),
                elapsed: started.elapsed(),
                retries: Vec::new(),
            };
            let retry_after = response
                .headers
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(parse_retry_after);
            match decide_if_any(rules, status, &response) {
                Some(ResponseActionKind::Ignore) => {
                    return Ok(Sent::Ignored(Response {
                        retries,
                        ..response
                    }));
                }
                Some(ResponseActionKind::Retry) => {
                    let reason = format!("response action 'retry' matched status {status}");
                    if self
                        .retry_wait(
                            obs,
                            &shown,
                            attempt,
                            Some(status),
                            retry_after,
                            &reason,
                            &mut retries,
                        )
                        .await
                    {
                        continue;
                    }
                    return Err(Error::Http {
                        resource: None,
                        status,
                        url: shown,
                        message: format!(
                            "still matching a 'retry' response action after {attempt} attempts"
                        ),
                    });
                }
                None => {}
            }
            if status == 401 && !refreshed && auth.refresh_after_unauthorized() {
                refreshed = true;
                retries.push(Retry {
                    status: Some(401),
                    reason: "token refreshed after 401".into(),
                    waited_ms: 0,
                });
                attempt -= 1;
                continue;
            }
            if is_retriable_status(status) {
                let reason = format!("status {status}");
                if self
                    .retry_wait(
                        obs,
                        &shown,
                        attempt,
                        Some(status),
                        retry_after,
                        &reason,
                        &mut retries,
                    )
                    .await
                {
                    continue;
                }
            }
            if status >= 400 {
                let excerpt = scrub(&excerpt(&response.text()), &secrets);
                let hint = match status {
                    401 | 403 => "check the credentials and their scope",
                    404 => "check the path and base_url, or add a response action {status_code: 404, action: ignore}",
                    429 => "rate limited: the API kept answering 429 after every retry",
                    s if s >= 500 => "the API failed after every retry",
                    _ => "the API rejected the request",
                };
                let tries = if attempt > 1 {
                    format!(" after {attempt} attempts")
                } else {
                    String::new()
                };
                return Err(Error::Http {
                    resource: None,
                    status,
                    url: shown,
                    message: format!("{hint}{tries}; body: {excerpt}"),
                });
            }
            return Ok(Sent::Ok(Response {
                retries,
                ..response
            }));
        }
    }

    /// Waits before the next attempt if one is left; records why.
    #[allow(clippy::too_many_arguments)]
    async fn retry_wait(
        &self,
        obs: &dyn Observer,
        url: &str,
        attempt: u32,
        status: Option<u16>,
        retry_after: Option<Duration>,
        reason: &str,
        retries: &mut Vec<Retry>,
    ) -> bool {
        if attempt >= self.settings.max_attempts {
            return false;
        }
        let wait = self.settings.backoff(attempt, retry_after);
        let retry = Retry {
            status,
            reason: reason.to_string(),
            waited_ms: wait.as_millis() as u64,
        };
        obs.retry(url, attempt, &retry);
        retries.push(retry);
        tracing::warn!(
            attempt,
            wait_ms = wait.as_millis() as u64,
            reason,
            "retrying request"
        );
        tokio::time::sleep(wait).await;
        true
    }

    fn build(&self, req: &RequestSpec, url: url::Url) -> Result<reqwest::RequestBuilder> {
        let method = match req.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut headers = HeaderMap::new();
        for (k, v) in &req.headers {
            let name = HeaderName::from_bytes(k.as_bytes()).map_err(|_| Error::Invalid {
                path: format!("headers.{k}"),
                message: "not a valid header name".into(),
            })?;
            let value = HeaderValue::from_str(v).map_err(|_| Error::Invalid {
                path: format!("headers.{k}"),
                message: "header value has characters HTTP does not allow".into(),
            })?;
            headers.insert(name, value);
        }
        let b = self.inner.request(method, url).headers(headers);
        Ok(match &req.body {
            Body::None => b,
            Body::Json(v) => b.json(v),
            Body::Form(pairs) => b.form(pairs),
            Body::Raw(s) => b.body(s.clone()),
        })
    }
}

/// The whole body, or `None` once it grows beyond `max` bytes (checked against the declared
/// length first, then while reading, so a huge or endless body is cut off early).
async fn read_body(
    mut resp: reqwest::Response,
    max: usize,
) -> Result<Option<bytes::Bytes>, reqwest::Error> {
    if resp.content_length().is_some_and(|n| n > max as u64) {
        return Ok(None);
    }
    let mut body =
        bytes::BytesMut::with_capacity(resp.content_length().map_or(0, |n| n as usize).min(max));
    while let Some(chunk) = resp.chunk().await? {
        if body.len() + chunk.len() > max {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body.freeze()))
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn describe(e: &reqwest::Error, timeout: Duration) -> String {
    let timed_out;
    let kind = if e.is_timeout() {
        timed_out = format!(
            "timed out after {:.1} s (RUNTIME__REQUEST_TIMEOUT)",
            timeout.as_secs_f64()
        );
        timed_out.as_str()
    } else if e.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    let mut cause = String::new();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        cause = s.to_string();
        src = s.source();
    }
    if cause.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}: {cause}")
    }
}

/// The first 300 characters of a body, on one line.
pub fn excerpt(text: &str) -> String {
    // Only the head matters; walking a megabyte body char by char would cost more than the page.
    let head: String = text.chars().take(400).collect();
    let flat: String = head
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = flat.trim();
    if trimmed.chars().count() > 300 {
        format!("{}…", trimmed.chars().take(300).collect::<String>())
    } else if trimmed.is_empty() {
        "(empty)".into()
    } else {
        trimmed.to_string()
    }
}
