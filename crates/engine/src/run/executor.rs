//! The extraction executor: resources in dependency order, each parent page fanned out to its
//! children as it arrives (so memory holds pages, not tables), children of `parallelized`
//! resources fetched concurrently with a bound while keeping per-parent order, processing steps
//! and `include_from_parent` applied, and every page handed to the loader through a bounded
//! channel so fetching and writing overlap. Cancellation stops at the next await.

use std::collections::HashMap;

use futures_util::stream::{self, StreamExt};
use serde_json::Value;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::cursors::{Cursors, ParentFinals, ParentStates};
use super::events::{Events, RunEvent};
use super::pages::Sequence;
use super::preview::apply_steps;
use super::progress::{ResourceObserver, Tally};
use super::request::ParentRecord;
use crate::error::{Error, Result};
use crate::http::client::HttpClient;
use crate::incremental::CursorState;
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

/// What the executor hands to the writer.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// A page to load.
    Page(Extracted),
    /// A resource will send no more pages (for every parent record).
    Done {
        /// Index of the resource in the plan.
        resource: usize,
        /// Pages it received.
        pages: u64,
        /// Requests it sent, retries included.
        requests: u64,
    },
}

/// What to extract and how.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Resource names to load; empty means every resource whose `selected` is not false.
    pub only: Vec<String>,
    /// Bound on concurrent child fetches of `parallelized` resources.
    pub parallelism: usize,
    /// Stored incremental state per resource name (from the previous successful load).
    pub state: HashMap<String, CursorState>,
    /// Stored per-parent cursors of children with `incremental.per_parent`.
    pub parent_state: ParentStates,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            only: Vec::new(),
            parallelism: DEFAULT_PARALLELISM,
            state: HashMap::new(),
            parent_state: ParentStates::new(),
        }
    }
}

/// The incremental state a run reached, per resource name, with its cursor path.
pub type FinalStates = HashMap<String, (String, CursorState)>;

/// Runs the extraction, sending pages to `out` until done, failed or cancelled.
pub struct Executor<'a> {
    plan: &'a SourcePlan,
    http: &'a HttpClient,
    stores: &'a Stores,
    out: mpsc::Sender<Output>,
    events: Events,
    cancel: CancellationToken,
    parallelism: usize,
    load: Vec<bool>,
    needed: Vec<bool>,
    children: Vec<Vec<usize>>,
    cursors: Cursors,
    tallies: Vec<Tally>,
}

impl<'a> Executor<'a> {
    /// An executor over a plan.
    pub fn new(
        plan: &'a SourcePlan,
        http: &'a HttpClient,
        stores: &'a Stores,
        options: &ExtractOptions,
        out: mpsc::Sender<Output>,
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
        for (i, _) in load.iter().enumerate().filter(|(_, l)| **l) {
            {
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
        let cursors = Cursors::new(plan, &options.state, &options.parent_state)?;
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
            cursors,
            tallies: (0..n).map(|_| Tally::default()).collect(),
        })
    }

    /// The incremental state each resource reached, to commit with a successful load.
    pub fn final_states(&self) -> FinalStates {
        self.cursors.shared_states()
    }

    /// The per-parent cursors reached (children with `incremental.per_parent`).
    pub fn parent_states(&self) -> ParentFinals {
        self.cursors.parent_states()
    }

    /// The resources this run requests, in dependency order.
    pub fn resources(&self) -> Vec<String> {
        self.plan
            .order
            .iter()
            .filter(|i| self.needed[**i])
            .map(|i| self.plan.resources[*i].resource.name.clone())
            .collect()
    }

    /// Extracts every needed root resource and, through them, their children.
    pub async fn run(&self) -> Result<()> {
        for &idx in &self.plan.order {
            let r = &self.plan.resources[idx];
            if r.parent.is_none() && self.needed[idx] {
                self.resource(idx, None, None).await?;
                // A root's pages are fanned out to its descendants as they arrive, so when it
                // is done, its whole subtree is.
                for d in self.subtree(idx) {
                    let (pages, requests) = self.tallies[d].counts();
                    self.out
                        .send(Output::Done {
                            resource: d,
                            pages,
                            requests,
                        })
                        .await
                        .map_err(|_| Error::Internal("the loader stopped".into()))?;
                }
            }
        }
        Ok(())
    }

