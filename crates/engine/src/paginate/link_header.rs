//! `Link` header parsing as Python `requests` does it (dlt-behaviour §4.5), not full RFC 8288.

use std::collections::HashMap;

/// Link entries keyed by their `rel` (whole string, case-sensitive), or by URL when no `rel`;
/// later entries win.
pub fn parse_link_header(header: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let trimmed = header.trim_matches(|c| c == ' ' || c == '\'' || c == '"');
    if trimmed.is_empty() {
        return out;
    }
    for entry in split_entries(trimmed) {
        let (url_part, params) = entry.split_once(';').unwrap_or((entry, ""));
        let url = url_part
            .trim_matches(|c| c == '<' || c == '>' || c == ' ' || c == '\'' || c == '"')
            .to_string();
        let mut rel = None;
        for param in params.split(';') {
            let Some((k, v)) = param.split_once('=') else {
                break;
            };
            let strip = |s: &str| {
                s.trim_matches(|c| c == ' ' || c == '\'' || c == '"')
                    .to_string()
            };
            if strip(k) == "rel" {
                rel = Some(strip(v));
            }
        }
        out.insert(rel.unwrap_or_else(|| url.clone()), url);
    }
    out
}

/// The links of a response: every `Link` header line joined with `", "`, as `requests` does.
pub fn links_of(headers: &reqwest::header::HeaderMap) -> HashMap<String, String> {
    let lines: Vec<&str> = headers
        .get_all(reqwest::header::LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    parse_link_header(&lines.join(", "))
}

/// Splits on `,` followed by optional spaces and `<` (the regex `", *<"`), keeping the `<`.
fn split_entries(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b',' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'<' {
                parts.push(&s[start..i]);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    parts.push(&s[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_like_requests() {
        let h = r#"<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last""#;
        let l = parse_link_header(h);
        assert_eq!(l["next"], "https://api.github.com/x?page=2");
        assert_eq!(l["last"], "https://api.github.com/x?page=5");
        let l = parse_link_header("</items?page=2>; rel=next,<https://x/a,b>; rel='prev'");
        assert_eq!(l["next"], "/items?page=2");
        assert_eq!(l["prev"], "https://x/a,b");
        let l = parse_link_header(r#"<https://x/2>; rel="NEXT""#);
        assert!(!l.contains_key("next"));
        let l = parse_link_header(r#"<https://x/2>; rel="next last""#);
        assert!(l.contains_key("next last"));
        assert!(parse_link_header("").is_empty());
    }
}
