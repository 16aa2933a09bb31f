//! `pipewright`: design, check and run dlt `rest_api` sources from the command line.

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { source, json } => validate::run(&source, json),
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
