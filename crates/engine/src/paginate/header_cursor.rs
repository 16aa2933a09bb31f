//! `header_cursor`: a cursor in a response header, sent back as a query parameter.

use serde_json::{json, Value};

use super::{PageView, Paginator, StopReason};
use crate::http::request::RequestSpec;

/// Reads header `cursor_key` (case-insensitive) and writes it to query `cursor_param`.
#[derive(Debug)]
pub struct HeaderCursor {
    cursor_key: String,
    cursor_param: String,
    cursor: Option<String>,
}

impl HeaderCursor {
    /// A header cursor paginator.
    pub fn new(cursor_key: &str, cursor_param: &str) -> HeaderCursor {
        HeaderCursor {
            cursor_key: cursor_key.to_string(),
            cursor_param: cursor_param.to_string(),
            cursor: None,
        }
    }
}

impl Paginator for HeaderCursor {
    fn update_state(&mut self, page: &PageView<'_>) -> Result<(), String> {
        // A present but empty header still counts as a cursor, as in dlt.
        self.cursor = page
            .headers
            .get(self.cursor_key.as_str())
            .map(|v| String::from_utf8_lossy(v.as_bytes()).to_string());
        Ok(())
    }
    fn update_request(&mut self, req: &mut RequestSpec) -> Result<(), String> {
        if let Some(c) = &self.cursor {
            req.set_query(&self.cursor_param, c.clone());
        }
        Ok(())
    }
    fn has_next(&self) -> bool {
        self.cursor.is_some()
    }
    fn stop_reason(&self) -> Option<StopReason> {
        self.cursor.is_none().then_some(StopReason::NoCursor)
    }
    fn position(&self) -> Option<Value> {
        self.cursor.clone().map(Value::String)
    }
    fn describe(&self) -> Value {
        json!({"type": "header_cursor", "cursor_key": self.cursor_key, "cursor_param": self.cursor_param})
    }
}
