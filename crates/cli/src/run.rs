//! `pipewright run`.

use std::path::PathBuf;
use std::process::ExitCode;

use pipewright_engine::http::retry::HttpSettings;
use pipewright_engine::run::events::Events;
use pipewright_engine::run::pipeline::{run as run_source, RunOptions};
use tokio_util::sync::CancellationToken;

use crate::progress::Progress;
use crate::source::Source;

pub struct Args {
    pub source: PathBuf,
    pub db: Option<PathBuf>,
    pub pipeline: Option<String>,
    pub resources: Vec<String>,
    pub full_refresh: bool,
    pub parallelism: usize,
    pub json: bool,
}

pub fn run(args: Args) -> ExitCode {
    let source = match Source::read(&args.source) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let db = args.db.clone().unwrap_or_else(|| {
        args.source
            .with_file_name(format!("{}.sqlite", source.name))
    });
    let mut options = RunOptions::new(&db, args.pipeline.as_deref().unwrap_or(&source.name));
    options.only = args.resources.clone();
    options.full_refresh = args.full_refresh;
    options.parallelism = args.parallelism.max(1);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
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
    let cancel = CancellationToken::new();
    let result = runtime.block_on(async {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let progress = Progress::start(rx, !args.json);
        let ctrl_c = {
            let cancel = cancel.clone();
            tokio::spawn(async move {
                if tokio::signal::ctrl_c().await.is_ok() {
                    cancel.cancel();
                }
            })
        };
        let r = run_source(
            &source.doc.value,
            &source.name,
            &options,
            &stores,
            HttpSettings::from_env(),
            Events::to(tx),
            cancel.clone(),
        )
        .await;
        ctrl_c.abort();
        progress.finish().await;
        r
    });
    match result {
        Ok(summary) => {
            if args.json {
                match serde_json::to_string_pretty(&summary) {
                    Ok(t) => println!("{t}"),
                    Err(e) => eprintln!("error: {e}"),
                }
            } else {
                match &summary.load_id {
                    Some(id) => println!(
                        "loaded {} rows into {} (load {id}) in {:.1}s",
                        summary.total_rows(),
                        db.display(),
                        summary.elapsed_ms as f64 / 1000.0
                    ),
                    None => println!(
                        "nothing new to load into {} ({:.1}s)",
                        db.display(),
                        summary.elapsed_ms as f64 / 1000.0
                    ),
                }
                for (table, n) in &summary.rows {
                    println!("  {table:<40} {n:>10}");
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) if e.is_cancelled() => {
            eprintln!(
                "cancelled: nothing of this run was kept; {} is as the previous run left it",
                db.display()
            );
            ExitCode::from(130)
        }
        Err(e) => {
            // Every value the run resolved is masked, wherever an API may have echoed it.
            let secrets = stores.resolved_values();
            eprintln!(
                "error: {}",
                pipewright_engine::http::redact::scrub(&e.to_string(), &secrets)
            );
            eprintln!(
                "nothing of this run was kept; {} is as the previous run left it",
                db.display()
            );
            ExitCode::from(1)
        }
    }
}
