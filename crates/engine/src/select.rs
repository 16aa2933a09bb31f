//! Record selection: `data_selector` in dlt's JSONPath dialect, and records auto-detection.
//!
//! The JSONPath engine is `serde_json_path` (RFC 9535); a thin shim accepts dlt's dialect on top:
//! an optional leading `$.`, unquoted dashed names (`many-results`), and quoted top-level names
//! (`"@odata.nextLink"`, `'x.y'`).

use serde::Serialize;
use serde_json::Value;
use serde_json_path::JsonPath;

/// Keys that mark the records list when auto-detecting (dlt's order does not matter: the first
/// list found depth-first whose last key is one of these wins).
const RECORD_KEYS: [&str; 11] = [
    "data", "items", "results", "entries", "records", "rows", "entities", "payload", "content",
    "objects", "values",
];

/// A compiled data selector.
#[derive(Debug, Clone)]
pub struct Selector {
    source: String,
    path: JsonPath,
}

impl Selector {
    /// Compiles a dlt-dialect JSONPath.
    pub fn parse(selector: &str) -> Result<Selector, String> {
        let rfc = to_rfc9535(selector);
        let path = JsonPath::parse(&rfc)
            .map_err(|e| format!("'{selector}' is not a valid JSONPath: {e}"))?;
        Ok(Selector {
            source: selector.to_string(),
            path,
        })
    }

    /// The selector as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Every match, in document order.
    pub fn matches<'v>(&self, json: &'v Value) -> Vec<&'v Value> {
        self.path.query(json).all()
    }

    /// The first match, for paginator paths like `next` or `meta.total`.
    pub fn first<'v>(&self, json: &'v Value) -> Option<&'v Value> {
        self.path.query(json).first()
    }
}

/// How many records `select_records` would return, without copying any.
pub fn count_records(json: &Value, selector: &Selector) -> usize {
    match selector.matches(json).as_slice() {
        [] | [Value::Null] => 0,
        [Value::Array(items)] => items.len(),
        many => many.len(),
    }
}

/// Like `select_records`, but moves the records out of the body instead of copying them (the
/// body is left with nulls where they were). This is the hot path of a run.
pub fn take_records(json: &mut Value, selector: &Selector) -> Selection {
    let pointers: Vec<String> = selector
        .path
        .query_located(json)
        .locations()
        .map(|l| l.to_json_pointer())
        .collect();
    let mut found: Vec<Value> = pointers
        .iter()
        .filter_map(|p| json.pointer_mut(p).map(Value::take))
        .collect();
    let (records, note) = match found.len() {
        0 => (
            Vec::new(),
            Some(format!(
                "data_selector '{}' matched nothing",
                selector.as_str()
            )),
        ),
        1 => match found.pop().unwrap_or(Value::Null) {
            Value::Null => (
                Vec::new(),
                Some(format!("data_selector '{}' is null", selector.as_str())),
            ),
            Value::Array(items) => (items, None),
            single => (vec![single], None),
        },
        _ => (found, None),
    };
    Selection {
        records,
        path: selector.as_str().to_string(),
        note,
    }
}

/// The records of a page as dlt shapes them (dlt-behaviour §5.1): one list match is the page, one
/// scalar or object match is a one-record page, several matches are the page, none or `null` is
/// an empty page.
pub fn select_records(json: &Value, selector: &Selector) -> Selection {
    let found = selector.matches(json);
    let (records, note) = match found.as_slice() {
        [] => (
            Vec::new(),
            Some(format!(
                "data_selector '{}' matched nothing",
                selector.as_str()
            )),
        ),
        [Value::Null] => (
            Vec::new(),
            Some(format!("data_selector '{}' is null", selector.as_str())),
        ),
        [Value::Array(items)] => (items.clone(), None),
        [single] => (vec![(*single).clone()], None),
        many => (many.iter().map(|v| (*v).clone()).collect(), None),
    };
    Selection {
        records,
        path: selector.as_str().to_string(),
        note,
    }
}

