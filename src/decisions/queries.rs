//! Reads and writes of decisions, and what the debrief shows beside the scores.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::RoundStatus;
use crate::test_results::TestKind;

use crate::audit::{self, Change};
use crate::candidates::status::{self, CandidateStatus, Decided};
use crate::error::{AppError, Result};
use crate::scoring::flags::Outcome;

#[derive(Debug)]
pub struct CandidateHead {
    pub id: Uuid,
    pub name: String,
    pub status: CandidateStatus,
    pub position_id: Uuid,
    pub position_title: String,
}

pub async fn candidate(conn: &mut PgConnection, id: Uuid) -> Result<CandidateHead> {
    sqlx::query_as!(
        CandidateHead,
        r#"select c.id, c.name, c.status as "status: _", p.id as position_id, p.title as position_title
         from candidate c join position p on p.id = c.position_id where c.id = $1"#,
        id,
    )
    .fetch_optional(conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// Locks the candidate (a doubt raised meanwhile waits on its foreign key) and
/// the seats of its panels (a reopening waits), until the transaction ends.
pub async fn lock_candidate(conn: &mut PgConnection, candidate_id: Uuid) -> Result<()> {
    sqlx::query!(
        "select id from candidate where id = $1 for update",
        candidate_id,
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    sqlx::query!(
        "select pm.id from panel_member pm join interview_round r on r.id = pm.round_id
         where r.candidate_id = $1 for share of pm",
        candidate_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(())
}

pub async fn form_recorded(conn: &mut PgConnection, form_id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from decision where form_id = $1) as "exists!""#,
        form_id,
    )
    .fetch_one(conn)
    .await
}

/// Earlier hires on the position that the follow-up did not bear out (see the
/// `retrospective_follow_up` view), other than this candidate: for the decision page.
pub async fn retrospectives(
    conn: &mut PgConnection,
    candidate_id: Uuid,
) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!(
        r#"select c.id, c.name
             from candidate c
            where c.position_id = (select position_id from candidate where id = $1)
              and c.id <> $1 and c.purged_at is null
              and exists (select 1 from retrospective_follow_up f where f.candidate_id = c.id)
            order by c.name"#,
        candidate_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| (row.id, row.name)).collect())
}

/// Each doubt's description, for the flags' sentences.
pub async fn doubt_descriptions(
    conn: &mut PgConnection,
    candidate_id: Uuid,
) -> sqlx::Result<HashMap<Uuid, String>> {
    doubt_descriptions_of(conn, &[candidate_id]).await
}

/// `doubt_descriptions` of several candidates at once (doubt ids are unique).
pub async fn doubt_descriptions_of(
    conn: &mut PgConnection,
    candidates: &[Uuid],
) -> sqlx::Result<HashMap<Uuid, String>> {
    let rows: Vec<(Uuid, String)> = sqlx::query!(
        "select id, description from doubt where candidate_id = any($1)",
        candidates,
    )
    .map(|row| (row.id, row.description))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().collect())
}

#[derive(Debug)]
pub struct DecisionRow {
    pub outcome: Outcome,
    pub rationale: String,
    pub decided_by: Option<String>,
    pub decided_at: DateTime<Utc>,
    /// Set when a final decision was reopened, with who did it and why.
    pub reopened_at: Option<DateTime<Utc>>,
    pub reopened_by: Option<String>,
    pub reopen_reason: String,
}

/// The candidate's decisions, newest first.
pub async fn decisions(
    conn: &mut PgConnection,
    candidate_id: Uuid,
) -> sqlx::Result<Vec<DecisionRow>> {
    sqlx::query_as!(
        DecisionRow,
        r#"select d.outcome as "outcome: _", d.rationale, u.display_name as "decided_by?", d.decided_at as "decided_at: _",
                d.reopened_at as "reopened_at: _", r.display_name as "reopened_by?", d.reopen_reason
         from decision d
         left join app_user u on u.id = d.decided_by
         left join app_user r on r.id = d.reopened_by
         where d.candidate_id = $1 order by d.decided_at desc, d.id"#,
        candidate_id,
    )
    .fetch_all(conn)
    .await
}

