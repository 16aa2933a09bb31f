//! Progress on stderr while a run goes: one line per resource with pages, records, requests
//! and retries, fed by the run's events.

use std::collections::HashMap;
use std::time::Instant;

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
    requests: u64,
    retries: u64,
    done: bool,
}

impl Counts {
    fn line(&self, secs: f64) -> String {
        format!(
            "{} pages · {} records · {} requests ({:.0}/s) · {} retries",
            self.pages,
            self.records,
            self.requests,
            self.requests as f64 / secs.max(0.001),
            self.retries
        )
    }
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
            let started = Instant::now();
            let mut bars: HashMap<String, (ProgressBar, Counts)> = HashMap::new();
            while let Some(event) = rx.recv().await {
                let secs = started.elapsed().as_secs_f64();
                let entry = |bars: &mut HashMap<String, (ProgressBar, Counts)>, resource: &str| {
                    if !bars.contains_key(resource) {
                        let b = multi.add(ProgressBar::new_spinner());
                        b.set_style(style.clone());
                        b.set_prefix(resource.to_string());
                        bars.insert(resource.to_string(), (b, Counts::default()));
                    }
                };
                match event {
                    RunEvent::ResourceStarted { resource } => entry(&mut bars, &resource),
                    RunEvent::RequestSent { resource, url, .. } => {
                        entry(&mut bars, &resource);
                        if let Some((b, c)) = bars.get_mut(&resource) {
                            c.requests += 1;
                            b.set_message(format!("{} · {url}", c.line(secs)));
                        }
                    }
                    RunEvent::Retry {
                        resource,
                        attempt,
                        reason,
                        wait_ms,
                        ..
                    } => {
                        entry(&mut bars, &resource);
                        if let Some((b, c)) = bars.get_mut(&resource) {
                            c.retries += 1;
                            b.set_message(format!(
                                "{} · attempt {attempt} failed ({reason}), retrying in {wait_ms} ms",
                                c.line(secs)
                            ));
                        }
                    }
                    RunEvent::Page {
                        resource, records, ..
                    } => {
                        entry(&mut bars, &resource);
                        if let Some((b, c)) = bars.get_mut(&resource) {
                            c.pages += 1;
                            c.records += records as u64;
                            b.tick();
                        }
                    }
                    RunEvent::ResourceFinished { resource, rows, .. } => {
                        entry(&mut bars, &resource);
                        if let Some((b, c)) = bars.get_mut(&resource) {
                            c.done = true;
                            let tables: Vec<String> =
                                rows.iter().map(|(t, n)| format!("{t} {n}")).collect();
                            b.finish_with_message(format!(
                                "{} · rows: {}",
                                c.line(secs),
                                if tables.is_empty() {
                                    "none".to_string()
                                } else {
                                    tables.join(", ")
                                }
                            ));
                        }
                    }
                    RunEvent::Warning { resource, message } => {
                        let _ = multi.println(format!("warning: {resource}: {message}"));
                    }
                    RunEvent::RunStarted { .. }
                    | RunEvent::RequestAnswered { .. }
                    | RunEvent::SequenceDone { .. }
                    | RunEvent::RunFinished { .. }
                    | RunEvent::RunFailed { .. } => {}
                }
            }
            let secs = started.elapsed().as_secs_f64();
            for (b, c) in bars.values().filter(|(_, c)| !c.done) {
                b.finish_with_message(c.line(secs));
            }
        }))
    }

    /// Waits for the last events to be drawn.
    pub async fn finish(self) {
        let _ = self.0.await;
    }
}
