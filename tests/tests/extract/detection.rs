//! Auto-detection of paginators and record locations, and single-entity endpoints.

use pipewright_engine::paginate::StopReason;
use serde_json::json;

use super::{all_posts, api, assert_pages, ids, run, source};

#[test]
fn detects_json_link_header_link_cursor_and_page_number() {
    let api = api();
    let cases = [
        ("json_link/posts", "json_link", 1.0),
        ("header_link/posts", "header_link", 1.0),
        ("cursor/posts", "cursor", 0.5),
        ("page_number/zero_based/posts", "page_number", 0.5),
    ];
    for (path, kind, score) in cases {
        let doc = source(&api, json!({"name": "p", "endpoint": {"path": path}}));
        let t = run(&doc, "p");
        let d = t.detected_paginator.clone().unwrap();
        assert_eq!(d.config["type"], kind, "{path}: {d:?}");
        assert_eq!(d.score, score, "{path}");
        assert!(!d.evidence.is_empty());
        assert_eq!(ids(&t), all_posts(25), "{path}");
    }
}

#[test]
fn detection_falls_back_to_single_page_with_evidence() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "single_page/posts"}}),
    );
    let t = run(&doc, "p");
    let d = t.detected_paginator.clone().unwrap();
    assert_eq!(
        (d.config["type"].as_str(), d.score),
        (Some("single_page"), 0.0)
    );
    assert_pages(&t, 1, StopReason::SinglePage);
}

#[test]
fn records_are_found_where_dlt_finds_them() {
    let api = api();
    for (path, expected) in [
        ("selectors/data/posts", "data"),
        ("selectors/results_posts/posts", "results.posts"),
        ("selectors/top_level/posts", "$"),
        ("selectors/items/posts", "items"),
        ("selectors/deep/posts", "response.body.records"),
    ] {
        let doc = source(
            &api,
            json!({"name": "p", "endpoint": {"path": path, "paginator": "single_page"}}),
        );
        let t = run(&doc, "p");
        assert_eq!(t.detected_selector.as_deref(), Some(expected), "{path}");
        assert_eq!(ids(&t), all_posts(10), "{path}");
    }
}

#[test]
fn explicit_selector_that_matches_nothing_is_explained() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "selectors/data/posts", "data_selector": "rows", "paginator": "single_page"}}),
    );
    let t = run(&doc, "p");
    assert!(t.records.is_empty());
    assert!(t.pages[0]
        .note
        .as_deref()
        .unwrap()
        .contains("matched nothing"));
}

#[test]
fn single_entity_path_gives_one_record() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "post", "endpoint": {"path": "posts/{id}", "params": {"id": 7}}}),
    );
    let t = run(&doc, "post");
    assert_eq!(ids(&t), vec![7]);
    assert_pages(&t, 1, StopReason::SinglePage);
    assert!(t.detected_paginator.is_none() && t.detected_selector.is_none());
}

#[test]
fn child_resource_preview_uses_the_first_parent_record() {
    let api = api();
    let doc = json!({"client": {"base_url": api.base_url()}, "resources": [
        {"name": "posts", "endpoint": {"path": "posts", "data_selector": "data", "params": {"per_page": 5},
            "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}},
         "processing_steps": [{"filter": ".id >= 2"}]},
        {"name": "comments", "endpoint": {"path": "posts/{resources.posts.id}/comments", "data_selector": "data",
            "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}}}
    ]});
    let t = run(&doc, "comments");
    assert_eq!(t.parents[0].resource, "posts");
    // The parent's filter step decides which records spawn children: post 1 is skipped.
    assert_eq!(t.parents[0].record["id"], 2);
    assert!(t.pages[0].request.url.contains("/posts/2/comments?page=1"));
    assert!(t.records.iter().all(|c| c["postId"] == 2));
    assert_eq!(t.records.len(), 2);
}

#[test]
fn processing_steps_apply_in_preview() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "selectors/data/posts", "paginator": "single_page"},
        "processing_steps": [{"filter": ".id % 2 == 0"}, {"map": "{id, tags}"}, {"yield_map": ".tags[] as $t | {id, tag: $t}"}]}),
    );
    let t = run(&doc, "p");
    assert_eq!(t.raw_records.len(), 10);
    // Even ids 2..10 have id % 4 tags each: 2→2, 4→0, 6→2, 8→0, 10→2.
    assert_eq!(t.records.len(), 6);
    assert!(t.records.iter().all(|r| r["tag"].is_string()));
}

#[test]
fn preview_sends_the_converted_incremental_value_as_a_run_would() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "posts", "data_selector": "data",
        "params": {"since": "{incremental.start_value}"},
        "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"},
        "incremental": {"cursor_path": "updated_at", "initial_value": "2024-01-02T00:40:00.004+00:00",
            "convert": "sub(\"\\\\+00:00$\"; \"Z\")"}}}),
    );
    let t = run(&doc, "p");
    assert!(
        t.pages[0]
            .request
            .url
            .contains("since=2024-01-02T00%3A40%3A00.004Z"),
        "{}",
        t.pages[0].request.url
    );
    assert_eq!(ids(&t).first(), Some(&4));
}
