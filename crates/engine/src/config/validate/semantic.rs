//! Build-time checks (dlt-behaviour §1.13) on the effective resources: names, placeholders,
//! the resource graph, incremental, bodies, paginator parameters, jq expressions, secrets.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::path::Path;
use super::{error, Problem, Severity};
use crate::config::incremental::IncrementalConfig;
use crate::config::merge::effective_resource;
use crate::config::{
    AuthConfig, AuthSpec, ClientConfig, Endpoint, PaginatorConfig, PaginatorName, PaginatorSpec,
    ParamValue, Resource, WriteDisposition,
};
use crate::plan::graph::{self, GraphError};
use crate::plan::template::{self, PlaceholderKind, INCREMENTAL_VALUES};

/// Runs the semantic checks on whatever parts of the document have a valid shape.
pub fn check(doc: &Value) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(root) = doc.as_object() else {
        return out;
    };
    secret_references(doc, &Path::root(), &mut out);
    if let Some(client) = root.get("client") {
        if let Ok(client) = serde_json::from_value::<ClientConfig>(client.clone()) {
            let at = Path::root().key("client");
            base_url(&client.base_url, &at.key("base_url"), &mut out);
            if let Some(Some(p)) = &client.paginator {
                paginator(p, &at.key("paginator"), &mut out);
            }
            if let Some(Some(a)) = &client.auth {
                literal_secrets(a, &at.key("auth"), &mut out);
            }
        }
    }
    let defaults = root.get("resource_defaults");
    if let Some(Value::String(_)) = defaults.and_then(|d| d.get("endpoint")) {
        out.push(error(
            &Path::root().key("resource_defaults").key("endpoint"),
            "expected an object: defaults apply to many resources, so the endpoint cannot be a single path string",
        ));
    }
    let Some(Value::Array(entries)) = root.get("resources") else {
        return out;
    };
    let mut resources: Vec<(usize, Resource)> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let at = Path::root().key("resources").index(i);
        if entry.get("rows").is_some() && entry.get("endpoint").is_some() {
            out.push(error(
                &at,
                "'rows' and 'endpoint' are exclusive: a seed resource has inline rows and no request",
            ));
        }
        if let Ok(r) = serde_json::from_value::<Resource>(effective_resource(defaults, entry)) {
            resources.push((i, r));
        }
    }
    // Names come from the raw entries too: a resource with a shape error still exists, and its
    // children must not be told their parent is unknown.
    let names: BTreeSet<&str> = entries
        .iter()
        .filter_map(|e| match e {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o.get("name").and_then(Value::as_str),
            _ => None,
        })
        .collect();
    let mut first_seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, r) in &resources {
        if let Some(first) = first_seen.get(r.name.as_str()) {
            out.push(error(
                &Path::root().key("resources").index(*i),
                format!(
                    "duplicate resource name '{}' (already defined by resources[{first}])",
                    r.name
                ),
            ));
        } else {
            first_seen.insert(&r.name, *i);
        }
    }
    let mut parents_of = Vec::new();
    let typed: BTreeSet<&str> = resources.iter().map(|(_, r)| r.name.as_str()).collect();
    for (i, r) in &resources {
        let at = Path::root().key("resources").index(*i);
        let mut parents = resource(r, &names, &at, &mut out);
        // A parent with shape errors has its own messages; the graph checks the rest.
        parents.retain(|p| typed.contains(p.as_str()));
        parents_of.push((r.name.clone(), parents));
    }
    if let Err(errors) = graph::build(&parents_of) {
        for e in errors {
            out.push(graph_problem(e, &resources));
        }
    }
    out
}

fn graph_problem(e: GraphError, resources: &[(usize, Resource)]) -> Problem {
    let at = |k: usize| Path::root().key("resources").index(resources[k].0);
    match e {
        GraphError::MultipleParents { index, parents } => error(
            &at(index),
            format!(
                "a resource can have one parent, but this one refers to {}",
                parents.join(" and ")
            ),
        ),
        GraphError::UnknownParent { index, parent } => {
            error(&at(index), format!("unknown resource '{parent}' as parent"))
        }
        GraphError::Cycle(names) => {
            let first = resources
                .iter()
                .position(|(_, r)| names.first() == Some(&r.name))
                .unwrap_or(0);
            error(
                &at(first),
                format!("dependency cycle: {}", names.join(" -> ")),
            )
        }
    }
}

