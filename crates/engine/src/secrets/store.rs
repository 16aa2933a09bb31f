//! Secret stores, tried in order.

use std::collections::HashMap;

use super::Sensitive;

/// Somewhere secret values live.
pub trait SecretStore: Send + Sync {
    /// The store's name for messages ("environment", "keychain", ...).
    fn name(&self) -> &str;
    /// Where it looked for `name`, for a "not found" message.
    fn places(&self, source: &str, name: &str) -> Vec<String>;
    /// The value, if this store has it.
    fn get(&self, source: &str, name: &str) -> Option<Sensitive>;
}

/// Environment variables with dlt's names: `SOURCES__<SOURCE>__<NAME>`, then `<NAME>`.
#[derive(Debug, Default)]
pub struct EnvStore;

fn env_names(source: &str, name: &str) -> Vec<String> {
    let up = |s: &str| s.to_ascii_uppercase().replace(['-', '.'], "_");
    vec![format!("SOURCES__{}__{}", up(source), up(name)), up(name)]
}

impl SecretStore for EnvStore {
    fn name(&self) -> &str {
        "environment"
    }
    fn places(&self, source: &str, name: &str) -> Vec<String> {
        env_names(source, name)
            .into_iter()
            .map(|n| format!("${n}"))
            .collect()
    }
    fn get(&self, source: &str, name: &str) -> Option<Sensitive> {
        env_names(source, name)
            .into_iter()
            .find_map(|n| std::env::var(n).ok())
            .map(Sensitive::new)
    }
}

/// In-memory secrets, for tests only.
#[derive(Debug, Default)]
pub struct MemoryStore(HashMap<String, String>);

impl<const N: usize> From<[(&str, &str); N]> for MemoryStore {
    fn from(pairs: [(&str, &str); N]) -> Self {
        MemoryStore(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }
}

impl SecretStore for MemoryStore {
    fn name(&self) -> &str {
        "memory"
    }
    fn places(&self, _source: &str, name: &str) -> Vec<String> {
        vec![format!("memory:{name}")]
    }
    fn get(&self, _source: &str, name: &str) -> Option<Sensitive> {
        self.0.get(name).cloned().map(Sensitive::new)
    }
}

/// The stores of one source, in lookup order.
pub struct Stores {
    source: String,
    stores: Vec<Box<dyn SecretStore>>,
    /// Every value handed out, so traces and errors can be scrubbed of them.
    handed_out: std::sync::Mutex<Vec<String>>,
}

impl Stores {
    /// Stores for a source (its name goes into dlt-style variable names).
    pub fn new(source: &str, stores: Vec<Box<dyn SecretStore>>) -> Stores {
        Stores {
            source: source.to_string(),
            stores,
            handed_out: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// The environment only.
    pub fn env(source: &str) -> Stores {
        Stores::new(source, vec![Box::new(EnvStore)])
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

    /// Looks a secret up; the error names the reference, every place searched, and how to set it.
    pub fn get(&self, name: &str) -> Result<Sensitive, String> {
        if let Some(v) = self.stores.iter().find_map(|s| s.get(&self.source, name)) {
            if let Ok(mut seen) = self.handed_out.lock() {
                if !seen.iter().any(|s| s == v.expose()) {
                    seen.push(v.expose().to_string());
                }
            }
            return Ok(v);
        }
        let places: Vec<String> = self
            .stores
            .iter()
            .flat_map(|s| s.places(&self.source, name))
            .collect();
        Err(format!(
            "secret '{{secrets.{name}}}' is not set; looked in {}. Set it with `pipewright secrets set {} {name}` or export {}",
            places.join(", "),
            self.source,
            env_names(&self.source, name)[0]
        ))
    }
}