/// Reopens the final decision `decided`, audits it and puts the candidate back
/// where they stood before it. Inside the caller's transaction, with the
/// candidate locked.
pub async fn reopen(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    decided: &Decided,
    reason: &str,
    by: Uuid,
) -> crate::error::Result<CandidateStatus> {
    sqlx::query!(
        "update decision set reopened_at = now(), reopened_by = $2, reopen_reason = $3
         where id = $1 and reopened_at is null",
        decided.decision_id,
        by,
        reason,
    )
    .execute(&mut *conn)
    .await?;
    audit::record(
        conn,
        Change {
            actor_id: by,
            entity: "decision",
            entity_id: decided.decision_id,
            action: "reopened",
            before: Some(json!({ "outcome": decided.outcome.code(), "reopened": false })),
            after: Some(json!({
                "candidate_id": candidate_id,
                "outcome": decided.outcome.code(),
                "reopened": true,
                "reopen_reason": reason,
            })),
        },
    )
    .await?;
    let back = status::reopened_status(conn, candidate_id).await?;
    status::change(conn, candidate_id, back, by).await?;
    Ok(back)
}

pub struct NewDecision<'a> {
    pub candidate_id: Uuid,
    pub round_id: Option<Uuid>,
    pub outcome: Outcome,
    pub rationale: &'a str,
    pub acknowledged: &'a [String],
    pub form_id: Uuid,
    pub decided_by: Uuid,
}

