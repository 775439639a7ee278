//! One error type for the whole app, turned into friendly pages by `web::error_pages`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub type Result<T, E = AppError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// The role may use the page, but not for this position (another manager's).
    #[error("forbidden: another position")]
    OtherPosition,
    /// A state-changing request without valid cross-site request protection.
    #[error("cross-site request refused")]
    CrossSite,
    /// Not signed in: browsers are sent to the sign-in page, which returns here.
    #[error("sign-in required")]
    SignInRequired { return_to: String },
    /// Not signed in, for API and script clients that cannot follow a redirect.
    #[error("unauthorized")]
    Unauthorized,
    /// The request conflicts with the current state; the message is shown to the user.
    #[error("conflict: {0}")]
    Conflict(String),
    /// Input that cannot be processed; the message is shown to the user.
    #[error("invalid input: {0}")]
    Validation(String),
    /// A request body over the size limit.
    #[error("request body too large")]
    TooLarge,
    /// The database cannot be reached right now (stopped, restarting, its
    /// connections cut): a brief 503, never a 500 with a backtrace.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// Input the database refused to store (see `is_unstorable_input`).
    #[error("input the database cannot store")]
    Unstorable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// A missing row is a server error: a row that must exist does not. A handler
/// that looks up a user-given id asks with `fetch_optional` and answers
/// `AppError::NotFound` itself.
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            other if is_unavailable(&other) => AppError::Unavailable(other.to_string()),
            other if is_unstorable_input(&other) => {
                tracing::info!(error = %other, "input the database cannot store");
                AppError::Unstorable
            }
            other => AppError::Internal(other.into()),
        }
    }
}

/// Whether the database is out of reach rather than refusing this request: no
/// connection to be had, a connection cut (SQLSTATE class 08), or the server
/// shutting down or starting (57P01–57P03).
pub(crate) fn is_unavailable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03")
        }),
        _ => false,
    }
}

/// SQLSTATEs for a value the database will not store: a NUL character or bad
/// encoding (22021, 22P05), a value too long (22001), a number or date out of
/// range (22003, 22008), a value too long for an index (54000).
const UNSTORABLE: [&str; 6] = ["22021", "22P05", "22001", "22003", "22008", "54000"];

/// Whether the database refused a value itself rather than failed. That is
/// bad input, never a server error; other errors (a division by zero, say)
/// stay internal so they are not mistaken for the user's fault.
fn is_unstorable_input(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => db.code().is_some_and(|code| UNSTORABLE.contains(&&*code)),
        _ => false,
    }
}

/// Marks a session store error that means "the database is out of reach"
/// (`auth::session_store`).
pub const STORE_UNAVAILABLE: &str = "[database unavailable]";

impl From<tower_sessions::session::Error> for AppError {
    fn from(err: tower_sessions::session::Error) -> Self {
        let text = err.to_string();
        if text.contains(STORE_UNAVAILABLE) {
            AppError::Unavailable(text)
        } else {
            AppError::Internal(err.into())
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(err: askama::Error) -> Self {
        AppError::Internal(err.into())
    }
}

/// Put on an error response so the error-page middleware, which knows the request,
/// can render a page in the user's language with the request id.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub cross_site: bool,
    /// A message meant for the user (never database or template text).
    pub message: Option<String>,
}

/// Beside the `ErrorPage` of a 403 that is about the position, not the role:
/// the page then says so.
#[derive(Debug, Clone, Copy)]
pub struct OtherPosition;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message) = match &self {
            AppError::SignInRequired { return_to } => {
                let target = format!("/login?next={}", urlencode(return_to));
                return axum::response::Redirect::to(&target).into_response();
            }
            AppError::Unauthorized => (StatusCode::UNAUTHORIZED, None),
            AppError::NotFound => (StatusCode::NOT_FOUND, None),
            AppError::Forbidden | AppError::CrossSite | AppError::OtherPosition => {
                (StatusCode::FORBIDDEN, None)
            }
            AppError::Conflict(msg) => (StatusCode::CONFLICT, Some(msg.clone())),
            AppError::Validation(msg) => (StatusCode::UNPROCESSABLE_ENTITY, Some(msg.clone())),
            AppError::Unstorable => (StatusCode::UNPROCESSABLE_ENTITY, None),
            AppError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, None),
            AppError::Unavailable(reason) => {
                // One line: the cause is known and needs no backtrace.
                tracing::warn!(%reason, "database unavailable");
                (StatusCode::SERVICE_UNAVAILABLE, None)
            }
            AppError::Internal(err) => {
                // Logged inside the request span, so the line carries the request id.
                tracing::error!(error = ?err, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, None)
            }
        };
        let mut response = status.into_response();
        let cross_site = matches!(self, AppError::CrossSite);
        if matches!(self, AppError::OtherPosition) {
            response.extensions_mut().insert(OtherPosition);
        }
        response.extensions_mut().insert(ErrorPage {
            status,
            cross_site,
            message,
        });
        response
    }
}

/// The name of the constraint a database error violated, if any.
pub fn violated_constraint(err: &sqlx::Error) -> Option<&str> {
    match err {
        sqlx::Error::Database(db) => db.constraint(),
        _ => None,
    }
}

fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)])
        .map(|encoded| encoded.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_that_must_exist_but_does_not_is_a_server_error() {
        let response = AppError::from(sqlx::Error::RowNotFound).into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            AppError::NotFound.into_response().status(),
            StatusCode::NOT_FOUND
        );
    }
}
