//! A source document → the Python dict literal dlt takes, plus what the script around it needs:
//! secret lookups, seed resources, jq helpers, page limits and notes on what changed.

use serde_json::{Map, Value};

use super::pyexpr::{identifier, py_str, Py};
use crate::config::merge::effective_resource;

/// `@dlt.resource` keyword arguments a seed resource's hints may become.
const RESOURCE_KWARGS: [&str; 13] = [
    "table_name",
    "max_table_nesting",
    "write_disposition",
    "columns",
    "primary_key",
    "merge_key",
    "schema_contract",
    "table_format",
    "file_format",
    "references",
    "nested_hints",
    "selected",
    "parallelized",
];

/// Names the script itself defines; seed functions must not take them.
pub const RESERVED: [&str; 20] = [
    "dlt",
    "jq",
    "json",
    "os",
    "requests",
    "Path",
    "Any",
    "HERE",
    "SECRETS",
    "MAX_PAGES",
    "DEFAULT_MAX_PAGES",
    "source_config",
    "destination",
    "check_secrets",
    "load",
    "jq_filter",
    "jq_map",
    "jq_yield_map",
    "jq_convert",
    "response_action",
];

/// A seed resource, written as an `@dlt.resource` function that yields its rows as one page.
#[derive(Debug, Clone)]
pub struct Seed {
    /// The Python function name.
    pub func: String,
    /// The decorator's keyword arguments (`name` first).
    pub kwargs: Vec<(String, Py)>,
    /// The rows.
    pub rows: Py,
}

/// The translated config and everything the script needs around it.
#[derive(Debug, Clone, Default)]
pub struct Translation {
    /// The config dict literal.
    pub config: Option<Py>,
    /// `dlt.secrets[...]` names, in order of first use.
    pub secrets: Vec<String>,
    /// Fields of auth given by type name only, which dlt resolves from
    /// `sources.<source>.credentials.<field>`.
    pub credentials: Vec<String>,
    /// Seed resources.
    pub seeds: Vec<Seed>,
    /// `resource_defaults.endpoint.max_pages`.
    pub default_max_pages: Option<u64>,
    /// `max_pages` per resource.
    pub max_pages: Vec<(String, u64)>,
    /// Lines for the notes comment: what was changed to fit dlt.
    pub notes: Vec<String>,
    /// Whether the jq helpers are used.
    pub uses_jq: bool,
    /// Whether `response_action` hooks are used.
    pub uses_actions: bool,
    /// What cannot be exported, with its path.
    pub unsupported: Vec<String>,
    reserved: Vec<String>,
}

/// Translates a (valid) source document. `source_fn` is the name of the script's source function,
/// kept out of the seed function names.
pub fn translate(doc: &Value, source_fn: &str) -> Translation {
    let mut t = Translation {
        reserved: RESERVED
            .iter()
            .map(|s| s.to_string())
            .chain([source_fn.to_string()])
            .collect(),
        ..Translation::default()
    };
    let Value::Object(root) = doc else {
        t.unsupported
            .push("<root>: the document is not an object".into());
        return t;
    };
    let defaults = root.get("resource_defaults");
    let has_seeds = root
        .get("resources")
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|e| e.get("rows").is_some()));
    let default_hints = defaults
        .and_then(Value::as_object)
        .is_some_and(|d| d.keys().any(|k| k != "endpoint"));
    if has_seeds && default_hints {
        t.notes.push(
            "resource_defaults are not applied to seed (@dlt.resource) resources in dlt; \
             Pipewright applies their table hints to seed rows too"
                .into(),
        );
    }
    let mut out = Vec::new();
    for (k, v) in root {
        let py = match (k.as_str(), v) {
            ("client", Value::Object(c)) => t.client(c),
            ("resource_defaults", Value::Object(d)) => t.resource(d, None),
            ("resources", Value::Array(items)) => Py::List(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, r)| t.entry(r, i, defaults))
                    .collect(),
            ),
            _ => t.value(v),
        };
        out.push((k.clone(), py));
    }
    t.config = Some(Py::Dict(out));
    t
}

impl Translation {
    /// Any value; strings become secret lookups where they hold `{secrets.NAME}`.
    fn value(&mut self, v: &Value) -> Py {
        match v {
            Value::String(s) => self.string(s),
            Value::Array(items) => Py::List(items.iter().map(|x| self.value(x)).collect()),
            Value::Object(map) => Py::Dict(
                map.iter()
                    .map(|(k, x)| (k.clone(), self.value(x)))
                    .collect(),
            ),
            other => Py::from_json(other),
        }
    }

