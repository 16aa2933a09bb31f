//! Secret masking for messages: dlt's sensitive keys plus `username` and `client_id`.

/// Keys whose values are secrets (dlt-behaviour §9.6, plus `username` and `client_id`).
const SENSITIVE: [&str; 12] = [
    "token",
    "api_key",
    "apikey",
    "password",
    "client_secret",
    "access_token",
    "refresh_token",
    "secret",
    "private_key",
    "authorization",
    "username",
    "client_id",
];

/// True when a field of this name carries a secret.
pub fn is_sensitive_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase().replace('-', "_");
    SENSITIVE.contains(&k.as_str()) || k.ends_with("_token") || k.ends_with("_secret")
}

/// Masks a secret the way dlt does: first char, `*****`, last char; short values fully.
pub fn mask_value(v: &str) -> String {
    let chars: Vec<char> = v.chars().collect();
    if chars.len() < 3 {
        "*****".into()
    } else {
        format!("{}*****{}", chars[0], chars[chars.len() - 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_like_dlt() {
        assert_eq!(mask_value("sensitive-secret"), "s*****t");
        assert_eq!(mask_value("ab"), "*****");
        assert!(is_sensitive_key("client_secret"));
        assert!(is_sensitive_key("X-Api-Token"));
        assert!(!is_sensitive_key("cursor_path"));
    }
}
