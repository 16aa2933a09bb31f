//! Secrets: which references a source needs and where each resolves from; values go into the
//! keychain and never come back out.

use std::path::Path;
use std::sync::Arc;

use pipewright_engine::secrets::{
    is_valid_name, keychain_from_env, referenced_secrets, Found, SecretStore, Sensitive, Stores,
};
use serde::Serialize;
use tauri::State;

use super::blocking;
use crate::error::IpcError;

/// Managed state: the keychain every command uses (the OS keychain, or the `PIPEWRIGHT_KEYCHAIN`
/// stand-in). One shared instance, so a `memory` stand-in keeps what was set while the app runs.
#[derive(Clone)]
pub struct Keychain(Arc<dyn SecretStore>);

impl Keychain {
    pub fn from_env() -> Keychain {
        Keychain::new(keychain_from_env())
    }

    pub fn new(store: Box<dyn SecretStore>) -> Keychain {
        Keychain(Arc::from(store))
    }

    pub fn store(&self) -> &dyn SecretStore {
        self.0.as_ref()
    }

    /// A source's stores in lookup order: environment, `.dlt/secrets.toml` beside the file (when
    /// saved), then this keychain.
    pub fn stores(&self, source: &str, source_path: Option<&Path>) -> Stores {
        Stores::chain(source, source_path, Box::new(Shared(self.0.clone())))
    }
}

/// The shared keychain as one store of a chain.
struct Shared(Arc<dyn SecretStore>);

