//! OpenAPI 3 → a source: `servers` give the base URL, GET operations that return lists become
//! resources, path parameters become parent/child relationships where the parent's field is
//! obvious, security schemes become auth, and paginators are guessed from the parameters and
//! response fields, with the evidence reported.
//!
//! The description is read as plain JSON/YAML rather than through a typed OpenAPI crate: the
//! maintained crates each cover one of 3.0 and 3.1, and real descriptions bend the schema.

pub mod auth;
mod paths;
pub mod schema;

use serde_json::{json, Map, Value};

use super::endpoints::{paginator_type, Confidence, EndpointGuess, Guessed};
use super::paging::{guess, ParamHint, ResponseHint};
use super::{Guess, ImportError};
use paths::{bind_path, example, unique_name};
use schema::{list_shape, resolve, ListShape};

/// A list operation turned into a resource.
struct Res {
    name: String,
    template: String,
    shape: ListShape,
}

/// An imported description: the document, every guess, and the guesses per resource.
#[derive(Debug, Clone)]
pub struct OpenapiImport {
    /// The source document.
    pub value: Value,
    /// Every decision, in order.
    pub guesses: Vec<Guess>,
    /// One entry per resource, in the document's order.
    pub endpoints: Vec<EndpointGuess>,
}

/// Reads an OpenAPI 3 description.
pub fn import_openapi(doc: &Value) -> Result<(Value, Vec<Guess>), ImportError> {
    import_openapi_endpoints(doc).map(|i| (i.value, i.guesses))
}

