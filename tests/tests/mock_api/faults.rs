//! Every fault behaves as the README describes.

use std::time::{Duration, Instant, SystemTime};

use pipewright_tests::support::{Chaos, ChaosKind, FaultRule, FaultSpec, MockApi, MockOptions};
use reqwest::blocking::Client;
use serde_json::json;

use super::{client, get, get_json, ids, opts, range, JsonBody};

fn status(api: &MockApi, q: &str) -> u16 {
    get(&api.url(q)).status().as_u16()
}

#[test]
fn status_faults_and_retry_after_forms() {
    let api = MockApi::start_blocking(opts(25));
    let r = get(&api.url("/posts?fail=429&retry_after=2"));
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers()["retry-after"].to_str().unwrap()
        ),
        (429, "2")
    );
    let r = get(&api.url("/posts?fail=429&retry_after_date=30"));
    let when = httpdate::parse_http_date(r.headers()["retry-after"].to_str().unwrap()).unwrap();
    let secs = when.duration_since(SystemTime::now()).unwrap().as_secs();
    assert!((28..=30).contains(&secs), "{secs}");
    let r = get(&api.url("/posts?fail=503"));
    assert_eq!(r.status(), 503);
    assert!(r.headers().get("retry-after").is_none());
    assert_eq!(
        r.json_value(),
        json!({"error": "injected failure", "status": 503})
    );
    assert_eq!(status(&api, "/posts?fail=abc"), 400);
}

#[test]
fn fail_first_k_then_succeed_per_url() {
    let api = MockApi::start_blocking(opts(25));
    let seq: Vec<u16> = (0..4)
        .map(|_| status(&api, "/json_link/posts?fail_first=2&limit=10"))
        .collect();
    assert_eq!(seq, vec![503, 503, 200, 200]);
    let next = get_json(&api.url("/json_link/posts?fail_first=2&limit=10"))["next"].clone();
    let next = next.as_str().unwrap();
    assert!(next.contains("fail_first=2"));
    let seq: Vec<u16> = (0..3).map(|_| get(next).status().as_u16()).collect();
    assert_eq!(seq, vec![503, 503, 200]);
    let seq: Vec<u16> = (0..2)
        .map(|_| status(&api, "/posts?fail_first=1&fail=429"))
        .collect();
    assert_eq!(seq, vec![429, 200]);
    let faults: Vec<_> = api.requests().iter().map(|r| r.fault.clone()).collect();
    assert_eq!(faults[0].as_deref(), Some("fail:503"));
    assert_eq!(faults[2], None);
}

