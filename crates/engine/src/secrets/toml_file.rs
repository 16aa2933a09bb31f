//! dlt's `.dlt/secrets.toml` beside a source: `[sources.<source>]` NAME = "...", and for auth
//! fields the `credentials` sections dlt searches (dlt-behaviour §8.6).

use std::path::{Path, PathBuf};

use super::store::{lookup_keys, Found, SecretStore};
use super::Sensitive;

/// A TOML secrets file in dlt's layout. The `secrets.toml` of a source is read-only; a writable
/// one stands in for the keychain in tests (`PIPEWRIGHT_KEYCHAIN=file:PATH`).
#[derive(Debug, Clone)]
pub struct SecretsTomlStore {
    path: PathBuf,
    role: &'static str,
    writable: bool,
}

impl SecretsTomlStore {
    /// The read-only `.dlt/secrets.toml` in the folder of `source_file`.
    pub fn beside(source_file: &Path) -> SecretsTomlStore {
        let dir = match source_file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        SecretsTomlStore {
            path: dir.join(".dlt").join("secrets.toml"),
            role: "secrets.toml",
            writable: false,
        }
    }

    /// A writable file that plays the keychain's role (tests and headless set-ups only).
    pub fn keychain_file(path: impl Into<PathBuf>) -> SecretsTomlStore {
        SecretsTomlStore {
            path: path.into(),
            role: "keychain",
            writable: true,
        }
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The parsed file; `None` when it does not exist. Parse errors give the line only: the
    /// parser's message may quote the text, and the text holds secrets.
    fn load(&self) -> Result<Option<toml::Table>, String> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", self.path.display())),
        };
        text.parse::<toml::Table>().map(Some).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(0);
            format!("{}: not valid TOML (line {line})", self.path.display())
        })
    }

    fn save(&self, table: &toml::Table) -> Result<(), String> {
        let text = toml::to_string(table).map_err(|e| format!("{}: {e}", self.path.display()))?;
        let io = |e: std::io::Error| format!("{}: {e}", self.path.display());
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let tmp = self.path.with_extension("toml.tmp");
        write_private(&tmp, text.as_bytes()).map_err(io)?;
        std::fs::rename(&tmp, &self.path).map_err(io)
    }

    fn place(&self, key: &[String]) -> String {
        format!("{}: {}", self.path.display(), key.join("."))
    }
}

/// Writes a file readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?.write_all(bytes)
}

fn lookup<'a>(table: &'a toml::Table, key: &[String]) -> Option<&'a toml::Value> {
    let (last, sections) = key.split_last()?;
    let mut t = table;
    for s in sections {
        t = t.get(s)?.as_table()?;
    }
    t.get(last)
}

fn scalar(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Array(_) | toml::Value::Table(_) => None,
    }
}

/// The key a write goes to: `sources.<source>.<name>`.
fn write_key(source: &str, name: &str) -> Vec<String> {
    lookup_keys(source, name).swap_remove(0)
}

impl SecretStore for SecretsTomlStore {
    fn name(&self) -> &str {
        self.role
    }

    fn places(&self, source: &str, name: &str) -> Vec<String> {
        let keys: Vec<String> = lookup_keys(source, name)
            .iter()
            .map(|k| k.join("."))
            .collect();
        vec![format!("{} ({})", self.path.display(), keys.join(", "))]
    }

    fn get(&self, source: &str, name: &str) -> Result<Option<Found>, String> {
        let Some(table) = self.load()? else {
            return Ok(None);
        };
        Ok(lookup_keys(source, name).iter().find_map(|key| {
            lookup(&table, key).and_then(scalar).map(|v| Found {
                value: Sensitive::new(v),
                place: self.place(key),
            })
        }))
    }

    fn set(&self, source: &str, name: &str, value: &Sensitive) -> Result<(), String> {
        if !self.writable {
            return Err(format!(
                "{} is read-only for pipewright; edit it yourself",
                self.path.display()
            ));
        }
        let mut table = self.load()?.unwrap_or_default();
        let key = write_key(source, name);
        let Some((last, sections)) = key.split_last() else {
            return Err("empty secret name".into());
        };
        let mut t = &mut table;
        for s in sections {
            let entry = t
                .entry(s.clone())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if !entry.is_table() {
                *entry = toml::Value::Table(toml::Table::new());
            }
            t = match entry.as_table_mut() {
                Some(t) => t,
                None => return Err(format!("{}: '{s}' is not a table", self.path.display())),
            };
        }
        t.insert(
            last.clone(),
            toml::Value::String(value.expose().to_string()),
        );
        self.save(&table)
    }

