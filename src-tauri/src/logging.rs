//! The only place a tracing subscriber is installed (libraries never install one).

use tracing_subscriber::EnvFilter;

/// Log filter variable, e.g. `PIPEWRIGHT_LOG=pipewright_engine=debug`.
const FILTER_ENV: &str = "PIPEWRIGHT_LOG";

pub fn init() {
    let filter = EnvFilter::try_from_env(FILTER_ENV).unwrap_or_else(|_| EnvFilter::new("info"));
    // try_init: a subscriber that is already set (e.g. by a test harness) is not an error.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
