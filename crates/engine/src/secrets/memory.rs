//! In-memory secrets, for tests only.

use std::collections::HashMap;
use std::sync::Mutex;

use super::store::{Found, SecretStore};
use super::Sensitive;

/// In-memory secrets keyed by name (any source), for tests only. Writable.
#[derive(Debug, Default)]
pub struct MemoryStore(Mutex<HashMap<String, String>>);

impl<const N: usize> From<[(&str, &str); N]> for MemoryStore {
    fn from(pairs: [(&str, &str); N]) -> Self {
        MemoryStore(Mutex::new(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ))
    }
}

impl SecretStore for MemoryStore {
    fn name(&self) -> &str {
        "memory"
    }
    fn places(&self, _source: &str, name: &str) -> Vec<String> {
        vec![format!("memory:{name}")]
    }
    fn get(&self, _source: &str, name: &str) -> Result<Option<Found>, String> {
        let map = self
            .0
            .lock()
            .map_err(|_| "memory store poisoned".to_string())?;
        Ok(map.get(name).map(|v| Found {
            value: Sensitive::new(v.clone()),
            place: format!("memory:{name}"),
        }))
    }
    fn set(&self, _source: &str, name: &str, value: &Sensitive) -> Result<(), String> {
        let mut map = self
            .0
            .lock()
            .map_err(|_| "memory store poisoned".to_string())?;
        map.insert(name.to_string(), value.expose().to_string());
        Ok(())
    }
    fn delete(&self, _source: &str, name: &str) -> Result<bool, String> {
        let mut map = self
            .0
            .lock()
            .map_err(|_| "memory store poisoned".to_string())?;
        Ok(map.remove(name).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let m = MemoryStore::default();
        assert!(m.get("s", "tok").unwrap().is_none());
        m.set("s", "tok", &Sensitive::new("v1")).unwrap();
        assert_eq!(m.get("s", "tok").unwrap().unwrap().value.expose(), "v1");
        assert!(m.delete("s", "tok").unwrap());
        assert!(!m.delete("s", "tok").unwrap());
    }
}
