//! A parsed curl request → the source: base URL and path, params, auth and headers with secret
//! values turned into references, the body, and a paginator guessed from the query or body.

use serde_json::{json, Map, Value};
use url::Url;

use super::super::paging::{guess, ParamHint, ResponseHint};
use super::super::{Guess, ImportError};
use super::Request;
use crate::export::pyexpr::identifier;

/// Header names (parts) that carry credentials.
const SECRET_HEADER_PARTS: [&str; 7] = [
    "api-key",
    "apikey",
    "api_key",
    "token",
    "secret",
    "password",
    "authorization",
];

/// Request headers that describe the client, not the API.
const NOISE_HEADERS: [&str; 12] = [
    "host",
    "content-length",
    "accept-encoding",
    "connection",
    "accept-language",
    "user-agent",
    "referer",
    "origin",
    "priority",
    "dnt",
    "pragma",
    "cache-control",
];
const QUERY_KEYS: [&str; 10] = [
    "api_key",
    "apikey",
    "api-key",
    "key",
    "token",
    "access_token",
    "auth_token",
    "apiKey",
    "appid",
    "app_id",
];

/// `{secrets.NAME}` for a value from the command: `$VAR` / `${VAR}` name the secret after the
/// variable; a literal value is dropped and named `fallback`.
fn secret(value: &str, fallback: &str, at: &str, guesses: &mut Vec<Guess>) -> String {
    let var = value
        .strip_prefix("${")
        .and_then(|v| v.strip_suffix('}'))
        .or_else(|| value.strip_prefix('$'));
    match var.filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        Some(v) => {
            let name = v.to_ascii_lowercase();
            guesses.push(Guess::new(at, format!("${v} → {{secrets.{name}}}")));
            format!("{{secrets.{name}}}")
        }
        None => {
            guesses.push(Guess::new(at, format!("the secret value in the command was not kept: store it as '{fallback}' (`pipewright secrets set <source> {fallback}`)")));
            format!("{{secrets.{fallback}}}")
        }
    }
}

pub(super) fn build(
    r: Request,
    mut guesses: Vec<Guess>,
) -> Result<(Value, Vec<Guess>), ImportError> {
    let raw = r
        .url
        .clone()
        .ok_or_else(|| ImportError::NoConfig("the curl command has no URL".into()))?;
    let raw = if raw.contains("://") {
        raw
    } else {
        format!("https://{raw}")
    };
    let url = Url::parse(&raw)
        .map_err(|e| ImportError::Unsupported(format!("cannot read the URL '{raw}': {e}")))?;
    let post = match (r.method.as_deref(), r.data.is_empty() || r.get) {
        (Some("GET"), _) | (None, true) => false,
        (Some("POST"), _) | (None, false) => true,
        (Some(m), _) => {
            return Err(ImportError::Unsupported(format!(
                "method {m}: dlt's rest_api sends GET or POST only"
            )))
        }
    };
    let (base_url, path) = split_url(&url);
    let name = path
        .split('/')
        .rev()
        .find(|s| {
            !s.is_empty() && !s.chars().all(|c| c.is_ascii_digit() || c == '-') && !s.contains('{')
        })
        .map_or_else(|| "items".to_string(), |s| identifier(s, "items"));
    guesses.push(Guess::new(
        "client.base_url",
        format!("'{base_url}' with endpoint path '{path}' (resource '{name}')"),
    ));
    let mut params: Vec<(String, Value)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect();
    if r.get {
        for d in &r.data {
            params.extend(
                url::form_urlencoded::parse(d.as_bytes())
                    .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned()))),
            );
        }
    }
    let mut client = Map::new();
    client.insert("base_url".into(), json!(base_url));
    let json_type = client_auth(&r, &url, &mut params, &mut client, &mut guesses);
    let mut endpoint = Map::new();
    endpoint.insert("path".into(), json!(path));
    if post {
        endpoint.insert("method".into(), json!("POST"));
    }
    if !r.get && !r.data.is_empty() {
        body(&r.data.join("&"), json_type, &mut endpoint, &mut guesses);
    }
    paging(params, &mut endpoint, &mut guesses);
    guesses.push(Guess::new(
        "resources[0].endpoint.data_selector",
        "not set: the records are found in the response automatically (set it if that picks the wrong list)",
    ));
    let resource = json!({"name": name, "endpoint": Value::Object(endpoint)});
    Ok((
        json!({"client": Value::Object(client), "resources": [resource]}),
        guesses,
    ))
}

