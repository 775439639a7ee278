//! Cross-site request protection, second line: a token that every
//! state-changing request must carry (form field `csrf_token`, header
//! `x-csrf-token`, or for multipart uploads the `csrf_token` query parameter).
//! The first line is tower-http's Origin / Sec-Fetch-Site check.
//!
//! A signed-in session holds its token. Before sign-in there is no session to
//! hold it (an anonymous visit to the sign-in page writes no session row), so
//! the token lives in a cookie of its own that the form must echo (double
//! submit). Over HTTPS that cookie has the `__Host-` prefix, so a neighbouring
//! subdomain cannot plant one.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::RngCore;
use tower_sessions::Session;
use tower_sessions::cookie::{Cookie, SameSite};

use crate::error::{AppError, Result};

const TOKEN_KEY: &str = "csrf";
pub const FORM_FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";
pub const SIGN_IN_COOKIE: &str = "secondround_signin";
const SIGN_IN_COOKIE_SECURE: &str = "__Host-secondround_signin";
/// The same limit as every other request body, so a form that the handler
/// would accept is never refused here first. (Uploads carry the token in the
/// query and are not buffered here.)
const MAX_FORM_BYTES: usize = crate::web::MAX_BODY_BYTES;

/// The token of a visitor without a session token, from their sign-in cookie;
/// put in the request for `Layout` by `require_token`.
#[derive(Clone, Debug)]
pub struct SignInToken(pub String);

/// The token a page's forms carry: the session's once signed in, else the
/// visitor's sign-in cookie's.
pub async fn token(session: &Session, sign_in: Option<&SignInToken>) -> Result<String> {
    if let Some(existing) = session.get::<String>(TOKEN_KEY).await? {
        return Ok(existing);
    }
    Ok(sign_in.map(|token| token.0.clone()).unwrap_or_default())
}

/// A fresh token, used at sign-in so a token seen before sign-in is worthless after.
pub async fn rotate(session: &Session) -> Result<String> {
    let fresh = random_token();
    session.insert(TOKEN_KEY, &fresh).await?;
    Ok(fresh)
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SIGN_IN_COOKIE_SECURE
    } else {
        SIGN_IN_COOKIE
    }
}

/// The sign-in cookie's token, if it is one of ours in shape.
fn sign_in_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(|cookie| cookie.ok())
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_owned())
        .filter(|value| value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn set_cookie_header(name: &'static str, token: String, secure: bool) -> Option<HeaderValue> {
    let cookie = Cookie::build((name, token))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build();
    HeaderValue::from_str(&cookie.to_string()).ok()
}

pub async fn require_token(
    State(secure_cookies): State<bool>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let session_token = match session.get::<String>(TOKEN_KEY).await {
        Ok(token) => token,
        Err(err) => return AppError::from(err).into_response(),
    };
    let name = cookie_name(secure_cookies);
    let cookie_token = sign_in_cookie(request.headers(), name);
    // Without a session token the visitor gets a sign-in cookie, kept as long
    // as it is sent back, so pages open in several tabs share one token.
    let fresh_cookie = match (&session_token, &cookie_token) {
        (None, None) => Some(random_token()),
        _ => None,
    };
    if session_token.is_none()
        && let Some(token) = cookie_token.clone().or(fresh_cookie.clone())
    {
        request.extensions_mut().insert(SignInToken(token));
    }

    let mut response = if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        next.run(request).await
    } else {
        let wants_json = crate::web::form::wants_json(request.headers());
        let is_sign_in = request.uri().path() == "/login";
        let expected = session_token.or(cookie_token);
        match check(expected, request).await {
            Ok(request) => next.run(request).await,
            Err(AppError::CrossSite) => refusal(&session, wants_json, is_sign_in)
                .await
                .into_response(),
            Err(err) => err.into_response(),
        }
    };
    if let Some(token) = fresh_cookie
        && let Some(value) = set_cookie_header(name, token, secure_cookies)
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
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
        .get::<uuid::Uuid>(crate::web::session_keys::USER_ID_KEY)
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

async fn check(expected: Option<String>, request: Request) -> Result<Request> {
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
