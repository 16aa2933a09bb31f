//! `cursor`: a cursor in the JSON body, sent back as a query parameter or a JSON body field.

use serde_json::{json, Value};

use super::values::{as_bool, lookup, path};
use super::{PageView, Paginator, StopReason};
use crate::http::request::RequestSpec;
use crate::select::Selector;

/// Reads the cursor at `cursor_path` and writes it to `cursor_param` or `cursor_body_path`.
#[derive(Debug)]
pub struct JsonCursor {
    cursor_path: Selector,
    cursor_param: Option<String>,
    cursor_body_path: Option<String>,
    stop_after_empty_page: bool,
    has_more_path: Option<Selector>,
    cursor: Option<Value>,
    reason: Option<StopReason>,
}

impl JsonCursor {
    /// A cursor paginator; `cursor_param` defaults to `cursor` when no body path is given.
    pub fn new(
        cursor_path: &str,
        cursor_param: Option<&str>,
        cursor_body_path: Option<&str>,
        stop_after_empty_page: bool,
        has_more_path: Option<&str>,
    ) -> Result<JsonCursor, String> {
        if cursor_param.is_some() && cursor_body_path.is_some() {
            return Err(
                "either 'cursor_param' or 'cursor_body_path' must be provided, not both".into(),
            );
        }
        Ok(JsonCursor {
            cursor_path: path("cursor_path", cursor_path)?,
            cursor_param: match (cursor_param, cursor_body_path) {
                (None, None) => Some("cursor".into()),
                (p, _) => p.map(str::to_string),
            },
            cursor_body_path: cursor_body_path.map(str::to_string),
            stop_after_empty_page,
            has_more_path: has_more_path
                .map(|p| path("has_more_path", p))
                .transpose()?,
            cursor: None,
            reason: None,
        })
    }
}

/// dlt keeps a cursor only when it is truthy: `""`, `0`, `false` and `null` all stop.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

impl Paginator for JsonCursor {
    fn update_state(&mut self, page: &PageView<'_>) -> Result<(), String> {
        self.cursor = lookup(page.json, &self.cursor_path)
            .filter(|v| truthy(v))
            .cloned();
        self.reason = self.cursor.is_none().then_some(StopReason::NoCursor);
        if self.stop_after_empty_page && page.records == 0 {
            self.cursor = None;
            self.reason = Some(StopReason::EmptyPage);
        }
        if let Some(hm) = &self.has_more_path {
            let raw = lookup(page.json, hm).ok_or_else(|| {
                format!("has_more_path '{}' not found in the response", hm.as_str())
            })?;
            let more = as_bool(raw).ok_or_else(|| {
                format!("has_more_path '{}' is not a boolean: {raw}", hm.as_str())
            })?;
            // dlt 1.31: has-next is the previous decision AND has-more.
            if !more && self.cursor.is_some() {
                self.cursor = None;
                self.reason = Some(StopReason::HasMoreFalse);
            }
        }
        Ok(())
    }
    fn update_request(&mut self, req: &mut RequestSpec) -> Result<(), String> {
        let Some(cursor) = &self.cursor else {
            return Ok(());
        };
        if let Some(param) = &self.cursor_param {
            let text = match cursor {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            req.set_query(param, text);
        } else if let Some(body_path) = &self.cursor_body_path {
            req.set_body_path(body_path, cursor.clone())?;
        }
        Ok(())
    }
    fn has_next(&self) -> bool {
        self.cursor.is_some()
    }
    fn stop_reason(&self) -> Option<StopReason> {
        self.reason
    }
    fn position(&self) -> Option<Value> {
        self.cursor.clone()
    }
    fn describe(&self) -> Value {
        let mut d = json!({"type": "cursor", "cursor_path": self.cursor_path.as_str()});
        if let Some(p) = &self.cursor_param {
            d["cursor_param"] = json!(p);
        }
        if let Some(p) = &self.cursor_body_path {
            d["cursor_body_path"] = json!(p);
        }
        d
    }
}
