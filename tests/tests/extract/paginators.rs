//! One test per paginator style and stop rule.

use pipewright_engine::paginate::StopReason;
use serde_json::json;

use super::{all_posts, api, assert_pages, ids, run, source};

#[test]
fn page_number_base_one_stops_at_total_pages() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "posts", "endpoint": {"path": "page_number/posts", "data_selector": "data",
        "paginator": {"type": "page_number", "base_page": 1, "total_path": "total_pages"}}}),
    );
    let t = run(&doc, "posts");
    assert_eq!(ids(&t), all_posts(25));
    assert_pages(&t, 3, StopReason::TotalReached);
    assert!(t.pages[2].request.url.contains("page=3"));
}

#[test]
fn page_number_zero_based_and_nested_total() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "page_number/zero_based/posts",
        "paginator": {"type": "page_number", "total_path": "total_pages"}}}),
    );
    let t = run(&doc, "p");
    assert_eq!(ids(&t), all_posts(25));
    assert_pages(&t, 3, StopReason::TotalReached);
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "page_number/nested/posts", "data_selector": "items",
        "paginator": {"type": "page_number", "base_page": 1, "total_path": "meta.pagination.total_pages"}}}),
    );
    assert_eq!(ids(&run(&doc, "p")), all_posts(25));
}

#[test]
fn page_number_without_total_stops_on_empty_page() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "page_number/no_total/posts",
        "paginator": {"type": "page_number", "base_page": 1, "total_path": null}}}),
    );
    let t = run(&doc, "p");
    assert_eq!(ids(&t), all_posts(25));
    assert_pages(&t, 4, StopReason::EmptyPage);
}

#[test]
fn page_number_default_total_path_reads_items_as_pages_like_dlt() {
    // dlt's default total_path is `total`, read as a page count; this API counts items there,
    // so paging runs on until the first empty page (one extra request), exactly as in dlt.
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "posts", "data_selector": "data",
        "paginator": {"type": "page_number", "base_page": 1}}}),
    );
    let t = run(&doc, "p");
    assert_eq!(ids(&t), all_posts(25));
    assert_pages(&t, 4, StopReason::EmptyPage);
}

#[test]
fn page_number_maximum_page_is_exclusive() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "posts", "data_selector": "data",
        "paginator": {"type": "page_number", "base_page": 1, "page": 1, "maximum_page": 3, "total_path": null}}}),
    );
    let t = run(&doc, "p");
    assert_eq!(ids(&t), all_posts(20));
    assert_pages(&t, 2, StopReason::MaximumReached);
}

#[test]
fn json_link_absolute_relative_odata_nested() {
    let api = api();
    for (path, next, selector) in [
        ("json_link/posts", "next", "data"),
        ("json_link/relative/posts", "next", "data"),
        ("json_link/odata/posts", "['@odata.nextLink']", "value"),
        ("json_link/nested/posts", "links.next", "data"),
    ] {
        let doc = source(
            &api,
            json!({"name": "p", "endpoint": {"path": path, "data_selector": selector,
            "paginator": {"type": "json_link", "next_url_path": next}}}),
        );
        let t = run(&doc, "p");
        assert_eq!(ids(&t), all_posts(25), "{path}");
        assert_pages(&t, 3, StopReason::NoNextLink);
    }
}

#[test]
fn json_link_next_url_replaces_the_query_as_dlt() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "json_link/posts", "data_selector": "data",
        "params": {"limit": 5, "sort": "asc"}, "paginator": "json_link"}}),
    );
    let t = run(&doc, "p");
    assert_eq!(t.pages.len(), 5);
    // The server keeps our params in its next links; we send exactly what it gave us.
    assert!(t.pages[1].request.url.contains("limit=5"));
    assert_eq!(t.pages[1].request.url.matches("limit=").count(), 1);
}

#[test]
fn header_link_absolute_and_relative() {
    let api = api();
    for path in ["header_link/posts", "header_link/relative/posts"] {
        let doc = source(
            &api,
            json!({"name": "p", "endpoint": {"path": path, "paginator": "header_link"}}),
        );
        let t = run(&doc, "p");
        assert_eq!(ids(&t), all_posts(25), "{path}");
        assert_pages(&t, 3, StopReason::NoNextLink);
    }
}

