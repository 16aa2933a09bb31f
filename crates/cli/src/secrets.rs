//! `pipewright secrets`: set, list, delete and adopt the secrets of a source. Values go to the OS
//! keychain (service `pipewright`, account `<source>/<NAME>`) and are never printed, logged or
//! taken from the command line.
//!
//! Exit codes: 0 ok; 1 a secret is missing or the keychain failed; 2 usage or file errors.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use pipewright_engine::config::{Document, Format};
use pipewright_engine::secrets::{
    adopt, is_valid_name, keychain_from_env, literal_secrets, referenced_secrets, rewrite_text,
    EnvStore, SecretStore, SecretsTomlStore, Sensitive,
};

use crate::source::{source_name, Source};

/// The `secrets` subcommands.
#[derive(Subcommand)]
pub enum SecretsCommand {
    /// Store a secret in the OS keychain (service `pipewright`, account `SOURCE/NAME`).
    ///
    /// The value is read from standard input when it is not a terminal (one trailing newline is
    /// dropped), otherwise from a hidden prompt; never from the command line. The source then
    /// resolves `{secrets.NAME}` from the keychain.
    Set {
        /// The source file, or just its name (the file stem).
        source: String,
        /// The secret name, as in `{secrets.NAME}`: letters, digits, `_`, `-`, `.`.
        name: String,
    },
    /// List the secrets a source needs and where each resolves from: environment, secrets.toml,
    /// keychain or missing. Values are never shown.
    ///
    /// Lists every `{secrets.NAME}` reference, the auth fields left to the stores, and literal
    /// secrets written in the file. Exit 1 when any secret is missing.
    List {
        /// The source file (`.json`, `.yaml` or `.yml`).
        source: PathBuf,
    },
    /// Delete a secret from the OS keychain. Exit 1 when there was none.
    Delete {
        /// The source file, or just its name (the file stem).
        source: String,
        /// The secret name.
        name: String,
    },
    /// Move literal secrets out of a source file into the OS keychain and rewrite the file with
    /// `{secrets.NAME}` references.
    ///
    /// Moves tokens, API keys, passwords and client secrets of auth configs, sensitive headers
    /// (`Authorization` keeps its scheme: `Bearer {secrets.authorization}`) and secret query
    /// parameters (`api_key`, `access_token`...). Everything else in the file stays as written.
    /// The file is rewritten only after every value is stored and read back.
    Adopt {
        /// The source file (`.json`, `.yaml` or `.yml`).
        source: PathBuf,
        /// Show what would move, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs a `secrets` subcommand.
pub fn run(cmd: SecretsCommand) -> ExitCode {
    let result = match cmd {
        SecretsCommand::Set { source, name } => set(&source, &name),
        SecretsCommand::List { source } => list(&source),
        SecretsCommand::Delete { source, name } => delete(&source, &name),
        SecretsCommand::Adopt { source, dry_run } => adopt_file(&source, dry_run),
    };
    match result {
        Ok(code) => code,
        Err(Failure { code, message }) => {
            eprintln!("error: {message}");
            ExitCode::from(code)
        }
    }
}

/// An error message (never holding a secret value) and its exit code.
struct Failure {
    code: u8,
    message: String,
}

fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: 2,
        message: message.into(),
    }
}

fn failed(message: impl Into<String>) -> Failure {
    Failure {
        code: 1,
        message: message.into(),
    }
}

/// A `SOURCE` argument: an existing file (its stem is the name), or a bare source name.
fn source_arg(arg: &str) -> Result<(String, Option<PathBuf>), Failure> {
    let path = Path::new(arg);
    if path.is_file() {
        return Ok((source_name(path), Some(path.to_path_buf())));
    }
    let looks_like_file = arg.contains(['/', '\\'])
        || matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("json" | "yaml" | "yml")
        );
    if looks_like_file || arg.is_empty() {
        return Err(usage(format!("{arg}: no such source file")));
    }
    Ok((arg.to_string(), None))
}

fn check_name(name: &str) -> Result<(), Failure> {
    if is_valid_name(name) {
        Ok(())
    } else {
        Err(usage(format!(
            "'{name}' is not a secret name: use letters, digits, '_', '-' or '.'"
        )))
    }
}

/// The value to store: standard input when piped, else a hidden prompt.
fn read_value(source: &str, name: &str) -> Result<Sensitive, Failure> {
    let mut value = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(format!("{{secrets.{name}}} for {source} (hidden): "))
            .map_err(|e| usage(format!("cannot read the value: {e}")))?
    } else {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| usage(format!("cannot read the value from standard input: {e}")))?;
        text
    };
    if value.ends_with('\n') {
        value.pop();
        if value.ends_with('\r') {
            value.pop();
        }
    }
    if value.is_empty() {
        return Err(usage("empty value: nothing stored"));
    }
    Ok(Sensitive::new(value))
}

