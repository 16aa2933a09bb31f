//! Secrets out of URLs, headers and messages before anything leaves the engine.

use url::Url;

/// Query parameter names that carry credentials: dlt's URL redaction list (dlt-behaviour §9.5).
/// We mask these, plus the `username` and `client_id` that dlt masks only in configs.
pub const DLT_SECRET_PARAMS: [&str; 11] = [
    "api_key",
    "token",
    "key",
    "access_token",
    "apikey",
    "api-key",
    "access-token",
    "secret",
    "password",
    "pwd",
    "client_secret",
];

/// Header names whose values are masked.
const SENSITIVE_HEADERS: [&str; 6] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "api-key",
];

/// True for a query parameter whose value must not be shown.
pub fn is_sensitive_param(name: &str) -> bool {
    DLT_SECRET_PARAMS
        .iter()
        .chain(["username", "client_id"].iter())
        .any(|p| p.eq_ignore_ascii_case(name))
}

/// True for a header whose value must not be shown.
pub fn is_sensitive_header(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    SENSITIVE_HEADERS.contains(&l.as_str())
        || l.contains("token")
        || l.contains("secret")
        || l.contains("api-key")
        || l.contains("apikey")
}

/// A URL with sensitive query values replaced by `***` and any user info removed.
pub fn redact_url(raw: &str) -> String {
    let Ok(mut url) = Url::parse(raw) else {
        return raw.to_string();
    };
    if !url.username().is_empty() || url.password().is_some() {
        let _ = url.set_username("***");
        let _ = url.set_password(None);
    }
    if url.query().is_some() {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| {
                let v = if is_sensitive_param(&k) {
                    "***".to_string()
                } else {
                    v.to_string()
                };
                (k.to_string(), v)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    url.to_string().replace("%2A%2A%2A", "***")
}

/// A header value as it may be shown.
pub fn redact_header(name: &str, value: &str) -> String {
    if is_sensitive_header(name) {
        match value.split_once(' ') {
            // Keep the scheme so `Bearer ***` still explains what was sent.
            Some((scheme, _)) if scheme.len() < 16 => format!("{scheme} ***"),
            _ => "***".into(),
        }
    } else {
        value.to_string()
    }
}

/// Replaces every occurrence of each known secret value in a text.
pub fn scrub(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().filter(|s| s.len() >= 3) {
        out = out.replace(s.as_str(), "***");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_query_and_headers() {
        assert_eq!(
            redact_url("https://x.org/a?api_key=abc&page=2&Token=t"),
            "https://x.org/a?api_key=***&page=2&Token=***"
        );
        assert_eq!(redact_url("https://u:p@x.org/"), "https://***@x.org/");
        assert_eq!(
            redact_header("Authorization", "Bearer abc123"),
            "Bearer ***"
        );
        assert_eq!(redact_header("X-API-Key", "k"), "***");
        assert_eq!(redact_header("Accept", "json"), "json");
        assert_eq!(
            scrub("token s3cr3t leaked", &["s3cr3t".into()]),
            "token *** leaked"
        );
    }
}
