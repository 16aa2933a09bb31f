//! [`MockApi`]: the server handle. Start it inside a tokio runtime with [`MockApi::start`], or
//! from synchronous code with [`MockApi::start_blocking`] (own thread and runtime).

use std::collections::BTreeMap;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener as StdListener};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;

use super::log::RecordedRequest;
use super::options::{FaultRule, MockOptions};
use super::routes::router;
use super::state::AppState;

/// How long in-flight requests may finish after shutdown is asked for.
const GRACE: Duration = Duration::from_millis(500);

enum Runner {
    Task(tokio::task::JoinHandle<()>),
    Thread(thread::JoinHandle<()>),
    Stopped,
}

/// A running mock API on `127.0.0.1`. Dropping it stops the server (a blocking server's thread
/// is joined; an async server's task is told to stop).
pub struct MockApi {
    base_url: String,
    addr: SocketAddr,
    state: Arc<AppState>,
    shutdown: watch::Sender<bool>,
    runner: Runner,
}

impl std::fmt::Debug for MockApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockApi")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

fn bind(port: u16) -> io::Result<(StdListener, SocketAddr)> {
    // Loopback only, whatever the options say.
    let listener = StdListener::bind((Ipv4Addr::LOCALHOST, port))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}

async fn serve(listener: TcpListener, state: Arc<AppState>, stop: watch::Receiver<bool>) {
    let mut graceful_rx = stop.clone();
    let mut deadline_rx = stop;
    let graceful = axum::serve(listener, router(state)).with_graceful_shutdown(async move {
        // Err means the handle was dropped: stop as well.
        let _ = graceful_rx.wait_for(|stop| *stop).await;
    });
    let deadline = async move {
        let _ = deadline_rx.wait_for(|stop| *stop).await;
        tokio::time::sleep(GRACE).await;
    };
    tokio::select! {
        _ = graceful => {}
        _ = deadline => {}
    }
}

impl MockApi {
    /// Start on the current tokio runtime. Panics if 127.0.0.1 cannot be bound (see
    /// [`MockApi::try_start`]).
    pub async fn start(opts: MockOptions) -> MockApi {
        match Self::try_start(opts).await {
            Ok(api) => api,
            Err(e) => panic!("mock API: cannot listen on 127.0.0.1: {e}"),
        }
    }

    /// Start on the current tokio runtime.
    pub async fn try_start(opts: MockOptions) -> io::Result<MockApi> {
        let (std_listener, addr) = bind(opts.port)?;
        let listener = TcpListener::from_std(std_listener)?;
        let state = Arc::new(AppState::new(opts, format!("http://{addr}")));
        let (shutdown, stop) = watch::channel(false);
        let task = tokio::spawn(serve(listener, state.clone(), stop));
        Ok(Self::handle(addr, state, shutdown, Runner::Task(task)))
    }

    /// Start on a dedicated thread with its own runtime, for synchronous tests. Panics if
    /// 127.0.0.1 cannot be bound (see [`MockApi::try_start_blocking`]).
    pub fn start_blocking(opts: MockOptions) -> MockApi {
        match Self::try_start_blocking(opts) {
            Ok(api) => api,
            Err(e) => panic!("mock API: cannot start: {e}"),
        }
    }

    /// Start on a dedicated thread with its own runtime.
    pub fn try_start_blocking(opts: MockOptions) -> io::Result<MockApi> {
        let (std_listener, addr) = bind(opts.port)?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let state = Arc::new(AppState::new(opts, format!("http://{addr}")));
        let (shutdown, stop) = watch::channel(false);
        let thread_state = state.clone();
        let thread = thread::Builder::new()
            .name(format!("mock-api-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    match TcpListener::from_std(std_listener) {
                        Ok(listener) => serve(listener, thread_state, stop).await,
                        Err(e) => eprintln!("mock API: cannot register listener: {e}"),
                    }
                });
            })?;
        Ok(Self::handle(addr, state, shutdown, Runner::Thread(thread)))
    }

    fn handle(
        addr: SocketAddr,
        state: Arc<AppState>,
        shutdown: watch::Sender<bool>,
        runner: Runner,
    ) -> Self {
        Self {
            base_url: format!("http://{addr}"),
            addr,
            state,
            shutdown,
            runner,
        }
    }

    /// `http://127.0.0.1:<port>` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Base URL joined with `path_and_query` (which should start with `/`).
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.base_url)
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The bound address (always 127.0.0.1).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The options in force.
    pub fn options(&self) -> &MockOptions {
        &self.state.opts
    }

    /// Every logged request, oldest first (`/_mock/*` is not logged).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.log.entries()
    }

    /// Logged requests whose path is exactly `path`.
    pub fn requests_to(&self, path: &str) -> Vec<RecordedRequest> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    /// Number of requests to exactly `path` (not limited by the log's capacity).
    pub fn hits(&self, path: &str) -> u64 {
        self.state.log.counts().get(path).copied().unwrap_or(0)
    }

    /// Requests per path.
    pub fn route_counts(&self) -> BTreeMap<String, u64> {
        self.state.log.counts()
    }

    /// OAuth tokens issued so far.
    pub fn tokens_issued(&self) -> u64 {
        self.state.tokens_issued()
    }

    /// Replace the fault rules at run time.
    pub fn set_fault_rules(&self, rules: Vec<FaultRule>) {
        self.state.set_rules(rules);
    }

    /// Forget the log, counters, fault attempt counts and issued tokens.
    pub fn reset(&self) {
        self.state.reset();
    }

    /// Stop and wait until the server has stopped (async servers).
    pub async fn stop(mut self) {
        let _ = self.shutdown.send(true);
        match std::mem::replace(&mut self.runner, Runner::Stopped) {
            Runner::Task(task) => {
                let _ = task.await;
            }
            Runner::Thread(thread) => {
                let _ = tokio::task::spawn_blocking(move || thread.join()).await;
            }
            Runner::Stopped => {}
        }
    }
}

impl Drop for MockApi {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Runner::Thread(thread) = std::mem::replace(&mut self.runner, Runner::Stopped) {
            let _ = thread.join();
        }
    }
}
