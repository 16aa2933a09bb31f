//! Guessing a paginator from request parameters and response fields, for curl and OpenAPI
//! imports. Every guess comes with the evidence it rests on.

use serde_json::{json, Map, Value};

use super::endpoints::Confidence;

/// A query parameter the request has or the API declares.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParamHint {
    /// Its name.
    pub name: String,
    /// The value sent (curl) or the declared default (OpenAPI).
    pub value: Option<Value>,
    /// The declared minimum.
    pub minimum: Option<i64>,
    /// The declared maximum.
    pub maximum: Option<i64>,
}

/// What is known of the response: field paths (dotted, with their JSON type) and headers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResponseHint {
    /// `(path, type)`, e.g. `("meta.total_pages", "integer")`.
    pub fields: Vec<(String, String)>,
    /// Declared response header names.
    pub headers: Vec<String>,
}

/// A paginator and why.
#[derive(Debug, Clone, PartialEq)]
pub struct PagingGuess {
    /// The paginator object.
    pub paginator: Value,
    /// Parameters the paginator now sends (remove them from `params`).
    pub consumed: Vec<String>,
    /// The evidence, in words.
    pub evidence: String,
    /// High when the request and the response agree (a page parameter and a page count),
    /// medium on one signal, low when a part had to be defaulted.
    pub confidence: Confidence,
}

const PAGE: [&str; 5] = ["page", "page_number", "pageNumber", "page_no", "pageNo"];
const OFFSET: [&str; 6] = [
    "offset",
    "skip",
    "start",
    "start_index",
    "startIndex",
    "$skip",
];
const LIMIT: [&str; 11] = [
    "limit",
    "per_page",
    "perPage",
    "page_size",
    "pageSize",
    "size",
    "count",
    "max_results",
    "maxResults",
    "take",
    "$top",
];
const CURSOR: [&str; 12] = [
    "cursor",
    "after",
    "page_token",
    "pageToken",
    "next_token",
    "nextToken",
    "starting_after",
    "continuation",
    "continuation_token",
    "continuationToken",
    "marker",
    "next_cursor",
];
const TOTAL_PAGES: [&str; 7] = [
    "total_pages",
    "totalPages",
    "pages",
    "page_count",
    "pageCount",
    "last_page",
    "lastPage",
];
const TOTAL_ITEMS: [&str; 8] = [
    "total",
    "total_count",
    "totalCount",
    "total_results",
    "totalResults",
    "total_items",
    "totalItems",
    "count",
];
const NEXT_LINK: [&str; 8] = [
    "next",
    "next_url",
    "nextUrl",
    "next_link",
    "nextLink",
    "@odata.nextLink",
    "next_page_url",
    "nextPageUrl",
];
const NEXT_CURSOR: [&str; 8] = [
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "end_cursor",
    "endCursor",
    "next_token",
    "nextToken",
];
const HAS_MORE: [&str; 5] = ["has_more", "hasMore", "has_next", "hasNext", "more"];

fn find<'a>(params: &'a [ParamHint], names: &[&str]) -> Option<&'a ParamHint> {
    names
        .iter()
        .find_map(|n| params.iter().find(|p| p.name == *n))
}

/// The first response field whose last segment is one of `names` and whose type is one of
/// `types` (shallowest first); as a dlt JSONPath.
fn field(resp: &ResponseHint, names: &[&str], types: &[&str]) -> Option<String> {
    let mut hits: Vec<&(String, String)> = resp
        .fields
        .iter()
        .filter(|(path, ty)| {
            let leaf = path.rsplit('.').next().unwrap_or(path);
            (names.contains(&leaf) || names.contains(&path.as_str()))
                && types.contains(&ty.as_str())
        })
        .collect();
    hits.sort_by_key(|(p, _)| p.matches('.').count());
    hits.first().map(|(p, _)| json_path(p))
}

