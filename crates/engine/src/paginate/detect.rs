//! Paginator auto-detection from the first response, in dlt's order (dlt-behaviour §4.7), with
//! the evidence that decided it so a preview can show why.

use serde::Serialize;
use serde_json::{Map, Value};

use super::link_header::links_of;
use super::{HeaderLink, JsonCursor, JsonLink, Paginator, RangePaginator, SinglePage};
use crate::config::PaginatorSpec;
use reqwest::header::HeaderMap;

/// What detection chose and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Detection {
    /// The chosen paginator as config (what "Apply" writes into the source).
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub config: Value,
    /// What in the response decided it.
    pub evidence: String,
    /// dlt's confidence: 1.0 sure, 0.5 a guess to verify, 0.0 fallback.
    pub score: f32,
}

/// Detects the paginator and builds it.
pub fn detect(json: Option<&Value>, headers: &HeaderMap) -> (Box<dyn Paginator>, Detection) {
    if let Some(next) = links_of(headers).get("next").filter(|u| !u.is_empty()) {
        let p = HeaderLink::new("next");
        let config = p.describe();
        return (
            Box::new(p),
            Detection {
                config,
                evidence: format!("Link header has rel=\"next\": {next}"),
                score: 1.0,
            },
        );
    }
    let obj = json.and_then(Value::as_object);
    let next = obj.and_then(|o| find_next(o, &mut Vec::new()));
    if let Some((path, Value::String(s))) = &next {
        if s.starts_with("http") || s.starts_with('/') {
            if let Ok(p) = JsonLink::new(path) {
                let config = p.describe();
                return (
                    Box::new(p),
                    Detection {
                        config,
                        evidence: format!("'{path}' holds a URL: {s}"),
                        score: 1.0,
                    },
                );
            }
        }
    }
    if let Some((path, value)) = obj.and_then(|o| find_total_pages(o, &mut Vec::new())) {
        let spec = PaginatorSpec::PageNumber {
            base_page: None,
            page: None,
            page_param: None,
            page_body_path: None,
            total_path: Some(Some(path.clone())),
            maximum_page: None,
            stop_after_empty_page: None,
            has_more_path: None,
        };
        if let Ok(p) = RangePaginator::from_spec(&spec) {
            let config = p.describe();
            return (
                Box::new(p),
                Detection {
                    config,
                    evidence: format!(
                        "'{path}' looks like a page count: {value}; verify base_page"
                    ),
                    score: 0.5,
                },
            );
        }
    }
    if let Some((path, value)) = next {
        if let Ok(p) = JsonCursor::new(&path, None, None, false, None) {
            let config = p.describe();
            return (
                Box::new(p),
                Detection {
                    config,
                    evidence: format!("'{path}' looks like a cursor: {value}"),
                    score: 0.5,
                },
            );
        }
    }
    let p = SinglePage::default();
    let config = p.describe();
    (
        Box::new(p),
        Detection {
            config,
            evidence: "no next link, page count or cursor in the first response".into(),
            score: 0.0,
        },
    )
}

fn dotted(keys: &[&str]) -> String {
    let plain = keys
        .iter()
        .all(|k| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_'));
    if plain {
        keys.join(".")
    } else {
        let parts: Vec<String> = keys
            .iter()
            .map(|k| format!("['{}']", k.replace('\'', "\\'")))
            .collect();
        format!("${}", parts.join(""))
    }
}

fn scalar(v: &Value) -> bool {
    matches!(v, Value::String(_) | Value::Number(_))
}

/// The "next key" search: depth-first over objects; a key starting with `next` whose value is a
/// scalar, or an object holding an `href`/`url` scalar.
fn find_next<'v>(obj: &'v Map<String, Value>, at: &mut Vec<&'v str>) -> Option<(String, Value)> {
    for (k, v) in obj {
        at.push(k);
        if k.to_ascii_lowercase().starts_with("next") {
            match v {
                Value::Object(inner) => {
                    let hit = inner.iter().find(|(ik, iv)| {
                        let l = ik.to_ascii_lowercase();
                        (l.starts_with("href") || l.starts_with("url")) && scalar(iv)
                    });
                    if let Some((ik, iv)) = hit {
                        at.push(ik);
                        let found = (dotted(at), iv.clone());
                        at.pop();
                        at.pop();
                        return Some(found);
                    }
                }
                v if scalar(v) => {
                    let found = (dotted(at), v.clone());
                    at.pop();
                    return Some(found);
                }
                _ => {}
            }
        }
        if let Value::Object(inner) = v {
            if let Some(found) = find_next(inner, at) {
                at.pop();
                return Some(found);
            }
        }
        at.pop();
    }
    None
}

