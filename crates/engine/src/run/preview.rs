//! Preview: the real request chain of one resource with limits, and a full trace of what was
//! sent, what came back, what was selected and why paging stopped. Nothing is loaded.

use serde::Serialize;
use serde_json::Value;

use super::pages::{Page, Sequence};
use super::request::{initial_request, IncrementalValues, ParentRecord};
use crate::error::{Error, Result};
use crate::http::client::HttpClient;
use crate::http::retry::HttpSettings;
use crate::incremental::{Incremental, IncrementalSpec};
use crate::jq::compile;
use crate::paginate::detect::Detection;
use crate::paginate::StopReason;
use crate::plan::source::{plan, ResourcePlan, SourcePlan};
use crate::secrets::Stores;

/// How much a preview fetches.
#[derive(Debug, Clone, Copy)]
pub struct PreviewLimits {
    /// Pages of the previewed resource.
    pub pages: u64,
    /// Records of the previewed resource.
    pub records: usize,
}

impl Default for PreviewLimits {
    fn default() -> Self {
        PreviewLimits {
            pages: 3,
            records: 100,
        }
    }
}

/// The parent record a child preview was built from.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParentUsed {
    /// The parent resource.
    pub resource: String,
    /// The first parent record.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub record: Value,
}

/// Everything a preview saw.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewTrace {
    /// The resource previewed.
    pub resource: String,
    /// For a child: the parent chain used, nearest parent last.
    pub parents: Vec<ParentUsed>,
    /// Every page fetched.
    pub pages: Vec<Page>,
    /// Records after processing steps (as they would be loaded).
    #[cfg_attr(feature = "ts", ts(type = "unknown[]"))]
    pub records: Vec<Value>,
    /// Records before processing steps.
    #[cfg_attr(feature = "ts", ts(type = "unknown[]"))]
    pub raw_records: Vec<Value>,
    /// Why paging stopped.
    pub stop: Option<StopReason>,
    /// The paginator detection, when the paginator was `auto`.
    pub detected_paginator: Option<Detection>,
    /// The detected data selector, when none was configured.
    pub detected_selector: Option<String>,
    /// The error that ended the preview, if one did (pages before it are kept).
    pub error: Option<String>,
}