/// Auth and headers into `client`; returns whether the body is declared JSON.
fn client_auth(
    r: &Request,
    url: &Url,
    params: &mut Vec<(String, Value)>,
    client: &mut Map<String, Value>,
    guesses: &mut Vec<Guess>,
) -> bool {
    let mut auth: Option<Value> = None;
    if let Some(pos) = params
        .iter()
        .position(|(k, _)| QUERY_KEYS.contains(&k.as_str()))
    {
        let (k, v) = params.remove(pos);
        let s = secret(
            v.as_str().unwrap_or(""),
            "api_key",
            "client.auth.api_key",
            guesses,
        );
        auth = Some(json!({"type": "api_key", "name": k, "api_key": s, "location": "query"}));
    }
    if let Some(user) = r.user.clone().or_else(|| {
        (!url.username().is_empty())
            .then(|| format!("{}:{}", url.username(), url.password().unwrap_or("")))
    }) {
        let (u, p) = user.split_once(':').unwrap_or((&user, ""));
        // An empty password stays empty (`-u "key:"`); anything else becomes a reference.
        let p = if p.is_empty() {
            String::new()
        } else {
            secret(p, "password", "client.auth.password", guesses)
        };
        // Some APIs (Stripe) take the key as the user name: `-u "$KEY:"`.
        let u = if u.starts_with('$') {
            secret(u, "username", "client.auth.username", guesses)
        } else {
            u.to_string()
        };
        auth = Some(json!({"type": "http_basic", "username": u, "password": p}));
    }
    if let Some(t) = &r.bearer {
        let token = secret(t, "token", "client.auth.token", guesses);
        auth = Some(json!({"type": "bearer", "token": token}));
    }
    // Any other query value taken from a shell variable is a secret too.
    for (k, v) in params.iter_mut() {
        if let Some(text) = v.as_str().filter(|t| t.starts_with('$')) {
            let at = format!("params.{k}");
            *v = Value::String(secret(text, &identifier(k, "param"), &at, guesses));
        }
    }
    let mut headers = Map::new();
    let mut json_type = r.json_body;
    for (k, v) in &r.headers {
        let lower = k.to_ascii_lowercase();
        if lower == "content-type" {
            json_type |= v.contains("json");
            continue;
        }
        if NOISE_HEADERS.contains(&lower.as_str()) || lower.starts_with("sec-") {
            guesses.push(Guess::new(
                "client.headers",
                format!("header '{k}' left out (it describes the client, not the API)"),
            ));
            continue;
        }
        if lower == "authorization" && auth.is_none() {
            auth = Some(auth_header(v, guesses));
            continue;
        }
        let secretish = SECRET_HEADER_PARTS.iter().any(|s| lower.contains(s));
        if secretish && auth.is_none() {
            let s = secret(v, "api_key", "client.auth.api_key", guesses);
            auth = Some(json!({"type": "api_key", "name": k, "api_key": s, "location": "header"}));
        } else if secretish {
            let at = format!("client.headers.{k}");
            let s = secret(v, &identifier(k, "header"), &at, guesses);
            headers.insert(k.clone(), Value::String(s));
        } else {
            headers.insert(k.clone(), Value::String(v.clone()));
        }
    }
    if let Some(c) = &r.cookie {
        let s = secret(c, "cookie", "client.headers.Cookie", guesses);
        headers.insert("Cookie".into(), Value::String(s));
    }
    if !headers.is_empty() {
        client.insert("headers".into(), Value::Object(headers));
    }
    if let Some(a) = auth {
        client.insert("auth".into(), a);
    }
    json_type
}

/// A paginator from the query (or else the JSON body); the rest of the query as `params`.
fn paging(
    mut params: Vec<(String, Value)>,
    endpoint: &mut Map<String, Value>,
    guesses: &mut Vec<Guess>,
) {
    let hints: Vec<ParamHint> = params
        .iter()
        .map(|(k, v)| ParamHint {
            name: k.clone(),
            value: Some(v.clone()),
            ..ParamHint::default()
        })
        .collect();
    let at = "resources[0].endpoint.paginator";
    match guess(&hints, &ResponseHint::default()) {
        Some(g) => {
            params.retain(|(k, _)| !g.consumed.contains(k));
            guesses.push(Guess::new(
                at,
                format!("{} from {}", g.paginator, g.evidence),
            ));
            endpoint.insert("paginator".into(), g.paginator);
        }
        None => match body_paging(endpoint) {
            Some((p, evidence)) => {
                guesses.push(Guess::new(
                    at,
                    format!("{p} from {evidence} (in the JSON body)"),
                ));
                endpoint.insert("paginator".into(), p);
            }
            None => guesses.push(Guess::new(
                at,
                "no paging parameters in the request: left to dlt's auto-detection at run time",
            )),
        },
    }
    if !params.is_empty() {
        endpoint.insert("params".into(), Value::Object(params.into_iter().collect()));
    }
}

