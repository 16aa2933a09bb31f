//! Which secrets a source needs: its `{secrets.NAME}` references, and the secrets an auth config
//! asks for by leaving a field out (`auth: {type: bearer}` needs `token`).

use serde_json::{Map, Value};

use crate::config::validate::Path;

/// A secret a source needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretUse {
    /// The secret name (`NAME` of `{secrets.NAME}`).
    pub name: String,
    /// The first config path that needs it.
    pub path: String,
    /// True when an auth config leaves the field out, so the secret is looked up by its field name.
    pub implicit: bool,
}

/// True for a usable secret name: letters, digits, `_`, `-` and `.`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
}

/// The names referenced in one string, in order.
pub fn names_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (pos, _) in text.match_indices("{secrets.") {
        let rest = &text[pos + "{secrets.".len()..];
        if let Some(end) = rest.find('}') {
            let name = &rest[..end];
            if is_valid_name(name) {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// Every secret the document needs, first use first, each name once.
pub fn referenced_secrets(doc: &Value) -> Vec<SecretUse> {
    let mut out: Vec<SecretUse> = Vec::new();
    let mut add = |name: String, path: String, implicit: bool| {
        if !out.iter().any(|u| u.name == name) {
            out.push(SecretUse {
                name,
                path,
                implicit,
            });
        }
    };
    let mut explicit = Vec::new();
    walk_strings(doc, &Path::root(), &mut |path, s| {
        for n in names_in(s) {
            explicit.push((n, path.to_string()));
        }
    });
    for (n, p) in explicit {
        add(n, p, false);
    }
    for c in containers(doc) {
        if let Some(auth) = c.map.get("auth") {
            let at = c.path.key("auth");
            for field in implicit_fields(auth) {
                add(field.to_string(), at.key(field).to_string(), true);
            }
        }
    }
    out
}

/// Calls `f` with every string value of the document and its path.
pub(crate) fn walk_strings(v: &Value, at: &Path, f: &mut dyn FnMut(&Path, &str)) {
    match v {
        Value::String(s) => f(at, s),
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                walk_strings(x, &at.index(i), f);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                walk_strings(x, &at.key(k), f);
            }
        }
        _ => {}
    }
}

/// An object that may hold `auth`, `headers` or `params`.
pub(crate) struct Container<'a> {
    pub path: Path,
    pub map: &'a Map<String, Value>,
    /// The resource's name, for resource-level containers.
    pub resource: Option<String>,
}

/// `client`, `resource_defaults`, `resource_defaults.endpoint`, and each resource and its
/// endpoint, in document order.
pub(crate) fn containers(doc: &Value) -> Vec<Container<'_>> {
    let mut out = Vec::new();
    let root = Path::root();
    if let Some(map) = doc.get("client").and_then(Value::as_object) {
        out.push(Container {
            path: root.key("client"),
            map,
            resource: None,
        });
    }
    if let Some(d) = doc.get("resource_defaults").and_then(Value::as_object) {
        let at = root.key("resource_defaults");
        out.push(Container {
            path: at.clone(),
            map: d,
            resource: None,
        });
        if let Some(map) = d.get("endpoint").and_then(Value::as_object) {
            out.push(Container {
                path: at.key("endpoint"),
                map,
                resource: None,
            });
        }
    }
    for (i, r) in doc
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(rmap) = r.as_object() else { continue };
        let at = root.key("resources").index(i);
        let name = rmap.get("name").and_then(Value::as_str).map(str::to_string);
        out.push(Container {
            path: at.clone(),
            map: rmap,
            resource: name.clone(),
        });
        if let Some(map) = rmap.get("endpoint").and_then(Value::as_object) {
            out.push(Container {
                path: at.key("endpoint"),
                map,
                resource: name,
            });
        }
    }
    out
}

/// The fields an auth config leaves to the secret stores (looked up by field name).
pub(crate) fn implicit_fields(auth: &Value) -> Vec<&'static str> {
    let (kind, obj) = match auth {
        Value::String(s) => (s.as_str(), None),
        Value::Object(o) => match o.get("type").and_then(Value::as_str) {
            Some(t) => (t, Some(o)),
            None => return vec![],
        },
        _ => return vec![],
    };
    let all: &[&'static str] = match kind {
        "bearer" => &["token"],
        "api_key" => &["api_key"],
        "http_basic" => &["username", "password"],
        "oauth2_client_credentials" => &["access_token_url", "client_id", "client_secret"],
        _ => &[],
    };
    all.iter()
        .copied()
        .filter(|f| obj.is_none_or(|o| !o.contains_key(*f)))
        .filter(|f| obj.is_none() || !matches!(*f, "username" | "password" | "access_token_url"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn explicit_and_implicit_uses() {
        let doc = json!({
            "client": {"base_url": "https://x/{secrets.host}/", "auth": {"type": "bearer"},
                       "headers": {"X-Key": "{secrets.key} and {secrets.host}"}},
            "resources": [
                {"name": "a", "endpoint": {"auth": "http_basic", "params": {"k": "{secrets.bad name}"}}},
                {"name": "b", "auth": {"type": "oauth2_client_credentials", "access_token_url": "u",
                                       "client_secret": "{secrets.cs}"}}
            ]
        });
        let uses = referenced_secrets(&doc);
        let names: Vec<(&str, bool)> = uses.iter().map(|u| (u.name.as_str(), u.implicit)).collect();
        assert_eq!(
            names,
            [
                ("host", false),
                ("key", false),
                ("cs", false),
                ("token", true),
                ("username", true),
                ("password", true),
                ("client_id", true)
            ]
        );
        assert_eq!(uses[0].path, "client.base_url");
        assert_eq!(uses[3].path, "client.auth.token");
        assert_eq!(uses[4].path, "resources[0].endpoint.auth.username");
    }

    #[test]
    fn names() {
        assert!(is_valid_name("gh.token-2_x"));
        assert!(!is_valid_name("a b") && !is_valid_name(""));
        assert_eq!(
            names_in("Bearer {secrets.t} {secrets.} {secrets.u}"),
            ["t", "u"]
        );
    }
}
