//! One request sequence: send, select records, paginate, until a stop with a reason.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::request::{initial_request, IncrementalValues, ParentRecord};
use crate::auth::Auth;
use crate::config::{Endpoint, PaginatorConfig};
use crate::error::{Error, Result};
use crate::http::actions::ActionRule;
use crate::http::client::{excerpt, HttpClient, Response, Retry, Sent};
use crate::http::observe::{Observer, Unobserved};
use crate::http::redact::{redact_header, redact_url};
use crate::http::request::{Body, RequestSpec};
use crate::paginate::detect::{detect, Detection};
use crate::paginate::{build, PageView, Paginator, StopReason};
use crate::plan::source::{ResourcePlan, SourcePlan};
use crate::secrets::Stores;
use crate::select::{count_records, detect_path, take_records, Selector};

/// A request as it may be shown: secrets masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestTrace {
    /// Method.
    pub method: String,
    /// Full URL with query, redacted.
    pub url: String,
    /// Headers, sensitive values masked.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Body,
}

/// A response as it may be shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResponseTrace {
    /// Status code.
    pub status: u16,
    /// Milliseconds for the final attempt.
    pub elapsed_ms: u64,
    /// Body size in bytes.
    pub size: usize,
    /// Headers, sensitive values masked.
    pub headers: Vec<(String, String)>,
    /// The first part of the body.
    pub body_excerpt: String,
    /// Attempts that failed before this one.
    pub retries: Vec<Retry>,
}

/// One page of a sequence.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "PageTrace"))]
pub struct Page {
    /// 0-based page number within the sequence.
    pub index: u64,
    /// What was sent.
    pub request: RequestTrace,
    /// What came back.
    pub response: ResponseTrace,
    /// The selected records.
    #[cfg_attr(feature = "ts", ts(type = "unknown[]"))]
    pub records: Vec<Value>,
    /// The selector used (configured or detected).
    pub selector: String,
    /// Why the page is empty, when it is and the reason is known.
    pub note: Option<String>,
    /// Paginator position after this page (next cursor, offset, page or URL).
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub position: Option<Value>,
    /// Set on the last page: why paging stopped.
    pub stop: Option<StopReason>,
    /// The full JSON body (kept only when asked, for previews).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "unknown"))]
    pub body: Option<Value>,
    /// For a child preview: index of the parent record (in the trace's `parent_records`) this
    /// page was requested for.
    pub parent: Option<usize>,
}

/// A running request sequence.
pub struct Sequence<'a> {
    http: &'a HttpClient,
    auth: &'a Auth,
    rules: &'a [ActionRule],
    resource: String,
    request: RequestSpec,
    paginator: Option<Box<dyn Paginator>>,
    selector: Option<Selector>,
    max_pages: Option<u64>,
    pages: u64,
    seen: HashSet<String>,
    seen_bodies: HashSet<u64>,
    /// Hash of the previous page's records.
    last_records: Option<u64>,
    stop: Option<StopReason>,
    keep_body: bool,
    observer: &'a dyn Observer,
    /// The paginator chosen by detection, with its evidence.
    pub detected_paginator: Option<Detection>,
    /// The selector chosen by detection.
    pub detected_selector: Option<String>,
}

