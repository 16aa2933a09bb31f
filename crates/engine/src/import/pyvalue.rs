//! Python expressions → JSON values: literals, `dlt.secrets[...]` references, bound names, the
//! exporter's helpers and dlt's auth/paginator classes; anything else is recorded as not
//! importable, with its path and what Pipewright takes instead.

use serde_json::{Map, Number, Value};

use super::super::pyparse::Expr;
use super::super::{Guess, NotImportable};
use super::Script;

/// dlt classes written as objects in docs and scripts: class → (`type`, positional parameters).
const CLASSES: [(&str, &str, &[&str]); 12] = [
    ("BearerTokenAuth", "bearer", &["token"]),
    ("APIKeyAuth", "api_key", &["name", "api_key", "location"]),
    ("HttpBasicAuth", "http_basic", &["username", "password"]),
    (
        "OAuth2ClientCredentials",
        "oauth2_client_credentials",
        &[
            "access_token",
            "access_token_url",
            "client_id",
            "client_secret",
            "access_token_request_data",
            "default_token_expiration",
        ],
    ),
    ("JSONLinkPaginator", "json_link", &["next_url_path"]),
    ("JSONResponsePaginator", "json_response", &["next_url_path"]),
    ("HeaderLinkPaginator", "header_link", &["links_next_key"]),
    (
        "OffsetPaginator",
        "offset",
        &[
            "limit",
            "offset",
            "offset_param",
            "limit_param",
            "total_path",
            "maximum_offset",
            "stop_after_empty_page",
            "has_more_path",
            "offset_body_path",
            "limit_body_path",
        ],
    ),
    (
        "PageNumberPaginator",
        "page_number",
        &[
            "base_page",
            "page",
            "page_param",
            "total_path",
            "maximum_page",
            "stop_after_empty_page",
            "has_more_path",
            "page_body_path",
        ],
    ),
    (
        "JSONResponseCursorPaginator",
        "cursor",
        &[
            "cursor_path",
            "cursor_param",
            "cursor_body_path",
            "stop_after_empty_page",
            "has_more_path",
        ],
    ),
    (
        "HeaderCursorPaginator",
        "header_cursor",
        &["cursor_key", "cursor_param"],
    ),
    ("SinglePagePaginator", "single_page", &[]),
];

const JQ_HELPERS: [&str; 4] = ["jq_filter", "jq_map", "jq_yield_map", "jq_convert"];

