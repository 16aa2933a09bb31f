use serde_json::json;

use super::*;

#[test]
fn detects_formats() {
    assert_eq!(detect("import dlt\n", None), ImportFrom::Python);
    assert_eq!(detect("x = 1", Some("p.py")), ImportFrom::Python);
    assert_eq!(detect("  curl https://x", None), ImportFrom::Curl);
    assert_eq!(
        detect("openapi: 3.1.0\npaths: {}\n", Some("a.yaml")),
        ImportFrom::Openapi
    );
    assert_eq!(
        detect("{\"openapi\": \"3.0.0\"}", None),
        ImportFrom::Openapi
    );
    assert_eq!(detect("{\"client\": {}}", None), ImportFrom::Json);
    assert_eq!(detect("client: {}\n", None), ImportFrom::Yaml);
    assert_eq!(detect("client: {}\n", Some("a.json")), ImportFrom::Json);
}

#[test]
fn json_and_yaml_import_the_document_and_validate_it() {
    let text = "client:\n  base_url: https://x/\nresources:\n- name: a\n  bogus: 1\n";
    let imported = import(text, ImportFrom::Auto, Some("s.yaml")).unwrap();
    assert_eq!(imported.from, ImportFrom::Yaml);
    assert_eq!(imported.value["resources"][0]["bogus"], json!(1));
    assert!(
        imported
            .problems
            .iter()
            .any(|p| p.path.contains("resources[0]")),
        "{:?}",
        imported.problems
    );
    let err = import("{\"client\": ", ImportFrom::Json, None).unwrap_err();
    assert!(
        matches!(err, ImportError::Syntax { what: "JSON", .. }),
        "{err:?}"
    );
}
