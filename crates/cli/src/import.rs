//! `pipewright import`: a source from a dlt config (JSON, YAML, Python), a curl command or an
//! OpenAPI 3 description.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use pipewright_engine::config::validate::{is_valid, Severity};
use pipewright_engine::config::{Document, Format};
use pipewright_engine::import::{import, ImportError, ImportFrom};

/// What the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum From {
    /// Decide from the file name and the text.
    Auto,
    /// A dlt config as JSON.
    Json,
    /// A dlt config as YAML.
    Yaml,
    /// A dlt pipeline script: the config dict literal in it.
    Python,
    /// A curl command line.
    Curl,
    /// An OpenAPI 3 description (JSON or YAML).
    Openapi,
}

/// Runs the command: 0 imported and valid, 1 imported but invalid (written anyway) or not
/// importable, 2 when the input cannot be read or parsed or the output cannot be written.
pub fn run(input: &Path, from: From, out: &Path, force: bool) -> ExitCode {
    let stdin = input == Path::new("-");
    let text = if stdin {
        let mut t = String::new();
        std::io::stdin().read_to_string(&mut t).map(|_| t)
    } else {
        std::fs::read_to_string(input)
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {}: {e}", input.display());
            return ExitCode::from(2);
        }
    };
    if out.exists() && !force {
        eprintln!(
            "error: {} exists; pass --force to replace it",
            out.display()
        );
        return ExitCode::from(2);
    }
    let from = match from {
        From::Auto => ImportFrom::Auto,
        From::Json => ImportFrom::Json,
        From::Yaml => ImportFrom::Yaml,
        From::Python => ImportFrom::Python,
        From::Curl => ImportFrom::Curl,
        From::Openapi => ImportFrom::Openapi,
    };
    let name = (!stdin).then(|| input.to_string_lossy().to_string());
    let imported = match import(&text, from, name.as_deref()) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {}: {e}", input.display());
            return match e {
                ImportError::NotImportable(_) | ImportError::Unsupported(_) => ExitCode::from(1),
                _ => ExitCode::from(2),
            };
        }
    };
    let doc = Document {
        value: imported.value,
        format: Format::from_path(out),
    };
    let written = doc.to_text().map_err(|e| e.to_string()).and_then(|t| {
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        std::fs::write(out, t).map_err(|e| e.to_string())
    });
    if let Err(e) = written {
        eprintln!("error: {}: {e}", out.display());
        return ExitCode::from(2);
    }
    let label = serde_json::to_value(imported.from)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    println!("imported {} ({label}) → {}", input.display(), out.display());
    for g in &imported.guesses {
        println!("guessed: {g}");
    }
    for p in &imported.problems {
        eprintln!("{p}");
    }
    let secrets = secret_names(&doc.value);
    let source = out.file_stem().and_then(|s| s.to_str()).unwrap_or("source");
    for s in &secrets {
        println!("secret {{secrets.{s}}}: set it with `pipewright secrets set {source} {s}`");
    }
    if is_valid(&imported.problems) {
        let warnings = imported
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count();
        println!(
            "{}: valid ({} guess(es), {warnings} warning(s)); check it with `pipewright preview {}`",
            out.display(),
            imported.guesses.len(),
            out.display()
        );
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{}: written, but invalid: fix the problems above (`pipewright validate {}`)",
            out.display(),
            out.display()
        );
        ExitCode::from(1)
    }
}

/// Every `{secrets.NAME}` in the document, in order of first use.
fn secret_names(v: &serde_json::Value) -> Vec<String> {
    let text = v.to_string();
    let mut out: Vec<String> = Vec::new();
    for (pos, _) in text.match_indices("{secrets.") {
        let rest = &text[pos + "{secrets.".len()..];
        if let Some(end) = rest.find('}') {
            let name = rest[..end].to_string();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}
