//! Candidates through the API: importing a position's candidates (all or
//! nothing, with the CSV import's checks) and reading a candidate's decision.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};
use uuid::Uuid;

use crate::api::path::PathId;
use crate::api::token::ApiClient;
use crate::candidates::CandidateText;
use crate::candidates::fields::{CandidateField, CandidateValues};
use crate::candidates::import_rows::{self, ImportRow, Refusal, RowError};
use crate::i18n::Locale;
use crate::positions::PositionStatus;
use crate::state::AppState;
use crate::web::problem::{ApiError, ApiResult, FieldError, Problem};

/// A candidate to import (read as `CandidateValues`); only the name is required.
/// Its schema is written from the fields' own limits (`CandidateField`), which
/// the import enforces.
pub struct NewCandidate;

impl PartialSchema for NewCandidate {
    fn schema() -> RefOr<Schema> {
        let mut object = ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some("A candidate to import; only the name is required."))
            .required(CandidateField::Name.code());
        for field in CandidateField::ALL {
            let mut property = ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(field.max_chars()));
            property = match field {
                // Trimmed, the name must not be empty.
                CandidateField::Name => property.min_length(Some(1)).pattern(Some(r"\S")),
                CandidateField::Email => property.description(Some("An email address, or empty.")),
                CandidateField::FirstRoundSummary => {
                    property.description(Some("Notes from the first interview."))
                }
                CandidateField::OpenQuestions => property.description(Some(
                    "Questions carried over from the first interview, one per line.",
                )),
                CandidateField::Phone | CandidateField::Source => property,
            };
            object = object.property(field.code(), property);
        }
        object.into()
    }
}

impl ToSchema for NewCandidate {}

/// The import's body: 1 to `MAX_CANDIDATES` candidates.
pub struct NewCandidates;

impl PartialSchema for NewCandidates {
    fn schema() -> RefOr<Schema> {
        ArrayBuilder::new()
            .items(Ref::from_schema_name(NewCandidate::name()))
            .min_items(Some(1))
            .max_items(Some(MAX_CANDIDATES))
            .into()
    }
}

impl ToSchema for NewCandidates {
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((NewCandidate::name().into(), NewCandidate::schema()));
    }
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
    // A well-formed array outside the schema's minItems and maxItems.
    if items.is_empty() {
        return Err(invalid_body("the array has no candidates."));
    }
    if items.len() > MAX_CANDIDATES {
        return Err(invalid_body(&format!(
            "at most {MAX_CANDIDATES} candidates at a time."
        )));
    }
    let mut rows = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        match serde_json::from_value::<CandidateValues>(item) {
            Ok(values) => rows.push(ImportRow {
                row: index as u64,
                values,
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

fn invalid_body(detail: &str) -> ApiError {
    ApiError::Invalid {
        detail: format!("Nothing was imported: {detail}"),
        errors: Vec::new(),
    }
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
    request_body(content = NewCandidates, content_type = "application/json"),
    responses(
        (status = 201, description = "Every candidate was imported.", body = Imported),
        (status = 400, description = "The id is not a UUID, or the body is not a JSON array.",
            body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid bearer token.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read token, or a cross-site request.",
            body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No position has this id.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The position is closed, or another import added some of these candidates meanwhile.",
            body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is over 16 MiB.", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not sent as application/json.",
            body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Nothing was imported: the array is empty or too long, or `errors` names every bad candidate by its index and field.",
            body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn import(
    State(app): State<AppState>,
    client: ApiClient,
    PathId(id): PathId,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Imported>)> {
    client.require_write()?;
    require_json(&headers)?;
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
    let rows = match import_rows::check_rows(rows, Locale::En) {
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

/// The body must be declared JSON (`application/json` or a `+json` type), so a
/// form or text sent by mistake is not read as a list of candidates.
fn require_json(headers: &HeaderMap) -> ApiResult<()> {
    let essence = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(|value| {
            value
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    if essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
    {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType(
            "Send the candidates as JSON: Content-Type: application/json.",
        ))
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
        (status = 200, description = "The latest decision.", body = Decision),
        (status = 400, description = "The id is not a UUID.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid bearer token.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No candidate has this id, or none has been decided on.",
            body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn decision(
    State(app): State<AppState>,
    _client: ApiClient,
    PathId(id): PathId,
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
