//! Placeholder expansion as dlt's `expand_placeholders` (dlt-behaviour §6.4): strings are
//! formatted Python-style, and in `json` bodies a string that is exactly one placeholder keeps
//! the value's type.

use serde_json::Value;

use super::template::{parse, Placeholder, Segment};

/// Looks a placeholder's value up.
pub trait Lookup {
    /// The value of a placeholder, or why it has none.
    fn value(&self, p: &Placeholder) -> Result<Value, String>;
}

impl<F: Fn(&Placeholder) -> Result<Value, String>> Lookup for F {
    fn value(&self, p: &Placeholder) -> Result<Value, String> {
        self(p)
    }
}

/// A value as Python's `str()` writes it, which is what dlt puts into paths, params and headers.
pub fn python_str(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or_default();
            if f.fract() == 0.0 && f.abs() < 1e16 {
                format!("{f:.1}")
            } else {
                f.to_string()
            }
        }
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Expands a string; every placeholder becomes text.
pub fn expand_str(s: &str, lookup: &dyn Lookup) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    for seg in parse(s)? {
        match seg {
            Segment::Text(t) => out.push_str(&t),
            Segment::Placeholder(p) => out.push_str(&python_str(&lookup.value(&p)?)),
        }
    }
    Ok(out)
}

/// Expands every string of a JSON value (keys too); with `typed`, a string that is exactly one
/// placeholder is replaced by the value itself.
pub fn expand_value(v: &Value, lookup: &dyn Lookup, typed: bool) -> Result<Value, String> {
    Ok(match v {
        Value::String(s) => {
            if typed {
                if let Ok(segs) = parse(s) {
                    if let [Segment::Placeholder(p)] = segs.as_slice() {
                        if !s.contains(':') && !s.contains('!') {
                            return lookup.value(p);
                        }
                    }
                }
            }
            Value::String(expand_str(s, lookup)?)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|i| expand_value(i, lookup, typed))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => {
            let mut out = serde_json::Map::with_capacity(map.len());
            for (k, item) in map {
                out.insert(expand_str(k, lookup)?, expand_value(item, lookup, typed)?);
            }
            Value::Object(out)
        }
        other => other.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ctx(p: &Placeholder) -> Result<Value, String> {
        match p.expr.as_str() {
            "resources.posts.id" => Ok(json!(42)),
            "resources.posts.tags" => Ok(json!(["a"])),
            "incremental.end_value" => Ok(Value::Null),
            other => Err(format!("no value for '{other}'")),
        }
    }

    #[test]
    fn strings_are_python_formatted() {
        assert_eq!(
            expand_str("p/{resources.posts.id}/c", &ctx).unwrap(),
            "p/42/c"
        );
        assert_eq!(
            expand_str("{{x}}-{incremental.end_value}", &ctx).unwrap(),
            "{x}-None"
        );
        assert_eq!(python_str(&json!(1e10)), "10000000000.0");
        assert_eq!(python_str(&json!(true)), "True");
        assert!(expand_str("{nope}", &ctx).is_err());
    }

    #[test]
    fn json_keeps_types_for_lone_placeholders() {
        let body = json!({"id": "{resources.posts.id}", "s": "x{resources.posts.id}",
                          "t": "{resources.posts.tags}", "n": "{incremental.end_value}",
                          "{{k}}": [ "{resources.posts.id}{resources.posts.id}" ]});
        let out = expand_value(&body, &ctx, true).unwrap();
        assert_eq!(
            out,
            json!({"id": 42, "s": "x42", "t": ["a"], "n": null, "{k}": ["4242"]})
        );
    }
}
