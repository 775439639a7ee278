//! `GET /candidates/{id}/papers/{paper_id}`: a paper's bytes, as an attachment
//! (PDFs and images inline when asked, under a sandbox policy), one byte range
//! at a time when asked. Every download is audited.

use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::AnyRole;
use crate::error::{AppError, Result};
use crate::papers::kind::content_disposition;
use crate::papers::queries::{self, Paper};
use crate::positions::access::ReadableCandidate;
use crate::state::AppState;

/// A paper can hold a page: it runs as nothing and reaches nothing, opened inline or not.
pub const SANDBOX_POLICY: &str = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'";

/// What a `Range` header asks of a body of `size` bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Wanted {
    Whole,
    /// Inclusive byte positions.
    Part(u64, u64),
    Unsatisfiable,
}

/// Reads one `bytes=` range (RFC 9110 §14.1.2); several ranges or another unit
/// are answered with the whole body, which the standard allows.
pub fn wanted(range: Option<&str>, size: u64) -> Wanted {
    let Some(spec) = range.and_then(|r| r.trim().strip_prefix("bytes=")) else {
        return Wanted::Whole;
    };
    if spec.contains(',') {
        return Wanted::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Wanted::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    let parsed = match (first.is_empty(), last.is_empty()) {
        // The last `n` bytes.
        (true, false) => last.parse::<u64>().ok().map(|n| {
            if n == 0 {
                None
            } else {
                Some((size.saturating_sub(n), size.saturating_sub(1)))
            }
        }),
        (false, _) => first.parse::<u64>().ok().and_then(|start| {
            let end = if last.is_empty() {
                Some(size.saturating_sub(1))
            } else {
                last.parse::<u64>()
                    .ok()
                    .map(|end| end.min(size.saturating_sub(1)))
            };
            end.filter(|end| *end >= start || start >= size)
                .map(|end| (start < size).then_some((start, end)))
        }),
        (true, true) => None,
    };
    match parsed {
        None => Wanted::Whole,
        Some(Some((start, end))) if size > 0 => Wanted::Part(start, end),
        Some(_) => Wanted::Unsatisfiable,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DownloadQuery {
    /// `1` to open a PDF or an image in the browser instead of saving it.
    inline: Option<String>,
}

#[derive(Deserialize)]
pub struct PaperPath {
    id: Uuid,
    paper_id: Uuid,
}

pub async fn download(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    candidate: ReadableCandidate,
    Path(path): Path<PaperPath>,
    Query(query): Query<DownloadQuery>,
    method: axum::http::Method,
    headers: HeaderMap,
) -> Result<Response> {
    debug_assert_eq!(candidate.id, path.id);
    let paper = queries::find(&app.pool, candidate.id, path.paper_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let inline = query.inline.as_deref() == Some("1");
    // A HEAD asks what a download would be; nothing is handed over.
    let handed_over = method != axum::http::Method::HEAD;
    respond(&app, (auth.user.id, handed_over), &paper, inline, &headers).await
}

/// The paper's bytes (or the range asked for), audited when `handed_over`.
pub async fn respond(
    app: &AppState,
    (actor_id, handed_over): (Uuid, bool),
    paper: &Paper,
    inline: bool,
    headers: &HeaderMap,
) -> Result<Response> {
    let kind = paper
        .kind()
        .ok_or_else(|| anyhow::anyhow!("paper {} has an unknown media type", paper.id))?;
    let size = u64::try_from(paper.size_bytes).unwrap_or(0);
    let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let (status, start, end) = match wanted(range, size) {
        Wanted::Whole => (StatusCode::OK, 0, size.saturating_sub(1)),
        Wanted::Part(start, end) => (StatusCode::PARTIAL_CONTENT, start, end),
        Wanted::Unsatisfiable => {
            // Typed, so the error pages leave it (and its Content-Range) alone.
            let mut response = (
                StatusCode::RANGE_NOT_SATISFIABLE,
                [(header::CONTENT_TYPE, "application/octet-stream")],
            )
                .into_response();
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{size}")) {
                response.headers_mut().insert(header::CONTENT_RANGE, value);
            }
            return Ok(response);
        }
    };
    // A viewer reading a large PDF in parts asks many ranges: the first one
    // (from byte 0) stands for the download in the audit log.
    if start == 0 && handed_over {
        let mut conn = app.pool.acquire().await?;
        queries::record_download(&mut conn, actor_id, paper).await?;
    }
    let inline = inline && kind.opens_inline();
    let body = pieces(app.pool.clone(), paper.sha256.clone(), start, end);
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    let mut set = |name, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    };
    set(header::CONTENT_TYPE, kind.content_type().to_owned());
    set(
        header::CONTENT_DISPOSITION,
        content_disposition(&paper.name, inline),
    );
    set(header::CONTENT_SECURITY_POLICY, SANDBOX_POLICY.to_owned());
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned());
    set(header::ACCEPT_RANGES, "bytes".to_owned());
    set(header::CONTENT_LENGTH, (end + 1 - start).to_string());
    set(header::CACHE_CONTROL, "private, no-store".to_owned());
    if status == StatusCode::PARTIAL_CONTENT {
        set(header::CONTENT_RANGE, format!("bytes {start}-{end}/{size}"));
    }
    Ok(response)
}

/// Bytes read per query: a download holds a piece of the file, not all of it.
const PIECE_BYTES: u64 = 1024 * 1024;

/// The bytes `start..=end` of a content, read and sent a piece at a time. A
/// failed read ends the body early, which the client sees as a cut download.
fn pieces(pool: sqlx::PgPool, sha256: Vec<u8>, start: u64, end: u64) -> Body {
    let stream = futures_util::stream::unfold(start, move |at| {
        let (pool, sha256) = (pool.clone(), sha256.clone());
        async move {
            if at > end {
                return None;
            }
            let length = PIECE_BYTES.min(end + 1 - at);
            match queries::read(&pool, &sha256, at, length).await {
                Ok(piece) => Some((Ok(Bytes::from(piece)), at + length)),
                Err(err) => {
                    tracing::error!(error = ?err, "a paper's bytes could not be read");
                    Some((Err(std::io::Error::other("read failed")), end + 1))
                }
            }
        }
    });
    Body::from_stream(stream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_range_is_read_and_the_rest_answered_whole() {
        assert_eq!(wanted(None, 100), Wanted::Whole);
        assert_eq!(wanted(Some("bytes=0-9"), 100), Wanted::Part(0, 9));
        assert_eq!(wanted(Some("bytes=90-"), 100), Wanted::Part(90, 99));
        assert_eq!(wanted(Some("bytes=-10"), 100), Wanted::Part(90, 99));
        assert_eq!(wanted(Some("bytes=-500"), 100), Wanted::Part(0, 99));
        assert_eq!(wanted(Some("bytes=50-500"), 100), Wanted::Part(50, 99));
        assert_eq!(wanted(Some("bytes=0-1,5-6"), 100), Wanted::Whole);
        assert_eq!(wanted(Some("items=0-1"), 100), Wanted::Whole);
        assert_eq!(wanted(Some("bytes=9-3"), 100), Wanted::Whole);
        assert_eq!(wanted(Some("bytes=x-3"), 100), Wanted::Whole);
    }

    #[test]
    fn a_range_past_the_end_is_unsatisfiable() {
        assert_eq!(wanted(Some("bytes=100-"), 100), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=200-300"), 100), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=-0"), 100), Wanted::Unsatisfiable);
    }
}
