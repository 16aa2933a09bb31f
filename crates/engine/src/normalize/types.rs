//! Type inference and coercion (`dlt/normalize/items_normalizers/jsonl.py`,
//! `dlt/common/data_types/type_helpers.py`): what type a new column gets, and whether a later value
//! fits an existing column or goes to a variant column `<col>__v_<type>`.
//!
//! Departure from dlt: integers outside the signed 64-bit range are treated as their decimal text
//! (dlt types them `bigint` and the SQLite insert then fails). A new column holding one is `text`;
//! a `bigint` column receiving one gets a `__v_text` variant. Nothing is lost and nothing fails.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::{Number, Value};

use super::pyfmt::py_float;
use super::pyfmt::{compact_json, float_repr, py_json_dumps};
use super::schema::DataType;
use super::timestamp::{
    from_epoch_seconds, is_iso_timestamp, text_to_date, text_to_time, text_to_timestamp,
};

/// One value of a normalised row, typed for the destination.
#[derive(Debug, Clone, PartialEq)]
pub enum SqlValue {
    Null,
    Integer(i64),
    Real(f64),
    Bool(bool),
    Text(String),
    /// Microseconds since the Unix epoch, UTC.
    Timestamp(i64),
    /// Days since 1970-01-01.
    Date(i64),
    /// Microseconds since midnight.
    Time(i64),
    /// Already serialised JSON text (Python `json.dumps` style).
    Json(String),
    Blob(Vec<u8>),
}

/// The dlt type of a JSON value as Python sees it (`py_type_to_sc_type(type(v))`).
pub fn py_type(v: &Value) -> DataType {
    match v {
        Value::Bool(_) => DataType::Bool,
        Value::Number(n) if n.is_i64() => DataType::Bigint,
        // u64 above i64::MAX: see the module note.
        Value::Number(n) if n.is_u64() => DataType::Text,
        Value::Number(_) => DataType::Double,
        Value::String(_) => DataType::Text,
        Value::Array(_) | Value::Object(_) | Value::Null => DataType::Json,
    }
}

/// The type of a new column for a first value: ISO timestamp detection, then the Python mapping.
pub fn infer_type(v: &Value) -> DataType {
    match v {
        Value::String(s) if is_iso_timestamp(s) => DataType::Timestamp,
        _ => py_type(v),
    }
}

/// The suffix dlt uses for a variant column holding values of `t` (`v_<type>`).
pub fn variant_suffix(t: DataType) -> String {
    format!("v_{}", type_name(t))
}

/// dlt's name of a data type.
pub fn type_name(t: DataType) -> &'static str {
    match t {
        DataType::Text => "text",
        DataType::Double => "double",
        DataType::Bool => "bool",
        DataType::Timestamp => "timestamp",
        DataType::Bigint => "bigint",
        DataType::Binary => "binary",
        DataType::Json => "json",
        DataType::Decimal => "decimal",
        DataType::Wei => "wei",
        DataType::Date => "date",
        DataType::Time => "time",
    }
}

/// `_text_to_bigint`: trimmed Python `int()` syntax or `0x` hex; must fit 64 bits (departure).
fn text_to_bigint(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Some(hex) = t.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    if !body.bytes().all(|c| c.is_ascii_digit() || c == b'_') {
        return None;
    }
    t.replace('_', "").parse::<i64>().ok()
}

fn text_to_double(s: &str) -> Option<f64> {
    let t = s.trim();
    match t.strip_prefix("0x") {
        Some(hex) => u128::from_str_radix(hex, 16).ok().map(|v| v as f64),
        None => py_float(t),
    }
}

/// `str2bool`.
fn text_to_bool(s: &str) -> Option<bool> {
    match s.to_lowercase().as_str() {
        "yes" | "true" | "t" | "y" | "1" => Some(true),
        "no" | "false" | "f" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// Python `Decimal(str)` accepts these; the text is stored as given (trimmed).
fn text_to_decimal(s: &str) -> Option<String> {
    let t = s.trim();
    if let Some(hex) = t.strip_prefix("0x") {
        return u128::from_str_radix(hex, 16).ok().map(|v| v.to_string());
    }
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan" | "snan") {
        return Some(t.to_string());
    }
    let (mantissa, exp) = match lower.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (lower.as_str(), None),
    };
    let mut parts = mantissa.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next().unwrap_or("");
    let digits_ok = |d: &str| d.bytes().all(|c| c.is_ascii_digit());
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits_ok(e)
    });
    (digits_ok(int) && digits_ok(frac) && !(int.is_empty() && frac.is_empty()) && exp_ok)
        .then(|| t.to_string())
}

