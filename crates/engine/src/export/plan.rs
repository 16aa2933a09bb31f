//! What an export would do, without doing it: the leak lint, the problems that would refuse it,
//! and the files it would write (or keep). The desktop app shows this before anything touches the
//! disk, so a literal secret is seen before it could be copied into a shareable file.

use std::path::Path;

use serde::Serialize;

use super::{export, ExportError, ExportOptions, Leak, Target};
use crate::config::validate::Problem;
use crate::config::Document;

/// One file the export would produce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlannedFile {
    /// Where, as `out_dir` joined with the export's relative path.
    pub path: String,
    /// Its size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// A file of that name is there already and would be replaced.
    pub overwrites: bool,
    /// An existing `.dlt/secrets.toml`, which is never overwritten (it may hold values).
    pub kept: bool,
}

/// The outcome of an export, computed without writing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportPlan {
    /// The files, in the order `write` writes them; empty when the export is refused for
    /// anything but literal secrets.
    pub files: Vec<PlannedFile>,
    /// The leak lint: literal secrets, masked. Any leak refuses the export.
    pub leaks: Vec<Leak>,
    /// Validation errors that refuse the export.
    pub problems: Vec<Problem>,
    /// What was changed to fit dlt (Python target), for the user to read.
    pub notes: Vec<String>,
    /// Why the export would be refused; `None` when `write` would go ahead.
    pub refused: Option<String>,
}

/// Plans exporting `doc` (read from a file named `file_name`) into `out_dir`.
pub fn plan(doc: &Document, file_name: &str, target: Target, out_dir: &Path) -> ExportPlan {
    let mut out = ExportPlan {
        files: vec![],
        leaks: vec![],
        problems: vec![],
        notes: vec![],
        refused: None,
    };
    // With literal secrets allowed the file list is still computed, so the user sees both what
    // would be written and why it will not be until the secrets become references.
    let opts = ExportOptions {
        allow_literal_secrets: true,
    };
    match export(doc, file_name, target, opts) {
        Ok(e) => {
            out.files = e
                .files
                .iter()
                .map(|f| {
                    let path = out_dir.join(&f.path);
                    let exists = path.exists();
                    let kept = exists && f.path == Path::new(".dlt/secrets.toml");
                    PlannedFile {
                        path: path.display().to_string(),
                        bytes: f.contents.len() as u64,
                        overwrites: exists && !kept,
                        kept,
                    }
                })
                .collect();
            out.notes = e.notes;
            if !e.leaks.is_empty() {
                out.refused = Some(
                    ExportError::LiteralSecrets(e.leaks.clone())
                        .to_string()
                        .replace(" (or --allow-literal-secrets)", ""),
                );
            }
            out.leaks = e.leaks;
        }
        Err(err) => {
            out.refused = Some(err.to_string());
            if let ExportError::Invalid(problems) = err {
                out.problems = problems;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::config::Format;

    fn doc(v: serde_json::Value) -> Document {
        Document {
            value: v,
            format: Format::Json,
        }
    }

    #[test]
    fn lists_the_files_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join(".dlt")).unwrap();
        std::fs::write(out.join(".dlt/secrets.toml"), "token = \"filled in\"").unwrap();
        std::fs::write(out.join("requirements.txt"), "old").unwrap();
        let d = doc(
            json!({"client": {"base_url": "https://x/", "auth": {"type": "bearer", "token": "{secrets.tok}"}}, "resources": ["a"]}),
        );
        let p = plan(&d, "blog.json", Target::Python, &out);
        assert_eq!(p.refused, None);
        assert!(p.leaks.is_empty());
        let names: Vec<String> = p
            .files
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(&format!("{}/", out.display()))
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(
            names,
            [
                "blog_pipeline.py",
                ".dlt/config.toml",
                ".dlt/secrets.toml",
                "requirements.txt",
                "README.md",
                ".gitignore"
            ]
        );
        let secrets = &p.files[2];
        assert!(secrets.kept && !secrets.overwrites);
        assert!(p.files[3].overwrites && !p.files[3].kept);
        assert!(p.files[0].bytes > 0 && !p.files[0].overwrites);
        // Nothing was written: the pipeline script is not there, the old file is unchanged.
        assert!(!out.join("blog_pipeline.py").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("requirements.txt")).unwrap(),
            "old"
        );
    }

    #[test]
    fn shows_leaks_masked_and_refuses() {
        let dir = tempfile::tempdir().unwrap();
        let d = doc(
            json!({"client": {"base_url": "https://x/", "auth": {"type": "bearer", "token": "ghp_literal123456"}}, "resources": ["a"]}),
        );
        let p = plan(&d, "leaky.json", Target::Yaml, dir.path());
        assert_eq!(p.leaks.len(), 1);
        assert_eq!(p.leaks[0].path, "client.auth.token");
        assert!(
            !p.leaks[0].masked.contains("literal123"),
            "{}",
            p.leaks[0].masked
        );
        assert!(
            p.refused.as_deref().unwrap().contains("1 literal secret"),
            "{:?}",
            p.refused
        );
        assert_eq!(p.files.len(), 1, "the file list is still shown");
        let json = serde_json::to_string(&p).unwrap();
        assert!(!json.contains("ghp_literal123456"), "{json}");
    }

    #[test]
    fn an_invalid_source_lists_its_problems() {
        let dir = tempfile::tempdir().unwrap();
        let p = plan(
            &doc(json!({"client": {}, "resources": []})),
            "bad.json",
            Target::Json,
            dir.path(),
        );
        assert!(p.files.is_empty());
        assert!(!p.problems.is_empty());
        assert!(
            p.refused.as_deref().unwrap().contains("invalid"),
            "{:?}",
            p.refused
        );
    }
}