/// Stores the decision, audits it, and applies it: a hire or no hire sets the
/// candidate's status and closes their rounds. Inside the caller's transaction.
pub async fn record(
    conn: &mut PgConnection,
    decision: &NewDecision<'_>,
) -> crate::error::Result<Uuid> {
    let before: Option<serde_json::Value> = sqlx::query_scalar!(
        r#"select jsonb_build_object('outcome', outcome, 'rationale', rationale) as "before!"
         from decision where candidate_id = $1 order by decided_at desc limit 1"#,
        decision.candidate_id,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let acknowledged = json!(decision.acknowledged);
    let id: Uuid = sqlx::query_scalar!(
        "insert into decision (candidate_id, round_id, outcome, rationale, decided_by, form_id, acknowledged)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        decision.candidate_id,
        decision.round_id,
        decision.outcome.code(),
        decision.rationale,
        decision.decided_by,
        decision.form_id,
        &acknowledged,
    )
    .fetch_one(&mut *conn)
    .await?;
    audit::record(
        conn,
        Change {
            actor_id: decision.decided_by,
            entity: "decision",
            entity_id: id,
            action: "recorded",
            before,
            after: Some(json!({
                "candidate_id": decision.candidate_id,
                "outcome": decision.outcome.code(),
                "rationale": decision.rationale,
                "acknowledged": acknowledged,
            })),
        },
    )
    .await?;
    let final_status = match decision.outcome {
        Outcome::Hire => Some(CandidateStatus::Hired),
        Outcome::NoHire => Some(CandidateStatus::Rejected),
        Outcome::AnotherRound | Outcome::OnHold => None,
    };
    if let Some(to) = final_status {
        status::change(conn, decision.candidate_id, to, decision.decided_by).await?;
        crate::mail::notices::decided(conn, decision.candidate_id, decision.decided_by).await?;
        // Only rounds not yet closed are read, and those all take a decision.
        crate::rounds::progress::candidate_decided(conn, decision.candidate_id)
            .await?
            .map_err(anyhow::Error::from)?;
    }
    Ok(id)
}

#[derive(Debug)]
pub struct RoundHead {
    pub round_id: Uuid,
    pub round_number: i32,
    pub status: RoundStatus,
    pub candidate_id: Uuid,
    pub candidate_name: String,
    pub position_id: Uuid,
    pub position_title: String,
    /// The viewer's seat on this panel, if any, and whether it is submitted.
    pub seated: bool,
    pub submitted: bool,
}

pub async fn round(
    conn: &mut PgConnection,
    round_id: Uuid,
    user_id: Uuid,
) -> sqlx::Result<RoundHead> {
    sqlx::query_as!(
        RoundHead,
        r#"select r.id as round_id, r.round_number, r.status as "status: _", c.id as candidate_id, c.name as candidate_name,
                p.id as position_id, p.title as position_title,
                pm.id is not null as "seated!", coalesce(pm.submitted_at is not null, false) as "submitted!"
         from interview_round r
         join candidate c on c.id = r.candidate_id
         join position p on p.id = c.position_id
         left join panel_member pm on pm.round_id = r.id and pm.user_id = $2
         where r.id = $1"#,
        round_id,
        user_id,
    )
    .fetch_one(conn)
    .await
}

/// An evidence note on one of the round's questions.
#[derive(Debug)]
pub struct Note {
    pub criterion_id: Option<Uuid>,
    pub member_name: String,
    pub question: String,
    /// False for a conversation-only question: its note has no score, not even "not assessed".
    pub rated: bool,
    pub score: Option<i16>,
    pub evidence: String,
}

pub async fn notes(conn: &mut PgConnection, round_id: Uuid) -> sqlx::Result<Vec<Note>> {
    sqlx::query_as!(
        Note,
        "select q.criterion_id, u.display_name as member_name, q.text as question, q.rated, ra.score, ra.evidence
         from rating ra
         join round_question q on q.id = ra.round_question_id
         join panel_member pm on pm.id = ra.panel_member_id
         join app_user u on u.id = pm.user_id
         where q.round_id = $1 and length(trim(ra.evidence)) > 0
         order by q.section_order, q.question_order, u.display_name",
        round_id,
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug)]
pub struct Recommendation {
    pub member_name: String,
    pub panel_role: crate::domain::PanelRole,
    pub submitted: bool,
    pub verdict: Option<crate::scoring::Verdict>,
    pub justification: Option<String>,
}

/// Every seat of the panel with its recommendation once submitted.
pub async fn recommendations(
    conn: &mut PgConnection,
    round_id: Uuid,
) -> sqlx::Result<Vec<Recommendation>> {
    sqlx::query_as!(
        Recommendation,
        r#"select u.display_name as member_name, pm.panel_role as "panel_role: _",
                pm.submitted_at is not null as "submitted!",
                case when pm.submitted_at is not null then rec.verdict end as "verdict: _",
                case when pm.submitted_at is not null then rec.justification end as justification
         from panel_member pm
         join app_user u on u.id = pm.user_id
         left join recommendation rec on rec.panel_member_id = pm.id
         where pm.round_id = $1
         order by pm.panel_role = 'hiring_manager' desc, u.display_name"#,
        round_id,
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug)]
pub struct TestResult {
    pub kind: TestKind,
    pub summary: String,
    pub score: Option<f64>,
}

pub async fn test_results(
    conn: &mut PgConnection,
    round_id: Uuid,
) -> sqlx::Result<Vec<TestResult>> {
    sqlx::query_as!(
        TestResult,
        r#"select kind as "kind: _", summary, score from test_result where round_id = $1 order by recorded_at"#,
        round_id,
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug)]
pub struct Doubt {
    pub id: Uuid,
    pub category: crate::doubts::model::Category,
    pub description: String,
    pub status: crate::doubts::model::Status,
    pub raised_by: Option<String>,
    pub raised_at: DateTime<Utc>,
}

pub async fn doubts(conn: &mut PgConnection, candidate_id: Uuid) -> sqlx::Result<Vec<Doubt>> {
    sqlx::query_as!(
        Doubt,
        r#"select d.id, d.category as "category: _", d.description, d.status as "status: _", u.display_name as "raised_by?", d.raised_at as "raised_at: _"
         from doubt d left join app_user u on u.id = d.raised_by
         where d.candidate_id = $1 order by d.status <> 'open', d.raised_at"#,
        candidate_id,
    )
    .fetch_all(conn)
    .await
}

#[derive(Debug)]
pub struct Reference {
    pub referee_name: String,
    pub relationship: String,
    pub summary: String,
    pub concerns: String,
}

pub async fn references(
    conn: &mut PgConnection,
    candidate_id: Uuid,
) -> sqlx::Result<Vec<Reference>> {
    sqlx::query_as!(
        Reference,
        "select referee_name, relationship, summary, concerns from reference_check
         where candidate_id = $1 order by checked_on desc, created_at desc",
        candidate_id,
    )
    .fetch_all(conn)
    .await
}
