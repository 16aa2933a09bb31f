//! Secrets: what configs hold are `{secrets.NAME}` references; values are resolved from stores
//! at plan time into `Sensitive` strings that never print.
//!
//! Stores, in lookup order ([`Stores::chain`]): environment variables with dlt's names
//! ([`EnvStore`]), the `.dlt/secrets.toml` beside the source ([`SecretsTomlStore`]), then the OS
//! keychain ([`KeychainStore`], service `pipewright`, account `<source>/<NAME>`).
//! [`MemoryStore`] is for tests. [`adopt`] moves literal secrets out of a document.

mod adopt;
mod env;
mod keychain;
mod memory;
mod refs;
mod sensitive;
mod store;
mod toml_file;

pub use adopt::{
    adopt, literal_secrets, literal_warnings, rewrite_text, Adopted, LiteralKind, LiteralSecret,
    MovedSecret,
};
pub use env::EnvStore;
pub use keychain::{
    account, keychain_for, keychain_from_env, KeychainStore, KEYCHAIN_ENV, SERVICE,
};
pub use memory::MemoryStore;
pub use refs::{is_valid_name, names_in, referenced_secrets, SecretUse};
pub use sensitive::Sensitive;
pub use store::{env_var_name, lookup_keys, Found, SecretStore, Stores, AUTH_FIELDS};
pub use toml_file::SecretsTomlStore;

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
