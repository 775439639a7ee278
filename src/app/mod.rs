//! The application assembled: every feature's routes behind the shared layers
//! that every request passes through. It sits above all features; none names it.

mod assets;
mod health;

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{
    And, DefaultPredicate, NotForContentType, Predicate, SizeAbove,
};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::csrf::CsrfLayer;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::auth::session_store;
use crate::state::AppState;
use crate::web::security_headers::{self, SecurityHeaders};
use crate::web::{MAX_BODY_BYTES, csrf, error_pages};

pub const SESSION_COOKIE: &str = "secondround_session";
/// Smaller answers go uncompressed. Setting up an encoder costs about as much
/// as rendering a small page (it clears a few hundred kB of tables), while what
/// it saves on a page this small is a packet or two, sent in the same round trip.
pub const COMPRESS_FROM_BYTES: u64 = 4096;

/// The whole application: every feature's routes behind the shared layers.
pub fn router(state: AppState) -> anyhow::Result<Router> {
    let config = state.config.clone();
    let features = Router::new()
        .merge(crate::auth::router())
        .merge(crate::pages::router())
        .merge(crate::admin::router())
        .merge(crate::positions::router())
        .merge(crate::compare::router())
        .merge(crate::export::router())
        .merge(crate::candidates::router())
        .merge(crate::rounds::router())
        .merge(crate::guides::router())
        .merge(crate::interview::router())
        .merge(crate::doubts::router())
        .merge(crate::decisions::router())
        .merge(crate::references::router())
        .merge(crate::audit::router())
        .merge(crate::privacy::router())
        .merge(crate::mail::router())
        .merge(crate::follow_up::router())
        .merge(crate::calibration::router())
        .merge(crate::papers::router())
        .layer(crate::web::body_limit(MAX_BODY_BYTES))
        // Uploads of papers are held to their own, larger limit (`papers`).
        .merge(crate::papers::upload_router(config.paper_max_bytes()))
        .fallback(error_pages::not_found)
        // Inside the session layer: both need the session.
        .layer(middleware::from_fn_with_state(
            config.secure_cookies,
            csrf::require_token,
        ))
        .layer(middleware::from_fn(error_pages::render));

    let sessions =
        SessionManagerLayer::new(session_store::FinalSignOutStore::new(state.pool.clone()))
            .with_name(SESSION_COOKIE)
            .with_http_only(true)
            .with_same_site(SameSite::Lax)
            .with_secure(config.secure_cookies)
            .with_expiry(Expiry::OnInactivity(time::Duration::minutes(
                config.session_idle_minutes,
            )));

    let mut origin_check = CsrfLayer::new();
    for origin in &config.trusted_origins {
        origin_check = origin_check.add_trusted_origin(origin).map_err(|err| {
            anyhow::anyhow!("SECONDROUND_TRUSTED_ORIGINS has a bad origin {origin:?}: {err:?}")
        })?;
    }

    // Where the sign-on button and the sign-out lead (the provider's origin).
    let sign_on_origin = config
        .sign_in
        .oidc_issuer
        .as_deref()
        .and_then(|issuer| url::Url::parse(issuer).ok())
        .map(|issuer| issuer.origin().ascii_serialization())
        .filter(|origin| origin != "null");
    let router = features
        .layer(sessions)
        .merge(assets::router(config.static_dir.as_deref()))
        .merge(health::router())
        .merge(crate::monitoring::router())
        // Outside the session layer and the per-session token check (see `api`).
        .merge(crate::api::router(config.paper_max_bytes()))
        .layer(
            ServiceBuilder::new()
                // Outermost: timeouts, panics and refusals by the layers below count too.
                .layer(middleware::from_fn(crate::monitoring::track))
                // An id from the proxy (nginx's X-Request-Id) is kept, so its
                // access log and ours name a request alike; otherwise a new one.
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(request_span))
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(middleware::from_fn_with_state(
                    SecurityHeaders::new(config.secure_cookies, sign_on_origin.as_deref()),
                    security_headers::add,
                ))
                .layer(middleware::from_fn(error_pages::render_unhandled))
                .layer(CatchPanicLayer::new())
                .layer(origin_check)
                .layer(compression())
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    Duration::from_secs(config.request_timeout_secs),
                ))
                // Every route but the uploads of papers also has a
                // `RequestBodyLimitLayer` of this size, which refuses a body
                // announced too large before reading it.
                .layer(DefaultBodyLimit::max(MAX_BODY_BYTES)),
        )
        .with_state(state);
    Ok(router)
}

/// Compression for pages rendered on every request: the fastest level (gzip 1,
/// brotli 0), which keeps most of the saving at a fraction of the default's
/// cost (see BENCHMARKS.md), and nothing under `COMPRESS_FROM_BYTES`. Images,
/// event streams and gRPC stay uncompressed as by default; a body of unknown
/// length (an export being streamed) is compressed. Papers that are compressed
/// already (PDF, DOCX, ODT, the export's zip) are sent as they are, so their
/// length and byte ranges stand.
pub fn compression() -> CompressionLayer<And<And<DefaultPredicate, SizeAbove>, Compressed>> {
    CompressionLayer::new()
        .quality(CompressionLevel::Fastest)
        .compress_when(
            DefaultPredicate::new()
                .and(SizeAbove::new(COMPRESS_FROM_BYTES))
                .and(already_compressed()),
        )
}

type Compressed =
    And<And<And<NotForContentType, NotForContentType>, NotForContentType>, NotForContentType>;

/// The papers' own compressed kinds (`papers::kind`) and the export's zip.
fn already_compressed() -> Compressed {
    NotForContentType::const_new("application/pdf")
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats-officedocument.wordprocessingml",
        ))
        .and(NotForContentType::const_new(
            "application/vnd.oasis.opendocument.text",
        ))
        .and(NotForContentType::const_new("application/zip"))
}

/// One span per request, carrying the request id and the matched route.
fn request_span(request: &Request) -> tracing::Span {
    let request_id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("-");
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str)
        .unwrap_or(request.uri().path());
    tracing::info_span!("request", method = %request.method(), route, request_id)
}
