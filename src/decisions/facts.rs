//! Loads the facts the scoring rules look at, for a candidate (every round) or
//! one round, or for every candidate of a position at once; a handful of
//! queries on the caller's connection, so the decision gate can read them
//! inside its own transaction. Here rather than in `scoring`, which stays pure:
//! the gate and the debrief read them, and the pages above (the comparison,
//! the dashboard, the API) take them from here.

use std::collections::HashMap;

use futures_util::TryStreamExt;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::PanelRole;
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

struct CriterionRow {
    id: Uuid,
    name: String,
    weight: f64,
    must_have: bool,
    minimum_score: Option<i16>,
}

struct SeatRow {
    candidate_id: Uuid,
    user_id: Uuid,
    display_name: String,
    panel_role: PanelRole,
    round_id: Uuid,
    submitted: bool,
}

struct RatingRow {
    candidate_id: Uuid,
    round_id: Uuid,
    id: Uuid,
    user_id: Uuid,
    criterion_id: Option<Uuid>,
    score: Option<i16>,
    has_note: bool,
    round_number: i32,
    section_order: i32,
    question_order: i32,
}

impl RatingRow {
    /// The order the rules read ratings in: by round, question, then member.
    fn order(&self) -> (i32, i32, i32, Uuid) {
        (
            self.round_number,
            self.section_order,
            self.question_order,
            self.user_id,
        )
    }
}

struct VerdictRow {
    candidate_id: Uuid,
    round_id: Uuid,
    user_id: Uuid,
    verdict: Verdict,
}

struct DoubtRow {
    candidate_id: Uuid,
    id: Uuid,
    status: DoubtState,
}

/// What one candidate's facts are built from, each list in the order the rules
/// read it (rounds by number). Filled by one candidate's queries or a position's.
#[derive(Default)]
struct CandidateRows {
    seats: Vec<SeatRow>,
    ratings: Vec<RatingRow>,
    verdicts: Vec<VerdictRow>,
    doubts: Vec<DoubtRow>,
    reference_checks: i64,
    latest_round: Option<Uuid>,
}

impl CandidateRows {
    /// The latest round with at least one score (not-assessed ratings do not count).
    fn scored_round(&self) -> Option<Uuid> {
        self.ratings
            .iter()
            .rev()
            .find(|row| row.score.is_some())
            .map(|row| row.round_id)
    }
}

