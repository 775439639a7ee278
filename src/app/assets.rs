//! The static assets (stylesheet, scripts, icon) under `/static`, built into
//! the binary so that the one file is all a deployment needs.
//! `SECONDROUND_STATIC_DIR` serves them from disk instead, for editing them
//! without a rebuild.

use std::path::Path;

use axum::Router;
use axum::extract;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rust_embed::RustEmbed;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Embedded in debug builds too (`debug-embed`), so tests serve what a release serves.
#[derive(RustEmbed)]
#[folder = "static/"]
struct Embedded;

/// The names carry no fingerprint, so an hour, then a revalidation by ETag
/// (answered 304 while unchanged): an upgrade's stylesheet arrives within the hour.
const CACHE_CONTROL: HeaderValue = HeaderValue::from_static("public, max-age=3600");

/// `/static/...`: the embedded assets, or those in `static_dir` when one is given.
pub fn router<S: Clone + Send + Sync + 'static>(static_dir: Option<&Path>) -> Router<S> {
    let router = match static_dir {
        Some(dir) => Router::new().nest_service("/static", ServeDir::new(dir)),
        None => Router::new().route("/static/{*path}", get(embedded)),
    };
    router.layer(SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        CACHE_CONTROL,
    ))
}

async fn embedded(extract::Path(path): extract::Path<String>, request: HeaderMap) -> Response {
    let Some(file) = Embedded::get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Weak, because the compression layer may send the same content gzipped or not.
    let etag = format!("W/\"{}\"", hex::encode(&file.metadata.sha256_hash()[..16]));
    let headers = [
        (header::ETAG, etag.clone()),
        (header::CONTENT_TYPE, file.metadata.mimetype().to_owned()),
    ];
    if matches_etag(&request, &etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    (headers, file.data).into_response()
}

/// Whether `If-None-Match` names this ETag (compared weakly, as RFC 9110 asks) or is `*`.
fn matches_etag(request: &HeaderMap, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| tag.trim() == "*" || opaque(tag) == opaque(etag))
}
