//! The writing stage of a run, on its own thread (SQLite is synchronous): it reads the stored
//! schema and state, then normalises every page it receives and writes it inside one
//! transaction, and commits only when told the extraction succeeded.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc as std_mpsc;

use indexmap::IndexMap;
use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot};

use super::cursors::{ParentFinals, ParentStates};
use super::events::{Events, RunEvent};
use super::executor::{FinalStates, Output};
use crate::error::{Error, Result};
use crate::incremental::CursorState;
use crate::load::state::default_state;
use crate::load::{new_load_id, Load, LoadError, Loader};
use crate::normalize::{Batch, Normalizer, Schema, TableHints};

/// Rows after which a page's normalised rows are written before the rest is normalised.
const FLUSH_ROWS: usize = 20_000;

/// What the writer needs to know about the run.
pub struct WriterSetup {
    /// The SQLite file.
    pub db: PathBuf,
    /// Pipeline name (state rows are keyed by it).
    pub pipeline: String,
    /// Schema (and source) name.
    pub schema: String,
    /// Table hints per resource index.
    pub hints: Vec<TableHints>,
    /// Resource names per resource index.
    pub names: Vec<String>,
    /// Where `ResourceFinished` goes.
    pub events: Events,
    /// Drop the schema's tables and the pipeline's state first.
    pub full_refresh: bool,
}

/// The incremental state stored by the last successful load.
#[derive(Debug, Clone, Default)]
pub struct Stored {
    /// Cursor per resource name (dlt's layout).
    pub shared: HashMap<String, CursorState>,
    /// Per-parent cursors of children with `incremental.per_parent`.
    pub per_parent: ParentStates,
}

/// How the run ended, as the writer is told.
pub enum Finish {
    /// Commit the load with this incremental state.
    Commit(FinalStates, ParentFinals),
    /// Roll back: the run failed or was cancelled.
    Abort,
}

/// What the writer did.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// The load id, when a load was committed.
    pub load_id: Option<String>,
    /// Rows written per table.
    pub rows: IndexMap<String, u64>,
}

/// Starts the writer thread. It answers `ready` with the stored incremental state, then consumes
/// `pages` until the channel closes, then waits for `finish`.
pub fn spawn(
    setup: WriterSetup,
    ready: oneshot::Sender<Result<Stored>>,
    mut pages: mpsc::Receiver<Output>,
    finish: std_mpsc::Receiver<Finish>,
) -> std::thread::JoinHandle<Result<Written>> {
    std::thread::spawn(move || {
        let load_err = |e: &dyn std::fmt::Display| Error::Load(e.to_string());
        let load_id = new_load_id();
        let mut loader = match Loader::open(&setup.db) {
            Ok(l) => l,
            Err(e) => {
                let msg = e.to_string();
                let _ = ready.send(Err(load_err(&e)));
                return Err(Error::Load(msg));
            }
        };
        let opened = begin_load(&mut loader, &load_id, &setup);
        let (mut load, schema, mut state) = match opened {
            Ok(x) => x,
            Err(e) => {
                let msg = e.to_string();
                let _ = ready.send(Err(load_err(&e)));
                return Err(Error::Load(msg));
            }
        };
        let _ = ready.send(Ok(Stored {
            shared: cursor_states(&state, &setup.schema),
            per_parent: parent_states(&state, &setup.schema),
        }));
        let mut normalizer = Normalizer::new(schema, &load_id);
        let mut tables = Vec::with_capacity(setup.hints.len());
        for h in &setup.hints {
            tables.push(normalizer.register_table(h).map_err(|e| load_err(&e))?);
        }
        for root in &tables {
            load.start_table(normalizer.schema(), root)
                .map_err(|e| load_err(&e))?;
        }
        let mut written: IndexMap<String, u64> = IndexMap::new();
        // Rows per table of each resource (two resources may share a table).
        let mut by_resource: Vec<IndexMap<String, u64>> = vec![IndexMap::new(); setup.hints.len()];
        while let Some(out) = pages.blocking_recv() {
            let page = match out {
                Output::Page(p) => p,
                Output::Done {
                    resource,
                    pages,
                    requests,
                } => {
                    setup.events.emit(RunEvent::ResourceFinished {
                        resource: setup.names[resource].clone(),
                        rows: std::mem::take(&mut by_resource[resource]),
                        pages,
                        requests,
                    });
                    continue;
                }
            };
            let table = &setup.hints[page.resource].table_name;
            let mut batch = Batch::default();
            let mut records = page.records.into_iter().peekable();
            while let Some(record) = records.next() {
                normalizer
                    .normalize(table, record, &mut batch)
                    .map_err(|e| load_err(&e))?;
                // A huge page is written in parts, so its rows never all sit in memory at once.
                if batch.row_count() >= FLUSH_ROWS || records.peek().is_none() {
                    for (t, rows) in &batch.rows {
                        *written.entry(t.clone()).or_default() += rows.len() as u64;
                        *by_resource[page.resource].entry(t.clone()).or_default() +=
                            rows.len() as u64;
                    }
                    load.write(normalizer.schema(), &batch)
                        .map_err(|e| load_err(&e))?;
                    batch = Batch::default();
                }
            }
        }
        match finish.recv() {
            Ok(Finish::Commit(finals, parents)) => {
                let before = state.clone();
                apply_cursor_states(&mut state, &setup.schema, finals);
                apply_parent_states(&mut state, &setup.schema, parents);
                let nothing_new = written.values().all(|n| *n == 0) && before == state;
                if nothing_new {
                    // dlt produces no load package when a run brings nothing new; a full
                    // refresh's drops are still kept.
                    if setup.full_refresh {
                        load.commit_without_load().map_err(|e| load_err(&e))?;
                    }
                    return Ok(Written {
                        load_id: None,
                        rows: written,
                    });
                }
                let mut schema = normalizer.into_schema();
                load.commit(&mut schema, Some(&mut state))
                    .map_err(|e| load_err(&e))?;
                Ok(Written {
                    load_id: Some(load_id),
                    rows: written,
                })
            }
            // Dropping the load rolls back everything it wrote.
            Ok(Finish::Abort) | Err(_) => Ok(Written {
                load_id: None,
                rows: IndexMap::new(),
            }),
        }
    })
}