/// Checks one effective resource; returns the (known) parents it refers to.
fn resource(
    r: &Resource,
    names: &BTreeSet<&str>,
    at: &Path,
    out: &mut Vec<Problem>,
) -> BTreeSet<String> {
    for (j, step) in r.processing_steps.iter().flatten().enumerate() {
        let sp = at.key("processing_steps").index(j);
        if step.filter.is_none() && step.map.is_none() && step.yield_map.is_none() {
            out.push(error(
                &sp,
                "a processing step needs 'filter', 'map' or 'yield_map'",
            ));
        }
        for (key, code) in [
            ("filter", &step.filter),
            ("map", &step.map),
            ("yield_map", &step.yield_map),
        ] {
            jq(code.as_deref(), &sp.key(key), out);
        }
    }
    if let Some(wd) = &r.write_disposition {
        write_disposition(wd, &at.key("write_disposition"), out);
    }
    if let Some(Some(a)) = &r.auth {
        literal_secrets(a, &at.key("auth"), out);
    }
    let Some(entry) = &r.endpoint else {
        if r.include_from_parent.is_some() {
            out.push(error(
                &at.key("include_from_parent"),
                "this resource has no parent: include_from_parent needs a {resources.<parent>.<field>} reference",
            ));
        }
        return BTreeSet::new();
    };
    let ep = entry.to_spec();
    let ep_at = at.key("endpoint");
    let parents = endpoint(&ep, &r.name, names, &ep_at, out);
    if parents.is_empty() && r.include_from_parent.is_some() {
        out.push(error(
            &at.key("include_from_parent"),
            "this resource has no parent: include_from_parent needs a {resources.<parent>.<field>} reference",
        ));
    }
    parents
}

