//! Literal secrets in a source, and `adopt`: move them out of the document into `{secrets.NAME}`
//! references, returning the values for the caller to put in the keychain.

use serde_json::Value;

use super::refs::{containers, referenced_secrets, walk_strings};
use super::Sensitive;
use crate::config::validate::{Path, Problem, Seg, Severity};
use crate::config::{Document, Format};
use crate::error::Result;
use crate::http::redact::is_sensitive_header;

/// Where a literal secret was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiteralKind {
    /// A secret-bearing auth field: `token`, `api_key`, `password`, `client_secret`.
    Auth,
    /// A header such as `Authorization` or `X-API-Key`.
    Header,
    /// A query parameter such as `api_key` or `access_token`.
    Param,
}

/// A secret written inline in a source document.
#[derive(Debug, Clone)]
pub struct LiteralSecret {
    /// The config path, e.g. `client.auth.token`.
    pub path: String,
    /// What kind of field holds it.
    pub kind: LiteralKind,
    /// The name `adopt` would start from (`token`, `x_api_key`...).
    pub suggested_name: String,
    /// The secret (for a header, without its `Bearer `-style scheme).
    pub value: Sensitive,
    segs: Path,
    /// Text kept before the reference: the scheme of an `Authorization` header.
    prefix: String,
}

/// Query parameters whose literal values are secrets (dlt's list without `key`, which is often
/// not one, and without the non-secret `username` / `client_id`).
const SECRET_PARAMS: [&str; 10] = [
    "api_key",
    "apikey",
    "api-key",
    "access_token",
    "access-token",
    "token",
    "secret",
    "password",
    "pwd",
    "client_secret",
];

/// The auth field that carries the secret, for an auth config object.
fn auth_secret_field(auth: &serde_json::Map<String, Value>) -> Option<&'static str> {
    match auth.get("type").and_then(Value::as_str) {
        None | Some("bearer") => Some("token"),
        Some("api_key") => Some("api_key"),
        Some("http_basic") => Some("password"),
        Some("oauth2_client_credentials") => Some("client_secret"),
        Some(_) => None,
    }
}

