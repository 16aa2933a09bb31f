//! `pipewright export`: a source as a dlt project (Python) or as its JSON/YAML document.

use std::path::Path;
use std::process::ExitCode;

use pipewright_engine::config::Document;
use pipewright_engine::export::{export, write, ExportError, ExportOptions, Target};

/// What to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportTo {
    /// A dlt project: `<name>_pipeline.py`, `.dlt/config.toml`, `.dlt/secrets.toml`,
    /// `requirements.txt`, `README.md`.
    Python,
    /// The source document as JSON (secrets stay references).
    Json,
    /// The source document as YAML (secrets stay references).
    Yaml,
}

/// Runs the command: 0 written, 1 refused (invalid source, literal secrets, no dlt equivalent),
/// 2 when a file cannot be read or written.
pub fn run(source: &Path, to: ExportTo, out: &Path, allow_literal_secrets: bool) -> ExitCode {
    let doc = match Document::read(source) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("error: {}: {e}", source.display());
            return ExitCode::from(2);
        }
    };
    let target = match to {
        ExportTo::Python => Target::Python,
        ExportTo::Json => Target::Json,
        ExportTo::Yaml => Target::Yaml,
    };
    let file_name = source
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("source.json");
    let opts = ExportOptions {
        allow_literal_secrets,
    };
    let exported = match export(&doc, file_name, target, opts) {
        Ok(e) => e,
        Err(e) => return refused(source, &e),
    };
    let source_path = std::fs::canonicalize(source).ok();
    let clobbers = exported.files.iter().any(|f| {
        let target = std::fs::canonicalize(out.join(&f.path)).ok();
        target.is_some() && target == source_path
    });
    if clobbers {
        eprintln!(
            "error: exporting into {} would overwrite {}; choose another --out",
            out.display(),
            source.display()
        );
        return ExitCode::from(2);
    }
    let written = match write(&exported, out) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    for leak in &exported.leaks {
        eprintln!("warning: {leak} (exported because of --allow-literal-secrets)");
    }
    for path in &written.written {
        println!("wrote {}", path.display());
    }
    for path in &written.kept {
        println!("kept {} (it may hold filled-in secrets)", path.display());
    }
    for note in &exported.notes {
        println!("note: {note}");
    }
    if target == Target::Python {
        if !exported.secret_keys.is_empty() {
            println!(
                "fill in {} ({}) before running",
                out.join(".dlt/secrets.toml").display(),
                exported.secret_keys.join(", ")
            );
        }
        println!(
            "run it: cd {} && pip install -r requirements.txt && python {}_pipeline.py",
            out.display(),
            exported.name
        );
    }
    ExitCode::SUCCESS
}

fn refused(source: &Path, e: &ExportError) -> ExitCode {
    match e {
        ExportError::Invalid(problems) => {
            for p in problems {
                eprintln!("{p}");
            }
        }
        ExportError::LiteralSecrets(leaks) => {
            for l in leaks {
                eprintln!("{l}");
            }
            eprintln!(
                "hint: move each value to a secret (`pipewright secrets set <source> NAME`) and write \
                 {{secrets.NAME}} in its place; --allow-literal-secrets exports them as they are"
            );
        }
        ExportError::Unsupported(items) => {
            for i in items {
                eprintln!("{i}");
            }
        }
        ExportError::Io { .. } | ExportError::Internal(_) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        _ => {}
    }
    eprintln!("{}: not exported: {e}", source.display());
    ExitCode::from(1)
}
