//! A request before it is sent: what paginators and auth change, and what a preview shows.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::Method;

/// A request body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "RequestBody"))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Body {
    /// No body.
    None,
    /// A JSON body (`application/json`).
    Json(#[cfg_attr(feature = "ts", ts(type = "unknown"))] Value),
    /// A form body (`application/x-www-form-urlencoded`), repeated keys allowed.
    Form(Vec<(String, String)>),
    /// A raw body sent as-is, with no content type.
    Raw(String),
}

/// One request to send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestSpec {
    /// GET or POST.
    pub method: Method,
    /// The full URL, possibly with a query of its own.
    pub url: String,
    /// Query parameters appended after the URL's own query, in order.
    pub query: Vec<(String, String)>,
    /// Headers, later entries win per name (case-insensitive).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
}

impl RequestSpec {
    /// A GET of a URL with nothing else.
    pub fn get(url: impl Into<String>) -> RequestSpec {
        RequestSpec {
            method: Method::Get,
            url: url.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::None,
        }
    }

    /// Sets a query parameter, replacing an existing one of the same name.
    pub fn set_query(&mut self, name: &str, value: String) {
        self.query.retain(|(k, _)| k != name);
        self.query.push((name.to_string(), value));
    }

    /// Sets a header, replacing any of the same name (case-insensitive).
    pub fn set_header(&mut self, name: &str, value: String) {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.headers.push((name.to_string(), value));
    }

    /// Writes a value into the JSON body at a dot path (`pagination.offset`), creating the body
    /// and intermediate objects as dlt does. A non-object in the way is an error.
    pub fn set_body_path(&mut self, dot_path: &str, value: Value) -> Result<(), String> {
        if !matches!(self.body, Body::Json(_)) {
            if matches!(self.body, Body::Form(_) | Body::Raw(_)) {
                return Err(format!(
                    "cannot write '{dot_path}' into the request body: the endpoint sends a 'data' body, not JSON"
                ));
            }
            self.body = Body::Json(Value::Object(Default::default()));
        }
        let Body::Json(root) = &mut self.body else {
            return Err("unreachable: body is JSON".into());
        };
        let mut cur = root;
        let parts: Vec<&str> = dot_path.split('.').collect();
        for (i, part) in parts.iter().enumerate() {
            let Value::Object(map) = cur else {
                return Err(format!(
                    "cannot write '{dot_path}': '{}' is not an object",
                    parts[..i].join(".")
                ));
            };
            if i == parts.len() - 1 {
                map.insert((*part).to_string(), value);
                return Ok(());
            }
            cur = map
                .entry((*part).to_string())
                .or_insert_with(|| Value::Object(Default::default()));
        }
        Ok(())
    }

    /// The URL with the query parameters appended, as it goes on the wire.
    pub fn full_url(&self) -> Result<url::Url, String> {
        let mut url =
            url::Url::parse(&self.url).map_err(|e| format!("invalid URL '{}': {e}", self.url))?;
        if !self.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(self.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        Ok(url)
    }

    /// A fingerprint of what makes two requests the same, for the repeated-page guard.
    pub fn fingerprint(&self) -> String {
        let body = match &self.body {
            Body::None => String::new(),
            Body::Json(v) => v.to_string(),
            Body::Form(f) => format!("{f:?}"),
            Body::Raw(r) => r.clone(),
        };
        format!("{}|{:?}|{}", self.url, self.query, body)
    }
}

/// Joins `base_url` and a path as dlt does (dlt-behaviour §3.1): an absolute http(s) path is used
/// as-is; otherwise one `/` between base and path, whatever slashes either side had.
pub fn join_url(base: &str, path: &str) -> String {
    let lower = path.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return path.to_string();
    }
    if base.is_empty() {
        return path.to_string();
    }
    if path.is_empty() {
        return base.to_string();
    }
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// A query value as Python's `requests` writes it (`True`, `1.5`, `3.0`).
pub fn query_value(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Null => None,
        Value::Bool(true) => Some(vec!["True".into()]),
        Value::Bool(false) => Some(vec!["False".into()]),
        Value::String(s) => Some(vec![s.clone()]),
        Value::Number(n) => Some(vec![n.to_string()]),
        Value::Array(items) => Some(items.iter().filter_map(query_value).flatten().collect()),
        Value::Object(_) => Some(vec![v.to_string()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn joins_like_dlt() {
        assert_eq!(join_url("http://e.com", "path"), "http://e.com/path");
        assert_eq!(join_url("http://e.com///", "//p"), "http://e.com/p");
        assert_eq!(join_url("http://e.com", "/"), "http://e.com/");
        assert_eq!(join_url("/", "p"), "/p");
        assert_eq!(
            join_url("http://e.com/v1", "a?q=1"),
            "http://e.com/v1/a?q=1"
        );
        assert_eq!(
            join_url("http://e.com", "https://x.org/a"),
            "https://x.org/a"
        );
        assert_eq!(join_url("", "p"), "p");
        assert_eq!(
            join_url("http://e.com/", "children/1/"),
            "http://e.com/children/1/"
        );
    }

    #[test]
    fn body_paths_and_query() {
        let mut r = RequestSpec::get("http://e.com/a?x=1");
        r.set_body_path("pagination.offset", json!(10)).unwrap();
        assert_eq!(r.body, Body::Json(json!({"pagination": {"offset": 10}})));
        r.set_query("page", "2".into());
        r.set_query("page", "3".into());
        assert_eq!(r.full_url().unwrap().as_str(), "http://e.com/a?x=1&page=3");
        assert_eq!(query_value(&json!(true)), Some(vec!["True".to_string()]));
        assert_eq!(
            query_value(&json!([1, 2])),
            Some(vec!["1".to_string(), "2".to_string()])
        );
        assert_eq!(query_value(&Value::Null), None);
        let mut form = RequestSpec::get("http://e.com");
        form.body = Body::Form(vec![]);
        assert!(form.set_body_path("a", json!(1)).is_err());
    }
}