impl SecretStore for Shared {
    fn name(&self) -> &str {
        self.0.name()
    }
    fn places(&self, source: &str, name: &str) -> Vec<String> {
        self.0.places(source, name)
    }
    fn get(&self, source: &str, name: &str) -> Result<Option<Found>, String> {
        self.0.get(source, name)
    }
    fn set(&self, source: &str, name: &str, value: &Sensitive) -> Result<(), String> {
        self.0.set(source, name, value)
    }
    fn delete(&self, source: &str, name: &str) -> Result<bool, String> {
        self.0.delete(source, name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ResolvesFrom {
    Environment,
    SecretsToml,
    Keychain,
    Missing,
}

/// Where a secret reference resolves from; never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SecretStatus {
    pub name: String,
    pub resolves_from: ResolvesFrom,
    /// The variable, file and key, or keychain account; `null` when missing.
    pub place: Option<String>,
}

fn check_name(name: &str) -> Result<(), IpcError> {
    if is_valid_name(name) {
        Ok(())
    } else {
        Err(IpcError::validation(format!(
            "'{name}' is not a secret name: use letters, digits, '_', '-' or '.'"
        )))
    }
}

/// Every secret the source at `path` refers to, and where each resolves from.
pub fn list(path: &Path, keychain: &Keychain) -> Result<Vec<SecretStatus>, IpcError> {
    let file = super::sources::open(path)?;
    let stores = keychain.stores(&file.name, Some(Path::new(&file.path)));
    Ok(referenced_secrets(&file.document)
        .into_iter()
        .map(|u| match stores.locate(&u.name) {
            Ok((store, place)) => SecretStatus {
                name: u.name,
                resolves_from: match store.as_str() {
                    "environment" => ResolvesFrom::Environment,
                    "secrets.toml" => ResolvesFrom::SecretsToml,
                    _ => ResolvesFrom::Keychain,
                },
                place: Some(place),
            },
            Err(_) => SecretStatus {
                name: u.name,
                resolves_from: ResolvesFrom::Missing,
                place: None,
            },
        })
        .collect())
}

/// Stores a value in the keychain and reads it back.
pub fn set(source: &str, name: &str, value: String, keychain: &Keychain) -> Result<(), IpcError> {
    check_name(name)?;
    if source.trim().is_empty() {
        return Err(IpcError::validation("no source name"));
    }
    if value.is_empty() {
        return Err(IpcError::validation("empty value: nothing stored"));
    }
    let value = Sensitive::new(value);
    let store = keychain.store();
    store.set(source, name, &value).map_err(|e| {
        IpcError::internal(format!("cannot store {{secrets.{name}}} of {source}: {e}"))
    })?;
    match store.get(source, name) {
        Ok(Some(found)) if found.value == value => {
            tracing::info!(source, name, place = %found.place, "secret stored");
            Ok(())
        }
        Ok(_) => Err(IpcError::internal(format!(
            "the {} did not keep {{secrets.{name}}} of {source}",
            store.name()
        ))),
        Err(e) => Err(IpcError::internal(format!(
            "stored {{secrets.{name}}} of {source} but cannot read it back: {e}"
        ))),
    }
}

/// Removes a value from the keychain; `not_found` when there was none.
pub fn delete(source: &str, name: &str, keychain: &Keychain) -> Result<(), IpcError> {
    check_name(name)?;
    let store = keychain.store();
    match store.delete(source, name) {
        Ok(true) => Ok(()),
        Ok(false) => Err(IpcError::not_found(format!(
            "{{secrets.{name}}} of {source} is not in {}",
            store.places(source, name).join(", ")
        ))),
        Err(e) => Err(IpcError::internal(format!(
            "cannot delete {{secrets.{name}}} of {source}: {e}"
        ))),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_secrets(
    source_path: String,
    keychain: State<'_, Keychain>,
) -> Result<Vec<SecretStatus>, IpcError> {
    let keychain = keychain.inner().clone();
    blocking(move || list(Path::new(&source_path), &keychain)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_secret(
    source_name: String,
    name: String,
    value: String,
    keychain: State<'_, Keychain>,
) -> Result<(), IpcError> {
    let keychain = keychain.inner().clone();
    blocking(move || set(&source_name, &name, value, &keychain)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_secret(
    source_name: String,
    name: String,
    keychain: State<'_, Keychain>,
) -> Result<(), IpcError> {
    let keychain = keychain.inner().clone();
    blocking(move || delete(&source_name, &name, &keychain)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use pipewright_engine::secrets::MemoryStore;

    fn memory() -> Keychain {
        Keychain::new(Box::new(MemoryStore::default()))
    }

    #[test]
    fn statuses_say_where_each_secret_resolves_never_the_value() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop_api.json");
        std::fs::write(
            &path,
            r#"{"client": {"base_url": "https://x/", "auth": {"type": "bearer", "token": "{secrets.shop_token}"},
                "headers": {"X-Env": "{secrets.from_toml}"}},
               "resources": [{"name": "a", "endpoint": {"path": "a", "params": {"k": "{secrets.missing_one}"}}}]}"#,
        )
        .unwrap();
        std::fs::create_dir(dir.path().join(".dlt")).unwrap();
        std::fs::write(
            dir.path().join(".dlt/secrets.toml"),
            "[sources.shop_api]\nfrom_toml = \"toml-value\"\n",
        )
        .unwrap();
        let keychain = memory();
        set("shop_api", "shop_token", "kc-value".into(), &keychain).unwrap();
        let statuses = list(&path, &keychain).unwrap();
        let by = |n: &str| statuses.iter().find(|s| s.name == n).unwrap().clone();
        assert_eq!(by("shop_token").resolves_from, ResolvesFrom::Keychain);
        assert_eq!(by("from_toml").resolves_from, ResolvesFrom::SecretsToml);
        assert_eq!(by("missing_one").resolves_from, ResolvesFrom::Missing);
        assert_eq!(by("missing_one").place, None);
        let wire = serde_json::to_string(&statuses).unwrap();
        assert!(
            !wire.contains("kc-value") && !wire.contains("toml-value"),
            "{wire}"
        );
        assert!(wire.contains("\"secrets_toml\""), "{wire}");

        delete("shop_api", "shop_token", &keychain).unwrap();
        assert_eq!(
            delete("shop_api", "shop_token", &keychain)
                .unwrap_err()
                .code,
            crate::ErrorCode::NotFound
        );
        let statuses = list(&path, &keychain).unwrap();
        assert_eq!(
            statuses
                .iter()
                .find(|s| s.name == "shop_token")
                .unwrap()
                .resolves_from,
            ResolvesFrom::Missing
        );
    }

    #[test]
    fn bad_names_and_empty_values_are_refused() {
        let keychain = memory();
        let code = |r: Result<(), IpcError>| r.unwrap_err().code;
        assert_eq!(
            code(set("s", "bad name", "v".into(), &keychain)),
            crate::ErrorCode::Validation
        );
        assert_eq!(
            code(set("s", "ok", String::new(), &keychain)),
            crate::ErrorCode::Validation
        );
        assert_eq!(
            code(delete("s", "no/slash", &keychain)),
            crate::ErrorCode::Validation
        );
    }
}