/// Records taken from a response, with where they were found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Selection {
    /// The records.
    pub records: Vec<Value>,
    /// The selector used or detected (`$` for the whole body).
    pub path: String,
    /// Why the page is empty when it is, in words for the user.
    pub note: Option<String>,
}

/// Where `detect_records` finds the records, without copying them (`$` for the whole body).
pub fn detect_path(json: &Value) -> String {
    if !json.is_object() {
        return "$".into();
    }
    let mut lists: Vec<(Vec<&str>, &Vec<Value>)> = Vec::new();
    collect_lists(json, &mut Vec::new(), &mut lists);
    lists
        .iter()
        .find(|(keys, _)| keys.last().is_some_and(|k| RECORD_KEYS.contains(k)))
        .or_else(|| lists.first())
        .map(|(keys, _)| keys.join("."))
        .unwrap_or_else(|| "$".into())
}

/// Finds the records in a response the way dlt does when no selector is set (dlt-behaviour §5.2).
pub fn detect_records(json: &Value) -> Selection {
    let Value::Object(_) = json else {
        let records = match json {
            Value::Array(items) => items.clone(),
            Value::Null => Vec::new(),
            other => vec![other.clone()],
        };
        return Selection {
            records,
            path: "$".into(),
            note: None,
        };
    };
    let mut lists: Vec<(Vec<&str>, &Vec<Value>)> = Vec::new();
    collect_lists(json, &mut Vec::new(), &mut lists);
    let chosen = lists
        .iter()
        .find(|(keys, _)| keys.last().is_some_and(|k| RECORD_KEYS.contains(k)))
        .or_else(|| lists.first());
    match chosen {
        Some((keys, items)) => Selection {
            records: (*items).clone(),
            path: keys.join("."),
            note: None,
        },
        None => Selection {
            records: vec![json.clone()],
            path: "$".into(),
            note: Some("no list in the response: the whole object is one record".into()),
        },
    }
}

fn collect_lists<'v>(
    v: &'v Value,
    keys: &mut Vec<&'v str>,
    out: &mut Vec<(Vec<&'v str>, &'v Vec<Value>)>,
) {
    let Value::Object(map) = v else { return };
    for (k, child) in map {
        keys.push(k);
        match child {
            Value::Array(items) => out.push((keys.clone(), items)),
            Value::Object(_) if keys.len() < 3 => collect_lists(child, keys, out),
            _ => {}
        }
        keys.pop();
    }
}

