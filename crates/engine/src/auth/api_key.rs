//! `api_key`: a key in a header, a query parameter (also after next-page URLs) or a cookie.

use crate::config::ApiKeyLocation;
use crate::http::request::RequestSpec;
use crate::secrets::Sensitive;

/// Puts the key where the config says. dlt raises for `cookie`; we send it as a cookie.
pub fn apply(
    name: &str,
    value: &Sensitive,
    location: ApiKeyLocation,
    req: &mut RequestSpec,
) -> Result<(), String> {
    match location {
        ApiKeyLocation::Header => req.set_header(name, value.expose().to_string()),
        ApiKeyLocation::Query | ApiKeyLocation::Param => {
            req.set_query(name, value.expose().to_string())
        }
        ApiKeyLocation::Cookie => {
            let cookie = format!("{name}={}", value.expose());
            let existing = req
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("cookie"))
                .map(|(_, v)| v.clone());
            let merged = match existing {
                Some(prev) if !prev.is_empty() => format!("{prev}; {cookie}"),
                _ => cookie,
            };
            req.set_header("Cookie", merged);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_query_cookie() {
        let key = Sensitive::new("k1");
        let mut r = RequestSpec::get("http://x/");
        apply("X-Key", &key, ApiKeyLocation::Header, &mut r).unwrap();
        apply("api_key", &key, ApiKeyLocation::Query, &mut r).unwrap();
        apply("session", &key, ApiKeyLocation::Cookie, &mut r).unwrap();
        assert!(r.headers.contains(&("X-Key".into(), "k1".into())));
        assert!(r.headers.contains(&("Cookie".into(), "session=k1".into())));
        assert_eq!(r.query, vec![("api_key".to_string(), "k1".to_string())]);
    }
}
