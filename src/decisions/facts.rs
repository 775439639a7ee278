//! Loads the facts the scoring rules look at, for a candidate (every round) or
//! one round, or for every candidate of a position at once; a handful of
//! queries on the caller's connection, so the decision gate can read them
//! inside its own transaction. Here rather than in `scoring`, which stays pure:
//! the gate and the debrief read them, and the pages above (the comparison,
//! the dashboard, the API) take them from here.
//!
//! Pages take them from memory (`cached`, `load_position`): each candidate's
//! rows are kept at the candidate's facts version, which triggers bump at the
//! commit of any change to what the facts are built from (migration 0034), so
//! a page reads one number per candidate and the rows only of those that
//! changed. The gate reads afresh (`load`).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use futures_util::TryStreamExt;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::PanelRole;
use crate::scoring::flags::{
    self, Assessment, CriterionFacts, DoubtFacts, DoubtState, Facts, MemberFacts, RatingFacts,
    RecommendationFacts,
};
use crate::scoring::{Score, Verdict};
use crate::state::FactsCache;

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
    /// For the flags' sentences; not a fact the rules weigh.
    description: String,
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

/// Reads the facts afresh, on the caller's connection (inside its transaction
/// when it has one): what the decision gate weighs, never from memory.
pub async fn load(conn: &mut PgConnection, scope: Scope) -> sqlx::Result<Facts> {
    let candidate_id = scope.candidate_id();
    let known = read(conn, &[candidate_id])
        .await?
        .remove(&candidate_id)
        .unwrap_or_default();
    Ok(known.facts(candidate_id, scope.round_id()))
}

/// What one candidate's facts are built from, as kept in memory: the rows of
/// every round, and the criteria of the candidate's position; and, once a page
/// asked, the facts as the comparison weighs them with the rules' verdicts on
/// them, kept with the rows (they change with them and only with them).
#[derive(Default)]
pub struct Known {
    criteria: Vec<CriterionRow>,
    rows: CandidateRows,
    assessed: OnceLock<Assessed>,
}

/// A candidate's weighed facts and what the scoring rules make of them.
pub struct Assessed {
    pub facts: CandidateFacts,
    /// Every round: what the gate weighs (its blockers).
    pub gate: Assessment,
    /// The latest scored round's (the numbers a comparison shows), or the gate's
    /// when nothing was scored yet.
    pub scores: Assessment,
}

impl Known {
    /// The facts of every round, or of `round` only (a debrief's).
    pub fn facts(&self, candidate_id: Uuid, round: Option<Uuid>) -> Facts {
        assemble(candidate_id, &self.criteria, &self.rows, round)
    }

    /// Each doubt's description, for the flags' sentences.
    pub fn doubt_descriptions(&self) -> HashMap<Uuid, String> {
        self.rows
            .doubts
            .iter()
            .map(|doubt| (doubt.id, doubt.description.clone()))
            .collect()
    }

    /// The weighed facts assessed, built on the first call and kept.
    pub fn assessed(&self, candidate_id: Uuid) -> &Assessed {
        self.assessed.get_or_init(|| {
            let facts = self.weighed(candidate_id);
            let gate = flags::assess(&facts.whole);
            let scores = match &facts.scored_round {
                Some(round) => flags::assess(round),
                None => gate.clone(),
            };
            Assessed {
                facts,
                gate,
                scores,
            }
        })
    }

    /// The facts as the comparison weighs them.
    pub fn weighed(&self, candidate_id: Uuid) -> CandidateFacts {
        CandidateFacts {
            whole: self.facts(candidate_id, None),
            scored_round: self
                .rows
                .scored_round()
                .map(|round_id| self.facts(candidate_id, Some(round_id))),
        }
    }
}

/// The candidate's facts for a page: from memory while the candidate's facts
/// version (migration 0034) stands where it was when they were read, else
/// read afresh. One statement when nothing changed.
pub async fn cached(
    conn: &mut PgConnection,
    cache: &FactsCache,
    scope: Scope,
) -> sqlx::Result<Facts> {
    let candidate_id = scope.candidate_id();
    Ok(known(conn, cache, candidate_id)
        .await?
        .facts(candidate_id, scope.round_id()))
}

