//! Hostile and broken source documents (issue 12): a corpus in `fixtures/hostile/` (cycles,
//! placeholder injection, invalid jq and JSONPath, values of the wrong kind) and generated ones
//! too big to keep as files (10,000 resources, 10,000-deep parent chains, megabyte strings,
//! deeply nested documents and jq programs). `validate` must answer each with errors that name
//! the place, or accept what is valid, without panicking or running away (no timing asserted).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic

use std::path::{Path, PathBuf};

use pipewright_engine::config::validate::{validate, Problem, Severity};
use pipewright_engine::config::{Document, Format};
use pipewright_engine::plan::source::plan;
use pipewright_engine::secrets::Stores;
use serde_json::{json, Value};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn errors(doc: &Value) -> Vec<Problem> {
    validate(doc)
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect()
}

/// Asserts an error at `path` (or below it) whose message contains `needle` (any case).
fn assert_error_at(what: &str, problems: &[Problem], path: &str, needle: &str) {
    assert!(
        has_error_at(problems, path, needle),
        "{what}: expected an error at {path} containing {needle:?}, got {problems:#?}"
    );
}

fn has_error_at(problems: &[Problem], path: &str, needle: &str) -> bool {
    problems.iter().any(|p| {
        (p.path == path
            || p.path.starts_with(&format!("{path}."))
            || p.path.starts_with(&format!("{path}[")))
            && p.message.to_lowercase().contains(&needle.to_lowercase())
    })
}

fn base() -> Value {
    json!({"base_url": "https://api.example.com"})
}

fn resource(name: &str, parent: Option<&str>) -> Value {
    match parent {
        Some(p) => {
            json!({"name": name, "endpoint": {"path": format!("{name}/{{resources.{p}.id}}")}})
        }
        None => json!({"name": name, "endpoint": {"path": name}}),
    }
}

#[test]
fn the_corpus_is_answered_with_errors_that_name_the_place() {
    let table = std::fs::read_to_string(dir().join("EXPECTED.tsv")).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, path, needle) = (cols[0], cols[1], cols.get(2).copied().unwrap_or(""));
        let doc = Document::read(&dir().join(file)).unwrap();
        let problems = errors(&doc.value);
        match cols.get(3).copied() {
            // Refused when the run is planned rather than by `validate`.
            Some("plan") => {
                let planned = plan(&doc.value, "hostile", &Stores::new("hostile", vec![]));
                match planned {
                    Err(e)
                        if e.to_string()
                            .to_lowercase()
                            .contains(&needle.to_lowercase()) => {}
                    Err(e) => failures.push(format!("{file}: plan error {e}")),
                    Ok(_) => failures.push(format!("{file}: planned without error")),
                }
            }
            _ => {
                if !has_error_at(&problems, path, needle) {
                    failures.push(format!(
                        "{file}: expected {path} / {needle:?}, got {problems:#?}"
                    ));
                }
            }
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let files = std::fs::read_dir(dir())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "json")
        })
        .count();
    assert_eq!(checked, files, "every fixture has a line in EXPECTED.tsv");
}

#[test]
fn ten_thousand_resources_validate_and_plan() {
    let resources: Vec<Value> = (0..10_000)
        .map(|i| resource(&format!("r{i}"), None))
        .collect();
    let doc = json!({"client": base(), "resources": resources});
    assert_eq!(errors(&doc), []);
    let plan = plan(&doc, "many", &Stores::new("many", vec![])).unwrap();
    assert_eq!(plan.resources.len(), 10_000);
}

/// A chain of `n` resources, each the child of the one before, written children first;
/// `closed`: the first is the child of the last.
fn chain(n: usize, closed: bool) -> Value {
    let resources: Vec<Value> = (0..n)
        .rev()
        .map(|i| {
            let parent = match i {
                0 if closed => Some(format!("r{}", n - 1)),
                0 => None,
                i => Some(format!("r{}", i - 1)),
            };
            resource(&format!("r{i}"), parent.as_deref())
        })
        .collect();
    json!({"client": base(), "resources": resources})
}

