//! The extraction executor: resources in dependency order, each parent page fanned out to its
//! children as it arrives (so memory holds pages, not tables), children of `parallelized`
//! resources fetched concurrently with a bound while keeping per-parent order, processing steps
//! and `include_from_parent` applied, and every page handed to the loader through a bounded
//! channel so fetching and writing overlap. Cancellation stops at the next await.

use futures_util::stream::{self, StreamExt};
use serde_json::Value;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::events::{Events, RunEvent};
use super::pages::Sequence;
use super::preview::apply_steps;
use super::request::{initial_request, IncrementalValues, ParentRecord};
use crate::error::{Error, Result};
use crate::http::client::HttpClient;
use crate::plan::source::SourcePlan;
use crate::secrets::Stores;

/// Default bound on concurrent child fetches of a `parallelized` resource.
pub const DEFAULT_PARALLELISM: usize = 8;

/// Records of one page of one resource, ready to load.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// Index of the resource in the plan.
    pub resource: usize,
    /// The records, after processing steps.
    pub records: Vec<Value>,
}

/// What to extract and how.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Resource names to load; empty means every resource whose `selected` is not false.
    pub only: Vec<String>,
    /// Bound on concurrent child fetches of `parallelized` resources.
    pub parallelism: usize,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            only: Vec::new(),
            parallelism: DEFAULT_PARALLELISM,
        }
    }
}

/// Runs the extraction, sending pages to `out` until done, failed or cancelled.
pub struct Executor<'a> {
    plan: &'a SourcePlan,
    http: &'a HttpClient,
    stores: &'a Stores,
    out: mpsc::Sender<Extracted>,
    events: Events,
    cancel: CancellationToken,
    parallelism: usize,
    load: Vec<bool>,
    needed: Vec<bool>,
    children: Vec<Vec<usize>>,
}

