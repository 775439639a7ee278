//! Whose walk-through this is: the signed-in user's seat on a round's panel.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::PanelRole;
use crate::domain::RoundStatus;
use crate::error::{AppError, Result};

#[derive(Debug, Clone)]
pub struct RoundInfo {
    pub round_id: Uuid,
    pub round_number: i32,
    pub round_status: RoundStatus,
    pub candidate_id: Uuid,
    pub candidate_name: String,
    pub position_title: String,
    pub hiring_manager_id: Uuid,
    /// `interview_round.time_zone`, in which the round's times are shown.
    pub time_zone: String,
    /// The first interview as the panel needs it at hand: its summary, and the
    /// open questions it left (one per line).
    pub first_round_summary: String,
    pub open_questions: String,
}

#[derive(Debug, Clone)]
pub struct Seat {
    pub round: RoundInfo,
    pub member_id: Uuid,
    pub user_id: Uuid,
    /// `panel_member.panel_role`: which sections are this member's to rate.
    pub panel_role: PanelRole,
    pub submitted_at: Option<DateTime<Utc>>,
    /// `interview_round.questions_version`: names the round's questions as they
    /// stand, for the questions kept in memory (`question_cache`).
    pub questions_version: i64,
    /// The member's own saved ratings, read with the seat.
    pub ratings: Vec<OwnRating>,
}

/// One of the member's own saved ratings.
#[derive(Debug, Clone)]
pub struct OwnRating {
    pub question_id: Uuid,
    pub score: Option<i16>,
    pub evidence: String,
    pub version: i32,
}

impl Seat {
    pub fn read_only(&self) -> bool {
        self.submitted_at.is_some() || self.round.round_status.is_closed()
    }
}

pub async fn round(pool: &PgPool, round_id: Uuid) -> Result<RoundInfo> {
    sqlx::query_as!(
        RoundInfo,
        r#"select r.id as round_id, r.round_number, r.status as "round_status: _", c.id as candidate_id,
                c.name as candidate_name, p.title as position_title, p.hiring_manager_id,
                r.time_zone, c.first_round_summary, c.open_questions
         from interview_round r
         join candidate c on c.id = r.candidate_id
         join position p on p.id = c.position_id
         where r.id = $1"#,
        round_id,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// The user's seat on the round, with their own ratings (one statement: a
/// question screen reads nothing else but the session): 404 for an unknown
/// round, 403 for anyone not on its panel.
pub async fn find(pool: &PgPool, round_id: Uuid, user_id: Uuid) -> Result<Seat> {
    let row = sqlx::query!(
        r#"select r.id as round_id, r.round_number, r.status as "round_status: RoundStatus",
                c.id as candidate_id, c.name as candidate_name, p.title as position_title,
                p.hiring_manager_id, r.time_zone, c.first_round_summary, c.open_questions,
                r.questions_version,
                pm.id as "member_id?", pm.panel_role as "panel_role?: PanelRole",
                pm.submitted_at as "submitted_at?: DateTime<Utc>",
                mine.question_ids as "rating_question_ids?: Vec<Uuid>",
                mine.scores as "rating_scores?: Vec<Option<i16>>",
                mine.notes as "rating_notes?: Vec<String>",
                mine.versions as "rating_versions?: Vec<i32>"
         from interview_round r
         join candidate c on c.id = r.candidate_id
         join position p on p.id = c.position_id
         left join panel_member pm on pm.round_id = r.id and pm.user_id = $2
         left join lateral (
             select array_agg(ra.round_question_id) as question_ids, array_agg(ra.score) as scores,
                    array_agg(ra.evidence) as notes, array_agg(ra.version) as versions
             from rating ra where ra.panel_member_id = pm.id
         ) mine on true
         where r.id = $1"#,
        round_id,
        user_id,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let member_id = row.member_id.ok_or(AppError::Forbidden)?;
    // Four arrays of one length, aggregated over the same rows.
    let ratings = row
        .rating_question_ids
        .unwrap_or_default()
        .into_iter()
        .zip(row.rating_scores.unwrap_or_default())
        .zip(row.rating_notes.unwrap_or_default())
        .zip(row.rating_versions.unwrap_or_default())
        .map(|(((question_id, score), evidence), version)| OwnRating {
            question_id,
            score,
            evidence,
            version,
        })
        .collect();
    Ok(Seat {
        round: RoundInfo {
            round_id: row.round_id,
            round_number: row.round_number,
            round_status: row.round_status,
            candidate_id: row.candidate_id,
            candidate_name: row.candidate_name,
            position_title: row.position_title,
            hiring_manager_id: row.hiring_manager_id,
            time_zone: row.time_zone,
            first_round_summary: row.first_round_summary,
            open_questions: row.open_questions,
        },
        member_id,
        user_id,
        // Read with the seat's id, so there whenever the member is.
        panel_role: row.panel_role.unwrap_or(PanelRole::Other),
        submitted_at: row.submitted_at,
        questions_version: row.questions_version,
        ratings,
    })
}