fn check_chain(n: usize) {
    let doc = chain(n, false);
    assert_eq!(errors(&doc), []);
    let plan = plan(&doc, "chain", &Stores::new("chain", vec![])).unwrap();
    let first = plan
        .order
        .first()
        .map(|&i| plan.resources[i].resource.name.clone());
    assert_eq!(first.as_deref(), Some("r0"));
    assert_eq!(plan.order.len(), n);
    let problems = errors(&chain(n, true));
    assert!(
        problems
            .iter()
            .any(|p| p.path.starts_with("resources[") && p.message.contains("dependency cycle")),
        "{:?}",
        problems
            .iter()
            .map(|p| (&p.path, p.message.chars().take(80).collect::<String>()))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_parent_chain_300_deep_validates_and_a_closed_one_is_a_cycle() {
    check_chain(300);
}

/// The size: the cycle check walks each resource once.
#[test]
fn a_parent_chain_10000_deep_validates_and_a_closed_one_is_a_cycle() {
    check_chain(10_000);
}

#[test]
fn ten_thousand_duplicate_names_are_errors() {
    let resources: Vec<Value> = (0..10_000).map(|_| resource("same", None)).collect();
    let doc = json!({"client": base(), "resources": resources});
    let problems = errors(&doc);
    assert_error_at("duplicates", &problems, "resources[1]", "");
}

#[test]
fn megabyte_strings_are_accepted_or_refused_by_place() {
    let huge = "x".repeat(10 << 20);
    // A 10 MB resource name and path are valid text: nothing to refuse.
    let doc = json!({"client": base(), "resources": [resource(&huge, None)]});
    assert_eq!(errors(&doc), []);
    // A 10 MB placeholder that names no context, and a 10 MB invalid jq program.
    let doc = json!({"client": base(), "resources": [
        {"name": "p", "endpoint": {"path": format!("p/{{{huge}.x}}")}},
        {"name": "q", "endpoint": {"path": "q"}, "processing_steps": [{"filter": format!("select({huge}")}]}
    ]});
    let problems = errors(&doc);
    assert_error_at(
        "huge placeholder",
        &problems,
        "resources[0].endpoint.path",
        "",
    );
    assert_error_at(
        "huge jq",
        &problems,
        "resources[1].processing_steps[0].filter",
        "jq",
    );
    // The jq error does not repeat the 10 MB program. (The placeholder error does, twice: the
    // validator quotes the whole path; see the note of issue 12.)
    let jq = problems
        .iter()
        .find(|p| p.path.starts_with("resources[1].processing_steps"))
        .unwrap();
    assert!(
        jq.message.len() < 1_000,
        "a {}-byte message",
        jq.message.len()
    );
}

#[test]
fn deeply_nested_documents_are_syntax_errors_not_crashes() {
    let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = Document::parse(&deep_json, Format::Json)
        .unwrap_err()
        .to_string();
    assert!(err.contains("recursion limit"), "{err}");
    let deep_yaml = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = Document::parse(&deep_yaml, Format::Yaml)
        .unwrap_err()
        .to_string();
    assert!(!err.is_empty());
}

#[test]
fn deeply_nested_jq_is_refused_by_place() {
    for (name, code) in [
        (
            "parens",
            format!("{}.{}", "(".repeat(100_000), ")".repeat(100_000)),
        ),
        (
            "arrays",
            format!("{}.{}", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        ("pipes", vec!["."; 100_000].join(" | ")),
    ] {
        let doc = json!({"client": base(), "resources": [
            {"name": "p", "endpoint": {"path": "p"}, "processing_steps": [{"map": code}]}
        ]});
        let problems = errors(&doc);
        if name != "pipes" {
            assert_error_at(
                name,
                &problems,
                "resources[0].processing_steps[0].map",
                "jq",
            );
        }
    }
}

#[test]
fn a_path_with_100000_placeholders_is_checked_without_running_away() {
    let path = "{resources.p.id}/".repeat(100_000);
    let doc = json!({"client": base(), "resources": [
        resource("p", None),
        {"name": "c", "endpoint": {"path": path}}
    ]});
    assert_eq!(errors(&doc), []);
    let path = "{nope}/".repeat(100_000);
    let doc = json!({"client": base(), "resources": [{"name": "c", "endpoint": {"path": path}}]});
    assert_error_at("unbound", &errors(&doc), "resources[0].endpoint", "");
}
