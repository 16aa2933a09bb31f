//! Imports: JSON/YAML fixtures come back as the same document; every fixture exported to Python
//! and imported back equals the original; curl and OpenAPI fixtures become valid sources with
//! the expected resources.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::{Path, PathBuf};

use pipewright_engine::config::validate::is_valid;
use pipewright_engine::config::Document;
use pipewright_engine::export::{export, ExportOptions, Target};
use pipewright_engine::import::{import, ImportFrom, Imported};
use serde_json::{json, Value};

fn fixtures(dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(dir);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no fixtures in {}", dir.display());
    out
}

fn import_file(path: &Path, from: ImportFrom) -> Imported {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    import(&text, from, Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_valid(what: &str, imported: &Imported) {
    assert!(
        is_valid(&imported.problems),
        "{what}: invalid import:\n{:#?}\n{}",
        imported.problems,
        serde_json::to_string_pretty(&imported.value).unwrap()
    );
}

#[test]
fn json_and_yaml_fixtures_import_as_the_same_document() {
    for path in fixtures("configs/valid", &["json", "yaml"]) {
        let imported = import_file(&path, ImportFrom::Auto);
        let original = Document::read(&path).unwrap();
        assert_eq!(imported.value, original.value, "{}", path.display());
        assert_valid(&path.display().to_string(), &imported);
    }
}

#[test]
fn python_exports_import_back_to_the_original_config() {
    for path in fixtures("configs/valid", &["json", "yaml"]) {
        let doc = Document::read(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let opts = ExportOptions {
            allow_literal_secrets: true,
        };
        let e = export(&doc, name, Target::Python, opts).unwrap();
        let script = &e.files[0];
        assert!(script.path.to_string_lossy().ends_with("_pipeline.py"));
        let imported = import(&script.contents, ImportFrom::Auto, Some("x_pipeline.py"))
            .unwrap_or_else(|err| panic!("{name}: {err}\n{}", script.contents));
        assert_eq!(imported.from, ImportFrom::Python);
        assert_eq!(
            imported.value, doc.value,
            "{name}: the Python round trip changed the config:\n{}",
            script.contents
        );
        assert_valid(name, &imported);
    }
}

fn names(v: &Value) -> Vec<&str> {
    v["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect()
}

#[test]
fn curl_fixtures_become_valid_sources() {
    let expect: &[(&str, &str, Value)] = &[
        (
            "basic-auth-form.sh",
            "https://crm.example.net/rest/",
            json!({"name": "export", "endpoint": {"path": "export", "method": "POST",
                   "data": {"from": "2024-01-01", "format": "json", "include": "contacts,deals"}}}),
        ),
        (
            "chrome-copy-as-curl.sh",
            "https://app.example.com/api/v2/",
            json!({"name": "search", "endpoint": {"path": "reports/search", "method": "POST",
                   "json": {"query": "status:'open'", "page_size": 50},
                   "paginator": {"type": "page_number", "base_page": 1, "page_body_path": "page", "total_path": null}}}),
        ),
        (
            "github-issues.sh",
            "https://api.github.com/",
            json!({"name": "issues", "endpoint": {"path": "repos/dlt-hub/dlt/issues",
                   "paginator": {"type": "page_number", "base_page": 1, "page_param": "page", "total_path": null},
                   "params": {"state": "open", "per_page": "100"}}}),
        ),
        (
            "offset-api-key.sh",
            "https://data.example.org/v1/",
            json!({"name": "records", "endpoint": {"path": "datasets/weather/records",
                   "paginator": {"type": "offset", "limit": 200, "offset_param": "offset", "limit_param": "limit", "total_path": null},
                   "params": {"station": "HEL"}}}),
        ),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/curl");
    for (file, base, resource) in expect {
        let path = &dir.join(file);
        let imported = import_file(path, ImportFrom::Auto);
        assert_eq!(imported.from, ImportFrom::Curl, "{file}");
        assert_valid(file, &imported);
        assert_eq!(imported.value["client"]["base_url"], *base, "{file}");
        assert_eq!(imported.value["resources"][0], *resource, "{file}");
        assert!(
            !imported.guesses.is_empty(),
            "{file}: every import reports its guesses"
        );
        let text = imported.value.to_string();
        for literal in ["s3cr3t-pass", "8f1c2e0a9b7d", "1d2c3b4a"] {
            assert!(
                !text.contains(literal),
                "{file}: a secret value was kept: {text}"
            );
        }
    }
    let chrome = import_file(&dir.join("chrome-copy-as-curl.sh"), ImportFrom::Curl);
    assert_eq!(
        chrome.value["client"]["headers"]["Cookie"],
        "{secrets.cookie}"
    );
    let gh = import_file(&dir.join("github-issues.sh"), ImportFrom::Curl);
    assert_eq!(
        gh.value["client"]["auth"],
        json!({"type": "bearer", "token": "{secrets.github_token}"})
    );
    let data = import_file(&dir.join("offset-api-key.sh"), ImportFrom::Curl);
    assert_eq!(
        data.value["client"]["auth"]["api_key"],
        "{secrets.data_api_key}"
    );
}

#[test]
fn openapi_fixtures_become_valid_sources() {
    let expect: &[(&str, &[&str])] = &[
        ("github-issues.yaml", &["issues", "comments"]),
        (
            "mock-blog.yaml",
            &[
                "posts",
                "users",
                "comments",
                "users_posts",
                "auth_bearer_posts",
            ],
        ),
        (
            "payments-cursor.yaml",
            &["customers", "currencies", "invoices"],
        ),
        ("warehouse-oauth.yaml", &["warehouses", "products", "stock"]),
    ];
    let files = fixtures("openapi", &["yaml", "yml", "json"]);
    assert_eq!(files.len(), expect.len());
    for (path, (file, resources)) in files.iter().zip(expect) {
        assert!(path.ends_with(file), "{} vs {file}", path.display());
        let imported = import_file(path, ImportFrom::Auto);
        assert_eq!(imported.from, ImportFrom::Openapi, "{file}");
        assert_valid(file, &imported);
        assert_eq!(names(&imported.value), *resources, "{file}");
        assert!(
            imported
                .guesses
                .iter()
                .any(|g| g.path.ends_with("paginator")),
            "{file}: paginator guesses are reported"
        );
    }
    let gh = import_file(&files[0], ImportFrom::Openapi);
    assert_eq!(
        gh.value["resources"][1]["endpoint"]["path"],
        "repos/dlt-hub/dlt/issues/{resources.issues.number}/comments"
    );
    assert_eq!(
        gh.value["resources"][0]["endpoint"]["paginator"],
        "header_link"
    );
    let pay = import_file(&files[2], ImportFrom::Openapi);
    assert_eq!(pay.value["resources"][1]["endpoint"]["auth"], Value::Null);
    assert_eq!(
        pay.value["resources"][2]["endpoint"]["paginator"]["cursor_param"],
        "starting_after"
    );
    let wh = import_file(&files[3], ImportFrom::Openapi);
    assert_eq!(
        wh.value["client"]["auth"]["type"],
        "oauth2_client_credentials"
    );
    assert_eq!(
        wh.value["resources"][2]["endpoint"]["params"]["as_of"],
        "2024-01-31"
    );
}

/// Every curl and OpenAPI fixture imports as a valid source; the sources are snapshot-tested so
/// a change in what the importers guess shows up in review.
#[test]
fn curl_and_openapi_imports_are_snapshot_tested() {
    let files = fixtures("curl", &["sh"]);
    assert!(files.len() >= 10, "ten curl commands of real-world shapes");
    let openapi = fixtures("openapi", &["yaml", "yml", "json"]);
    assert!(openapi.len() >= 3);
    for path in files.iter().chain(openapi.iter()) {
        let imported = import_file(path, ImportFrom::Auto);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert_valid(&name, &imported);
        let text = std::fs::read_to_string(path).unwrap();
        let shown = serde_json::to_string_pretty(&imported.value).unwrap();
        // No value typed into a command survives: shell variables become references.
        let shell_var = shown
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'$' && (w[1].is_ascii_uppercase() || w[1] == b'{'));
        assert!(!shell_var, "{name}: a shell variable was kept: {shown}");
        assert!(!text.is_empty());
        insta::assert_snapshot!(format!("import-{name}"), shown);
    }
}
