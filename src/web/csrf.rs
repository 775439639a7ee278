//! Cross-site request protection, second line: a per-session token that every
//! state-changing request must carry (form field `csrf_token`, header
//! `x-csrf-token`, or for multipart uploads the `csrf_token` query parameter).
//! The first line is tower-http's Origin / Sec-Fetch-Site check.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngCore;
use tower_sessions::Session;

use crate::error::{AppError, Result};

const TOKEN_KEY: &str = "csrf";
pub const FORM_FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";
/// The same limit as every other request body, so a form that the handler
/// would accept is never refused here first. (Uploads carry the token in the
/// query and are not buffered here.)
const MAX_FORM_BYTES: usize = crate::web::MAX_BODY_BYTES;

/// The session's token, created on first use.
pub async fn token(session: &Session) -> Result<String> {
    if let Some(existing) = session.get::<String>(TOKEN_KEY).await? {
        return Ok(existing);
    }
    rotate(session).await
}

/// A fresh token, used at sign-in so a token seen before sign-in is worthless after.
pub async fn rotate(session: &Session) -> Result<String> {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let fresh: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    session.insert(TOKEN_KEY, &fresh).await?;
    Ok(fresh)
}

pub async fn require_token(session: Session, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let wants_json = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.starts_with("application/json"));
    let is_sign_in = request.uri().path() == "/login";
    match check(&session, request).await {
        Ok(request) => next.run(request).await,
        Err(AppError::CrossSite) => refusal(&session, wants_json, is_sign_in)
            .await
            .into_response(),
        Err(err) => err.into_response(),
    }
}

/// Why a request without a valid token is refused. A session that ended (idle
/// expiry, signed out, or signed in again elsewhere, which renews the token) is
/// told to sign in again, with 401 for scripts: the walk-through then keeps its
/// queued ratings instead of dropping them as refused for good. The origin check
/// in front has already turned away other sites.
async fn refusal(session: &Session, wants_json: bool, is_sign_in: bool) -> AppError {
    if wants_json {
        return AppError::Unauthorized;
    }
    let signed_in = session
        .get::<uuid::Uuid>(crate::auth::extract::USER_ID_KEY)
        .await
        .ok()
        .flatten()
        .is_some();
    if signed_in || is_sign_in {
        AppError::CrossSite
    } else {
        AppError::SignInRequired {
            return_to: "/".into(),
        }
    }
}

async fn check(session: &Session, request: Request) -> Result<Request> {
    let expected = session.get::<String>(TOKEN_KEY).await?;
    let (parts, body) = request.into_parts();
    let header_token = parts
        .headers
        .get(HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    // Only an upload carries the token in its address (its body is not buffered
    // here); anywhere else a token in the URL would leak into logs and history.
    let query_token = parts
        .uri
        .query()
        .filter(|_| content_type.starts_with("multipart/form-data"))
        .and_then(|query| field_value(query.as_bytes()));

    let (presented, body) = match (header_token.or(query_token), is_form) {
        (Some(token), _) => (Some(token), body),
        (None, true) => {
            let bytes = to_bytes(body, MAX_FORM_BYTES)
                .await
                .map_err(|_| AppError::TooLarge)?;
            (field_value(&bytes), Body::from(bytes))
        }
        (None, false) => (None, body),
    };
    match (expected, presented) {
        (Some(expected), Some(presented)) if constant_time_eq(&expected, &presented) => {
            Ok(Request::from_parts(parts, body))
        }
        _ => Err(AppError::CrossSite),
    }
}

fn field_value(urlencoded: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(urlencoded)
        .ok()?
        .into_iter()
        .find(|(name, _)| name == FORM_FIELD)
        .map(|(_, value)| value)
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_token_among_form_fields() {
        assert_eq!(
            field_value(b"a=1&csrf_token=abc&b=2").as_deref(),
            Some("abc")
        );
        assert_eq!(field_value(b"a=1").as_deref(), None);
        assert_eq!(field_value(b"%%%").as_deref(), None);
    }

    #[test]
    fn compares_tokens_exactly() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
