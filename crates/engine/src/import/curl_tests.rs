use serde_json::json;

use super::*;

fn curl(cmd: &str) -> (Value, Vec<String>) {
    let (v, g) = import_curl(cmd).unwrap();
    (v, g.iter().map(ToString::to_string).collect())
}

#[test]
fn get_with_bearer_variable_and_page_params() {
    let (v, guesses) = curl(
        r#"curl -sS 'https://api.github.com/repos/dlt-hub/dlt/issues?state=open&per_page=100&page=1' \
  -H 'Accept: application/vnd.github+json' \
  -H "Authorization: Bearer $GITHUB_TOKEN" -H 'User-Agent: me'"#,
    );
    assert_eq!(
        v,
        json!({
            "client": {
                "base_url": "https://api.github.com/",
                "headers": {"Accept": "application/vnd.github+json"},
                "auth": {"type": "bearer", "token": "{secrets.github_token}"}
            },
            "resources": [{"name": "issues", "endpoint": {
                "path": "repos/dlt-hub/dlt/issues",
                "paginator": {"type": "page_number", "base_page": 1, "page_param": "page", "total_path": null},
                "params": {"state": "open", "per_page": "100"}
            }}]
        })
    );
    assert!(
        guesses
            .iter()
            .any(|g| g.contains("$GITHUB_TOKEN → {secrets.github_token}")),
        "{guesses:?}"
    );
    assert!(
        guesses.iter().any(|g| g.contains("'User-Agent' left out")),
        "{guesses:?}"
    );
}

#[test]
fn post_json_basic_auth_and_literal_secrets_dropped() {
    let (v, guesses) = curl(
        r#"curl -X POST https://user:hunter2@api.example.com/api/v2/search --json '{"query": "x", "client_secret": "abc"}' -H 'X-Api-Key: k123'"#,
    );
    assert_eq!(v["client"]["base_url"], "https://api.example.com/api/v2/");
    assert_eq!(
        v["client"]["auth"],
        json!({"type": "http_basic", "username": "user", "password": "{secrets.password}"})
    );
    assert_eq!(v["client"]["headers"]["X-Api-Key"], "{secrets.x_api_key}");
    let ep = &v["resources"][0]["endpoint"];
    assert_eq!(ep["method"], "POST");
    assert_eq!(
        ep["json"],
        json!({"query": "x", "client_secret": "{secrets.client_secret}"})
    );
    assert!(
        !v.to_string().contains("hunter2")
            && !v.to_string().contains("k123")
            && !v.to_string().contains("abc")
    );
    assert!(
        guesses.iter().any(|g| g.contains("not kept")),
        "{guesses:?}"
    );
}

#[test]
fn form_data_query_key_offset_and_errors() {
    let (v, _) =
        curl("curl 'https://x.io/v1/items?api_key=zzz&offset=0&limit=50' -d 'a=1&b=two%20words'");
    assert_eq!(
        v["client"]["auth"],
        json!({"type": "api_key", "name": "api_key", "api_key": "{secrets.api_key}", "location": "query"})
    );
    let ep = &v["resources"][0]["endpoint"];
    assert_eq!(ep["data"], json!({"a": "1", "b": "two words"}));
    assert_eq!(ep["paginator"]["type"], "offset");
    assert_eq!(ep["paginator"]["limit"], 50);
    assert!(ep.get("params").is_none(), "{ep}");
    assert!(matches!(
        import_curl("curl -X DELETE https://x.io/a"),
        Err(ImportError::Unsupported(_))
    ));
    assert!(matches!(
        import_curl("curl -s"),
        Err(ImportError::NoConfig(_))
    ));
    let (v, _) = curl("curl -G https://x.io/users/42/posts -d q=a");
    assert_eq!(v["resources"][0]["name"], "posts");
    assert_eq!(v["resources"][0]["endpoint"]["params"], json!({"q": "a"}));
}
