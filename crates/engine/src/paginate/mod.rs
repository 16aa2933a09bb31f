//! Pagination: one paginator per style, each a small state machine that reads a response and
//! rewrites the next request. Every stop has a reason a preview can show.

mod cursor;
pub mod detect;
mod header_cursor;
mod header_link;
mod json_link;
pub mod link_header;
mod range;
mod single_page;
mod values;

use reqwest::header::HeaderMap;
use serde::Serialize;
use serde_json::Value;

use crate::config::{PaginatorConfig, PaginatorName, PaginatorSpec};
use crate::http::request::RequestSpec;

pub use cursor::JsonCursor;
pub use header_cursor::HeaderCursor;
pub use header_link::HeaderLink;
pub use json_link::JsonLink;
pub use range::RangePaginator;
pub use single_page::SinglePage;

/// Why pagination stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// The response had no next link.
    NoNextLink,
    /// The response had no cursor.
    NoCursor,
    /// The total number of pages or items was reached.
    TotalReached,
    /// A page had no records.
    EmptyPage,
    /// `maximum_page` / `maximum_offset` was reached.
    MaximumReached,
    /// The has-more flag was false.
    HasMoreFalse,
    /// The paginator makes one request only.
    SinglePage,
    /// The next request would repeat an earlier one (loop guard).
    RepeatedPage,
    /// The `max_pages` safety limit, or a preview's page limit, was reached.
    MaxPages,
    /// A response action said to ignore the response.
    Ignored,
    /// A preview's record limit was reached.
    RecordLimit,
}

impl std::fmt::Display for StopReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StopReason::NoNextLink => "no next link",
            StopReason::NoCursor => "no cursor",
            StopReason::TotalReached => "total reached",
            StopReason::EmptyPage => "empty page",
            StopReason::MaximumReached => "maximum reached",
            StopReason::HasMoreFalse => "has_more false",
            StopReason::SinglePage => "single page",
            StopReason::RepeatedPage => "repeated page",
            StopReason::MaxPages => "max pages",
            StopReason::Ignored => "ignored by response action",
            StopReason::RecordLimit => "record limit",
        })
    }
}

/// What a paginator sees of a response.
pub struct PageView<'a> {
    /// The parsed body, when it was JSON.
    pub json: Option<&'a Value>,
    /// Response headers.
    pub headers: &'a HeaderMap,
    /// The URL the request went to (relative next links resolve against it).
    pub url: &'a str,
    /// Number of records selected from this page.
    pub records: usize,
}

/// A paginator: prepares the first request, reads each response, writes the next request.
pub trait Paginator: Send + std::fmt::Debug {
    /// Writes the initial paging parameters (range paginators only).
    fn init_request(&mut self, _req: &mut RequestSpec) -> Result<(), String> {
        Ok(())
    }
    /// Reads a response; decides whether there is a next page.
    fn update_state(&mut self, page: &PageView<'_>) -> Result<(), String>;
    /// Rewrites the request for the next page.
    fn update_request(&mut self, req: &mut RequestSpec) -> Result<(), String>;
    /// Whether another page should be requested.
    fn has_next(&self) -> bool;
    /// Why there is no next page (when `has_next` is false).
    fn stop_reason(&self) -> Option<StopReason>;
    /// The current cursor, offset, page number or next URL, for the page timeline.
    fn position(&self) -> Option<Value>;
    /// The paginator and its parameters, as config (for previews and detection results).
    fn describe(&self) -> Value;
}

/// Builds a fresh paginator from its config; `None` for `auto` (detect or use the client's).
pub fn build(config: &PaginatorConfig) -> Result<Option<Box<dyn Paginator>>, String> {
    let spec = match config {
        PaginatorConfig::Name(name) => match name {
            PaginatorName::Auto => return Ok(None),
            PaginatorName::JsonLink | PaginatorName::JsonResponse => PaginatorSpec::JsonLink {
                next_url_path: None,
            },
            PaginatorName::HeaderLink => PaginatorSpec::HeaderLink {
                links_next_key: None,
            },
            PaginatorName::HeaderCursor => PaginatorSpec::HeaderCursor {
                cursor_key: None,
                cursor_param: None,
            },
            PaginatorName::SinglePage => PaginatorSpec::SinglePage {},
            PaginatorName::Cursor => PaginatorSpec::Cursor {
                cursor_path: None,
                cursor_param: None,
                cursor_body_path: None,
                stop_after_empty_page: None,
                has_more_path: None,
            },
            PaginatorName::PageNumber => PaginatorSpec::PageNumber {
                base_page: None,
                page: None,
                page_param: None,
                page_body_path: None,
                total_path: None,
                maximum_page: None,
                stop_after_empty_page: None,
                has_more_path: None,
            },
            PaginatorName::Offset => {
                return Err("the offset paginator needs a 'limit'".into());
            }
        },
        PaginatorConfig::Spec(spec) => spec.clone(),
    };
    build_spec(&spec)
}

fn build_spec(spec: &PaginatorSpec) -> Result<Option<Box<dyn Paginator>>, String> {
    Ok(Some(match spec {
        PaginatorSpec::Auto {} => return Ok(None),
        PaginatorSpec::SinglePage {} => Box::new(SinglePage::default()),
        PaginatorSpec::JsonLink { next_url_path }
        | PaginatorSpec::JsonResponse { next_url_path } => {
            Box::new(JsonLink::new(next_url_path.as_deref().unwrap_or("next"))?)
        }
        PaginatorSpec::HeaderLink { links_next_key } => {
            Box::new(HeaderLink::new(links_next_key.as_deref().unwrap_or("next")))
        }
        PaginatorSpec::HeaderCursor {
            cursor_key,
            cursor_param,
        } => Box::new(HeaderCursor::new(
            cursor_key.as_deref().unwrap_or("next"),
            cursor_param.as_deref().unwrap_or("cursor"),
        )),
        PaginatorSpec::Cursor {
            cursor_path,
            cursor_param,
            cursor_body_path,
            stop_after_empty_page,
            has_more_path,
        } => Box::new(JsonCursor::new(
            cursor_path.as_deref().unwrap_or("cursors.next"),
            cursor_param.as_deref(),
            cursor_body_path.as_deref(),
            stop_after_empty_page.unwrap_or(false),
            has_more_path.as_deref(),
        )?),
        PaginatorSpec::Offset { .. } | PaginatorSpec::PageNumber { .. } => {
            Box::new(RangePaginator::from_spec(spec)?)
        }
    }))
}