    /// A resource and its needed descendants, in dependency order.
    fn subtree(&self, root: usize) -> Vec<usize> {
        let mut inside = vec![false; self.plan.resources.len()];
        inside[root] = true;
        let mut out = Vec::new();
        for &i in &self.plan.order {
            if let Some(p) = self.plan.resources[i].parent {
                if inside[p] && self.needed[i] {
                    inside[i] = true;
                }
            }
            if inside[i] {
                out.push(i);
            }
        }
        out
    }

    fn started(&self, idx: usize) {
        if self.tallies[idx].start() {
            self.events.emit(RunEvent::ResourceStarted {
                resource: self.plan.resources[idx].resource.name.clone(),
            });
        }
    }

    /// Every page of a resource for one parent record (or none), fanned out as it arrives —
    /// or, with `collect`, handed to the caller instead (parallel fetching).
    async fn resource(
        &self,
        idx: usize,
        parent: Option<&Value>,
        collect: Option<&mpsc::Sender<Vec<Value>>>,
    ) -> Result<()> {
        let r = &self.plan.resources[idx];
        self.started(idx);
        let Some(ep) = &r.endpoint else {
            let rows = apply_steps(r, r.resource.rows.clone().unwrap_or_default())?;
            self.tallies[idx]
                .pages
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return self.hand_over(idx, rows, collect).await;
        };
        let parent_name = r
            .parent
            .map(|p| self.plan.resources[p].resource.name.as_str());
        let pr = match (parent_name, parent) {
            (Some(name), Some(record)) => Some(ParentRecord { name, record }),
            _ => None,
        };
        let inc = self
            .cursors
            .with(idx, parent, |i| i.values())?
            .unwrap_or_default();
        let secrets = self.stores.resolved_values();
        let observer = ResourceObserver {
            events: &self.events,
            resource: &r.resource.name,
            secrets: &secrets,
            tally: &self.tallies[idx],
        };
        let mut seq = Sequence::for_resource(
            self.http,
            self.plan,
            r,
            ep,
            pr.as_ref(),
            &inc,
            self.stores,
            ep.max_pages,
        )?
        .observed(&observer);
        loop {
            let page = tokio::select! {
                _ = self.cancel.cancelled() => return Err(Error::Cancelled),
                page = seq.next_page() => page?,
            };
            let Some(page) = page else { break };
            self.tallies[idx]
                .pages
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
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
            let records = apply_steps(r, records)?;
            let records = if self.cursors.has(idx) {
                let (kept, stop) = self
                    .cursors
                    .with(idx, parent, |i| i.filter(records))?
                    .unwrap_or_default();
                if stop {
                    // row_order says everything further is out of range: stop paging.
                    seq.stop_now(crate::paginate::StopReason::MaximumReached);
                }
                kept
            } else {
                records
            };
            self.events.emit(RunEvent::Page {
                resource: r.resource.name.clone(),
                records: records.len(),
                // Param rules already mask known keys; a secret placed elsewhere (a path) is scrubbed too.
                url: crate::http::redact::scrub(&page.request.url, &secrets),
                retries: page.response.retries.len(),
                elapsed_ms: page.response.elapsed_ms,
            });
            self.hand_over(idx, records, collect).await?;
        }
        self.events.emit(RunEvent::SequenceDone {
            resource: r.resource.name.clone(),
            stop: seq.stop_reason(),
        });
        Ok(())
    }

    async fn hand_over(
        &self,
        idx: usize,
        records: Vec<Value>,
        collect: Option<&mpsc::Sender<Vec<Value>>>,
    ) -> Result<()> {
        match collect {
            Some(tx) => tx
                .send(records)
                .await
                .map_err(|_| Error::Internal("collector stopped".into())),
            None => self.deliver(idx, records).await,
        }
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
                .send(Output::Page(Extracted {
                    resource: idx,
                    records: payload,
                }))
                .await
                .map_err(|_| Error::Internal("the loader stopped".into()))?;
        }
        for child in kids {
            if self.plan.resources[child].resource.parallelized == Some(true) {
                self.parallel_children(child, &records).await?;
            } else {
                for rec in &records {
                    Box::pin(self.resource(child, Some(rec), None)).await?;
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
        let (tx, mut rx) = mpsc::channel(1024);
        // The sender lives in the fetch future, so the gatherer ends when fetching does.
        let fetch = async move {
            let tx = tx;
            Box::pin(self.resource(idx, Some(parent), Some(&tx))).await
        };
        let gather = async {
            let mut pages = Vec::new();
            while let Some(records) = rx.recv().await {
                pages.push(records);
            }
            pages
        };
        let (done, pages) = tokio::join!(fetch, gather);
        done?;
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
