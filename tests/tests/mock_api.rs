//! The mock API server behaves as its README says: every paginator terminates on the right
//! pages, auth accepts and rejects, faults fire as described, data is deterministic.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

#[path = "mock_api/auth.rs"]
mod auth;
#[path = "mock_api/data.rs"]
mod data;
#[path = "mock_api/faults.rs"]
mod faults;
#[path = "mock_api/pagination.rs"]
mod pagination;
#[path = "mock_api/server.rs"]
mod server;

use std::time::Duration;

use pipewright_tests::support::MockOptions;
use reqwest::blocking::{Client, Response};
use serde_json::Value;

pub(crate) fn opts(posts: u64) -> MockOptions {
    MockOptions {
        posts,
        ..MockOptions::default()
    }
}

pub(crate) fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

pub(crate) fn get(url: &str) -> Response {
    client().get(url).send().unwrap()
}

pub(crate) fn get_json(url: &str) -> Value {
    let r = get(url);
    assert_eq!(r.status(), 200, "GET {url}");
    r.json_value()
}

pub(crate) trait JsonBody {
    fn json_value(self) -> Value;
}

impl JsonBody for Response {
    fn json_value(self) -> Value {
        serde_json::from_str(&self.text().unwrap()).unwrap()
    }
}

pub(crate) fn ids(records: &Value) -> Vec<u64> {
    records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect()
}

pub(crate) fn range(a: u64, b: u64) -> Vec<u64> {
    (a..=b).collect()
}
