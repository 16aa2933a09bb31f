//! Preview: the real request chain of one resource with limits, and a full trace of what was
//! sent, what came back, what was selected and why paging stopped. Nothing is loaded.

use serde::Serialize;
use serde_json::Value;

use super::pages::{Page, Sequence};
use super::request::{IncrementalValues, ParentRecord};
use super::schema_preview::SchemaPreview;
use crate::error::{Error, Result};
use crate::http::client::HttpClient;
use crate::http::retry::HttpSettings;
use crate::incremental::{Incremental, IncrementalSpec};
use crate::jq::{compile, JqFilter};
use crate::paginate::detect::Detection;
use crate::paginate::StopReason;
use crate::plan::source::{plan, ResourcePlan, SourcePlan};
use crate::secrets::Stores;
use tokio_util::sync::CancellationToken;

/// How much a preview fetches.
#[derive(Debug, Clone, Copy)]
pub struct PreviewLimits {
    /// Pages of the previewed resource (per parent record, for a child).
    pub pages: u64,
    /// Records of the previewed resource (all parents together).
    pub records: usize,
    /// For a child: how many records of its nearest parent to preview it for.
    pub parents: usize,
}

impl Default for PreviewLimits {
    fn default() -> Self {
        PreviewLimits {
            pages: 3,
            records: 100,
            parents: 1,
        }
    }
}

/// What a preview is asked beyond its limits.
#[derive(Debug, Clone, Default)]
pub struct PreviewInput {
    /// For a child: records of its nearest parent to use instead of fetching them (the values a
    /// user picked).
    pub parent_records: Option<Vec<Value>>,
    /// Stops the preview; the pages fetched so far are kept and `cancelled` is set.
    pub cancel: CancellationToken,
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
    /// For a child: the parent chain used (first record of each), nearest parent last.
    pub parents: Vec<ParentUsed>,
    /// Every page fetched.
    pub pages: Vec<Page>,
    /// Records after processing steps (as they would be loaded).
    #[cfg_attr(feature = "ts", ts(type = "unknown[]"))]
    pub records: Vec<Value>,
    /// Records before processing steps.
    #[cfg_attr(feature = "ts", ts(type = "unknown[]"))]
    pub raw_records: Vec<Value>,
    /// Why paging stopped (for a child: the last parent's sequence).
    pub stop: Option<StopReason>,
    /// The paginator detection, when the paginator was `auto`.
    pub detected_paginator: Option<Detection>,
    /// The detected data selector, when none was configured.
    pub detected_selector: Option<String>,
    /// The error that ended the preview, if one did (pages before it are kept).
    pub error: Option<String>,
    /// For a child: the nearest parent's records it was previewed for.
    #[cfg_attr(feature = "ts", ts(type = "unknown[]"))]
    pub parent_records: Vec<Value>,
    /// The tables a load of `records` would create, from the normalizer.
    pub schema: SchemaPreview,
    /// True when the preview was cancelled (pages before it are kept).
    pub cancelled: bool,
}

/// Previews one resource of a source document (a child: for its first parent record).
pub async fn preview(
    doc: &Value,
    source_name: &str,
    resource: &str,
    limits: PreviewLimits,
    stores: &Stores,
    settings: HttpSettings,
) -> Result<PreviewTrace> {
    let input = PreviewInput::default();
    preview_with(doc, source_name, resource, limits, &input, stores, settings).await
}