/// A dotted path as dlt's JSONPath: segments that are not plain names in `['...']`.
pub fn json_path(dotted: &str) -> String {
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !s.starts_with(|c: char| c.is_ascii_digit())
    };
    if dotted.starts_with('@') {
        return format!("['{dotted}']");
    }
    dotted
        .split('.')
        .map(|s| {
            if plain(s) {
                s.to_string()
            } else {
                format!("['{s}']")
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn int(v: &Option<Value>) -> Option<i64> {
    match v {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.parse().ok(),
        _ => None,
    }
}

/// High when the response says where paging ends (a count or a has-more flag); else paging
/// relies on an empty page, which some APIs never send.
fn stop_known(total: &Option<String>, has_more: &Option<String>) -> Confidence {
    if total.is_some() || has_more.is_some() {
        Confidence::High
    } else {
        Confidence::Medium
    }
}

/// The most likely paginator, or `None` when nothing points at one.
pub fn guess(params: &[ParamHint], resp: &ResponseHint) -> Option<PagingGuess> {
    if resp.headers.iter().any(|h| h.eq_ignore_ascii_case("link")) {
        return Some(PagingGuess {
            paginator: json!("header_link"),
            consumed: vec![],
            evidence: "the response declares a Link header".into(),
            confidence: Confidence::High,
        });
    }
    let has_more = field(resp, &HAS_MORE, &["boolean"]);
    if let Some(page) = find(params, &PAGE) {
        let base = match (page.minimum, int(&page.value)) {
            (Some(0), _) | (None, Some(0)) => 0,
            _ => 1,
        };
        let total = field(resp, &TOTAL_PAGES, &["integer", "number"]);
        let mut p = Map::new();
        p.insert("type".into(), json!("page_number"));
        p.insert("base_page".into(), json!(base));
        p.insert("page_param".into(), json!(page.name));
        let mut evidence = format!("query parameter '{}' (pages from {base})", page.name);
        match (&total, &has_more) {
            (Some(t), _) => {
                p.insert("total_path".into(), json!(t));
                evidence.push_str(&format!(", response field '{t}' as the page count"));
            }
            (None, Some(h)) => {
                p.insert("total_path".into(), Value::Null);
                p.insert("has_more_path".into(), json!(h));
                evidence.push_str(&format!(
                    ", response field '{h}' says whether more pages exist"
                ));
            }
            (None, None) => {
                p.insert("total_path".into(), Value::Null);
                evidence.push_str(
                    "; no page count in the response, so paging stops at the first empty page",
                );
            }
        }
        return Some(PagingGuess {
            paginator: Value::Object(p),
            consumed: vec![page.name.clone()],
            evidence,
            confidence: stop_known(&total, &has_more),
        });
    }
    if let (Some(off), Some(lim)) = (find(params, &OFFSET), find(params, &LIMIT)) {
        let limit = int(&lim.value)
            .or(lim.maximum)
            .unwrap_or(100)
            .clamp(1, lim.maximum.unwrap_or(i64::MAX));
        let total = field(resp, &TOTAL_ITEMS, &["integer", "number"]);
        let mut p = Map::new();
        p.insert("type".into(), json!("offset"));
        p.insert("limit".into(), json!(limit));
        p.insert("offset_param".into(), json!(off.name));
        p.insert("limit_param".into(), json!(lim.name));
        let mut evidence = format!(
            "query parameters '{}' and '{}' (limit {limit})",
            off.name, lim.name
        );
        match (&total, &has_more) {
            (Some(t), _) => {
                p.insert("total_path".into(), json!(t));
                evidence.push_str(&format!(", response field '{t}' as the item count"));
            }
            (None, Some(h)) => {
                p.insert("total_path".into(), Value::Null);
                p.insert("has_more_path".into(), json!(h));
                evidence.push_str(&format!(", response field '{h}' says whether more exist"));
            }
            (None, None) => {
                p.insert("total_path".into(), Value::Null);
                evidence.push_str(
                    "; no item count in the response, so paging stops at the first empty page",
                );
            }
        }
        return Some(PagingGuess {
            paginator: Value::Object(p),
            consumed: vec![off.name.clone(), lim.name.clone()],
            evidence,
            confidence: stop_known(&total, &has_more),
        });
    }
    let next_cursor = field(resp, &NEXT_CURSOR, &["string", "integer"]);
    if let Some(cur) = find(params, &CURSOR) {
        // A `next_cursor`-like field is a strong signal; a bare `cursor` field a weaker one.
        let path = next_cursor
            .clone()
            .map(|p| (p, Confidence::High))
            .or_else(|| {
                field(resp, &["cursor", "after"], &["string"]).map(|p| (p, Confidence::Medium))
            });
        if let Some((path, confidence)) = path {
            return Some(PagingGuess {
                paginator: json!({"type": "cursor", "cursor_param": cur.name, "cursor_path": path}),
                consumed: vec![cur.name.clone()],
                evidence: format!("query parameter '{}' and response field '{path}'", cur.name),
                confidence,
            });
        }
        return Some(PagingGuess {
            paginator: json!({"type": "cursor", "cursor_param": cur.name}),
            consumed: vec![cur.name.clone()],
            evidence: format!(
                "query parameter '{}'; the response field with the next cursor is unknown, so \
                 cursor_path is dlt's default 'cursors.next': check it",
                cur.name
            ),
            confidence: Confidence::Low,
        });
    }
    if let Some(next) = field(resp, &NEXT_LINK, &["string"]) {
        return Some(PagingGuess {
            paginator: json!({"type": "json_link", "next_url_path": next}),
            consumed: vec![],
            evidence: format!("response field '{next}' holds the next page's URL"),
            confidence: Confidence::High,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str, value: Option<Value>) -> ParamHint {
        ParamHint {
            name: name.into(),
            value,
            ..ParamHint::default()
        }
    }

    fn fields(f: &[(&str, &str)]) -> ResponseHint {
        ResponseHint {
            fields: f
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            headers: vec![],
        }
    }

    #[test]
    fn page_offset_cursor_link() {
        let g = guess(
            &[p("page", Some(json!("1"))), p("per_page", None)],
            &fields(&[("meta.total_pages", "integer")]),
        )
        .unwrap();
        assert_eq!(
            g.paginator,
            json!({"type": "page_number", "base_page": 1, "page_param": "page", "total_path": "meta.total_pages"})
        );
        assert_eq!(g.consumed, vec!["page"]);
        assert_eq!(g.confidence, Confidence::High);
        let g = guess(&[p("page", None)], &fields(&[])).unwrap();
        assert_eq!(
            g.confidence,
            Confidence::Medium,
            "no page count: stops on an empty page"
        );
        let g = guess(
            &[p("offset", None), p("limit", Some(json!(50)))],
            &fields(&[("total", "integer")]),
        )
        .unwrap();
        assert_eq!(g.paginator["limit"], 50);
        assert_eq!(g.paginator["total_path"], "total");
        let g = guess(
            &[p("after", None)],
            &fields(&[("paging.next_cursor", "string")]),
        )
        .unwrap();
        assert_eq!(
            g.paginator,
            json!({"type": "cursor", "cursor_param": "after", "cursor_path": "paging.next_cursor"})
        );
        assert_eq!(g.confidence, Confidence::High);
        let g = guess(&[p("after", None)], &fields(&[])).unwrap();
        assert_eq!(g.confidence, Confidence::Low, "cursor_path defaulted");
        let g = guess(&[], &fields(&[("@odata.nextLink", "string")])).unwrap();
        assert_eq!(g.paginator["next_url_path"], "['@odata.nextLink']");
        assert!(guess(&[p("q", None)], &fields(&[("items", "array")])).is_none());
    }
}
