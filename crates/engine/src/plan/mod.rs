//! From a validated config to a runnable plan: placeholders, the resource graph.

pub mod expand;
pub mod graph;
pub mod source;
pub mod summary;
pub mod template;