/// Rewrites dlt's JSONPath dialect into RFC 9535.
fn to_rfc9535(sel: &str) -> String {
    let s = sel.trim();
    if s.is_empty() || s == "$" {
        return "$".into();
    }
    // A quoted name alone: "@odata.nextLink" or 'x.y'.
    if (s.starts_with('"') && s.ends_with('"') || s.starts_with('\'') && s.ends_with('\''))
        && s.len() >= 2
    {
        return format!("$[{s}]");
    }
    let body = if let Some(rest) = s.strip_prefix('$') {
        rest.to_string()
    } else if s.starts_with('[') {
        s.to_string()
    } else {
        format!(".{s}")
    };
    let mut out = String::from("$");
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '[' => {
                // Copy a bracket segment verbatim, respecting quotes.
                let start = i;
                let mut quote: Option<char> = None;
                let mut depth = 0;
                while i < chars.len() {
                    let c = chars[i];
                    match (quote, c) {
                        (Some(q), c) if c == q => quote = None,
                        (Some(_), _) => {}
                        (None, '\'' | '"') => quote = Some(c),
                        (None, '[') => depth += 1,
                        (None, ']') => {
                            depth -= 1;
                            if depth == 0 {
                                i += 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                out.extend(&chars[start..i]);
            }
            '.' => {
                let dots = if chars.get(i + 1) == Some(&'.') { 2 } else { 1 };
                i += dots;
                let start = i;
                while i < chars.len() && chars[i] != '.' && chars[i] != '[' {
                    i += 1;
                }
                let name: String = chars[start..i].iter().collect();
                let plain = name == "*"
                    || name.chars().enumerate().all(|(j, c)| {
                        c == '_' || c.is_alphabetic() || (j > 0 && c.is_ascii_digit())
                    });
                let sep = if dots == 2 { ".." } else { "" };
                if plain && !name.is_empty() {
                    out.push_str(if dots == 2 { ".." } else { "." });
                    out.push_str(&name);
                } else {
                    out.push_str(sep);
                    out.push_str(&format!("['{}']", name.replace('\'', "\\'")));
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sel(s: &str, v: &Value) -> Vec<Value> {
        select_records(v, &Selector::parse(s).unwrap()).records
    }

    #[test]
    fn dialect_shim() {
        assert_eq!(to_rfc9535("results.posts"), "$.results.posts");
        assert_eq!(to_rfc9535("$"), "$");
        assert_eq!(to_rfc9535("many-results"), "$['many-results']");
        assert_eq!(to_rfc9535("['@odata.nextLink']"), "$['@odata.nextLink']");
        assert_eq!(to_rfc9535("\"@odata.nextLink\""), "$[\"@odata.nextLink\"]");
        assert_eq!(to_rfc9535("items[0].id"), "$.items[0].id");
        assert_eq!(to_rfc9535("$.data[*].id"), "$.data[*].id");
    }

    #[test]
    fn shapes_pages_as_dlt() {
        let v = json!({"data": [{"id": 1}, {"id": 2}], "one": {"id": 9}, "nil": null,
                       "many-results": [1], "@odata.nextLink": "x"});
        assert_eq!(sel("data", &v).len(), 2);
        assert_eq!(sel("$.data[*].id", &v), vec![json!(1), json!(2)]);
        assert_eq!(sel("one", &v), vec![json!({"id": 9})]);
        assert!(sel("nil", &v).is_empty());
        assert!(sel("missing", &v).is_empty());
        assert_eq!(sel("many-results", &v), vec![json!(1)]);
        assert_eq!(sel("['@odata.nextLink']", &v), vec![json!("x")]);
        assert_eq!(sel("$", &json!([1, 2])), vec![json!(1), json!(2)]);
        let empty = select_records(&v, &Selector::parse("missing").unwrap());
        assert!(empty.note.unwrap().contains("matched nothing"));
    }

    #[test]
    fn taking_moves_the_same_records_selecting_copies() {
        let v = json!({"data": [{"id": 1}, {"id": 2}], "one": {"id": 9}, "nil": null, "next": "x"});
        for s in ["data", "$.data[*].id", "one", "nil", "missing", "$.data[*]"] {
            let sel = Selector::parse(s).unwrap();
            let copied = select_records(&v, &sel);
            assert_eq!(count_records(&v, &sel), copied.records.len(), "{s}");
            let mut body = v.clone();
            let taken = take_records(&mut body, &sel);
            assert_eq!(taken.records, copied.records, "{s}");
            assert_eq!(taken.note.is_some(), copied.note.is_some(), "{s}");
            assert_eq!(body["next"], "x");
        }
    }

    #[test]
    fn detection_follows_dlt_order() {
        assert_eq!(detect_records(&json!([1, 2])).path, "$");
        let v = json!({"x": {"data": [1]}, "items": [2]});
        assert_eq!(detect_records(&v).path, "x.data");
        let v = json!({"meta": {"tags": ["a"]}, "results": [{"id": 1}]});
        assert_eq!(detect_records(&v).path, "results");
        let v = json!({"meta": {"tags": ["a"]}, "other": [1]});
        assert_eq!(detect_records(&v).path, "meta.tags");
        let deep = json!({"a": {"b": {"c": {"d": [1]}}}});
        assert_eq!(detect_records(&deep).path, "$");
        let three = json!({"a": {"b": {"c": [1]}}});
        assert_eq!(detect_records(&three).path, "a.b.c");
        for v in [
            json!([1]),
            json!({"x": {"data": [1]}, "items": [2]}),
            deep.clone(),
            three.clone(),
        ] {
            assert_eq!(detect_path(&v), detect_records(&v).path);
        }
        let single = json!({"id": 1, "name": "x"});
        let s = detect_records(&single);
        assert_eq!((s.path.as_str(), s.records.len()), ("$", 1));
    }
}
