//! Reads and writes of candidates for the candidate pages.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::candidates::status::CandidateStatus;
use crate::domain::RoundStatus;

use crate::error::{AppError, Result};

#[derive(Debug)]
pub struct Candidate {
    pub id: Uuid,
    pub position_id: Uuid,
    pub position_title: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub source: String,
    pub first_round_summary: String,
    pub open_questions: String,
    pub status: CandidateStatus,
}

pub async fn find(pool: &PgPool, id: Uuid) -> Result<Candidate> {
    sqlx::query_as!(
        Candidate,
        r#"select c.id, c.position_id, p.title as position_title, c.name, c.email, c.phone, c.source,
                c.first_round_summary, c.open_questions, c.status as "status: _"
         from candidate c join position p on p.id = c.position_id where c.id = $1"#,
        id,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

pub struct CandidateInput<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub source: &'a str,
    pub first_round_summary: &'a str,
    pub open_questions: &'a str,
}

/// Inserts the candidate with its first status entry, in one statement.
pub async fn insert(
    pool: &PgPool,
    position_id: Uuid,
    input: &CandidateInput<'_>,
    by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "with new as (
             insert into candidate (position_id, name, email, phone, source, first_round_summary, open_questions)
             values ($1, $2, $3, $4, $5, $6, $7) returning id, status)
         insert into candidate_status_change (candidate_id, to_status, changed_by)
         select id, status, $8 from new returning candidate_id",
        position_id,
        input.name,
        input.email,
        input.phone,
        input.source,
        input.first_round_summary,
        input.open_questions,
        by,
    )
    .fetch_one(pool)
    .await
}

pub async fn update(pool: &PgPool, id: Uuid, input: &CandidateInput<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "update candidate set name = $2, email = $3, phone = $4, source = $5,
                first_round_summary = $6, open_questions = $7, updated_at = now()
         where id = $1",
        id,
        input.name,
        input.email,
        input.phone,
        input.source,
        input.first_round_summary,
        input.open_questions,
    )
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(Debug)]
pub struct StatusChange {
    pub from_status: Option<CandidateStatus>,
    pub to_status: CandidateStatus,
    pub changed_by: Option<String>,
    pub changed_at: DateTime<Utc>,
}

pub async fn history(pool: &PgPool, candidate_id: Uuid) -> Result<Vec<StatusChange>> {
    Ok(sqlx::query_as!(
        StatusChange,
        r#"select s.from_status as "from_status: _", s.to_status as "to_status: _", u.display_name as "changed_by?", s.changed_at as "changed_at: _"
         from candidate_status_change s left join app_user u on u.id = s.changed_by
         where s.candidate_id = $1 order by s.changed_at desc, s.id"#,
        candidate_id,
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct Round {
    pub id: Uuid,
    pub round_number: i32,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub time_zone: String,
    pub location: String,
    pub status: RoundStatus,
}

pub async fn rounds(pool: &PgPool, candidate_id: Uuid) -> Result<Vec<Round>> {
    Ok(sqlx::query_as!(
        Round,
        r#"select id, round_number, scheduled_at as "scheduled_at: _", time_zone, location, status as "status: _"
         from interview_round where candidate_id = $1 order by round_number"#,
        candidate_id,
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct PanelSeat {
    pub round_id: Uuid,
    pub display_name: String,
    pub panel_role: crate::domain::PanelRole,
}

/// The panels of all the candidate's rounds, in one query.
pub async fn panels(pool: &PgPool, candidate_id: Uuid) -> Result<Vec<PanelSeat>> {
    Ok(sqlx::query_as!(
        PanelSeat,
        r#"select pm.round_id, u.display_name, pm.panel_role as "panel_role: _"
         from panel_member pm
         join interview_round r on r.id = pm.round_id
         join app_user u on u.id = pm.user_id
         where r.candidate_id = $1
         order by pm.panel_role = 'hiring_manager' desc, u.display_name"#,
        candidate_id,
    )
    .fetch_all(pool)
    .await?)
}