    /// A string; each `{secrets.NAME}` becomes `dlt.secrets["NAME"]`, joined with `+`.
    fn string(&mut self, s: &str) -> Py {
        let mut parts = Vec::new();
        let mut rest = s;
        while let Some(pos) = rest.find("{secrets.") {
            let after = &rest[pos + "{secrets.".len()..];
            let Some(end) = after.find('}') else { break };
            let name = &after[..end];
            if pos > 0 {
                parts.push(Py::Str(rest[..pos].to_string()));
            }
            if !self.secrets.iter().any(|n| n == name) {
                self.secrets.push(name.to_string());
            }
            parts.push(Py::Raw(format!("dlt.secrets[{}]", py_str(name))));
            rest = &after[end + 1..];
        }
        if !rest.is_empty() || parts.is_empty() {
            parts.push(Py::Str(rest.to_string()));
        }
        if parts.len() == 1 {
            parts.remove(0)
        } else {
            Py::Concat(parts)
        }
    }

    fn client(&mut self, c: &Map<String, Value>) -> Py {
        Py::Dict(
            c.iter()
                .map(|(k, v)| {
                    let py = match k.as_str() {
                        "auth" => self.auth(v),
                        _ => self.value(v),
                    };
                    (k.clone(), py)
                })
                .collect(),
        )
    }

    fn entry(&mut self, r: &Value, i: usize, defaults: Option<&Value>) -> Py {
        let Value::Object(map) = r else {
            return self.value(r);
        };
        let name = map.get("name").and_then(Value::as_str).unwrap_or("");
        if map.contains_key("rows") {
            return self.seed(map, name, i);
        }
        let effective = effective_resource(defaults, r);
        let max = effective
            .pointer("/endpoint/max_pages")
            .and_then(Value::as_u64);
        if let (Some(n), true) = (max, is_child(&effective)) {
            self.notes.push(format!(
                "resources[{i}] ('{name}'): max_pages={n} is not applied: dlt's add_limit() does not \
                 limit dependent resources (limit the parent, or use the paginator's maximum_page/maximum_offset)"
            ));
        }
        self.resource(map, Some(name))
    }

    /// A resource object or `resource_defaults`.
    fn resource(&mut self, r: &Map<String, Value>, name: Option<&str>) -> Py {
        let mut out = Vec::new();
        for (k, v) in r {
            let py = match (k.as_str(), v) {
                ("endpoint", Value::Object(ep)) => self.endpoint(ep, name),
                ("auth", _) => self.auth(v),
                ("processing_steps", Value::Array(steps)) => self.steps(steps),
                _ => self.value(v),
            };
            out.push((k.clone(), py));
        }
        Py::Dict(out)
    }

    fn endpoint(&mut self, ep: &Map<String, Value>, name: Option<&str>) -> Py {
        let mut out = Vec::new();
        for (k, v) in ep {
            let py = match (k.as_str(), v) {
                ("max_pages", _) => {
                    let n = v.as_u64().unwrap_or(0);
                    match name {
                        Some(name) => self.max_pages.push((name.to_string(), n)),
                        None => self.default_max_pages = Some(n),
                    }
                    continue;
                }
                ("auth", _) => self.auth(v),
                ("incremental", Value::Object(inc)) => self.incremental(inc),
                ("params", Value::Object(params)) => Py::Dict(
                    params
                        .iter()
                        .map(|(pk, pv)| {
                            let py = match pv {
                                Value::Object(p)
                                    if p.get("type") == Some(&"incremental".into()) =>
                                {
                                    self.incremental(p)
                                }
                                _ => self.value(pv),
                            };
                            (pk.clone(), py)
                        })
                        .collect(),
                ),
                ("response_actions", Value::Array(actions)) => {
                    Py::List(actions.iter().map(|a| self.action(a)).collect())
                }
                _ => self.value(v),
            };
            out.push((k.clone(), py));
        }
        Py::Dict(out)
    }

