//! Source files: open, save (key order kept), validate, the JSON Schema, the recent list kept
//! in the app store (`settings.json`), and plain text files for import. Files are only ever read
//! or written at paths the user gave.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
#[cfg(test)]
use std::sync::Mutex;

use pipewright_engine::config::schema::json_schema;
use pipewright_engine::config::validate::{is_valid, validate as validate_doc, Problem};
use pipewright_engine::config::{Document, Format};
use pipewright_engine::normalize::timestamp::{format_timestamp, now_micros};
use pipewright_engine::plan::summary::summarize;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::State;

use super::blocking;
use crate::error::IpcError;

/// The app store file (tauri-plugin-store, in the app data directory).
pub const SETTINGS_FILE: &str = "settings.json";
/// Store key of the recent list.
const RECENT_KEY: &str = "recent";
/// Entries kept in the recent list.
const RECENT_LIMIT: usize = 20;
/// A source to open at start-up (else the first command-line argument).
pub const OPEN_ENV: &str = "PIPEWRIGHT_OPEN";
/// The largest file `read_text_file` reads: big OpenAPI descriptions are a few MB.
pub const TEXT_FILE_LIMIT: u64 = 20 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Json,
    Yaml,
}

impl From<Format> for SourceFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Json => SourceFormat::Json,
            Format::Yaml => SourceFormat::Yaml,
        }
    }
}

impl From<SourceFormat> for Format {
    fn from(f: SourceFormat) -> Self {
        match f {
            SourceFormat::Json => Format::Json,
            SourceFormat::Yaml => Format::Yaml,
        }
    }
}

/// An open source file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SourceFile {
    /// Absolute path of the file.
    pub path: String,
    /// Source name: the file stem.
    pub name: String,
    pub format: SourceFormat,
    #[cfg_attr(test, ts(type = "Record<string, unknown>"))]
    pub document: Value,
    /// The file's text as read or written.
    pub text: String,
}

/// An entry of the recent-sources list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct RecentSource {
    pub path: String,
    pub name: String,
    /// ISO 8601, UTC.
    pub opened_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ValidationResult {
    pub valid: bool,
    pub problems: Vec<Problem>,
    /// One-line summary of resources, parents and paginators when valid.
    pub summary: Option<String>,
}

/// The source name of a file: its stem (pipeline and secret names derive from it).
pub fn source_name(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("source")
        .to_string()
}

fn absolute(path: &Path) -> Result<PathBuf, IpcError> {
    std::fs::canonicalize(path).map_err(|e| io_error(path, &e))
}

fn io_error(path: &Path, e: &std::io::Error) -> IpcError {
    let message = format!("{}: {e}", path.display());
    if e.kind() == std::io::ErrorKind::NotFound {
        IpcError::not_found(message)
    } else {
        IpcError::internal(message)
    }
}

/// Reads and parses a source file.
pub fn open(path: &Path) -> Result<SourceFile, IpcError> {
    let path = absolute(path)?;
    let text = std::fs::read_to_string(&path).map_err(|e| io_error(&path, &e))?;
    let format = Format::from_path(&path);
    let doc = Document::parse(&text, format).map_err(|e| {
        let mut err = IpcError::from(e);
        err.message = format!("{}: {}", path.display(), err.message);
        err
    })?;
    Ok(SourceFile {
        name: source_name(&path),
        path: path.display().to_string(),
        format: format.into(),
        document: doc.value,
        text,
    })
}

/// Reads a UTF-8 text file of at most `limit` bytes (a file to import: an OpenAPI description,
/// a dlt pipeline script, a curl command). Larger files and binary files are refused.
pub fn read_text(path: &Path, limit: u64) -> Result<String, IpcError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if !meta.is_file() {
        return Err(IpcError::validation(format!(
            "{}: not a file",
            path.display()
        )));
    }
    let too_big = || {
        IpcError::validation(format!(
            "{}: larger than {} MB, too big to import",
            path.display(),
            limit / (1024 * 1024)
        ))
    };
    if meta.len() > limit {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
    let mut text = String::new();
    // Bounded by `take` too: the file may grow between the size check and the read.
    file.take(limit + 1)
        .read_to_string(&mut text)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => {
                IpcError::validation(format!("{}: not UTF-8 text", path.display()))
            }
            _ => io_error(path, &e),
        })?;
    if text.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(text)
}

/// Writes a document back in `format`, key order as given, through a temporary file beside it so
/// a failure never leaves half a source.
pub fn save(path: &Path, document: Value, format: SourceFormat) -> Result<SourceFile, IpcError> {
    if !path.is_absolute() {
        return Err(IpcError::validation(format!(
            "{}: give an absolute path",
            path.display()
        )));
    }
    let doc = Document {
        value: document,
        format: format.into(),
    };
    let text = doc.to_text()?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .ok_or_else(|| IpcError::validation(format!("{}: not a file path", path.display())))?;
    let tmp = path.with_file_name(format!(".{file_name}.pipewright-tmp"));
    std::fs::write(&tmp, &text).map_err(|e| io_error(&tmp, &e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(path, &e)
    })?;
    let path = absolute(path)?;
    Ok(SourceFile {
        name: source_name(&path),
        path: path.display().to_string(),
        format,
        document: doc.value,
        text,
    })
}

