//! Loading a source file for a command: the document, its name and its secret stores.

use std::path::Path;

use pipewright_engine::config::Document;
use pipewright_engine::secrets::Stores;

/// A source file, read.
pub struct Source {
    /// The document.
    pub doc: Document,
    /// The source name: the file stem (pipeline and secret names derive from it).
    pub name: String,
}

impl Source {
    /// Reads a source; the error is printed as `error: FILE: ...`.
    pub fn read(path: &Path) -> Result<Source, String> {
        let doc = Document::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("source")
            .to_string();
        Ok(Source { doc, name })
    }

    /// Secret stores for this source, in lookup order.
    pub fn stores(&self) -> Stores {
        Stores::env(&self.name)
    }
}