/// Reads an OpenAPI 3 description, with the guesses per resource.
pub fn import_openapi_endpoints(doc: &Value) -> Result<OpenapiImport, ImportError> {
    let version = doc.get("openapi").and_then(Value::as_str).unwrap_or("");
    if !version.starts_with('3') {
        let what = if doc.get("swagger").is_some() {
            "Swagger 2.0"
        } else {
            "this document"
        };
        return Err(ImportError::Unsupported(format!(
            "{what} is not OpenAPI 3: convert it first (e.g. `npx swagger2openapi spec.yaml -o openapi.yaml`)"
        )));
    }
    let mut guesses = Vec::new();
    let base_url = base_url(doc, &mut guesses);
    let mut client = Map::new();
    client.insert("base_url".into(), json!(base_url));

    let mut ops: Vec<(String, &Value, Vec<Value>)> = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            let item = resolve(doc, item);
            let Some(op) = item.get("get") else {
                let methods: Vec<&str> = ["post", "put", "patch", "delete"]
                    .into_iter()
                    .filter(|m| item.get(*m).is_some())
                    .collect();
                if !methods.is_empty() {
                    guesses.push(Guess::new(
                        "",
                        format!(
                            "{} {path} skipped: only GET operations become resources",
                            methods.join("/").to_ascii_uppercase()
                        ),
                    ));
                }
                continue;
            };
            let mut params: Vec<Value> = Vec::new();
            for p in item
                .get("parameters")
                .into_iter()
                .chain(op.get("parameters"))
                .flat_map(|v| v.as_array().into_iter().flatten())
            {
                let p = resolve(doc, p).clone();
                params.retain(|q| !(q.get("name") == p.get("name") && q.get("in") == p.get("in")));
                params.push(p);
            }
            ops.push((path.clone(), op, params));
        }
    }
    ops.sort_by_key(|(p, _, _)| p.matches('/').count());

    // Only the global requirement applies to operations that declare none.
    let client_scheme = doc.get("security").and_then(auth::first_scheme).flatten();
    if let Some(id) = &client_scheme {
        if let Some((a, msg)) = auth::scheme_auth(doc, id, "") {
            client.insert("auth".into(), a);
            guesses.push(Guess::new("client.auth", msg));
        }
    }

    let mut done: Vec<Res> = Vec::new();
    let mut resources = Vec::new();
    let mut endpoints = Vec::new();
    for (path, op, params) in &ops {
        let Some(shape) = response_list(doc, op) else {
            guesses.push(Guess::new(
                "",
                format!("GET {path} skipped: its response is not a list of records"),
            ));
            continue;
        };
        let i = resources.len();
        let at = format!("resources[{i}]");
        let Some((config_path, parent)) = bind_path(path, params, &done, &at, &mut guesses) else {
            continue;
        };
        let name = unique_name(path, &done);
        let mut endpoint = Map::new();
        endpoint.insert("path".into(), json!(config_path));
        let paginator = query(params, &shape, &mut endpoint, &at, &mut guesses);
        endpoint.insert("data_selector".into(), json!(shape.selector));
        let selector_evidence =
            format!("'{}': where GET {path} returns its records", shape.selector);
        guesses.push(Guess::new(
            &format!("{at}.endpoint.data_selector"),
            selector_evidence.clone(),
        ));
        if let Some(sec) = op.get("security").and_then(auth::first_scheme) {
            match sec {
                None if client.contains_key("auth") => {
                    endpoint.insert("auth".into(), Value::Null);
                    guesses.push(Guess::new(
                        &format!("{at}.endpoint.auth"),
                        "null: the operation declares no security",
                    ));
                }
                Some(id) if Some(&id) != client_scheme.as_ref() => {
                    let prefix = if client_scheme.is_some() {
                        auth::prefix(&id)
                    } else {
                        String::new()
                    };
                    if let Some((a, msg)) = auth::scheme_auth(doc, &id, &prefix) {
                        endpoint.insert("auth".into(), a);
                        guesses.push(Guess::new(&format!("{at}.endpoint.auth"), msg));
                    }
                }
                _ => {}
            }
        }
        let mut res = Map::new();
        res.insert("name".into(), json!(name));
        res.insert("endpoint".into(), Value::Object(endpoint));
        let primary_key = shape.item_properties().iter().any(|p| p == "id").then(|| {
            res.insert("primary_key".into(), json!("id"));
            Guessed::new("id", Confidence::High, "the records have an 'id' property")
        });
        resources.push(Value::Object(res));
        endpoints.push(EndpointGuess {
            resource: name.clone(),
            operation: format!("GET {path}"),
            paginator,
            data_selector: Guessed::new(&shape.selector, shape.confidence, selector_evidence),
            primary_key,
            parent,
        });
        done.push(Res {
            name,
            template: path.clone(),
            shape,
        });
    }
    if resources.is_empty() {
        return Err(ImportError::NoConfig(
            "no GET operation of the description returns a list of records".into(),
        ));
    }
    Ok(OpenapiImport {
        value: json!({"client": Value::Object(client), "resources": resources}),
        guesses,
        endpoints,
    })
}

/// `servers[0].url` with its variables' defaults, ending in `/`.
fn base_url(doc: &Value, guesses: &mut Vec<Guess>) -> String {
    let server = doc
        .get("servers")
        .and_then(Value::as_array)
        .and_then(|s| s.first());
    let mut url = server
        .and_then(|s| s.get("url"))
        .and_then(Value::as_str)
        .unwrap_or("/")
        .to_string();
    if let Some(vars) = server
        .and_then(|s| s.get("variables"))
        .and_then(Value::as_object)
    {
        for (k, v) in vars {
            if let Some(d) = v.get("default").and_then(Value::as_str) {
                url = url.replace(&format!("{{{k}}}"), d);
            }
        }
    }
    if !url.ends_with('/') {
        url.push('/');
    }
    let servers = doc
        .get("servers")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if !url.contains("://") {
        guesses.push(Guess::new("client.base_url", format!("'{url}' is relative (the description has no absolute server URL): put the API's full URL here")));
    } else if servers > 1 {
        guesses.push(Guess::new(
            "client.base_url",
            format!("the first of {servers} servers"),
        ));
    }
    url
}

