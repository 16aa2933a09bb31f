//! Tests of `adopt.rs`: literal detection, adoption and format-keeping rewrites.

use super::*;
use serde_json::json;

fn doc(v: Value) -> Document {
    Document {
        value: v,
        format: Format::Json,
    }
}

#[test]
fn finds_literals_in_auth_headers_and_params() {
    let d = json!({
        "client": {"base_url": "https://x/", "auth": {"token": "tok-literal-1"},
                   "headers": {"Accept": "json", "X-API-Key": "k-123", "X-Trace": "{secrets.t}"}},
        "resource_defaults": {"endpoint": {"params": {"api_key": "pk-9", "page": "1"}}},
        "resources": [
            {"name": "a", "endpoint": {"auth": {"type": "http_basic", "username": "u", "password": "pw"}}},
            {"name": "b", "endpoint": {"auth": {"type": "api_key", "api_key": "{secrets.k}"},
                                       "headers": {"Authorization": "Bearer abc.def"}}},
            {"name": "c", "endpoint": {"auth": {"type": "oauth2_client_credentials",
                "access_token_url": "u", "client_id": "id", "client_secret": 1234}}},
            "plain"
        ]
    });
    let lits = literal_secrets(&d);
    let got: Vec<(&str, LiteralKind, &str, &str)> = lits
        .iter()
        .map(|l| {
            (
                l.path.as_str(),
                l.kind,
                l.suggested_name.as_str(),
                l.value.expose(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "client.auth.token",
                LiteralKind::Auth,
                "token",
                "tok-literal-1"
            ),
            (
                "client.headers.X-API-Key",
                LiteralKind::Header,
                "x_api_key",
                "k-123"
            ),
            (
                "resource_defaults.endpoint.params.api_key",
                LiteralKind::Param,
                "api_key",
                "pk-9"
            ),
            (
                "resources[0].endpoint.auth.password",
                LiteralKind::Auth,
                "password",
                "pw"
            ),
            (
                "resources[1].endpoint.headers.Authorization",
                LiteralKind::Header,
                "authorization",
                "abc.def"
            ),
            (
                "resources[2].endpoint.auth.client_secret",
                LiteralKind::Auth,
                "client_secret",
                "1234"
            ),
        ]
    );
    let w = literal_warnings(&d);
    assert_eq!(w.len(), 3);
    assert!(w.iter().all(|p| p.severity == Severity::Warning));
    assert!(!format!("{w:?}").contains("k-123"));
}

#[test]
fn adopt_rewrites_with_references_and_shares_equal_values() {
    let d = doc(json!({
        "client": {"base_url": "https://x/?key=tok-literal-1", "auth": {"type": "bearer", "token": "tok-literal-1"}},
        "resources": [
            {"name": "issues", "endpoint": {"path": "i", "auth": {"token": "other-token-2"},
             "headers": {"Authorization": "token tok-literal-1"}}},
            {"name": "pulls", "endpoint": {"path": "p", "auth": {"type": "bearer"}}}
        ]
    }));
    let a = adopt(&d);
    let v = &a.document.value;
    assert_eq!(v["client"]["auth"]["token"], "{secrets.token_2}");
    assert_eq!(
        v["resources"][0]["endpoint"]["auth"]["token"],
        "{secrets.issues_token}"
    );
    assert_eq!(
        v["resources"][0]["endpoint"]["headers"]["Authorization"],
        "token {secrets.token_2}"
    );
    assert_eq!(v["client"]["base_url"], "https://x/?key={secrets.token_2}");
    // The implicit `token` of `pulls` is left alone.
    assert_eq!(
        v["resources"][1]["endpoint"]["auth"],
        json!({"type": "bearer"})
    );
    let names: Vec<(&str, &str, usize)> = a
        .moved
        .iter()
        .map(|m| (m.name.as_str(), m.value.expose(), m.paths.len()))
        .collect();
    assert_eq!(
        names,
        [
            ("token_2", "tok-literal-1", 3),
            ("issues_token", "other-token-2", 1)
        ]
    );
    // Key order is unchanged.
    let keys: Vec<&String> = v["client"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["base_url", "auth"]);
    assert!(literal_secrets(v).is_empty());
    // Nothing to adopt: the same document.
    let again = adopt(&a.document);
    assert!(again.moved.is_empty());
    assert_eq!(again.document, a.document);
}

#[test]
fn rewrite_keeps_json_formatting() {
    let text = "{\n  \"client\": {\"base_url\": \"https://x/\",\n    \"auth\": {\"token\": \"abc-123-secret\"}},\n  \"resources\": [\"posts\"]\n}\n";
    let d = Document::parse(text, Format::Json).unwrap();
    let a = adopt(&d);
    let out = rewrite_text(text, &a).unwrap();
    assert_eq!(out, text.replace("abc-123-secret", "{secrets.token}"));
}

#[test]
fn rewrite_keeps_yaml_comments_for_every_quoting_style() {
    let text = "# my source\nclient:\n  base_url: https://x/  # the API\n  auth:\n    type: http_basic\n    username: me\n    password: pl4in-pass # inline\n  headers:\n    X-API-Key: 'single-quoted'\n    Authorization: \"Bearer dbl.quoted\"\nresources:\n  - posts\n";
    let d = Document::parse(text, Format::Yaml).unwrap();
    let a = adopt(&d);
    assert_eq!(a.moved.len(), 3);
    let out = rewrite_text(text, &a).unwrap();
    assert!(out.starts_with("# my source\n"), "{out}");
    assert!(
        out.contains("password: \"{secrets.password}\" # inline"),
        "{out}"
    );
    assert!(out.contains("X-API-Key: '{secrets.x_api_key}'"), "{out}");
    assert!(
        out.contains("Authorization: \"Bearer {secrets.authorization}\""),
        "{out}"
    );
    assert!(
        !out.contains("pl4in") && !out.contains("single-quoted") && !out.contains("dbl.quoted")
    );
    assert_eq!(
        Document::parse(&out, Format::Yaml).unwrap().value,
        a.document.value
    );
}

#[test]
fn rewrite_falls_back_to_serialising() {
    // A block scalar cannot be replaced in place: the document is written anew.
    let text = "client:\n  base_url: https://x/\n  auth:\n    token: >-\n      folded-secret-value\nresources: [posts]\n";
    let d = Document::parse(text, Format::Yaml).unwrap();
    let a = adopt(&d);
    let out = rewrite_text(text, &a).unwrap();
    assert!(!out.contains("folded-secret-value"), "{out}");
    assert_eq!(
        Document::parse(&out, Format::Yaml).unwrap().value,
        a.document.value
    );
}
