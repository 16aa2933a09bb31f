//! Secrets: what configs hold are `{secrets.NAME}` references; values are resolved from stores
//! at plan time into `Sensitive` strings that never print.

mod sensitive;
mod store;

pub use sensitive::Sensitive;
pub use store::{EnvStore, MemoryStore, SecretStore, Stores};

/// Replaces every `{secrets.NAME}` in a string with its value from the stores.
pub fn resolve_refs(text: &str, stores: &Stores) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("{secrets.") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + "{secrets.".len()..];
        let Some(end) = after.find('}') else {
            return Err("unclosed secret reference '{secrets.'".into());
        };
        let name = &after[..end];
        out.push_str(stores.get(name)?.expose());
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_references_inside_text() {
        let stores = Stores::new("demo", vec![Box::new(MemoryStore::from([("tok", "abc")]))]);
        assert_eq!(
            resolve_refs("Token {secrets.tok}!", &stores).unwrap(),
            "Token abc!"
        );
        let err = resolve_refs("{secrets.missing}", &stores).unwrap_err();
        assert!(
            err.contains("missing") && err.contains("SOURCES__DEMO__MISSING"),
            "{err}"
        );
    }
}
