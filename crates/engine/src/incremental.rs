//! Incremental loading (dlt-behaviour §7): the cursor filter applied to every record after the
//! processing steps, boundary de-duplication, and the state dlt keeps per resource.

use std::cmp::Ordering;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::incremental::{LastValueFunc, OnCursorValueMissing, RangeBound, RowOrder};
use crate::config::{Endpoint, IncrementalConfig, KeyList, ParamValue};
use crate::jq::{compile, JqFilter};
use crate::normalize::hash::digest128;
use crate::normalize::pyfmt::sorted_compact_json;
use crate::run::request::IncrementalValues;
use crate::select::Selector;

/// Bytes of a boundary hash (dlt 1.31: 9 bytes, 12 base64 characters).
const HASH_BYTES: usize = 9;

/// What dlt stores per cursor: `state.sources.<source>.resources.<resource>.incremental.<cursor_path>`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CursorState {
    /// The configured initial value.
    pub initial_value: Option<Value>,
    /// The furthest cursor value loaded.
    pub last_value: Option<Value>,
    /// Hashes of the records whose cursor equals `last_value`.
    #[serde(default)]
    pub unique_hashes: Vec<String>,
    /// The start value of the last run that loaded rows.
    pub start_value: Option<Value>,
}

/// The incremental settings of an endpoint, whichever of dlt's three styles wrote them.
#[derive(Debug, Clone)]
pub struct IncrementalSpec {
    /// JSONPath of the cursor.
    pub cursor_path: String,
    /// Initial value.
    pub initial_value: Option<Value>,
    /// End value (backfill: no state).
    pub end_value: Option<Value>,
    /// max or min.
    pub func: LastValueFunc,
    /// Dedup key; `Some([])` disables dedup; `None` hashes the whole record.
    pub primary_key: Option<Vec<String>>,
    /// Row order, for stopping early.
    pub row_order: Option<RowOrder>,
    /// Missing cursor policy.
    pub on_missing: OnCursorValueMissing,
    /// Whether the start bound is inclusive.
    pub range_start: RangeBound,
    /// Whether the end bound is inclusive.
    pub range_end: RangeBound,
    /// Shift of the start value.
    pub lag: Option<f64>,
    /// jq applied to values before they go into requests.
    pub convert: Option<String>,
    /// One cursor per parent record (a Pipewright extension).
    pub per_parent: bool,
}

impl IncrementalSpec {
    /// The endpoint's incremental settings, if it has any; `resource_pk` is the fallback dedup key.
    pub fn of(ep: &Endpoint, resource_pk: Option<&KeyList>) -> Option<IncrementalSpec> {
        let pk = |own: &Option<KeyList>| {
            own.as_ref()
                .or(resource_pk)
                .map(|k| k.names().into_iter().map(str::to_string).collect())
        };
        if let Some(c) = &ep.incremental {
            return Some(Self::from_config(c, pk(&c.primary_key)));
        }
        ep.params.iter().flatten().find_map(|(_, v)| match v {
            ParamValue::Incremental(p) => Some(IncrementalSpec {
                cursor_path: p.cursor_path.clone(),
                initial_value: p.initial_value.clone(),
                end_value: None,
                func: p.last_value_func.unwrap_or(LastValueFunc::Max),
                primary_key: pk(&p.primary_key),
                row_order: p.row_order,
                on_missing: p
                    .on_cursor_value_missing
                    .unwrap_or(OnCursorValueMissing::Raise),
                range_start: RangeBound::Closed,
                range_end: RangeBound::Open,
                lag: None,
                convert: p.convert.clone().or_else(|| p.transform.clone()),
                per_parent: false,
            }),
            _ => None,
        })
    }

    fn from_config(c: &IncrementalConfig, primary_key: Option<Vec<String>>) -> IncrementalSpec {
        IncrementalSpec {
            cursor_path: c.cursor_path.clone(),
            initial_value: c.initial_value.clone(),
            end_value: c.end_value.clone(),
            func: c.last_value_func.unwrap_or(LastValueFunc::Max),
            primary_key,
            row_order: c.row_order,
            on_missing: c
                .on_cursor_value_missing
                .unwrap_or(OnCursorValueMissing::Raise),
            range_start: c.range_start.unwrap_or(RangeBound::Closed),
            range_end: c.range_end.unwrap_or(RangeBound::Open),
            lag: c.lag.as_ref().and_then(|n| n.as_f64()),
            convert: c.convert.clone(),
            per_parent: c.per_parent == Some(true),
        }
    }
}

