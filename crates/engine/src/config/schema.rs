//! The JSON Schema of the configuration language, for editors and the UI.

use serde_json::Value;

use super::RestApiConfig;

/// The JSON Schema (draft 2020-12) of a source document, with a description on every field.
pub fn json_schema() -> Value {
    let schema = schemars::schema_for!(RestApiConfig);
    schema.to_value()
}
