//! Child previews for the first N parents or for chosen parent records, cancellation, and the
//! schema a load would create, computed by the normalizer.

use pipewright_engine::run::preview::{preview_with, PreviewInput, PreviewLimits, PreviewTrace};
use pipewright_tests::support::MockApi;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use super::{api, settings, stores};

fn posts_and_comments(api: &MockApi) -> Value {
    json!({
        "client": {"base_url": api.base_url()},
        "resources": [
            {"name": "posts", "endpoint": {"path": "posts", "data_selector": "data",
                "params": {"per_page": 2},
                "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}}},
            {"name": "comments", "endpoint": {"path": "posts/{resources.posts.id}/comments",
                "data_selector": "data", "paginator": "single_page"}}
        ]
    })
}

fn preview(doc: &Value, resource: &str, parents: usize, input: PreviewInput) -> PreviewTrace {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let limits = PreviewLimits {
        pages: 5,
        records: 1000,
        parents,
    };
    rt.block_on(preview_with(
        doc,
        "mock",
        resource,
        limits,
        &input,
        &stores(),
        settings(),
    ))
    .unwrap()
}

fn post_ids(t: &PreviewTrace) -> Vec<u64> {
    t.records
        .iter()
        .map(|r| r["postId"].as_u64().unwrap())
        .collect()
}

#[test]
fn a_child_is_previewed_for_the_first_n_parents_across_parent_pages() {
    let api = api();
    // Two posts per parent page: three parents need two pages of the parent.
    let t = preview(
        &posts_and_comments(&api),
        "comments",
        3,
        PreviewInput::default(),
    );
    assert!(t.error.is_none(), "{:?}", t.error);
    let parents: Vec<u64> = t
        .parent_records
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect();
    assert_eq!(parents, vec![1, 2, 3]);
    // Post n has n % 4 comments: 1 + 2 + 3.
    assert_eq!(post_ids(&t), vec![1, 2, 2, 3, 3, 3]);
    let per_page: Vec<(Option<usize>, bool)> = t
        .pages
        .iter()
        .map(|p| {
            (
                p.parent,
                p.request
                    .url
                    .contains(&format!("/posts/{}/comments", p.parent.unwrap() + 1)),
            )
        })
        .collect();
    assert_eq!(
        per_page,
        vec![(Some(0), true), (Some(1), true), (Some(2), true)]
    );
    assert_eq!(
        t.parents.len(),
        1,
        "the chain names the nearest parent once"
    );
}

#[test]
fn a_child_is_previewed_for_chosen_parent_records_without_fetching_the_parent() {
    let api = api();
    let input = PreviewInput {
        parent_records: Some(vec![json!({"id": 7}), json!({"id": 2})]),
        ..PreviewInput::default()
    };
    let t = preview(&posts_and_comments(&api), "comments", 1, input);
    assert!(t.error.is_none(), "{:?}", t.error);
    assert_eq!(post_ids(&t), vec![7, 7, 7, 2, 2]);
    assert_eq!(api.hits("/posts"), 0, "the parent was fetched");
}

#[test]
fn a_cancelled_preview_reports_it_and_keeps_what_it_had() {
    let api = api();
    let cancel = CancellationToken::new();
    cancel.cancel();
    let input = PreviewInput {
        cancel,
        ..PreviewInput::default()
    };
    let root = preview(&posts_and_comments(&api), "posts", 1, input.clone());
    assert!(root.cancelled);
    assert!(root.pages.is_empty());
    let child = preview(&posts_and_comments(&api), "comments", 2, input);
    assert!(child.cancelled);
    assert_eq!(child.error.as_deref(), Some("cancelled"));
}

#[test]
fn the_schema_preview_comes_from_the_normalizer() {
    let api = api();
    let doc = json!({
        "client": {"base_url": api.base_url()},
        "resources": [{"name": "posts", "endpoint": {"path": "posts", "data_selector": "data",
            "params": {"per_page": 4}, "paginator": "single_page"}}]
    });
    let t = preview(&doc, "posts", 1, PreviewInput::default());
    let tables: Vec<(&str, Option<&str>)> = t
        .schema
        .tables
        .iter()
        .map(|t| (t.name.as_str(), t.parent.as_deref()))
        .collect();
    assert!(tables.contains(&("posts", None)), "{tables:?}");
    assert!(
        tables.contains(&("posts__tags", Some("posts"))),
        "{tables:?}"
    );
    let posts = &t.schema.tables[0];
    let col = |n: &str| posts.columns.iter().find(|c| c.name == n).unwrap();
    // dlt naming and types: camelCase to snake_case, nested objects flattened, ISO text to timestamp.
    assert_eq!(col("view_count").data_type, "bigint");
    assert_eq!(col("created_at").data_type, "timestamp");
    assert_eq!(col("author__name").data_type, "text");
    assert_eq!(posts.rows, 4);
    // `score` cycles int, string, float, bool: the first fixes the type, the others are variants.
    assert_eq!(col("score").data_type, "bigint");
    assert!(col("score__v_text").variant);
    assert!(
        t.schema
            .warnings
            .iter()
            .any(|w| w.starts_with("posts.score__v_text: variant")),
        "{:?}",
        t.schema.warnings
    );

    // Post 3 alone: its summary is null, so no column yet, and a warning says so.
    let mut only3 = doc.clone();
    only3["resources"][0]["processing_steps"] = json!([{"filter": ".id == 3"}]);
    let t = preview(&only3, "posts", 1, PreviewInput::default());
    let posts = &t.schema.tables[0];
    let summary = posts.columns.iter().find(|c| c.name == "summary").unwrap();
    assert!(summary.all_null);
    assert!(
        t.schema
            .warnings
            .iter()
            .any(|w| w.starts_with("posts.summary: null in every sampled record")),
        "{:?}",
        t.schema.warnings
    );
}