/// The cursor filter of one resource during one run.
#[derive(Debug)]
pub struct Incremental {
    spec: IncrementalSpec,
    cursor: Selector,
    convert: Option<JqFilter>,
    start_value: Option<Value>,
    last_value: Option<Value>,
    seen_hashes: HashSet<String>,
    boundary: Vec<String>,
    dedup: bool,
    passed_any: bool,
}

/// Python-style ordering of two JSON values; mixed types cannot be compared.
pub fn compare(a: &Value, b: &Value) -> Result<Ordering, String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            x.partial_cmp(&y)
                .ok_or_else(|| "cursor values are not comparable numbers".into())
        }
        (Value::String(x), Value::String(y)) => Ok(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Ok(x.cmp(y)),
        _ => Err(format!(
            "cannot compare cursor value {a} with {b}: different types"
        )),
    }
}

impl Incremental {
    /// Starts a run from the stored state (if any, and if no end value makes it a backfill).
    pub fn new(spec: IncrementalSpec, state: Option<&CursorState>) -> Result<Incremental, String> {
        let cursor = Selector::parse(&spec.cursor_path)
            .map_err(|e| format!("incremental.cursor_path: {e}"))?;
        let convert = spec.convert.as_deref().map(compile).transpose()?;
        let backfill = spec.end_value.is_some();
        let state = if backfill { None } else { state };
        let mut start_value = state
            .and_then(|s| s.last_value.clone())
            .or_else(|| spec.initial_value.clone());
        if let (Some(lag), Some(v)) = (spec.lag, start_value.as_ref()) {
            start_value = Some(apply_lag(v, lag, spec.func, spec.initial_value.as_ref()));
        }
        let dedup = spec.range_start == RangeBound::Closed
            && !backfill
            && spec.lag.is_none()
            && spec.primary_key.as_ref().is_none_or(|k| !k.is_empty());
        let seen_hashes = if dedup {
            state
                .map(|s| s.unique_hashes.iter().cloned().collect())
                .unwrap_or_default()
        } else {
            HashSet::new()
        };
        Ok(Incremental {
            last_value: start_value.clone(),
            start_value,
            spec,
            cursor,
            convert,
            seen_hashes,
            boundary: Vec::new(),
            dedup,
            passed_any: false,
        })
    }

    /// The values placeholders and start/end params see (converted when `convert` is set).
    pub fn values(&self) -> Result<IncrementalValues, String> {
        let conv = |v: &Option<Value>| -> Result<Option<Value>, String> {
            match (v, &self.convert) {
                (Some(v), Some(f)) if !v.is_null() => Ok(f.run(v)?.into_iter().next()),
                (v, _) => Ok(v.clone()),
            }
        };
        Ok(IncrementalValues {
            initial_value: conv(&self.spec.initial_value)?,
            start_value: conv(&self.start_value)?,
            last_value: conv(&self.last_value)?,
            end_value: conv(&self.spec.end_value)?,
        })
    }

    fn before(&self, v: &Value, bound: &Value) -> Result<bool, String> {
        let o = compare(v, bound)?;
        Ok(match self.spec.func {
            LastValueFunc::Max => o == Ordering::Less,
            LastValueFunc::Min => o == Ordering::Greater,
        })
    }

