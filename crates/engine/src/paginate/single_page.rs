//! `single_page`: one request, no changes.

use serde_json::{json, Value};

use super::{PageView, Paginator, StopReason};
use crate::http::request::RequestSpec;

/// Stops after the first response.
#[derive(Debug, Default)]
pub struct SinglePage {
    done: bool,
}

impl Paginator for SinglePage {
    fn update_state(&mut self, _page: &PageView<'_>) -> Result<(), String> {
        self.done = true;
        Ok(())
    }
    fn update_request(&mut self, _req: &mut RequestSpec) -> Result<(), String> {
        Ok(())
    }
    fn has_next(&self) -> bool {
        !self.done
    }
    fn stop_reason(&self) -> Option<StopReason> {
        self.done.then_some(StopReason::SinglePage)
    }
    fn position(&self) -> Option<Value> {
        None
    }
    fn describe(&self) -> Value {
        json!({"type": "single_page"})
    }
}