impl<'a> Sequence<'a> {
    /// Prepares a sequence from its first request.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        http: &'a HttpClient,
        auth: &'a Auth,
        rules: &'a [ActionRule],
        resource: &str,
        mut request: RequestSpec,
        paginator: Option<&PaginatorConfig>,
        selector: Option<Selector>,
        max_pages: Option<u64>,
    ) -> Result<Sequence<'a>> {
        let mut paginator = match paginator {
            Some(p) => build(p).map_err(|m| Error::Invalid {
                path: format!("{resource}.paginator"),
                message: m,
            })?,
            None => None,
        };
        if let Some(p) = paginator.as_mut() {
            p.init_request(&mut request).map_err(|m| Error::Extract {
                resource: resource.into(),
                message: m,
            })?;
        }
        Ok(Sequence {
            http,
            auth,
            rules,
            resource: resource.to_string(),
            request,
            paginator,
            selector,
            max_pages,
            pages: 0,
            seen: HashSet::new(),
            seen_bodies: HashSet::new(),
            last_records: None,
            stop: None,
            keep_body: false,
            observer: &Unobserved,
            detected_paginator: None,
            detected_selector: None,
        })
    }

    /// The sequence of a resource's endpoint for one parent record (or none): its first request
    /// built as dlt builds it, with the resource's auth, actions, paginator and selector.
    #[allow(clippy::too_many_arguments)]
    pub fn for_resource(
        http: &'a HttpClient,
        plan: &SourcePlan,
        r: &'a ResourcePlan,
        ep: &Endpoint,
        parent: Option<&ParentRecord<'_>>,
        incremental: &IncrementalValues,
        stores: &Stores,
        max_pages: Option<u64>,
    ) -> Result<Sequence<'a>> {
        let req =
            initial_request(plan, ep, parent, incremental, stores).map_err(|m| Error::Extract {
                resource: r.resource.name.clone(),
                message: m,
            })?;
        Sequence::new(
            http,
            &r.auth,
            &r.rules,
            &r.resource.name,
            req,
            r.paginator.as_ref(),
            r.selector.clone(),
            max_pages,
        )
    }

    /// Keeps each page's full JSON body (previews show it).
    pub fn keep_bodies(mut self) -> Self {
        self.keep_body = true;
        self
    }

    /// Reports every attempt of every request to `observer`.
    pub fn observed(mut self, observer: &'a dyn Observer) -> Self {
        self.observer = observer;
        self
    }

    /// Why the sequence stopped, once it has.
    pub fn stop_reason(&self) -> Option<StopReason> {
        self.stop
    }

    /// Stops before the next page (a preview's limits).
    pub fn stop_now(&mut self, reason: StopReason) {
        self.stop.get_or_insert(reason);
    }

    /// The next page, or `None` when the sequence is over.
    pub async fn next_page(&mut self) -> Result<Option<Page>> {
        if self.stop.is_some() {
            return Ok(None);
        }
        self.seen.insert(self.request.fingerprint());
        let sent = self
            .http
            .send_observed(&self.request, self.auth, self.rules, self.observer)
            .await
            .map_err(|e| e.in_resource(&self.resource))?;
        let index = self.pages;
        self.pages += 1;
        let request = trace_request(&self.request, self.auth);
        let (response, ignored) = match sent {
            Sent::Ok(r) => (r, false),
            Sent::Ignored(r) => (r, true),
        };
        let response_trace = trace_response(&response);
        if !ignored && !self.seen_bodies.insert(body_hash(&response.body)) {
            // Beyond dlt: a page identical to an earlier one holds records already taken, and an
            // API that serves it again would loop forever. Stop, and load nothing twice.
            self.stop = Some(StopReason::RepeatedPage);
            return Ok(Some(Page {
                index,
                request,
                response: response_trace,
                records: Vec::new(),
                selector: String::new(),
                note: Some(
                    "same content as an earlier page: its records were not taken again".into(),
                ),
                position: None,
                stop: self.stop,
                body: None,
                parent: None,
            }));
        }
        if ignored {
            self.stop = Some(StopReason::Ignored);
            return Ok(Some(Page {
                index,
                request,
                response: response_trace,
                records: Vec::new(),
                selector: String::new(),
                note: Some("a response action ignored this response".into()),
                position: None,
                stop: self.stop,
                body: None,
                parent: None,
            }));
        }
        let mut response = response;
        let Some(mut json) = response.json.take() else {
            let ctype = response
                .headers
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("no content type");
            let why = response.json_error.as_deref().unwrap_or("not JSON");
            return Err(Error::Extract {
                resource: self.resource.clone(),
                message: format!(
                    "the response from {} is not JSON ({ctype}): {why}; body: {}",
                    redact_url(&response.url),
                    excerpt(&response.text())
                ),
            });
        };
        let selector = match &self.selector {
            Some(s) => s.clone(),
            None => {
                let found = detect_path(&json);
                self.detected_selector = Some(found.clone());
                let s = Selector::parse(&found)
                    .map_err(|m| Error::Internal(format!("detected selector: {m}")))?;
                self.selector = Some(s.clone());
                s
            }
        };
        if self.paginator.is_none() {
            let (p, detection) = detect(Some(&json), &response.headers);
            self.paginator = Some(p);
            self.detected_paginator = Some(detection);
        }
        let view = PageView {
            json: Some(&json),
            headers: &response.headers,
            url: &response.url,
            records: count_records(&json, &selector),
        };
        let Some(paginator) = self.paginator.as_mut() else {
            return Err(Error::Internal("paginator missing after detection".into()));
        };
        paginator.update_state(&view).map_err(|m| Error::Extract {
            resource: self.resource.clone(),
            message: format!("{m} (at {})", redact_url(&response.url)),
        })?;
        if paginator.has_next() {
            paginator
                .update_request(&mut self.request)
                .map_err(|m| Error::Extract {
                    resource: self.resource.clone(),
                    message: m,
                })?;
            if self.seen.contains(&self.request.fingerprint()) {
                // Beyond dlt: an API that hands back the same next page would loop forever.
                self.stop = Some(StopReason::RepeatedPage);
            } else if self.max_pages.is_some_and(|m| self.pages >= m) {
                self.stop = Some(StopReason::MaxPages);
            }
        } else {
            self.stop = Some(paginator.stop_reason().unwrap_or(StopReason::NoNextLink));
        }
        let position = paginator.position();
        let body = self.keep_body.then(|| json.clone());
        let mut selection = take_records(&mut json, &selector);
        let records_hash = records_hash(&selection.records);
        if !selection.records.is_empty()
            && self.last_records.replace(records_hash) == Some(records_hash)
        {
            // Beyond dlt: the same records as the page before (a cursor that never moves, an API
            // that ignores the page parameter) would be loaded twice. Stop, and take none.
            self.stop = Some(StopReason::RepeatedPage);
            selection.records.clear();
            selection.note =
                Some("same records as the page before: they were not taken again".into());
        }
        Ok(Some(Page {
            index,
            request,
            response: response_trace,
            note: selection.note,
            selector: selection.path,
            records: selection.records,
            position,
            stop: self.stop,
            body,
            parent: None,
        }))
    }
}