/// Previews one resource: a child for the first `limits.parents` records of its nearest parent
/// or for `input.parent_records`, each with its own request sequence.
pub async fn preview_with(
    doc: &Value,
    source_name: &str,
    resource: &str,
    limits: PreviewLimits,
    input: &PreviewInput,
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
        parent_records: Vec::new(),
        schema: SchemaPreview::default(),
        cancelled: false,
    };
    let ctx = Ctx {
        plan: &plan,
        http: &http,
        stores,
        cancel: &input.cancel,
    };
    let mut chain = Vec::new();
    let mut cur = target.parent;
    while let Some(p) = cur {
        chain.push(p);
        cur = plan.resources[p].parent;
    }
    chain.reverse();
    // Ancestors above the nearest parent: their first record, as a single-parent preview.
    let mut parent: Option<(String, Value)> = None;
    let nearest = chain.pop();
    for idx in chain {
        let r = &plan.resources[idx];
        match ctx.parent_records(r, parent.as_ref(), 1).await {
            Ok(recs) if !recs.is_empty() => {
                let first = recs.into_iter().next().unwrap_or(Value::Null);
                trace.parents.push(ParentUsed {
                    resource: r.resource.name.clone(),
                    record: first.clone(),
                });
                parent = Some((r.resource.name.clone(), first));
            }
            outcome => {
                return Ok(ctx.finish(trace, r, resource, outcome.err(), source_name, target))
            }
        }
    }
    let Some(nearest) = nearest else {
        if let Err(e) = ctx.run_target(target, None, limits, &mut trace).await {
            trace.error = Some(e.to_string());
        }
        return Ok(ctx.done(trace, source_name, target));
    };
    let r = &plan.resources[nearest];
    let records = match &input.parent_records {
        Some(given) => given.clone(),
        None => match ctx
            .parent_records(r, parent.as_ref(), limits.parents.max(1))
            .await
        {
            Ok(recs) if !recs.is_empty() => recs,
            outcome => {
                return Ok(ctx.finish(trace, r, resource, outcome.err(), source_name, target))
            }
        },
    };
    if let Some(first) = records.first() {
        trace.parents.push(ParentUsed {
            resource: r.resource.name.clone(),
            record: first.clone(),
        });
    }
    trace.parent_records = records.clone();
    for (i, record) in records.into_iter().enumerate() {
        if trace.cancelled || trace.raw_records.len() >= limits.records {
            break;
        }
        let p = (r.resource.name.clone(), record);
        if let Err(e) = ctx
            .run_target(target, Some((i, &p)), limits, &mut trace)
            .await
        {
            trace.error = Some(format!("for parent record {i}: {e}"));
            break;
        }
    }
    Ok(ctx.done(trace, source_name, target))
}

/// What every step of a preview shares.
struct Ctx<'c> {
    plan: &'c SourcePlan,
    http: &'c HttpClient,
    stores: &'c Stores,
    cancel: &'c CancellationToken,
}

