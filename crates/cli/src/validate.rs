//! `pipewright validate`.

use std::path::Path;
use std::process::ExitCode;

use pipewright_engine::config::validate::{is_valid, validate, Severity};
use pipewright_engine::config::Document;
use pipewright_engine::plan::summary::summarize;

pub fn run(source: &Path, json: bool) -> ExitCode {
    let doc = match Document::read(source) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("error: {}: {e}", source.display());
            return ExitCode::from(2);
        }
    };
    let problems = validate(&doc.value);
    let ok = is_valid(&problems);
    if json {
        match serde_json::to_string_pretty(&problems) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        for p in &problems {
            eprintln!("{p}");
        }
        if ok {
            let warnings = problems
                .iter()
                .filter(|p| p.severity == Severity::Warning)
                .count();
            let note = if warnings > 0 {
                format!(
                    " ({warnings} warning{})",
                    if warnings == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            };
            println!(
                "{}: valid{note}: {}",
                source.display(),
                summarize(&doc.value)
            );
        } else {
            let errors = problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            eprintln!(
                "{}: invalid: {errors} problem{}",
                source.display(),
                if errors == 1 { "" } else { "s" }
            );
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
