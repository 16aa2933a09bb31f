//! Reading totals, flags and cursors out of responses, with dlt's conversions.

use serde_json::Value;

use crate::select::Selector;

/// The first match of a JSONPath in a JSON body.
pub fn lookup<'v>(json: Option<&'v Value>, path: &Selector) -> Option<&'v Value> {
    json.and_then(|j| path.first(j))
}

/// An integer as Python's `int()` reads it: numbers and numeric strings.
pub fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f.trunc() as i64)),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    }
}

/// A boolean by dlt's rule: booleans, and the strings yes/true/t/y/1 and no/false/f/n/0.
pub fn as_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "yes" | "true" | "t" | "y" | "1" => Some(true),
            "no" | "false" | "f" | "n" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A cursor or link value as text (numbers keep their JSON spelling).
pub fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Compiles a paginator path, naming the parameter in the error.
pub fn path(param: &str, p: &str) -> Result<Selector, String> {
    Selector::parse(p).map_err(|e| format!("{param}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn conversions_follow_dlt() {
        assert_eq!(as_int(&json!("20")), Some(20));
        assert_eq!(as_int(&json!(3)), Some(3));
        assert_eq!(as_int(&json!({"a": 1})), None);
        assert_eq!(as_bool(&json!("Yes")), Some(true));
        assert_eq!(as_bool(&json!("0")), Some(false));
        assert_eq!(as_bool(&json!(1)), None);
        assert_eq!(as_bool(&json!("maybe")), None);
    }
}
