//! `http_basic`: `Authorization: Basic base64(user:password)`.

use base64::Engine;

use crate::http::request::RequestSpec;
use crate::secrets::Sensitive;

/// Sets the basic auth header.
pub fn apply(username: &Sensitive, password: &Sensitive, req: &mut RequestSpec) {
    let raw = format!("{}:{}", username.expose(), password.expose());
    let encoded = base64::engine::general_purpose::STANDARD.encode(raw.as_bytes());
    req.set_header("Authorization", format!("Basic {encoded}"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_user_and_password() {
        let mut r = RequestSpec::get("http://x/");
        apply(
            &Sensitive::new("Aladdin"),
            &Sensitive::new("open sesame"),
            &mut r,
        );
        assert_eq!(r.headers[0].1, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }
}
