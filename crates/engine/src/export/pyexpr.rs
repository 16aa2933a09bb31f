//! Python expressions for the exported script: literals, calls and names, laid out the way `black`
//! would (88 columns, one item a line when a collection does not fit, trailing commas).

use serde_json::Value;

/// The line length the layout aims for (black's default).
pub const WIDTH: usize = 88;

/// A Python expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Py {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// A number, written as JSON wrote it (JSON numbers are valid Python numbers).
    Num(String),
    /// A string literal.
    Str(String),
    /// A dict literal with string keys, in order.
    Dict(Vec<(String, Py)>),
    /// A list literal.
    List(Vec<Py>),
    /// A call: `func(args..., key=value...)`.
    Call {
        /// The callee, e.g. `jq_filter`.
        func: String,
        /// Positional arguments.
        args: Vec<Py>,
        /// Keyword arguments, in order.
        kwargs: Vec<(String, Py)>,
    },
    /// An expression written verbatim, e.g. `dlt.secrets["token"]`.
    Raw(String),
    /// `a + b + c` (string concatenation around secret lookups).
    Concat(Vec<Py>),
}

impl Py {
    /// A JSON value as a Python literal (no secret handling).
    pub fn from_json(v: &Value) -> Py {
        match v {
            Value::Null => Py::None,
            Value::Bool(b) => Py::Bool(*b),
            Value::Number(n) => Py::Num(n.to_string()),
            Value::String(s) => Py::Str(s.clone()),
            Value::Array(items) => Py::List(items.iter().map(Py::from_json).collect()),
            Value::Object(map) => Py::Dict(
                map.iter()
                    .map(|(k, v)| (k.clone(), Py::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// The expression on one line.
    pub fn flat(&self) -> String {
        match self {
            Py::None => "None".into(),
            Py::Bool(true) => "True".into(),
            Py::Bool(false) => "False".into(),
            Py::Num(n) => n.clone(),
            Py::Str(s) => py_str(s),
            Py::Raw(r) => r.clone(),
            Py::Dict(items) => {
                let inner: Vec<String> = items
                    .iter()
                    .map(|(k, v)| format!("{}: {}", py_str(k), v.flat()))
                    .collect();
                format!("{{{}}}", inner.join(", "))
            }
            Py::List(items) => {
                let inner: Vec<String> = items.iter().map(Py::flat).collect();
                format!("[{}]", inner.join(", "))
            }
            Py::Call { func, args, kwargs } => {
                let inner: Vec<String> = args
                    .iter()
                    .map(Py::flat)
                    .chain(kwargs.iter().map(|(k, v)| format!("{k}={}", v.flat())))
                    .collect();
                format!("{func}({})", inner.join(", "))
            }
            Py::Concat(parts) => parts.iter().map(Py::flat).collect::<Vec<_>>().join(" + "),
        }
    }

    /// The expression laid out for a line that is indented by `indent` spaces and on which it
    /// starts at column `col`; `tail` characters follow it on its last line (a comma).
    pub fn render(&self, indent: usize, col: usize, tail: usize) -> String {
        let flat = self.flat();
        if col + flat.chars().count() + tail <= WIDTH || !self.can_break() {
            return flat;
        }
        let pad = " ".repeat(indent + 4);
        let close = " ".repeat(indent);
        let mut out = String::new();
        match self {
            Py::Dict(items) => {
                out.push_str("{\n");
                for (k, v) in items {
                    let key = format!("{}: ", py_str(k));
                    let at = indent + 4 + key.chars().count();
                    out.push_str(&format!("{pad}{key}{},\n", v.render(indent + 4, at, 1)));
                }
                out.push_str(&format!("{close}}}"));
            }
            Py::List(items) => {
                out.push_str("[\n");
                for v in items {
                    out.push_str(&format!("{pad}{},\n", v.render(indent + 4, indent + 4, 1)));
                }
                out.push_str(&format!("{close}]"));
            }
            Py::Call { func, args, kwargs } => {
                out.push_str(&format!("{func}(\n"));
                for v in args {
                    out.push_str(&format!("{pad}{},\n", v.render(indent + 4, indent + 4, 1)));
                }
                for (k, v) in kwargs {
                    let at = indent + 4 + k.len() + 1;
                    out.push_str(&format!("{pad}{k}={},\n", v.render(indent + 4, at, 1)));
                }
                out.push_str(&format!("{close})"));
            }
            Py::Concat(parts) => {
                out.push_str("(\n");
                for (i, p) in parts.iter().enumerate() {
                    let op = if i == 0 { "" } else { "+ " };
                    out.push_str(&format!("{pad}{op}{}\n", p.flat()));
                }
                out.push_str(&format!("{close})"));
            }
            _ => out.push_str(&flat),
        }
        out
    }

    fn can_break(&self) -> bool {
        match self {
            Py::Dict(items) => !items.is_empty(),
            Py::List(items) => !items.is_empty(),
            Py::Call { args, kwargs, .. } => !args.is_empty() || !kwargs.is_empty(),
            Py::Concat(parts) => parts.len() > 1,
            _ => false,
        }
    }
}

/// A Python string literal: double quotes unless the text has `"` and no `'`; backslash escapes
/// for the quote, backslashes and control characters; other characters as they are (UTF-8).
pub fn py_str(s: &str) -> String {
    let quote = if s.contains('"') && !s.contains('\'') {
        '\''
    } else {
        '"'
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x100 && c.is_control() => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// True when `s` is a valid Python identifier made of ASCII letters, digits and `_`, and not a
/// keyword.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && !is_keyword(s)
}

/// Python's keywords and the soft keywords worth avoiding as names.
pub fn is_keyword(s: &str) -> bool {
    const KEYWORDS: [&str; 38] = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield", "match", "case", "type",
    ];
    KEYWORDS.contains(&s)
}

/// A Python identifier made from any text: lower-case ASCII letters, digits and `_`; a leading
/// digit gets `prefix_` in front; an empty result becomes `prefix`.
pub fn identifier(text: &str, prefix: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let trimmed = out.trim_matches('_').to_string();
    if trimmed.is_empty() {
        prefix.to_string()
    } else if trimmed.starts_with(|c: char| c.is_ascii_digit()) || is_keyword(&trimmed) {
        format!("{prefix}_{trimmed}")
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(py_str("plain"), "\"plain\"");
        assert_eq!(py_str("say \"hi\""), "'say \"hi\"'");
        assert_eq!(py_str("it's \"x\""), "\"it's \\\"x\\\"\"");
        assert_eq!(py_str("a\\b\n\u{1}"), "\"a\\\\b\\n\\x01\"");
        assert_eq!(py_str("日本 🚀"), "\"日本 🚀\"");
    }

    #[test]
    fn short_collections_stay_on_one_line_long_ones_break() {
        let short = Py::from_json(&json!({"a": 1, "b": [true, null], "c": 2.5}));
        assert_eq!(
            short.render(0, 0, 0),
            "{\"a\": 1, \"b\": [True, None], \"c\": 2.5}"
        );
        let long = Py::from_json(
            &json!({"client": {"base_url": "https://api.example.com/".repeat(3)}, "resources": ["a"]}),
        );
        let text = long.render(0, 0, 0);
        assert!(
            text.starts_with("{\n    \"client\": {\n        \"base_url\": "),
            "{text}"
        );
        assert!(text.ends_with("    \"resources\": [\"a\"],\n}"), "{text}");
    }

    #[test]
    fn identifiers() {
        assert_eq!(
            identifier("01-quick-example", "source"),
            "source_01_quick_example"
        );
        assert_eq!(identifier("GitHub API", "source"), "github_api");
        assert_eq!(identifier("class", "seed"), "seed_class");
        assert_eq!(identifier("--", "source"), "source");
        assert!(is_identifier("posts_rows") && !is_identifier("yield") && !is_identifier("1a"));
    }
}
