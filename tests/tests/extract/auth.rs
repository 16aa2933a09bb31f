//! Every auth type against the mock API, and secrets kept out of traces.

use pipewright_engine::Error;
use serde_json::json;

use super::{all_posts, api, ids, run, source, try_run};

fn paged(path: &str, auth: serde_json::Value) -> serde_json::Value {
    json!({"name": "p", "endpoint": {"path": path, "data_selector": "data", "auth": auth,
        "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}}})
}

#[test]
fn bearer_and_token_shortcut() {
    let api = api();
    for auth in [
        json!({"type": "bearer", "token": "{secrets.bearer}"}),
        json!({"token": "{secrets.bearer}"}),
    ] {
        let t = run(&source(&api, paged("auth/bearer/posts", auth)), "p");
        assert_eq!(ids(&t), all_posts(25));
        assert!(t.pages[0]
            .request
            .headers
            .contains(&("Authorization".into(), "Bearer ***".into())));
    }
    let err = try_run(
        &source(
            &api,
            paged("auth/bearer/posts", json!({"token": "{secrets.wrong}"})),
        ),
        "p",
    )
    .unwrap();
    let msg = err.error.unwrap();
    assert!(msg.contains("401") && msg.contains("credentials"), "{msg}");
    assert!(!msg.contains("nope"));
}

#[test]
fn api_key_in_header_query_and_cookie() {
    let api = api();
    for (path, auth) in [
        (
            "auth/api_key/header/posts",
            json!({"type": "api_key", "name": "X-API-Key", "api_key": "{secrets.api_key}"}),
        ),
        (
            "auth/api_key/query/posts",
            json!({"type": "api_key", "name": "api_key", "api_key": "{secrets.api_key}", "location": "query"}),
        ),
        (
            "auth/api_key/cookie/posts",
            json!({"type": "api_key", "name": "api_key", "api_key": "{secrets.api_key}", "location": "cookie"}),
        ),
    ] {
        let t = run(&source(&api, paged(path, auth)), "p");
        assert_eq!(ids(&t), all_posts(25), "{path}");
        let shown = serde_json::to_string(&t).unwrap();
        assert!(
            !shown.contains("test-api-key"),
            "{path}: secret leaked into the trace"
        );
    }
    // The query key is on every page, including ones after the first.
    let log = api.requests_to("/auth/api_key/query/posts");
    assert!(log.iter().all(|r| r.query.contains("api_key=test-api-key")));
}

#[test]
fn http_basic() {
    let api = api();
    let auth = json!({"type": "http_basic", "username": "user", "password": "{secrets.password}"});
    assert_eq!(
        ids(&run(&source(&api, paged("auth/basic/posts", auth)), "p")),
        all_posts(25)
    );
}

#[test]
fn oauth2_fetches_one_token_for_all_pages() {
    let api = api();
    let auth = json!({"type": "oauth2_client_credentials", "access_token_url": format!("{}/oauth/token", api.base_url()),
        "client_id": "test-client-id", "client_secret": "{secrets.client_secret}"});
    let t = run(&source(&api, paged("auth/oauth2/posts", auth)), "p");
    assert_eq!(ids(&t), all_posts(25));
    assert_eq!(api.tokens_issued(), 1);
    let shown = serde_json::to_string(&t).unwrap();
    assert!(!shown.contains("test-client-secret") && !shown.contains("mock-oauth-token"));
}

#[test]
fn oauth2_refreshes_a_token_before_it_lapses() {
    let api = api();
    // Tokens that live 2 s, inside the refresh margin: each request gets a fresh one first.
    let auth = json!({"type": "oauth2_client_credentials", "access_token_url": format!("{}/oauth/token?expires_in=2", api.base_url()),
        "client_id": "test-client-id", "client_secret": "{secrets.client_secret}"});
    let t = run(&source(&api, paged("auth/oauth2/posts", auth)), "p");
    assert_eq!(ids(&t), all_posts(25));
    assert_eq!(api.tokens_issued(), 3);
}

#[test]
fn missing_secret_names_the_reference_and_how_to_set_it() {
    let api = api();
    let err = try_run(
        &source(
            &api,
            paged("auth/bearer/posts", json!({"token": "{secrets.nowhere}"})),
        ),
        "p",
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    assert!(
        msg.contains("{secrets.nowhere}") && msg.contains("pipewright secrets set"),
        "{msg}"
    );
}

#[test]
fn endpoint_auth_null_disables_client_auth() {
    let api = api();
    let doc = json!({"client": {"base_url": api.base_url(), "auth": {"token": "{secrets.bearer}"}},
        "resources": [{"name": "p", "endpoint": {"path": "echo", "auth": null, "paginator": "single_page", "data_selector": "$"}}]});
    let t = run(&doc, "p");
    let headers = t.records[0]["headers"].to_string().to_lowercase();
    assert!(!headers.contains("authorization"), "{headers}");
}
