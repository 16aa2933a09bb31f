//! The first request of a sequence: path, params, headers and body expanded for one parent
//! record (or none) and the incremental values, as dlt builds it (dlt-behaviour §3, §6).

use serde_json::Value;

use crate::config::{Endpoint, Method, ParamValue};
use crate::http::request::{join_url, query_value, Body, RequestSpec};
use crate::plan::expand::{expand_str, expand_value, python_str};
use crate::plan::source::SourcePlan;
use crate::plan::template::{Placeholder, PlaceholderKind};
use crate::secrets::Stores;
use crate::select::Selector;

/// Incremental values available to placeholders and start/end params.
#[derive(Debug, Clone, Default)]
pub struct IncrementalValues {
    /// `initial_value`.
    pub initial_value: Option<Value>,
    /// `start_value`: the stored cursor, or the initial value.
    pub start_value: Option<Value>,
    /// `last_value`: the live cursor.
    pub last_value: Option<Value>,
    /// `end_value`.
    pub end_value: Option<Value>,
}

/// The parent record a child request is built for.
pub struct ParentRecord<'a> {
    /// The parent resource name.
    pub name: &'a str,
    /// The record.
    pub record: &'a Value,
}

/// Builds the first request of a sequence.
pub fn initial_request(
    plan: &SourcePlan,
    ep: &Endpoint,
    parent: Option<&ParentRecord<'_>>,
    incremental: &IncrementalValues,
    stores: &Stores,
) -> Result<RequestSpec, String> {
    let params = ep.params.clone().unwrap_or_default();
    let lookup = |p: &Placeholder| -> Result<Value, String> {
        match &p.kind {
            PlaceholderKind::Resource {
                parent: name,
                field,
            } => parent_field(parent, name, field, &p.expr),
            PlaceholderKind::Incremental(attr) => Ok(match attr.as_str() {
                "initial_value" => incremental.initial_value.clone(),
                "start_value" => incremental.start_value.clone(),
                "last_value" => incremental.last_value.clone(),
                "end_value" => incremental.end_value.clone(),
                _ => None,
            }
            .unwrap_or(Value::Null)),
            PlaceholderKind::Secret(name) => stores
                .get(name)
                .map(|s| Value::String(s.expose().to_string())),
            PlaceholderKind::Param(name) => match params.get(name) {
                Some(ParamValue::Literal(l)) => Ok(l.0.clone()),
                Some(ParamValue::Resolve(r)) => parent_field(parent, &r.resource, &r.field, name),
                _ => Err(format!("no value for path placeholder '{{{name}}}'")),
            },
            PlaceholderKind::Unknown(ctx) => Err(format!("unknown placeholder context '{ctx}'")),
        }
    };
    let path = expand_str(ep.path.as_deref().unwrap_or_default(), &lookup)?;
    let bound: Vec<String> =
        crate::plan::template::placeholders(ep.path.as_deref().unwrap_or_default())
            .into_iter()
            .filter_map(|p| match p.kind {
                PlaceholderKind::Param(n) => Some(n),
                _ => None,
            })
            .collect();
    let mut req = RequestSpec::get(join_url(&plan.base_url, &path));
    req.method = ep.method.unwrap_or(Method::Get);
    for (k, v) in &plan.client_headers {
        req.set_header(k, v.clone());
    }
    for (k, v) in ep.headers.iter().flatten() {
        req.set_header(&expand_str(k, &lookup)?, expand_str(v, &lookup)?);
    }
    for (name, value) in &params {
        if bound.contains(name) {
            continue;
        }
        match value {
            ParamValue::Literal(l) => {
                let expanded = expand_value(&l.0, &lookup, false)?;
                for v in query_value(&expanded).unwrap_or_default() {
                    req.query.push((name.clone(), v));
                }
            }
            ParamValue::Incremental(_) => {
                if let Some(v) = incremental.start_value.as_ref().filter(|v| !v.is_null()) {
                    req.query.push((name.clone(), python_str(v)));
                }
            }
            ParamValue::Resolve(_) => {}
        }
    }
    if let Some(inc) = &ep.incremental {
        if let (Some(p), Some(v)) = (
            &inc.start_param,
            incremental.start_value.as_ref().filter(|v| !v.is_null()),
        ) {
            req.set_query(p, python_str(v));
        }
        if let (Some(p), Some(v)) = (
            &inc.end_param,
            incremental.end_value.as_ref().filter(|v| !v.is_null()),
        ) {
            req.set_query(p, python_str(v));
        }
    }
    if let Some(json) = &ep.json {
        req.body = Body::Json(expand_value(&Value::Object(json.clone()), &lookup, true)?);
    } else if let Some(data) = &ep.data {
        req.body = form_body(&expand_value(data, &lookup, false)?);
    }
    Ok(req)
}

fn parent_field(
    parent: Option<&ParentRecord<'_>>,
    name: &str,
    field: &str,
    expr: &str,
) -> Result<Value, String> {
    let Some(p) = parent.filter(|p| p.name == name) else {
        return Err(format!("'{{{expr}}}' needs a record of resource '{name}'"));
    };
    let sel = Selector::parse(field)?;
    match sel.first(p.record) {
        Some(v) => Ok(v.clone()),
        None => {
            let keys: Vec<String> = p
                .record
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            Err(format!(
                "resource expects a field '{field}' in the records of '{name}' to bind '{{{expr}}}'; available parent fields are: [{}]",
                keys.join(", ")
            ))
        }
    }
}

/// A `data` body: an object or list of pairs becomes a form; a string is sent raw.
fn form_body(data: &Value) -> Body {
    match data {
        Value::Object(map) if map.is_empty() => Body::None,
        Value::Object(map) => Body::Form(
            map.iter()
                .flat_map(|(k, v)| {
                    query_value(v)
                        .unwrap_or_default()
                        .into_iter()
                        .map(move |s| (k.clone(), s))
                })
                .collect(),
        ),
        Value::Array(pairs) => Body::Form(
            pairs
                .iter()
                .filter_map(|p| {
                    let a = p.as_array()?;
                    Some((python_str(a.first()?), python_str(a.get(1)?)))
                })
                .collect(),
        ),
        Value::String(s) => Body::Raw(s.clone()),
        Value::Null => Body::None,
        other => Body::Raw(python_str(other)),
    }
}
