//! Environment variables with dlt's names: `SOURCES__<SOURCE>__<NAME>`, the `credentials`
//! sections for auth fields, then `<NAME>`.

use super::store::{env_var_name, lookup_keys, Found, SecretStore};
use super::Sensitive;

/// Environment variables, named as dlt names them (read-only).
#[derive(Debug, Default)]
pub struct EnvStore;

fn names(source: &str, name: &str) -> Vec<String> {
    lookup_keys(source, name)
        .iter()
        .map(|k| env_var_name(k))
        .collect()
}

impl SecretStore for EnvStore {
    fn name(&self) -> &str {
        "environment"
    }
    fn places(&self, source: &str, name: &str) -> Vec<String> {
        names(source, name)
            .into_iter()
            .map(|n| format!("${n}"))
            .collect()
    }
    fn get(&self, source: &str, name: &str) -> Result<Option<Found>, String> {
        Ok(names(source, name).into_iter().find_map(|n| {
            std::env::var(&n).ok().map(|v| Found {
                value: Sensitive::new(v),
                place: format!("${n}"),
            })
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dlt_names_in_order() {
        assert_eq!(
            EnvStore.places("my-api", "custom"),
            ["$SOURCES__MY_API__CUSTOM", "$CUSTOM"]
        );
        let p = EnvStore.places("demo", "client_secret");
        assert_eq!(p[0], "$SOURCES__DEMO__CLIENT_SECRET");
        assert_eq!(p[1], "$SOURCES__REST_API__DEMO__CREDENTIALS__CLIENT_SECRET");
        assert_eq!(p.last().map(String::as_str), Some("$CLIENT_SECRET"));
        // PATH is always set: the plain upper-cased name is the last fallback.
        let found = EnvStore.get("pw-env-test-source", "path").unwrap().unwrap();
        assert_eq!(found.place, "$PATH");
        assert!(EnvStore
            .get("pw-env-test-source", "pw_surely_unset_variable_42")
            .unwrap()
            .is_none());
    }
}