/// A literal (not a reference, not a placeholder, not empty) as text.
fn literal_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() && !has_placeholder(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// True when a string holds a `{...}` placeholder or reference: not a literal secret.
fn has_placeholder(s: &str) -> bool {
    s.find('{').is_some_and(|open| s[open..].contains('}'))
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Splits `Bearer abc` into (`Bearer `, `abc`); a value without a short scheme is all secret.
fn split_scheme(v: &str) -> (String, String) {
    if let Some((scheme, rest)) = v.split_once(' ') {
        let rest = rest.trim();
        if !scheme.is_empty()
            && scheme.len() < 16
            && scheme.chars().all(|c| c.is_ascii_alphabetic())
            && !rest.is_empty()
            && !rest.contains(' ')
        {
            return (format!("{scheme} "), rest.to_string());
        }
    }
    (String::new(), v.to_string())
}

/// Every literal secret in auth fields, sensitive headers and secret query parameters.
pub fn literal_secrets(doc: &Value) -> Vec<LiteralSecret> {
    let mut out = Vec::new();
    for c in containers(doc) {
        if let Some(Value::Object(auth)) = c.map.get("auth") {
            if let Some(field) = auth_secret_field(auth) {
                if let Some(text) = auth.get(field).and_then(literal_text) {
                    let segs = c.path.key("auth").key(field);
                    out.push(LiteralSecret {
                        path: segs.to_string(),
                        kind: LiteralKind::Auth,
                        suggested_name: field.to_string(),
                        value: Sensitive::new(text),
                        segs,
                        prefix: String::new(),
                    });
                }
            }
        }
        if let Some(Value::Object(headers)) = c.map.get("headers") {
            for (k, v) in headers {
                let Some(text) = literal_text(v).filter(|_| is_sensitive_header(k)) else {
                    continue;
                };
                let (prefix, secret) = split_scheme(&text);
                let segs = c.path.key("headers").key(k);
                out.push(LiteralSecret {
                    path: segs.to_string(),
                    kind: LiteralKind::Header,
                    suggested_name: sanitize(k),
                    value: Sensitive::new(secret),
                    segs,
                    prefix,
                });
            }
        }
        if let Some(Value::Object(params)) = c.map.get("params") {
            for (k, v) in params {
                let secret_param = SECRET_PARAMS.iter().any(|p| p.eq_ignore_ascii_case(k));
                let Some(text) = literal_text(v).filter(|_| secret_param) else {
                    continue;
                };
                let segs = c.path.key("params").key(k);
                out.push(LiteralSecret {
                    path: segs.to_string(),
                    kind: LiteralKind::Param,
                    suggested_name: sanitize(k),
                    value: Sensitive::new(text),
                    segs,
                    prefix: String::new(),
                });
            }
        }
    }
    out
}

/// Validation warnings for literal secrets in headers and query parameters (auth fields are
/// checked by the validator itself).
pub fn literal_warnings(doc: &Value) -> Vec<Problem> {
    literal_secrets(doc)
        .into_iter()
        .filter(|l| l.kind != LiteralKind::Auth)
        .map(|l| Problem {
            path: l.path,
            message: "literal secret in the source; move it to the keychain with `pipewright secrets adopt` and use a {secrets.NAME} reference".into(),
            severity: Severity::Warning,
        })
        .collect()
}

/// A secret moved out of the document.
#[derive(Debug, Clone)]
pub struct MovedSecret {
    /// The reference name: the document now says `{secrets.NAME}`.
    pub name: String,
    /// The value to store.
    pub value: Sensitive,
    /// Every config path that held it.
    pub paths: Vec<String>,
}

/// The result of [`adopt`].
#[derive(Debug, Clone)]
pub struct Adopted {
    /// The document with references instead of literals; everything else unchanged.
    pub document: Document,
    /// The secrets to store, one per name.
    pub moved: Vec<MovedSecret>,
    /// Each string (or number) replaced, with its new text, for [`rewrite_text`].
    edits: Vec<(Value, String)>,
}

fn value_at_mut<'a>(v: &'a mut Value, path: &Path) -> Option<&'a mut Value> {
    let mut cur = v;
    for seg in &path.0 {
        cur = match seg {
            Seg::Key(k) => cur.as_object_mut()?.get_mut(k)?,
            Seg::Index(i) => cur.as_array_mut()?.get_mut(*i)?,
        };
    }
    Some(cur)
}

/// Shortest literal that is also replaced wherever else it appears in the document's strings.
const MIN_ECHO_LEN: usize = 8;

