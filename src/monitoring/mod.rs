//! Numbers for operators: `/metrics` in Prometheus' text format. Requests by
//! route template and status with their latency, the connection pool, rating
//! saves, failed sign-ins, background jobs, the mail outbox's backlog and the
//! process's memory. Labels carry route templates and fixed words only, never
//! a path as requested, a name or an e-mail address.
//!
//! Not public: served on the main address only to a scraper with the bearer
//! token (`SECONDROUND_METRICS_TOKEN`), or on an address of its own
//! (`SECONDROUND_METRICS_BIND`).

use std::sync::OnceLock;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sqlx::PgPool;

use crate::state::AppState;

const REQUESTS: &str = "secondround_http_requests_total";
const REQUEST_SECONDS: &str = "secondround_http_request_duration_seconds";
const RATING_SAVES: &str = "secondround_rating_saves_total";
const SIGN_IN_FAILURES: &str = "secondround_sign_in_failures_total";
const JOBS: &str = "secondround_background_jobs_total";

/// Upper bounds of the latency buckets, in seconds: a page is expected in
/// milliseconds, a save in tens of them, an export in seconds.
const LATENCY_BUCKETS: [f64; 12] = [
    0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The process's recorder, installed on first use: one per process, shared by
/// every server it runs (tests run many).
fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.into()), &LATENCY_BUCKETS)
            .expect("the latency buckets are not empty")
            .install_recorder()
            .expect("no other metrics recorder is installed")
    })
}

/// Makes sure the recorder is in place before the first request is counted.
pub fn install() {
    handle();
}

/// `/metrics` on the main address: answered only when a token is set, and
/// only to a scraper that presents it.
pub fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(scrape_main))
}

/// The metrics address's own router: `/metrics` and nothing else.
pub fn private_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(scrape_private))
        .with_state(state)
}

async fn scrape_main(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match &state.config.metrics_token {
        Some(token) if !token.is_empty() => {
            if presents(&headers, token.expose()) {
                render(&state.pool).await
            } else {
                unauthorized()
            }
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn scrape_private(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match &state.config.metrics_token {
        Some(token) if !token.is_empty() && !presents(&headers, token.expose()) => unauthorized(),
        _ => render(&state.pool).await,
    }
}

/// Whether the request carries `Authorization: Bearer <token>`, compared in
/// constant time so the answer's timing tells nothing of the token.
fn presents(headers: &HeaderMap, token: &str) -> bool {
    let Some(offered) = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (offered, token) = (offered.as_bytes(), token.as_bytes());
    offered.len() == token.len()
        && offered
            .iter()
            .zip(token)
            .fold(0u8, |differ, (a, b)| differ | (a ^ b))
            == 0
}

fn unauthorized() -> Response {
    (StatusCode::UNAUTHORIZED, "a bearer token is required\n").into_response()
}

/// The figures read at scrape time (the pool, the outbox, memory), then the text.
async fn render(pool: &PgPool) -> Response {
    let idle = pool.num_idle() as f64;
    let size = f64::from(pool.size());
    metrics::gauge!("secondround_db_pool_connections", "state" => "idle").set(idle);
    metrics::gauge!("secondround_db_pool_connections", "state" => "in_use").set(size - idle);
    metrics::gauge!("secondround_db_pool_max_connections")
        .set(f64::from(pool.options().get_max_connections()));
    // Counted in the database, so every instance reports the same backlog; a
    // failed count leaves the last figure (a scrape must not fail on it).
    if let Ok(pending) = sqlx::query!(
        r#"select count(*) as "pending!", coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as "oldest_secs!"
             from mail_outbox where state = 'pending'"#
    )
    .fetch_one(pool)
    .await
    .map(|row| (row.pending, row.oldest_secs))
    {
        metrics::gauge!("secondround_mail_outbox_pending").set(pending.0 as f64);
        metrics::gauge!("secondround_mail_outbox_oldest_pending_seconds").set(pending.1);
    }
    if let Some(bytes) = resident_memory_bytes() {
        metrics::gauge!("process_resident_memory_bytes").set(bytes as f64);
    }
    handle().run_upkeep();
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle().render(),
    )
        .into_response()
}

/// The resident set size from `/proc/self/status` (Linux), in bytes.
fn resident_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Counts every request by method, route template and status, and times it.
/// A request no route matched is counted as `unmatched`: the path as asked
/// could carry anything, and would make a new series each time.
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!(REQUESTS, "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!(REQUEST_SECONDS, "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// A rating save from a tablet: `stored`, `conflict` (changed since the
/// tablet's version) or `refused` (a rule said no).
pub fn rating_save(outcome: &'static str) {
    metrics::counter!(RATING_SAVES, "outcome" => outcome).increment(1);
}

/// A refused sign-in: `method` is `password` or `sso`; `reason` a fixed word
/// such as `wrong_password`, `throttled`, `unknown_account`.
pub fn sign_in_failure(method: &'static str, reason: &'static str) {
    metrics::counter!(SIGN_IN_FAILURES, "method" => method, "reason" => reason).increment(1);
}

/// A background job's run: `job` names it, `outcome` is `done`, `failed` or
/// `skipped` (another instance holds it).
pub fn job_run(job: &'static str, outcome: &'static str) {
    metrics::counter!(JOBS, "job" => job, "outcome" => outcome).increment(1);
}
