//! A one-line description of a source: its resources, their parents and paginators.

use serde_json::Value;

use crate::config::merge::effective_resource;
use crate::config::{PaginatorConfig, Resource};
use crate::plan::graph::endpoint_parents;

/// `3 resources: issues (paginator json_link), comments <- issues (paginator auto), ...`.
pub fn summarize(doc: &Value) -> String {
    let defaults = doc.get("resource_defaults");
    let client_paginator = doc
        .get("client")
        .and_then(|c| c.get("paginator"))
        .and_then(|p| serde_json::from_value::<PaginatorConfig>(p.clone()).ok());
    let entries = doc
        .get("resources")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let parts: Vec<String> = entries
        .iter()
        .filter_map(|e| serde_json::from_value::<Resource>(effective_resource(defaults, e)).ok())
        .map(|r| {
            let Some(ep) = r.endpoint.as_ref().map(|e| e.to_spec()) else {
                return format!("{} (seed rows)", r.name);
            };
            let parents: Vec<String> = endpoint_parents(&ep).into_iter().collect();
            let paginator = match (&ep.paginator, &client_paginator) {
                (Some(Some(p)), _) => p.type_name(),
                (_, Some(p)) => p.type_name(),
                _ => "auto",
            };
            let parent = if parents.is_empty() {
                String::new()
            } else {
                format!(" <- {}", parents.join(", "))
            };
            format!("{}{parent} (paginator {paginator})", r.name)
        })
        .collect();
    let n = parts.len();
    format!(
        "{n} resource{}: {}",
        if n == 1 { "" } else { "s" },
        parts.join(", ")
    )
}
