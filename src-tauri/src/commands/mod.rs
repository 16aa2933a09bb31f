//! One module per area (app, sources, preview, runs, data, secrets, export).

pub mod app;
