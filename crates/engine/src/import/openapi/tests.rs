use serde_json::json;

use super::*;
use crate::import::endpoints::Confidence;

fn spec(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/fixtures/openapi/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    serde_yaml_ng::from_str(&text).unwrap()
}

fn names(v: &Value) -> Vec<&str> {
    v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect()
}

fn resource<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap()
}

#[test]
fn mock_blog() {
    let (v, guesses) = import_openapi(&spec("mock-blog.yaml")).unwrap();
    assert_eq!(v["client"]["base_url"], "http://127.0.0.1:8080/");
    assert_eq!(
        names(&v),
        vec![
            "posts",
            "users",
            "comments",
            "users_posts",
            "auth_bearer_posts"
        ]
    );
    let posts = resource(&v, "posts");
    assert_eq!(
        posts["endpoint"],
        json!({
            "path": "posts",
            "paginator": {"type": "page_number", "base_page": 1, "page_param": "page", "total_path": "total_pages"},
            "params": {"per_page": 100},
            "data_selector": "data"
        })
    );
    assert_eq!(posts["primary_key"], "id");
    assert_eq!(
        resource(&v, "comments")["endpoint"]["path"],
        "posts/{resources.posts.id}/comments"
    );
    assert_eq!(
        resource(&v, "users_posts")["endpoint"]["path"],
        "users/{resources.users.id}/posts"
    );
    assert_eq!(
        resource(&v, "auth_bearer_posts")["endpoint"]["auth"],
        json!({"type": "bearer", "token": "{secrets.token}"})
    );
    assert!(
        v["client"].get("auth").is_none(),
        "no global security: only that operation has auth"
    );
    let text: Vec<String> = guesses.iter().map(ToString::to_string).collect();
    assert!(
        text.iter().any(|g| g.contains("GET /posts/{id} skipped")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|g| g
                .contains("query parameter 'page' (pages from 1), response field 'total_pages'")),
        "{text:?}"
    );
}

#[test]
fn swagger_2_is_refused_with_a_way_out() {
    let err = import_openapi(&json!({"swagger": "2.0", "paths": {}})).unwrap_err();
    assert!(err.to_string().contains("swagger2openapi"), "{err}");
}

#[test]
fn endpoints_carry_their_guesses_with_a_confidence() {
    let i = import_openapi_endpoints(&spec("mock-blog.yaml")).unwrap();
    let names: Vec<&str> = i.endpoints.iter().map(|e| e.resource.as_str()).collect();
    assert_eq!(
        names,
        names_of(&i.value),
        "one entry per resource, same order"
    );
    let by = |n: &str| i.endpoints.iter().find(|e| e.resource == n).unwrap();

    let posts = by("posts");
    assert_eq!(posts.operation, "GET /posts");
    assert_eq!(posts.paginator.value, "page_number");
    assert_eq!(
        posts.paginator.confidence,
        Confidence::High,
        "page param + total_pages"
    );
    assert_eq!(posts.data_selector.value, "data");
    assert_eq!(posts.data_selector.confidence, Confidence::High);
    assert_eq!(posts.primary_key.as_ref().unwrap().value, "id");
    assert!(posts.parent.is_none());

    // `{id}` is the parent's own field name: sure; `{userId}` only looks like `users.id`.
    let comments = by("comments").parent.clone().unwrap();
    assert_eq!(
        (comments.value.as_str(), comments.confidence),
        ("posts", Confidence::High)
    );
    let users_posts = by("users_posts").parent.clone().unwrap();
    assert_eq!(
        (users_posts.value.as_str(), users_posts.confidence),
        ("users", Confidence::Medium)
    );
    assert!(
        users_posts.evidence.contains("{userId}"),
        "{}",
        users_posts.evidence
    );
}

#[test]
fn an_endpoint_without_paging_hints_is_auto_with_low_confidence() {
    let doc = json!({"openapi": "3.0.0", "servers": [{"url": "https://x/"}], "paths": {"/things": {"get": {
        "responses": {"200": {"content": {"application/json": {"schema": {"type": "object", "properties": {
            "stuff": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}}
        }}}}}}
    }}}});
    let i = import_openapi_endpoints(&doc).unwrap();
    let e = &i.endpoints[0];
    assert_eq!(
        (e.paginator.value.as_str(), e.paginator.confidence),
        ("auto", Confidence::Low)
    );
    // The only array, but not a records-like name.
    assert_eq!(
        (e.data_selector.value.as_str(), e.data_selector.confidence),
        ("stuff", Confidence::Medium)
    );
    assert!(e.primary_key.is_none());
}

fn names_of(v: &Value) -> Vec<&str> {
    names(v)
}
