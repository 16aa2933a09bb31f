//! A validated source turned into plans: per resource its effective endpoint, parent, paginator
//! (after precedence and single-entity detection), selector, auth and response rules.

use serde_json::Value;

use super::graph::{self, endpoint_parents};
use crate::auth::Auth;
use crate::config::merge::effective_resource;
use crate::config::validate::{is_valid, validate, Severity};
use crate::config::{ClientConfig, Endpoint, PaginatorConfig, PaginatorSpec, Resource};
use crate::error::{Error, Result};
use crate::http::actions::{compile_rules, ActionRule};
use crate::secrets::{resolve_refs, Stores};
use crate::select::Selector;

/// Everything needed to extract one resource.
#[derive(Debug)]
pub struct ResourcePlan {
    /// Position in `resources`.
    pub index: usize,
    /// The effective resource (defaults merged).
    pub resource: Resource,
    /// The effective endpoint; `None` for seed resources.
    pub endpoint: Option<Endpoint>,
    /// The parent resource's index, for dependent resources.
    pub parent: Option<usize>,
    /// The configured selector; `None` means detect from the first response.
    pub selector: Option<Selector>,
    /// The paginator to use; `None` means detect from the first response.
    pub paginator: Option<PaginatorConfig>,
    /// Auth for this endpoint.
    pub auth: Auth,
    /// Response rules, in order.
    pub rules: Vec<ActionRule>,
}

/// A whole source ready to run.
#[derive(Debug)]
pub struct SourcePlan {
    /// Source name (pipeline and secret names derive from it).
    pub name: String,
    /// `client.base_url` with secrets resolved.
    pub base_url: String,
    /// Client headers with secrets resolved (never placeholder-expanded, as in dlt).
    pub client_headers: Vec<(String, String)>,
    /// The resources, in document order.
    pub resources: Vec<ResourcePlan>,
    /// Resource indexes, parents before children.
    pub order: Vec<usize>,
}

impl SourcePlan {
    /// The plan of the resource with this name.
    pub fn resource(&self, name: &str) -> Option<&ResourcePlan> {
        self.resources.iter().find(|r| r.resource.name == name)
    }
}

/// Validates and plans a source document. Invalid documents give every problem at once.
pub fn plan(doc: &Value, source_name: &str, stores: &Stores) -> Result<SourcePlan> {
    let problems = validate(doc);
    if !is_valid(&problems) {
        let lines: Vec<String> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect();
        return Err(Error::Invalid {
            path: "<source>".into(),
            message: format!(
                "the source has {} problem(s):\n{}",
                lines.len(),
                lines.join("\n")
            ),
        });
    }
    let client: ClientConfig = serde_json::from_value(doc["client"].clone())
        .map_err(|e| Error::Internal(format!("client: {e}")))?;
    let base_url = resolve_refs(&client.base_url, stores).map_err(Error::Auth)?;
    let mut client_headers = Vec::new();
    for (k, v) in client.headers.iter().flatten() {
        client_headers.push((k.clone(), resolve_refs(v, stores).map_err(Error::Auth)?));
    }
    let client_paginator = client.paginator.clone().flatten();
    let client_auth = client.auth.clone().flatten();
    let defaults = doc.get("resource_defaults");
    let entries = doc["resources"].as_array().cloned().unwrap_or_default();
    let mut resources = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let resource: Resource = serde_json::from_value(effective_resource(defaults, entry))
            .map_err(|e| Error::Internal(format!("resources[{index}]: {e}")))?;
        let endpoint = resource.endpoint.as_ref().map(|e| e.to_spec());
        let (selector, paginator) = match &endpoint {
            Some(ep) => selection(ep, &client_paginator)?,
            None => (None, None),
        };
        let auth_cfg = match endpoint.as_ref().and_then(|e| e.auth.clone()) {
            Some(explicit) => explicit,
            None => resource.auth.clone().unwrap_or_else(|| client_auth.clone()),
        };
        let auth = match &auth_cfg {
            Some(a) => Auth::from_config(a, stores)
                .map_err(|m| Error::Auth(format!("resources[{index}] ({}): {m}", resource.name)))?,
            None => Auth::None,
        };
        let rules = compile_rules(
            endpoint
                .as_ref()
                .and_then(|e| e.response_actions.as_deref())
                .unwrap_or(&[]),
        )
        .map_err(|m| Error::Invalid {
            path: format!("resources[{index}].endpoint.response_actions"),
            message: m,
        })?;
        resources.push(ResourcePlan {
            index,
            resource,
            endpoint,
            parent: None,
            selector,
            paginator,
            auth,
            rules,
        });
    }
    let parents: Vec<(String, std::collections::BTreeSet<String>)> = resources
        .iter()
        .map(|r| {
            (
                r.resource.name.clone(),
                r.endpoint
                    .as_ref()
                    .map(endpoint_parents)
                    .unwrap_or_default(),
            )
        })
        .collect();
    let g =
        graph::build(&parents).map_err(|e| Error::Internal(format!("resource graph: {e:?}")))?;
    for (r, p) in resources.iter_mut().zip(g.parent) {
        r.parent = p;
    }
    Ok(SourcePlan {
        name: source_name.to_string(),
        base_url,
        client_headers,
        resources,
        order: g.order,
    })
}

/// Selector and paginator after precedence (endpoint > defaults > client) and single-entity
/// detection (dlt-behaviour §4.8).
fn selection(
    ep: &Endpoint,
    client_paginator: &Option<PaginatorConfig>,
) -> Result<(Option<Selector>, Option<PaginatorConfig>)> {
    let single = ep.path.as_deref().is_some_and(is_single_entity_path);
    let mut data_selector = ep.data_selector.clone().flatten();
    let mut paginator = ep.paginator.clone().flatten();
    if single {
        data_selector.get_or_insert_with(|| "$".to_string());
        paginator.get_or_insert(PaginatorConfig::Spec(PaginatorSpec::SinglePage {}));
    }
    let is_auto = |p: &PaginatorConfig| p.type_name() == "auto";
    let paginator = match paginator {
        Some(p) if !is_auto(&p) => Some(p),
        _ => client_paginator.clone().filter(|p| !is_auto(p)),
    };
    let selector = data_selector
        .map(|s| Selector::parse(&s))
        .transpose()
        .map_err(|m| Error::Invalid {
            path: "endpoint.data_selector".into(),
            message: m,
        })?;
    Ok((selector, paginator))
}

/// True when the last path segment holds a `{name}` placeholder (an entity endpoint).
pub fn is_single_entity_path(path: &str) -> bool {
    let trimmed = path.trim_end_matches('/');
    let last = trimmed.rsplit('/').next().unwrap_or(trimmed);
    let mut rest = last;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return false;
        };
        let name = &after[..close];
        if !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        {
            return true;
        }
        rest = &after[close + 1..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_entity_paths_as_dlt() {
        for yes in [
            "/users/{user_id}",
            "/p/{id}/",
            "/p/{id}.json",
            "/p/{id}_data",
            "{entity}",
            "/users/{user-id}",
            "user/{resources.users.id}",
        ] {
            assert!(is_single_entity_path(yes), "{yes}");
        }
        for no in [
            "/users/{user_id}/details",
            "/{}",
            "/users/{user id}",
            "users",
        ] {
            assert!(!is_single_entity_path(no), "{no}");
        }
    }
}
