//! `page_number` and `offset`: one engine counting pages or items (dlt's `RangePaginator`).

use serde_json::{json, Value};

use super::values::{as_bool, as_int, lookup, path};
use super::{PageView, Paginator, StopReason};
use crate::config::PaginatorSpec;
use crate::http::request::RequestSpec;
use crate::select::Selector;

/// Where a number goes in the request.
#[derive(Debug, Clone)]
enum Slot {
    Query(String),
    Body(String),
}

/// Counts pages (`page_number`) or items (`offset`).
#[derive(Debug)]
pub struct RangePaginator {
    kind: &'static str,
    initial: i64,
    current: i64,
    step: i64,
    base_index: i64,
    maximum: Option<i64>,
    total_path: Option<Selector>,
    has_more_path: Option<Selector>,
    stop_after_empty_page: bool,
    value_slot: Slot,
    limit_slot: Option<Slot>,
    has_next: bool,
    reason: Option<StopReason>,
}

fn slot(
    param: &Option<String>,
    body: &Option<String>,
    default: &str,
    names: (&str, &str),
) -> Result<Slot, String> {
    match (param, body) {
        (Some(_), Some(_)) => Err(format!(
            "either '{}' or '{}' must be provided, not both",
            names.0, names.1
        )),
        (Some(p), None) if !p.is_empty() => Ok(Slot::Query(p.clone())),
        (None, Some(b)) if !b.is_empty() => Ok(Slot::Body(b.clone())),
        (None, None) => Ok(Slot::Query(default.into())),
        _ => Err(format!("'{}' and '{}' cannot be empty", names.0, names.1)),
    }
}

fn to_i64(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

impl RangePaginator {
    /// Builds a page-number or offset paginator from its config.
    pub fn from_spec(spec: &PaginatorSpec) -> Result<RangePaginator, String> {
        let total = |tp: &Option<Option<String>>| -> Result<Option<Selector>, String> {
            match tp {
                None => Ok(Some(path("total_path", "total")?)),
                Some(None) => Ok(None),
                Some(Some(p)) => Ok(Some(path("total_path", p)?)),
            }
        };
        let more =
            |hm: &Option<String>| hm.as_deref().map(|p| path("has_more_path", p)).transpose();
        match spec {
            PaginatorSpec::PageNumber {
                base_page,
                page,
                page_param,
                page_body_path,
                total_path,
                maximum_page,
                stop_after_empty_page,
                has_more_path,
            } => {
                let base = to_i64(base_page.unwrap_or(0));
                let initial = page.map(to_i64).unwrap_or(base);
                Ok(RangePaginator {
                    kind: "page_number",
                    initial,
                    current: initial,
                    step: 1,
                    base_index: base,
                    maximum: maximum_page.map(to_i64),
                    total_path: total(total_path)?,
                    has_more_path: more(has_more_path)?,
                    stop_after_empty_page: stop_after_empty_page.unwrap_or(true),
                    value_slot: slot(
                        page_param,
                        page_body_path,
                        "page",
                        ("page_param", "page_body_path"),
                    )?,
                    limit_slot: None,
                    has_next: true,
                    reason: None,
                })
            }
            PaginatorSpec::Offset {
                limit,
                offset,
                offset_param,
                offset_body_path,
                limit_param,
                limit_body_path,
                total_path,
                maximum_offset,
                stop_after_empty_page,
                has_more_path,
            } => {
                let initial = to_i64(offset.unwrap_or(0));
                Ok(RangePaginator {
                    kind: "offset",
                    initial,
                    current: initial,
                    step: to_i64(*limit),
                    base_index: 0,
                    maximum: maximum_offset.map(to_i64),
                    total_path: total(total_path)?,
                    has_more_path: more(has_more_path)?,
                    stop_after_empty_page: stop_after_empty_page.unwrap_or(true),
                    value_slot: slot(
                        offset_param,
                        offset_body_path,
                        "offset",
                        ("offset_param", "offset_body_path"),
                    )?,
                    limit_slot: Some(slot(
                        limit_param,
                        limit_body_path,
                        "limit",
                        ("limit_param", "limit_body_path"),
                    )?),
                    has_next: true,
                    reason: None,
                })
            }
            other => Err(format!("'{}' is not a range paginator", other.type_name())),
        }
    }

    fn write(slot: &Slot, value: i64, req: &mut RequestSpec) -> Result<(), String> {
        match slot {
            Slot::Query(p) => {
                req.set_query(p, value.to_string());
                Ok(())
            }
            Slot::Body(b) => req.set_body_path(b, json!(value)),
        }
    }

    fn stop(&mut self, reason: StopReason) {
        self.has_next = false;
        self.reason = Some(reason);
    }

    fn unit(&self) -> &'static str {
        if self.kind == "offset" {
            "items"
        } else {
            "pages"
        }
    }
}

impl Paginator for RangePaginator {
    fn init_request(&mut self, req: &mut RequestSpec) -> Result<(), String> {
        self.has_next = true;
        self.reason = None;
        self.current = self.initial;
        self.update_request(req)
    }

    fn update_state(&mut self, page: &PageView<'_>) -> Result<(), String> {
        if self.stop_after_empty_page && page.records == 0 {
            self.stop(StopReason::EmptyPage);
            return Ok(());
        }
        let total = match &self.total_path {
            Some(tp) => {
                let raw = lookup(page.json, tp).filter(|v| !v.is_null()).ok_or_else(|| {
                    format!("total {} not found in the response: expected a '{}' key (set total_path to null if the API has none)", self.unit(), tp.as_str())
                })?;
                Some(as_int(raw).ok_or_else(|| {
                    format!("'{}' is not an integer in the response: {raw}", tp.as_str())
                })?)
            }
            None => None,
        };
        self.current += self.step;
        if total.is_some_and(|t| self.current >= t + self.base_index) {
            self.stop(StopReason::TotalReached);
        } else if self.maximum.is_some_and(|m| self.current >= m) {
            self.stop(StopReason::MaximumReached);
        }
        if let Some(hm) = &self.has_more_path {
            let raw = lookup(page.json, hm)
                .filter(|v| !v.is_null())
                .ok_or_else(|| {
                    format!("has_more_path '{}' not found in the response", hm.as_str())
                })?;
            let more = as_bool(raw).ok_or_else(|| {
                format!("'{}' is not a boolean in the response: {raw}", hm.as_str())
            })?;
            // dlt 1.31 ANDs has-more with the previous decision.
            if !more && self.has_next {
                self.stop(StopReason::HasMoreFalse);
            }
        }
        Ok(())
    }

    fn update_request(&mut self, req: &mut RequestSpec) -> Result<(), String> {
        Self::write(&self.value_slot.clone(), self.current, req)?;
        if let Some(limit) = &self.limit_slot.clone() {
            Self::write(limit, self.step, req)?;
        }
        Ok(())
    }

    fn has_next(&self) -> bool {
        self.has_next
    }
    fn stop_reason(&self) -> Option<StopReason> {
        self.reason
    }
    fn position(&self) -> Option<Value> {
        Some(json!(self.current))
    }
    fn describe(&self) -> Value {
        let mut d = json!({"type": self.kind});
        if self.kind == "offset" {
            d["limit"] = json!(self.step);
        } else {
            d["base_page"] = json!(self.base_index);
        }
        match &self.total_path {
            Some(tp) => d["total_path"] = json!(tp.as_str()),
            None => d["total_path"] = Value::Null,
        }
        d
    }
}
