//! Every valid fixture exports to a script Python compiles and real dlt builds.

use std::process::Command;

use serde_json::Value;

use crate::venv::{dlt_python, export_python, repo_root, run, text, valid_fixtures};

#[test]
fn every_fixture_exports_to_python_that_compiles() {
    let tmp = tempfile::tempdir().unwrap();
    let mut scripts = Vec::new();
    for (file, doc) in valid_fixtures() {
        let dir = tmp.path().join(&file);
        let name = export_python(&doc, &file, &dir);
        scripts.push(dir.join(format!("{name}_pipeline.py")));
    }
    // The venv's python when there is one, else any python3: py_compile needs no packages.
    let venv = repo_root().join(".venv-dlt/bin/python");
    let python = if venv.exists() {
        venv
    } else {
        "python3".into()
    };
    let out = run(
        Command::new(python)
            .args(["-m", "py_compile"])
            .args(&scripts),
        tmp.path(),
    );
    assert!(out.status.success(), "py_compile failed:\n{}", text(&out));
}

#[test]
fn every_fixture_builds_in_real_dlt() {
    let Some(python) = dlt_python("every_fixture_builds_in_real_dlt") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut dirs = Vec::new();
    for (file, doc) in valid_fixtures() {
        let dir = tmp.path().join("projects").join(&file);
        export_python(&doc, &file, &dir);
        dirs.push(dir);
    }
    let checker = repo_root().join("tests/dlt/check_sources.py");
    let out = run(
        Command::new(&python)
            .arg(&checker)
            .args(&dirs)
            .current_dir(tmp.path()),
        &tmp.path().join("dlt-data"),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let results: Vec<Value> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(results.len(), dirs.len(), "checker output:\n{}", text(&out));
    let failures: Vec<String> = results
        .iter()
        .filter(|r| r["ok"] != Value::Bool(true))
        .map(|r| format!("{}:\n{}", r["dir"], r["error"].as_str().unwrap_or("")))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} exports were rejected by dlt:\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}