fn text_to_binary(s: &str) -> Option<Vec<u8>> {
    if let Some(hex) = s.strip_prefix("0x") {
        if hex.len() % 2 != 0 {
            return None;
        }
        return (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect();
    }
    STANDARD.decode(s).ok()
}

fn number_text(n: &Number) -> String {
    if n.is_f64() {
        n.as_f64().map(float_repr).unwrap_or_default()
    } else {
        n.to_string()
    }
}

fn epoch(n: &Number) -> Option<i64> {
    match n.as_i64() {
        Some(i) => i
            .checked_mul(1_000_000)
            .and_then(|us| from_epoch_seconds(us as f64 / 1e6)),
        None => n.as_f64().and_then(from_epoch_seconds),
    }
}

/// `coerce_value(to_type, from_type, value)`: the value in the column's type, or the value back
/// when it cannot be coerced (the caller then makes a variant column).
pub fn coerce(to: DataType, v: Value) -> Result<SqlValue, Value> {
    use DataType as T;
    // The hot case moves the string instead of copying it.
    let v = match v {
        Value::String(s) if to == T::Text => return Ok(SqlValue::Text(s)),
        other => other,
    };
    let from = py_type(&v);
    let out = match (&v, to) {
        // Same type.
        (Value::Number(n), T::Text) if from == T::Text => Some(SqlValue::Text(n.to_string())),
        (Value::Number(n), T::Bigint) => match n.as_i64() {
            Some(i) => Some(SqlValue::Integer(i)),
            None => n
                .as_f64()
                .filter(|f| from == T::Double && f.fract() == 0.0 && f.abs() < 9.2e18)
                .map(|f| SqlValue::Integer(f as i64)),
        },
        (Value::Number(n), T::Double) => n.as_f64().map(SqlValue::Real),
        (Value::Bool(b), T::Bool) => Some(SqlValue::Bool(*b)),
        (Value::Array(_) | Value::Object(_), T::Json) => Some(SqlValue::Json(py_json_dumps(&v))),
        // To text.
        (Value::Array(_) | Value::Object(_), T::Text) => Some(SqlValue::Text(compact_json(&v))),
        (Value::Number(n), T::Text) => Some(SqlValue::Text(number_text(n))),
        (Value::Bool(b), T::Text) => Some(SqlValue::Text(if *b { "True" } else { "False" }.into())),
        // From text.
        (Value::String(s), T::Bigint) => text_to_bigint(s).map(SqlValue::Integer),
        (Value::String(s), T::Double) => text_to_double(s).map(SqlValue::Real),
        (Value::String(s), T::Bool) => text_to_bool(s).map(SqlValue::Bool),
        (Value::String(s), T::Json) => serde_json::from_str::<Value>(s)
            .ok()
            .map(|j| SqlValue::Json(py_json_dumps(&j))),
        (Value::String(s), T::Timestamp) => text_to_timestamp(s).map(SqlValue::Timestamp),
        (Value::String(s), T::Date) => text_to_date(s).map(SqlValue::Date),
        (Value::String(s), T::Time) => text_to_time(s).map(SqlValue::Time),
        (Value::String(s), T::Binary) => text_to_binary(s).map(SqlValue::Blob),
        (Value::String(s), T::Decimal | T::Wei) => text_to_decimal(s).map(SqlValue::Text),
        // From numbers.
        (Value::Number(n), T::Bool) if from != T::Text => {
            n.as_f64().map(|f| SqlValue::Bool(f != 0.0))
        }
        (Value::Number(n), T::Timestamp) => epoch(n).map(SqlValue::Timestamp),
        (Value::Number(n), T::Date) => {
            epoch(n).map(|us| SqlValue::Date(us.div_euclid(86_400_000_000)))
        }
        (Value::Number(n), T::Decimal | T::Wei) => Some(SqlValue::Text(number_text(n))),
        (Value::Number(n), T::Binary) if from == T::Bigint => n.as_i64().and_then(|i| {
            let u = u64::try_from(i).ok()?;
            let len = (64 - u.leading_zeros() as usize).div_ceil(8);
            Some(SqlValue::Blob(u.to_le_bytes()[..len].to_vec()))
        }),
        _ => None,
    };
    out.ok_or(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use DataType as T;

    fn ok(to: DataType, v: Value) -> SqlValue {
        coerce(to, v.clone()).unwrap_or_else(|_| panic!("{v} into {to:?} should coerce"))
    }

    fn fails(to: DataType, v: Value) {
        assert!(
            coerce(to, v.clone()).is_err(),
            "{v} into {to:?} should fail"
        );
    }

    #[test]
    fn inference() {
        assert_eq!(infer_type(&json!(1)), T::Bigint);
        assert_eq!(infer_type(&json!(1.5)), T::Double);
        assert_eq!(infer_type(&json!(true)), T::Bool);
        assert_eq!(infer_type(&json!("x")), T::Text);
        assert_eq!(infer_type(&json!("2024-01-02T03:04:05Z")), T::Timestamp);
        assert_eq!(infer_type(&json!("2024-01-02")), T::Text);
        assert_eq!(infer_type(&json!({"a": 1})), T::Json);
        assert_eq!(infer_type(&json!(18446744073709551615u64)), T::Text);
    }

    /// The observed matrix of dlt-behaviour.md §11.6 (failures become variants in the normalizer).
    #[test]
    fn coercion_matrix() {
        // bigint column
        assert_eq!(ok(T::Bigint, json!(3.0)), SqlValue::Integer(3));
        assert_eq!(ok(T::Bigint, json!("42")), SqlValue::Integer(42));
        assert_eq!(ok(T::Bigint, json!(" 0x1f ")), SqlValue::Integer(31));
        for v in [
            json!(2.5),
            json!("abc"),
            json!("4.5"),
            json!("true"),
            json!(true),
            json!("2024-01-02T03:04:05Z"),
            json!({"k": 1}),
            json!("99999999999999999999"),
        ] {
            fails(T::Bigint, v);
        }
        // double column
        assert_eq!(ok(T::Double, json!(5)), SqlValue::Real(5.0));
        assert_eq!(ok(T::Double, json!("42")), SqlValue::Real(42.0));
        assert_eq!(ok(T::Double, json!("4.5")), SqlValue::Real(4.5));
        for v in [
            json!("abc"),
            json!("true"),
            json!(false),
            json!("2024-01-02T03:04:05Z"),
            json!([1]),
        ] {
            fails(T::Double, v);
        }
        // text column
        assert_eq!(ok(T::Text, json!(5)), SqlValue::Text("5".into()));
        assert_eq!(ok(T::Text, json!(2.5)), SqlValue::Text("2.5".into()));
        assert_eq!(ok(T::Text, json!(3.0)), SqlValue::Text("3.0".into()));
        assert_eq!(ok(T::Text, json!(true)), SqlValue::Text("True".into()));
        assert_eq!(
            ok(T::Text, json!("2024-01-02T03:04:05Z")),
            SqlValue::Text("2024-01-02T03:04:05Z".into())
        );
        assert_eq!(
            ok(T::Text, json!({"k": 1})),
            SqlValue::Text(r#"{"k":1}"#.into())
        );
        // bool column
        assert_eq!(ok(T::Bool, json!(0)), SqlValue::Bool(false));
        assert_eq!(ok(T::Bool, json!(7)), SqlValue::Bool(true));
        assert_eq!(ok(T::Bool, json!(0.5)), SqlValue::Bool(true));
        for (s, b) in [
            ("true", true),
            ("yes", true),
            ("T", true),
            ("y", true),
            ("1", true),
            ("no", false),
            ("f", false),
            ("N", false),
            ("0", false),
            ("false", false),
        ] {
            assert_eq!(ok(T::Bool, json!(s)), SqlValue::Bool(b), "{s}");
        }
        for v in [
            json!("abc"),
            json!("42"),
            json!("4.5"),
            json!("2024-01-02T03:04:05Z"),
            json!({"k": 1}),
        ] {
            fails(T::Bool, v);
        }
        // timestamp column
        assert_eq!(ok(T::Timestamp, json!(5)), SqlValue::Timestamp(5_000_000));
        assert_eq!(ok(T::Timestamp, json!(2.5)), SqlValue::Timestamp(2_500_000));
        assert_eq!(
            ok(T::Timestamp, json!("42")),
            SqlValue::Timestamp(42_000_000)
        );
        assert_eq!(
            ok(T::Timestamp, json!("4.5")),
            SqlValue::Timestamp(4_500_000)
        );
        for v in [json!("abc"), json!("true"), json!(true), json!({"k": 1})] {
            fails(T::Timestamp, v);
        }
        // json column
        assert_eq!(
            ok(T::Json, json!({"k": 1})),
            SqlValue::Json(r#"{"k": 1}"#.into())
        );
        assert_eq!(ok(T::Json, json!("[1,2]")), SqlValue::Json("[1, 2]".into()));
        fails(T::Json, json!("abc"));
    }

    #[test]
    fn hinted_types() {
        assert_eq!(ok(T::Date, json!("2024-01-02")), SqlValue::Date(19_724));
        assert_eq!(
            ok(T::Time, json!("03:04:05")),
            SqlValue::Time(11_045_000_000)
        );
        assert_eq!(ok(T::Binary, json!("0x0102")), SqlValue::Blob(vec![1, 2]));
        assert_eq!(ok(T::Binary, json!("AQI=")), SqlValue::Blob(vec![1, 2]));
        assert_eq!(ok(T::Binary, json!(258)), SqlValue::Blob(vec![2, 1]));
        assert_eq!(
            ok(T::Decimal, json!(" 1.50 ")),
            SqlValue::Text("1.50".into())
        );
        assert_eq!(
            ok(T::Wei, json!(18446744073709551615u64)),
            SqlValue::Text("18446744073709551615".into())
        );
        fails(T::Decimal, json!("1.2.3"));
        assert_eq!(
            ok(T::Text, json!(18446744073709551615u64)),
            SqlValue::Text("18446744073709551615".into())
        );
        assert_eq!(variant_suffix(T::Text), "v_text");
    }
}
