//! `mock-api`: run the Pipewright mock API server until killed.
//!
//! `cargo run -p pipewright-tests --bin mock-api -- --port 0 --posts 100000 --page-size 1000`
//! prints the base URL (`http://127.0.0.1:<port>`) on stdout, then serves on 127.0.0.1 only.

use std::io::Write;

use clap::Parser;
use pipewright_tests::support::{Chaos, FaultSpec, MockApi, MockOptions};

/// Serve the mock API on 127.0.0.1 until interrupted (Ctrl-C or SIGTERM).
#[derive(Debug, Parser)]
#[command(name = "mock-api", version)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Number of posts (generated lazily; millions are fine).
    #[arg(long, default_value_t = 250)]
    posts: u64,
    /// Number of users.
    #[arg(long, default_value_t = 10)]
    users: u64,
    /// Default page size of the paginated routes.
    #[arg(long, default_value_t = 10)]
    page_size: u64,
    /// Largest page size a request may ask for.
    #[arg(long, default_value_t = 10_000)]
    max_page_size: u64,
    /// Random faults on every request at this rate (0-1), deterministic with --chaos-seed.
    #[arg(long)]
    chaos_rate: Option<f64>,
    /// Seed of the random faults.
    #[arg(long, default_value_t = 1)]
    chaos_seed: u64,
    /// Print one line per request on stderr.
    #[arg(long)]
    verbose: bool,
}

// Multi-threaded: one worker per core, so requests are served in parallel.
#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let global_fault = args.chaos_rate.map(|rate| FaultSpec {
        chaos: Some(Chaos::new(args.chaos_seed, rate)),
        ..FaultSpec::default()
    });
    let opts = MockOptions {
        port: args.port,
        posts: args.posts,
        users: args.users,
        page_size: args.page_size,
        max_page_size: args.max_page_size,
        global_fault,
        ..MockOptions::default()
    };
    let api = MockApi::try_start(opts).await?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", api.base_url())?;
        out.flush()?;
    }
    let mut printed = 0u64;
    let mut tick = tokio::time::interval(std::time::Duration::from_millis(200));
    let stop = shutdown_signal();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            _ = tick.tick(), if args.verbose => {
                let seen = printed;
                for r in api.requests().into_iter().filter(|r| r.seq > seen && r.status.is_some()) {
                    printed = r.seq;
                    let status = r.status.map_or_else(|| "...".to_string(), |s| s.to_string());
                    let fault = r.fault.as_deref().unwrap_or("");
                    eprintln!("{} {} {} {fault}", r.method, r.path_and_query(), status);
                }
            }
        }
    }
    api.stop().await;
    Ok(())
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
