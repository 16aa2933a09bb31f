//! The OS keychain through keyring v4's platform stores: the Secret Service on Linux and the BSDs
//! (D-Bus, gnome-keyring or KWallet), the Keychain on macOS, the Credential Manager on Windows.
//! Service `pipewright`, account `<source>/<NAME>`.
//!
//! The platform store is chosen here at compile time and built explicitly; keyring's default
//! store and its mock are never used, so a missing backend is an error, never a store that
//! forgets. Other platforms get a keychain that reports it is unavailable.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use keyring_core::{CredentialStore, Entry, Error as KeyringError};

use super::store::{Found, SecretStore};
use super::{MemoryStore, SecretsTomlStore, Sensitive};

/// The keychain service every Pipewright secret is stored under.
pub const SERVICE: &str = "pipewright";

/// The environment variable that replaces the OS keychain, for tests and headless machines:
/// `memory` (this process only) or `file:PATH` (a TOML file in dlt's layout, mode 0600).
pub const KEYCHAIN_ENV: &str = "PIPEWRIGHT_KEYCHAIN";

/// The keychain account of a secret: `<source>/<NAME>`.
pub fn account(source: &str, name: &str) -> String {
    format!("{source}/{name}")
}

/// The OS keychain. It connects on first use, so a machine without one can still resolve
/// secrets from the environment.
#[derive(Default)]
pub struct KeychainStore {
    store: OnceLock<Result<Arc<CredentialStore>, String>>,
}

impl std::fmt::Debug for KeychainStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeychainStore")
    }
}

#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
fn open_platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    let store: Arc<CredentialStore> = dbus_secret_service_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
const PLATFORM: &str = "Secret Service";

#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
fn modifiers(source: &str, name: &str) -> HashMap<&'static str, String> {
    HashMap::from([("label", format!("Pipewright: {}", account(source, name)))])
}

#[cfg(target_os = "macos")]
fn open_platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "macos")]
const PLATFORM: &str = "macOS Keychain";

#[cfg(target_os = "windows")]
fn open_platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "windows")]
const PLATFORM: &str = "Windows Credential Manager";

#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "macos",
    target_os = "windows"
)))]
fn open_platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    Err(KeyringError::NotSupportedByStore(
        "Pipewright has no OS keychain on this platform".into(),
    ))
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "macos",
    target_os = "windows"
)))]
const PLATFORM: &str = "keychain";

#[cfg(not(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd")))]
fn modifiers(_source: &str, _name: &str) -> HashMap<&'static str, String> {
    HashMap::new()
}

/// A keyring error as a message. Never includes stored bytes (`BadEncoding` and `BadDataFormat`
/// carry them).
fn describe(e: &KeyringError) -> String {
    match e {
        KeyringError::PlatformFailure(err) => {
            format!("the {PLATFORM} failed: {err}{}", hint())
        }
        KeyringError::NoStorageAccess(err) => {
            format!(
                "the {PLATFORM} is locked or refused access: {err}{}",
                hint()
            )
        }
        KeyringError::BadEncoding(_) => "the stored value is not UTF-8 text".into(),
        KeyringError::BadDataFormat(_, _) => "the stored value is malformed".into(),
        KeyringError::Ambiguous(items) => {
            format!(
                "{} keychain items match; delete them and set the secret again",
                items.len()
            )
        }
        other => other.to_string(),
    }
}

#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
fn hint() -> &'static str {
    " (is a Secret Service such as gnome-keyring or KWallet running and unlocked in this session?)"
}

#[cfg(not(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd")))]
fn hint() -> &'static str {
    ""
}

impl KeychainStore {
    /// The OS keychain (not connected until first used).
    pub fn new() -> KeychainStore {
        KeychainStore::default()
    }

    fn entry(&self, source: &str, name: &str) -> Result<Entry, String> {
        let store = self
            .store
            .get_or_init(|| open_platform_store().map_err(|e| describe(&e)))
            .as_ref()
            .map_err(Clone::clone)?;
        let mods = modifiers(source, name);
        let mods: HashMap<&str, &str> = mods.iter().map(|(k, v)| (*k, v.as_str())).collect();
        store
            .build(SERVICE, &account(source, name), Some(&mods))
            .map_err(|e| describe(&e))
    }

    fn place(source: &str, name: &str) -> String {
        format!(
            "{PLATFORM} (service {SERVICE}, account {})",
            account(source, name)
        )
    }
}

