//! The middleware in front of every route: logs the request, then applies faults (query
//! parameters, then matching rules, then the global fault) and the server-wide auth requirement.

use std::io;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::chaos::{hash, ChaosKind};
use super::faults::{Failure, FaultSpec, ResetMode, RetryAfter};
use super::log::RecordedRequest;
use super::params::{parse_query, ApiError};
use super::state::AppState;

/// Axum middleware (see module docs).
pub async fn observe(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with("/_mock/") {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 << 20).await else {
        return ApiError::bad_request("request body unreadable or over 64 MiB").into_response();
    };
    let query = parts.uri.query().unwrap_or("").to_string();
    let method = parts.method.as_str().to_string();
    let headers = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let key = format!(
        "{method} {path}?{query} #{:016x}",
        hash(0, &String::from_utf8_lossy(&bytes), 0)
    );
    let seq = state.log.push(RecordedRequest {
        seq: 0,
        at_ms: state.elapsed_ms(),
        method: method.clone(),
        path: path.clone(),
        query: query.clone(),
        headers,
        body: bytes.to_vec(),
        status: None,
        fault: None,
    });
    let req = Request::from_parts(parts, Body::from(bytes));
    let (response, label) = match fault_spec(&state, &method, &path, &query) {
        Ok(spec) if spec.is_empty() => (serve(&state, req, next).await, None),
        Ok(spec) => apply(&state, spec, &key, seq, req, next).await,
        Err(message) => (ApiError::bad_request(message).into_response(), None),
    };
    state.log.finish(seq, response.status().as_u16(), label);
    response
}

fn fault_spec(
    state: &AppState,
    method: &str,
    path: &str,
    query: &str,
) -> Result<FaultSpec, String> {
    let from_query = FaultSpec::from_query(&parse_query(query))?;
    let rule = state
        .rules()
        .into_iter()
        .find(|r| r.matches(method, path, query));
    let from_rule = rule.map(|r| r.fault).unwrap_or_default();
    let global = state.opts.global_fault.clone().unwrap_or_default();
    Ok(from_query.over(&from_rule).over(&global))
}

async fn serve(state: &AppState, req: Request, next: Next) -> Response {
    if let Some(denied) = super::auth::check_global(state, &req) {
        return denied;
    }
    next.run(req).await
}

async fn apply(
    state: &AppState,
    spec: FaultSpec,
    key: &str,
    seq: u64,
    req: Request,
    next: Next,
) -> (Response, Option<String>) {
    let attempts = state.next_attempt(key);
    let mut label = None;
    if let Some(ms) = spec.delay_ms {
        state.log.mark(seq, format!("delay:{ms}"));
        label = Some(format!("delay:{ms}"));
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let mut failure = match spec.fail_first {
        Some(k) if attempts.count > k => None,
        _ => spec.failure(),
    };
    if let Some(f) = failure {
        label = Some(failure_label(f));
    }
    let mut faulted = failure.is_some();
    if let (None, Some(chaos)) = (failure, &spec.chaos) {
        if let Some(kind) = chaos.decide(key, attempts.count, attempts.consecutive_faults) {
            faulted = true;
            label = Some(format!("chaos:{}", kind.name()));
            state.log.mark(seq, format!("chaos:{}", kind.name()));
            failure = match kind {
                ChaosKind::TooManyRequests => Some(Failure::Status(429)),
                ChaosKind::Unavailable => Some(Failure::Status(503)),
                ChaosKind::Reset => Some(Failure::Reset(ResetMode::MidBody)),
                ChaosKind::Timeout => {
                    tokio::time::sleep(Duration::from_millis(chaos.timeout_ms)).await;
                    None
                }
            };
        }
    }
    state.record_outcome(key, faulted);
    let response = match failure {
        Some(f) => failure_response(f, spec.retry_after),
        None => serve(state, req, next).await,
    };
    (response, label)
}

fn failure_label(f: Failure) -> String {
    match f {
        Failure::Status(code) => format!("fail:{code}"),
        Failure::Reset(ResetMode::MidBody) => "reset".into(),
        Failure::Reset(ResetMode::BeforeResponse) => "reset:before".into(),
        Failure::Malformed => "malformed".into(),
        Failure::Html(code) => format!("html:{code}"),
        Failure::SoftError => "soft_error".into(),
    }
}

fn retry_after_value(r: RetryAfter) -> Option<HeaderValue> {
    let text = match r {
        RetryAfter::Seconds(s) => s.to_string(),
        RetryAfter::DateIn(s) => {
            httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(s))
        }
    };
    HeaderValue::from_str(&text).ok()
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response for an injected failure.
pub fn failure_response(f: Failure, retry_after: Option<RetryAfter>) -> Response {
    let mut response = match f {
        Failure::Status(code) => {
            let body = json!({ "error": "injected failure", "status": code });
            (status(code), Json(body)).into_response()
        }
        Failure::Html(code) => {
            let page = format!(
                "<!DOCTYPE html>\n<html><head><title>{code} Error</title></head>\
                 <body><h1>Something went wrong ({code})</h1><p>The gateway could not reach \
                 the application.</p></body></html>\n"
            );
            (
                status(code),
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                page,
            )
                .into_response()
        }
        Failure::Malformed => {
            let body = "{\"data\": [{\"id\": 1, \"title\": \"Truncated";
            ([(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
        Failure::SoftError => {
            Json(json!({ "status": "error", "message": "Internal processing error (injected)" }))
                .into_response()
        }
        Failure::Reset(mode) => reset_response(mode),
    };
    if let Some(value) = retry_after.and_then(retry_after_value) {
        if response.status().as_u16() >= 400 {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
    }
    response
}

fn reset_response(mode: ResetMode) -> Response {
    // A body stream that fails makes hyper abort the connection. In mid-body mode a first chunk
    // is sent and given time to be flushed, so the client sees headers and a partial body.
    let stream = futures_util::stream::unfold(0u8, move |step| async move {
        match (mode, step) {
            (ResetMode::MidBody, 0) => Some((
                Ok(Bytes::from_static(
                    b"{\"data\": [{\"id\": 1, \"title\": \"cut",
                )),
                1,
            )),
            (ResetMode::MidBody, 1) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Some((
                    Err(io::Error::new(
                        io::ErrorKind::ConnectionReset,
                        "injected reset",
                    )),
                    2,
                ))
            }
            (ResetMode::BeforeResponse, 0) => Some((
                Err(io::Error::new(
                    io::ErrorKind::ConnectionReset,
                    "injected reset",
                )),
                2,
            )),
            _ => None,
        }
    });
    let mut response = Response::new(Body::from_stream(stream));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
