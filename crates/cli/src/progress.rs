//! Progress on stderr while a run goes: one line per resource with pages, records, requests
//! and retries, fed by the run's events.

use std::collections::HashMap;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use pipewright_engine::run::events::RunEvent;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::task::JoinHandle;

/// The progress renderer task.
pub struct Progress(JoinHandle<()>);

#[derive(Default)]
struct Counts {
    pages: u64,
    records: u64,
    retries: u64,
}

impl Progress {
    /// Renders events until the sender is dropped; `visible: false` only drains them.
    pub fn start(mut rx: UnboundedReceiver<RunEvent>, visible: bool) -> Progress {
        Progress(tokio::spawn(async move {
            let multi = MultiProgress::with_draw_target(if visible {
                ProgressDrawTarget::stderr()
            } else {
                ProgressDrawTarget::hidden()
            });
            let style = ProgressStyle::with_template("{spinner} {prefix:<24} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            let mut bars: HashMap<String, (ProgressBar, Counts)> = HashMap::new();
            while let Some(event) = rx.recv().await {
                match event {
                    RunEvent::ResourceStarted { .. } | RunEvent::SequenceDone { .. } => {}
                    RunEvent::Page {
                        resource,
                        records,
                        retries,
                        url,
                        ..
                    } => {
                        let (bar, c) = bars.entry(resource.clone()).or_insert_with(|| {
                            let b = multi.add(ProgressBar::new_spinner());
                            b.set_style(style.clone());
                            b.set_prefix(resource.clone());
                            (b, Counts::default())
                        });
                        c.pages += 1;
                        c.records += records as u64;
                        c.retries += retries as u64;
                        bar.set_message(format!(
                            "{} pages · {} records · {} requests · {} retries · {}",
                            c.pages,
                            c.records,
                            c.pages + c.retries,
                            c.retries,
                            url
                        ));
                        bar.tick();
                    }
                    RunEvent::Warning { resource, message } => {
                        let _ = multi.println(format!("warning: {resource}: {message}"));
                    }
                }
            }
            for (bar, c) in bars.values() {
                bar.finish_with_message(format!(
                    "{} pages · {} records · {} requests · {} retries",
                    c.pages,
                    c.records,
                    c.pages + c.retries,
                    c.retries
                ));
            }
        }))
    }

    /// Waits for the last events to be drawn.
    pub async fn finish(self) {
        let _ = self.0.await;
    }
}