pub async fn load(conn: &mut PgConnection, scope: Scope) -> sqlx::Result<Facts> {
    let candidate_id = scope.candidate_id();
    let round_filter = scope.round_id();
    let criteria: Vec<CriterionRow> = sqlx::query_as!(
        CriterionRow,
        "select cr.id, cr.name, cr.weight, cr.must_have, cr.minimum_score
         from criterion cr join candidate c on c.position_id = cr.position_id
         where c.id = $1 order by cr.sort_order, cr.name",
        candidate_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let seats: Vec<SeatRow> = sqlx::query_as!(
        SeatRow,
        r#"select r.candidate_id, pm.user_id, u.display_name, pm.panel_role as "panel_role: _", pm.round_id,
                pm.submitted_at is not null as "submitted!"
         from panel_member pm
         join interview_round r on r.id = pm.round_id
         join app_user u on u.id = pm.user_id
         where r.candidate_id = $1 and ($2::uuid is null or r.id = $2)
         order by r.round_number, pm.panel_role = 'hiring_manager' desc, u.display_name, pm.user_id"#,
        candidate_id,
        round_filter,
    )
    .fetch_all(&mut *conn)
    .await?;
    let ratings: Vec<RatingRow> = sqlx::query_as!(
        RatingRow,
        r#"select r.candidate_id, r.id as round_id, ra.id, pm.user_id, q.criterion_id, ra.score,
                length(trim(ra.evidence)) > 0 as "has_note!",
                r.round_number, q.section_order, q.question_order
         from rating ra
         join panel_member pm on pm.id = ra.panel_member_id
         join round_question q on q.id = ra.round_question_id
         join interview_round r on r.id = q.round_id
         where r.candidate_id = $1 and ($2::uuid is null or r.id = $2) and q.rated
         order by r.round_number, q.section_order, q.question_order, pm.user_id"#,
        candidate_id,
        round_filter,
    )
    .fetch_all(&mut *conn)
    .await?;
    let verdicts: Vec<VerdictRow> = sqlx::query_as!(
        VerdictRow,
        r#"select r.candidate_id, r.id as round_id, pm.user_id, rec.verdict as "verdict: _"
         from recommendation rec
         join panel_member pm on pm.id = rec.panel_member_id
         join interview_round r on r.id = pm.round_id
         where r.candidate_id = $1 and ($2::uuid is null or r.id = $2) and pm.submitted_at is not null
         order by r.round_number, pm.user_id"#,
        candidate_id,
        round_filter,
    )
    .fetch_all(&mut *conn)
    .await?;
    let doubts: Vec<DoubtRow> = sqlx::query_as!(
        DoubtRow,
        r#"select candidate_id, id, status as "status: _" from doubt where candidate_id = $1
         order by status <> 'open', raised_at, id"#,
        candidate_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let reference_checks: i64 = sqlx::query_scalar!(
        r#"select count(*) as "count!" from reference_check where candidate_id = $1"#,
        candidate_id,
    )
    .fetch_one(&mut *conn)
    .await?;
    let latest_round: Option<Uuid> = match round_filter {
        Some(id) => Some(id),
        None => {
            sqlx::query_scalar!(
                "select id from interview_round where candidate_id = $1
             order by round_number desc limit 1",
                candidate_id,
            )
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    let rows = CandidateRows {
        seats,
        ratings,
        verdicts,
        doubts,
        reference_checks,
        latest_round,
    };
    Ok(assemble(candidate_id, &criteria, &rows, round_filter))
}

/// The facts of every candidate of a position, read in a fixed handful of
/// queries; each candidate's `Facts` are built when taken.
pub struct PositionFacts {
    criteria: Vec<CriterionRow>,
    candidates: HashMap<Uuid, CandidateRows>,
}

/// One candidate's facts as the comparison weighs them.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateFacts {
    /// Every round, as `load(Scope::Candidate)` gives them: what the gate weighs.
    pub whole: Facts,
    /// The latest round with at least one score, as `load(Scope::Round)` gives
    /// them; `None` when nobody scored anything yet.
    pub scored_round: Option<Facts>,
}

impl PositionFacts {
    /// Builds the candidate's facts and lets go of their rows. A candidate with
    /// nothing loaded (no rounds, doubts or references) gets the position's
    /// criteria and nothing else.
    pub fn take(&mut self, candidate_id: Uuid) -> CandidateFacts {
        let rows = self.candidates.remove(&candidate_id).unwrap_or_default();
        CandidateFacts {
            whole: assemble(candidate_id, &self.criteria, &rows, None),
            scored_round: rows
                .scored_round()
                .map(|round_id| assemble(candidate_id, &self.criteria, &rows, Some(round_id))),
        }
    }

    fn rows(&mut self, candidate_id: Uuid) -> &mut CandidateRows {
        self.candidates.entry(candidate_id).or_default()
    }
}

/// Reads the facts of every candidate of the position: the same queries as
/// `load`, each run once for the whole position, in the same order per candidate.
pub async fn load_position(
    conn: &mut PgConnection,
    position_id: Uuid,
) -> sqlx::Result<PositionFacts> {
    let criteria: Vec<CriterionRow> = sqlx::query_as!(
        CriterionRow,
        "select id, name, weight, must_have, minimum_score from criterion
         where position_id = $1 order by sort_order, name",
        position_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut facts = PositionFacts {
        criteria,
        candidates: HashMap::new(),
    };
    let rounds: Vec<(Uuid, Uuid)> = sqlx::query!(
        "select r.candidate_id, r.id
         from interview_round r join candidate c on c.id = r.candidate_id
         where c.position_id = $1 order by r.candidate_id, r.round_number",
        position_id,
    )
    .map(|row| (row.candidate_id, row.id))
    .fetch_all(&mut *conn)
    .await?;
    for (candidate_id, round_id) in rounds {
        facts.rows(candidate_id).latest_round = Some(round_id);
    }
    let seats: Vec<SeatRow> = sqlx::query_as!(
        SeatRow,
        r#"select r.candidate_id, pm.user_id, u.display_name, pm.panel_role as "panel_role: _", pm.round_id,
                pm.submitted_at is not null as "submitted!"
         from panel_member pm
         join interview_round r on r.id = pm.round_id
         join candidate c on c.id = r.candidate_id
         join app_user u on u.id = pm.user_id
         where c.position_id = $1
         order by r.candidate_id, r.round_number, pm.panel_role = 'hiring_manager' desc,
                  u.display_name, pm.user_id"#,
        position_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    for seat in seats {
        facts.rows(seat.candidate_id).seats.push(seat);
    }
    // The position's ratings are by far its most rows (a candidate's round has
    // dozens): they are grouped as they arrive and each candidate's few are sorted
    // here, which is cheaper than one sort of them all in the database.
    let mut ratings = sqlx::query_as!(
        RatingRow,
        r#"select r.candidate_id, r.id as round_id, ra.id, pm.user_id, q.criterion_id, ra.score,
                length(trim(ra.evidence)) > 0 as "has_note!",
                r.round_number, q.section_order, q.question_order
         from rating ra
         join panel_member pm on pm.id = ra.panel_member_id
         join round_question q on q.id = ra.round_question_id
         join interview_round r on r.id = q.round_id
         join candidate c on c.id = r.candidate_id
         where c.position_id = $1 and q.rated"#,
        position_id,
    )
    .fetch(&mut *conn);
    // Rows mostly arrive a candidate at a time: gathering a run before handing
    // it over saves a map lookup per row.
    let mut run: Option<(Uuid, Vec<RatingRow>)> = None;
    while let Some(rating) = ratings.try_next().await? {
        match &mut run {
            Some((id, list)) if *id == rating.candidate_id => list.push(rating),
            _ => {
                if let Some((id, list)) = run.replace((rating.candidate_id, vec![rating])) {
                    facts.rows(id).ratings.extend(list);
                }
            }
        }
    }
    if let Some((id, list)) = run {
        facts.rows(id).ratings.extend(list);
    }
    drop(ratings);
    for rows in facts.candidates.values_mut() {
        rows.ratings.sort_unstable_by_key(RatingRow::order);
    }
    let verdicts: Vec<VerdictRow> = sqlx::query_as!(
        VerdictRow,
        r#"select r.candidate_id, r.id as round_id, pm.user_id, rec.verdict as "verdict: _"
         from recommendation rec
         join panel_member pm on pm.id = rec.panel_member_id
         join interview_round r on r.id = pm.round_id
         join candidate c on c.id = r.candidate_id
         where c.position_id = $1 and pm.submitted_at is not null
         order by r.candidate_id, r.round_number, pm.user_id"#,
        position_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    for verdict in verdicts {
        facts.rows(verdict.candidate_id).verdicts.push(verdict);
    }
    let doubts: Vec<DoubtRow> = sqlx::query_as!(
        DoubtRow,
        r#"select d.candidate_id, d.id, d.status as "status: _"
         from doubt d join candidate c on c.id = d.candidate_id
         where c.position_id = $1
         order by d.candidate_id, d.status <> 'open', d.raised_at, d.id"#,
        position_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    for doubt in doubts {
        facts.rows(doubt.candidate_id).doubts.push(doubt);
    }
    let references: Vec<(Uuid, i64)> = sqlx::query!(
        r#"select rc.candidate_id, count(*) as "count!"
         from reference_check rc join candidate c on c.id = rc.candidate_id
         where c.position_id = $1 group by rc.candidate_id"#,
        position_id,
    )
    .map(|row| (row.candidate_id, row.count))
    .fetch_all(&mut *conn)
    .await?;
    for (candidate_id, count) in references {
        facts.rows(candidate_id).reference_checks = count;
    }
    Ok(facts)
}

/// Builds the facts from a candidate's rows, of every round or of `round` only;
/// the single place rows become `Facts`, for `load` and `load_position` alike.
fn assemble(
    candidate_id: Uuid,
    criteria: &[CriterionRow],
    rows: &CandidateRows,
    round: Option<Uuid>,
) -> Facts {
    let in_scope = |round_id: Uuid| round.is_none_or(|only| only == round_id);
    Facts {
        candidate_id,
        round_id: round.or(rows.latest_round),
        criteria: criteria
            .iter()
            .map(|row| CriterionFacts {
                id: row.id,
                name: row.name.clone(),
                weight: row.weight,
                must_have_minimum: row.minimum_score.filter(|_| row.must_have),
            })
            .collect(),
        panel: members(rows.seats.iter().filter(|seat| in_scope(seat.round_id))),
        ratings: rows
            .ratings
            .iter()
            .filter(|row| in_scope(row.round_id))
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
        recommendations: rows
            .verdicts
            .iter()
            .filter(|row| in_scope(row.round_id))
            .map(|row| RecommendationFacts {
                user_id: row.user_id,
                verdict: row.verdict,
            })
            .collect(),
        doubts: rows
            .doubts
            .iter()
            .map(|row| DoubtFacts {
                id: row.id,
                state: row.status,
            })
            .collect(),
        reference_checks: usize::try_from(rows.reference_checks).unwrap_or(0),
    }
}

/// One member per person: someone on two rounds counts once, submitted only
/// when every seat is, an expert when any seat is.
fn members<'a>(seats: impl Iterator<Item = &'a SeatRow>) -> Vec<MemberFacts> {
    let mut members: Vec<MemberFacts> = Vec::new();
    let mut index: HashMap<Uuid, usize> = HashMap::new();
    for seat in seats {
        let unsubmitted = (!seat.submitted).then_some(seat.round_id);
        let is_expert = seat.panel_role == PanelRole::SubjectMatterExpert;
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
                    name: seat.display_name.clone(),
                    is_expert,
                    unsubmitted_round: unsubmitted,
                });
            }
        }
    }
    members
}