    fn auth(&mut self, v: &Value) -> Py {
        if let Value::String(kind) = v {
            let fields: &[&str] = match kind.as_str() {
                "bearer" => &["token"],
                "api_key" => &["api_key"],
                "http_basic" => &["username", "password"],
                "oauth2_client_credentials" => &["access_token_url", "client_id", "client_secret"],
                _ => &[],
            };
            for f in fields {
                if !self.credentials.iter().any(|c| c == f) {
                    self.credentials.push(f.to_string());
                }
            }
        }
        if v.get("location").and_then(Value::as_str) == Some("cookie") {
            let note = "api_key auth in a cookie: dlt 1.31 raises NotImplementedError for \
                        location 'cookie' when it sends a request (Pipewright sends it)";
            if !self.notes.iter().any(|n| n == note) {
                self.notes.push(note.to_string());
            }
        }
        self.value(v)
    }

    fn steps(&mut self, steps: &[Value]) -> Py {
        Py::List(
            steps
                .iter()
                .map(|step| match step {
                    Value::Object(s) => Py::Dict(
                        s.iter()
                            .map(|(k, v)| {
                                let py = match (k.as_str(), v) {
                                    ("filter" | "map" | "yield_map", Value::String(code)) => {
                                        self.jq_call(&format!("jq_{k}"), code)
                                    }
                                    _ => self.value(v),
                                };
                                (k.clone(), py)
                            })
                            .collect(),
                    ),
                    other => self.value(other),
                })
                .collect(),
        )
    }

    fn incremental(&mut self, inc: &Map<String, Value>) -> Py {
        if inc.get("per_parent") == Some(&Value::Bool(true)) {
            self.notes.push(
                "incremental.per_parent is a Pipewright extension: in dlt one cursor is shared by \
                 all parent records (its state starts from initial_value)"
                    .to_string(),
            );
        }
        Py::Dict(
            inc.iter()
                .filter(|(k, _)| k.as_str() != "per_parent")
                .map(|(k, v)| {
                    let py = match (k.as_str(), v) {
                        ("convert" | "transform", Value::String(code)) => {
                            self.jq_call("jq_convert", code)
                        }
                        _ => self.value(v),
                    };
                    (k.clone(), py)
                })
                .collect(),
        )
    }

    fn jq_call(&mut self, func: &str, code: &str) -> Py {
        self.uses_jq = true;
        Py::Call {
            func: func.to_string(),
            args: vec![Py::Str(code.to_string())],
            kwargs: vec![],
        }
    }

    /// dlt's dict actions know `ignore` only, and no jq `condition`: other rules become hooks.
    fn action(&mut self, a: &Value) -> Py {
        let Value::Object(map) = a else {
            return self.value(a);
        };
        let retry = map.get("action").and_then(Value::as_str) == Some("retry");
        if !retry && !map.contains_key("condition") {
            return self.value(a);
        }
        self.uses_actions = true;
        if map.contains_key("condition") {
            self.uses_jq = true;
        }
        Py::Call {
            func: "response_action".into(),
            args: vec![],
            kwargs: map
                .iter()
                .map(|(k, v)| (k.clone(), Py::from_json(v)))
                .collect(),
        }
    }

    fn seed(&mut self, map: &Map<String, Value>, name: &str, i: usize) -> Py {
        let mut func = identifier(name, "seed");
        if self.reserved.contains(&func) {
            func.push_str("_rows");
        }
        while self.reserved.contains(&func) {
            func.push('_');
        }
        self.reserved.push(func.clone());
        let mut kwargs = vec![("name".to_string(), Py::Str(name.to_string()))];
        let mut rows = Py::List(vec![]);
        for (k, v) in map {
            match k.as_str() {
                "name" => {}
                "rows" => rows = self.value(v),
                k if RESOURCE_KWARGS.contains(&k) => kwargs.push((k.to_string(), self.value(v))),
                other => self.unsupported.push(format!(
                    "resources[{i}].{other}: a seed resource ('{name}') with '{other}' cannot be exported; \
                     dlt resources take only table hints"
                )),
            }
        }
        self.seeds.push(Seed {
            func: func.clone(),
            kwargs,
            rows,
        });
        Py::Call {
            func,
            args: vec![],
            kwargs: vec![],
        }
    }
}

/// True when a resource takes data from a parent (placeholders or legacy resolve params).
fn is_child(resource: &Value) -> bool {
    let Some(ep) = resource.get("endpoint") else {
        return false;
    };
    let text = ep.to_string();
    text.contains("{resources.") || text.contains("\"type\":\"resolve\"")
}

#[cfg(test)]
#[path = "translate_tests.rs"]
mod tests;
