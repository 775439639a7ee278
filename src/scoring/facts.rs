//! Loads the facts the scoring rules look at, for a candidate (every round) or
//! one round; a handful of queries on the caller's connection, so the decision
//! gate can read them inside its own transaction.

use std::collections::HashMap;

use sqlx::{FromRow, PgConnection};
use uuid::Uuid;

use crate::scoring::flags::{
    CriterionFacts, DoubtFacts, DoubtState, Facts, MemberFacts, RatingFacts, RecommendationFacts,
};
use crate::scoring::{Score, Verdict};

/// Which ratings and panels count: a decision weighs every round of the
/// candidate, a debrief one round. Doubts and references are the candidate's either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Candidate(Uuid),
    Round { candidate_id: Uuid, round_id: Uuid },
}

impl Scope {
    fn candidate_id(self) -> Uuid {
        match self {
            Scope::Candidate(id)
            | Scope::Round {
                candidate_id: id, ..
            } => id,
        }
    }

    fn round_id(self) -> Option<Uuid> {
        match self {
            Scope::Candidate(_) => None,
            Scope::Round { round_id, .. } => Some(round_id),
        }
    }
}

#[derive(FromRow)]
struct CriterionRow {
    id: Uuid,
    name: String,
    weight: f64,
    must_have: bool,
    minimum_score: Option<i16>,
}

#[derive(FromRow)]
struct SeatRow {
    user_id: Uuid,
    display_name: String,
    panel_role: String,
    round_id: Uuid,
    submitted: bool,
}

#[derive(FromRow)]
struct RatingRow {
    id: Uuid,
    user_id: Uuid,
    criterion_id: Option<Uuid>,
    score: Option<i16>,
    has_note: bool,
}

#[derive(FromRow)]
struct VerdictRow {
    user_id: Uuid,
    verdict: String,
}

#[derive(FromRow)]
struct DoubtRow {
    id: Uuid,
    status: String,
}

pub async fn load(conn: &mut PgConnection, scope: Scope) -> sqlx::Result<Facts> {
    let candidate_id = scope.candidate_id();
    let round_filter = scope.round_id();
    let criteria: Vec<CriterionRow> = sqlx::query_as(
        "select cr.id, cr.name, cr.weight, cr.must_have, cr.minimum_score
         from criterion cr join candidate c on c.position_id = cr.position_id
         where c.id = $1 order by cr.sort_order, cr.name",
    )
    .bind(candidate_id)
    .fetch_all(&mut *conn)
    .await?;
    let seats: Vec<SeatRow> = sqlx::query_as(
        "select pm.user_id, u.display_name, pm.panel_role, pm.round_id,
                pm.submitted_at is not null as submitted
         from panel_member pm
         join interview_round r on r.id = pm.round_id
         join app_user u on u.id = pm.user_id
         where r.candidate_id = $1 and ($2::uuid is null or r.id = $2)
         order by r.round_number, pm.panel_role = 'hiring_manager' desc, u.display_name",
    )
    .bind(candidate_id)
    .bind(round_filter)
    .fetch_all(&mut *conn)
    .await?;
    let ratings: Vec<RatingRow> = sqlx::query_as(
        "select ra.id, pm.user_id, q.criterion_id, ra.score, length(trim(ra.evidence)) > 0 as has_note
         from rating ra
         join panel_member pm on pm.id = ra.panel_member_id
         join round_question q on q.id = ra.round_question_id
         join interview_round r on r.id = q.round_id
         where r.candidate_id = $1 and ($2::uuid is null or r.id = $2)
         order by r.round_number, q.section_order, q.question_order, pm.user_id",
    )
    .bind(candidate_id)
    .bind(round_filter)
    .fetch_all(&mut *conn)
    .await?;
    let verdicts: Vec<VerdictRow> = sqlx::query_as(
        "select pm.user_id, rec.verdict
         from recommendation rec
         join panel_member pm on pm.id = rec.panel_member_id
         join interview_round r on r.id = pm.round_id
         where r.candidate_id = $1 and ($2::uuid is null or r.id = $2) and pm.submitted_at is not null
         order by r.round_number",
    )
    .bind(candidate_id)
    .bind(round_filter)
    .fetch_all(&mut *conn)
    .await?;
    let doubts: Vec<DoubtRow> = sqlx::query_as(
        "select id, status from doubt where candidate_id = $1
         order by status <> 'open', raised_at",
    )
    .bind(candidate_id)
    .fetch_all(&mut *conn)
    .await?;
    let reference_checks: i64 =
        sqlx::query_scalar("select count(*) from reference_check where candidate_id = $1")
            .bind(candidate_id)
            .fetch_one(&mut *conn)
            .await?;
    let latest_round: Option<Uuid> = match round_filter {
        Some(id) => Some(id),
        None => {
            sqlx::query_scalar(
                "select id from interview_round where candidate_id = $1
             order by round_number desc limit 1",
            )
            .bind(candidate_id)
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    Ok(Facts {
        candidate_id,
        round_id: latest_round,
        criteria: criteria
            .into_iter()
            .map(|row| CriterionFacts {
                id: row.id,
                name: row.name,
                weight: row.weight,
                must_have_minimum: row.minimum_score.filter(|_| row.must_have),
            })
            .collect(),
        panel: members(seats),
        ratings: ratings
            .into_iter()
            .map(|row| RatingFacts {
                id: row.id,
                user_id: row.user_id,
                criterion_id: row.criterion_id,
                score: row
                    .score
                    .and_then(|score| Score::try_from(i64::from(score)).ok()),
                has_note: row.has_note,
            })
            .collect(),
        recommendations: verdicts
            .into_iter()
            .filter_map(|row| {
                Verdict::parse(&row.verdict).map(|verdict| RecommendationFacts {
                    user_id: row.user_id,
                    verdict,
                })
            })
            .collect(),
        doubts: doubts
            .into_iter()
            .filter_map(|row| {
                DoubtState::parse(&row.status).map(|state| DoubtFacts { id: row.id, state })
            })
            .collect(),
        reference_checks: usize::try_from(reference_checks).unwrap_or(0),
    })
}

/// One member per person: someone on two rounds counts once, submitted only
/// when every seat is, an expert when any seat is.
fn members(seats: Vec<SeatRow>) -> Vec<MemberFacts> {
    let mut members: Vec<MemberFacts> = Vec::new();
    let mut index: HashMap<Uuid, usize> = HashMap::new();
    for seat in seats {
        let unsubmitted = (!seat.submitted).then_some(seat.round_id);
        let is_expert = seat.panel_role == "subject_matter_expert";
        match index.get(&seat.user_id) {
            Some(&i) => {
                let member = &mut members[i];
                member.is_expert |= is_expert;
                member.unsubmitted_round = member.unsubmitted_round.or(unsubmitted);
            }
            None => {
                index.insert(seat.user_id, members.len());
                members.push(MemberFacts {
                    user_id: seat.user_id,
                    name: seat.display_name,
                    is_expert,
                    unsubmitted_round: unsubmitted,
                });
            }
        }
    }
    members
}
