use super::*;
use serde_json::json;

#[test]
fn secrets_become_lookups_and_concatenations() {
    let mut t = Translation::default();
    assert_eq!(
        t.string("{secrets.tok}"),
        Py::Raw("dlt.secrets[\"tok\"]".into())
    );
    assert_eq!(
        t.string("Token {secrets.a.b}!").flat(),
        "\"Token \" + dlt.secrets[\"a.b\"] + \"!\""
    );
    assert_eq!(t.string("plain {x}").flat(), "\"plain {x}\"");
    assert_eq!(t.secrets, vec!["tok", "a.b"]);
}

#[test]
fn jq_steps_convert_actions_limits_and_seeds() {
    let doc = json!({
        "client": {"base_url": "https://x/", "auth": "bearer"},
        "resource_defaults": {"endpoint": {"max_pages": 5}},
        "resources": [
            {"name": "seed", "rows": [{"id": 1}], "selected": false},
            {"name": "posts", "processing_steps": [{"filter": ".id < 3"}],
             "endpoint": {"path": "p", "max_pages": 2,
               "incremental": {"cursor_path": "t", "convert": "tostring"},
               "response_actions": [{"status_code": 404, "action": "ignore"},
                                    {"condition": ".x", "action": "retry"}]}},
            {"name": "kids", "endpoint": "seed/{resources.seed.id}/k"}
        ]
    });
    let t = translate(&doc, "demo_source");
    let text = t.config.as_ref().map(Py::flat).unwrap_or_default();
    assert!(
        text.contains("\"filter\": jq_filter(\".id < 3\")"),
        "{text}"
    );
    assert!(
        text.contains("\"convert\": jq_convert(\"tostring\")"),
        "{text}"
    );
    assert!(text.contains("{\"status_code\": 404, \"action\": \"ignore\"}, response_action(condition=\".x\", action=\"retry\")"), "{text}");
    assert!(!text.contains("max_pages"), "{text}");
    assert!(text.contains("\"resources\": [seed(), {"), "{text}");
    assert_eq!(t.default_max_pages, Some(5));
    assert_eq!(t.max_pages, vec![("posts".to_string(), 2)]);
    assert_eq!(t.credentials, vec!["token"]);
    assert_eq!(t.seeds[0].func, "seed");
    assert!(
        t.notes.iter().any(|n| n.contains("'kids'")),
        "{:?}",
        t.notes
    );
    assert!(t.uses_jq && t.uses_actions && t.unsupported.is_empty());
}