impl Ctx<'_> {
    /// Ends a preview whose parent gave no records (or failed).
    fn finish(
        &self,
        mut trace: PreviewTrace,
        parent: &ResourcePlan,
        resource: &str,
        error: Option<Error>,
        source: &str,
        target: &ResourcePlan,
    ) -> PreviewTrace {
        trace.error = Some(match error {
            Some(Error::Cancelled) => {
                trace.cancelled = true;
                "cancelled".into()
            }
            Some(e) => format!("parent resource '{}': {e}", parent.resource.name),
            None => format!(
                "parent resource '{}' returned no records, so '{resource}' has nothing to request",
                parent.resource.name
            ),
        });
        self.done(trace, source, target)
    }

    /// Applies the steps, computes the schema and removes secrets.
    fn done(&self, mut trace: PreviewTrace, source: &str, target: &ResourcePlan) -> PreviewTrace {
        match apply_steps(target, trace.raw_records.clone()) {
            Ok(records) => trace.records = records,
            Err(e) => {
                trace.error.get_or_insert(e.to_string());
            }
        }
        super::schema_preview::attach(&mut trace, source, target);
        super::scrub::scrub_trace(&mut trace, &self.stores.resolved_values());
        trace
    }

    /// Pages of the target for one parent record (or none), appended to the trace.
    async fn run_target(
        &self,
        r: &ResourcePlan,
        parent: Option<(usize, &(String, Value))>,
        limits: PreviewLimits,
        trace: &mut PreviewTrace,
    ) -> Result<()> {
        let Some(ep) = &r.endpoint else {
            trace.raw_records = r.resource.rows.clone().unwrap_or_default();
            return Ok(());
        };
        let pr = parent.map(|(_, (name, record))| ParentRecord { name, record });
        let max_pages = ep
            .max_pages
            .map(|m| m.min(limits.pages))
            .or(Some(limits.pages));
        let mut seq = Sequence::for_resource(
            self.http,
            self.plan,
            r,
            ep,
            pr.as_ref(),
            &incremental_values(r)?,
            self.stores,
            max_pages,
        )?
        .keep_bodies();
        let result = async {
            loop {
                let page = tokio::select! {
                    _ = self.cancel.cancelled() => {
                        trace.cancelled = true;
                        break;
                    }
                    page = seq.next_page() => page?,
                };
                let Some(mut page) = page else { break };
                page.parent = parent.map(|(i, _)| i);
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
        if trace.detected_paginator.is_none() {
            trace.detected_paginator = seq.detected_paginator.clone();
        }
        if trace.detected_selector.is_none() {
            trace.detected_selector = seq.detected_selector.clone();
        }
        result
    }

    /// The first `n` records of a parent resource (after its steps, which decide which records
    /// spawn children, as in dlt), fetching at most 10 pages.
    async fn parent_records(
        &self,
        r: &ResourcePlan,
        parent: Option<&(String, Value)>,
        n: usize,
    ) -> Result<Vec<Value>> {
        let Some(ep) = &r.endpoint else {
            let mut rows = apply_steps(r, r.resource.rows.clone().unwrap_or_default())?;
            rows.truncate(n);
            return Ok(rows);
        };
        let pr = parent.map(|(name, record)| ParentRecord { name, record });
        let mut seq = Sequence::for_resource(
            self.http,
            self.plan,
            r,
            ep,
            pr.as_ref(),
            &incremental_values(r)?,
            self.stores,
            Some(ep.max_pages.unwrap_or(10).min(10)),
        )?;
        let mut out = Vec::new();
        loop {
            let page = tokio::select! {
                _ = self.cancel.cancelled() => return Err(Error::Cancelled),
                page = seq.next_page() => page?,
            };
            let Some(page) = page else { break };
            out.extend(apply_steps(r, page.records)?);
            if out.len() >= n {
                out.truncate(n);
                break;
            }
        }
        Ok(out)
    }
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

/// Processing steps in order; within one step filter, then map, then yield_map. Each expression
/// is compiled once per call, not per record.
pub fn apply_steps(r: &ResourcePlan, records: Vec<Value>) -> Result<Vec<Value>> {
    let mut out = records;
    for (i, step) in r.resource.processing_steps.iter().flatten().enumerate() {
        let at = |k: &str| format!("{}.processing_steps[{i}].{k}", r.resource.name);
        let compiled = |code: &Option<String>, key: &str| -> Result<Option<JqFilter>> {
            code.as_deref()
                .map(|c| {
                    compile(c).map_err(|m| Error::Invalid {
                        path: at(key),
                        message: m,
                    })
                })
                .transpose()
        };
        let filter = compiled(&step.filter, "filter")?;
        let map = compiled(&step.map, "map")?;
        let yield_map = compiled(&step.yield_map, "yield_map")?;
        let mut next = Vec::with_capacity(out.len());
        for (n, rec) in out.into_iter().enumerate() {
            let run = |f: &JqFilter, key: &str, v: &Value| -> Result<Vec<Value>> {
                f.run(v).map_err(|m| Error::Extract {
                    resource: r.resource.name.clone(),
                    message: format!("{} on record {n} of the page: {m}", at(key)),
                })
            };
            if let Some(f) = &filter {
                let keep = run(f, "filter", &rec)?
                    .first()
                    .is_some_and(|v| !matches!(v, Value::Null | Value::Bool(false)));
                if !keep {
                    continue;
                }
            }
            let mapped = match &map {
                Some(f) => run(f, "map", &rec)?
                    .into_iter()
                    .next()
                    .unwrap_or(Value::Null),
                None => rec,
            };
            match &yield_map {
                Some(f) => next.extend(run(f, "yield_map", &mapped)?),
                None => next.push(mapped),
            }
        }
        out = next;
    }
    Ok(out)
}