fn endpoint(
    ep: &Endpoint,
    own_name: &str,
    names: &BTreeSet<&str>,
    at: &Path,
    out: &mut Vec<Problem>,
) -> BTreeSet<String> {
    let mut parents = BTreeSet::new();
    let params = ep.params.clone().unwrap_or_default();
    for (location, text) in graph::endpoint_strings(ep) {
        let loc = location_path(at, &location);
        let in_path = location == "path";
        let segments = match template::parse(&text) {
            Ok(s) => s,
            Err(e) => {
                out.push(error(
                    &loc,
                    format!("bad placeholder in '{}': {e}", short(&text)),
                ));
                continue;
            }
        };
        for seg in segments {
            let template::Segment::Placeholder(ph) = seg else {
                continue;
            };
            if ph.expr.contains(['{', '}']) {
                out.push(error(
                    &loc,
                    format!(
                        "placeholder '{{{}}}' contains braces: placeholders cannot be nested",
                        short(&ph.expr)
                    ),
                ));
                continue;
            }
            match ph.kind {
                PlaceholderKind::Resource { parent, field } => {
                    if field.is_empty() {
                        out.push(error(&loc, format!("placeholder '{{{}}}' is incomplete: expected format 'resources.<resource>.<field>'", short(&ph.expr))));
                    } else if !names.contains(parent.as_str()) {
                        out.push(error(&loc, format!("placeholder '{{{}}}' refers to unknown resource '{parent}'{}", short(&ph.expr), known(names, own_name))));
                    } else {
                        parents.insert(parent);
                    }
                }
                PlaceholderKind::Incremental(attr) => {
                    if ep.incremental.is_none() {
                        out.push(error(&loc, format!("placeholder '{{{}}}' needs an 'incremental' section on this endpoint", short(&ph.expr))));
                    } else if !INCREMENTAL_VALUES.contains(&attr.as_str()) {
                        out.push(error(&loc, format!("placeholder '{{{}}}': unknown incremental value '{attr}'; expected one of {}", short(&ph.expr), INCREMENTAL_VALUES.join(", "))));
                    }
                }
                PlaceholderKind::Secret(_) => {}
                PlaceholderKind::Param(name) if in_path => match params.get(&name) {
                    None => out.push(error(&loc, format!("path placeholder '{{{name}}}' needs a param named '{name}' in endpoint.params (or write '{{{{' and '}}}}' for literal braces)"))),
                    Some(ParamValue::Incremental(_)) => out.push(error(&loc, format!("path placeholder '{{{name}}}' binds an incremental param; paths can only bind 'resolve' or literal params"))),
                    Some(_) => {}
                },
                PlaceholderKind::Param(name) => out.push(error(&loc, format!("placeholder '{{{name}}}' is not valid here: placeholders outside the path must start with resources., incremental. or secrets. (write '{{{{' and '}}}}' for literal braces)"))),
                PlaceholderKind::Unknown(ctx) => out.push(error(&loc, format!("placeholder '{{{}}}' has unknown context '{ctx}'; valid placeholders start with resources., incremental. or secrets.", ph.expr))),
            }
        }
    }
    let path_params: BTreeSet<String> = ep
        .path
        .as_deref()
        .map(template::placeholders)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| match p.kind {
            PlaceholderKind::Param(n) => Some(n),
            _ => None,
        })
        .collect();
    let mut incremental_params = Vec::new();
    for (name, value) in &params {
        let pp = at.key("params").key(name);
        match value {
            ParamValue::Resolve(rp) => {
                if !names.contains(rp.resource.as_str()) {
                    out.push(error(
                        &pp.key("resource"),
                        format!(
                            "unknown resource '{}'{}",
                            rp.resource,
                            known(names, own_name)
                        ),
                    ));
                } else {
                    parents.insert(rp.resource.clone());
                }
                if !path_params.contains(name) {
                    out.push(error(&pp, format!("resolve param '{name}' is not bound in the path; put '{{{name}}}' in endpoint.path, or use '{{resources.{}.{}}}' to send it as a query value", rp.resource, rp.field)));
                }
            }
            ParamValue::Incremental(ip) => {
                incremental_params.push(name.clone());
                if ip.end_value.is_some() || ip.end_param.is_some() {
                    out.push(error(&pp, "only cursor_path and initial_value (and convert) are allowed in an incremental param; end_value/end_param belong in the endpoint's incremental object"));
                }
                jq(ip.convert.as_deref(), &pp.key("convert"), out);
                jq(ip.transform.as_deref(), &pp.key("transform"), out);
            }
            ParamValue::Literal(_) => {}
        }
    }
    if incremental_params.len() > 1 {
        out.push(error(
            &at.key("params"),
            format!(
                "only one incremental param is allowed per endpoint; found {}",
                incremental_params.join(", ")
            ),
        ));
    }
    if let Some(inc) = &ep.incremental {
        if let Some(first) = incremental_params.first() {
            out.push(error(at, format!("incremental loading is defined twice: by endpoint.incremental and by params.{first}; keep one")));
        }
        incremental(inc, &at.key("incremental"), out);
        if inc.per_parent == Some(true) && graph::endpoint_parents(ep).is_empty() {
            out.push(Problem {
                path: at.key("incremental").key("per_parent").to_string(),
                message: "per_parent keeps a cursor per parent record, but this resource has no parent: one cursor is kept".into(),
                severity: Severity::Warning,
            });
        }
    }
    if ep.json.as_ref().is_some_and(|j| !j.is_empty()) && ep.data.is_some() {
        out.push(error(
            at,
            "'json' and 'data' are exclusive: a request has one body",
        ));
    }
    if let Some(Some(sel)) = ep.data_selector.as_ref() {
        if let Err(e) = crate::select::Selector::parse(sel) {
            out.push(error(&at.key("data_selector"), e));
        }
    }
    if let Some(Some(p)) = &ep.paginator {
        paginator(p, &at.key("paginator"), out);
    }
    for (k, action) in ep.response_actions.iter().flatten().enumerate() {
        let ap = at.key("response_actions").index(k);
        jq(action.condition.as_deref(), &ap.key("condition"), out);
        if action.status_code.is_none() && action.content.is_none() && action.condition.is_none() {
            out.push(Problem {
                path: ap.to_string(),
                message: "this rule has no status_code, content or condition, so it never matches"
                    .into(),
                severity: Severity::Warning,
            });
        }
    }
    if let Some(Some(a)) = &ep.auth {
        literal_secrets(a, &at.key("auth"), out);
    }
    parents
}

fn known(names: &BTreeSet<&str>, own: &str) -> String {
    let others: Vec<&str> = names.iter().copied().filter(|n| *n != own).collect();
    if others.is_empty() {
        " (there are no other resources)".into()
    } else {
        format!(" (resources are: {})", others.join(", "))
    }
}

