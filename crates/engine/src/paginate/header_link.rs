//! `header_link`: the next page's URL is in the `Link` header.

use serde_json::{json, Value};

use super::json_link::resolve;
use super::link_header::parse_link_header;
use super::{PageView, Paginator, StopReason};
use crate::http::request::RequestSpec;

/// Follows the `Link` entry whose `rel` is `links_next_key`.
#[derive(Debug)]
pub struct HeaderLink {
    links_next_key: String,
    next: Option<String>,
    current_url: String,
}

impl HeaderLink {
    /// A paginator following `rel="<links_next_key>"`.
    pub fn new(links_next_key: &str) -> HeaderLink {
        HeaderLink {
            links_next_key: links_next_key.to_string(),
            next: None,
            current_url: String::new(),
        }
    }
}

impl Paginator for HeaderLink {
    fn update_state(&mut self, page: &PageView<'_>) -> Result<(), String> {
        self.current_url = page.url.to_string();
        let joined: Vec<&str> = page
            .headers
            .get_all(reqwest::header::LINK)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let links = parse_link_header(&joined.join(", "));
        self.next = links
            .get(&self.links_next_key)
            .filter(|u| !u.is_empty())
            .cloned();
        Ok(())
    }
    fn update_request(&mut self, req: &mut RequestSpec) -> Result<(), String> {
        if let Some(next) = &self.next {
            req.url = resolve(&self.current_url, next)?;
            req.query.clear();
        }
        Ok(())
    }
    fn has_next(&self) -> bool {
        self.next.is_some()
    }
    fn stop_reason(&self) -> Option<StopReason> {
        self.next.is_none().then_some(StopReason::NoNextLink)
    }
    fn position(&self) -> Option<Value> {
        self.next.clone().map(Value::String)
    }
    fn describe(&self) -> Value {
        json!({"type": "header_link", "links_next_key": self.links_next_key})
    }
}