    /// Filters a page; returns the kept records and whether paging can stop (row_order).
    pub fn filter(&mut self, records: Vec<Value>) -> Result<(Vec<Value>, bool), String> {
        let mut kept = Vec::with_capacity(records.len());
        let mut stop = false;
        for rec in records {
            let value = self.cursor.first(&rec).filter(|v| !v.is_null()).cloned();
            let Some(value) = value else {
                match self.spec.on_missing {
                    OnCursorValueMissing::Raise => {
                        return Err(format!(
                            "cursor element with JSON path '{}' was not found in a record (or is null); set on_cursor_value_missing to 'include' or 'exclude' to accept such records",
                            self.spec.cursor_path
                        ))
                    }
                    OnCursorValueMissing::Include => kept.push(rec),
                    OnCursorValueMissing::Exclude => {}
                }
                continue;
            };
            if let Some(end) = &self.spec.end_value {
                let beyond = self.before(end, &value)?
                    || (self.spec.range_end == RangeBound::Open
                        && compare(&value, end)? == Ordering::Equal);
                if beyond {
                    stop |= self.spec.row_order == Some(RowOrder::Asc);
                    continue;
                }
            }
            if let Some(start) = self.start_value.clone() {
                if self.before(&value, &start)? {
                    stop |= self.spec.row_order == Some(RowOrder::Desc);
                    continue;
                }
                if compare(&value, &start)? == Ordering::Equal {
                    if self.spec.range_start == RangeBound::Open {
                        continue;
                    }
                    if self.dedup && self.seen_hashes.contains(&self.hash(&rec)) {
                        continue;
                    }
                }
            }
            match &self.last_value {
                Some(lv) if !self.before(lv, &value)? => {
                    if compare(lv, &value)? == Ordering::Equal && self.dedup {
                        let h = self.hash(&rec);
                        self.boundary.push(h);
                    }
                }
                _ => {
                    self.last_value = Some(value);
                    self.boundary.clear();
                    if self.dedup {
                        let h = self.hash(&rec);
                        self.boundary.push(h);
                    }
                }
            }
            self.passed_any = true;
            kept.push(rec);
        }
        Ok((kept, stop))
    }

    fn hash(&self, rec: &Value) -> String {
        let text = match &self.spec.primary_key {
            Some(keys) if keys.len() == 1 => {
                sorted_compact_json(rec.get(&keys[0]).unwrap_or(&Value::Null))
            }
            Some(keys) => sorted_compact_json(&Value::Array(
                keys.iter()
                    .map(|k| rec.get(k).cloned().unwrap_or(Value::Null))
                    .collect(),
            )),
            None => sorted_compact_json(rec),
        };
        digest128(text.as_bytes(), HASH_BYTES)
    }

    /// The state to store after a successful load; `None` for backfills (dlt keeps none).
    pub fn state(&self, previous: Option<&CursorState>) -> Option<CursorState> {
        if self.spec.end_value.is_some() {
            return None;
        }
        let mut hashes = self.boundary.clone();
        // Records equal to an unchanged last value stay deduplicated on the next run too.
        if let Some(prev) = previous {
            if prev.last_value == self.last_value {
                for h in &prev.unique_hashes {
                    if !hashes.contains(h) {
                        hashes.push(h.clone());
                    }
                }
            }
        }
        Some(CursorState {
            initial_value: self.spec.initial_value.clone(),
            last_value: self.last_value.clone(),
            unique_hashes: hashes,
            start_value: if self.passed_any {
                self.start_value.clone()
            } else {
                previous
                    .and_then(|p| p.start_value.clone())
                    .or_else(|| self.start_value.clone())
            },
        })
    }

    /// The cursor path (the state key).
    pub fn cursor_path(&self) -> &str {
        &self.spec.cursor_path
    }
}

/// Moves a start value back by `lag` (seconds for timestamps, days for dates, units for
/// numbers), never past the initial value.
fn apply_lag(v: &Value, lag: f64, func: LastValueFunc, initial: Option<&Value>) -> Value {
    let sign = if func == LastValueFunc::Max {
        -1.0
    } else {
        1.0
    };
    let shifted = match v {
        Value::Number(n) => n.as_f64().map(|x| serde_json::json!(x + sign * lag)),
        Value::String(s) => shift_text(s, sign * lag).map(Value::String),
        _ => None,
    };
    let Some(shifted) = shifted else {
        return v.clone();
    };
    match initial {
        Some(init) => match compare(&shifted, init) {
            Ok(o)
                if (func == LastValueFunc::Max && o == Ordering::Less)
                    || (func == LastValueFunc::Min && o == Ordering::Greater) =>
            {
                init.clone()
            }
            _ => shifted,
        },
        None => shifted,
    }
}