/// Previews one resource of a source document.
pub async fn preview(
    doc: &Value,
    source_name: &str,
    resource: &str,
    limits: PreviewLimits,
    stores: &Stores,
    settings: HttpSettings,
) -> Result<PreviewTrace> {
    let plan = plan(doc, source_name, stores)?;
    let http = HttpClient::new(settings)?;
    let target = plan.resource(resource).ok_or_else(|| Error::Invalid {
        path: "resources".into(),
        message: format!(
            "no resource named '{resource}'; resources are: {}",
            plan.resources
                .iter()
                .map(|r| r.resource.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })?;
    let mut trace = PreviewTrace {
        resource: resource.to_string(),
        parents: Vec::new(),
        pages: Vec::new(),
        records: Vec::new(),
        raw_records: Vec::new(),
        stop: None,
        detected_paginator: None,
        detected_selector: None,
        error: None,
    };
    let mut chain = Vec::new();
    let mut cur = target.parent;
    while let Some(p) = cur {
        chain.push(p);
        cur = plan.resources[p].parent;
    }
    chain.reverse();
    let mut parent: Option<(String, Value)> = None;
    for idx in chain {
        let r = &plan.resources[idx];
        let first = match first_record(&plan, r, parent.as_ref(), &http, stores).await {
            Ok(Some(rec)) => rec,
            Ok(None) => {
                trace.error = Some(format!("parent resource '{}' returned no records, so '{resource}' has nothing to request", r.resource.name));
                return Ok(scrubbed(trace, stores));
            }
            Err(e) => {
                trace.error = Some(format!("parent resource '{}': {e}", r.resource.name));
                return Ok(scrubbed(trace, stores));
            }
        };
        trace.parents.push(ParentUsed {
            resource: r.resource.name.clone(),
            record: first.clone(),
        });
        parent = Some((r.resource.name.clone(), first));
    }
    if let Err(e) = run_target(
        &plan,
        target,
        parent.as_ref(),
        limits,
        &http,
        stores,
        &mut trace,
    )
    .await
    {
        trace.error = Some(e.to_string());
    }
    Ok(scrubbed(trace, stores))
}

async fn run_target(
    plan: &SourcePlan,
    r: &ResourcePlan,
    parent: Option<&(String, Value)>,
    limits: PreviewLimits,
    http: &HttpClient,
    stores: &Stores,
    trace: &mut PreviewTrace,
) -> Result<()> {
    let Some(ep) = &r.endpoint else {
        trace.raw_records = r.resource.rows.clone().unwrap_or_default();
        trace.records = apply_steps(r, trace.raw_records.clone())?;
        return Ok(());
    };
    let pr = parent.map(|(name, record)| ParentRecord { name, record });
    let inc = incremental_values(r)?;
    let req = initial_request(plan, ep, pr.as_ref(), &inc, stores).map_err(|m| Error::Extract {
        resource: r.resource.name.clone(),
        message: m,
    })?;
    let max_pages = ep
        .max_pages
        .map(|m| m.min(limits.pages))
        .or(Some(limits.pages));
    let mut seq = Sequence::new(
        http,
        &r.auth,
        &r.rules,
        &r.resource.name,
        req,
        r.paginator.as_ref(),
        r.selector.clone(),
        max_pages,
    )?
    .keep_bodies();
    let result = async {
        while let Some(page) = seq.next_page().await? {
            trace.raw_records.extend(page.records.iter().cloned());
            trace.pages.push(page);
            if trace.raw_records.len() >= limits.records {
                trace.raw_records.truncate(limits.records);
                seq.stop_now(StopReason::RecordLimit);
            }
        }
        Ok::<(), Error>(())
    }
    .await;
    trace.stop = seq.stop_reason();
    trace.detected_paginator = seq.detected_paginator.clone();
    trace.detected_selector = seq.detected_selector.clone();
    result?;
    trace.records = apply_steps(r, trace.raw_records.clone())?;
    Ok(())
}

async fn first_record(
    plan: &SourcePlan,
    r: &ResourcePlan,
    parent: Option<&(String, Value)>,
    http: &HttpClient,
    stores: &Stores,
) -> Result<Option<Value>> {
    let Some(ep) = &r.endpoint else {
        return Ok(apply_steps(r, r.resource.rows.clone().unwrap_or_default())?
            .into_iter()
            .next());
    };
    let pr = parent.map(|(name, record)| ParentRecord { name, record });
    let req =
        initial_request(plan, ep, pr.as_ref(), &incremental_values(r)?, stores).map_err(|m| {
            Error::Extract {
                resource: r.resource.name.clone(),
                message: m,
            }
        })?;
    let mut seq = Sequence::new(
        http,
        &r.auth,
        &r.rules,
        &r.resource.name,
        req,
        r.paginator.as_ref(),
        r.selector.clone(),
        Some(3),
    )?;
    while let Some(page) = seq.next_page().await? {
        // The parent's steps decide which records spawn children, as in dlt.
        if let Some(first) = apply_steps(r, page.records)?.into_iter().next() {
            return Ok(Some(first));
        }
    }
    Ok(None)
}

/// The values a first run (no stored state) would send, `convert` applied: the same
/// computation the executor makes, so a preview requests what a run would.
fn incremental_values(r: &ResourcePlan) -> Result<IncrementalValues> {
    let Some(spec) = r
        .endpoint
        .as_ref()
        .and_then(|ep| IncrementalSpec::of(ep, r.resource.primary_key.as_ref()))
    else {
        return Ok(IncrementalValues::default());
    };
    let extract = |message: String| Error::Extract {
        resource: r.resource.name.clone(),
        message,
    };
    Incremental::new(spec, None)
        .and_then(|i| i.values())
        .map_err(extract)
}

/// Processing steps in order; within one step filter, then map, then yield_map.
pub fn apply_steps(r: &ResourcePlan, records: Vec<Value>) -> Result<Vec<Value>> {
    let mut out = records;
    for (i, step) in r.resource.processing_steps.iter().flatten().enumerate() {
        let at = |k: &str| format!("{}.processing_steps[{i}].{k}", r.resource.name);
        let run = |code: &str, key: &str, v: &Value| -> Result<Vec<Value>> {
            let f = compile(code).map_err(|m| Error::Invalid {
                path: at(key),
                message: m,
            })?;
            f.run(v).map_err(|m| Error::Extract {
                resource: r.resource.name.clone(),
                message: format!("{}: {m}", at(key)),
            })
        };
        let mut next = Vec::with_capacity(out.len());
        for rec in out {
            if let Some(code) = &step.filter {
                let keep = run(code, "filter", &rec)?
                    .first()
                    .is_some_and(|v| !matches!(v, Value::Null | Value::Bool(false)));
                if !keep {
                    continue;
                }
            }
            let mapped = match &step.map {
                Some(code) => run(code, "map", &rec)?
                    .into_iter()
                    .next()
                    .unwrap_or(Value::Null),
                None => rec,
            };
            match &step.yield_map {
                Some(code) => next.extend(run(code, "yield_map", &mapped)?),
                None => next.push(mapped),
            }
        }
        out = next;
    }
    Ok(out)
}

/// Removes every resolved secret value from the trace, wherever it ended up.
fn scrubbed(mut trace: PreviewTrace, stores: &Stores) -> PreviewTrace {
    super::scrub::scrub_trace(&mut trace, &stores.resolved_values());
    trace
}
