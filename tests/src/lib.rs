//! Shared test support: the mock API server and the comparison of two SQLite files.
pub mod compare;
pub mod support;
