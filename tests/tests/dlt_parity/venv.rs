//! Finding the dlt venv, the fixtures, and running Python.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pipewright_engine::config::Document;
use pipewright_engine::export::{export, write, ExportOptions, Target};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The venv's python (`<repo>/.venv-dlt`, or `$PIPEWRIGHT_DLT_VENV`). When it is missing: `None` (after a skip line) with
/// `PIPEWRIGHT_SKIP_DLT=1`, else a panic that says how to create it.
pub fn dlt_python(test: &str) -> Option<PathBuf> {
    // PIPEWRIGHT_DLT_VENV points elsewhere (e.g. to check the missing-venv message).
    let venv = std::env::var_os("PIPEWRIGHT_DLT_VENV")
        .map_or_else(|| repo_root().join(".venv-dlt"), PathBuf::from);
    let py = venv.join("bin/python");
    if py.exists() {
        return Some(py);
    }
    if std::env::var("PIPEWRIGHT_SKIP_DLT").as_deref() == Ok("1") {
        eprintln!("SKIPPED dlt parity test `{test}`: no .venv-dlt and PIPEWRIGHT_SKIP_DLT=1");
        return None;
    }
    panic!(
        "dlt parity test `{test}` needs the dlt venv at {}: run `bash scripts/dlt-venv.sh` \
         (or set PIPEWRIGHT_SKIP_DLT=1 to skip the dlt parity tests)",
        py.display()
    );
}

/// Every valid fixture: (file name, document).
pub fn valid_fixtures() -> Vec<(String, Document)> {
    let dir = repo_root().join("tests/fixtures/configs/valid");
    let mut out: Vec<(String, Document)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let ext = path.extension()?.to_str()?;
            if !matches!(ext, "json" | "yaml" | "yml") {
                return None;
            }
            let name = path.file_name()?.to_str()?.to_string();
            Some((name, Document::read(&path).unwrap()))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        out.len() > 40,
        "expected the fixture set, found {}",
        out.len()
    );
    out
}

/// Exports a document to a dlt project in `dir`; returns the project's Python name.
pub fn export_python(doc: &Document, file_name: &str, dir: &Path) -> String {
    let opts = ExportOptions {
        allow_literal_secrets: true,
    };
    let e = export(doc, file_name, Target::Python, opts)
        .unwrap_or_else(|err| panic!("{file_name}: export failed: {err}"));
    write(&e, dir).unwrap();
    e.name
}

/// Runs a command and returns its output; the environment keeps dlt away from the user's home
/// and from the network (telemetry off).
pub fn run(cmd: &mut Command, data_dir: &Path) -> Output {
    cmd.env("DLT_DATA_DIR", data_dir)
        .env("RUNTIME__DLTHUB_TELEMETRY", "false")
        .env_remove("DESTINATION__SQLALCHEMY__CREDENTIALS")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

/// stdout + stderr, for failure messages.
pub fn text(out: &Output) -> String {
    format!(
        "--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
