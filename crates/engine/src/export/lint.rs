//! The leak lint: secret values written literally into a source, which an export would copy into
//! files meant to be shared (a script, a JSON/YAML document).

use serde_json::{Map, Value};

use crate::config::validate::mask_value;
use crate::http::redact::DLT_SECRET_PARAMS;

/// One literal secret: where it is and its masked value.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Leak {
    /// Config path, e.g. `client.auth.token`.
    pub path: String,
    /// The value masked the way dlt masks secrets (`s*****t`).
    pub masked: String,
}

impl std::fmt::Display for Leak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: literal secret '{}'", self.path, self.masked)
    }
}

/// Auth fields that hold secrets (user names and client ids are not treated as secret here).
const AUTH_SECRETS: [&str; 5] = [
    "token",
    "api_key",
    "password",
    "client_secret",
    "access_token",
];

/// Every literal secret in a source document.
pub fn find_leaks(doc: &Value) -> Vec<Leak> {
    let mut out = Vec::new();
    let Value::Object(root) = doc else {
        return out;
    };
    if let Some(Value::Object(client)) = root.get("client") {
        client_leaks(client, "client", &mut out);
    }
    if let Some(Value::Object(d)) = root.get("resource_defaults") {
        resource_leaks(d, "resource_defaults", &mut out);
    }
    if let Some(Value::Array(resources)) = root.get("resources") {
        for (i, r) in resources.iter().enumerate() {
            if let Value::Object(r) = r {
                resource_leaks(r, &format!("resources[{i}]"), &mut out);
            }
        }
    }
    out
}

fn client_leaks(client: &Map<String, Value>, at: &str, out: &mut Vec<Leak>) {
    if let Some(Value::String(url)) = client.get("base_url") {
        url_leaks(url, &format!("{at}.base_url"), out);
    }
    if let Some(Value::Object(h)) = client.get("headers") {
        header_leaks(h, &format!("{at}.headers"), out);
    }
    if let Some(a) = client.get("auth") {
        auth_leaks(a, &format!("{at}.auth"), out);
    }
}

fn resource_leaks(r: &Map<String, Value>, at: &str, out: &mut Vec<Leak>) {
    if let Some(a) = r.get("auth") {
        auth_leaks(a, &format!("{at}.auth"), out);
    }
    let Some(Value::Object(ep)) = r.get("endpoint") else {
        if let Some(Value::String(path)) = r.get("endpoint") {
            url_leaks(path, &format!("{at}.endpoint"), out);
        }
        return;
    };
    let at = format!("{at}.endpoint");
    if let Some(Value::String(path)) = ep.get("path") {
        url_leaks(path, &format!("{at}.path"), out);
    }
    if let Some(Value::Object(h)) = ep.get("headers") {
        header_leaks(h, &format!("{at}.headers"), out);
    }
    if let Some(a) = ep.get("auth") {
        auth_leaks(a, &format!("{at}.auth"), out);
    }
    if let Some(Value::Object(params)) = ep.get("params") {
        for (k, v) in params {
            if DLT_SECRET_PARAMS.contains(&k.to_ascii_lowercase().as_str()) {
                literal(v, &format!("{at}.params.{k}"), out);
            }
        }
    }
    for body in ["json", "data"] {
        if let Some(v) = ep.get(body) {
            body_leaks(v, &format!("{at}.{body}"), out);
        }
    }
}

fn auth_leaks(auth: &Value, at: &str, out: &mut Vec<Leak>) {
    let Value::Object(a) = auth else { return };
    for key in AUTH_SECRETS {
        if let Some(v) = a.get(key) {
            literal(v, &format!("{at}.{key}"), out);
        }
    }
    if let Some(Value::String(url)) = a.get("access_token_url") {
        url_leaks(url, &format!("{at}.access_token_url"), out);
    }
    if let Some(Value::Object(extra)) = a.get("access_token_request_data") {
        body_leaks(
            &Value::Object(extra.clone()),
            &format!("{at}.access_token_request_data"),
            out,
        );
    }
}