    fn delete(&self, source: &str, name: &str) -> Result<bool, String> {
        if !self.writable {
            return Err(format!(
                "{} is read-only for pipewright; edit it yourself",
                self.path.display()
            ));
        }
        let Some(mut table) = self.load()? else {
            return Ok(false);
        };
        let key = write_key(source, name);
        let Some((last, sections)) = key.split_last() else {
            return Ok(false);
        };
        let mut t = &mut table;
        for s in sections {
            t = match t.get_mut(s).and_then(toml::Value::as_table_mut) {
                Some(t) => t,
                None => return Ok(false),
            };
        }
        if t.remove(last).is_none() {
            return Ok(false);
        }
        self.save(&table)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn reads_dlt_layout_beside_the_source() {
        let d = dir();
        std::fs::create_dir_all(d.path().join(".dlt")).unwrap();
        std::fs::write(
            d.path().join(".dlt/secrets.toml"),
            r#"
token = "plain"
[sources.demo]
custom = "c1"
port = 8080
[sources.rest_api.demo.credentials]
password = "p1"
[credentials]
client_secret = "cs"
"#,
        )
        .unwrap();
        let s = SecretsTomlStore::beside(&d.path().join("demo.json"));
        let get = |n: &str| {
            s.get("demo", n)
                .unwrap()
                .map(|f| (f.value.expose().to_string(), f.place))
        };
        assert_eq!(get("custom").unwrap().0, "c1");
        assert!(get("custom")
            .unwrap()
            .1
            .ends_with(".dlt/secrets.toml: sources.demo.custom"));
        assert_eq!(get("port").unwrap().0, "8080");
        assert_eq!(get("password").unwrap().0, "p1");
        assert_eq!(get("client_secret").unwrap().0, "cs");
        assert_eq!(get("token").unwrap().0, "plain");
        assert!(get("missing").is_none());
        // Not an auth field: the credentials sections are not searched.
        assert!(s.get("other", "custom").unwrap().is_none());
        assert!(s.set("demo", "x", &Sensitive::new("v")).is_err());
        assert!(s.places("demo", "custom")[0].contains("sources.demo.custom, custom"));
    }

    #[test]
    fn missing_file_is_empty_and_bad_toml_never_quotes_values() {
        let d = dir();
        let s = SecretsTomlStore::beside(&d.path().join("demo.json"));
        assert!(s.get("demo", "token").unwrap().is_none());
        std::fs::create_dir_all(d.path().join(".dlt")).unwrap();
        std::fs::write(
            d.path().join(".dlt/secrets.toml"),
            "[sources.demo]\ntoken = \"hunter2-unterminated\n",
        )
        .unwrap();
        let err = s.get("demo", "token").unwrap_err();
        assert!(err.contains("not valid TOML (line 2)"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
    }

    #[test]
    fn writable_file_round_trip() {
        let d = dir();
        let s = SecretsTomlStore::keychain_file(d.path().join("kc/keychain.toml"));
        assert_eq!(s.name(), "keychain");
        s.set("my-api", "token", &Sensitive::new("t1")).unwrap();
        s.set("my-api", "other", &Sensitive::new("o1")).unwrap();
        s.set("my-api", "token", &Sensitive::new("t2")).unwrap();
        assert_eq!(
            s.get("my-api", "token").unwrap().unwrap().value.expose(),
            "t2"
        );
        let text = std::fs::read_to_string(s.path()).unwrap();
        assert!(text.contains("[sources.my-api]"), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(s.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(s.delete("my-api", "token").unwrap());
        assert!(!s.delete("my-api", "token").unwrap());
        assert!(s.get("my-api", "token").unwrap().is_none());
        assert_eq!(
            s.get("my-api", "other").unwrap().unwrap().value.expose(),
            "o1"
        );
    }
}
