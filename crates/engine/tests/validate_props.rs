//! Property tests: validation never panics, and a document it accepts always has a typed view.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use pipewright_engine::config::validate::{is_valid, validate};
use pipewright_engine::config::{Document, Format, RestApiConfig};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Keys of the language, so that random documents reach deep into the schema.
const KEYS: &[&str] = &[
    "client",
    "resources",
    "resource_defaults",
    "base_url",
    "headers",
    "auth",
    "paginator",
    "name",
    "endpoint",
    "path",
    "method",
    "params",
    "json",
    "data",
    "type",
    "limit",
    "token",
    "data_selector",
    "incremental",
    "cursor_path",
    "initial_value",
    "write_disposition",
    "disposition",
    "strategy",
    "primary_key",
    "columns",
    "processing_steps",
    "filter",
    "map",
    "include_from_parent",
    "response_actions",
    "action",
    "status_code",
    "rows",
    "resource",
    "field",
    "next_url_path",
    "cursor_param",
    "cursor_body_path",
    "max_pages",
    "selected",
];

const STRINGS: &[&str] = &[
    "json_link",
    "offset",
    "auto",
    "bearer",
    "GET",
    "POST",
    "merge",
    "scd2",
    "resolve",
    "incremental",
    "{resources.a.id}",
    "{incremental.start_value}",
    "{secrets.}",
    "{x}",
    "a}",
    "select(.id <",
    ".id",
    "issues",
    "a",
    "",
    "{{lit}}",
    "{secrets.tok}",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        prop::sample::select(STRINGS).prop_map(|s| Value::String(s.to_string())),
    ]
}

fn document() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                let map: Map<String, Value> =
                    kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
                Value::Object(map)
            }),
        ]
    })
}

proptest! {
    // PROPTEST_CASES=20000 for a longer run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
    ))]

    #[test]
    fn validation_never_panics_and_accepted_documents_parse(doc in document()) {
        let problems = validate(&doc);
        if is_valid(&problems) {
            let typed: Result<RestApiConfig, _> = serde_json::from_value(doc.clone());
            prop_assert!(typed.is_ok(), "valid per validate but not parseable: {doc}");
        }
    }

    #[test]
    fn parser_never_panics_on_arbitrary_text(text in ".{0,200}") {
        let _ = Document::parse(&text, Format::Json);
        let _ = Document::parse(&text, Format::Yaml);
    }
}

#[test]
fn schema_describes_every_field() {
    let schema = pipewright_engine::config::schema::json_schema();
    let mut missing = Vec::new();
    fn walk(v: &Value, at: &str, missing: &mut Vec<String>) {
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for (k, p) in props {
                // The `type` tag of a tagged union is described by its variant.
                if k != "type" && p.get("description").is_none() {
                    missing.push(format!("{at}.{k}"));
                }
                walk(p, &format!("{at}.{k}"), missing);
            }
        }
        for key in ["$defs", "oneOf", "anyOf"] {
            match v.get(key) {
                Some(Value::Object(m)) => m
                    .iter()
                    .for_each(|(k, d)| walk(d, &format!("{at}/{k}"), missing)),
                Some(Value::Array(a)) => a
                    .iter()
                    .enumerate()
                    .for_each(|(i, d)| walk(d, &format!("{at}[{i}]"), missing)),
                _ => {}
            }
        }
    }
    walk(&schema, "#", &mut missing);
    assert!(
        missing.is_empty(),
        "fields without a description: {missing:#?}"
    );
    assert!(schema["$defs"].get("PaginatorSpec").is_some());
}
