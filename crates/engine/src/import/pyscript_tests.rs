use serde_json::json;

use super::*;

const DOCS_STYLE: &str = r#"
from typing import Any, Optional
import dlt
from dlt.sources.rest_api import rest_api_source
from dlt.sources.helpers.rest_client.auth import BearerTokenAuth
from dlt.sources.helpers.rest_client.paginators import JSONLinkPaginator

BASE = "https://api.example.com/" \
    "v1/"

@dlt.resource(selected=False)
def repositories():
    """A seed list."""
    yield [{"name": "dlt"}, {"name": "verified-sources"}]


@dlt.source
def github_source(access_token: Optional[str] = dlt.secrets.value) -> Any:
    config = {
        "client": {
            "base_url": BASE,
            "auth": BearerTokenAuth(token=access_token),
            "paginator": JSONLinkPaginator(next_url_path="paging.next"),
            "headers": {"X-Key": "k-" + dlt.secrets["api.key"], 'X-Tab': '\t'},
        },
        "resource_defaults": {"endpoint": {"params": {"per_page": 100, "ratio": -0.5, "hex": 0x10}}},
        "resources": [
            {"name": "issues", "endpoint": {"path": "{repository}/issues", "params": {
                "repository": {"type": "resolve", "resource": "repositories", "field": "name"},
            }}},
            repositories(),
        ],
    }
    return rest_api_source(config)
"#;

#[test]
fn docs_style_script() {
    let (v, guesses) = import_python(DOCS_STYLE).unwrap();
    assert_eq!(
        v,
        json!({
            "client": {
                "base_url": "https://api.example.com/v1/",
                "auth": {"type": "bearer", "token": "{secrets.access_token}"},
                "paginator": {"type": "json_link", "next_url_path": "paging.next"},
                "headers": {"X-Key": "k-{secrets.api.key}", "X-Tab": "\t"}
            },
            "resource_defaults": {"endpoint": {"params": {"per_page": 100, "ratio": -0.5, "hex": 16}}},
            "resources": [
                {"name": "issues", "endpoint": {"path": "{repository}/issues", "params": {
                    "repository": {"type": "resolve", "resource": "repositories", "field": "name"}
                }}},
                {"name": "repositories", "selected": false, "rows": [{"name": "dlt"}, {"name": "verified-sources"}]}
            ]
        })
    );
    let text: Vec<String> = guesses.iter().map(ToString::to_string).collect();
    assert!(
        text.iter().any(|g| g.contains("{secrets.access_token}")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|g| g.contains("`repositories`")),
        "{text:?}"
    );
}

#[test]
fn callables_are_named_with_their_paths() {
    let src = r#"
import dlt
def keep(r):
    return r["id"] < 10
config = {
    "client": {"base_url": "https://x/", "session": make_session()},
    "resources": [{
        "name": "posts",
        "table_name": lambda item: item["type"],
        "processing_steps": [{"filter": keep}, {"map": lambda r: {**r, "x": 1}}],
        "endpoint": {"incremental": {"cursor_path": "t", "initial_value": dlt.config.value, "convert": to_ts}},
    }],
}
"#;
    let err = import_python(src).unwrap_err();
    let ImportError::NotImportable(items) = &err else {
        panic!("{err:?}")
    };
    let paths: Vec<&str> = items.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "client.session",
            "resources[0].table_name",
            "resources[0].processing_steps[0].filter",
            "resources[0].processing_steps[1].map",
            "resources[0].endpoint.incremental.initial_value",
            "resources[0].endpoint.incremental.convert",
        ]
    );
    assert_eq!(items[1].expr, "lambda item: item[\"type\"]");
    assert!(items[2].reason.contains("jq expression"), "{}", items[2]);
    assert!(items[2].expr == "keep", "{}", items[2]);
    assert!(items[4].reason.contains("config.toml"), "{}", items[4]);
    let message = err.to_string();
    assert!(
        message.starts_with("6 part(s) of the Python config cannot be imported"),
        "{message}"
    );
}

#[test]
fn exporter_helpers_and_limits() {
    let src = r#"
DEFAULT_MAX_PAGES: Optional[int] = 5
MAX_PAGES: Dict[str, int] = {"posts": 2, "named": 3}
def source_config() -> RESTAPIConfig:
    return {
        "client": {"base_url": "https://x/"},
        "resources": [
            "named",
            {"name": "posts", "processing_steps": [{"filter": jq_filter(".id < 3")}],
             "endpoint": {"path": "p", "incremental": {"cursor_path": "t", "convert": jq_convert("tostring")},
                          "response_actions": [response_action(condition=".x", action="retry")]}},
        ],
    }
"#;
    let (v, _) = import_python(src).unwrap();
    assert_eq!(
        v,
        json!({
            "client": {"base_url": "https://x/"},
            "resource_defaults": {"endpoint": {"max_pages": 5}},
            "resources": [
                {"name": "named", "endpoint": {"path": "named", "max_pages": 3}},
                {"name": "posts", "processing_steps": [{"filter": ".id < 3"}],
                 "endpoint": {"path": "p", "max_pages": 2,
                              "incremental": {"cursor_path": "t", "convert": "tostring"},
                              "response_actions": [{"condition": ".x", "action": "retry"}]}}
            ]
        })
    );
}

#[test]
fn no_config_and_syntax_errors() {
    assert!(matches!(
        import_python("x = 1\n"),
        Err(ImportError::NoConfig(_))
    ));
    assert!(matches!(
        import_python("x = 'open\n"),
        Err(ImportError::Syntax { line: 1, .. })
    ));
}
