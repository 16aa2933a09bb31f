//! Extraction against the mock API: every paginator and stop rule, auto-detection, selection,
//! auth, retries and response actions, through the engine's preview (the real request chain).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

#[path = "extract/auth.rs"]
mod auth;
#[path = "extract/detection.rs"]
mod detection;
#[path = "extract/faults.rs"]
mod faults;
#[path = "extract/paginators.rs"]
mod paginators;
#[path = "extract/preview_children.rs"]
mod preview_children;

use std::time::Duration;

use pipewright_engine::http::retry::HttpSettings;
use pipewright_engine::paginate::StopReason;
use pipewright_engine::run::preview::{preview, PreviewLimits, PreviewTrace};
use pipewright_engine::secrets::{MemoryStore, Stores};
use pipewright_engine::Error;
use pipewright_tests::support::{MockApi, MockOptions};
use serde_json::{json, Value};

/// A server with 25 posts, 10 per page.
pub(crate) fn api() -> MockApi {
    MockApi::start_blocking(MockOptions {
        posts: 25,
        ..MockOptions::default()
    })
}

/// Fast retries so fault tests take milliseconds: same attempts as dlt, tiny waits.
pub(crate) fn settings() -> HttpSettings {
    HttpSettings {
        backoff_factor: 0.01,
        max_retry_delay: Duration::from_millis(200),
        timeout: Duration::from_secs(5),
        ..HttpSettings::default()
    }
}

pub(crate) fn stores() -> Stores {
    Stores::new(
        "mock",
        vec![Box::new(MemoryStore::from([
            ("bearer", "test-token"),
            ("api_key", "test-api-key"),
            ("password", "password"),
            ("client_secret", "test-client-secret"),
            ("wrong", "nope"),
        ]))],
    )
}

/// A one-resource source on the mock API.
pub(crate) fn source(api: &MockApi, resource: Value) -> Value {
    json!({"client": {"base_url": api.base_url()}, "resources": [resource]})
}

pub(crate) fn try_run(doc: &Value, resource: &str) -> Result<PreviewTrace, Error> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let limits = PreviewLimits {
        pages: 50,
        records: 100_000,
        parents: 1,
    };
    rt.block_on(preview(
        doc,
        "mock",
        resource,
        limits,
        &stores(),
        settings(),
    ))
}

/// Runs a preview that must succeed.
pub(crate) fn run(doc: &Value, resource: &str) -> PreviewTrace {
    let t = try_run(doc, resource).unwrap();
    assert!(t.error.is_none(), "preview failed: {:?}", t.error);
    t
}

pub(crate) fn ids(t: &PreviewTrace) -> Vec<u64> {
    t.records
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect()
}

pub(crate) fn all_posts(n: u64) -> Vec<u64> {
    (1..=n).collect()
}

pub(crate) fn assert_pages(t: &PreviewTrace, pages: usize, stop: StopReason) {
    assert_eq!(
        t.pages.len(),
        pages,
        "pages: {:#?}",
        t.pages.iter().map(|p| &p.request.url).collect::<Vec<_>>()
    );
    assert_eq!(t.stop, Some(stop));
}
