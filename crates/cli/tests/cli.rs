//! The `pipewright` binary: exit codes and output of `validate` and `schema`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pipewright"))
}

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/configs")
        .join(rel)
}

#[test]
fn validate_valid_source_exits_zero_with_summary() {
    let out = bin()
        .arg("validate")
        .arg(fixture("valid/01-quick-example.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("valid: 2 resources"), "{stdout}");
    assert!(stdout.contains("comments <- posts"), "{stdout}");
}

#[test]
fn validate_invalid_source_exits_one_with_path_lines() {
    let out = bin()
        .arg("validate")
        .arg(fixture("invalid/params-at-resource-level.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("resources[0]: unexpected field 'params' (did you mean endpoint.params?)"),
        "{stderr}"
    );
}

#[test]
fn validate_json_output_lists_problems() {
    let out = bin()
        .args(["validate", "--json"])
        .arg(fixture("invalid/misspelt-resorces.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(problems.as_array().unwrap().len(), 2);
    assert_eq!(problems[0]["path"], "<root>");
}

#[test]
fn validate_missing_or_malformed_file_exits_two() {
    let out = bin()
        .args(["validate", "/nonexistent/source.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let dir = std::env::temp_dir().join(format!("pw-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\"client\": ").unwrap();
    let out = bin().arg("validate").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("syntax error at line 1"));
    let out = bin().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn secrets_never_echoed_in_messages() {
    let dir = std::env::temp_dir().join(format!("pw-cli-secret-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("s.json");
    std::fs::write(
        &src,
        r#"{"client": {"base_url": "https://x/", "auth": {"type": "bearer", "token": 12345678}},
            "resources": ["a"]}"#,
    )
    .unwrap();
    let out = bin().arg("validate").arg(&src).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("client.auth.token"), "{stderr}");
    assert!(!stderr.contains("12345678"), "{stderr}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn schema_prints_json_schema() {
    let out = bin().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(schema["properties"]["resources"].is_object());
    assert!(schema["$defs"]["Endpoint"]["properties"]["data_selector"]["description"].is_string());
}

#[test]
fn every_example_and_template_validates() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut n = 0;
    let files = std::fs::read_dir(&dir)
        .unwrap()
        .chain(std::fs::read_dir(dir.join("templates")).unwrap());
    for entry in files {
        let path = entry.unwrap().path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("json" | "yaml")
        ) {
            continue;
        }
        let out = bin().arg("validate").arg(&path).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        n += 1;
    }
    // Three examples and the three templates the app offers (blank, GitHub, PokeAPI).
    assert!(n >= 6, "{n}");
}