/// What the candidate's facts are built from, from memory while unchanged: a
/// page that shows the facts of a round and of every round reads them once.
pub async fn known(
    conn: &mut PgConnection,
    cache: &FactsCache,
    candidate_id: Uuid,
) -> sqlx::Result<Arc<Known>> {
    let versions = sqlx::query!(
        r#"select coalesce((select version from candidate_facts_version where candidate_id = $1), 0) as "version!""#,
        candidate_id,
    )
    .map(|row| (candidate_id, row.version))
    .fetch_all(&mut *conn)
    .await?;
    let mut known = from_memory(conn, cache, versions).await?;
    Ok(known.remove(&candidate_id).unwrap_or_default())
}

/// The facts of every candidate of a position, from memory where their version
/// stands: one statement when nothing changed, and the changed ones read in one batch.
pub async fn load_position(
    conn: &mut PgConnection,
    cache: &FactsCache,
    position_id: Uuid,
) -> sqlx::Result<PositionFacts> {
    let versions = sqlx::query!(
        r#"select c.id, coalesce(v.version, 0) as "version!"
         from candidate c left join candidate_facts_version v on v.candidate_id = c.id
         where c.position_id = $1"#,
        position_id,
    )
    .map(|row| (row.id, row.version))
    .fetch_all(&mut *conn)
    .await?;
    Ok(PositionFacts {
        candidates: from_memory(conn, cache, versions).await?,
    })
}

/// The candidates' facts, each from memory at its version or read afresh (all
/// that changed in one batch) and kept at the version read before them: rows
/// read after the version are at least that new, and should they be newer, the
/// next reader sees a higher version and reads them again.
pub async fn from_memory(
    conn: &mut PgConnection,
    cache: &FactsCache,
    versions: Vec<(Uuid, i64)>,
) -> sqlx::Result<HashMap<Uuid, Arc<Known>>> {
    let mut known = HashMap::with_capacity(versions.len());
    let mut missing = Vec::new();
    for (candidate_id, version) in &versions {
        match cache.get::<Known>(*candidate_id, *version) {
            Some(kept) => {
                known.insert(*candidate_id, kept);
            }
            None => missing.push(*candidate_id),
        }
    }
    if !missing.is_empty() {
        let mut read = read(conn, &missing).await?;
        for (candidate_id, version) in versions {
            if known.contains_key(&candidate_id) {
                continue;
            }
            let fresh = Arc::new(read.remove(&candidate_id).unwrap_or_default());
            cache.put(candidate_id, version, fresh.clone());
            known.insert(candidate_id, fresh);
        }
    }
    Ok(known)
}

/// What the facts of a position's candidates are built from, each as kept.
pub struct PositionFacts {
    candidates: HashMap<Uuid, Arc<Known>>,
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
    /// What the candidate's facts are built from; `None` for a candidate
    /// unknown here (added since).
    pub fn known(&self, candidate_id: Uuid) -> Option<&Known> {
        self.candidates.get(&candidate_id).map(Arc::as_ref)
    }
}

