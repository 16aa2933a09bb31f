//! The `SecretStore` trait, dlt's lookup keys, and `Stores`: a source's stores tried in order.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use super::{EnvStore, SecretsTomlStore, Sensitive};

/// A value a store found, and where.
#[derive(Debug, Clone)]
pub struct Found {
    /// The secret.
    pub value: Sensitive,
    /// Where it was found, for `pipewright secrets list` (`$SOURCES__DEMO__TOKEN`, a file and
    /// key, a keychain account). Never the value.
    pub place: String,
}

/// Somewhere secret values live.
pub trait SecretStore: Send + Sync {
    /// The store's name for messages: `environment`, `secrets.toml`, `keychain`, `memory`.
    fn name(&self) -> &str;
    /// Where it looks for `name`, for a "not found" message.
    fn places(&self, source: &str, name: &str) -> Vec<String>;
    /// The value, if this store has it; an error when the store cannot be read (a locked
    /// keychain, a malformed file). Errors never contain secret values.
    fn get(&self, source: &str, name: &str) -> Result<Option<Found>, String>;
    /// Stores a value. Read-only stores (the environment, a source's `secrets.toml`) refuse.
    fn set(&self, source: &str, name: &str, value: &Sensitive) -> Result<(), String> {
        let _ = (source, name, value);
        Err(format!("the {} store is read-only", self.name()))
    }
    /// Deletes a value; `Ok(false)` when there was none.
    fn delete(&self, source: &str, name: &str) -> Result<bool, String> {
        let _ = (source, name);
        Err(format!("the {} store is read-only", self.name()))
    }
}

/// Field names that dlt also resolves from a `credentials` section (dlt-behaviour §8.6).
pub const AUTH_FIELDS: [&str; 7] = [
    "token",
    "api_key",
    "username",
    "password",
    "client_id",
    "client_secret",
    "access_token_url",
];

/// dlt's lookup keys for secret `name` of `source`, most specific first, each as sections plus
/// the key: `sources.<source>.<name>`; for auth fields the `credentials` sections dlt searches
/// (`sources.rest_api.<source>.credentials.<name>` ... `credentials.<name>`); then `<name>`.
/// A dotted name is a nested key, as in dlt.
pub fn lookup_keys(source: &str, name: &str) -> Vec<Vec<String>> {
    let name_parts: Vec<String> = name.split('.').map(str::to_string).collect();
    let with = |prefix: &[&str]| -> Vec<String> {
        prefix
            .iter()
            .map(|s| s.to_string())
            .chain(name_parts.iter().cloned())
            .collect()
    };
    let mut keys = vec![with(&["sources", source])];
    if AUTH_FIELDS.contains(&name) {
        keys.push(with(&["sources", "rest_api", source, "credentials"]));
        keys.push(with(&["sources", "rest_api", "credentials"]));
        keys.push(with(&["sources", source, "credentials"]));
        keys.push(with(&["sources", "credentials"]));
        keys.push(with(&["credentials"]));
    }
    keys.push(with(&[]));
    keys
}

/// The environment variable for a lookup key: sections joined by `__`, upper-cased, with `-`
/// and `.` as `_` (`SOURCES__MY_API__TOKEN`).
pub fn env_var_name(key: &[String]) -> String {
    key.iter()
        .map(|s| s.to_ascii_uppercase().replace(['-', '.', ' '], "_"))
        .collect::<Vec<_>>()
        .join("__")
}

/// The stores of one source, in lookup order.
pub struct Stores {
    source: String,
    stores: Vec<Box<dyn SecretStore>>,
    /// Values found so far: a run asks for the same secret once per request.
    cache: Mutex<HashMap<String, Sensitive>>,
    /// Every value handed out, so traces and errors can be scrubbed of them.
    handed_out: Mutex<Vec<String>>,
}

