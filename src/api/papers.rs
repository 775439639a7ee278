//! A candidate's papers through the API: listing them and uploading one
//! (multipart, the same checks and limit as the upload form).

use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::path::PathId;
use crate::api::token::ApiClient;
use crate::papers::queries::{self, Paper};
use crate::papers::upload::{self, Refusal};
use crate::papers::{PaperText, store};
use crate::state::AppState;
use crate::web::problem::{ApiError, ApiResult, Problem};

#[derive(Debug, Serialize, ToSchema)]
pub struct PaperInfo {
    pub id: Uuid,
    /// The file's name, cleaned of path parts and control characters.
    pub name: String,
    /// Decided by the content: application/pdf, DOCX, ODT, image/png, image/jpeg or text/plain.
    pub media_type: String,
    pub size_bytes: i64,
    /// The content's SHA-256, in hex.
    pub sha256: String,
    pub round_id: Option<Uuid>,
    pub test_result_id: Option<Uuid>,
    pub uploaded_at: DateTime<Utc>,
}

impl From<Paper> for PaperInfo {
    fn from(paper: Paper) -> Self {
        PaperInfo {
            id: paper.id,
            name: paper.name,
            media_type: paper.media_type,
            size_bytes: paper.size_bytes,
            sha256: hex::encode(&paper.sha256),
            round_id: paper.round_id,
            test_result_id: paper.test_result_id,
            uploaded_at: paper.uploaded_at,
        }
    }
}

/// The upload's form: `file` and optionally `test_result_id` or `round_id`.
#[allow(dead_code)] // read field by field; here for the document only
#[derive(ToSchema)]
pub struct PaperUpload {
    /// The file: PDF, DOCX, ODT, PNG, JPEG or UTF-8 text, at most the configured size (20 MB by default).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// A test result of the candidate's that the paper reports on.
    test_result_id: Option<Uuid>,
    /// A round of the candidate's that the paper belongs to.
    round_id: Option<Uuid>,
}

async fn require_candidate(app: &AppState, id: Uuid) -> ApiResult<()> {
    let exists: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from candidate where id = $1) as "exists!""#,
        id,
    )
    .fetch_one(&app.pool)
    .await?;
    if exists {
        Ok(())
    } else {
        Err(ApiError::NotFound("No candidate has this id."))
    }
}

/// A candidate's papers, the newest first.
#[utoipa::path(get, path = "/candidates/{id}/papers", tag = "candidates",
    params(("id" = Uuid, Path, description = "The candidate's id")),
    responses(
        (status = 200, description = "The candidate's papers.", body = Vec<PaperInfo>),
        (status = 400, description = "The id is not a UUID.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid bearer token.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No candidate has this id.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn list(
    State(app): State<AppState>,
    _client: ApiClient,
    PathId(id): PathId,
) -> ApiResult<Json<Vec<PaperInfo>>> {
    require_candidate(&app, id).await?;
    let papers = queries::list(&app.pool, id).await?;
    Ok(Json(papers.into_iter().map(PaperInfo::from).collect()))
}

/// Uploads a paper for a candidate; the same file twice is stored once.
#[utoipa::path(post, path = "/candidates/{id}/papers", tag = "candidates",
    params(("id" = Uuid, Path, description = "The candidate's id")),
    request_body(content = PaperUpload, content_type = "multipart/form-data"),
    responses(
        (status = 201, description = "The paper is stored.", body = PaperInfo),
        (status = 200, description = "The same file was already stored for this candidate.", body = PaperInfo),
        (status = 400, description = "The id is not a UUID, or the body is not multipart.",
            body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid bearer token.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read token.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No candidate has this id.", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is over the limit (20 MB by default).",
            body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No file, a kind of file not accepted, or a test result or round not the candidate's.",
            body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn upload(
    State(app): State<AppState>,
    client: ApiClient,
    PathId(id): PathId,
    request: Request,
) -> ApiResult<(StatusCode, Json<PaperInfo>)> {
    client.require_write()?;
    let actor = client.acting_user.ok_or(ApiError::Forbidden(
        "The admin who made this token no longer exists.",
    ))?;
    require_candidate(&app, id).await?;
    let t = &PaperText::EN;
    let max = app.config.paper_max_bytes();
    let stored = match upload::read(request, max, t.fallback_name).await {
        Ok(file) => store(&app, id, actor, file).await?,
        Err(refused) => Err(refused),
    };
    let (paper_id, _, new) = match stored {
        Ok(stored) => stored,
        Err((Refusal::TooLarge, _)) => {
            return Err(ApiError::TooLarge(Refusal::TooLarge.message(t, max)));
        }
        Err((Refusal::NotMultipart, _)) => {
            return Err(ApiError::BadRequest(
                "Send the paper as multipart/form-data, in a field named file.".into(),
            ));
        }
        Err((refusal, _)) => {
            return Err(ApiError::Invalid {
                detail: refusal.message(t, max),
                errors: Vec::new(),
            });
        }
    };
    let paper = queries::find(&app.pool, id, paper_id)
        .await?
        .ok_or(ApiError::Internal)?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(PaperInfo::from(paper))))
}

/// Refuses an upload announced over the limit before the token is even read,
/// as the app's usual body limit does for every other route.
pub async fn refuse_too_large(max_bytes: usize, request: Request, next: Next) -> Response {
    if upload::announced_too_large(request.headers(), max_bytes) {
        let message = Refusal::TooLarge.message(&PaperText::EN, max_bytes);
        return ApiError::TooLarge(message).into_response();
    }
    next.run(request).await
}
