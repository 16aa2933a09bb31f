//! `json_link`: the next page's URL is in the JSON body.

use serde_json::{json, Value};

use super::values::{as_text, lookup, path};
use super::{PageView, Paginator, StopReason};
use crate::http::request::RequestSpec;
use crate::select::Selector;

/// Follows a next URL found at `next_url_path`.
#[derive(Debug)]
pub struct JsonLink {
    next_url_path: Selector,
    link: NextLink,
}

impl JsonLink {
    /// A paginator reading the next URL at this JSONPath.
    pub fn new(next_url_path: &str) -> Result<JsonLink, String> {
        Ok(JsonLink {
            next_url_path: path("next_url_path", next_url_path)?,
            link: NextLink::default(),
        })
    }
}

/// The state both link paginators share: the next URL and the URL it is relative to.
#[derive(Debug, Default)]
pub(super) struct NextLink {
    next: Option<String>,
    current_url: String,
}

impl NextLink {
    /// Records what a response said: the URL it came from and its next reference, if any.
    pub(super) fn update(&mut self, current_url: &str, next: Option<String>) {
        self.current_url = current_url.to_string();
        self.next = next;
    }
    /// Points the request at the next URL. The next URL carries everything: dlt clears the
    /// query params of the first request.
    pub(super) fn apply(&self, req: &mut RequestSpec) -> Result<(), String> {
        if let Some(next) = &self.next {
            req.url = resolve(&self.current_url, next)?;
            req.query.clear();
        }
        Ok(())
    }
    pub(super) fn has_next(&self) -> bool {
        self.next.is_some()
    }
    pub(super) fn stop_reason(&self) -> Option<StopReason> {
        self.next.is_none().then_some(StopReason::NoNextLink)
    }
    pub(super) fn position(&self) -> Option<Value> {
        self.next.clone().map(Value::String)
    }
}

/// Resolves a next reference against the current URL, as `urljoin` does.
pub(super) fn resolve(current: &str, next: &str) -> Result<String, String> {
    if url::Url::parse(next).is_ok() {
        return Ok(next.to_string());
    }
    let base = url::Url::parse(current).map_err(|e| format!("invalid URL '{current}': {e}"))?;
    base.join(next)
        .map(|u| u.to_string())
        .map_err(|e| format!("next link '{next}' cannot be resolved against '{current}': {e}"))
}

impl Paginator for JsonLink {
    fn update_state(&mut self, page: &PageView<'_>) -> Result<(), String> {
        let next = lookup(page.json, &self.next_url_path).and_then(as_text);
        self.link.update(page.url, next);
        Ok(())
    }
    fn update_request(&mut self, req: &mut RequestSpec) -> Result<(), String> {
        self.link.apply(req)
    }
    fn has_next(&self) -> bool {
        self.link.has_next()
    }
    fn stop_reason(&self) -> Option<StopReason> {
        self.link.stop_reason()
    }
    fn position(&self) -> Option<Value> {
        self.link.position()
    }
    fn describe(&self) -> Value {
        json!({"type": "json_link", "next_url_path": self.next_url_path.as_str()})
    }
}