/// Shifts an ISO date (by days) or UTC timestamp (by seconds) and writes it back in the same
/// shape, so string comparisons with the API's values stay meaningful.
fn shift_text(s: &str, amount: f64) -> Option<String> {
    use crate::normalize::timestamp::{civil_from_days, days_from_civil, text_to_timestamp};
    let b = s.as_bytes();
    let date_only = s.len() == 10 && b[4] == b'-' && b[7] == b'-';
    if date_only {
        let y: i64 = s[0..4].parse().ok()?;
        let m: u32 = s[5..7].parse().ok()?;
        let d: u32 = s[8..10].parse().ok()?;
        let (y, m, d) = civil_from_days(days_from_civil(y, m, d) + amount as i64);
        return Some(format!("{y:04}-{m:02}-{d:02}"));
    }
    // Only the common UTC shapes keep their format exactly: `...Z` and `...+00:00`.
    let suffix = if s.ends_with('Z') {
        "Z"
    } else if s.ends_with("+00:00") {
        "+00:00"
    } else {
        return None;
    };
    if s.len() != 19 + suffix.len() {
        return None;
    }
    let micros = text_to_timestamp(s)? + (amount * 1e6) as i64;
    let secs = micros.div_euclid(1_000_000);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400);
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{suffix}",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec(extra: Value) -> IncrementalSpec {
        let mut cfg = json!({"cursor_path": "updated_at", "initial_value": 10});
        cfg.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let c: IncrementalConfig = serde_json::from_value(cfg).unwrap();
        IncrementalSpec::from_config(&c, Some(vec!["id".into()]))
    }

    fn recs(vals: &[(i64, i64)]) -> Vec<Value> {
        vals.iter()
            .map(|(id, u)| json!({"id": id, "updated_at": u}))
            .collect()
    }

    #[test]
    fn filters_before_start_and_tracks_last_value() {
        let mut inc = Incremental::new(spec(json!({})), None).unwrap();
        let (kept, _) = inc.filter(recs(&[(1, 5), (2, 10), (3, 12)])).unwrap();
        assert_eq!(kept.len(), 2);
        let st = inc.state(None).unwrap();
        assert_eq!(st.last_value, Some(json!(12)));
        assert_eq!(st.unique_hashes.len(), 1);
        // Second run: the boundary record is deduplicated, newer ones pass.
        let mut inc = Incremental::new(spec(json!({})), Some(&st)).unwrap();
        assert_eq!(inc.values().unwrap().start_value, Some(json!(12)));
        let (kept, _) = inc.filter(recs(&[(3, 12), (4, 12), (5, 13)])).unwrap();
        let ids: Vec<i64> = kept.iter().map(|r| r["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, vec![4, 5]);
    }

    #[test]
    fn end_value_open_and_row_order_stop() {
        let mut inc =
            Incremental::new(spec(json!({"end_value": 20, "row_order": "asc"})), None).unwrap();
        let (kept, stop) = inc.filter(recs(&[(1, 15), (2, 20), (3, 25)])).unwrap();
        assert_eq!(kept.len(), 1);
        assert!(stop);
        assert!(inc.state(None).is_none());
    }

    #[test]
    fn min_func_and_missing_cursor_policies() {
        let mut inc = Incremental::new(
            spec(json!({"last_value_func": "min", "on_cursor_value_missing": "exclude"})),
            None,
        )
        .unwrap();
        let (kept, _) = inc
            .filter(vec![
                json!({"id": 1, "updated_at": 5}),
                json!({"id": 2, "updated_at": 11}),
                json!({"id": 3}),
            ])
            .unwrap();
        assert_eq!(kept, vec![json!({"id": 1, "updated_at": 5})]);
        let mut raise = Incremental::new(spec(json!({})), None).unwrap();
        assert!(raise
            .filter(vec![json!({"id": 3})])
            .unwrap_err()
            .contains("on_cursor_value_missing"));
    }

    #[test]
    fn lag_shifts_and_keeps_the_format() {
        assert_eq!(
            shift_text("2024-01-02T00:00:00Z", -3600.0).as_deref(),
            Some("2024-01-01T23:00:00Z")
        );
        assert_eq!(
            shift_text("2024-03-01", -1.0).as_deref(),
            Some("2024-02-29")
        );
        let v = apply_lag(
            &json!("2024-01-02T00:00:00Z"),
            86_400.0 * 3.0,
            LastValueFunc::Max,
            Some(&json!("2024-01-01T00:00:00Z")),
        );
        assert_eq!(v, json!("2024-01-01T00:00:00Z"));
        assert_eq!(
            apply_lag(&json!(100), 10.0, LastValueFunc::Max, None),
            json!(90.0)
        );
    }

    #[test]
    fn mixed_types_and_convert() {
        assert!(compare(&json!(1), &json!("1")).is_err());
        let inc = Incremental::new(spec(json!({"convert": "tostring"})), None).unwrap();
        assert_eq!(inc.values().unwrap().start_value, Some(json!("10")));
    }
}