/// `params.since` inside `resources[1].endpoint` → `resources[1].endpoint.params.since`.
fn location_path(at: &Path, location: &str) -> Path {
    let mut p = at.clone();
    let (head, rest) = location.split_once('.').unwrap_or((location, ""));
    p = p.key(head);
    if !rest.is_empty() {
        // Only the first key below params/json/headers matters for pointing at the field.
        let key = rest.split(['.', '[']).next().unwrap_or(rest);
        p = p.key(key);
    }
    p
}

fn incremental(inc: &IncrementalConfig, at: &Path, out: &mut Vec<Problem>) {
    jq(inc.convert.as_deref(), &at.key("convert"), out);
    if inc.end_value.is_some() && inc.initial_value.is_none() {
        out.push(error(
            at,
            "end_value needs initial_value: a backfill range has both ends",
        ));
    }
}

fn jq(code: Option<&str>, at: &Path, out: &mut Vec<Problem>) {
    if let Some(code) = code {
        if let Err(e) = crate::jq::compile(code) {
            out.push(error(at, e));
        }
    }
}

/// An http(s) URL, or one whose scheme is still a placeholder; anything else (`javascript:`,
/// `file:`) is refused here rather than at the first request.
fn base_url(url: &str, at: &Path, out: &mut Vec<Problem>) {
    if url.starts_with('{') {
        return;
    }
    match url.split_once("://") {
        Some((scheme, _))
            if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") => {}
        _ => out.push(error(
            at,
            format!(
                "'{}' is not an http(s) URL: write it as https://host/path",
                short(url)
            ),
        )),
    }
}

/// The JSONPath fields of a paginator parse (they would otherwise fail at the first response).
fn paginator_paths(p: &PaginatorConfig, at: &Path, out: &mut Vec<Problem>) {
    let Ok(Value::Object(map)) = serde_json::to_value(p) else {
        return;
    };
    for key in [
        "next_url_path",
        "cursor_path",
        "total_path",
        "has_more_path",
    ] {
        if let Some(Value::String(path)) = map.get(key) {
            if let Err(e) = crate::select::Selector::parse(path) {
                out.push(error(&at.key(key), e));
            }
        }
    }
}

/// A long text as quoted in a message: its start and an ellipsis.
fn short(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(120) {
        Some((cut, _)) => format!("{}…", &s[..cut]).into(),
        None => s.into(),
    }
}

fn paginator(p: &PaginatorConfig, at: &Path, out: &mut Vec<Problem>) {
    paginator_paths(p, at, out);
    let both = |a: &Option<String>,
                b: &Option<String>,
                an: &str,
                bn: &str,
                out: &mut Vec<Problem>| {
        if a.is_some() && b.is_some() {
            out.push(error(at, format!("'{an}' and '{bn}' are exclusive: the value goes either in the query or in the JSON body")));
        }
    };
    match p {
        PaginatorConfig::Name(PaginatorName::Offset) => out.push(error(
            at,
            "the offset paginator needs a 'limit': write {\"type\": \"offset\", \"limit\": N}",
        )),
        PaginatorConfig::Name(_) => {}
        PaginatorConfig::Spec(spec) => match spec {
            PaginatorSpec::Cursor {
                cursor_param,
                cursor_body_path,
                ..
            } => both(
                cursor_param,
                cursor_body_path,
                "cursor_param",
                "cursor_body_path",
                out,
            ),
            PaginatorSpec::Offset {
                offset_param,
                offset_body_path,
                limit_param,
                limit_body_path,
                total_path,
                maximum_offset,
                stop_after_empty_page,
                has_more_path,
                ..
            } => {
                both(
                    offset_param,
                    offset_body_path,
                    "offset_param",
                    "offset_body_path",
                    out,
                );
                both(
                    limit_param,
                    limit_body_path,
                    "limit_param",
                    "limit_body_path",
                    out,
                );
                no_stop(
                    total_path,
                    maximum_offset.is_some(),
                    *stop_after_empty_page,
                    has_more_path,
                    "maximum_offset",
                    at,
                    out,
                );
            }
            PaginatorSpec::PageNumber {
                page_param,
                page_body_path,
                total_path,
                maximum_page,
                stop_after_empty_page,
                has_more_path,
                ..
            } => {
                both(
                    page_param,
                    page_body_path,
                    "page_param",
                    "page_body_path",
                    out,
                );
                no_stop(
                    total_path,
                    maximum_page.is_some(),
                    *stop_after_empty_page,
                    has_more_path,
                    "maximum_page",
                    at,
                    out,
                );
            }
            _ => {}
        },
    }
}

