use serde_json::json;

use super::*;

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
