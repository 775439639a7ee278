//! Candidates through the API: importing a position's candidates (all or
//! nothing, with the CSV import's checks) and reading a candidate's decision.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::api::problem::{ApiError, ApiResult, FieldError, Problem};
use crate::api::token::ApiClient;
use crate::candidates::CandidateText;
use crate::candidates::import_rows::{self, ImportRow, Refusal, RowError};
use crate::positions::PositionStatus;

/// A candidate to import; only the name is required.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct NewCandidate {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub source: String,
    /// Notes from the first interview.
    pub first_round_summary: String,
    /// Questions carried over from the first interview, one per line.
    pub open_questions: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Imported {
    /// The new candidates' ids, in the order they were sent.
    pub ids: Vec<Uuid>,
}

/// More than any shortlist; the same guard as the CSV import.
const MAX_CANDIDATES: usize = crate::candidates::import_file::MAX_ROWS;

fn field_errors(errors: Vec<RowError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|error| FieldError {
            index: error.row,
            field: error.field.map(|field| field.code().to_owned()),
            detail: error.reason,
        })
        .collect()
}

/// The request's array read item by item, so a wrongly typed item is named
/// along with the others; returns the readable rows and the unreadable items.
fn read_rows(body: &[u8]) -> ApiResult<(Vec<ImportRow>, Vec<FieldError>)> {
    let items: Vec<Value> = serde_json::from_slice(body)
        .map_err(|_| ApiError::BadRequest("The body must be a JSON array of candidates.".into()))?;
    if items.is_empty() {
        return Err(ApiError::BadRequest("The array has no candidates.".into()));
    }
    if items.len() > MAX_CANDIDATES {
        return Err(ApiError::BadRequest(format!(
            "At most {MAX_CANDIDATES} candidates at a time."
        )));
    }
    let mut rows = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        match serde_json::from_value::<NewCandidate>(item) {
            Ok(new) => rows.push(ImportRow {
                row: index as u64,
                name: new.name,
                email: new.email,
                phone: new.phone.trim().to_owned(),
                source: new.source.trim().to_owned(),
                first_round_summary: new.first_round_summary.trim().to_owned(),
                open_questions: new.open_questions.trim().to_owned(),
            }),
            Err(err) => errors.push(FieldError {
                index: index as u64,
                field: None,
                detail: format!("Not a candidate: {err}"),
            }),
        }
    }
    Ok((rows, errors))
}

fn invalid(errors: Vec<FieldError>) -> ApiError {
    ApiError::Invalid {
        detail: "Nothing was imported: correct the candidates named in errors.".into(),
        errors,
    }
}

/// Imports candidates into an open position: all of them, or none.
#[utoipa::path(post, path = "/positions/{id}/candidates", tag = "candidates",
    params(("id" = Uuid, Path, description = "The position's id")),
    request_body(content = Vec<NewCandidate>, content_type = "application/json"),
    responses(
        (status = 201, body = Imported),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn import(
    State(app): State<AppState>,
    client: ApiClient,
    Path(id): Path<Uuid>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Imported>)> {
    client.require_write()?;
    let status: PositionStatus = sqlx::query_scalar!(
        r#"select status as "status: PositionStatus" from position where id = $1"#,
        id
    )
    .fetch_optional(&app.pool)
    .await?
    .ok_or(ApiError::NotFound("No position has this id."))?;
    let t = &CandidateText::EN;
    if !status.is_open() {
        return Err(ApiError::Conflict(
            crate::positions::PositionText::EN
                .position_closed_error
                .into(),
        ));
    }
    let (rows, mut errors) = read_rows(&body)?;
    let rows = match import_rows::check_rows(rows, t) {
        Ok(rows) if errors.is_empty() => rows,
        Ok(_) => return Err(invalid(errors)),
        Err(bad_rows) => {
            errors.extend(field_errors(bad_rows));
            errors.sort_by_key(|error| error.index);
            return Err(invalid(errors));
        }
    };
    match import_rows::store(&app.pool, id, &rows, client.acting_user, t).await? {
        Ok(ids) => {
            tracing::info!(position_id = %id, count = ids.len(), token_id = %client.token_id, "candidates imported through the API");
            Ok((StatusCode::CREATED, Json(Imported { ids })))
        }
        Err(Refusal::Rows(errors)) => Err(invalid(field_errors(errors))),
        Err(Refusal::File(message)) => Err(ApiError::Conflict(message)),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Decision {
    pub id: Uuid,
    pub candidate_id: Uuid,
    /// hire, no_hire, another_round or on_hold.
    pub outcome: String,
    pub rationale: String,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
}

/// A candidate's latest decision.
#[utoipa::path(get, path = "/candidates/{id}/decision", tag = "candidates",
    params(("id" = Uuid, Path, description = "The candidate's id")),
    responses(
        (status = 200, body = Decision),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn decision(
    State(app): State<AppState>,
    _client: ApiClient,
    Path(id): Path<Uuid>,
) -> ApiResult<Json<Decision>> {
    let exists: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from candidate where id = $1) as "exists!""#,
        id,
    )
    .fetch_one(&app.pool)
    .await?;
    if !exists {
        return Err(ApiError::NotFound("No candidate has this id."));
    }
    let decision: Option<Decision> = sqlx::query_as!(
        Decision,
        r#"select d.id, d.candidate_id, d.outcome, d.rationale, u.display_name as decided_by, d.decided_at as "decided_at: _"
         from decision d join app_user u on u.id = d.decided_by
         where d.candidate_id = $1 order by d.decided_at desc, d.id desc limit 1"#,
        id,
    )
    .fetch_optional(&app.pool)
    .await?;
    decision.map(Json).ok_or(ApiError::NotFound(
        "No decision has been recorded for this candidate.",
    ))
}