fn header_leaks(headers: &Map<String, Value>, at: &str, out: &mut Vec<Leak>) {
    for (name, v) in headers {
        let n = name.to_ascii_lowercase().replace('_', "-");
        let secret = matches!(
            n.as_str(),
            "authorization" | "proxy-authorization" | "cookie"
        ) || n.contains("api-key")
            || n.contains("apikey")
            || n.contains("token")
            || n.contains("secret")
            || n.contains("password");
        if secret {
            literal(v, &format!("{at}.{name}"), out);
        }
    }
}

fn body_leaks(v: &Value, at: &str, out: &mut Vec<Leak>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                let key = k.to_ascii_lowercase();
                if AUTH_SECRETS.contains(&key.as_str())
                    || key.ends_with("_secret")
                    || key.ends_with("_token")
                    || key == "secret"
                {
                    literal(x, &format!("{at}.{k}"), out);
                } else {
                    body_leaks(x, &format!("{at}.{k}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                body_leaks(x, &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// A URL with a password in its user info, or a credential query parameter with a value.
fn url_leaks(url: &str, at: &str, out: &mut Vec<Leak>) {
    if let Some(rest) = url.split_once("://").map(|(_, r)| r) {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if let Some((userinfo, _)) = authority.rsplit_once('@') {
            if let Some((_, pw)) = userinfo.split_once(':') {
                literal(&Value::String(pw.to_string()), at, out);
            }
        }
    }
    if let Some((_, query)) = url.split_once('?') {
        for pair in query.split('&') {
            if let Some((k, v)) = pair.split_once('=') {
                if DLT_SECRET_PARAMS.contains(&k.to_ascii_lowercase().as_str()) {
                    literal(&Value::String(v.to_string()), &format!("{at}?{k}"), out);
                }
            }
        }
    }
}

/// Records `v` when it is a non-empty literal: not a `{secrets.NAME}` reference and not built
/// from placeholders (`{resources.…}`, `{incremental.…}`) that are filled in at run time.
fn literal(v: &Value, at: &str, out: &mut Vec<Leak>) {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return,
    };
    if text.is_empty() || has_placeholder(&text) {
        return;
    }
    out.push(Leak {
        path: at.to_string(),
        masked: mask_value(&text),
    });
}

/// True when the text has a `{...}` placeholder (not an escaped `{{`).
fn has_placeholder(text: &str) -> bool {
    let unescaped = text.replace("{{", "").replace("}}", "");
    unescaped
        .find('{')
        .is_some_and(|i| unescaped[i..].contains('}'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_literal_secrets_and_ignores_references() {
        let doc = json!({
            "client": {
                "base_url": "https://user:hunter22@api.example.com/?api_key=abc123",
                "headers": {"Authorization": "Bearer abcdef", "Accept": "application/json"},
                "auth": {"type": "bearer", "token": "{secrets.token}"}
            },
            "resources": [
                {"name": "a", "endpoint": {
                    "path": "a",
                    "params": {"token": "xyz987", "page": 1},
                    "auth": {"type": "http_basic", "username": "me", "password": "pw-literal"},
                    "json": {"filter": {"client_secret": "s3cret!"}},
                    "headers": {"X-Api-Key": "Token {secrets.k}", "X-Trace": "{resources.p.id}"}
                }},
                {"name": "b", "endpoint": {"path": "b", "auth": {"token": "{secrets.t}"}}}
            ]
        });
        let leaks: Vec<String> = find_leaks(&doc).iter().map(|l| l.to_string()).collect();
        assert_eq!(
            leaks,
            vec![
                "client.base_url: literal secret 'h*****2'",
                "client.base_url?api_key: literal secret 'a*****3'",
                "client.headers.Authorization: literal secret 'B*****f'",
                "resources[0].endpoint.auth.password: literal secret 'p*****l'",
                "resources[0].endpoint.params.token: literal secret 'x*****7'",
                "resources[0].endpoint.json.filter.client_secret: literal secret 's*****!'",
            ]
        );
    }
}