/// The records schema of the first 2xx JSON response, read as a list.
fn response_list(doc: &Value, op: &Value) -> Option<ListShape> {
    let responses = op.get("responses")?.as_object()?;
    let (_, resp) = responses.iter().find(|(code, _)| code.starts_with('2'))?;
    let resp = resolve(doc, resp);
    let content = resp.get("content")?.as_object()?;
    let media = content
        .iter()
        .find(|(t, _)| t.contains("json"))
        .map(|(_, m)| m)?;
    let mut shape = list_shape(doc, media.get("schema")?)?;
    if let Some(h) = resp.get("headers").and_then(Value::as_object) {
        shape.fields.extend(
            h.keys()
                .map(|k| (format!("header:{k}"), "header".to_string())),
        );
    }
    Some(shape)
}

/// Query parameters: a guessed paginator, required parameters with their examples, the page
/// size raised to its maximum. Returns the paginator guess (`auto`, low, when there is none).
fn query(
    params: &[Value],
    shape: &ListShape,
    endpoint: &mut Map<String, Value>,
    at: &str,
    guesses: &mut Vec<Guess>,
) -> Guessed {
    let queries: Vec<&Value> = params
        .iter()
        .filter(|p| p.get("in").and_then(Value::as_str) == Some("query"))
        .collect();
    let hints: Vec<ParamHint> = queries
        .iter()
        .filter_map(|p| {
            let s = p.get("schema");
            let int = |k: &str| s.and_then(|s| s.get(k)).and_then(Value::as_i64);
            Some(ParamHint {
                name: p.get("name")?.as_str()?.to_string(),
                value: s.and_then(|s| s.get("default")).cloned(),
                minimum: int("minimum"),
                maximum: int("maximum"),
            })
        })
        .collect();
    let resp = ResponseHint {
        fields: shape
            .fields
            .iter()
            .filter(|(p, _)| !p.starts_with("header:"))
            .cloned()
            .collect(),
        headers: shape
            .fields
            .iter()
            .filter_map(|(p, _)| p.strip_prefix("header:").map(str::to_string))
            .collect(),
    };
    let mut consumed = Vec::new();
    let picked = match guess(&hints, &resp) {
        Some(g) => {
            guesses.push(Guess::new(
                &format!("{at}.endpoint.paginator"),
                format!("{} from {}", g.paginator, g.evidence),
            ));
            let picked = Guessed::new(paginator_type(&g.paginator), g.confidence, g.evidence);
            endpoint.insert("paginator".into(), g.paginator);
            consumed = g.consumed;
            picked
        }
        None => {
            let why = "no paging parameters or fields: left to dlt's auto-detection at run time";
            guesses.push(Guess::new(&format!("{at}.endpoint.paginator"), why));
            Guessed::new("auto", Confidence::Low, why)
        }
    };
    let mut out = Map::new();
    let sizes = [
        "per_page",
        "perPage",
        "page_size",
        "pageSize",
        "limit",
        "size",
        "pagelen",
    ];
    for h in hints.iter().filter(|h| !consumed.contains(&h.name)) {
        if sizes.contains(&h.name.as_str()) && endpoint.contains_key("paginator") {
            if let Some(max) = h.maximum {
                out.insert(h.name.clone(), json!(max));
                guesses.push(Guess::new(
                    &format!("{at}.endpoint.params.{}", h.name),
                    format!("{max}, the declared maximum page size (fewer requests)"),
                ));
            }
        }
    }
    for p in &queries {
        let Some(name) = p.get("name").and_then(Value::as_str) else {
            continue;
        };
        let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
        if !required || consumed.iter().any(|c| c == name) || out.contains_key(name) {
            continue;
        }
        match example(params, name) {
            Some(v) => {
                out.insert(name.to_string(), json!(v));
                guesses.push(Guess::new(
                    &format!("{at}.endpoint.params.{name}"),
                    format!("'{v}': required, from the description's example/default"),
                ));
            }
            None => guesses.push(Guess::new(
                &format!("{at}.endpoint.params"),
                format!("required query parameter '{name}' has no example: add a value"),
            )),
        }
    }
    if !out.is_empty() {
        endpoint.insert("params".into(), Value::Object(out));
    }
    picked
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
