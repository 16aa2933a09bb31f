//! `bearer`: `Authorization: Bearer <token>`.

use crate::http::request::RequestSpec;
use crate::secrets::Sensitive;

/// Sets the bearer header.
pub fn apply(token: &Sensitive, req: &mut RequestSpec) {
    req.set_header("Authorization", format!("Bearer {}", token.expose()));
}
