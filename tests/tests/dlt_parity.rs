//! dlt parity: every valid fixture exported to a dlt project, compiled by Python and built by real
//! dlt (`rest_api_source` validates the config and builds every resource), and one export run
//! end to end against the mock API into SQLite.
//!
//! Needs the venv of `scripts/dlt-venv.sh` at `<repo>/.venv-dlt`; without it these tests fail
//! and say so, unless `PIPEWRIGHT_SKIP_DLT=1` (then they print a skip line and pass). The
//! `py_compile` check needs only a `python3`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

#[path = "dlt_parity/exports.rs"]
mod exports;
#[path = "dlt_parity/run.rs"]
mod run;
#[path = "dlt_parity/venv.rs"]
mod venv;
