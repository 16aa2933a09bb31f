//! Export: a source as a dlt project (what `dlt init rest_api` lays out, with the source's config
//! in the pipeline script), or as its JSON/YAML document.
//!
//! Secret references become `dlt.secrets["NAME"]` lookups and an empty `.dlt/secrets.toml`; a
//! leak lint refuses sources with literal secrets unless told otherwise.

pub mod lint;
pub mod plan;
pub mod project;
pub mod pyexpr;
pub mod script;
pub mod translate;

use std::path::{Path, PathBuf};

use crate::config::validate::{is_valid, validate, Problem, Severity};
use crate::config::{Document, Format};

pub use lint::{find_leaks, Leak};
pub use plan::{plan, ExportPlan, PlannedFile};

/// What to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A dlt project: pipeline script, `.dlt/` files, requirements, README.
    Python,
    /// The source document as JSON.
    Json,
    /// The source document as YAML.
    Yaml,
}

/// Export options.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportOptions {
    /// Export even when the source has literal secrets (they are copied as they are).
    pub allow_literal_secrets: bool,
}

/// One file of an export, relative to the output directory.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportedFile {
    /// Relative path, e.g. `.dlt/secrets.toml`.
    pub path: PathBuf,
    /// Contents.
    pub contents: String,
}

/// The result of an export, not yet written.
#[derive(Debug, Clone)]
pub struct Export {
    /// The files.
    pub files: Vec<ExportedFile>,
    /// The Python name of the source (script `<name>_pipeline.py`), for the Python target.
    pub name: String,
    /// dlt key paths of every secret the pipeline reads (Python target).
    pub secret_keys: Vec<String>,
    /// What was changed to fit dlt, for the user to read.
    pub notes: Vec<String>,
    /// Literal secrets that were exported because `allow_literal_secrets` was set.
    pub leaks: Vec<Leak>,
}

/// Why an export was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The source is invalid; every error is listed.
    #[error("the source is invalid ({} problem(s)); run `pipewright validate`", .0.len())]
    Invalid(Vec<Problem>),
    /// The source holds literal secrets.
    #[error("the source holds {} literal secret(s); use {{secrets.NAME}} references (or --allow-literal-secrets)", .0.len())]
    LiteralSecrets(Vec<Leak>),
    /// Parts of the source have no dlt equivalent.
    #[error("cannot export: {}", .0.join("; "))]
    Unsupported(Vec<String>),
    /// Writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Serialising the document failed.
    #[error("{0}")]
    Internal(String),
}

/// Exports a source. `file_name` is the document's file name (it names the source and the files).
pub fn export(
    doc: &Document,
    file_name: &str,
    target: Target,
    opts: ExportOptions,
) -> Result<Export, ExportError> {
    let problems = validate(&doc.value);
    if !is_valid(&problems) {
        return Err(ExportError::Invalid(
            problems
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .collect(),
        ));
    }
    let leaks = find_leaks(&doc.value);
    if !leaks.is_empty() && !opts.allow_literal_secrets {
        return Err(ExportError::LiteralSecrets(leaks));
    }
    let stem = Path::new(file_name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("source");
    match target {
        Target::Json | Target::Yaml => {
            let (format, ext) = match target {
                Target::Yaml => (Format::Yaml, "yaml"),
                _ => (Format::Json, "json"),
            };
            let out = Document {
                value: doc.value.clone(),
                format,
            };
            let text = out
                .to_text()
                .map_err(|e| ExportError::Internal(e.to_string()))?;
            Ok(Export {
                files: vec![ExportedFile {
                    path: PathBuf::from(format!("{stem}.{ext}")),
                    contents: text,
                }],
                name: stem.to_string(),
                secret_keys: vec![],
                notes: vec![],
                leaks,
            })
        }
        Target::Python => python(doc, file_name, stem, leaks),
    }
}

fn python(
    doc: &Document,
    file_name: &str,
    stem: &str,
    leaks: Vec<Leak>,
) -> Result<Export, ExportError> {
    let name = pyexpr::identifier(stem, "source");
    let t = translate::translate(&doc.value, &format!("{name}_source"));
    if !t.unsupported.is_empty() {
        return Err(ExportError::Unsupported(t.unsupported));
    }
    let secret_keys = script::secret_keys(&name, &t);
    let file = |path: &str, contents: String| ExportedFile {
        path: PathBuf::from(path),
        contents,
    };
    let files = vec![
        file(
            &format!("{name}_pipeline.py"),
            script::script(&name, file_name, &t),
        ),
        file(".dlt/config.toml", project::config_toml()),
        file(
            ".dlt/secrets.toml",
            project::secrets_toml(&name, &t.secrets, &t.credentials),
        ),
        file(
            "requirements.txt",
            project::requirements(t.uses_jq || t.uses_actions),
        ),
        file(
            "README.md",
            project::readme(&name, file_name, &secret_keys, &t.notes),
        ),
        file(".gitignore", project::gitignore()),
    ];
    Ok(Export {
        files,
        name,
        secret_keys,
        notes: t.notes,
        leaks,
    })
}

/// What `write` did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Existing files left alone: a `.dlt/secrets.toml` may hold values filled in since.
    pub kept: Vec<PathBuf>,
}

/// Writes an export into `dir` (created if needed). An existing `.dlt/secrets.toml` is kept.
pub fn write(export: &Export, dir: &Path) -> Result<Written, ExportError> {
    let mut out = Written::default();
    for f in &export.files {
        let path = dir.join(&f.path);
        if f.path == Path::new(".dlt/secrets.toml") && path.exists() {
            out.kept.push(path);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| ExportError::Io {
                path: parent.display().to_string(),
                source,
            })?;
        }
        std::fs::write(&path, &f.contents).map_err(|source| ExportError::Io {
            path: path.display().to_string(),
            source,
        })?;
        out.written.push(path);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