fn find_total_pages<'v>(
    obj: &'v Map<String, Value>,
    at: &mut Vec<&'v str>,
) -> Option<(String, Value)> {
    for (k, v) in obj {
        at.push(k);
        let l = k.to_ascii_lowercase();
        let countable = match v {
            Value::Number(_) => true,
            Value::String(s) => s.trim().parse::<f64>().is_ok(),
            _ => false,
        };
        if matches!(l.as_str(), "total_pages" | "pages" | "totalpages") && countable {
            let found = (dotted(at), v.clone());
            at.pop();
            return Some(found);
        }
        if let Value::Object(inner) = v {
            if let Some(found) = find_total_pages(inner, at) {
                at.pop();
                return Some(found);
            }
        }
        at.pop();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kind(json: Value) -> (String, Value, f32) {
        let (_, d) = detect(Some(&json), &HeaderMap::new());
        (
            d.config["type"].as_str().unwrap_or_default().to_string(),
            d.config,
            d.score,
        )
    }

    #[test]
    fn header_link_wins() {
        let mut h = HeaderMap::new();
        h.insert(
            reqwest::header::LINK,
            "<https://x/2>; rel=\"next\"".parse().unwrap(),
        );
        let (_, d) = detect(Some(&json!({"next": "https://y"})), &h);
        assert_eq!(d.config["type"], "header_link");
        assert_eq!(d.score, 1.0);
    }

    #[test]
    fn dlt_detector_cases() {
        // Cases from dlt's test_detector.py (dlt-behaviour §13.4).
        let (k, c, s) = kind(json!({"data": [], "next": "https://api.example.com/p?page=2"}));
        assert_eq!(
            (k.as_str(), c["next_url_path"].as_str(), s),
            ("json_link", Some("next"), 1.0)
        );
        let (k, c, _) = kind(json!({"links": {"next": "/p?page=2"}, "next_cursor": "x"}));
        assert_eq!(
            (k.as_str(), c["next_url_path"].as_str()),
            ("json_link", Some("links.next"))
        );
        let (k, c, _) = kind(json!({"_links": {"next": {"href": "http://x/2"}}}));
        assert_eq!(
            (k.as_str(), c["next_url_path"].as_str()),
            ("json_link", Some("_links.next.href"))
        );
        let (k, c, s) = kind(json!({"items": [], "total_pages": 10}));
        assert_eq!(
            (k.as_str(), c["total_path"].as_str(), s),
            ("page_number", Some("total_pages"), 0.5)
        );
        let (k, c, s) = kind(json!({"items": [], "next_cursor": "abc"}));
        assert_eq!(
            (k.as_str(), c["cursor_path"].as_str(), s),
            ("cursor", Some("next_cursor"), 0.5)
        );
        let (k, _, _) = kind(json!({"items": [], "next_id": 42}));
        assert_eq!(k, "cursor");
        let (k, _, s) = kind(json!({"items": [], "next": null}));
        assert_eq!((k.as_str(), s), ("single_page", 0.0));
        let (k, _, _) = kind(json!([1, 2, 3]));
        assert_eq!(k, "single_page");
        let (k, _, _) = kind(json!({"meta": {"pagination": {"pages": "3"}}}));
        assert_eq!(k, "page_number");
    }

    /// dlt-behaviour §13.4: every case of dlt's `test_detector.py`, records path and paginator.
    #[test]
    fn dlt_test_detector_table() {
        use crate::select::detect_records;
        let cases = [
            (
                json!({"data": [{"id": 1}], "pagination": {"offset": 0, "limit": 10, "total": 100}}),
                "data",
                "single_page",
                None,
            ),
            (
                json!({"items": [{"id": 1}], "page_info": {"total_pages": 5}}),
                "items",
                "page_number",
                Some("page_info.total_pages"),
            ),
            (
                json!({"products": [{"id": 1}], "next_cursor": "ZXlKcFpDSTZNVEF3ZlE9PQ=="}),
                "products",
                "cursor",
                Some("next_cursor"),
            ),
            (
                json!({"results": [{"id": 1}], "cursors": {"next": "abc", "previous": null}}),
                "results",
                "cursor",
                Some("cursors.next"),
            ),
            (
                json!({"entries": [{"id": 1}], "next_id": 33}),
                "entries",
                "cursor",
                Some("next_id"),
            ),
            (
                json!({"comments": [{"id": 1}], "page_number": 1, "total_pages": 3}),
                "comments",
                "page_number",
                Some("total_pages"),
            ),
            (
                json!({"count": 3, "next": "https://x.org/api/?page=2", "previous": null, "results": [{"id": 1}]}),
                "results",
                "json_link",
                Some("next"),
            ),
            (
                json!({"_embedded": {"items": [{"id": 1}]}, "_links": {"next": {"href": "https://x.org/items?page=2"}}}),
                "_embedded.items",
                "json_link",
                Some("_links.next.href"),
            ),
            (
                json!({"items": [{"id": 1}], "meta": {"totalPages": 3}, "links": {"nextPage": "/items?page=2"}}),
                "items",
                "json_link",
                Some("links.nextPage"),
            ),
            (
                json!({"data": [{"id": 1}], "pagination": {"totalPages": 3}}),
                "data",
                "page_number",
                Some("pagination.totalPages"),
            ),
            (
                json!({"items": [{"id": 1}], "pagination": {"total": 30, "totalPages": 3}}),
                "items",
                "page_number",
                Some("pagination.totalPages"),
            ),
            (
                json!({"data": [{"id": 1}], "meta": {"totalPages": 3}, "links": {"next": "/api/items?page=2"}}),
                "data",
                "json_link",
                Some("links.next"),
            ),
            (
                json!({"page": 1, "per_page": 10, "total": 30, "pages": 3, "data": [{"id": 1}]}),
                "data",
                "page_number",
                Some("pages"),
            ),
            (
                json!({"currentPage": 1, "pageSize": 10, "totalPages": 3, "totalItems": 30, "items": [{"id": 1}]}),
                "items",
                "page_number",
                Some("totalPages"),
            ),
            (
                json!({"articles": [{"id": 1}], "paging": {"current": 1, "size": 10, "total": 30}}),
                "articles",
                "single_page",
                None,
            ),
            (
                json!({"feed": [{"id": 1}], "offset": 0, "limit": 10, "total_count": 30}),
                "feed",
                "single_page",
                None,
            ),
            (
                json!({"query_results": [{"id": 1}], "page_details": {"total_pages": 3}}),
                "query_results",
                "page_number",
                Some("page_details.total_pages"),
            ),
            (json!([{"id": 1}]), "$", "single_page", None),
            (json!({"id": 1, "name": "x"}), "$", "single_page", None),
        ];
        for (body, records, kind, path) in cases {
            assert_eq!(detect_records(&body).path, records, "{body}");
            let (_, d) = detect(Some(&body), &HeaderMap::new());
            assert_eq!(d.config["type"], kind, "{body}");
            let key = match kind {
                "json_link" => "next_url_path",
                "cursor" => "cursor_path",
                _ => "total_path",
            };
            if let Some(p) = path {
                assert_eq!(d.config[key], p, "{body}");
            }
        }
    }
}