impl<'a> Executor<'a> {
    /// An executor over a plan.
    pub fn new(
        plan: &'a SourcePlan,
        http: &'a HttpClient,
        stores: &'a Stores,
        options: &ExtractOptions,
        out: mpsc::Sender<Extracted>,
        events: Events,
        cancel: CancellationToken,
    ) -> Result<Executor<'a>> {
        let n = plan.resources.len();
        for name in &options.only {
            if plan.resource(name).is_none() {
                return Err(Error::Invalid {
                    path: "resources".into(),
                    message: format!("no resource named '{name}'"),
                });
            }
        }
        let load: Vec<bool> = plan
            .resources
            .iter()
            .map(|r| {
                if options.only.is_empty() {
                    r.resource.selected != Some(false)
                } else {
                    options.only.contains(&r.resource.name)
                }
            })
            .collect();
        // A resource runs when it is loaded or an ancestor of one that is.
        let mut needed = load.clone();
        for i in 0..n {
            if load[i] {
                let mut p = plan.resources[i].parent;
                while let Some(pi) = p {
                    needed[pi] = true;
                    p = plan.resources[pi].parent;
                }
            }
        }
        let mut children = vec![Vec::new(); n];
        for r in &plan.resources {
            if let Some(p) = r.parent {
                children[p].push(r.index);
            }
        }
        Ok(Executor {
            plan,
            http,
            stores,
            out,
            events,
            cancel,
            parallelism: options.parallelism.max(1),
            load,
            needed,
            children,
        })
    }

    /// Extracts every needed root resource and, through them, their children.
    pub async fn run(&self) -> Result<()> {
        for &idx in &self.plan.order {
            let r = &self.plan.resources[idx];
            if r.parent.is_none() && self.needed[idx] {
                self.events.emit(RunEvent::ResourceStarted {
                    resource: r.resource.name.clone(),
                });
                self.resource(idx, None).await?;
            }
        }
        Ok(())
    }

    /// Every page of a resource for one parent record (or none), fanned out as it arrives.
    async fn resource(&self, idx: usize, parent: Option<&Value>) -> Result<()> {
        let r = &self.plan.resources[idx];
        let Some(ep) = &r.endpoint else {
            let rows = apply_steps(r, &r.resource.rows.clone().unwrap_or_default())?;
            return self.deliver(idx, rows).await;
        };
        let parent_name = r
            .parent
            .map(|p| self.plan.resources[p].resource.name.as_str());
        let pr = match (parent_name, parent) {
            (Some(name), Some(record)) => Some(ParentRecord { name, record }),
            _ => None,
        };
        let inc = first_run_incremental(ep);
        let req = initial_request(self.plan, ep, pr.as_ref(), &inc, self.stores).map_err(|m| {
            Error::Extract {
                resource: r.resource.name.clone(),
                message: m,
            }
        })?;
        let mut seq = Sequence::new(
            self.http,
            &r.auth,
            &r.rules,
            &r.resource.name,
            req,
            r.paginator.as_ref(),
            r.selector.clone(),
            ep.max_pages,
        )?;
        loop {
            let page = tokio::select! {
                _ = self.cancel.cancelled() => return Err(Error::Cancelled),
                page = seq.next_page() => page?,
            };
            let Some(page) = page else { break };
            if let Some(d) = seq.detected_paginator.take().filter(|d| d.score < 1.0) {
                self.events.emit(RunEvent::Warning {
                    resource: r.resource.name.clone(),
                    message: format!(
                        "paginator guessed from the first response: {} ({}); set it explicitly",
                        d.config, d.evidence
                    ),
                });
            }
            let mut records = page.records;
            if let (Some(pr), Some(fields)) = (&pr, &r.resource.include_from_parent) {
                include_from_parent(&mut records, pr, fields).map_err(|m| Error::Extract {
                    resource: r.resource.name.clone(),
                    message: m,
                })?;
            }
            let records = apply_steps(r, &records)?;
            self.events.emit(RunEvent::Page {
                resource: r.resource.name.clone(),
                records: records.len(),
                url: page.request.url.clone(),
                retries: page.response.retries.len(),
                elapsed_ms: page.response.elapsed_ms,
            });
            self.deliver(idx, records).await?;
        }
        self.events.emit(RunEvent::SequenceDone {
            resource: r.resource.name.clone(),
            stop: seq.stop_reason(),
        });
        Ok(())
    }

    /// Loads a page (when the resource is loaded) and runs the children for its records.
    async fn deliver(&self, idx: usize, mut records: Vec<Value>) -> Result<()> {
        let kids: Vec<usize> = self.children[idx]
            .iter()
            .copied()
            .filter(|c| self.needed[*c])
            .collect();
        if self.load[idx] && !records.is_empty() {
            // Children still need the records; a leaf hands them over without a copy.
            let payload = if kids.is_empty() {
                std::mem::take(&mut records)
            } else {
                records.clone()
            };
            self.out
                .send(Extracted {
                    resource: idx,
                    records: payload,
                })
                .await
                .map_err(|_| Error::Internal("the loader stopped".into()))?;
        }
        for child in kids {
            if self.plan.resources[child].resource.parallelized == Some(true) {
                self.parallel_children(child, &records).await?;
            } else {
                for rec in &records {
                    Box::pin(self.resource(child, Some(rec))).await?;
                }
            }
        }
        Ok(())
    }

    /// Fetches a child for many parent records at once, delivering results in parent order.
    async fn parallel_children(&self, child: usize, parents: &[Value]) -> Result<()> {
        let results = stream::iter(parents.iter())
            .map(|rec| self.collect(child, rec))
            .buffered(self.parallelism);
        futures_util::pin_mut!(results);
        while let Some(pages) = results.next().await {
            for page in pages? {
                Box::pin(self.deliver(child, page)).await?;
            }
        }
        Ok(())
    }

    /// Every page of a child for one parent record, collected (used for parallel fetching).
    async fn collect(&self, idx: usize, parent: &Value) -> Result<Vec<Vec<Value>>> {
        let r = &self.plan.resources[idx];
        let (tx, mut rx) = mpsc::channel(1024);
        let sub = Executor {
            plan: self.plan,
            http: self.http,
            stores: self.stores,
            out: tx,
            events: self.events.clone(),
            cancel: self.cancel.clone(),
            parallelism: self.parallelism,
            load: self.plan.resources.iter().map(|x| x.index == idx).collect(),
            // Grandchildren run after collection, in order, from `deliver`.
            needed: self.plan.resources.iter().map(|x| x.index == idx).collect(),
            children: vec![Vec::new(); self.plan.resources.len()],
        };
        let fetch = async move { Box::pin(sub.resource(idx, Some(parent))).await };
        let gather = async {
            let mut pages = Vec::new();
            while let Some(e) = rx.recv().await {
                pages.push(e.records);
            }
            pages
        };
        let (done, pages) = tokio::join!(fetch, gather);
        done.map_err(|e| match e {
            Error::Extract { message, .. } => Error::Extract {
                resource: r.resource.name.clone(),
                message,
            },
            other => other,
        })?;
        Ok(pages)
    }
}

/// Copies parent fields into child records as `_<parent>_<field>` (dlt-behaviour §6.6).
fn include_from_parent(
    records: &mut [Value],
    parent: &ParentRecord<'_>,
    fields: &[String],
) -> Result<(), String> {
    for f in fields {
        let value = parent.record.get(f).cloned().ok_or_else(|| {
            let keys: Vec<String> = parent.record.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
            format!(
                "resource expects a field '{f}' in the records of '{}' to include it as '_{}_{f}'; available parent fields are: [{}]",
                parent.name, parent.name, keys.join(", ")
            )
        })?;
        let key = format!("_{}_{f}", parent.name);
        for r in records.iter_mut() {
            if let Value::Object(map) = r {
                map.insert(key.clone(), value.clone());
            }
        }
    }
    Ok(())
}

/// Incremental values when no state is stored yet: start at the initial value.
fn first_run_incremental(ep: &crate::config::Endpoint) -> IncrementalValues {
    let initial = ep
        .incremental
        .as_ref()
        .and_then(|i| i.initial_value.clone())
        .or_else(|| {
            ep.params.iter().flatten().find_map(|(_, v)| match v {
                crate::config::ParamValue::Incremental(p) => p.initial_value.clone(),
                _ => None,
            })
        });
    IncrementalValues {
        initial_value: initial.clone(),
        start_value: initial.clone(),
        last_value: initial,
        end_value: ep.incremental.as_ref().and_then(|i| i.end_value.clone()),
    }
}
