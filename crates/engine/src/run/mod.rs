//! Running a source: building requests, paging through responses, and previews.

pub mod cursors;
pub mod events;
pub mod executor;
pub mod pages;
pub mod pipeline;
pub mod preview;
pub mod progress;
pub mod request;
pub mod schema_preview;
pub mod scrub;
pub mod writer;
