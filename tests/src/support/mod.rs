//! The mock API server used by Pipewright's end-to-end tests: a real HTTP server (axum on
//! tokio) on 127.0.0.1 with one route family per dlt paginator, auth routes, fault injection and
//! a request log. Routes are documented in `README.md` beside this file.
//!
//! ```no_run
//! use pipewright_tests::support::{MockApi, MockOptions};
//! let api = MockApi::start_blocking(MockOptions { posts: 30, ..MockOptions::default() });
//! let url = api.url("/json_link/posts?limit=10");
//! // ... run a source against `url`, then:
//! assert_eq!(api.hits("/json_link/posts"), 3);
//! ```

pub mod auth;
pub mod chaos;
pub mod data;
pub mod faults;
mod inject;
pub mod log;
pub mod options;
pub mod paging;
pub mod params;
pub mod render;
mod routes;
mod server;
pub mod state;
pub mod time;

pub use chaos::{Chaos, ChaosKind};
pub use faults::{Failure, FaultSpec, ResetMode, RetryAfter};
pub use log::RecordedRequest;
pub use options::{AuthScheme, Credentials, FaultRule, MockOptions};
pub use routes::hostile;
pub use routes::NEXT_PAGE_TOKEN;
pub use server::MockApi;

#[cfg(test)]
mod snapshot_tests;
