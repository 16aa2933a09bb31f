use serde_json::json;

use super::*;

fn doc(v: serde_json::Value) -> Document {
    Document {
        value: v,
        format: Format::Json,
    }
}

fn file<'a>(e: &'a Export, path: &str) -> &'a str {
    e.files
        .iter()
        .find(|f| f.path == Path::new(path))
        .map(|f| f.contents.as_str())
        .unwrap_or_else(|| {
            panic!(
                "no {path} in {:?}",
                e.files.iter().map(|f| &f.path).collect::<Vec<_>>()
            )
        })
}

#[test]
fn python_project_has_every_file_and_secret() {
    let d = doc(json!({
        "client": {"base_url": "https://api.github.com/", "auth": {"token": "{secrets.github_token}"}},
        "resources": [{"name": "issues", "endpoint": {"path": "issues", "params": {"per_page": 100}}}]
    }));
    let e = export(
        &d,
        "my-github.json",
        Target::Python,
        ExportOptions::default(),
    )
    .unwrap();
    assert_eq!(e.name, "my_github");
    let script = file(&e, "my_github_pipeline.py");
    assert!(
        script.contains("\"auth\": {\"token\": dlt.secrets[\"github_token\"]}"),
        "{script}"
    );
    assert!(
        script.contains("@dlt.source(name=\"my_github\")\ndef my_github_source()"),
        "{script}"
    );
    assert!(script.contains("dataset_name=\"main\""), "{script}");
    assert!(!script.contains("import jq"), "{script}");
    assert!(file(&e, ".dlt/secrets.toml").contains("\ngithub_token = \"\"\n"));
    assert!(file(&e, "requirements.txt").contains("dlt[sqlalchemy]==1.31.0"));
    assert!(!file(&e, "requirements.txt").contains("jq=="));
    assert!(file(&e, "README.md").contains("`GITHUB_TOKEN`"));
    assert!(file(&e, ".dlt/config.toml").contains("[runtime]"));
    assert_eq!(e.secret_keys, vec!["github_token"]);
}

#[test]
fn literal_secrets_are_refused_unless_allowed() {
    let d = doc(json!({
        "client": {"base_url": "https://x/", "auth": {"type": "bearer", "token": "abc123"}},
        "resources": ["a"]
    }));
    let err = export(&d, "x.json", Target::Json, ExportOptions::default()).unwrap_err();
    match err {
        ExportError::LiteralSecrets(leaks) => assert_eq!(leaks[0].path, "client.auth.token"),
        other => panic!("{other:?}"),
    }
    let opts = ExportOptions {
        allow_literal_secrets: true,
    };
    let e = export(&d, "x.json", Target::Yaml, opts).unwrap();
    assert_eq!(e.files[0].path, Path::new("x.yaml"));
    assert!(e.files[0].contents.contains("token: abc123"));
    assert_eq!(e.leaks.len(), 1);
}

#[test]
fn invalid_sources_are_refused() {
    let d = doc(
        json!({"client": {"base_url": "https://x/"}, "resources": [{"name": "a", "bogus": 1}]}),
    );
    assert!(matches!(
        export(&d, "x.json", Target::Python, ExportOptions::default()),
        Err(ExportError::Invalid(_))
    ));
}

#[test]
fn json_keeps_secret_references_and_write_keeps_filled_secrets() {
    let d = doc(json!({
        "client": {"base_url": "https://x/", "auth": {"token": "{secrets.t}"}},
        "resources": ["a"]
    }));
    let e = export(&d, "src.yaml", Target::Json, ExportOptions::default()).unwrap();
    assert!(e.files[0].contents.contains("\"token\": \"{secrets.t}\""));
    let dir = tempfile::tempdir().unwrap();
    let py = export(&d, "src.yaml", Target::Python, ExportOptions::default()).unwrap();
    let first = write(&py, dir.path()).unwrap();
    assert_eq!(first.written.len(), 6);
    std::fs::write(dir.path().join(".dlt/secrets.toml"), "t = \"filled\"\n").unwrap();
    let second = write(&py, dir.path()).unwrap();
    assert_eq!(second.kept, vec![dir.path().join(".dlt/secrets.toml")]);
    let kept = std::fs::read_to_string(dir.path().join(".dlt/secrets.toml")).unwrap();
    assert_eq!(kept, "t = \"filled\"\n");
}
