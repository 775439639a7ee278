//! Friendly error pages in the user's language, carrying the request id; JSON
//! errors for scripts. Never shows database or template text.

use askama::Template;
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use tower_sessions::Session;

use crate::error::{AppError, ErrorPage, OtherPosition};
use crate::i18n::Locale;
use crate::web::layout::Layout;
use crate::web::problem;
use crate::web::session_keys::LOCALE_KEY;
use crate::web::text::CommonText;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    layout: Layout,
    heading: &'static str,
    body: String,
    request_id: String,
    show_request_id: bool,
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Turns error responses from handlers and extractors into pages.
pub async fn render(request: Request, next: Next) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    let headers = request.headers().clone();
    let response = next.run(request).await;
    let Some(mut page) = error_page_of(&response) else {
        return response;
    };
    let other_position = response.extensions().get::<OtherPosition>().is_some();
    // With the database gone the session cannot be read either: asking would
    // only wait out another pool timeout.
    let chosen = match &session {
        Some(session) if page.status != StatusCode::SERVICE_UNAVAILABLE => {
            session.get::<Locale>(LOCALE_KEY).await.ok().flatten()
        }
        _ => None,
    };
    let locale = chosen.unwrap_or_else(|| locale_from(&headers));
    if other_position {
        page.message = Some(CommonText::get(locale).error_other_position_body.to_owned());
    }
    build(&page, locale, &headers)
}

/// The last net, outside the session layer: renders the origin check's refusals,
/// panics, timeouts and anything else that arrives as a bare status.
pub async fn render_unhandled(request: Request, next: Next) -> Response {
    let headers = request.headers().clone();
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let page = if response
        .extensions()
        .get::<tower_http::csrf::ProtectionError>()
        .is_some()
    {
        ErrorPage {
            status: StatusCode::FORBIDDEN,
            cross_site: true,
            message: None,
        }
    } else {
        match error_page_of(&response) {
            Some(page) => page,
            None => return response,
        }
    };
    if is_api {
        // Scripts read one error format, whatever stopped the request.
        let (title, body) = describe(&page, CommonText::get(Locale::En));
        let detail = page.message.as_deref().unwrap_or(body);
        return problem::for_status(page.status, title, detail);
    }
    build(&page, locale_from(&headers), &headers)
}

/// Our own errors carry `ErrorPage`; framework rejections (bad form, wrong
/// method, body too large, timeout) arrive as bare plain-text statuses.
fn error_page_of(response: &Response) -> Option<ErrorPage> {
    if let Some(page) = response.extensions().get::<ErrorPage>() {
        return Some(page.clone());
    }
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let bare = content_type.is_empty() || content_type.starts_with("text/plain");
    (status.as_u16() >= 400 && bare).then_some(ErrorPage {
        status,
        cross_site: false,
        message: None,
    })
}

fn locale_from(headers: &HeaderMap) -> Locale {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(Locale::from_accept_language)
        .unwrap_or_default()
}

fn build(page: &ErrorPage, locale: Locale, headers: &HeaderMap) -> Response {
    let t = CommonText::get(locale);
    let request_id = headers
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let (heading, default_body) = describe(page, t);
    let body = page
        .message
        .clone()
        .unwrap_or_else(|| default_body.to_owned());
    if crate::web::form::wants_json(headers) {
        let json = serde_json::json!({ "error": body, "status": page.status.as_u16(), "request_id": request_id });
        return (page.status, axum::Json(json)).into_response();
    }
    let template = ErrorTemplate {
        layout: Layout::bare(locale, heading.to_owned()),
        heading,
        body,
        show_request_id: page.status.is_server_error(),
        request_id,
    };
    match template.render() {
        Ok(html) => (page.status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "cannot render the error page");
            (page.status, heading).into_response()
        }
    }
}

fn describe(page: &ErrorPage, t: &'static CommonText) -> (&'static str, &'static str) {
    match page.status {
        StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED => {
            (t.error_not_found_title, t.error_not_found_body)
        }
        StatusCode::FORBIDDEN if page.cross_site => (t.error_forbidden_title, t.error_csrf_body),
        StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => {
            (t.error_forbidden_title, t.error_forbidden_body)
        }
        StatusCode::CONFLICT => (t.error_conflict_title, ""),
        StatusCode::REQUEST_TIMEOUT => (t.error_timeout_title, t.error_internal_body),
        StatusCode::SERVICE_UNAVAILABLE => (t.error_unavailable_title, t.error_unavailable_body),
        StatusCode::PAYLOAD_TOO_LARGE => (t.error_too_large_title, ""),
        status if status.is_client_error() => (t.error_invalid_title, t.error_invalid_body),
        _ => (t.error_internal_title, t.error_internal_body),
    }
}