impl std::fmt::Debug for Stores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stores")
            .field("source", &self.source)
            .field(
                "stores",
                &self.stores.iter().map(|s| s.name()).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl Stores {
    /// Stores for a source (its name goes into dlt-style variable names).
    pub fn new(source: &str, stores: Vec<Box<dyn SecretStore>>) -> Stores {
        Stores {
            source: source.to_string(),
            stores,
            cache: Mutex::new(HashMap::new()),
            handed_out: Mutex::new(Vec::new()),
        }
    }

    /// The environment only.
    pub fn env(source: &str) -> Stores {
        Stores::new(source, vec![Box::new(EnvStore)])
    }

    /// The standard chain: environment variables, then `.dlt/secrets.toml` beside the source
    /// file (when there is one), then `keychain` (normally [`super::keychain_from_env`]).
    pub fn chain(
        source: &str,
        source_file: Option<&Path>,
        keychain: Box<dyn SecretStore>,
    ) -> Stores {
        let mut stores: Vec<Box<dyn SecretStore>> = vec![Box::new(EnvStore)];
        if let Some(file) = source_file {
            stores.push(Box::new(SecretsTomlStore::beside(file)));
        }
        stores.push(keychain);
        Stores::new(source, stores)
    }

    /// The source these stores serve.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every secret value resolved so far (to scrub from anything shown).
    pub fn resolved_values(&self) -> Vec<String> {
        self.handed_out
            .lock()
            .map(|v| v.clone())
            .unwrap_or_default()
    }

    /// Where `name` resolves from: the store's name and the place, or every problem met (store
    /// errors) when no store has it.
    pub fn locate(&self, name: &str) -> Result<(String, String), Vec<String>> {
        let (found, problems) = self.lookup(name);
        match found {
            Some((store, f)) => Ok((store, f.place)),
            None => Err(problems),
        }
    }

    /// Looks a secret up; the error names the reference, every place searched, and how to set it.
    pub fn get(&self, name: &str) -> Result<Sensitive, String> {
        if let Some(v) = self.cache.lock().ok().and_then(|c| c.get(name).cloned()) {
            return Ok(v);
        }
        let (found, problems) = self.lookup(name);
        if let Some((_, f)) = found {
            if let Ok(mut seen) = self.handed_out.lock() {
                if !seen.iter().any(|s| s == f.value.expose()) {
                    seen.push(f.value.expose().to_string());
                }
            }
            if let Ok(mut cache) = self.cache.lock() {
                cache.insert(name.to_string(), f.value.clone());
            }
            return Ok(f.value);
        }
        let places: Vec<String> = self
            .stores
            .iter()
            .flat_map(|s| s.places(&self.source, name))
            .collect();
        let problems = if problems.is_empty() {
            String::new()
        } else {
            format!(" ({})", problems.join("; "))
        };
        Err(format!(
            "secret '{{secrets.{name}}}' is not set; looked in {}{problems}. Set it with `pipewright secrets set {} {name}` or export {}",
            places.join(", "),
            self.source,
            env_var_name(&lookup_keys(&self.source, name)[0])
        ))
    }

    fn lookup(&self, name: &str) -> (Option<(String, Found)>, Vec<String>) {
        let mut problems = Vec::new();
        for store in &self.stores {
            match store.get(&self.source, name) {
                Ok(Some(found)) => return (Some((store.name().to_string(), found)), problems),
                Ok(None) => {}
                Err(e) => problems.push(format!("{}: {e}", store.name())),
            }
        }
        (None, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::MemoryStore;

    struct Broken;
    impl SecretStore for Broken {
        fn name(&self) -> &str {
            "keychain"
        }
        fn places(&self, _: &str, _: &str) -> Vec<String> {
            vec!["keychain (broken)".into()]
        }
        fn get(&self, _: &str, _: &str) -> Result<Option<Found>, String> {
            Err("locked".into())
        }
    }

    #[test]
    fn dlt_lookup_keys() {
        let keys: Vec<String> = lookup_keys("gh-api", "token")
            .iter()
            .map(|k| k.join("."))
            .collect();
        assert_eq!(
            keys,
            [
                "sources.gh-api.token",
                "sources.rest_api.gh-api.credentials.token",
                "sources.rest_api.credentials.token",
                "sources.gh-api.credentials.token",
                "sources.credentials.token",
                "credentials.token",
                "token"
            ]
        );
        assert_eq!(lookup_keys("s", "custom_key").len(), 2);
        assert_eq!(
            env_var_name(&lookup_keys("gh-api", "a.b")[0]),
            "SOURCES__GH_API__A__B"
        );
    }

    #[test]
    fn first_store_wins_errors_are_reported_and_values_cached() {
        let stores = Stores::new(
            "demo",
            vec![
                Box::new(Broken),
                Box::new(MemoryStore::from([("tok", "first")])),
                Box::new(MemoryStore::from([("tok", "second")])),
            ],
        );
        assert_eq!(stores.get("tok").unwrap().expose(), "first");
        assert_eq!(stores.locate("tok").unwrap().0, "memory");
        assert_eq!(stores.resolved_values(), ["first"]);
        let err = stores.get("nope").unwrap_err();
        assert!(err.contains("keychain: locked"), "{err}");
        assert!(err.contains("memory:nope"), "{err}");
        assert!(
            err.contains("pipewright secrets set demo nope") && err.contains("SOURCES__DEMO__NOPE"),
            "{err}"
        );
        assert_eq!(stores.locate("nope").unwrap_err(), ["keychain: locked"]);
    }

    #[test]
    fn read_only_stores_refuse_writes() {
        let err = EnvStore.set("s", "n", &Sensitive::new("v")).unwrap_err();
        assert!(err.contains("read-only"), "{err}");
        assert!(EnvStore.delete("s", "n").is_err());
    }
}
