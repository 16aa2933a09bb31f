//! API paths → config paths: path parameters bound to a parent resource's fields (or to the
//! description's examples), and resource names from the fixed segments.

use serde_json::Value;

use super::super::endpoints::{Confidence, Guessed};
use super::super::Guess;
use super::Res;
use crate::export::pyexpr::identifier;

/// The config path for an API path: parameters bound to a parent's fields, or to their
/// examples; `None` (with the reason reported) when a parameter has neither. With it, the parent
/// the path was bound to (the least sure of its fields' matches).
pub(super) fn bind_path(
    path: &str,
    params: &[Value],
    done: &[Res],
    at: &str,
    guesses: &mut Vec<Guess>,
) -> Option<(String, Option<Guessed>)> {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some(last) = segs.iter().rposition(|s| s.contains('{')) else {
        return Some((segs.join("/"), None));
    };
    let mut bound_parent: Option<Guessed> = None;
    let prefix = format!("/{}", segs[..last].join("/"));
    let parent = done.iter().find(|r| r.template == prefix);
    let mut out = Vec::new();
    for (i, seg) in segs.iter().enumerate() {
        let Some((before, rest)) = seg.split_once('{') else {
            out.push(seg.to_string());
            continue;
        };
        let (param, after) = rest.split_once('}').unwrap_or((rest, ""));
        let field = parent.and_then(|p| match_field(param, p, i == last));
        let bound = match (field, parent) {
            (Some((f, confidence)), Some(p)) => {
                let evidence = format!(
                    "{{{param}}} ← field '{f}' of each '{}' record (GET {prefix} lists them)",
                    p.name
                );
                guesses.push(Guess::new(&format!("{at}.endpoint.path"), evidence.clone()));
                let weaker = bound_parent
                    .as_ref()
                    .is_some_and(|b| b.confidence > confidence);
                if !weaker {
                    bound_parent = Some(Guessed::new(&p.name, confidence, evidence));
                }
                format!("{{resources.{}.{f}}}", p.name)
            }
            _ => match example(params, param) {
                Some(v) => {
                    guesses.push(Guess::new(&format!("{at}.endpoint.path"), format!("{{{param}}} = '{v}', the description's example (no list operation provides it)")));
                    v
                }
                None => {
                    guesses.push(Guess::new("", format!("GET {path} skipped: no list operation provides '{param}', and it has no example")));
                    return None;
                }
            },
        };
        out.push(format!("{before}{bound}{after}"));
    }
    Some((out.join("/"), bound_parent))
}

/// The parent field a path parameter stands for: the same name, or `id` for `id`, `user`,
/// `userId`, `user_id` under a `users` parent (likewise `<singular><Field>`); earlier parameters (not the
/// last) must match a field exactly. The same name is a sure match; the others only look right.
fn match_field(param: &str, parent: &Res, last: bool) -> Option<(String, Confidence)> {
    let props = parent.shape.item_properties();
    if props.iter().any(|p| p == param) {
        return Some((param.to_string(), Confidence::High));
    }
    if !last {
        return None;
    }
    let norm = |s: &str| s.to_ascii_lowercase().replace(['_', '-'], "");
    let plural = norm(&parent.name);
    let singular = if let Some(s) = plural.strip_suffix("ies") {
        format!("{s}y")
    } else {
        plural.strip_suffix('s').unwrap_or(&plural).to_string()
    };
    let p = norm(param);
    props
        .into_iter()
        .find(|f| {
            let f = norm(f);
            (f == "id" && (p == "id" || p == singular))
                || p == format!("{singular}{f}")
                || p == format!("{plural}{f}")
        })
        .map(|f| (f, Confidence::Medium))
}

/// A parameter's example, default or first enum value, as text.
pub(super) fn example(params: &[Value], name: &str) -> Option<String> {
    let p = params
        .iter()
        .find(|p| p.get("name").and_then(Value::as_str) == Some(name))?;
    let schema = p.get("schema");
    let v = p
        .get("example")
        .or_else(|| schema.and_then(|s| s.get("default")))
        .or_else(|| schema.and_then(|s| s.get("example")))
        .or_else(|| schema.and_then(|s| s.get("enum")).and_then(|e| e.get(0)))?;
    Some(match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

/// A resource name from the path's fixed segments: the last one, or all of them when taken.
pub(super) fn unique_name(path: &str, done: &[Res]) -> String {
    let fixed: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.contains('{'))
        .collect();
    let last = identifier(fixed.last().copied().unwrap_or("items"), "items");
    let mut name = if done.iter().any(|r| r.name == last) {
        identifier(&fixed.join("_"), "items")
    } else {
        last
    };
    while done.iter().any(|r| r.name == name) {
        name.push('_');
    }
    name
}
