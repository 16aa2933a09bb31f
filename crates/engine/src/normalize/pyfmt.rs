//! Python's text forms of values, which end up in the database through dlt: `repr(float)`,
//! `json.dumps` (SQLAlchemy's JSON columns: `", "`/`": "` separators, ASCII-only), and orjson's
//! compact JSON (dlt's own serializer: coercing objects into text columns, row hashes).

use std::fmt::Write as _;

use serde_json::{Map, Value};

/// `repr(x)` for a Python float: shortest round-trip digits, exponent form when the decimal point
/// is before the 4th leading zero or after the 16th digit.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len() as i32;
    let decpt = exp + 1;
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    if decpt <= -4 || decpt > 16 {
        out.push_str(&digits[..1]);
        if n > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        let _ = write!(out, "e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    } else if decpt <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-decpt) as usize));
        out.push_str(&digits);
    } else if decpt < n {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    } else {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (decpt - n) as usize));
        out.push_str(".0");
    }
    out
}

/// Python `str()` of a JSON number as dlt sees it (int or float).
pub fn number_str(n: &serde_json::Number) -> String {
    if n.is_f64() {
        n.as_f64().map(float_repr).unwrap_or_else(|| n.to_string())
    } else {
        n.to_string()
    }
}

/// Python `json.dumps(value)` with default settings, as SQLAlchemy stores JSON columns.
pub fn py_json_dumps(value: &Value) -> String {
    let mut out = String::new();
    write_py_json(value, &mut out);
    out
}

fn write_py_json(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => {
            if n.is_f64() {
                // json.dumps writes non-finite floats as NaN/Infinity; serde_json never holds them.
                out.push_str(&n.as_f64().map(float_repr).unwrap_or_default());
            } else {
                let _ = write!(out, "{n}");
            }
        }
        Value::String(s) => write_ascii_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_py_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_ascii_string(k, out);
                out.push_str(": ");
                write_py_json(v, out);
            }
            out.push('}');
        }
    }
}

fn write_ascii_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

/// orjson-style compact JSON (what dlt's `json.dumps` produces).
pub fn compact_json(value: &Value) -> String {
    value.to_string()
}

/// Compact JSON with object keys sorted at every level (`json.dumpb(..., sort_keys=True)`).
pub fn sorted_compact_json(value: &Value) -> String {
    let mut out = String::new();
    write_sorted(value, &mut out);
    out
}

fn write_sorted(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => write_sorted_map(map.iter(), out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_sorted(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Writes `{k:v,...}` with keys in byte order.
pub fn write_sorted_map<'a>(
    entries: impl Iterator<Item = (&'a String, &'a Value)>,
    out: &mut String,
) {
    let mut entries: Vec<_> = entries.collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    out.push('{');
    for (i, (k, v)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&Value::String(k.clone()).to_string());
        out.push(':');
        write_sorted(v, out);
    }
    out.push('}');
}

/// Sorted compact JSON of an object given as a map.
pub fn sorted_map_json(map: &Map<String, Value>) -> String {
    let mut out = String::new();
    write_sorted_map(map.iter(), &mut out);
    out
}

/// Python's `float(str)`: surrounding whitespace, `_` between digits, `inf`/`nan` spellings.
pub fn py_float(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    let cleaned: String = if t.contains('_') {
        let b = t.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b'_'
                && !(i > 0
                    && i + 1 < b.len()
                    && b[i - 1].is_ascii_digit()
                    && b[i + 1].is_ascii_digit())
            {
                return None;
            }
        }
        t.replace('_', "")
    } else {
        t.to_string()
    };
    let lower = cleaned.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") || body.bytes().any(|c| c.is_ascii_digit()) {
        cleaned.parse::<f64>().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn float_repr_matches_python() {
        let cases = [
            (2.5, "2.5"),
            (3.0, "3.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-0.0, "-0.0"),
            (123456.789, "123456.789"),
            (1795972480.3821015, "1795972480.3821015"),
            (1e100, "1e+100"),
        ];
        for (x, expected) in cases {
            assert_eq!(float_repr(x), expected, "repr({x})");
        }
    }

    #[test]
    fn py_json_dumps_uses_spaced_separators_and_ascii() {
        let v = json!({"k": 1, "s": "é\"\n", "l": [1, 2.0, null, true], "e": {}});
        assert_eq!(
            py_json_dumps(&v),
            r#"{"k": 1, "s": "\u00e9\"\n", "l": [1, 2.0, null, true], "e": {}}"#
        );
        assert_eq!(py_json_dumps(&json!("😄")), r#""\ud83d\ude04""#);
    }

    #[test]
    fn compact_and_sorted_json() {
        let v = json!({"b": 1, "a": {"d": [1, {"z": 1, "y": 2}], "c": "é"}});
        assert_eq!(compact_json(&json!({"k": 1})), r#"{"k":1}"#);
        assert_eq!(
            sorted_compact_json(&v),
            r#"{"a":{"c":"é","d":[1,{"y":2,"z":1}]},"b":1}"#
        );
    }

    #[test]
    fn python_float_parsing() {
        assert_eq!(py_float(" 4.5 "), Some(4.5));
        assert_eq!(py_float("1_000"), Some(1000.0));
        assert_eq!(py_float("1__0"), None);
        assert_eq!(py_float("abc"), None);
        assert_eq!(py_float("0x10"), None);
        assert!(py_float("inf").unwrap().is_infinite());
    }
}