/// Reads the facts of the candidates: each query once for all of them, rows in
/// the order the rules read them per candidate.
async fn read(conn: &mut PgConnection, candidates: &[Uuid]) -> sqlx::Result<HashMap<Uuid, Known>> {
    let mut known: HashMap<Uuid, Known> = HashMap::with_capacity(candidates.len());
    let criteria = sqlx::query!(
        "select c.id as candidate_id, cr.id, cr.name, cr.weight, cr.must_have, cr.minimum_score
         from criterion cr join candidate c on c.position_id = cr.position_id
         where c.id = any($1) order by c.id, cr.sort_order, cr.name",
        candidates,
    )
    .fetch_all(&mut *conn)
    .await?;
    for row in criteria {
        known
            .entry(row.candidate_id)
            .or_default()
            .criteria
            .push(CriterionRow {
                id: row.id,
                name: row.name,
                weight: row.weight,
                must_have: row.must_have,
                minimum_score: row.minimum_score,
            });
    }
    let rounds: Vec<(Uuid, Uuid)> = sqlx::query!(
        "select candidate_id, id from interview_round
         where candidate_id = any($1) order by candidate_id, round_number",
        candidates,
    )
    .map(|row| (row.candidate_id, row.id))
    .fetch_all(&mut *conn)
    .await?;
    for (candidate_id, round_id) in rounds {
        rows(&mut known, candidate_id).latest_round = Some(round_id);
    }
    let seats: Vec<SeatRow> = sqlx::query_as!(
        SeatRow,
        r#"select r.candidate_id, pm.user_id, u.display_name, pm.panel_role as "panel_role: _", pm.round_id,
                pm.submitted_at is not null as "submitted!"
         from panel_member pm
         join interview_round r on r.id = pm.round_id
         join app_user u on u.id = pm.user_id
         where r.candidate_id = any($1)
         order by r.candidate_id, r.round_number, pm.panel_role = 'hiring_manager' desc,
                  u.display_name, pm.user_id"#,
        candidates,
    )
    .fetch_all(&mut *conn)
    .await?;
    for seat in seats {
        rows(&mut known, seat.candidate_id).seats.push(seat);
    }
    // The ratings are by far the most rows (a candidate's round has dozens):
    // they are grouped as they arrive and each candidate's few are sorted here,
    // which is cheaper than one sort of them all in the database.
    let mut ratings = sqlx::query_as!(
        RatingRow,
        r#"select r.candidate_id, r.id as round_id, ra.id, pm.user_id, q.criterion_id, ra.score,
                length(trim(ra.evidence)) > 0 as "has_note!",
                r.round_number, q.section_order, q.question_order
         from rating ra
         join panel_member pm on pm.id = ra.panel_member_id
         join round_question q on q.id = ra.round_question_id
         join interview_round r on r.id = q.round_id
         where r.candidate_id = any($1) and q.rated"#,
        candidates,
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
                    rows(&mut known, id).ratings.extend(list);
                }
            }
        }
    }
    if let Some((id, list)) = run {
        rows(&mut known, id).ratings.extend(list);
    }
    drop(ratings);
    let verdicts: Vec<VerdictRow> = sqlx::query_as!(
        VerdictRow,
        r#"select r.candidate_id, r.id as round_id, pm.user_id, rec.verdict as "verdict: _"
         from recommendation rec
         join panel_member pm on pm.id = rec.panel_member_id
         join interview_round r on r.id = pm.round_id
         where r.candidate_id = any($1) and pm.submitted_at is not null
         order by r.candidate_id, r.round_number, pm.user_id"#,
        candidates,
    )
    .fetch_all(&mut *conn)
    .await?;
    for verdict in verdicts {
        rows(&mut known, verdict.candidate_id)
            .verdicts
            .push(verdict);
    }
    let doubts: Vec<DoubtRow> = sqlx::query_as!(
        DoubtRow,
        r#"select candidate_id, id, status as "status: _", description
         from doubt where candidate_id = any($1)
         order by candidate_id, status <> 'open', raised_at, id"#,
        candidates,
    )
    .fetch_all(&mut *conn)
    .await?;
    for doubt in doubts {
        rows(&mut known, doubt.candidate_id).doubts.push(doubt);
    }
    let references: Vec<(Uuid, i64)> = sqlx::query!(
        r#"select candidate_id, count(*) as "count!"
         from reference_check where candidate_id = any($1) group by candidate_id"#,
        candidates,
    )
    .map(|row| (row.candidate_id, row.count))
    .fetch_all(&mut *conn)
    .await?;
    for (candidate_id, count) in references {
        rows(&mut known, candidate_id).reference_checks = count;
    }
    for entry in known.values_mut() {
        entry.rows.ratings.sort_unstable_by_key(RatingRow::order);
    }
    Ok(known)
}

fn rows(known: &mut HashMap<Uuid, Known>, candidate_id: Uuid) -> &mut CandidateRows {
    &mut known.entry(candidate_id).or_default().rows
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
