//! Property tests of the placeholder renderer: templates never panic the parser, `{{`/`}}`
//! escapes round-trip, and a value taken from a parent record is inserted as text exactly once:
//! whatever it contains (`{resources.…}`, `{{`, `../`, `?x=`, `&`, `#`, CR/LF) it is never
//! expanded again, and in query parameters and JSON bodies it stays one value (the request's
//! structure does not change). The path is tested through the real request builder.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use pipewright_engine::http::request::Body;
use pipewright_engine::plan::expand::{expand_str, expand_value};
use pipewright_engine::plan::source::plan;
use pipewright_engine::plan::template::{parse, Placeholder};
use pipewright_engine::run::request::{initial_request, IncrementalValues, ParentRecord};
use pipewright_engine::secrets::{MemoryStore, Stores};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Text a hostile API could put into a parent field: placeholders, escapes, URL syntax, control
/// characters, and anything else.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "{resources.posts.id}",
            "{secrets.api_key}",
            "{incremental.start_value}",
            "{id}",
            "{{",
            "}}",
            "{",
            "}",
            "../../admin",
            "?x=1",
            "&limit=1000000",
            "#frag",
            "a/b",
            "%2F",
            "%",
            " ",
            "\r\nX-Injected: 1",
            "\u{0}",
            "日本",
            "",
        ])
        .prop_map(str::to_string),
        "[a-z{}/?&#=%.\\\\ \r\n\u{0}é日]{0,16}",
        any::<String>().prop_map(|s| s.chars().take(32).collect()),
    ]
}

fn only(value: String) -> impl Fn(&Placeholder) -> Result<Value, String> {
    move |p: &Placeholder| match p.expr.as_str() {
        "resources.posts.id" => Ok(Value::String(value.clone())),
        other => Err(format!("no value for '{other}'")),
    }
}

/// `{` → `{{`, `}` → `}}`: how a literal is written in a template.
fn escape(s: &str) -> String {
    s.replace('{', "{{").replace('}', "}}")
}

fn source(params: Value, body: Value) -> Value {
    json!({
        "client": {"base_url": "http://127.0.0.1:9/api"},
        "resources": [
            {"name": "posts", "endpoint": {"path": "posts"}},
            {"name": "comments", "endpoint": {
                "path": "posts/{resources.posts.id}/comments",
                "method": "POST",
                "params": params,
                "json": body,
                "headers": {"X-Post": "{resources.posts.id}"}
            }}
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
    ))]

    /// The parser takes any string without panicking.
    #[test]
    fn parse_never_panics(s in any::<String>()) {
        let _ = parse(&s);
    }

    /// A literal written with escapes expands back to itself.
    #[test]
    fn escapes_round_trip(text in hostile_text()) {
        let expanded = expand_str(&escape(&text), &only(String::new())).unwrap();
        prop_assert_eq!(expanded, text);
    }

    /// A parent value is inserted verbatim and never expanded again.
    #[test]
    fn values_are_inserted_once(
        value in hostile_text(),
        before in hostile_text(),
        after in hostile_text(),
    ) {
        let template = format!("{}{{resources.posts.id}}{}", escape(&before), escape(&after));
        let expanded = expand_str(&template, &only(value.clone())).unwrap();
        prop_assert_eq!(expanded, format!("{before}{value}{after}"));
        // In a JSON body a lone placeholder keeps the value; an embedded one is text.
        let body = json!({"id": "{resources.posts.id}", "s": template});
        let out = expand_value(&body, &only(value.clone()), true).unwrap();
        prop_assert_eq!(&out["id"], &Value::String(value.clone()));
        prop_assert_eq!(&out["s"], &Value::String(format!("{before}{value}{after}")));
        // A key is text too: exactly one key, the value.
        let out = expand_value(&json!({"{resources.posts.id}": 1}), &only(value.clone()), true).unwrap();
        prop_assert_eq!(out, json!({ value: 1 }));
    }

    /// Through the real request builder: a hostile parent value stays one query value, one JSON
    /// value and one header value; no other parameter appears, and the encoded URL's query
    /// decodes back to exactly the configured pairs.
    #[test]
    fn a_parent_value_does_not_change_the_request_structure(value in hostile_text()) {
        let doc = source(
            json!({"q": "{resources.posts.id}", "limit": 10}),
            json!({"post": "{resources.posts.id}", "text": "id={resources.posts.id}"}),
        );
        let stores = Stores::new("props", vec![Box::new(MemoryStore::from([("api_key", "k")]))]);
        let plan = plan(&doc, "props", &stores).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let ep = plan.resource("comments").and_then(|r| r.endpoint.clone()).unwrap();
        let record = json!({"id": value});
        let parent = ParentRecord { name: "posts", record: &record };
        let req = match initial_request(&plan, &ep, Some(&parent), &IncrementalValues::default(), &stores) {
            Ok(r) => r,
            // A value that cannot go into a header (CR/LF, NUL) may be refused: with a message.
            Err(e) => {
                prop_assert!(!e.is_empty());
                return Ok(());
            }
        };
        let mut query = req.query.clone();
        query.sort();
        prop_assert_eq!(query, vec![("limit".to_string(), "10".to_string()), ("q".to_string(), value.clone())]);
        // On the wire the configured pairs come last (after anything the URL had), each value
        // encoded so that it decodes back whole.
        let url = req.full_url().map_err(TestCaseError::fail)?;
        let decoded: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        prop_assert!(decoded.ends_with(&req.query), "{:?} does not end with {:?}", decoded, req.query);
        match &req.body {
            Body::Json(body) => {
                prop_assert_eq!(&body["post"], &Value::String(value.clone()));
                prop_assert_eq!(&body["text"], &Value::String(format!("id={value}")));
            }
            other => prop_assert!(false, "unexpected body {:?}", other),
        }
        let header = req.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("X-Post")).map(|(_, v)| v.clone());
        prop_assert_eq!(header, Some(value.clone()));
    }
}

/// The path is formatted as dlt formats it (`str.format`, no percent-encoding): a parent value
/// is inserted once and never expanded again, but URL syntax in it (`/`, `..`, `?`, `#`) is not
/// escaped. This pins what the renderer does today, so that a change is a decision.
#[test]
fn path_values_are_inserted_verbatim() {
    let stores = Stores::new("props", vec![]);
    let doc = source(json!({"limit": 10}), json!({}));
    let plan = plan(&doc, "props", &stores).unwrap();
    let ep = plan
        .resource("comments")
        .and_then(|r| r.endpoint.clone())
        .unwrap();
    for (value, url) in [
        ("42", "http://127.0.0.1:9/api/posts/42/comments"),
        (
            "{resources.posts.id}",
            "http://127.0.0.1:9/api/posts/{resources.posts.id}/comments",
        ),
        ("{{x}}", "http://127.0.0.1:9/api/posts/{{x}}/comments"),
        (
            "../../admin",
            "http://127.0.0.1:9/api/posts/../../admin/comments",
        ),
        ("1?x=2", "http://127.0.0.1:9/api/posts/1?x=2/comments"),
    ] {
        let record = json!({"id": value});
        let parent = ParentRecord {
            name: "posts",
            record: &record,
        };
        let req = initial_request(
            &plan,
            &ep,
            Some(&parent),
            &IncrementalValues::default(),
            &stores,
        )
        .unwrap();
        assert_eq!(req.url, url, "{value}");
        assert_eq!(req.query, [("limit".to_string(), "10".to_string())]);
    }
}
