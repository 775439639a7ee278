//! API errors as RFC 9457 problem documents (`application/problem+json`).

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::AppError;

pub const CONTENT_TYPE: &str = "application/problem+json";

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// For validation problems: every bad item, by its index and field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
}

/// One bad field of one item of a request.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldError {
    /// The item's index in the request's array (from 0).
    pub index: u64,
    /// The field at fault; absent when the whole item is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub detail: String,
}

/// Why an API request failed; turned into a problem document.
#[derive(Debug)]
pub enum ApiError {
    /// No bearer token, or one that is malformed, unknown or revoked.
    Unauthorized(&'static str),
    /// A read token on a write endpoint.
    Forbidden(&'static str),
    NotFound(&'static str),
    Conflict(String),
    BadRequest(String),
    /// A body that is not declared as JSON.
    UnsupportedMediaType(&'static str),
    Invalid {
        detail: String,
        errors: Vec<FieldError>,
    },
    /// A body over its limit, which the detail names.
    TooLarge(String),
    Internal,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            ApiError::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized", "Unauthorized"),
            ApiError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Forbidden"),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            ApiError::Conflict(_) => (StatusCode::CONFLICT, "conflict", "Conflict"),
            ApiError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad-request", "Bad request"),
            ApiError::UnsupportedMediaType(_) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
            ),
            ApiError::Invalid { .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Validation failed",
            ),
            ApiError::TooLarge(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "Payload too large",
            ),
            ApiError::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
            ),
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        AppError::from(err).into()
    }
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        match err {
            AppError::NotFound => ApiError::NotFound("No such resource."),
            AppError::Conflict(message) => ApiError::Conflict(message),
            AppError::Validation(message) => ApiError::BadRequest(message),
            AppError::Unstorable => ApiError::BadRequest(
                "A value cannot be stored (too long, or bad characters).".into(),
            ),
            other => {
                // Logged inside the request span, so the line carries the request id.
                tracing::error!(error = ?other, "internal error in the API");
                ApiError::Internal
            }
        }
    }
}

/// A problem document for a refusal made before any API handler ran: the
/// origin check, the body limit, the timeout, a panic.
pub fn for_status(status: StatusCode, title: &str, detail: &str) -> Response {
    // The same type URIs as the handlers' own problems for the same status.
    let slug = match status {
        StatusCode::BAD_REQUEST => "bad-request".to_owned(),
        StatusCode::UNAUTHORIZED => "unauthorized".to_owned(),
        StatusCode::FORBIDDEN => "forbidden".to_owned(),
        StatusCode::NOT_FOUND => "not-found".to_owned(),
        StatusCode::CONFLICT => "conflict".to_owned(),
        StatusCode::UNPROCESSABLE_ENTITY => "validation".to_owned(),
        StatusCode::INTERNAL_SERVER_ERROR => "internal".to_owned(),
        other => other
            .canonical_reason()
            .unwrap_or("error")
            .to_ascii_lowercase()
            .replace(' ', "-"),
    };
    let problem = Problem {
        kind: format!("/api/v1/problems/{slug}"),
        title: title.to_owned(),
        status: status.as_u16(),
        detail: if detail.is_empty() { title } else { detail }.to_owned(),
        errors: None,
    };
    with_problem_type(status, problem)
}

fn with_problem_type(status: StatusCode, problem: Problem) -> Response {
    let mut response = (status, Json(problem)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    if status == StatusCode::UNAUTHORIZED {
        headers.insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"secondround\""),
        );
    }
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, slug, title) = self.parts();
        let (detail, errors) = match self {
            ApiError::Unauthorized(detail)
            | ApiError::Forbidden(detail)
            | ApiError::NotFound(detail)
            | ApiError::UnsupportedMediaType(detail) => (detail.to_owned(), None),
            ApiError::Conflict(detail)
            | ApiError::BadRequest(detail)
            | ApiError::TooLarge(detail) => (detail, None),
            ApiError::Invalid { detail, errors } => {
                (detail, Some(errors).filter(|e| !e.is_empty()))
            }
            ApiError::Internal => ("An unexpected error occurred.".to_owned(), None),
        };
        let problem = Problem {
            kind: format!("/api/v1/problems/{slug}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
            errors,
        };
        with_problem_type(status, problem)
    }
}
