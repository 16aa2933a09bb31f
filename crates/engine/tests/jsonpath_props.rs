//! Property tests of the JSONPath dialect (`select.rs`): any selector string parses or fails
//! without panicking; on any document the three ways of reading a selection (`select_records`,
//! `take_records`, `count_records`) agree; and a path to a value, written in each of dlt's
//! spellings (`a.b`, `$.a.b`, `['a']['b']`, dashed and non-ASCII names), finds exactly it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use pipewright_engine::select::{count_records, select_records, take_records, Selector};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::String),
    ]
}

fn doc() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((name(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Names as APIs write them: plain, camelCase, dashed, `@`-prefixed, digits first, non-ASCII.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "data",
            "items",
            "results",
            "next",
            "many-results",
            "@odata",
            "x_1",
            "日本",
            "é"
        ])
        .prop_map(str::to_string),
        "[a-zA-Z_@é][a-zA-Z0-9_@é-]{0,7}",
        "[0-9][a-z0-9]{0,4}",
    ]
}

fn selector_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[$.\\[\\]'\"*a-z0-9@?()=<>!&| -]{0,16}",
        any::<String>().prop_map(|s| s.chars().take(24).collect()),
    ]
}

/// The records `select_records` should return for a single match.
fn as_records(v: &Value) -> Vec<Value> {
    match v {
        Value::Null => Vec::new(),
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
    ))]

    /// Any selector: no panic; a parsed one reads every document the same three ways.
    #[test]
    fn selections_agree(sel in selector_text(), doc in doc()) {
        let Ok(selector) = Selector::parse(&sel) else { return Ok(()) };
        let selected = select_records(&doc, &selector);
        prop_assert_eq!(count_records(&doc, &selector), selected.records.len());
        let mut body = doc.clone();
        let taken = take_records(&mut body, &selector);
        prop_assert_eq!(&taken.records, &selected.records);
        prop_assert_eq!(&taken.note, &selected.note);
    }

    /// A path to a value, in each dialect spelling, selects that value.
    #[test]
    fn paths_find_their_value(path in prop::collection::vec(name(), 1..4), value in doc(), noise in doc()) {
        // The document: `noise` beside the path at every level, `value` at its end.
        let mut doc = value.clone();
        for key in path.iter().rev() {
            let mut m = Map::new();
            m.insert(format!("{key}_other"), noise.clone());
            m.insert(key.clone(), doc);
            doc = Value::Object(m);
        }
        let dotted = path.join(".");
        let bracketed: String = path.iter().map(|k| format!("['{k}']")).collect();
        let spellings = [dotted.clone(), format!("$.{dotted}"), bracketed.clone(), format!("${bracketed}")];
        let expected = as_records(&value);
        for s in &spellings {
            let selector = Selector::parse(s).map_err(TestCaseError::fail)?;
            let selected = select_records(&doc, &selector);
            prop_assert_eq!(&selected.records, &expected, "selector {}", s);
            let mut body = doc.clone();
            prop_assert_eq!(&take_records(&mut body, &selector).records, &expected, "take {}", s);
        }
    }
}

#[test]
fn a_quoted_name_alone_selects_a_dotted_key() {
    let doc = json!({"@odata.nextLink": "n", "a": {"b": 1}});
    let s = Selector::parse("\"@odata.nextLink\"").unwrap();
    assert_eq!(select_records(&doc, &s).records, [json!("n")]);
    let s = Selector::parse("'@odata.nextLink'").unwrap();
    assert_eq!(select_records(&doc, &s).records, [json!("n")]);
}
