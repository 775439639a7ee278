//! The static assets (stylesheet, scripts, icon) under `/static`, built into
//! the binary so that the one file is all a deployment needs (`web::assets`).
//! `SECONDROUND_STATIC_DIR` serves them from disk instead, for editing them
//! without a rebuild.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::extract::{self, Request};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::web::assets;

/// A fingerprinted name changes with its content, so it may be kept for good.
const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
/// A plain name (a link from before an upgrade): an hour, then a revalidation
/// by ETag (answered 304 while unchanged).
const AN_HOUR: HeaderValue = HeaderValue::from_static("public, max-age=3600");
/// Files from `SECONDROUND_STATIC_DIR` change under one name: always revalidated.
const REVALIDATE: HeaderValue = HeaderValue::from_static("no-cache");

/// `/static/...`: the embedded assets, or those in `static_dir` when one is given.
pub fn router<S: Clone + Send + Sync + 'static>(static_dir: Option<&Path>) -> Router<S> {
    match static_dir {
        Some(dir) => {
            let dir = dir.to_path_buf();
            Router::new().route(
                "/static/{*path}",
                get(move |path, request| from_folder(dir.clone(), path, request)),
            )
        }
        None => Router::new().route("/static/{*path}", get(embedded)),
    }
}

async fn embedded(extract::Path(path): extract::Path<String>, request: HeaderMap) -> Response {
    let Some(asset) = assets::get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cache = if asset.fingerprinted {
        IMMUTABLE
    } else {
        AN_HOUR
    };
    let accepted = accepted(&request);
    let (encoding, body): (Option<&str>, Body) = match (asset.brotli, asset.gzip) {
        (Some(brotli), _) if accepted.brotli => (Some("br"), brotli.into()),
        (_, Some(gzip)) if accepted.gzip => (Some("gzip"), gzip.into()),
        _ => (None, asset.body.into()),
    };
    // Each encoding is a representation of its own, with an ETag of its own.
    let etag = match encoding {
        Some(encoding) => format!("{}-{encoding}\"", asset.etag.trim_end_matches('"')),
        None => asset.etag.clone(),
    };
    let mut headers = vec![
        (header::ETAG, etag.clone()),
        (header::CONTENT_TYPE, asset.content_type.to_owned()),
        (
            header::CACHE_CONTROL,
            cache.to_str().unwrap_or_default().to_owned(),
        ),
    ];
    if asset.brotli.is_some() || asset.gzip.is_some() {
        headers.push((header::VARY, "accept-encoding".to_owned()));
    }
    if matches_etag(&request, &etag) {
        return (StatusCode::NOT_MODIFIED, headers_of(headers)).into_response();
    }
    if let Some(encoding) = encoding {
        headers.push((header::CONTENT_ENCODING, encoding.to_owned()));
    }
    (headers_of(headers), body).into_response()
}

fn headers_of(pairs: Vec<(header::HeaderName, String)>) -> HeaderMap {
    pairs
        .into_iter()
        .filter_map(|(name, value)| Some((name, HeaderValue::from_str(&value).ok()?)))
        .collect()
}

/// A file from `SECONDROUND_STATIC_DIR`, asked for by either name: the page
/// links the fingerprint of the built-in copy, which the edited file lacks.
async fn from_folder(
    dir: PathBuf,
    extract::Path(path): extract::Path<String>,
    request: Request,
) -> Response {
    let plain = assets::unfingerprinted(&path);
    let mut request = request;
    match format!("/{plain}").parse() {
        Ok(uri) => *request.uri_mut() = uri,
        Err(_) => return StatusCode::NOT_FOUND.into_response(),
    }
    let mut response = match ServeDir::new(dir).oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, REVALIDATE);
    response
}

#[derive(Default)]
struct Accepted {
    brotli: bool,
    gzip: bool,
}

/// The encodings `Accept-Encoding` takes (a `q=0` refuses one).
fn accepted(request: &HeaderMap) -> Accepted {
    let mut accepted = Accepted::default();
    for value in request.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let refused = parts.any(|param| {
                param
                    .trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    == Some(0.0)
            });
            if refused {
                continue;
            }
            match coding.as_str() {
                "br" => accepted.brotli = true,
                "gzip" => accepted.gzip = true,
                _ => {}
            }
        }
    }
    accepted
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