/// Every problem of a document, and its summary when it is valid.
pub fn validation(document: &Value) -> ValidationResult {
    let problems = validate_doc(document);
    let valid = is_valid(&problems);
    ValidationResult {
        valid,
        summary: valid.then(|| summarize(document)),
        problems,
    }
}

/// Now, as ISO 8601 UTC with microseconds.
fn now_iso() -> String {
    format!("{}Z", format_timestamp(now_micros()).replacen(' ', "T", 1))
}

/// The recent list with `file` first (an earlier entry of the same path is dropped).
pub fn with_recent(mut list: Vec<RecentSource>, file: &SourceFile) -> Vec<RecentSource> {
    list.retain(|r| r.path != file.path);
    list.insert(
        0,
        RecentSource {
            path: file.path.clone(),
            name: file.name.clone(),
            opened_at: now_iso(),
        },
    );
    list.truncate(RECENT_LIMIT);
    list
}

/// Key-value settings that persist (the app store; a map in tests).
pub trait SettingsStore: Send + Sync {
    fn get(&self, key: &str) -> Option<Value>;
    /// Sets and saves.
    fn set(&self, key: &str, value: Value) -> Result<(), String>;
}

impl<R: tauri::Runtime> SettingsStore for tauri_plugin_store::Store<R> {
    fn get(&self, key: &str) -> Option<Value> {
        tauri_plugin_store::Store::get(self, key)
    }
    fn set(&self, key: &str, value: Value) -> Result<(), String> {
        tauri_plugin_store::Store::set(self, key, value);
        self.save().map_err(|e| e.to_string())
    }
}

/// Settings kept in memory (tests).
#[cfg(test)]
#[derive(Debug, Default)]
pub struct MemorySettings(Mutex<serde_json::Map<String, Value>>);

#[cfg(test)]
impl SettingsStore for MemorySettings {
    fn get(&self, key: &str) -> Option<Value> {
        self.0.lock().ok().and_then(|m| m.get(key).cloned())
    }
    fn set(&self, key: &str, value: Value) -> Result<(), String> {
        self.0
            .lock()
            .map_err(|e| e.to_string())?
            .insert(key.to_string(), value);
        Ok(())
    }
}

/// Managed state: the settings store handle.
#[derive(Clone)]
pub struct Settings(Arc<dyn SettingsStore>);

impl Settings {
    pub fn new(store: Arc<dyn SettingsStore>) -> Settings {
        Settings(store)
    }

    /// The recent list, newest first; an unreadable entry is dropped, not an error.
    pub fn recent(&self) -> Vec<RecentSource> {
        match self.0.get(RECENT_KEY) {
            Some(Value::Array(items)) => items
                .into_iter()
                .filter_map(|v| serde_json::from_value(v).ok())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Puts `file` first in the recent list and saves it.
    pub fn remember(&self, file: &SourceFile) -> Result<(), IpcError> {
        let list = with_recent(self.recent(), file);
        let value = serde_json::to_value(list).map_err(|e| IpcError::internal(e.to_string()))?;
        self.0
            .set(RECENT_KEY, value)
            .map_err(|e| IpcError::internal(format!("cannot save the recent list: {e}")))
    }

    /// Opens the start-up source (if any), so it heads the recent list the UI shows first.
    pub fn open_at_start(&self, path: &Path) -> Result<SourceFile, IpcError> {
        let file = open(path)?;
        self.remember(&file)?;
        Ok(file)
    }
}

/// The source to open at start-up: `$PIPEWRIGHT_OPEN`, else the first argument that is not a
/// flag.
pub fn startup_path(
    env: Option<String>,
    args: impl IntoIterator<Item = String>,
) -> Option<PathBuf> {
    env.filter(|s| !s.trim().is_empty())
        .or_else(|| args.into_iter().find(|a| !a.starts_with('-')))
        .map(PathBuf::from)
}

#[tauri::command(rename_all = "snake_case")]
pub fn list_recent(settings: State<'_, Settings>) -> Vec<RecentSource> {
    settings.recent()
}

#[tauri::command(rename_all = "snake_case")]
pub async fn open_source(
    path: String,
    settings: State<'_, Settings>,
) -> Result<SourceFile, IpcError> {
    let file = blocking(move || open(Path::new(&path))).await?;
    settings.remember(&file)?;
    Ok(file)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_source(
    path: String,
    document: Value,
    format: SourceFormat,
    settings: State<'_, Settings>,
) -> Result<SourceFile, IpcError> {
    let file = blocking(move || save(Path::new(&path), document, format)).await?;
    settings.remember(&file)?;
    Ok(file)
}

/// The text of a file the user picked to import (`import_source` takes the text).
#[tauri::command(rename_all = "snake_case")]
pub async fn read_text_file(path: String) -> Result<String, IpcError> {
    blocking(move || read_text(Path::new(&path), TEXT_FILE_LIMIT)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn validate(document: Value) -> ValidationResult {
    validation(&document)
}

#[tauri::command(rename_all = "snake_case")]
pub fn schema() -> Value {
    json_schema()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const YAML: &str = "client:\n  base_url: https://api.example.com/\nresources:\n- name: posts\n  endpoint: posts\n- users\n";

    #[test]
    fn open_reads_yaml_and_json_with_their_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blog.yaml");
        std::fs::write(&path, YAML).unwrap();
        let file = open(&path).unwrap();
        assert_eq!(file.name, "blog");
        assert_eq!(file.format, SourceFormat::Yaml);
        assert_eq!(file.text, YAML);
        assert_eq!(file.document["resources"][1], "users");
        assert!(Path::new(&file.path).is_absolute());

        let err = open(&dir.path().join("missing.json")).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::NotFound);
        std::fs::write(dir.path().join("bad.json"), "{\"client\": ").unwrap();
        let err = open(&dir.path().join("bad.json")).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Validation);
        assert_eq!(err.details["format"], "JSON");
    }

    #[test]
    fn save_keeps_key_order_and_format() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.json");
        // Keys deliberately out of alphabetical order.
        let doc = json!({"resources": ["b", "a"], "client": {"base_url": "https://x/"}});
        let file = save(&path, doc.clone(), SourceFormat::Json).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(file.text, text);
        assert!(
            text.find("resources").unwrap() < text.find("client").unwrap(),
            "{text}"
        );
        assert_eq!(open(&path).unwrap().document, doc);

        let ypath = dir.path().join("s.yaml");
        let yfile = save(&ypath, doc.clone(), SourceFormat::Yaml).unwrap();
        assert!(yfile.text.starts_with("resources:"), "{}", yfile.text);
        assert_eq!(open(&ypath).unwrap().document, doc);
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");

        let err = save(Path::new("relative.json"), doc, SourceFormat::Json).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Validation);
    }

