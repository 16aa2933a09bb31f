//! `pipewright preview`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use pipewright_engine::http::redact::scrub;
use pipewright_engine::http::retry::HttpSettings;
pub use pipewright_engine::run::preview::PreviewLimits;
use pipewright_engine::run::preview::{preview, PreviewTrace};
use pipewright_engine::run::scrub::scrub_trace;
use serde_json::Value;

use crate::source::Source;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A page timeline and the first records.
    Table,
    /// The whole trace as one JSON document.
    Json,
}

pub fn run(
    path: &Path,
    resource: Option<&str>,
    limits: PreviewLimits,
    format: OutputFormat,
) -> ExitCode {
    let source = match Source::read(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let name = match resource {
        Some(r) => r.to_string(),
        None => match source.doc.value["resources"].get(0) {
            Some(Value::String(s)) => s.clone(),
            Some(obj) => obj["name"].as_str().unwrap_or_default().to_string(),
            None => String::new(),
        },
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let stores = source.stores();
    let trace = runtime.block_on(preview(
        &source.doc.value,
        &source.name,
        &name,
        limits,
        &stores,
        HttpSettings::from_env(),
    ));
    // Every resolved secret value is scrubbed from whatever is printed, records included (an API
    // may echo a key back).
    let secrets = stores.resolved_values();
    let trace = match trace {
        Ok(mut t) => {
            scrub_trace(&mut t, &secrets);
            t
        }
        Err(e) => {
            eprintln!("error: {}", scrub(&e.to_string(), &secrets));
            return ExitCode::from(1);
        }
    };
    let text = match format {
        OutputFormat::Json => serde_json::to_string_pretty(&trace).map_err(|e| e.to_string()),
        OutputFormat::Table => table(&trace).map_err(|e| e.to_string()),
    };
    match text {
        Ok(t) => println!("{}", scrub(t.trim_end(), &secrets)),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    if let Some(e) = &trace.error {
        eprintln!("error: {}", scrub(e, &secrets));
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn table(t: &PreviewTrace) -> Result<String, std::fmt::Error> {
    let mut out = String::new();
    writeln!(out, "resource {}", t.resource)?;
    for p in &t.parents {
        writeln!(
            out,
            "  parent {}: {}",
            p.resource,
            short(&p.record.to_string(), 100)
        )?;
    }
    if let Some(first) = t.pages.first() {
        writeln!(out, "  {} {}", first.request.method, first.request.url)?;
    }
    writeln!(
        out,
        "{:>4}  {:>6}  {:>7}  {:>7}  {:<24}  url",
        "page", "status", "records", "ms", "next"
    )?;
    for p in &t.pages {
        let next = p
            .position
            .as_ref()
            .map(|v| short(&display(v), 24))
            .unwrap_or_default();
        writeln!(
            out,
            "{:>4}  {:>6}  {:>7}  {:>7}  {:<24}  {}",
            p.index + 1,
            p.response.status,
            p.records.len(),
            p.response.elapsed_ms,
            next,
            p.request.url
        )?;
        for r in &p.response.retries {
            writeln!(
                out,
                "        retry: {} (waited {} ms)",
                r.reason, r.waited_ms
            )?;
        }
        if let Some(note) = &p.note {
            writeln!(out, "        note: {note}")?;
        }
    }
    if let Some(stop) = t.stop {
        writeln!(out, "stop: {stop}")?;
    }
    if let Some(d) = &t.detected_paginator {
        writeln!(
            out,
            "detected paginator: {} ({}; confidence {:.1})",
            d.config, d.evidence, d.score
        )?;
    }
    if let Some(s) = &t.detected_selector {
        writeln!(out, "detected data_selector: {s}")?;
    }
    let steps = if t.records.len() != t.raw_records.len() {
        format!(" ({} before processing steps)", t.raw_records.len())
    } else {
        String::new()
    };
    writeln!(out, "records: {}{steps}", t.records.len())?;
    records_table(&mut out, &t.records, 10)?;
    Ok(out)
}

fn records_table(out: &mut String, records: &[Value], n: usize) -> std::fmt::Result {
    let mut cols: Vec<String> = Vec::new();
    for r in records.iter().take(n) {
        if let Some(o) = r.as_object() {
            for k in o.keys() {
                if !cols.contains(k) && cols.len() < 8 {
                    cols.push(k.clone());
                }
            }
        }
    }
    if cols.is_empty() {
        for r in records.iter().take(n) {
            writeln!(out, "  {}", short(&display(r), 100))?;
        }
        return Ok(());
    }
    writeln!(
        out,
        "  {}",
        cols.iter()
            .map(|c| format!("{:<16}", short(c, 16)))
            .collect::<String>()
    )?;
    for r in records.iter().take(n) {
        let row: String = cols
            .iter()
            .map(|c| {
                format!(
                    "{:<16}",
                    short(&r.get(c).map(display).unwrap_or_default(), 15)
                )
            })
            .collect();
        writeln!(out, "  {row}")?;
    }
    Ok(())
}

fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!(
            "{}…",
            s.chars().take(n.saturating_sub(1)).collect::<String>()
        )
    } else {
        s.to_string()
    }
}
