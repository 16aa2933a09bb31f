//! Small shapes shared by several parts of the config model.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

/// A key given as one column name or as a list of names (`primary_key: "id"` or `["a", "b"]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum KeyList {
    /// A single column name.
    One(String),
    /// Several column names; an empty list disables the key where dlt allows it.
    Many(Vec<String>),
}

impl KeyList {
    /// The names as a list, whatever form they were written in.
    pub fn names(&self) -> Vec<&str> {
        match self {
            KeyList::One(s) => vec![s.as_str()],
            KeyList::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// Deserialises a field whose explicit `null` means something different from its absence.
///
/// dlt uses "key present" semantics in a few places (an endpoint `auth: null` disables the client
/// auth; `paginator: null` erases a default), so such fields are `Option<Option<T>>`: `None` when
/// absent, `Some(None)` when null.
pub fn nullable<'de, D, T>(de: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(de).map(Some)
}
