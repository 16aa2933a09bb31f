//! Loading a source file for a command: the document, its name and its secret stores.

use std::path::{Path, PathBuf};

use pipewright_engine::config::Document;
use pipewright_engine::secrets::{keychain_from_env, Stores};

/// A source file, read.
pub struct Source {
    /// The document.
    pub doc: Document,
    /// The source name: the file stem (pipeline and secret names derive from it).
    pub name: String,
    /// The file.
    pub path: PathBuf,
}

/// The source name of a file: its stem.
pub fn source_name(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("source")
        .to_string()
}

impl Source {
    /// Reads a source; the error is printed as `error: FILE: ...`.
    pub fn read(path: &Path) -> Result<Source, String> {
        let doc = Document::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Source {
            doc,
            name: source_name(path),
            path: path.to_path_buf(),
        })
    }

    /// Secret stores for this source, in lookup order: environment variables (dlt's names), the
    /// `.dlt/secrets.toml` beside the file, then the OS keychain (or the `PIPEWRIGHT_KEYCHAIN`
    /// stand-in).
    pub fn stores(&self) -> Stores {
        Stores::chain(&self.name, Some(&self.path), keychain_from_env())
    }
}
