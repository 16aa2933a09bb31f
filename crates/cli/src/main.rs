//! `pipewright`: design, check and run dlt `rest_api` sources from the command line.

mod export;
mod import;
mod preview;
mod progress;
mod run;
mod secrets;
mod source;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Loads allocate a value per JSON node; mimalloc halves the allocator's share of a run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Pipewright: build, check and run REST API data pipelines written in dlt's `rest_api` config
/// language (RESTAPIConfig), as JSON or YAML.
#[derive(Parser)]
#[command(name = "pipewright", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a source and list every problem with its config path.
    ///
    /// Exit 0 when valid (prints a one-line summary of the resources, their parents and
    /// paginators), 1 when invalid (one `PATH: MESSAGE` line per problem on stderr), 2 when the
    /// file cannot be read or parsed.
    Validate {
        /// The source file (`.json`, `.yaml` or `.yml`).
        source: PathBuf,
        /// Print the problems as a JSON array on stdout instead.
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of the source language (for editors such as VS Code).
    Schema,
    /// Extract every selected resource and load it into a SQLite file, the way dlt would.
    ///
    /// Tables land directly in FILE (dlt's `main` dataset on SQLite). Running again continues
    /// from the stored incremental state. A failed or cancelled run (Ctrl-C) leaves the database
    /// as the previous run left it.
    Run {
        /// The source file (`.json`, `.yaml` or `.yml`).
        source: PathBuf,
        /// The SQLite file (default: `<source dir>/<source name>.sqlite`).
        #[arg(long)]
        db: Option<PathBuf>,
        /// Pipeline name (default: the source file's stem).
        #[arg(long)]
        pipeline: Option<String>,
        /// Load only this resource (and fetch the parents it needs); repeatable.
        #[arg(long = "resource", short)]
        resources: Vec<String>,
        /// Drop the source's tables and state first.
        #[arg(long)]
        full_refresh: bool,
        /// Concurrent child requests of `parallelized` resources.
        #[arg(long, default_value_t = 8)]
        parallelism: usize,
        /// No progress bars; print the summary as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Run one resource's real requests with limits and explain every page: the request, the
    /// response, the records selected, the paginator position and why paging stopped.
    ///
    /// Nothing is loaded. For a child resource, the first record of each parent is used.
    Preview {
        /// The source file (`.json`, `.yaml` or `.yml`).
        source: PathBuf,
        /// The resource to preview (default: the first one).
        #[arg(long, short)]
        resource: Option<String>,
        /// At most this many pages.
        #[arg(long, default_value_t = 3)]
        pages: u64,
        /// At most this many records.
        #[arg(long, default_value_t = 100)]
        records: usize,
        /// For a child resource: preview it for the first N records of its parent.
        #[arg(long, default_value_t = 1)]
        parents: usize,
        /// `table` (a page timeline and the first records) or `json` (the whole trace).
        #[arg(long, value_enum, default_value_t = preview::OutputFormat::Table)]
        format: preview::OutputFormat,
    },
    /// Manage a source's secrets in the OS keychain: set, list, delete, adopt.
    ///
    /// A source refers to secrets as `{secrets.NAME}`; they resolve from environment variables
    /// (`SOURCES__<SOURCE>__<NAME>`, `<NAME>`), then `.dlt/secrets.toml` beside the source, then
    /// the keychain (service `pipewright`, account `<source>/<NAME>`). Values are never printed.
    Secrets {
        #[command(subcommand)]
        command: secrets::SecretsCommand,
    },
    /// Export a source: as a dlt project (`--to python`: `<name>_pipeline.py` with the config as
    /// a dict literal, `.dlt/` files, requirements, README) or as its JSON/YAML document.
    ///
    /// Secret references become `dlt.secrets[...]` lookups and an empty `.dlt/secrets.toml`.
    /// Exit 0 when written, 1 when refused (invalid source, literal secrets), 2 on I/O errors.
    Export {
        /// The source file (`.json`, `.yaml` or `.yml`).
        source: PathBuf,
        /// What to write.
        #[arg(long, value_enum)]
        to: export::ExportTo,
        /// The output directory (created if needed).
        #[arg(long)]
        out: PathBuf,
        /// Export even when the source holds literal secret values.
        #[arg(long)]
        allow_literal_secrets: bool,
    },
    /// Import a source from a dlt config (JSON, YAML, or the dict literal of a pipeline script),
    /// a curl command, or an OpenAPI 3 description; validates it and reports every guess.
    ///
    /// Exit 0 when the new source is valid, 1 when it is written but invalid or the input
    /// cannot be imported (e.g. Python callables), 2 on read/parse/write errors.
    Import {
        /// The input file, or `-` for stdin.
        input: PathBuf,
        /// What the input is.
        #[arg(long = "from", value_enum, default_value_t = import::From::Auto)]
        from: import::From,
        /// The source file to write (`.json`, `.yaml` or `.yml`).
        #[arg(long)]
        out: PathBuf,
        /// Replace `--out` if it exists.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { source, json } => validate::run(&source, json),
        Command::Preview {
            source,
            resource,
            pages,
            records,
            parents,
            format,
        } => preview::run(
            &source,
            resource.as_deref(),
            preview::PreviewLimits {
                pages: pages.max(1),
                records: records.max(1),
                parents: parents.max(1),
            },
            format,
        ),
        Command::Run {
            source,
            db,
            pipeline,
            resources,
            full_refresh,
            parallelism,
            json,
        } => run::run(run::Args {
            source,
            db,
            pipeline,
            resources,
            full_refresh,
            parallelism,
            json,
        }),
        Command::Secrets { command } => secrets::run(command),
        Command::Export {
            source,
            to,
            out,
            allow_literal_secrets,
        } => export::run(&source, to, &out, allow_literal_secrets),
        Command::Import {
            input,
            from,
            out,
            force,
        } => import::run(&input, from, &out, force),
        Command::Schema => {
            let schema = pipewright_engine::config::schema::json_schema();
            match serde_json::to_string_pretty(&schema) {
                Ok(text) => {
                    println!("{text}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