/// A paginator from the top-level fields of a JSON body: its `*_param` keys become
/// `*_body_path`, and the fields it now sends leave the body.
fn body_paging(endpoint: &mut Map<String, Value>) -> Option<(Value, String)> {
    let Some(Value::Object(body)) = endpoint.get_mut("json") else {
        return None;
    };
    let hints: Vec<ParamHint> = body
        .iter()
        .map(|(k, v)| ParamHint {
            name: k.clone(),
            value: Some(v.clone()),
            ..ParamHint::default()
        })
        .collect();
    let g = guess(&hints, &ResponseHint::default())?;
    body.retain(|k, _| !g.consumed.contains(k));
    let Value::Object(p) = g.paginator else {
        return None;
    };
    let renamed = p.into_iter().map(|(k, v)| match k.strip_suffix("_param") {
        Some(stem) => (format!("{stem}_body_path"), v),
        None => (k, v),
    });
    Some((
        Value::Object(renamed.collect()),
        g.evidence.replace("query parameter", "body field"),
    ))
}

fn auth_header(v: &str, guesses: &mut Vec<Guess>) -> Value {
    let (scheme, cred) = v.split_once(' ').unwrap_or(("", v));
    match scheme.to_ascii_lowercase().as_str() {
        "bearer" => {
            json!({"type": "bearer", "token": secret(cred.trim(), "token", "client.auth.token", guesses)})
        }
        "basic" => {
            use base64::Engine;
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(cred.trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok());
            let user = decoded
                .as_deref()
                .and_then(|d| d.split_once(':'))
                .map_or("", |(u, _)| u)
                .to_string();
            let p = secret("", "password", "client.auth.password", guesses);
            json!({"type": "http_basic", "username": user, "password": p})
        }
        _ => {
            let s = secret(cred.trim(), "token", "client.auth.api_key", guesses);
            let value = if scheme.is_empty() {
                s
            } else {
                format!("{scheme} {s}")
            };
            json!({"type": "api_key", "name": "Authorization", "api_key": value, "location": "header"})
        }
    }
}

fn body(data: &str, json_type: bool, endpoint: &mut Map<String, Value>, guesses: &mut Vec<Guess>) {
    if let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(data) {
        let mut obj = obj;
        for (k, v) in obj.iter_mut() {
            if crate::config::validate::is_sensitive_key(k) {
                if let Value::String(s) = v {
                    *s = secret(s, k, &format!("resources[0].endpoint.json.{k}"), guesses);
                }
            }
        }
        endpoint.insert("json".into(), Value::Object(obj));
    } else if json_type {
        endpoint.insert("data".into(), Value::String(data.to_string()));
        endpoint.insert(
            "headers".into(),
            json!({"Content-Type": "application/json"}),
        );
    } else {
        let form: Map<String, Value> = url::form_urlencoded::parse(data.as_bytes())
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect();
        endpoint.insert("data".into(), Value::Object(form));
    }
}

/// `https://host/api/v2/users/7/posts` → (`https://host/api/v2/`, `users/7/posts`): the base
/// keeps leading `api`/`rest`/version segments.
fn split_url(url: &Url) -> (String, String) {
    let mut origin = format!("{}://{}", url.scheme(), url.host_str().unwrap_or(""));
    if let Some(port) = url.port() {
        origin.push_str(&format!(":{port}"));
    }
    let segs: Vec<&str> = url.path().split('/').filter(|s| !s.is_empty()).collect();
    let is_prefix = |s: &str| {
        let l = s.to_ascii_lowercase();
        l == "api"
            || l == "rest"
            || (l.starts_with('v')
                && l.len() > 1
                && l[1..].chars().all(|c| c.is_ascii_digit() || c == '.'))
    };
    let n = segs
        .iter()
        .take_while(|s| is_prefix(s))
        .count()
        .min(segs.len().saturating_sub(1));
    let base = format!(
        "{origin}/{}",
        segs[..n]
            .iter()
            .map(|s| format!("{s}/"))
            .collect::<String>()
    );
    (base, segs[n..].join("/"))
}