    #[test]
    fn validate_lists_problems_or_summarises() {
        let ok = validation(&json!({"client": {"base_url": "https://x/"}, "resources": ["posts"]}));
        assert!(ok.valid);
        assert!(ok.summary.unwrap().contains("posts"));
        let bad = validation(&json!({"client": {}, "resources": [{"name": "p", "params": {}}]}));
        assert!(!bad.valid);
        assert!(bad.summary.is_none());
        assert!(bad.problems.len() >= 2, "{:?}", bad.problems);
        let wire = serde_json::to_value(&bad).unwrap();
        assert_eq!(wire["problems"][0]["severity"], "error");
    }

    #[test]
    fn recent_list_is_newest_first_deduplicated_and_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::new(Arc::new(MemorySettings::default()));
        assert!(settings.recent().is_empty());
        let mut paths = Vec::new();
        for i in 0..(RECENT_LIMIT + 2) {
            let p = dir.path().join(format!("s{i}.json"));
            std::fs::write(&p, "{}").unwrap();
            settings.remember(&open(&p).unwrap()).unwrap();
            paths.push(p);
        }
        settings.open_at_start(&paths[3]).unwrap();
        let recent = settings.recent();
        assert_eq!(recent.len(), RECENT_LIMIT);
        assert_eq!(recent[0].name, "s3");
        assert_eq!(recent[1].name, format!("s{}", RECENT_LIMIT + 1));
        assert_eq!(recent.iter().filter(|r| r.name == "s3").count(), 1);
        assert!(recent[0].opened_at.ends_with('Z') && recent[0].opened_at.contains('T'));
    }

    #[test]
    fn startup_path_prefers_the_environment() {
        let args = || vec!["--flag".to_string(), "/a.json".to_string()];
        assert_eq!(
            startup_path(Some("/env.yaml".into()), args()),
            Some(PathBuf::from("/env.yaml"))
        );
        assert_eq!(startup_path(None, args()), Some(PathBuf::from("/a.json")));
        assert_eq!(startup_path(Some(" ".into()), Vec::new()), None);
    }

    #[test]
    fn read_text_reads_small_utf8_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("github_pipeline.py");
        std::fs::write(&script, "import dlt\n# café\n").unwrap();
        assert_eq!(read_text(&script, 1024).unwrap(), "import dlt\n# café\n");
        // Exactly at the limit is fine; one byte over is refused.
        let len = std::fs::metadata(&script).unwrap().len();
        assert!(read_text(&script, len).is_ok());
        let err = read_text(&script, len - 1).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Validation);
        assert!(err.message.contains("too big"), "{}", err.message);

        let err = read_text(&dir.path().join("missing.yaml"), 1024).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::NotFound);
        let err = read_text(dir.path(), 1024).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Validation);
        assert!(err.message.ends_with("not a file"), "{}", err.message);
        let binary = dir.path().join("data.bin");
        std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x80]).unwrap();
        let err = read_text(&binary, 1024).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Validation);
        assert!(err.message.ends_with("not UTF-8 text"), "{}", err.message);
    }

    #[test]
    fn schema_is_a_json_schema() {
        let s = schema();
        assert!(s.get("$schema").is_some() || s.get("properties").is_some());
    }
}
