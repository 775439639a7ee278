//! Positions, their requirement profiles and shortlists, read through the API.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::path::PathId;
use crate::api::token::ApiClient;
use crate::decisions::facts;
use crate::scoring::flags::Flag;
use crate::state::AppState;
use crate::web::problem::{ApiError, ApiResult, Problem};

#[derive(Debug, Serialize, ToSchema)]
pub struct PositionSummary {
    pub id: Uuid,
    pub title: String,
    pub department: String,
    /// `open` or `closed`.
    pub status: String,
    pub closed_at: Option<DateTime<Utc>>,
    pub candidates: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PositionDetail {
    pub id: Uuid,
    pub title: String,
    pub department: String,
    pub description: String,
    pub status: String,
    pub closed_at: Option<DateTime<Utc>>,
    /// The requirement profile, in order.
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Criterion {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub weight: f64,
    pub must_have: bool,
    /// The lowest acceptable panel mean of a must-have (1–5).
    pub must_have_minimum: Option<i16>,
    /// What a score of 1, 2, 3, 4 and 5 looks like in this job.
    pub anchors: Vec<String>,
}

#[derive(Debug)]
struct CriterionRow {
    id: Uuid,
    name: String,
    description: String,
    weight: f64,
    must_have: bool,
    minimum_score: Option<i16>,
    anchor_1: String,
    anchor_2: String,
    anchor_3: String,
    anchor_4: String,
    anchor_5: String,
}

#[derive(Debug)]
struct PositionRow {
    id: Uuid,
    title: String,
    department: String,
    description: String,
    status: crate::positions::PositionStatus,
    closed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Shortlist {
    pub position_id: Uuid,
    pub candidates: Vec<ShortlistEntry>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ShortlistEntry {
    pub candidate_id: Uuid,
    pub name: String,
    /// shortlisted, in_second_round, offer, hired, rejected or withdrawn.
    pub status: String,
    /// Σ weight × criterion mean / Σ weight over the criteria someone rated.
    pub weighted_total: Option<f64>,
    /// The share (0–1) of the profile's weight that was rated.
    pub coverage: f64,
    pub criteria: Vec<CriterionMean>,
    /// Each kind of finding once, blockers first, then warnings; `count` says
    /// how many members, criteria, doubts or ratings it was found for.
    pub flags: Vec<FlagCode>,
    /// The latest decision: hire, no_hire, another_round or on_hold.
    pub decision: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CriterionMean {
    pub criterion_id: Uuid,
    pub name: String,
    pub mean: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FlagCode {
    pub code: String,
    pub blocker: bool,
    /// At least 1.
    pub count: usize,
}

impl FlagCode {
    /// The flags one code each, in the order their kinds first appear.
    pub fn group(flags: &[Flag]) -> Vec<FlagCode> {
        let mut codes: Vec<FlagCode> = Vec::new();
        for flag in flags {
            match codes.iter_mut().find(|c| c.code == flag.code()) {
                Some(code) => code.count += 1,
                None => codes.push(FlagCode {
                    code: flag.code().to_owned(),
                    blocker: flag.is_blocker(),
                    count: 1,
                }),
            }
        }
        codes
    }
}

/// The positions, open ones first.
#[utoipa::path(get, path = "/positions", tag = "positions",
    responses(
        (status = 200, description = "Every position.", body = Vec<PositionSummary>),
        (status = 401, description = "No valid bearer token.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn list(
    State(app): State<AppState>,
    _client: ApiClient,
) -> ApiResult<Json<Vec<PositionSummary>>> {
    let rows = sqlx::query_as!(
        PositionSummary,
        r#"select p.id, p.title, p.department, p.status, p.closed_at as "closed_at: _",
                (select count(*) from candidate c where c.position_id = p.id) as "candidates!"
         from position p order by p.status desc, p.title, p.id"#,
    )
    .fetch_all(&app.pool)
    .await?;
    Ok(Json(rows))
}

async fn position_row(pool: &PgPool, id: Uuid) -> ApiResult<PositionRow> {
    sqlx::query_as!(
        PositionRow,
        r#"select id, title, department, description, status as "status: _", closed_at as "closed_at: _" from position where id = $1"#,
        id,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(ApiError::NotFound("No position has this id."))
}

/// One position with its requirement profile.
#[utoipa::path(get, path = "/positions/{id}", tag = "positions",
    params(("id" = Uuid, Path, description = "The position's id")),
    responses(
        (status = 200, description = "The position and its requirement profile.", body = PositionDetail),
        (status = 400, description = "The id is not a UUID.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid bearer token.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No position has this id.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn show(
    State(app): State<AppState>,
    _client: ApiClient,
    PathId(id): PathId,
) -> ApiResult<Json<PositionDetail>> {
    let position = position_row(&app.pool, id).await?;
    let criteria: Vec<CriterionRow> = sqlx::query_as!(
        CriterionRow,
        "select id, name, description, weight, must_have, minimum_score,
                anchor_1, anchor_2, anchor_3, anchor_4, anchor_5
         from criterion where position_id = $1 order by sort_order, name",
        id,
    )
    .fetch_all(&app.pool)
    .await?;
    Ok(Json(PositionDetail {
        id: position.id,
        title: position.title,
        department: position.department,
        description: position.description,
        status: position.status.code().into(),
        closed_at: position.closed_at,
        criteria: criteria
            .into_iter()
            .map(|row| Criterion {
                id: row.id,
                name: row.name,
                description: row.description,
                weight: row.weight,
                must_have: row.must_have,
                must_have_minimum: row.minimum_score.filter(|_| row.must_have),
                anchors: vec![
                    row.anchor_1,
                    row.anchor_2,
                    row.anchor_3,
                    row.anchor_4,
                    row.anchor_5,
                ],
            })
            .collect(),
    }))
}

struct CandidateRow {
    id: Uuid,
    name: String,
    status: crate::candidates::status::CandidateStatus,
    decision: Option<crate::scoring::flags::Outcome>,
}

/// The position's candidates with their scores and flags, as the debrief computes them.
#[utoipa::path(get, path = "/positions/{id}/shortlist", tag = "positions",
    params(("id" = Uuid, Path, description = "The position's id")),
    responses(
        (status = 200, description = "The position's shortlist.", body = Shortlist),
        (status = 400, description = "The id is not a UUID.", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid bearer token.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No position has this id.", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])))]
pub async fn shortlist(
    State(app): State<AppState>,
    _client: ApiClient,
    PathId(id): PathId,
) -> ApiResult<Json<Shortlist>> {
    position_row(&app.pool, id).await?;
    let mut conn = app.pool.acquire().await?;
    let candidates: Vec<CandidateRow> = sqlx::query_as!(
        CandidateRow,
        r#"select c.id, c.name, c.status as "status: _",
                (select d.outcome from decision d where d.candidate_id = c.id
                 order by d.decided_at desc, d.id desc limit 1) as "decision: crate::scoring::flags::Outcome"
         from candidate c where c.position_id = $1 order by c.name, c.id"#,
        id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let facts = facts::load_position(&mut conn, &app.facts, id).await?;
    let unknown = facts::Known::default();
    let mut entries = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        let assessment = &facts
            .known(candidate.id)
            .unwrap_or(&unknown)
            .assessed(candidate.id)
            .gate;
        entries.push(ShortlistEntry {
            candidate_id: candidate.id,
            name: candidate.name,
            status: candidate.status.code().into(),
            weighted_total: assessment.summary.weighted_total,
            coverage: assessment.summary.coverage,
            criteria: assessment
                .summary
                .criteria
                .iter()
                .map(|criterion| CriterionMean {
                    criterion_id: criterion.criterion_id,
                    name: criterion.name.clone(),
                    mean: criterion.mean,
                })
                .collect(),
            flags: FlagCode::group(&assessment.flags),
            decision: candidate.decision.map(|outcome| outcome.code().to_owned()),
        });
    }
    Ok(Json(Shortlist {
        position_id: id,
        candidates: entries,
    }))
}