fn no_stop(
    total_path: &Option<Option<String>>,
    has_maximum: bool,
    stop_after_empty_page: Option<bool>,
    has_more_path: &Option<String>,
    maximum: &str,
    at: &Path,
    out: &mut Vec<Problem>,
) {
    let total_disabled = matches!(total_path, Some(None));
    if total_disabled
        && !has_maximum
        && stop_after_empty_page == Some(false)
        && has_more_path.is_none()
    {
        out.push(error(at, format!("this paginator never stops: set one of total_path, {maximum}, has_more_path, or stop_after_empty_page")));
    }
}

fn write_disposition(wd: &WriteDisposition, at: &Path, out: &mut Vec<Problem>) {
    use crate::config::hints::{DispositionName, MergeStrategy};
    let WriteDisposition::Spec(spec) = wd else {
        return;
    };
    if spec.strategy.is_some() && spec.disposition != DispositionName::Merge {
        out.push(error(
            &at.key("strategy"),
            "a strategy is only allowed with disposition 'merge'",
        ));
    }
    let strategy = spec.strategy.unwrap_or(MergeStrategy::DeleteInsert);
    let scd2_only = [
        (
            "validity_column_names",
            spec.validity_column_names.is_some(),
        ),
        (
            "active_record_timestamp",
            spec.active_record_timestamp.is_some(),
        ),
        ("boundary_timestamp", spec.boundary_timestamp.is_some()),
        (
            "row_version_column_name",
            spec.row_version_column_name.is_some(),
        ),
    ];
    for (key, set) in scd2_only {
        if set && strategy != MergeStrategy::Scd2 {
            out.push(error(
                &at.key(key),
                format!("'{key}' is only allowed with strategy 'scd2'"),
            ));
        }
    }
    if spec.deduplicated.is_some() && strategy != MergeStrategy::DeleteInsert {
        out.push(error(
            &at.key("deduplicated"),
            "'deduplicated' is only allowed with strategy 'delete-insert'",
        ));
    }
}

/// Malformed `{secrets.…}` references anywhere in the document.
fn secret_references(v: &Value, at: &Path, out: &mut Vec<Problem>) {
    match v {
        Value::String(s) => {
            for (pos, _) in s.match_indices("{secrets.") {
                let rest = &s[pos + "{secrets.".len()..];
                let name: String = rest.chars().take_while(|c| *c != '}').collect();
                let valid = !name.is_empty()
                    && rest.len() > name.len()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
                if !valid {
                    out.push(error(at, "bad secret reference: expected '{secrets.NAME}' with a name of letters, digits, '_', '-' or '.'"));
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, x)| secret_references(x, &at.index(i), out)),
        Value::Object(map) => map
            .iter()
            .for_each(|(k, x)| secret_references(x, &at.key(k), out)),
        _ => {}
    }
}

/// Secret values written inline work, but belong in the keychain.
fn literal_secrets(a: &AuthConfig, at: &Path, out: &mut Vec<Problem>) {
    let fields: Vec<(&str, Option<&String>)> = match a {
        AuthConfig::Token(t) => vec![("token", Some(&t.token))],
        AuthConfig::Spec(AuthSpec::Bearer { token }) => vec![("token", token.as_ref())],
        AuthConfig::Spec(AuthSpec::ApiKey { api_key, .. }) => vec![("api_key", api_key.as_ref())],
        AuthConfig::Spec(AuthSpec::HttpBasic { password, .. }) => {
            vec![("password", Some(password))]
        }
        AuthConfig::Spec(AuthSpec::Oauth2ClientCredentials { client_secret, .. }) => {
            vec![("client_secret", client_secret.as_ref())]
        }
        AuthConfig::Name(_) => vec![],
    };
    for (key, value) in fields {
        if let Some(v) = value {
            if !v.contains("{secrets.") {
                out.push(Problem {
                    path: at.key(key).to_string(),
                    message: "literal secret in the source; move it to the keychain with `pipewright secrets adopt` and use a {secrets.NAME} reference".into(),
                    severity: Severity::Warning,
                });
            }
        }
    }
}
