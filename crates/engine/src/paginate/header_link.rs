//! `header_link`: the next page's URL is in the `Link` header.

use serde_json::{json, Value};

use super::json_link::NextLink;
use super::link_header::links_of;
use super::{PageView, Paginator, StopReason};
use crate::http::request::RequestSpec;

/// Follows the `Link` entry whose `rel` is `links_next_key`.
#[derive(Debug)]
pub struct HeaderLink {
    links_next_key: String,
    link: NextLink,
}

impl HeaderLink {
    /// A paginator following `rel="<links_next_key>"`.
    pub fn new(links_next_key: &str) -> HeaderLink {
        HeaderLink {
            links_next_key: links_next_key.to_string(),
            link: NextLink::default(),
        }
    }
}

impl Paginator for HeaderLink {
    fn update_state(&mut self, page: &PageView<'_>) -> Result<(), String> {
        let next = links_of(page.headers)
            .remove(&self.links_next_key)
            .filter(|u| !u.is_empty());
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
        json!({"type": "header_link", "links_next_key": self.links_next_key})
    }
}
