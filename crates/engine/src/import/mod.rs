//! Import: sources from dlt configs (JSON, YAML, Python), curl commands and OpenAPI 3.
