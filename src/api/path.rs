//! The id in an API path: a UUID, or a 400 problem document that says so to
//! the script that sent it (axum's own refusal would become the web pages'
//! "go back and check what you entered").

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use uuid::Uuid;

use crate::web::problem::ApiError;

/// How much of a bad id the problem quotes.
const QUOTED_CHARS: usize = 60;

pub struct PathId(pub Uuid);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let raw = match Path::<String>::from_request_parts(parts, state).await {
            Ok(Path(raw)) => raw,
            // Not UTF-8 once percent-decoded: no UUID either.
            Err(_) => return Err(not_a_uuid("(not UTF-8)")),
        };
        Uuid::parse_str(&raw)
            .map(PathId)
            .map_err(|_| not_a_uuid(&raw))
    }
}

fn not_a_uuid(raw: &str) -> ApiError {
    let quoted: String = raw.chars().take(QUOTED_CHARS).collect();
    let cut = if raw.chars().count() > QUOTED_CHARS {
        "…"
    } else {
        ""
    };
    ApiError::BadRequest(format!(
        "The id in the path, {quoted:?}{cut}, is not a UUID (such as 67e55044-10b1-426f-9247-bb680e5fe0c8)."
    ))
}