#[test]
fn delay_and_client_timeout() {
    let api = MockApi::start_blocking(opts(25));
    let t = Instant::now();
    assert_eq!(status(&api, "/posts?delay_ms=300"), 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    let impatient = Client::builder()
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let err = impatient
        .get(api.url("/posts?delay_ms=1000"))
        .send()
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
}

#[test]
fn connection_resets() {
    let api = MockApi::start_blocking(opts(25));
    for mode in ["1", "mid", "before"] {
        let outcome = client()
            .get(api.url(&format!("/posts?reset={mode}")))
            .send()
            .and_then(|r| r.text());
        assert!(outcome.is_err(), "reset={mode} gave {outcome:?}");
    }
    let mid = client().get(api.url("/posts?reset=mid")).send().unwrap();
    assert_eq!(mid.status(), 200, "headers arrive before the reset");
    assert!(mid.text().is_err());
    assert_eq!(api.requests()[0].fault.as_deref(), Some("reset"));
    assert_eq!(status(&api, "/posts"), 200, "the server survives");
}

#[test]
fn malformed_html_and_soft_errors() {
    let api = MockApi::start_blocking(opts(25));
    let r = get(&api.url("/posts?malformed=1"));
    assert_eq!(
        (
            r.status().as_u16(),
            r.headers()["content-type"].to_str().unwrap()
        ),
        (200, "application/json")
    );
    assert!(serde_json::from_str::<serde_json::Value>(&r.text().unwrap()).is_err());
    for code in [200u16, 500] {
        let r = get(&api.url(&format!("/posts?html={code}")));
        assert_eq!(r.status().as_u16(), code);
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert!(r.text().unwrap().starts_with("<!DOCTYPE html>"));
    }
    let r = get(&api.url("/posts?soft_error=1"));
    assert_eq!(r.status(), 200);
    assert_eq!(r.json_value()["status"], "error");
}

#[test]
fn endless_next_links() {
    let api = MockApi::start_blocking(opts(25));
    let same = api.url("/json_link/posts?limit=10&endless=same&page=3");
    assert_eq!(get_json(&same)["next"], same.as_str());
    let far = get_json(&api.url("/json_link/posts?limit=10&endless=increasing&page=30"));
    assert_eq!(ids(&far["data"]), range(291, 300));
    assert!(far["next"].as_str().unwrap().ends_with("page=31"));
    let link = get(&api.url("/header_link/posts?limit=10&page=3&endless=same"));
    assert!(link.headers()["link"]
        .to_str()
        .unwrap()
        .contains("page=3&endless=same>; rel=\"next\""));
    let cur = get_json(&api.url("/cursor/posts?limit=10&endless=increasing&cursor=c5eedf00dcaf4"));
    assert!(cur["cursors"]["next"].is_string());
    assert!(get(&api.url("/header_cursor/posts?limit=10&endless=same"))
        .headers()
        .contains_key("nextpagetoken"));
    assert_eq!(status(&api, "/json_link/posts?endless=forever"), 400);
}

fn chaos_statuses(seed: u64) -> Vec<String> {
    let api = MockApi::start_blocking(opts(25));
    (1..=60)
        .map(|page| {
            let q = format!(
                "/posts?page={}&chaos_seed={seed}&chaos_rate=0.3&chaos_kinds=429,503,reset",
                page % 3 + 1
            );
            match client()
                .get(api.url(&q))
                .send()
                .and_then(|r| r.error_for_status())
                .and_then(|r| r.text())
            {
                Ok(_) => "ok".to_string(),
                Err(e) => e
                    .status()
                    .map_or("reset".to_string(), |s| s.as_u16().to_string()),
            }
        })
        .collect()
}

#[test]
fn chaos_is_deterministic_per_seed_and_bounded() {
    let a = chaos_statuses(7);
    assert_eq!(a, chaos_statuses(7));
    assert_ne!(a, chaos_statuses(8));
    let faults = a.iter().filter(|s| *s != "ok").count();
    assert!((8..=30).contains(&faults), "{faults} faults: {a:?}");
    for kind in ["429", "503", "reset"] {
        assert!(a.iter().any(|s| s == kind), "{kind} never drawn: {a:?}");
    }
    // At most two faults in a row for one URL: a third attempt always succeeds.
    let api = MockApi::start_blocking(opts(25));
    for page in 1..=20 {
        let q = api.url(&format!(
            "/posts?page={page}&chaos_seed=3&chaos_rate=1&chaos_kinds=503"
        ));
        let seq: Vec<u16> = (0..3).map(|_| get(&q).status().as_u16()).collect();
        assert_eq!(seq, vec![503, 503, 200]);
    }
}

#[test]
fn chaos_timeout_delays() {
    let api = MockApi::start_blocking(opts(25));
    let t = Instant::now();
    let q = "/posts?chaos_seed=1&chaos_rate=1&chaos_kinds=timeout&chaos_timeout_ms=300&chaos_max_consecutive=1";
    assert_eq!(status(&api, q), 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(api.requests()[0].fault.as_deref(), Some("chaos:timeout"));
    let t = Instant::now();
    assert_eq!(status(&api, q), 200);
    assert!(t.elapsed() < Duration::from_millis(300));
}

#[test]
fn rules_from_options_target_one_page() {
    let rule = FaultRule {
        query_contains: Some("page=2".into()),
        ..FaultRule::new(
            "/json_link/*",
            FaultSpec {
                status: Some(500),
                ..FaultSpec::default()
            },
        )
    };
    let api = MockApi::start_blocking(MockOptions {
        faults: vec![rule],
        ..opts(25)
    });
    assert_eq!(status(&api, "/json_link/posts?page=1"), 200);
    assert_eq!(status(&api, "/json_link/posts?page=2"), 500);
    assert_eq!(status(&api, "/json_link/relative/posts?page=2"), 500);
    assert_eq!(status(&api, "/posts?page=2"), 200);
    api.set_fault_rules(vec![]);
    assert_eq!(status(&api, "/json_link/posts?page=2"), 200);
    let chaos = Chaos {
        kinds: vec![ChaosKind::Unavailable],
        ..Chaos::new(5, 1.0)
    };
    let global = FaultSpec {
        chaos: Some(chaos),
        ..FaultSpec::default()
    };
    let chaotic = MockApi::start_blocking(MockOptions {
        global_fault: Some(global),
        ..opts(25)
    });
    let first = client()
        .get(chaotic.url("/offset/posts"))
        .send()
        .and_then(|r| r.error_for_status());
    assert!(first.is_err());
}