/// A hash of records' content, keys and values in order.
fn records_hash(records: &[Value]) -> u64 {
    use std::hash::{Hash, Hasher};
    fn walk(v: &Value, h: &mut impl Hasher) {
        match v {
            Value::Null => 0u8.hash(h),
            Value::Bool(b) => (1u8, b).hash(h),
            Value::Number(n) => (2u8, n).hash(h),
            Value::String(s) => (3u8, s).hash(h),
            Value::Array(a) => {
                (4u8, a.len()).hash(h);
                a.iter().for_each(|x| walk(x, h));
            }
            Value::Object(m) => {
                (5u8, m.len()).hash(h);
                for (k, x) in m {
                    k.hash(h);
                    walk(x, h);
                }
            }
        }
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    records.len().hash(&mut h);
    records.iter().for_each(|r| walk(r, &mut h));
    h.finish()
}

fn body_hash(text: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

fn trace_request(req: &RequestSpec, auth: &Auth) -> RequestTrace {
    // Show what auth adds, masked, without resolving tokens again.
    let mut headers: Vec<(String, String)> = req
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), redact_header(k, v)))
        .collect();
    let mut url = req
        .full_url()
        .map(|u| u.to_string())
        .unwrap_or_else(|_| req.url.clone());
    match auth {
        Auth::Bearer(_) | Auth::OAuth2(_) => {
            headers.push(("Authorization".into(), "Bearer ***".into()))
        }
        Auth::Basic { .. } => headers.push(("Authorization".into(), "Basic ***".into())),
        Auth::ApiKey { name, location, .. } => match location {
            crate::config::ApiKeyLocation::Header => headers.push((name.clone(), "***".into())),
            crate::config::ApiKeyLocation::Cookie => {
                headers.push(("Cookie".into(), format!("{name}=***")))
            }
            _ => {
                let sep = if url.contains('?') { '&' } else { '?' };
                url = format!("{url}{sep}{name}=***");
            }
        },
        Auth::None => {}
    }
    RequestTrace {
        method: format!("{:?}", req.method).to_uppercase(),
        url: redact_url(&url),
        headers,
        body: req.body.clone(),
    }
}

fn trace_response(r: &Response) -> ResponseTrace {
    ResponseTrace {
        status: r.status,
        elapsed_ms: r.elapsed.as_millis() as u64,
        size: r.body.len(),
        headers: r
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    redact_header(k.as_str(), &String::from_utf8_lossy(v.as_bytes())),
                )
            })
            .collect(),
        body_excerpt: excerpt(&r.text()),
        retries: r.retries.clone(),
    }
}