impl SecretStore for KeychainStore {
    fn name(&self) -> &str {
        "keychain"
    }
    fn places(&self, source: &str, name: &str) -> Vec<String> {
        vec![KeychainStore::place(source, name)]
    }
    fn get(&self, source: &str, name: &str) -> Result<Option<Found>, String> {
        match self.entry(source, name)?.get_password() {
            Ok(v) => Ok(Some(Found {
                value: Sensitive::new(v),
                place: KeychainStore::place(source, name),
            })),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(e) => Err(describe(&e)),
        }
    }
    fn set(&self, source: &str, name: &str, value: &Sensitive) -> Result<(), String> {
        self.entry(source, name)?
            .set_password(value.expose())
            .map_err(|e| describe(&e))
    }
    fn delete(&self, source: &str, name: &str) -> Result<bool, String> {
        match self.entry(source, name)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(KeyringError::NoEntry) => Ok(false),
            Err(e) => Err(describe(&e)),
        }
    }
}

/// A store that reports one configuration problem on every use.
struct Misconfigured(String);

impl SecretStore for Misconfigured {
    fn name(&self) -> &str {
        "keychain"
    }
    fn places(&self, _source: &str, _name: &str) -> Vec<String> {
        vec![format!("keychain ({})", self.0)]
    }
    fn get(&self, _source: &str, _name: &str) -> Result<Option<Found>, String> {
        Err(self.0.clone())
    }
    fn set(&self, _source: &str, _name: &str, _value: &Sensitive) -> Result<(), String> {
        Err(self.0.clone())
    }
    fn delete(&self, _source: &str, _name: &str) -> Result<bool, String> {
        Err(self.0.clone())
    }
}

/// The keychain to use: the OS keychain, unless `PIPEWRIGHT_KEYCHAIN` says `memory` or
/// `file:PATH` (tests, headless machines). An unknown value gives a store that reports it.
pub fn keychain_from_env() -> Box<dyn SecretStore> {
    keychain_for(std::env::var(KEYCHAIN_ENV).ok().as_deref())
}

/// The keychain for a `PIPEWRIGHT_KEYCHAIN` value (`None`, empty or `os`: the OS keychain).
pub fn keychain_for(setting: Option<&str>) -> Box<dyn SecretStore> {
    match setting.map(str::trim) {
        None | Some("" | "os") => Box::new(KeychainStore::new()),
        Some("memory") => Box::new(MemoryStore::default()),
        Some(s) => match s.strip_prefix("file:") {
            Some(path) if !path.is_empty() => Box::new(SecretsTomlStore::keychain_file(path)),
            _ => Box::new(Misconfigured(format!(
                "{KEYCHAIN_ENV}='{s}' is not one of: os, memory, file:PATH"
            ))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_settings() {
        assert_eq!(keychain_for(None).name(), "keychain");
        assert_eq!(keychain_for(Some("memory")).name(), "memory");
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("k.toml");
        let file = keychain_for(Some(&format!("file:{}", path.display())));
        assert_eq!(file.name(), "keychain");
        file.set("s", "n", &Sensitive::new("v")).unwrap();
        assert!(path.exists());
        let bad = keychain_for(Some("vault"));
        let err = bad.get("s", "n").unwrap_err();
        assert!(err.contains("PIPEWRIGHT_KEYCHAIN='vault'"), "{err}");
    }

    #[test]
    fn account_and_place_name_the_service() {
        assert_eq!(account("demo", "token"), "demo/token");
        let p = KeychainStore::new().places("demo", "token");
        assert!(
            p[0].contains("service pipewright, account demo/token"),
            "{p:?}"
        );
    }

    #[test]
    fn errors_never_carry_stored_bytes() {
        let e = KeyringError::BadEncoding(b"hunter2".to_vec());
        assert!(!describe(&e).contains("hunter2"));
        let e = KeyringError::BadDataFormat(b"hunter2".to_vec(), "bad".into());
        assert!(!describe(&e).contains("hunter2"));
    }

    /// The real OS keychain: set, read back through a fresh store (a new D-Bus connection),
    /// delete. Needs an unlocked Secret Service: run `tests/keychain/run.sh`.
    #[test]
    #[ignore = "needs an unlocked OS keychain; run tests/keychain/run.sh"]
    fn keychain_round_trip() {
        let source = format!("pw-test-{}", std::process::id());
        let value = Sensitive::new("s3cr3t-keychain-value \u{1F511}");
        let k = KeychainStore::new();
        assert!(k.get(&source, "token").unwrap().is_none());
        k.set(&source, "token", &value).unwrap();
        let fresh = KeychainStore::new();
        let found = fresh.get(&source, "token").unwrap().unwrap();
        assert_eq!(found.value, value);
        assert!(found.place.contains(&format!("account {source}/token")));
        k.set(&source, "token", &Sensitive::new("second")).unwrap();
        assert_eq!(
            fresh.get(&source, "token").unwrap().unwrap().value.expose(),
            "second"
        );
        assert!(fresh.delete(&source, "token").unwrap());
        assert!(!k.delete(&source, "token").unwrap());
        assert!(k.get(&source, "token").unwrap().is_none());
    }
}
