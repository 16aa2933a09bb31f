//! `pipewright secrets` set/list/delete/adopt, and secret values kept out of every output of
//! `preview` and `run`. The keychain is replaced by a file (`PIPEWRIGHT_KEYCHAIN=file:PATH`);
//! the ignored `keychain_*` test uses the real Secret Service (`tests/keychain/run.sh`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use pipewright_tests::support::{Credentials, MockApi, MockOptions};
use serde_json::{json, Value};

const TOKEN: &str = "pw-bearer-9f3a7c1e5d";
const API_KEY: &str = "pw-apikey-4b8e2d6a0c";

/// A temporary folder removed on drop.
struct Dir(PathBuf);

impl Dir {
    fn new(tag: &str) -> Dir {
        let p = std::env::temp_dir().join(format!(
            "pw-secrets-{}-{tag}-{}",
            std::process::id(),
            fastrand_suffix()
        ));
        std::fs::create_dir_all(&p).unwrap();
        Dir(p)
    }
    fn path(&self) -> &Path {
        &self.0
    }
    fn keychain(&self) -> String {
        format!("file:{}", self.0.join("keychain.toml").display())
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn fastrand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

/// The binary with a clean secrets environment and the keychain replaced by `keychain`.
fn bin(keychain: Option<&str>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pipewright"));
    for v in ["TOKEN", "API_KEY", "CUSTOM", "PIPEWRIGHT_KEYCHAIN"] {
        c.env_remove(v);
    }
    c.env("RUNTIME__REQUEST_MAX_ATTEMPTS", "1");
    if let Some(k) = keychain {
        c.env("PIPEWRIGHT_KEYCHAIN", k);
    }
    c
}

fn run_with_stdin(mut c: Command, stdin: &str) -> Output {
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn assert_no_secret(out: &Output, secrets: &[&str]) {
    let all = text(out);
    for s in secrets {
        assert!(!all.contains(s), "secret value printed:\n{all}");
    }
}

fn write_json(dir: &Path, name: &str, doc: &Value) -> PathBuf {
    let p = dir.join(format!("{name}.json"));
    std::fs::write(&p, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    p
}

fn set(keychain: Option<&str>, source: &Path, name: &str, value: &str) -> Output {
    let mut c = bin(keychain);
    c.args(["secrets", "set"]).arg(source).arg(name);
    run_with_stdin(c, &format!("{value}\n"))
}

#[test]
fn set_list_delete_round_trip() {
    let dir = Dir::new("round");
    let kc = dir.keychain();
    let src = write_json(
        dir.path(),
        "demo",
        &json!({"client": {"base_url": "https://example.org/",
            "auth": {"type": "bearer", "token": "{secrets.token}"},
            "headers": {"X-Custom": "{secrets.custom}"}},
            "resources": [{"name": "a", "endpoint": {"path": "a", "auth": {"type": "api_key"}}}]}),
    );

    let out = set(Some(&kc), &src, "token", TOKEN);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("stored {secrets.token} of demo"),
        "{}",
        text(&out)
    );
    assert_no_secret(&out, &[TOKEN]);
    // The value went to the keychain stand-in, under the source's section.
    let stored = std::fs::read_to_string(dir.path().join("keychain.toml")).unwrap();
    assert!(
        stored.contains("[sources.demo]") && stored.contains(TOKEN),
        "{stored}"
    );

    // `custom` and the implicit `api_key` are missing: exit 1, and how to set them.
    let out = bin(Some(&kc))
        .args(["secrets", "list"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let line = |name: &str| {
        stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no line for {name}:\n{stdout}"))
            .to_string()
    };
    assert!(line("token").contains(" keychain "), "{stdout}");
    assert!(line("custom").contains(" missing "), "{stdout}");
    assert!(
        line("custom").contains("pipewright secrets set demo custom"),
        "{stdout}"
    );
    assert!(line("api_key").contains("auth field left out"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 secrets missing"));
    assert_no_secret(&out, &[TOKEN]);

    // The environment (dlt's names) comes first, and `list` says which variable.
    let out = bin(Some(&kc))
        .args(["secrets", "list"])
        .arg(&src)
        .env("SOURCES__DEMO__CUSTOM", "env-custom-value")
        .env("API_KEY", API_KEY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("environment   $SOURCES__DEMO__CUSTOM"),
        "{stdout}"
    );
    assert!(stdout.contains("environment   $API_KEY"), "{stdout}");
    assert_no_secret(&out, &[TOKEN, API_KEY, "env-custom-value"]);

    // Setting what the environment already sets works, with a note.
    let mut c = bin(Some(&kc));
    c.args(["secrets", "set", "demo", "custom"])
        .env("SOURCES__DEMO__CUSTOM", "env-custom-value");
    let out = run_with_stdin(c, "kc-custom-value");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("note: $SOURCES__DEMO__CUSTOM also sets it and is used first"),
        "{}",
        text(&out)
    );
    assert_no_secret(&out, &["kc-custom-value", "env-custom-value"]);

    // Delete by source name; a second delete finds nothing.
    for (expect, name) in [(0, "token"), (1, "token"), (0, "custom")] {
        let out = bin(Some(&kc))
            .args(["secrets", "delete", "demo", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(expect), "{}", text(&out));
    }
    let stored = std::fs::read_to_string(dir.path().join("keychain.toml")).unwrap();
    assert!(!stored.contains(TOKEN), "{stored}");
}

#[test]
fn dlt_secrets_toml_beside_the_source_resolves() {
    let dir = Dir::new("toml");
    std::fs::create_dir_all(dir.path().join(".dlt")).unwrap();
    std::fs::write(
        dir.path().join(".dlt/secrets.toml"),
        format!("[sources.rest_api.shop.credentials]\ntoken = \"{TOKEN}\"\n"),
    )
    .unwrap();
    let src = write_json(
        dir.path(),
        "shop",
        &json!({"client": {"base_url": "https://example.org/", "auth": {"type": "bearer"}},
            "resources": ["a"]}),
    );
    let out = bin(Some(&dir.keychain()))
        .args(["secrets", "list"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("secrets.toml")
            && stdout.contains(".dlt/secrets.toml: sources.rest_api.shop.credentials.token"),
        "{stdout}"
    );
    assert_no_secret(&out, &[TOKEN]);
}

#[test]
fn set_takes_values_only_from_stdin_and_checks_names() {
    let dir = Dir::new("usage");
    let kc = dir.keychain();
    // A value on the command line is a usage error, and is not stored.
    let out = bin(Some(&kc))
        .args(["secrets", "set", "demo", "token", "argv-value"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(!dir.path().join("keychain.toml").exists());
    let mut c = bin(Some(&kc));
    c.args(["secrets", "set", "demo", "bad name"]);
    let out = run_with_stdin(c, "v");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let mut c = bin(Some(&kc));
    c.args(["secrets", "set", "demo", "token"]);
    let out = run_with_stdin(c, "\n");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty value"));
    let out = bin(Some(&kc))
        .args(["secrets", "list", "/nonexistent/demo.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let out = bin(Some(&kc))
        .args(["secrets", "delete", "/nonexistent/demo.json", "token"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    // A keychain that fails is exit 1, with the reason.
    let mut c = bin(Some("vault"));
    c.args(["secrets", "set", "demo", "token"]);
    let out = run_with_stdin(c, "v1");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PIPEWRIGHT_KEYCHAIN='vault'"));
}

#[test]
fn adopt_moves_literals_to_the_keychain_and_keeps_the_file_as_written() {
    let dir = Dir::new("adopt");
    let kc = dir.keychain();
    let yaml = format!(
        "# GitHub issues\nclient:\n  base_url: https://api.example.org/  # the API\n  auth:\n    type: bearer\n    token: {TOKEN}   # pasted\n  headers:\n    X-API-Key: \"{API_KEY}\"\nresources:\n  - issues\n"
    );
    let src = dir.path().join("gh.yaml");
    std::fs::write(&src, &yaml).unwrap();

    let out = bin(Some(&kc))
        .args(["validate"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("client.auth.token: warning: literal secret")
            && stderr.contains("client.headers.X-API-Key: warning: literal secret"),
        "{stderr}"
    );
    assert_no_secret(&out, &[TOKEN, API_KEY]);

    let out = bin(Some(&kc))
        .args(["secrets", "adopt", "--dry-run"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("client.auth.token -> {secrets.token}"));
    assert_eq!(std::fs::read_to_string(&src).unwrap(), yaml);
    assert!(!dir.path().join("keychain.toml").exists());
    assert_no_secret(&out, &[TOKEN, API_KEY]);

    let out = bin(Some(&kc))
        .args(["secrets", "adopt"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_no_secret(&out, &[TOKEN, API_KEY]);
    let rewritten = std::fs::read_to_string(&src).unwrap();
    assert_eq!(
        rewritten,
        yaml.replace(TOKEN, "\"{secrets.token}\"")
            .replace(API_KEY, "{secrets.x_api_key}")
    );
    let stored = std::fs::read_to_string(dir.path().join("keychain.toml")).unwrap();
    assert!(
        stored.contains(TOKEN) && stored.contains(API_KEY),
        "{stored}"
    );

    // Now valid without warnings, every secret resolves from the keychain, and a second adopt
    // finds nothing.
    let out = bin(Some(&kc)).arg("validate").arg(&src).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("warning"));
    let out = bin(Some(&kc))
        .args(["secrets", "list"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains(" keychain "))
            .count(),
        2,
        "{}",
        text(&out)
    );
    let out = bin(Some(&kc))
        .args(["secrets", "adopt"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no literal secrets"));

    // When the keychain fails, the file keeps its literals.
    let json_src = write_json(
        dir.path(),
        "lit",
        &json!({"client": {"base_url": "https://x/", "auth": {"token": TOKEN}}, "resources": ["a"]}),
    );
    let before = std::fs::read_to_string(&json_src).unwrap();
    let out = bin(Some("vault"))
        .args(["secrets", "adopt"])
        .arg(&json_src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("was not changed"));
    assert_eq!(std::fs::read_to_string(&json_src).unwrap(), before);
    assert_no_secret(&out, &[TOKEN]);
}

fn mock() -> MockApi {
    MockApi::start_blocking(MockOptions {
        posts: 12,
        credentials: Credentials {
            bearer_token: TOKEN.into(),
            api_key: API_KEY.into(),
            ..Credentials::default()
        },
        ..MockOptions::default()
    })
}

/// A source whose secrets travel in a header, a query parameter and an echoed request.
fn secret_source(dir: &Path, base: &str) -> PathBuf {
    write_json(
        dir,
        "api",
        &json!({"client": {"base_url": base, "auth": {"type": "bearer", "token": "{secrets.token}"}},
        "resources": [
            {"name": "posts", "endpoint": {"path": "auth/bearer/posts", "data_selector": "data",
                "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}}},
            {"name": "keyed", "endpoint": {"path": "auth/api_key/query/posts", "data_selector": "data",
                "params": {"api_key": "{secrets.api_key}"},
                "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}}},
            {"name": "echoed", "endpoint": {"path": "echo", "paginator": "single_page",
                "params": {"api_key": "{secrets.api_key}"}}}
        ]}),
    )
}

#[test]
fn preview_with_secrets_prints_no_secret_value() {
    let api = mock();
    let dir = Dir::new("preview");
    let kc = dir.keychain();
    let src = secret_source(dir.path(), api.base_url());
    assert_eq!(set(Some(&kc), &src, "token", TOKEN).status.code(), Some(0));
    assert_eq!(
        set(Some(&kc), &src, "api_key", API_KEY).status.code(),
        Some(0)
    );
    for resource in ["posts", "keyed", "echoed"] {
        for format in ["table", "json"] {
            let out = bin(Some(&kc))
                .args(["preview", "--resource", resource, "--format", format])
                .arg(&src)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{resource}: {}", text(&out));
            assert_no_secret(&out, &[TOKEN, API_KEY]);
            if format == "json" {
                let trace: Value = serde_json::from_slice(&out.stdout).unwrap();
                assert!(!trace["records"].as_array().unwrap().is_empty());
            }
        }
    }
    // The credentials did reach the API: every auth route answered 200.
    assert!(api.requests().iter().all(|r| r.status == Some(200)));

    // A wrong secret: the API's 401, still without the value.
    let mut c = bin(Some(&kc));
    c.args(["secrets", "set"]).arg(&src).arg("token");
    assert_eq!(
        run_with_stdin(c, "pw-wrong-token-0000").status.code(),
        Some(0)
    );
    let out = bin(Some(&kc))
        .args(["preview", "--resource", "posts"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("401"), "{}", text(&out));
    assert_no_secret(&out, &["pw-wrong-token-0000", API_KEY]);

    // A missing secret: the reference, the places searched and how to set it.
    let out = bin(Some(&kc))
        .args(["secrets", "delete"])
        .arg(&src)
        .arg("token")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = bin(Some(&kc))
        .args(["preview", "--resource", "posts"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "{secrets.token}",
        "$SOURCES__API__TOKEN",
        ".dlt/secrets.toml",
        "keychain.toml",
        "pipewright secrets set api token",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
}

#[test]
fn run_with_secrets_prints_and_stores_no_secret_value() {
    let api = mock();
    let dir = Dir::new("run");
    let kc = dir.keychain();
    let src = secret_source(dir.path(), api.base_url());
    assert_eq!(set(Some(&kc), &src, "token", TOKEN).status.code(), Some(0));
    let db = dir.path().join("api.sqlite");
    for json_flag in [true, false] {
        let mut c = bin(Some(&kc));
        c.args(["run", "--resource", "posts", "--resource", "keyed", "--db"])
            .arg(&db)
            .arg(&src)
            .env("API_KEY", API_KEY);
        if json_flag {
            c.arg("--json");
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        assert_no_secret(&out, &[TOKEN, API_KEY]);
    }
    // Neither the tables nor dlt's state and schema tables hold a secret.
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("api.sqlite") {
            bytes.extend(std::fs::read(&path).unwrap());
        }
    }
    let contains = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
    assert!(contains("Post 1"), "no data loaded");
    assert!(!contains(TOKEN) && !contains(API_KEY));
}

/// The real OS keychain (Secret Service): `set` stores where `secret-tool` (another Secret
/// Service client) finds it, `list` and `preview` resolve it, `delete` removes it. Run by
/// `tests/keychain/run.sh` inside a private D-Bus session with gnome-keyring unlocked.
#[test]
#[ignore = "needs an unlocked OS keychain; run tests/keychain/run.sh"]
fn keychain_cli_round_trip() {
    let api = mock();
    let dir = Dir::new("keychain");
    let source = format!("kc{}", std::process::id());
    let src = write_json(
        dir.path(),
        &source,
        &json!({"client": {"base_url": api.base_url(), "auth": {"type": "bearer", "token": "{secrets.token}"}},
            "resources": [{"name": "posts", "endpoint": {"path": "auth/bearer/posts", "data_selector": "data",
                "paginator": "single_page"}}]}),
    );
    let lookup = || {
        Command::new("secret-tool")
            .args(["lookup", "service", "pipewright", "username"])
            .arg(format!("{source}/token"))
            .output()
            .unwrap()
    };
    let out = set(None, &src, "token", TOKEN);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Secret Service"),
        "{}",
        text(&out)
    );
    assert_no_secret(&out, &[TOKEN]);
    assert_eq!(String::from_utf8_lossy(&lookup().stdout).trim_end(), TOKEN);

    let out = bin(None)
        .args(["secrets", "list"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&format!(
            "keychain      Secret Service (service pipewright, account {source}/token)"
        )),
        "{}",
        text(&out)
    );
    assert_no_secret(&out, &[TOKEN]);

    for format in ["table", "json"] {
        let out = bin(None)
            .args(["preview", "--format", format])
            .arg(&src)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        assert_no_secret(&out, &[TOKEN]);
    }

    let out = bin(None)
        .args(["secrets", "delete"])
        .arg(&src)
        .arg("token")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(String::from_utf8_lossy(&lookup().stdout).trim().is_empty());
    let out = bin(None)
        .args(["secrets", "list"])
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
}

/// The leak test: validate, export and a failing run (401) with planted secret values; nothing
/// they print or write holds a value.
#[test]
fn validate_export_and_a_failing_run_leak_nothing() {
    let api = mock();
    let dir = Dir::new("leak");
    let kc = dir.keychain();
    let src = secret_source(dir.path(), api.base_url());
    let wrong = "pw-planted-wrong-token-7781";
    assert_eq!(set(Some(&kc), &src, "token", wrong).status.code(), Some(0));
    assert_eq!(
        set(Some(&kc), &src, "api_key", API_KEY).status.code(),
        Some(0)
    );
    let planted = [wrong, API_KEY];

    let out = bin(Some(&kc)).arg("validate").arg(&src).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_no_secret(&out, &planted);

    let export_dir = dir.path().join("exported");
    let out = bin(Some(&kc))
        .args(["export", "--to", "python", "--out"])
        .arg(&export_dir)
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_no_secret(&out, &planted);

    let db = dir.path().join("api.sqlite");
    let out = bin(Some(&kc))
        .args(["run", "--db"])
        .arg(&db)
        .arg(&src)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("401"), "{}", text(&out));
    assert_no_secret(&out, &planted);

    // Every file left behind: the export, the database (if any) and the keychain stand-in aside.
    let mut files = vec![];
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != "keychain.toml") {
                files.push(p);
            }
        }
    }
    assert!(
        files
            .iter()
            .any(|f| f.to_string_lossy().ends_with("_pipeline.py")),
        "{files:?}"
    );
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        for s in planted {
            assert!(
                !bytes.windows(s.len()).any(|w| w == s.as_bytes()),
                "{} holds a secret",
                f.display()
            );
        }
    }
}
