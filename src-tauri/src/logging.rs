//! The only place a tracing subscriber is installed (libraries never install one).
//!
//! Logs go to stderr and, once the app knows its log directory, to a daily rolling file there
//! (`pipewright.YYYY-MM-DD.log`, the last 7 kept). The subscriber is installed first thing, so
//! start-up messages reach stderr; the file joins when [`attach_file`] is called from `setup`.

use std::io::Write;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Log filter variable, e.g. `PIPEWRIGHT_LOG=pipewright_engine=debug`.
const FILTER_ENV: &str = "PIPEWRIGHT_LOG";
/// Rolled log files kept in the log directory.
const KEEP_FILES: usize = 7;

/// The rolling file, once the log directory is known.
static FILE: OnceLock<Mutex<RollingFileAppender>> = OnceLock::new();

pub fn init() {
    let filter = || EnvFilter::try_from_env(FILTER_ENV).unwrap_or_else(|_| EnvFilter::new("info"));
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(filter());
    let file = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(LateFile)
        .with_filter(filter());
    // try_init: a subscriber that is already set (e.g. by a test harness) is not an error.
    let _ = tracing_subscriber::registry()
        .with(stderr)
        .with(file)
        .try_init();
}

/// Starts writing to a rolling file in `dir` (the app's log directory). Only the first call
/// counts; a directory that cannot be used is reported on stderr's log and skipped.
pub fn attach_file(dir: &Path) {
    // The appender lists the directory to prune old files: it must exist first.
    if let Err(e) = std::fs::create_dir_all(dir) {
        tracing::warn!(dir = %dir.display(), error = %e, "no log file");
        return;
    }
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("pipewright")
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(dir);
    match appender {
        Ok(a) => {
            if FILE.set(Mutex::new(a)).is_ok() {
                tracing::info!(dir = %dir.display(), "logging to a daily file");
            }
        }
        Err(e) => tracing::warn!(dir = %dir.display(), error = %e, "no log file"),
    }
}

/// Writes to the rolling file when there is one, and nowhere before.
struct LateFile;

struct LateFileWriter;

impl Write for LateFileWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match FILE.get() {
            // A poisoned lock only means another thread panicked mid-write; keep logging.
            Some(file) => match file.lock() {
                Ok(mut f) => f.write(buf),
                Err(poisoned) => poisoned.into_inner().write(buf),
            },
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match FILE.get().map(|f| f.lock()) {
            Some(Ok(mut f)) => f.flush(),
            _ => Ok(()),
        }
    }
}

impl<'a> MakeWriter<'a> for LateFile {
    type Writer = LateFileWriter;

    fn make_writer(&'a self) -> Self::Writer {
        LateFileWriter
    }
}