#[test]
fn header_cursor() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "header_cursor/posts",
        "paginator": {"type": "header_cursor", "cursor_key": "NextPageToken", "cursor_param": "cursor"}}}),
    );
    let t = run(&doc, "p");
    assert_eq!(ids(&t), all_posts(25));
    assert_pages(&t, 3, StopReason::NoCursor);
}

#[test]
fn offset_total_no_total_has_more() {
    let api = api();
    let cases = [
        (
            "offset/posts",
            json!({"type": "offset", "limit": 10}),
            3,
            StopReason::TotalReached,
        ),
        (
            "offset/no_total/posts",
            json!({"type": "offset", "limit": 10, "total_path": null}),
            4,
            StopReason::EmptyPage,
        ),
        (
            "offset/has_more/posts",
            json!({"type": "offset", "limit": 10, "total_path": null, "has_more_path": "has_more"}),
            3,
            StopReason::HasMoreFalse,
        ),
    ];
    for (path, paginator, pages, stop) in cases {
        let doc = source(
            &api,
            json!({"name": "p", "endpoint": {"path": path, "data_selector": "data", "paginator": paginator}}),
        );
        let t = run(&doc, "p");
        assert_eq!(ids(&t), all_posts(25), "{path}");
        assert_pages(&t, pages, stop);
    }
}

#[test]
fn offset_and_cursor_in_post_bodies() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "offset/body/posts", "method": "POST", "data_selector": "data",
        "paginator": {"type": "offset", "limit": 10, "offset_body_path": "pagination.offset", "limit_body_path": "pagination.limit"}}}),
    );
    let t = run(&doc, "p");
    assert_eq!(ids(&t), all_posts(25));
    assert_eq!(t.pages[1].request.method, "POST");
    let body = serde_json::to_value(&t.pages[1].request.body).unwrap();
    assert_eq!(
        body["value"]["pagination"],
        json!({"offset": 10, "limit": 10})
    );
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "cursor/body/posts", "method": "POST", "data_selector": "data",
        "json": {"filter": "all"},
        "paginator": {"type": "cursor", "cursor_path": "next_cursor", "cursor_body_path": "pagination.cursor"}}}),
    );
    let t = run(&doc, "p");
    assert_eq!(ids(&t), all_posts(25));
    assert_pages(&t, 3, StopReason::NoCursor);
}

#[test]
fn cursor_in_query() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "cursor/posts", "data_selector": "data", "paginator": "cursor"}}),
    );
    let t = run(&doc, "p");
    assert_eq!(ids(&t), all_posts(25));
    assert_pages(&t, 3, StopReason::NoCursor);
    assert!(t.pages[1].request.url.contains("cursor="));
}

#[test]
fn single_page_makes_one_request() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "json_link/posts", "data_selector": "data", "paginator": "single_page"}}),
    );
    let t = run(&doc, "p");
    assert_eq!(ids(&t), all_posts(10));
    assert_pages(&t, 1, StopReason::SinglePage);
    assert_eq!(api.hits("/json_link/posts"), 1);
}

#[test]
fn loop_guard_and_max_pages() {
    let api = api();
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "json_link/posts", "params": {"endless": "same"},
        "data_selector": "data", "paginator": "json_link"}}),
    );
    let t = run(&doc, "p");
    // The server hands back the page just served: its records are taken once.
    assert_eq!(t.stop, Some(StopReason::RepeatedPage));
    assert_eq!(ids(&t), all_posts(10));
    assert!(t.pages.len() <= 2);
    let doc = source(
        &api,
        json!({"name": "p", "endpoint": {"path": "json_link/posts", "params": {"endless": "increasing"},
        "data_selector": "data", "paginator": "json_link", "max_pages": 4}}),
    );
    let t = run(&doc, "p");
    assert_pages(&t, 4, StopReason::MaxPages);
    assert_eq!(t.records.len(), 40);
}

#[test]
fn client_paginator_is_used_when_the_endpoint_sets_none() {
    let api = api();
    let doc = json!({"client": {"base_url": api.base_url(), "paginator": {"type": "json_link"}},
        "resources": [{"name": "p", "endpoint": {"path": "json_link/posts", "data_selector": "data"}},
                      {"name": "q", "endpoint": {"path": "json_link/posts", "data_selector": "data", "paginator": "single_page"}}]});
    assert_eq!(run(&doc, "p").pages.len(), 3);
    assert_eq!(run(&doc, "q").pages.len(), 1);
}