/// Moves every literal secret out of a document: each becomes `{secrets.NAME}` (a header keeps
/// its `Bearer ` scheme), equal values share one name, names already used by the document are
/// avoided, and a moved value that also appears inside another string there is replaced too.
/// Key order and everything else stay as they were.
pub fn adopt(doc: &Document) -> Adopted {
    let taken: Vec<String> = referenced_secrets(&doc.value)
        .into_iter()
        .map(|u| u.name)
        .collect();
    let resource_of = |path: &Path| -> Option<String> {
        containers(&doc.value)
            .into_iter()
            .filter(|c| c.resource.is_some() && path.0.starts_with(&c.path.0))
            .find_map(|c| c.resource)
    };
    let mut out = doc.clone();
    let mut moved: Vec<MovedSecret> = Vec::new();
    let mut edits: Vec<(Value, String)> = Vec::new();
    for lit in literal_secrets(&doc.value) {
        let name = match moved.iter_mut().find(|m| m.value == lit.value) {
            Some(m) => {
                m.paths.push(lit.path.clone());
                m.name.clone()
            }
            None => {
                let free =
                    |n: &str| !taken.iter().any(|t| t == n) && !moved.iter().any(|m| m.name == n);
                let base = lit.suggested_name.clone();
                let mut candidates = vec![base.clone()];
                if let Some(r) = resource_of(&lit.segs) {
                    candidates.push(format!("{}_{base}", sanitize(&r)));
                }
                let name = candidates
                    .into_iter()
                    .chain((2..).map(|i| format!("{base}_{i}")))
                    .find(|n| free(n))
                    .unwrap_or(base);
                moved.push(MovedSecret {
                    name: name.clone(),
                    value: lit.value.clone(),
                    paths: vec![lit.path.clone()],
                });
                name
            }
        };
        if let Some(slot) = value_at_mut(&mut out.value, &lit.segs) {
            let new = format!("{}{{secrets.{name}}}", lit.prefix);
            edits.push((slot.clone(), new.clone()));
            *slot = Value::String(new);
        }
    }
    // The same value anywhere else (a URL, a body) goes too.
    let mut echoes: Vec<(Path, String, String)> = Vec::new();
    walk_strings(&out.value, &Path::root(), &mut |path, s| {
        let mut text = s.to_string();
        let mut hit = Vec::new();
        for m in &moved {
            let v = m.value.expose();
            if v.chars().count() >= MIN_ECHO_LEN && text.contains(v) {
                text = text.replace(v, &format!("{{secrets.{}}}", m.name));
                hit.push(m.name.clone());
            }
        }
        if !hit.is_empty() {
            echoes.push((path.clone(), s.to_string(), text));
        }
    });
    for (path, old, new) in echoes {
        for m in moved.iter_mut() {
            if new.contains(&format!("{{secrets.{}}}", m.name))
                && !old.contains(&format!("{{secrets.{}}}", m.name))
            {
                m.paths.push(path.to_string());
            }
        }
        if let Some(slot) = value_at_mut(&mut out.value, &path) {
            *slot = Value::String(new.clone());
            edits.push((Value::String(old), new));
        }
    }
    Adopted {
        document: out,
        moved,
        edits,
    }
}

/// The adopted document as text, keeping the original text's formatting and comments when the
/// literals can be replaced in place (checked by parsing the result); otherwise the document
/// re-serialised.
pub fn rewrite_text(original: &str, adopted: &Adopted) -> Result<String> {
    let format = adopted.document.format;
    let mut text = original.to_string();
    let mut seen: Vec<&Value> = Vec::new();
    for (old, new) in &adopted.edits {
        if seen.contains(&old) {
            continue;
        }
        seen.push(old);
        let quoted_new = serde_json::to_string(new).unwrap_or_default();
        let old_text = match old {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if old.is_string() {
            let quoted_old = serde_json::to_string(old).unwrap_or_default();
            text = text.replace(&quoted_old, &quoted_new);
            if format == Format::Yaml {
                let single = |s: &str| format!("'{}'", s.replace('\'', "''"));
                text = text.replace(&single(&old_text), &single(new));
            }
        }
        if format == Format::Yaml || !old.is_string() {
            text = replace_plain(&text, &old_text, &quoted_new);
        }
    }
    match Document::parse(&text, format) {
        Ok(d) if d.value == adopted.document.value => Ok(text),
        _ => adopted.document.to_text(),
    }
}

/// Replaces `old` where it is a whole unquoted scalar: after `: `, `- ` or `[`/`,` and before the
/// end of the line, a ` #` comment, `,`, `]` or `}`.
fn replace_plain(text: &str, old: &str, new: &str) -> String {
    if old.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (pos, _) in text.match_indices(old) {
        if pos < last {
            continue;
        }
        let before = text[..pos].trim_end_matches(' ');
        let after = &text[pos + old.len()..];
        let starts = before.ends_with(':')
            || before.ends_with('-')
            || before.ends_with('[')
            || before.ends_with(',');
        let rest = after.trim_start_matches(' ');
        let spaced = rest.len() < after.len();
        let ends = rest.is_empty()
            || rest.starts_with('\n')
            || rest.starts_with("\r\n")
            || (spaced && rest.starts_with('#'))
            || rest.starts_with(',')
            || rest.starts_with(']')
            || rest.starts_with('}');
        if starts && ends {
            out.push_str(&text[last..pos]);
            out.push_str(new);
            last = pos + old.len();
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
#[path = "adopt_tests.rs"]
mod tests;
