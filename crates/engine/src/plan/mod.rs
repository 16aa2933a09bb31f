//! From a validated config to a runnable plan: placeholders, the resource graph.

pub mod graph;
pub mod summary;
pub mod template;
