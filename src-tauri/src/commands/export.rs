//! Export a source (a dlt project, or its JSON/YAML document) and import one (dlt configs,
//! Python scripts, curl commands, OpenAPI descriptions).

use std::path::Path;

use pipewright_engine::config::Document;
use pipewright_engine::export::{
    export as engine_export, plan as engine_plan, write, ExportOptions, ExportPlan, Target,
};
use pipewright_engine::import::{import as engine_import, EndpointGuess, ImportFrom};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::blocking;
use super::sources::{validation, ValidationResult};
use crate::error::IpcError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportTarget {
    Python,
    Json,
    Yaml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    Auto,
    Json,
    Yaml,
    Python,
    Curl,
    Openapi,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ImportResult {
    #[cfg_attr(test, ts(type = "Record<string, unknown>"))]
    pub document: Value,
    /// What the importer guessed, with evidence (`path: message`).
    pub notes: Vec<String>,
    /// Per resource: guessed paginator, selector, primary key and parent, each with a
    /// confidence (OpenAPI imports; empty for the others), for picking endpoints.
    pub endpoints: Vec<EndpointGuess>,
    pub validation: ValidationResult,
}

impl From<ExportTarget> for Target {
    fn from(t: ExportTarget) -> Target {
        match t {
            ExportTarget::Python => Target::Python,
            ExportTarget::Json => Target::Json,
            ExportTarget::Yaml => Target::Yaml,
        }
    }
}

fn file_name(source: &Path) -> &str {
    source
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("source.json")
}

/// What exporting `source` into `out_dir` would write, the leak lint's findings and any reason
/// it would be refused; nothing is written.
pub fn plan_export(
    source: &Path,
    to: ExportTarget,
    out_dir: &Path,
) -> Result<ExportPlan, IpcError> {
    let doc = Document::read(source)?;
    Ok(engine_plan(&doc, file_name(source), to.into(), out_dir))
}

/// Exports the source at `source` into `out_dir`; returns the files written, then the ones kept
/// (an existing `.dlt/secrets.toml` may hold filled-in values and is never overwritten).
/// Refuses invalid sources and literal secrets (`validation`, with the list in `details`).
pub fn export(source: &Path, to: ExportTarget, out_dir: &Path) -> Result<Vec<String>, IpcError> {
    let doc = Document::read(source)?;
    let exported = engine_export(&doc, file_name(source), to.into(), ExportOptions::default())?;
    let source_path = std::fs::canonicalize(source).ok();
    let clobbers = exported.files.iter().any(|f| {
        let target = std::fs::canonicalize(out_dir.join(&f.path)).ok();
        target.is_some() && target == source_path
    });
    if clobbers {
        return Err(IpcError::validation(format!(
            "exporting into {} would overwrite {}; choose another folder",
            out_dir.display(),
            source.display()
        )));
    }
    let written = write(&exported, out_dir)?;
    let files = written.written.len();
    tracing::info!(source = %source.display(), out = %out_dir.display(), files, "exported");
    Ok(written
        .written
        .iter()
        .chain(written.kept.iter())
        .map(|p| p.display().to_string())
        .collect())
}

/// Imports `text`; the result is validated and lists every guess. Nothing is written.
pub fn import(text: &str, from: ImportFormat) -> Result<ImportResult, IpcError> {
    let from = match from {
        ImportFormat::Auto => ImportFrom::Auto,
        ImportFormat::Json => ImportFrom::Json,
        ImportFormat::Yaml => ImportFrom::Yaml,
        ImportFormat::Python => ImportFrom::Python,
        ImportFormat::Curl => ImportFrom::Curl,
        ImportFormat::Openapi => ImportFrom::Openapi,
    };
    let imported = engine_import(text, from, None)?;
    let validation = validation(&imported.value);
    Ok(ImportResult {
        notes: imported.guesses.iter().map(|g| g.to_string()).collect(),
        endpoints: imported.endpoints,
        document: imported.value,
        validation,
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_source(
    source_path: String,
    to: ExportTarget,
    out_dir: String,
) -> Result<Vec<String>, IpcError> {
    blocking(move || export(Path::new(&source_path), to, Path::new(&out_dir))).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_plan(
    source_path: String,
    to: ExportTarget,
    out_dir: String,
) -> Result<ExportPlan, IpcError> {
    blocking(move || plan_export(Path::new(&source_path), to, Path::new(&out_dir))).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_source(text: String, from: ImportFormat) -> Result<ImportResult, IpcError> {
    blocking(move || import(&text, from)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r#"{"client": {"base_url": "https://api.example.com/",
        "auth": {"type": "bearer", "token": "{secrets.api_token}"}},
        "resources": ["posts"]}"#;

    #[test]
    fn exports_a_dlt_project_and_documents() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("blog.json");
        std::fs::write(&src, SOURCE).unwrap();
        let out = dir.path().join("out");
        let files = export(&src, ExportTarget::Python, &out).unwrap();
        assert!(
            files.iter().any(|f| f.ends_with("blog_pipeline.py")),
            "{files:?}"
        );
        assert!(
            files.iter().any(|f| f.ends_with("secrets.toml")),
            "{files:?}"
        );
        assert!(out.join("blog_pipeline.py").is_file());

        let yaml = export(&src, ExportTarget::Yaml, &dir.path().join("y")).unwrap();
        assert_eq!(yaml.len(), 1);
        assert!(yaml[0].ends_with("blog.yaml"));
        // Exporting JSON into the source's own folder would overwrite it.
        let err = export(&src, ExportTarget::Json, dir.path()).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Validation);
    }

    #[test]
    fn refuses_literal_secrets_and_invalid_sources() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("leaky.json");
        std::fs::write(
            &src,
            r#"{"client": {"base_url": "https://x/", "auth": {"type": "bearer", "token": "ghp_literal123456"}}, "resources": ["a"]}"#,
        )
        .unwrap();
        let err = export(&src, ExportTarget::Python, &dir.path().join("o")).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Validation);
        assert!(!serde_json::to_string(&err)
            .unwrap()
            .contains("ghp_literal123456"));
        assert_eq!(err.details[0]["path"], "client.auth.token");

        std::fs::write(&src, r#"{"client": {}, "resources": []}"#).unwrap();
        let err = export(&src, ExportTarget::Json, &dir.path().join("o")).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Validation);
        assert!(err.details.as_array().is_some_and(|a| !a.is_empty()));
        let err = export(
            &dir.path().join("none.json"),
            ExportTarget::Json,
            dir.path(),
        )
        .unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::NotFound);
    }

    #[test]
    fn plans_an_export_without_writing_and_shows_leaks_masked() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("blog.json");
        std::fs::write(&src, SOURCE).unwrap();
        let out = dir.path().join("out");
        let plan = plan_export(&src, ExportTarget::Python, &out).unwrap();
        assert_eq!(plan.refused, None);
        assert!(plan
            .files
            .iter()
            .any(|f| f.path.ends_with("blog_pipeline.py")));
        assert!(!out.exists(), "a plan writes nothing");

        std::fs::write(
            &src,
            r#"{"client": {"base_url": "https://x/", "auth": {"type": "bearer", "token": "ghp_literal123456"}}, "resources": ["a"]}"#,
        )
        .unwrap();
        let plan = plan_export(&src, ExportTarget::Json, &out).unwrap();
        assert_eq!(plan.leaks[0].path, "client.auth.token");
        assert!(plan.refused.is_some());
        assert!(!serde_json::to_string(&plan)
            .unwrap()
            .contains("ghp_literal123456"));
        let err = plan_export(&dir.path().join("none.json"), ExportTarget::Json, &out).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::NotFound);
    }

    #[test]
    fn openapi_imports_list_their_endpoints_with_confidence() {
        let spec = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/openapi/mock-blog.yaml"),
        )
        .unwrap();
        let r = import(&spec, ImportFormat::Openapi).unwrap();
        let names: Vec<&str> = r.endpoints.iter().map(|e| e.resource.as_str()).collect();
        assert!(
            names.starts_with(&["posts", "users", "comments"]),
            "{names:?}"
        );
        let json = serde_json::to_value(&r.endpoints[0]).unwrap();
        assert_eq!(json["paginator"]["confidence"], "high", "{json}");
        assert_eq!(json["primary_key"]["value"], "id");
        let comments = r
            .endpoints
            .iter()
            .find(|e| e.resource == "comments")
            .unwrap();
        assert_eq!(comments.parent.as_ref().unwrap().value, "posts");
    }

    #[test]
    fn imports_curl_with_notes_and_validation() {
        let r = import(
            "curl -H 'Authorization: Bearer abc123token' 'https://api.example.com/v1/users?page=1'",
            ImportFormat::Auto,
        )
        .unwrap();
        assert!(r.document.get("client").is_some(), "{}", r.document);
        assert!(!r.notes.is_empty());
        assert!(r.validation.valid, "{:?}", r.validation.problems);

        let json = import(SOURCE, ImportFormat::Json).unwrap();
        assert_eq!(json.document["resources"][0], "posts");
        assert!(json.notes.is_empty());
        let err = import("{not json", ImportFormat::Json).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Validation);
    }
}