impl Script<'_> {
    pub(super) fn not_importable(&mut self, path: &str, e: &Expr, reason: &str) -> Value {
        let leaf = path.rsplit('.').next().unwrap_or("");
        let hint = match leaf {
            "filter" | "map" | "yield_map" => {
                " Pipewright takes a jq expression here, e.g. \"select(.id < 10)\" or \".title |= ascii_downcase\"."
            }
            "convert" | "transform" => " Pipewright takes a jq expression here, e.g. \"tostring\".",
            _ if path.contains("response_actions") => {
                " Pipewright takes {status_code, content, condition (jq), action} rules."
            }
            _ => "",
        };
        self.missing.push(NotImportable {
            path: display_path(path),
            expr: compact(&show(e)),
            reason: format!("{reason}.{hint}"),
        });
        Value::Null
    }

    /// An expression as a JSON value; what cannot be read is recorded and becomes null.
    pub(super) fn value(&mut self, e: &Expr, path: &str) -> Value {
        match e {
            Expr::Str(s) => Value::String(s.clone()),
            Expr::Num(n) => {
                number(n).unwrap_or_else(|| self.not_importable(path, e, "not a JSON number"))
            }
            Expr::Neg(inner) => match self.value(inner, path) {
                Value::Number(n) => number(&format!("-{n}")).unwrap_or(Value::Null),
                _ => Value::Null,
            },
            Expr::Bool(b) => Value::Bool(*b),
            Expr::None => Value::Null,
            Expr::List(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| self.value(x, &format!("{path}[{i}]")))
                    .collect(),
            ),
            Expr::Dict(items) => {
                let mut map = Map::new();
                for (k, v) in items {
                    let Expr::Str(key) = k else {
                        self.not_importable(path, k, "dict keys must be strings");
                        continue;
                    };
                    let at = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    let v = self.value(v, &at);
                    map.insert(key.clone(), v);
                }
                Value::Object(map)
            }
            Expr::Add(a, b) => match (self.value(a, path), self.value(b, path)) {
                (Value::String(x), Value::String(y)) => Value::String(x + &y),
                (Value::Null, _) | (_, Value::Null) => Value::Null,
                _ => self.not_importable(path, e, "only strings can be joined with +"),
            },
            Expr::Subscript(base, index) => match (base.as_ref(), index.as_ref()) {
                (Expr::Name(b), Expr::Str(k)) if b == "dlt.secrets" => {
                    Value::String(format!("{{secrets.{k}}}"))
                }
                (Expr::Name(b), _) if b == "dlt.config" => self.not_importable(
                    path,
                    e,
                    "a value from dlt's config.toml; write the value itself in the source",
                ),
                _ => self.not_importable(path, e, "a subscript expression is not a literal"),
            },
            Expr::Name(n) => self.name(n, e, path),
            Expr::Call { func, args, kwargs } => self.call(func, args, kwargs, e, path),
            Expr::Opaque(text) => {
                let what = if text.starts_with("lambda") {
                    "a Python lambda"
                } else {
                    "a Python expression, not a literal"
                };
                self.not_importable(path, e, what)
            }
        }
    }

    fn name(&mut self, n: &str, e: &Expr, path: &str) -> Value {
        match n {
            "dlt.secrets.value" => {
                let key = path.rsplit('.').next().unwrap_or("secret").to_string();
                self.guesses.push(Guess::new(
                    path,
                    format!("dlt.secrets.value → {{secrets.{key}}} (named after its key)"),
                ));
                return Value::String(format!("{{secrets.{key}}}"));
            }
            "dlt.config.value" => {
                return self.not_importable(
                    path,
                    e,
                    "a value from dlt's config.toml; write the value itself in the source",
                )
            }
            _ => {}
        }
        let Some(&pos) = self
            .bindings
            .get(n)
            .filter(|_| !self.resolving.iter().any(|r| r == n))
        else {
            return self.not_importable(
                path,
                e,
                &format!("`{n}` is not a literal value, and the script gives it no literal value"),
            );
        };
        let (bound, _) = self.parse_at(pos);
        if bound == Expr::Name("dlt.secrets.value".into()) {
            self.guesses.push(Guess::new(
                path,
                format!("`{n}` (dlt.secrets.value) → {{secrets.{n}}}"),
            ));
            return Value::String(format!("{{secrets.{n}}}"));
        }
        self.resolving.push(n.to_string());
        let v = self.value(&bound, path);
        self.resolving.pop();
        v
    }

    fn call(
        &mut self,
        func: &Expr,
        args: &[Expr],
        kwargs: &[(String, Expr)],
        e: &Expr,
        path: &str,
    ) -> Value {
        let Expr::Name(f) = func else {
            return self.not_importable(path, e, "a call is not a literal");
        };
        let short = f.rsplit('.').next().unwrap_or(f);
        if JQ_HELPERS.contains(&f.as_str()) && args.len() == 1 && kwargs.is_empty() {
            if let Expr::Str(code) = &args[0] {
                return Value::String(code.clone());
            }
        }
        if matches!(f.as_str(), "response_action" | "dict" | "RESTAPIConfig") && args.is_empty() {
            return self.kwargs_object(vec![], &[], kwargs, path);
        }
        if let Some((_, kind, params)) = CLASSES.iter().find(|(c, _, _)| *c == short) {
            if args.len() <= params.len() {
                let head = vec![("type".to_string(), Value::String(kind.to_string()))];
                return self.kwargs_object(
                    head,
                    &params[..args.len()]
                        .iter()
                        .zip(args)
                        .map(|(p, a)| (p.to_string(), a.clone()))
                        .collect::<Vec<_>>(),
                    kwargs,
                    path,
                );
            }
        }
        if args.is_empty() && kwargs.is_empty() && !f.contains('.') {
            if let Some(seed) = self.seed(f, path) {
                return seed;
            }
        }
        self.not_importable(path, e, "a Python call; only literals can be imported")
    }

    fn kwargs_object(
        &mut self,
        head: Vec<(String, Value)>,
        args: &[(String, Expr)],
        kwargs: &[(String, Expr)],
        path: &str,
    ) -> Value {
        let mut map: Map<String, Value> = head.into_iter().collect();
        for (k, v) in args.iter().chain(kwargs) {
            let at = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            let v = self.value(v, &at);
            map.insert(k.clone(), v);
        }
        Value::Object(map)
    }
}

/// A Python number as JSON: underscores dropped, hex/octal/binary read; `None` for complex.
pub(super) fn number(text: &str) -> Option<Value> {
    let t = text.replace('_', "");
    let (neg, body) = t
        .strip_prefix('-')
        .map_or((false, t.as_str()), |b| (true, b));
    let radix = match body.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    if let Some(r) = radix {
        let v = i64::from_str_radix(&body[2..], r).ok()?;
        return Some(Value::Number(Number::from(if neg { -v } else { v })));
    }
    if body.ends_with(['j', 'J']) {
        return None;
    }
    if let Ok(i) = t.parse::<i64>() {
        return Some(Value::Number(i.into()));
    }
    if let Ok(u) = t.parse::<u64>() {
        return Some(Value::Number(u.into()));
    }
    t.parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map(Value::Number)
}

/// A path for messages: `<root>` for the document itself.
fn display_path(path: &str) -> String {
    if path.is_empty() {
        "<root>".into()
    } else {
        path.to_string()
    }
}

/// Text on one line (whitespace runs as one space), at most 160 characters.
fn compact(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(160) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

/// An expression as Python-like text, for messages.
fn show(e: &Expr) -> String {
    match e {
        Expr::Str(s) => format!("{s:?}"),
        Expr::Num(n) => n.clone(),
        Expr::Bool(b) => {
            if *b {
                "True".into()
            } else {
                "False".into()
            }
        }
        Expr::None => "None".into(),
        Expr::Name(n) => n.clone(),
        Expr::Opaque(t) => t.clone(),
        Expr::Neg(x) => format!("-{}", show(x)),
        Expr::Add(a, b) => format!("{} + {}", show(a), show(b)),
        Expr::Subscript(b, i) => format!("{}[{}]", show(b), show(i)),
        Expr::List(items) => format!(
            "[{}]",
            items.iter().map(show).collect::<Vec<_>>().join(", ")
        ),
        Expr::Dict(items) => format!(
            "{{{}}}",
            items
                .iter()
                .map(|(k, v)| format!("{}: {}", show(k), show(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Expr::Call { func, args, kwargs } => format!(
            "{}({})",
            show(func),
            args.iter()
                .map(show)
                .chain(kwargs.iter().map(|(k, v)| format!("{k}={}", show(v))))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
