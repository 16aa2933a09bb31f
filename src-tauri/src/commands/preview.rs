//! Preview: one resource's real requests with limits, traced page by page; nothing is loaded.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use pipewright_engine::http::retry::HttpSettings;
use pipewright_engine::run::preview::{preview_with, PreviewInput, PreviewLimits, PreviewTrace};
use pipewright_engine::run::scrub::scrub_trace;
use serde::Deserialize;
use serde_json::Value;
use tauri::State;
use tokio_util::sync::CancellationToken;

use super::secrets::Keychain;
use crate::error::IpcError;

/// Upper bounds on what one preview may fetch, whatever the request says.
const MAX_PAGES: u64 = 1_000;
const MAX_RECORDS: usize = 100_000;
const MAX_PARENTS: usize = 1_000;

/// Previews that may still be cancelled, by the id the UI gave them.
#[derive(Debug, Default)]
pub struct PreviewRegistry {
    running: Mutex<HashMap<String, CancellationToken>>,
}

impl PreviewRegistry {
    fn register(&self, id: &str) -> CancellationToken {
        let token = CancellationToken::new();
        if let Ok(mut m) = self.running.lock() {
            m.insert(id.to_string(), token.clone());
        }
        token
    }
    fn forget(&self, id: &str) {
        if let Ok(mut m) = self.running.lock() {
            m.remove(id);
        }
    }
    /// Cancels a running preview; an unknown id (already finished) is not an error.
    pub fn cancel(&self, id: &str) {
        if let Some(t) = self.running.lock().ok().and_then(|m| m.get(id).cloned()) {
            t.cancel();
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PreviewRequest {
    /// The document to preview (unsaved edits included).
    #[cfg_attr(test, ts(type = "Record<string, unknown>"))]
    pub document: Value,
    /// The source name (for secret lookup).
    pub source_name: String,
    /// Path of the source file, when saved (secrets.toml lookup beside it).
    pub source_path: Option<String>,
    pub resource: String,
    pub pages: u64,
    pub records: usize,
    /// For a child: preview it for the first N records of its parent (default 1).
    pub parents: usize,
    /// For a child: preview it for these records of the nearest parent instead of fetching them.
    #[cfg_attr(test, ts(type = "unknown[] | null"))]
    pub parent_records: Option<Vec<Value>>,
    /// Names this preview so that `cancelPreview` can stop it.
    pub preview_id: Option<String>,
}

/// Runs a preview; every resolved secret value is scrubbed from the trace and from errors.
pub async fn run_preview(
    request: PreviewRequest,
    keychain: &Keychain,
    settings: HttpSettings,
    cancel: CancellationToken,
) -> Result<PreviewTrace, IpcError> {
    let stores = keychain.stores(
        &request.source_name,
        request.source_path.as_deref().map(Path::new),
    );
    let limits = PreviewLimits {
        pages: request.pages.clamp(1, MAX_PAGES),
        records: request.records.clamp(1, MAX_RECORDS),
        parents: request.parents.clamp(1, MAX_PARENTS),
    };
    let input = PreviewInput {
        parent_records: request.parent_records.clone(),
        cancel,
    };
    let result = preview_with(
        &request.document,
        &request.source_name,
        &request.resource,
        limits,
        &input,
        &stores,
        settings,
    )
    .await;
    let secrets = stores.resolved_values();
    match result {
        Ok(mut trace) => {
            scrub_trace(&mut trace, &secrets);
            Ok(trace)
        }
        Err(e) => Err(IpcError::from_engine(&e, &secrets)),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn preview(
    request: PreviewRequest,
    keychain: State<'_, Keychain>,
    previews: State<'_, PreviewRegistry>,
) -> Result<PreviewTrace, IpcError> {
    let keychain = keychain.inner().clone();
    tracing::info!(source = %request.source_name, resource = %request.resource, "preview");
    let id = request.preview_id.clone();
    let cancel = match &id {
        Some(id) => previews.register(id),
        None => CancellationToken::new(),
    };
    let result = run_preview(request, &keychain, HttpSettings::from_env(), cancel).await;
    if let Some(id) = id {
        previews.forget(&id);
    }
    result
}

/// Stops a running preview; it answers with the pages fetched so far and `cancelled: true`.
#[tauri::command(rename_all = "snake_case")]
pub fn cancel_preview(preview_id: String, previews: State<'_, PreviewRegistry>) {
    previews.cancel(&preview_id);
}

#[cfg(test)]
mod tests {
    use super::*;
    use pipewright_engine::paginate::StopReason;
    use pipewright_engine::secrets::{MemoryStore, Sensitive};
    use pipewright_tests::support::{MockApi, MockOptions};
    use serde_json::json;

    fn request(api: &MockApi, path: &str, pages: u64) -> PreviewRequest {
        PreviewRequest {
            document: json!({
                "client": {"base_url": api.base_url(), "auth": {"type": "bearer", "token": "{secrets.demo_token}"}},
                "resources": [{"name": "posts", "endpoint": {"path": path, "data_selector": "data",
                    "params": {"limit": 5}}}],
            }),
            source_name: "demo".into(),
            source_path: None,
            resource: "posts".into(),
            pages,
            records: 1000,
            parents: 1,
            parent_records: None,
            preview_id: None,
        }
    }

    fn keychain_with_token() -> Keychain {
        let k = Keychain::new(Box::new(MemoryStore::default()));
        k.store()
            .set(
                "demo",
                "demo_token",
                &Sensitive::new("test-token".to_string()),
            )
            .unwrap();
        k
    }

    #[tokio::test]
    async fn previews_pages_with_limits_and_detection() {
        let api = MockApi::start(MockOptions::default()).await;
        let keychain = keychain_with_token();
        // json_link: the paginator is detected from the `next` link of the first page.
        let trace = run_preview(
            request(&api, "json_link/posts", 3),
            &keychain,
            HttpSettings::default(),
            CancellationToken::new(),
        )
        .await
        .unwrap();
        assert_eq!(trace.resource, "posts");
        assert_eq!(trace.pages.len(), 3, "{:?}", trace.error);
        assert_eq!(trace.stop, Some(StopReason::MaxPages));
        assert_eq!(trace.records.len(), 15);
        let detected = trace.detected_paginator.as_ref().unwrap();
        assert_eq!(detected.config["type"], "json_link", "{detected:?}");
        // The bearer token is masked in what the UI sees.
        let wire = serde_json::to_string(&trace).unwrap();
        assert!(!wire.contains("test-token"), "token leaked into the trace");
        api.stop().await;
    }

    #[tokio::test]
    async fn errors_are_ipc_errors_without_secrets() {
        let api = MockApi::start(MockOptions::default()).await;
        // No token stored: a missing secret is an auth problem.
        let err = run_preview(
            request(&api, "auth/bearer/posts", 1),
            &Keychain::new(Box::new(MemoryStore::default())),
            HttpSettings::default(),
            CancellationToken::new(),
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Auth, "{err:?}");
        assert!(err.message.contains("demo_token"), "{}", err.message);

        let mut bad = request(&api, "auth/bearer/posts", 1);
        bad.resource = "nope".into();
        let err = run_preview(
            bad,
            &keychain_with_token(),
            HttpSettings::default(),
            CancellationToken::new(),
        )
        .await
        .unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::Validation);

        let mut trace = PreviewTrace {
            resource: "r".into(),
            parents: Vec::new(),
            pages: Vec::new(),
            records: vec![json!({"echo": "key abc-secret-1 here"})],
            raw_records: Vec::new(),
            stop: None,
            detected_paginator: None,
            detected_selector: None,
            error: Some("failed with abc-secret-1".into()),
            parent_records: Vec::new(),
            schema: Default::default(),
            cancelled: false,
        };
        scrub_trace(&mut trace, &["abc-secret-1".to_string()]);
        assert_eq!(trace.records[0]["echo"], "key *** here");
        assert_eq!(trace.error.as_deref(), Some("failed with ***"));
        api.stop().await;
    }

    #[tokio::test]
    async fn a_registered_preview_stops_when_cancelled_by_id() {
        let api = MockApi::start(MockOptions::default()).await;
        let registry = PreviewRegistry::default();
        let mut req = request(&api, "hostile/stall", 3);
        // A small declared length: the body starts, then stalls until the preview is cancelled.
        req.document["resources"][0]["endpoint"]["params"]["content_length"] = json!(100);
        req.preview_id = Some("p-1".into());
        let token = registry.register("p-1");
        let keychain = keychain_with_token();
        let running = run_preview(req, &keychain, HttpSettings::default(), token);
        let cancel = async {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            registry.cancel("p-1");
            // An unknown id is not an error: the preview may have ended already.
            registry.cancel("no-such-preview");
        };
        let (trace, ()) = tokio::join!(running, cancel);
        let trace = trace.unwrap();
        assert!(trace.cancelled, "{:?}", trace.error);
        assert!(trace.pages.is_empty());
        registry.forget("p-1");
        assert!(registry.running.lock().unwrap().is_empty());
        api.stop().await;
    }
}
