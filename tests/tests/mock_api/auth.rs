//! Auth routes accept the configured credentials and reject others.

use std::time::Duration;

use serde_json::json;

use super::{client, get, opts, JsonBody};
use pipewright_tests::support::{AuthScheme, Credentials, MockApi, MockOptions};

#[test]
fn auth_schemes_accept_and_reject() {
    let api = MockApi::start_blocking(opts(25));
    let c = client();
    let status = |rb: reqwest::blocking::RequestBuilder| rb.send().unwrap().status().as_u16();
    let url = |p: &str| api.url(p);
    assert_eq!(
        status(c.get(url("/auth/bearer/posts")).bearer_auth("test-token")),
        200
    );
    assert_eq!(
        status(c.get(url("/auth/bearer/posts")).bearer_auth("nope")),
        401
    );
    assert_eq!(status(c.get(url("/auth/bearer/posts"))), 401);
    assert_eq!(
        status(
            c.get(url("/auth/api_key/header/posts"))
                .header("x-api-key", "test-api-key")
        ),
        200
    );
    assert_eq!(
        status(
            c.get(url("/auth/api_key/header/posts"))
                .header("x-api-key", "bad")
        ),
        401
    );
    assert_eq!(
        status(c.get(url("/auth/api_key/query/posts?api_key=test-api-key&page=2"))),
        200
    );
    assert_eq!(
        status(c.get(url("/auth/api_key/query/posts?api_key=x"))),
        401
    );
    assert_eq!(
        status(
            c.get(url("/auth/api_key/cookie/posts"))
                .header("cookie", "a=1; api_key=test-api-key")
        ),
        200
    );
    assert_eq!(
        status(
            c.get(url("/auth/api_key/cookie/posts"))
                .header("cookie", "api_key=no")
        ),
        401
    );
    assert_eq!(
        status(
            c.get(url("/auth/basic/posts"))
                .basic_auth("user", Some("password"))
        ),
        200
    );
    assert_eq!(
        status(
            c.get(url("/auth/basic/posts"))
                .basic_auth("user", Some("wrong"))
        ),
        401
    );
    let denied = c.get(url("/auth/basic/posts")).send().unwrap();
    assert!(denied.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Basic"));
}

#[test]
fn oauth2_client_credentials_and_expiry() {
    let creds = Credentials {
        token_required_data: vec![("scope".into(), "read".into())],
        ..Credentials::default()
    };
    let api = MockApi::start_blocking(MockOptions {
        credentials: creds,
        ..opts(25)
    });
    let c = client();
    let token = |q: &str, form: &str| {
        let r = c
            .post(api.url(&format!("/oauth/token{q}")))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form.to_string())
            .send()
            .unwrap();
        (r.status().as_u16(), r.json_value())
    };
    let good = "grant_type=client_credentials&client_id=test-client-id&client_secret=test-client-secret&scope=read";
    let (s, body) = token("", good);
    assert_eq!(
        (s, body["expires_in"].clone(), body["scope"].clone()),
        (200, json!(3600), json!("read"))
    );
    let tok = body["access_token"].as_str().unwrap().to_string();
    let protected = |t: &str| {
        c.get(api.url("/auth/oauth2/posts"))
            .bearer_auth(t)
            .send()
            .unwrap()
            .status()
    };
    assert_eq!(protected(&tok), 200);
    assert_eq!(protected("forged"), 401);
    assert_eq!(token("", &good.replace("test-client-secret", "x")).0, 401);
    assert_eq!(
        token("", &good.replace("client_credentials", "password")).0,
        400
    );
    assert_eq!(token("", &good.replace("&scope=read", "")).0, 400);
    let (_, short) = token("?expires_in=1", good);
    let short = short["access_token"].as_str().unwrap().to_string();
    assert_eq!(protected(&short), 200);
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(protected(&short), 401);
    let (_, zero) = token("?expires_in=0", good);
    assert_eq!(protected(zero["access_token"].as_str().unwrap()), 401);
    assert_eq!(api.tokens_issued(), 3);
}

#[test]
fn require_auth_protects_every_data_route() {
    let api = MockApi::start_blocking(MockOptions {
        require_auth: Some(AuthScheme::Bearer),
        ..opts(25)
    });
    assert_eq!(get(&api.url("/json_link/posts")).status(), 401);
    let ok = client()
        .get(api.url("/json_link/posts"))
        .bearer_auth("test-token")
        .send()
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(get(&api.url("/echo")).status(), 200);
}
