//! The configuration language against its fixtures: every documented example validates, every
//! invalid scenario reports its problem at the right path, and documents round-trip losslessly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::{Path, PathBuf};

use pipewright_engine::config::validate::{is_valid, validate, Severity};
use pipewright_engine::config::{Document, RestApiConfig};

/// The shared fixtures live with the end-to-end suites in `tests/`.
fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/configs")
}

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = fixtures_root().join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_valid_fixture_validates_without_errors() {
    let files = fixtures("valid");
    assert!(
        files.len() >= 50,
        "expected the documented examples, found {}",
        files.len()
    );
    for f in &files {
        let doc = Document::read(f).unwrap();
        let problems = validate(&doc.value);
        let errors: Vec<String> = problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", f.display());
        doc.config()
            .unwrap_or_else(|e| panic!("{}: typed parse failed: {e}", f.display()));
    }
}

#[test]
fn every_invalid_fixture_reports_its_problem_where_expected() {
    let dir = fixtures_root().join("invalid");
    let table = std::fs::read_to_string(dir.join("EXPECTED.tsv")).unwrap();
    let mut checked = 0;
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, path, needle) = (cols[0], cols[1], cols[2].to_lowercase());
        let doc = Document::read(&dir.join(file)).unwrap();
        let problems = validate(&doc.value);
        assert!(!is_valid(&problems), "{file}: expected to be invalid");
        let hit = problems.iter().any(|p| {
            p.severity == Severity::Error
                && p.path.eq_ignore_ascii_case(path)
                && p.message.to_lowercase().contains(&needle)
        });
        assert!(
            hit,
            "{file}: no error at '{path}' containing '{needle}': {problems:#?}"
        );
        checked += 1;
    }
    assert_eq!(
        checked,
        fixtures("invalid").len(),
        "every invalid fixture has a row in EXPECTED.tsv"
    );
    assert!(checked >= 40);
}

#[test]
fn invalid_fixture_error_lists_are_stable() {
    for f in fixtures("invalid") {
        let doc = Document::read(&f).unwrap();
        let text: Vec<String> = validate(&doc.value)
            .iter()
            .map(ToString::to_string)
            .collect();
        let name = f.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(name, text.join("\n"));
    }
}

#[test]
fn documents_round_trip_losslessly() {
    for f in fixtures("valid").iter().chain(fixtures("invalid").iter()) {
        let doc = Document::read(f).unwrap();
        let again = Document::parse(&doc.to_text().unwrap(), doc.format).unwrap();
        // Compare the serialised forms so that key order counts too.
        assert_eq!(
            serde_json::to_string(&doc.value).unwrap(),
            serde_json::to_string(&again.value).unwrap(),
            "{}",
            f.display()
        );
    }
}

#[test]
fn typed_model_round_trips_and_adds_nothing() {
    for f in fixtures("valid") {
        let doc = Document::read(&f).unwrap();
        let cfg: RestApiConfig = doc.config().unwrap();
        let written = serde_json::to_value(&cfg).unwrap();
        // Short forms stay short and no default is written out.
        assert_eq!(written, doc.value, "{}", f.display());
        let back: RestApiConfig = serde_json::from_value(written).unwrap();
        assert_eq!(back, cfg, "{}", f.display());
    }
}

#[test]
fn a_parent_with_shape_errors_is_not_called_unknown() {
    let doc = serde_json::json!({"client": {"base_url": "http://x/"}, "resources": [
        {"name": "a", "endpoint": {"path": "a", "paginator": {"type": "offset"}}},
        {"name": "c", "endpoint": "a/{resources.a.id}/c"}
    ]});
    let problems = validate(&doc);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].path, "resources[0].endpoint.paginator");
}

#[test]
fn per_parent_cursors_are_accepted_on_children_and_flagged_on_roots() {
    let doc = serde_json::json!({
        "client": {"base_url": "https://api.example.com"},
        "resources": [
            {"name": "posts", "endpoint": {"path": "posts",
                "incremental": {"cursor_path": "updated_at", "per_parent": true}}},
            {"name": "comments", "endpoint": {"path": "posts/{resources.posts.id}/comments",
                "incremental": {"cursor_path": "created_at", "per_parent": true}}}
        ]
    });
    let problems = validate(&doc);
    assert!(is_valid(&problems), "{problems:#?}");
    let warnings: Vec<&str> = problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        warnings,
        vec!["resources[0].endpoint.incremental.per_parent"]
    );
}
