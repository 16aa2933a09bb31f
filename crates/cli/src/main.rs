//! `pipewright`: design, check and run dlt `rest_api` sources from the command line.

mod preview;
mod progress;
mod run;
mod source;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
        /// `table` (a page timeline and the first records) or `json` (the whole trace).
        #[arg(long, value_enum, default_value_t = preview::OutputFormat::Table)]
        format: preview::OutputFormat,
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
            format,
        } => preview::run(&source, resource.as_deref(), pages, records, format),
        Command::Run { source, db, pipeline, resources, full_refresh, parallelism, json } => run::run(run::Args {
            source,
            db,
            pipeline,
            resources,
            full_refresh,
            parallelism,
            json,
        }),
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
