//! OpenAPI security schemes → auth configs whose secret fields are `{secrets.NAME}` references.

use serde_json::{json, Value};

use super::schema::resolve;
use crate::export::pyexpr::identifier;

/// The auth of a security scheme and a sentence on how it was read. `prefix` goes in front of
/// the secret names (empty for the client's own scheme).
pub fn scheme_auth(doc: &Value, id: &str, prefix: &str) -> Option<(Value, String)> {
    let scheme = resolve(
        doc,
        doc.pointer(&format!(
            "/components/securitySchemes/{}",
            id.replace('~', "~0").replace('/', "~1")
        ))?,
    );
    let name = |field: &str| {
        if prefix.is_empty() {
            format!("{{secrets.{field}}}")
        } else {
            format!("{{secrets.{prefix}_{field}}}")
        }
    };
    let kind = scheme.get("type").and_then(Value::as_str).unwrap_or("");
    match kind {
        "http" => match scheme.get("scheme").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
            Some("bearer") => Some((
                json!({"type": "bearer", "token": name("token")}),
                format!("security scheme '{id}' (http bearer) → bearer auth"),
            )),
            Some("basic") => Some((
                json!({"type": "http_basic", "username": name("username"), "password": name("password")}),
                format!("security scheme '{id}' (http basic) → http_basic auth"),
            )),
            other => Some((
                json!({"type": "api_key", "name": "Authorization", "api_key": format!("{} {}", other.unwrap_or(""), name("token")).trim_start().to_string()}),
                format!("security scheme '{id}' (http {}) → the Authorization header as an api_key", other.unwrap_or("?")),
            )),
        },
        "apiKey" => {
            let header = scheme.get("name").and_then(Value::as_str).unwrap_or("Authorization");
            let location = match scheme.get("in").and_then(Value::as_str) {
                Some("query") => "query",
                Some("cookie") => "cookie",
                _ => "header",
            };
            let note = if location == "cookie" {
                " (dlt 1.31 cannot send api keys in cookies; Pipewright can)"
            } else {
                ""
            };
            Some((
                json!({"type": "api_key", "name": header, "api_key": name("api_key"), "location": location}),
                format!("security scheme '{id}' (apiKey in {location} '{header}') → api_key auth{note}"),
            ))
        }
        "oauth2" => {
            let flows = scheme.get("flows");
            if let Some(cc) = flows.and_then(|f| f.get("clientCredentials")) {
                let url = cc.get("tokenUrl").and_then(Value::as_str).unwrap_or("");
                let mut auth = json!({
                    "type": "oauth2_client_credentials",
                    "access_token_url": url,
                    "client_id": name("client_id"),
                    "client_secret": name("client_secret"),
                });
                let scopes: Vec<String> = cc
                    .get("scopes")
                    .and_then(Value::as_object)
                    .map(|s| s.keys().cloned().collect())
                    .unwrap_or_default();
                let mut msg = format!("security scheme '{id}' (oauth2 client credentials, token URL {url}) → oauth2_client_credentials");
                if !scopes.is_empty() {
                    auth["access_token_request_data"] = json!({"scope": scopes.join(" ")});
                    msg.push_str(&format!(", asking for every declared scope ({})", scopes.join(" ")));
                }
                return Some((auth, msg));
            }
            Some((
                json!({"type": "bearer", "token": name("token")}),
                format!("security scheme '{id}' (oauth2 without a client-credentials flow) → bearer auth with a token you obtain yourself"),
            ))
        }
        "openIdConnect" => Some((
            json!({"type": "bearer", "token": name("token")}),
            format!("security scheme '{id}' (OpenID Connect) → bearer auth with a token you obtain yourself"),
        )),
        _ => None,
    }
}

/// The first scheme of a security requirement list (`[{"bearerAuth": []}, ...]`); `Some(None)`
/// for an explicit empty list (no auth).
pub fn first_scheme(security: &Value) -> Option<Option<String>> {
    let list = security.as_array()?;
    if list.is_empty() {
        return Some(None);
    }
    Some(
        list.iter()
            .find_map(|req| req.as_object().and_then(|o| o.keys().next().cloned())),
    )
}

/// A secret-name prefix for a scheme id: `apiKeyAuth` → `api_key_auth`.
pub fn prefix(id: &str) -> String {
    identifier(id, "auth")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        let doc = json!({"components": {"securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer"},
            "key": {"type": "apiKey", "in": "query", "name": "api_key"},
            "cc": {"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://x/token", "scopes": {"read": "r"}}}}
        }}});
        assert_eq!(
            scheme_auth(&doc, "bearerAuth", "").unwrap().0,
            json!({"type": "bearer", "token": "{secrets.token}"})
        );
        assert_eq!(
            scheme_auth(&doc, "key", "key").unwrap().0["api_key"],
            "{secrets.key_api_key}"
        );
        let (cc, msg) = scheme_auth(&doc, "cc", "").unwrap();
        assert_eq!(cc["access_token_request_data"]["scope"], "read");
        assert!(msg.contains("client credentials"), "{msg}");
        assert_eq!(first_scheme(&json!([])), Some(None));
        assert_eq!(
            first_scheme(&json!([{"key": []}])),
            Some(Some("key".into()))
        );
    }
}
