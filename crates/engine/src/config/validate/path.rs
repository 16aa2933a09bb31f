//! Config paths in dlt's dotted notation: `resources[0].endpoint.params.since`.

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// An object key.
    Key(String),
    /// A list index.
    Index(usize),
}

/// A path from the document root.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Path(pub Vec<Seg>);

impl Path {
    /// The root.
    pub fn root() -> Path {
        Path(Vec::new())
    }
    /// This path with a key appended.
    pub fn key(&self, k: &str) -> Path {
        let mut p = self.0.clone();
        p.push(Seg::Key(k.to_string()));
        Path(p)
    }
    /// This path with an index appended.
    pub fn index(&self, i: usize) -> Path {
        let mut p = self.0.clone();
        p.push(Seg::Index(i));
        Path(p)
    }
    /// The last key of the path, if it ends with one.
    pub fn last_key(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
    }
    /// True when the value at this path is a secret (its key names a secret-bearing field).
    pub fn is_sensitive(&self) -> bool {
        matches!(self.0.last(), Some(Seg::Key(k)) if super::is_sensitive_key(k))
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() {
            return f.write_str("<root>");
        }
        let mut first = true;
        for seg in &self.0 {
            match seg {
                Seg::Index(i) => write!(f, "[{i}]")?,
                Seg::Key(k) => {
                    let plain = !k.is_empty()
                        && k.chars()
                            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '@');
                    match (plain, first) {
                        (true, true) => f.write_str(k)?,
                        (true, false) => write!(f, ".{k}")?,
                        (false, _) => write!(f, "['{}']", k.replace('\'', "\\'"))?,
                    }
                }
            }
            first = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_dlt_style() {
        let p = Path::root()
            .key("resources")
            .index(2)
            .key("endpoint")
            .key("paginator");
        assert_eq!(p.to_string(), "resources[2].endpoint.paginator");
        assert_eq!(Path::root().to_string(), "<root>");
        let q = Path::root().key("client").key("headers").key("X Api.Key");
        assert_eq!(q.to_string(), "client.headers['X Api.Key']");
    }
}
