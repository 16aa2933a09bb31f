//! `oauth2_client_credentials`: a token fetched from the token URL, cached until shortly
//! before it expires, and refreshed once after a 401.

use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use crate::secrets::Sensitive;

/// Refresh this long before the token lapses, so no request goes out with a dying token.
const EXPIRY_MARGIN: Duration = Duration::from_secs(30);

/// OAuth2 client-credentials state.
#[derive(Debug)]
pub struct OAuth2 {
    token_url: String,
    client_id: Sensitive,
    client_secret: Sensitive,
    extra: Vec<(String, Sensitive)>,
    default_expiration: u64,
    token: Mutex<Option<(Sensitive, Instant)>>,
    invalidated: std::sync::atomic::AtomicBool,
}

impl OAuth2 {
    /// New state; the first request fetches a token.
    pub fn new(
        token_url: String,
        client_id: Sensitive,
        client_secret: Sensitive,
        extra: Vec<(String, Sensitive)>,
        default_expiration: u64,
    ) -> OAuth2 {
        OAuth2 {
            token_url,
            client_id,
            client_secret,
            extra,
            default_expiration,
            token: Mutex::new(None),
            invalidated: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// A valid token, fetching one when there is none or it is about to expire.
    pub async fn token(&self, http: &reqwest::Client) -> Result<Sensitive, String> {
        let mut guard = self.token.lock().await;
        if let Some((t, expires)) = guard.as_ref() {
            if Instant::now() + EXPIRY_MARGIN < *expires {
                return Ok(t.clone());
            }
        }
        let mut form: Vec<(String, String)> = vec![
            ("client_id".into(), self.client_id.expose().to_string()),
            (
                "client_secret".into(),
                self.client_secret.expose().to_string(),
            ),
            ("grant_type".into(), "client_credentials".into()),
        ];
        for (k, v) in &self.extra {
            form.retain(|(fk, _)| fk != k);
            form.push((k.clone(), v.expose().to_string()));
        }
        let url = crate::http::redact::redact_url(&self.token_url);
        let resp = http
            .post(&self.token_url)
            .form(&form)
            .send()
            .await
            .map_err(|e| format!("OAuth2 token request to {url} failed: {}", e.without_url()))?;
        let status = resp.status();
        let body: serde_json::Value = resp.json().await.map_err(|e| {
            format!(
                "OAuth2 token response from {url} is not JSON: {}",
                e.without_url()
            )
        })?;
        if !status.is_success() {
            return Err(format!(
                "OAuth2 token request to {url} failed with status {}",
                status.as_u16()
            ));
        }
        let token = body
            .get("access_token")
            .and_then(|t| t.as_str())
            .ok_or_else(|| format!("OAuth2 token response from {url} has no 'access_token'"))?;
        let expires_in = body
            .get("expires_in")
            .and_then(|e| {
                e.as_u64()
                    .or_else(|| e.as_str().and_then(|s| s.parse().ok()))
            })
            .unwrap_or(self.default_expiration);
        let token = Sensitive::new(token);
        *guard = Some((
            token.clone(),
            Instant::now() + Duration::from_secs(expires_in),
        ));
        Ok(token)
    }

    /// Drops the cached token after a 401; true the first time only, so a bad client id does
    /// not loop.
    pub fn invalidate(&self) -> bool {
        if self
            .invalidated
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            return false;
        }
        if let Ok(mut g) = self.token.try_lock() {
            *g = None;
        }
        true
    }

    /// Secret values for scrubbing.
    pub fn secret_values(&self) -> Vec<String> {
        let mut v = vec![
            self.client_id.expose().to_string(),
            self.client_secret.expose().to_string(),
        ];
        if let Ok(g) = self.token.try_lock() {
            if let Some((t, _)) = g.as_ref() {
                v.push(t.expose().to_string());
            }
        }
        v
    }
}
