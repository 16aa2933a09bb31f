//! The incremental cursors of a run: one per resource, shared by all its parent records as in
//! dlt (§7.8) — or, for a child with `incremental.per_parent`, one per parent record, keyed by
//! the parent values its requests use, so each parent resumes from its own last value.

use std::collections::HashMap;
use std::sync::Mutex;

use indexmap::IndexMap;
use serde_json::Value;

use crate::config::{Endpoint, ParamValue};
use crate::error::{Error, Result};
use crate::incremental::{CursorState, Incremental, IncrementalSpec};
use crate::plan::graph::endpoint_placeholders;
use crate::plan::source::SourcePlan;
use crate::plan::template::PlaceholderKind;
use crate::select::Selector;

/// Cursor states kept per parent key, per resource name.
pub type ParentStates = HashMap<String, IndexMap<String, CursorState>>;

/// Per-parent states reached by a run, with each resource's cursor path.
pub type ParentFinals = HashMap<String, (String, IndexMap<String, CursorState>)>;

enum Cursor {
    Shared(Mutex<Incremental>),
    PerParent {
        spec: IncrementalSpec,
        /// The parent fields whose values name a parent (`id`, `owner.login`).
        fields: Vec<String>,
        stored: IndexMap<String, CursorState>,
        live: Mutex<IndexMap<String, Incremental>>,
    },
}

/// Every resource's cursor for one run.
pub struct Cursors {
    names: Vec<String>,
    cursors: Vec<Option<Cursor>>,
    previous: HashMap<String, CursorState>,
}

impl Cursors {
    /// Cursors from the plan and the stored state of the last successful load.
    pub fn new(
        plan: &SourcePlan,
        shared: &HashMap<String, CursorState>,
        per_parent: &ParentStates,
    ) -> Result<Cursors> {
        let mut cursors = Vec::with_capacity(plan.resources.len());
        for r in &plan.resources {
            let name = &r.resource.name;
            let err = |message: String| Error::Extract {
                resource: name.clone(),
                message,
            };
            let spec = r
                .endpoint
                .as_ref()
                .and_then(|ep| IncrementalSpec::of(ep, r.resource.primary_key.as_ref()));
            cursors.push(match (spec, &r.endpoint) {
                (Some(spec), Some(ep)) if spec.per_parent && r.parent.is_some() => {
                    // Fails early on a bad cursor path rather than at the first parent.
                    Incremental::new(spec.clone(), None).map_err(err)?;
                    Some(Cursor::PerParent {
                        fields: parent_fields(ep),
                        spec,
                        stored: per_parent.get(name).cloned().unwrap_or_default(),
                        live: Mutex::new(IndexMap::new()),
                    })
                }
                (Some(spec), _) => Some(Cursor::Shared(Mutex::new(
                    Incremental::new(spec, shared.get(name)).map_err(err)?,
                ))),
                _ => None,
            });
        }
        Ok(Cursors {
            names: plan
                .resources
                .iter()
                .map(|r| r.resource.name.clone())
                .collect(),
            cursors,
            previous: shared.clone(),
        })
    }

    /// Whether the resource has a cursor at all.
    pub fn has(&self, idx: usize) -> bool {
        self.cursors[idx].is_some()
    }

    /// Runs `f` on the cursor of a resource for one parent record (`None` without a cursor).
    pub fn with<T>(
        &self,
        idx: usize,
        parent: Option<&Value>,
        f: impl FnOnce(&mut Incremental) -> Result<T, String>,
    ) -> Result<Option<T>> {
        let err = |message: String| Error::Extract {
            resource: self.names[idx].clone(),
            message,
        };
        let poisoned = || Error::Internal("incremental state lock poisoned".into());
        match &self.cursors[idx] {
            None => Ok(None),
            Some(Cursor::Shared(m)) => {
                let mut guard = m.lock().map_err(|_| poisoned())?;
                f(&mut guard).map(Some).map_err(err)
            }
            Some(Cursor::PerParent {
                spec,
                fields,
                stored,
                live,
            }) => {
                let key = parent.map(|p| parent_key(fields, p)).unwrap_or_default();
                let mut map = live.lock().map_err(|_| poisoned())?;
                if !map.contains_key(&key) {
                    let inc = Incremental::new(spec.clone(), stored.get(&key)).map_err(err)?;
                    map.insert(key.clone(), inc);
                }
                let Some(inc) = map.get_mut(&key) else {
                    return Err(Error::Internal("per-parent cursor vanished".into()));
                };
                f(inc).map(Some).map_err(err)
            }
        }
    }

    /// The state each shared cursor reached, with its cursor path.
    pub fn shared_states(&self) -> HashMap<String, (String, CursorState)> {
        let mut out = HashMap::new();
        for (name, c) in self.names.iter().zip(&self.cursors) {
            let Some(Cursor::Shared(m)) = c else { continue };
            let Ok(inc) = m.lock() else { continue };
            if let Some(state) = inc.state(self.previous.get(name)) {
                out.insert(name.clone(), (inc.cursor_path().to_string(), state));
            }
        }
        out
    }

    /// The state of every parent's cursor: the stored ones, updated by the parents seen now.
    pub fn parent_states(&self) -> ParentFinals {
        let mut out = HashMap::new();
        for (name, c) in self.names.iter().zip(&self.cursors) {
            let Some(Cursor::PerParent {
                stored, live, spec, ..
            }) = c
            else {
                continue;
            };
            let Ok(live) = live.lock() else { continue };
            let mut states = stored.clone();
            for (key, inc) in live.iter() {
                if let Some(s) = inc.state(stored.get(key)) {
                    states.insert(key.clone(), s);
                }
            }
            out.insert(name.clone(), (spec.cursor_path.clone(), states));
        }
        out
    }
}

/// The parent fields a child's requests read: its `{resources.<p>.<field>}` placeholders and
/// legacy `resolve` params, in order, once each.
fn parent_fields(ep: &Endpoint) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for found in endpoint_placeholders(ep) {
        if let PlaceholderKind::Resource { field, .. } = found.placeholder.kind {
            if !field.is_empty() && !out.contains(&field) {
                out.push(field);
            }
        }
    }
    for (_, v) in ep.params.iter().flatten() {
        if let ParamValue::Resolve(r) = v {
            if !out.contains(&r.field) {
                out.push(r.field.clone());
            }
        }
    }
    out
}

/// `field=value` pairs joined by `&`, e.g. `id=12` or `owner.login=dlt&name=docs`.
pub fn parent_key(fields: &[String], record: &Value) -> String {
    fields
        .iter()
        .map(|f| {
            let v = Selector::parse(f)
                .ok()
                .and_then(|s| s.first(record).cloned())
                .unwrap_or(Value::Null);
            let text = match v {
                Value::String(s) => s,
                other => other.to_string(),
            };
            format!("{f}={text}")
        })
        .collect::<Vec<_>>()
        .join("&")
}
