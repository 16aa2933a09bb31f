//! Response bodies to JSON values, without losing data and with a reason when it fails.
//!
//! serde_json (without `arbitrary_precision`) turns an integer beyond `u64`, or below `i64::MIN`,
//! into the nearest `f64`: `18446744073709551616` would be stored as `1.84467440737096e+19` and
//! the digits would be lost. Such integers are therefore handed on as their exact decimal text (a
//! JSON string), which the normalizer stores in a `text` column or a `__v_text` variant — the
//! same treatment `normalize/types.rs` gives integers between `i64::MAX` and `u64::MAX`. Processing
//! steps (jq) see them as strings.
//!
//! Bodies nested more than 128 levels deep are refused by serde_json's recursion limit, which is
//! what keeps a hostile 10,000-level document from overflowing the stack here and in every
//! recursive walk after it (normalizer, jq, serialisation). The error says so.

use serde_json::Value;

/// Digits an integer needs before it can fall outside `i64`/`u64` (`i64::MIN` has 19).
const BIG_DIGITS: usize = 19;

/// serde_json's nesting limit (not configurable without disabling it).
pub const MAX_DEPTH: usize = 128;

/// Parses a response body. Integers that serde_json would round are kept as their decimal text.
/// The error is one sentence for the user.
pub fn parse_body(bytes: &[u8]) -> Result<Value, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("the body is empty".into());
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| reason(&e))?;
    if !has_digit_run(bytes, BIG_DIGITS) {
        return Ok(value);
    }
    // Rare path: the body is valid JSON (so every number outside a string is a value, never a
    // key) and has a long digit run somewhere; quote the integers serde_json could not hold.
    match quote_big_integers(bytes) {
        Some(fixed) => serde_json::from_slice(&fixed).map_err(|e| reason(&e)),
        None => Ok(value),
    }
}

fn reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if text.contains("recursion limit exceeded") {
        format!("it is nested more than {MAX_DEPTH} levels deep ({text})")
    } else {
        text
    }
}

fn has_digit_run(bytes: &[u8], n: usize) -> bool {
    let mut run = 0;
    for b in bytes {
        if b.is_ascii_digit() {
            run += 1;
            if run >= n {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// True when an integer literal (optional `-`, then `digits`) does not fit serde_json's `u64`
/// (non-negative) or `i64` (negative) and would become an `f64`.
fn out_of_range(negative: bool, digits: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(digits) else {
        return false;
    };
    if negative {
        // `i64::MIN` is -9223372036854775808: compare the magnitude as u64.
        text.parse::<u64>()
            .map_or(true, |m| m > i64::MIN.unsigned_abs())
    } else {
        text.parse::<u64>().is_err()
    }
}

/// A copy of a valid JSON document with out-of-range integer literals wrapped in quotes, or
/// `None` when there are none. A byte scan: no recursion, whatever the depth.
fn quote_big_integers(b: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() {
                    match b[i] {
                        b'\\' => i += 2,
                        b'"' => {
                            i += 1;
                            break;
                        }
                        _ => i += 1,
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                let negative = b[i] == b'-';
                if negative {
                    i += 1;
                }
                let digits_start = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                let fraction_or_exponent = i < b.len() && matches!(b[i], b'.' | b'e' | b'E');
                if fraction_or_exponent {
                    // A float: Python reads it as a float too. Skip the rest of it.
                    while i < b.len()
                        && matches!(b[i], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                    {
                        i += 1;
                    }
                    continue;
                }
                let digits = &b[digits_start..i];
                if digits.len() >= BIG_DIGITS && out_of_range(negative, digits) {
                    let o = out.get_or_insert_with(|| Vec::with_capacity(b.len() + 64));
                    o.extend_from_slice(&b[copied..start]);
                    o.push(b'"');
                    o.extend_from_slice(&b[start..i]);
                    o.push(b'"');
                    copied = i;
                }
            }
            _ => i += 1,
        }
    }
    out.map(|mut o| {
        o.extend_from_slice(&b[copied..]);
        o
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ordinary_bodies_parse_as_usual() {
        let v = parse_body(
            br#"{"a": [1, -2, 3.5, "12345678901234567890123"], "b": 18446744073709551615}"#,
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"a": [1, -2, 3.5, "12345678901234567890123"], "b": 18446744073709551615u64})
        );
        assert_eq!(
            parse_body(b"-9223372036854775808").unwrap(),
            json!(i64::MIN)
        );
    }

    #[test]
    fn integers_beyond_64_bits_keep_their_digits() {
        let v = parse_body(
            br#"{"big": 18446744073709551616, "neg": -9223372036854775809, "l": [123456789012345678901234567890, 1e30, 2.5E+40], "s": "x\"1234567890123456789012"}"#,
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"big": "18446744073709551616", "neg": "-9223372036854775809",
                   "l": ["123456789012345678901234567890", 1e30, 2.5e40], "s": "x\"1234567890123456789012"})
        );
    }

    #[test]
    fn floats_parse_exactly() {
        // Off by one ULP without serde_json's `float_roundtrip` (workspace Cargo.toml).
        let v = parse_body(b"[-1.4415637492540623e-139, 0.1, 1234.567891]").unwrap();
        assert_eq!(v, json!([-1.4415637492540623e-139, 0.1, 1234.567891]));
    }

    #[test]
    fn errors_say_why() {
        assert_eq!(parse_body(b"  \n").unwrap_err(), "the body is empty");
        let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        let e = parse_body(deep.as_bytes()).unwrap_err();
        assert!(
            e.starts_with("it is nested more than 128 levels deep"),
            "{e}"
        );
        assert!(parse_body(b"{\"a\": 1").unwrap_err().contains("EOF"));
        // Invalid JSON is never repaired by the quoting pass.
        assert!(parse_body(b"{123456789012345678901234: 1}").is_err());
    }
}
