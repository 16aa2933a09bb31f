//! A curl command → a source with one resource: method, URL split into `base_url` + path +
//! params, headers, auth (secret values become `{secrets.NAME}` references and are not kept),
//! a JSON or form body, and a paginator guessed from the query.

use serde_json::{json, Map, Value};
use url::Url;

use super::paging::{guess, ParamHint, ResponseHint};
use super::{shell, Guess, ImportError};
use crate::export::pyexpr::identifier;

/// Options that take a value and do not matter for a source.
const IGNORED_WITH_VALUE: [&str; 22] = [
    "-o",
    "--output",
    "-m",
    "--max-time",
    "--connect-timeout",
    "--retry",
    "-w",
    "--write-out",
    "-x",
    "--proxy",
    "--cacert",
    "--cert",
    "-D",
    "--dump-header",
    "-c",
    "--cookie-jar",
    "--limit-rate",
    "-r",
    "--range",
    "--retry-delay",
    "-K",
    "--config",
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
const QUERY_KEYS: [&str; 8] = [
    "api_key",
    "apikey",
    "api-key",
    "key",
    "token",
    "access_token",
    "auth_token",
    "apiKey",
];

#[derive(Default)]
struct Request {
    method: Option<String>,
    url: Option<String>,
    headers: Vec<(String, String)>,
    data: Vec<String>,
    json_body: bool,
    get: bool,
    user: Option<String>,
    bearer: Option<String>,
    cookie: Option<String>,
}

/// Reads a curl command.
pub fn import_curl(text: &str) -> Result<(Value, Vec<Guess>), ImportError> {
    let words = shell::split(text).map_err(|message| ImportError::Syntax {
        what: "shell",
        line: 0,
        message,
    })?;
    let mut guesses = Vec::new();
    let req = parse_args(&words, &mut guesses)?;
    build(req, guesses)
}

fn parse_args(words: &[String], guesses: &mut Vec<Guess>) -> Result<Request, ImportError> {
    let start = words
        .iter()
        .position(|w| w == "curl" || w.ends_with("/curl"))
        .map_or(0, |i| i + 1);
    let mut r = Request::default();
    let mut i = start;
    while i < words.len() {
        let w = &words[i];
        i += 1;
        let (opt, attached) = split_option(w);
        let value = |i: &mut usize| -> Result<String, ImportError> {
            if let Some(v) = &attached {
                return Ok(v.clone());
            }
            let v = words.get(*i).cloned().ok_or_else(|| {
                ImportError::Unsupported(format!("curl option {opt} needs a value"))
            })?;
            *i += 1;
            Ok(v)
        };
        match opt.as_str() {
            "-X" | "--request" => r.method = Some(value(&mut i)?.to_ascii_uppercase()),
            "-H" | "--header" => {
                let h = value(&mut i)?;
                if let Some((k, v)) = h.split_once(':') {
                    r.headers.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-ascii" => {
                r.data.push(value(&mut i)?)
            }
            "--data-urlencode" => {
                let v = value(&mut i)?;
                let enc = |s: &str| {
                    url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>()
                };
                r.data.push(match v.split_once('=') {
                    Some((k, x)) => format!("{k}={}", enc(x)),
                    None => enc(&v),
                });
            }
            "--json" => {
                r.data.push(value(&mut i)?);
                r.json_body = true;
            }
            "-G" | "--get" => r.get = true,
            "-u" | "--user" => r.user = Some(value(&mut i)?),
            "--oauth2-bearer" => r.bearer = Some(value(&mut i)?),
            "-b" | "--cookie" => r.cookie = Some(value(&mut i)?),
            "-A" | "--user-agent" => r.headers.push(("User-Agent".into(), value(&mut i)?)),
            "-e" | "--referer" => r.headers.push(("Referer".into(), value(&mut i)?)),
            "--url" => r.url = Some(value(&mut i)?),
            "-F" | "--form" | "--form-string" => return Err(ImportError::Unsupported(
                "multipart form bodies (-F) cannot be sent by a rest_api source; use -d or --json"
                    .into(),
            )),
            o if IGNORED_WITH_VALUE.contains(&o) => {
                value(&mut i)?;
            }
            o if o.starts_with('-') && o.len() > 1 => {
                if !is_quiet_flag(o) {
                    guesses.push(Guess::new("", format!("curl option '{o}' ignored")));
                }
            }
            _ if r.url.is_none() => r.url = Some(w.clone()),
            _ => guesses.push(Guess::new("", format!("extra argument '{w}' ignored"))),
        }
    }
    Ok(r)
}

/// `--opt=value` and `-Xvalue` forms.
fn split_option(w: &str) -> (String, Option<String>) {
    if let Some((o, v)) = w.split_once('=').filter(|_| w.starts_with("--")) {
        return (o.to_string(), Some(v.to_string()));
    }
    let with_value = [
        "-X", "-H", "-d", "-u", "-A", "-b", "-e", "-o", "-m", "-x", "-w",
    ];
    if w.len() > 2 && !w.starts_with("--") && with_value.contains(&&w[..2]) {
        return (w[..2].to_string(), Some(w[2..].to_string()));
    }
    (w.to_string(), None)
}

fn is_quiet_flag(o: &str) -> bool {
    let known = [
        "--compressed",
        "--location",
        "--insecure",
        "--silent",
        "--show-error",
        "--verbose",
        "--include",
        "--fail",
        "--globoff",
        "--no-buffer",
        "--http1.1",
        "--http2",
        "--fail-with-body",
    ];
    known.contains(&o) || (!o.starts_with("--") && o[1..].chars().all(|c| "sSLkivfgN#".contains(c)))
}

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

fn build(r: Request, mut guesses: Vec<Guess>) -> Result<(Value, Vec<Guess>), ImportError> {
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
    let method = match (r.method.as_deref(), r.data.is_empty() || r.get) {
        (Some(m @ ("GET" | "POST")), _) => m.to_string(),
        (Some(m), _) => {
            return Err(ImportError::Unsupported(format!(
                "method {m}: dlt's rest_api sends GET or POST only"
            )))
        }
        (None, true) => "GET".into(),
        (None, false) => "POST".into(),
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

    let mut client = Map::new();
    let mut endpoint = Map::new();
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
            &mut guesses,
        );
        auth = Some(json!({"type": "api_key", "name": k, "api_key": s, "location": "query"}));
    }
    if let Some(user) = r.user.clone().or_else(|| {
        (!url.username().is_empty())
            .then(|| format!("{}:{}", url.username(), url.password().unwrap_or("")))
    }) {
        let (u, p) = user.split_once(':').unwrap_or((&user, ""));
        let p = secret(p, "password", "client.auth.password", &mut guesses);
        auth = Some(json!({"type": "http_basic", "username": u, "password": p}));
    }
    if let Some(t) = &r.bearer {
        auth = Some(
            json!({"type": "bearer", "token": secret(t, "token", "client.auth.token", &mut guesses)}),
        );
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
            auth = Some(auth_header(v, &mut guesses));
            continue;
        }
        let secretish = [
            "api-key",
            "apikey",
            "api_key",
            "token",
            "secret",
            "password",
            "authorization",
        ]
        .iter()
        .any(|s| lower.contains(s));
        if secretish && auth.is_none() {
            let s = secret(v, "api_key", "client.auth.api_key", &mut guesses);
            auth = Some(json!({"type": "api_key", "name": k, "api_key": s, "location": "header"}));
        } else if secretish {
            let s = secret(
                v,
                &identifier(k, "header"),
                &format!("client.headers.{k}"),
                &mut guesses,
            );
            headers.insert(k.clone(), Value::String(s));
        } else {
            headers.insert(k.clone(), Value::String(v.clone()));
        }
    }
    if let Some(c) = &r.cookie {
        let s = secret(c, "cookie", "client.headers.Cookie", &mut guesses);
        headers.insert("Cookie".into(), Value::String(s));
    }
    client.insert("base_url".into(), json!(base_url));
    if !headers.is_empty() {
        client.insert("headers".into(), Value::Object(headers));
    }
    if let Some(a) = auth {
        client.insert("auth".into(), a);
    }

    endpoint.insert("path".into(), json!(path));
    if method == "POST" {
        endpoint.insert("method".into(), json!("POST"));
    }
    if !r.get && !r.data.is_empty() {
        body(&r.data.join("&"), json_type, &mut endpoint, &mut guesses);
    }
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
            guesses.push(Guess::new(at, format!("{} from {}", g.paginator, g.evidence)));
            endpoint.insert("paginator".into(), g.paginator);
        }
        None => match body_paging(&mut endpoint) {
            Some((p, evidence)) => {
                guesses.push(Guess::new(at, format!("{p} from {evidence} (in the JSON body)")));
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
    guesses.push(Guess::new("resources[0].endpoint.data_selector", "not set: the records are found in the response automatically (set it if that picks the wrong list)"));
    let resource = json!({"name": name, "endpoint": Value::Object(endpoint)});
    Ok((
        json!({"client": Value::Object(client), "resources": [resource]}),
        guesses,
    ))
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

#[cfg(test)]
#[path = "curl_tests.rs"]
mod tests;