/// Starts the load's transaction, then (inside it) applies a full refresh and reads the stored
/// schema and state. The full refresh belongs to the load: a run that does not commit leaves the
/// previous load and state as they were (dropping in a transaction of its own, as before, lost
/// them when the run then failed, was cancelled or was killed).
fn begin_load<'l>(
    loader: &'l mut Loader,
    load_id: &str,
    setup: &WriterSetup,
) -> Result<(Load<'l>, Schema, Value), LoadError> {
    let mut load = loader.begin(load_id)?;
    if setup.full_refresh {
        load.full_refresh(&setup.schema, &setup.pipeline)?;
    }
    let schema = load
        .read_schema(&setup.schema)?
        .unwrap_or_else(|| Schema::new(&setup.schema));
    let state = load
        .read_state(&setup.pipeline)?
        .unwrap_or_else(|| default_state(&setup.pipeline, "main", &setup.schema));
    Ok((load, schema, state))
}

/// For every resource of the source, the first `<cursor_path>: value` entry under `key`
/// (`state.sources.<schema>.resources.<resource>.<key>`).
fn stored_cursors<'s>(state: &'s Value, schema: &str, key: &str) -> Vec<(&'s String, &'s Value)> {
    state
        .pointer(&format!("/sources/{}/resources", escape(schema)))
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(name, r)| {
            let (_, v) = r.get(key)?.as_object()?.iter().next()?;
            Some((name, v))
        })
        .collect()
}

/// `resources.<resource>.incremental.<cursor_path>` as dlt keeps it.
fn cursor_states(state: &Value, schema: &str) -> HashMap<String, CursorState> {
    stored_cursors(state, schema, "incremental")
        .into_iter()
        .filter_map(|(name, v)| {
            serde_json::from_value::<CursorState>(v.clone())
                .ok()
                .map(|cs| (name.clone(), cs))
        })
        .collect()
}

/// `resources.<resource>.per_parent.<cursor_path>.<parent key>`: beside dlt's layout, under a
/// key dlt does not read.
fn parent_states(state: &Value, schema: &str) -> ParentStates {
    stored_cursors(state, schema, "per_parent")
        .into_iter()
        .filter_map(|(name, by_key)| {
            let states = by_key
                .as_object()?
                .iter()
                .filter_map(|(k, v)| {
                    serde_json::from_value::<CursorState>(v.clone())
                        .ok()
                        .map(|s| (k.clone(), s))
                })
                .collect();
            Some((name.clone(), states))
        })
        .collect()
}

/// Puts `value` at `resources.<resource>.<key>.<cursor>`; `only` drops the other cursor paths.
fn store_cursor(
    state: &mut Value,
    schema: &str,
    resource: &str,
    key: &str,
    cursor: String,
    value: Value,
    only: bool,
) {
    let src = ensure(ensure(state, "sources"), schema);
    let res = ensure(ensure(src, "resources"), resource);
    if let Value::Object(m) = ensure(res, key) {
        if only {
            m.clear();
        }
        m.insert(cursor, value);
    }
}

fn apply_parent_states(state: &mut Value, schema: &str, parents: ParentFinals) {
    for (resource, (cursor, states)) in parents {
        if let Ok(value) = serde_json::to_value(&states) {
            store_cursor(state, schema, &resource, "per_parent", cursor, value, true);
        }
    }
}

fn apply_cursor_states(state: &mut Value, schema: &str, finals: FinalStates) {
    for (resource, (cursor, cs)) in finals {
        if let Ok(value) = serde_json::to_value(&cs) {
            store_cursor(
                state,
                schema,
                &resource,
                "incremental",
                cursor,
                value,
                false,
            );
        }
    }
}

fn ensure<'v>(v: &'v mut Value, key: &str) -> &'v mut Value {
    if !v.is_object() {
        *v = json!({});
    }
    match v {
        Value::Object(map) => map.entry(key.to_string()).or_insert_with(|| json!({})),
        // Not reached: `v` was made an object just above.
        other => other,
    }
}

fn escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}