fn set(source_arg_text: &str, name: &str) -> Result<ExitCode, Failure> {
    let (source, file) = source_arg(source_arg_text)?;
    check_name(name)?;
    let value = read_value(&source, name)?;
    let keychain = keychain_from_env();
    keychain
        .set(&source, name, &value)
        .map_err(|e| failed(format!("cannot store {{secrets.{name}}} of {source}: {e}")))?;
    // Read it back: proves the store keeps it, and says exactly where it went.
    let place = match keychain.get(&source, name) {
        Ok(Some(found)) if found.value == value => found.place,
        Ok(_) => {
            return Err(failed(format!(
                "the {} did not keep {{secrets.{name}}} of {source}",
                keychain.name()
            )))
        }
        Err(e) => {
            return Err(failed(format!(
                "stored {{secrets.{name}}} of {source} but cannot read it back: {e}"
            )))
        }
    };
    println!("stored {{secrets.{name}}} of {source} in {place}");
    // Stores earlier in the lookup order win: say so.
    let mut earlier: Vec<Box<dyn SecretStore>> = vec![Box::new(EnvStore)];
    if let Some(f) = &file {
        earlier.push(Box::new(SecretsTomlStore::beside(f)));
    }
    for store in earlier {
        if let Ok(Some(found)) = store.get(&source, name) {
            eprintln!(
                "note: {} also sets it and is used first ({})",
                found.place,
                store.name()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn delete(source_arg_text: &str, name: &str) -> Result<ExitCode, Failure> {
    let (source, _) = source_arg(source_arg_text)?;
    check_name(name)?;
    let keychain = keychain_from_env();
    let place = keychain.places(&source, name).join(", ");
    match keychain.delete(&source, name) {
        Ok(true) => {
            println!("deleted {{secrets.{name}}} of {source} from {place}");
            Ok(ExitCode::SUCCESS)
        }
        Ok(false) => Err(failed(format!(
            "{{secrets.{name}}} of {source} is not in {place}"
        ))),
        Err(e) => Err(failed(format!(
            "cannot delete {{secrets.{name}}} of {source}: {e}"
        ))),
    }
}

fn list(path: &Path) -> Result<ExitCode, Failure> {
    let src = Source::read(path).map_err(usage)?;
    let stores = src.stores();
    let uses = referenced_secrets(&src.doc.value);
    let literals = literal_secrets(&src.doc.value);
    if uses.is_empty() && literals.is_empty() {
        println!("{}: no secrets", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let width = uses
        .iter()
        .map(|u| u.name.len())
        .chain(literals.iter().map(|l| l.path.len()))
        .max()
        .unwrap_or(4)
        .max(4);
    let mut missing = 0;
    if !uses.is_empty() {
        println!("{:<width$}  {:<12}  where", "name", "from");
    }
    for u in &uses {
        let needed = if u.implicit {
            format!("{} (auth field left out)", u.path)
        } else {
            u.path.clone()
        };
        match stores.locate(&u.name) {
            Ok((store, place)) => println!("{:<width$}  {store:<12}  {place}", u.name),
            Err(problems) => {
                missing += 1;
                let problems = if problems.is_empty() {
                    String::new()
                } else {
                    format!("; {}", problems.join("; "))
                };
                println!(
                    "{:<width$}  {:<12}  needed by {needed}; set it with `pipewright secrets set {} {}`{problems}",
                    u.name, "missing", src.name, u.name
                );
            }
        }
    }
    if !literals.is_empty() {
        println!(
            "literal secrets written in the file (move them with `pipewright secrets adopt {}`):",
            path.display()
        );
        for l in &literals {
            println!("  {}", l.path);
        }
    }
    Ok(if missing > 0 {
        eprintln!(
            "{}: {missing} secret{} missing",
            path.display(),
            if missing == 1 { "" } else { "s" }
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn adopt_file(path: &Path, dry_run: bool) -> Result<ExitCode, Failure> {
    let text =
        std::fs::read_to_string(path).map_err(|e| usage(format!("{}: {e}", path.display())))?;
    let doc = Document::parse(&text, Format::from_path(path))
        .map_err(|e| usage(format!("{}: {e}", path.display())))?;
    let source = source_name(path);
    let adopted = adopt(&doc);
    if adopted.moved.is_empty() {
        println!("{}: no literal secrets", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let keychain = keychain_from_env();
    for m in &adopted.moved {
        println!("{} -> {{secrets.{}}}", m.paths.join(", "), m.name);
    }
    if dry_run {
        println!("dry run: nothing stored, {} unchanged", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    for m in &adopted.moved {
        keychain.set(&source, &m.name, &m.value).map_err(|e| {
            failed(format!(
                "cannot store {{secrets.{}}} of {source}: {e}; {} was not changed",
                m.name,
                path.display()
            ))
        })?;
        match keychain.get(&source, &m.name) {
            Ok(Some(found)) if found.value == m.value => {}
            Ok(_) => {
                return Err(failed(format!(
                    "the keychain did not keep {{secrets.{}}} of {source}; {} was not changed",
                    m.name,
                    path.display()
                )))
            }
            Err(e) => {
                return Err(failed(format!(
                    "cannot read back {{secrets.{}}} of {source}: {e}; {} was not changed",
                    m.name,
                    path.display()
                )))
            }
        }
    }
    let new_text =
        rewrite_text(&text, &adopted).map_err(|e| usage(format!("{}: {e}", path.display())))?;
    write_replacing(path, &new_text).map_err(|e| {
        usage(format!(
            "{}: {e} (the secrets are stored; the file still holds them)",
            path.display()
        ))
    })?;
    let accounts: Vec<String> = adopted
        .moved
        .iter()
        .map(|m| pipewright_engine::secrets::account(&source, &m.name))
        .collect();
    println!(
        "stored {} secret{} in the {} (accounts {}); rewrote {}",
        adopted.moved.len(),
        if adopted.moved.len() == 1 { "" } else { "s" },
        keychain.name(),
        accounts.join(", "),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Replaces a file's contents through a temporary file in the same folder, keeping its
/// permissions, so a failure never leaves half a source.
fn write_replacing(path: &Path, text: &str) -> std::io::Result<()> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "source".into());
    let tmp = path.with_file_name(format!(".{file_name}.pipewright-tmp"));
    std::fs::write(&tmp, text)?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(&tmp, meta.permissions())?;
    }
    std::fs::rename(&tmp, path)
}
