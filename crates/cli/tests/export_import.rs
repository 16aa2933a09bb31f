//! `pipewright export` and `pipewright import`: files written, exit codes, refusals.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pipewright"))
}

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn export_python_writes_a_dlt_project() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["export"])
        .arg(fixture("configs/valid/02-github-source.yaml"))
        .args(["--to", "python", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    for f in [
        "source_02_github_source_pipeline.py",
        ".dlt/config.toml",
        ".dlt/secrets.toml",
        "requirements.txt",
        "README.md",
    ] {
        assert!(dir.path().join(f).exists(), "{f} missing: {stdout}");
    }
    assert!(stdout.contains("run it: cd "), "{stdout}");
    let script =
        std::fs::read_to_string(dir.path().join("source_02_github_source_pipeline.py")).unwrap();
    assert!(script.contains("dlt.secrets[\"github_token\"]"), "{script}");
}

#[test]
fn export_refuses_literal_secrets_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("leaky.json");
    std::fs::write(
        &src,
        r#"{"client": {"base_url": "https://x.io/", "auth": {"type": "bearer", "token": "sk-live-123"}}, "resources": ["a"]}"#,
    )
    .unwrap();
    let out = bin()
        .arg("export")
        .arg(&src)
        .args(["--to", "json", "--out"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("client.auth.token: literal secret 's*****3'"),
        "{stderr}"
    );
    assert!(!stderr.contains("sk-live-123"), "{stderr}");
    assert!(!dir.path().join("out").exists());
    let out = bin()
        .arg("export")
        .arg(&src)
        .args(["--to", "yaml", "--allow-literal-secrets", "--out"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning: client.auth.token"), "{stderr}");
    assert!(dir.path().join("out/leaky.yaml").exists());
}

#[test]
fn import_curl_from_stdin_and_refuse_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("gh.yaml");
    let t = target.to_str().unwrap();
    let cmd = std::fs::read_to_string(fixture("curl/github-issues.sh")).unwrap();
    let out = run_stdin(&["import", "-", "--out", t], &cmd);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("(curl)"), "{stdout}");
    assert!(
        stdout.contains("guessed: resources[0].endpoint.paginator"),
        "{stdout}"
    );
    assert!(
        stdout.contains("pipewright secrets set gh github_token"),
        "{stdout}"
    );
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(
        written.contains("token: '{secrets.github_token}'"),
        "{written}"
    );
    let again = run_stdin(&["import", "-", "--from", "curl", "--out", t], &cmd);
    assert_eq!(again.status.code(), Some(2));
    let forced = run_stdin(
        &["import", "-", "--from", "curl", "--force", "--out", t],
        &cmd,
    );
    assert_eq!(forced.status.code(), Some(0));
}

#[test]
fn import_python_with_callables_names_them_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("p_pipeline.py");
    std::fs::write(
        &script,
        "import dlt\nconfig = {\"client\": {\"base_url\": \"https://x/\"}, \"resources\": [{\"name\": \"a\", \"processing_steps\": [{\"map\": lambda r: r}]}]}\n",
    )
    .unwrap();
    let target = dir.path().join("p.json");
    let out = bin()
        .arg("import")
        .arg(&script)
        .arg("--out")
        .arg(&target)
        .output()
        .unwrap();
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("resources[0].processing_steps[0].map: `lambda r: r`"),
        "{stderr}"
    );
    assert!(stderr.contains("jq expression"), "{stderr}");
    assert!(!Path::new(&target).exists());
}

#[test]
fn import_openapi_reports_guesses_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("shop.json");
    let out = bin()
        .arg("import")
        .arg(fixture("openapi/warehouse-oauth.yaml"))
        .args(["--from", "openapi", "--out"])
        .arg(&target)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("guessed: client.auth: security scheme 'oauth'"),
        "{stdout}"
    );
    assert!(stdout.contains(": valid ("), "{stdout}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(v["resources"].as_array().unwrap().len(), 3);
}
