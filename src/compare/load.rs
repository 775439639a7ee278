//! The comparison's rows: for each candidate of a position, the scores of their
//! latest rated round and the blockers the decision gate would see, all from
//! `scoring::flags::assess`, on facts read for the whole position at once.

use std::collections::HashMap;

use sqlx::PgConnection;
use uuid::Uuid;

use crate::candidates::status::CandidateStatus;
use crate::compare::blocker_words;
use crate::decisions::facts::{self, Assessed, Known};
use crate::decisions::flag_view::{self, Names};
use crate::decisions::text::DecisionText;
use crate::i18n::Locale;
use crate::scoring::flags::{self, DoubtState, Flag, MustHave, Outcome};

/// One criterion of the position's requirement profile: a column.
#[derive(Debug, Clone)]
pub struct Column {
    pub id: Uuid,
    pub name: String,
    pub weight: f64,
    pub must_have: bool,
    pub minimum_score: Option<i16>,
}

impl Column {
    pub fn minimum(&self) -> Option<i16> {
        self.minimum_score.filter(|_| self.must_have)
    }
}

/// Where a candidate stands on the must-haves as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MustHaves {
    /// Every must-have at or over its minimum (or the profile has none).
    Met,
    /// Some must-have nobody rated, none under its minimum.
    Unrated,
    /// At least one must-have under its minimum.
    Missed,
}

impl MustHaves {
    pub fn of(statuses: &[MustHave]) -> MustHaves {
        if statuses.contains(&MustHave::Below) {
            MustHaves::Missed
        } else if statuses.contains(&MustHave::Unrated) {
            MustHaves::Unrated
        } else {
            MustHaves::Met
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            MustHaves::Met => "met",
            MustHaves::Unrated => "unrated",
            MustHaves::Missed => "missed",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub candidate_id: Uuid,
    pub name: String,
    pub email: String,
    pub status: CandidateStatus,
    /// The round the scores come from: the latest with a score in it.
    pub round_id: Option<Uuid>,
    /// The panel's mean per column, in column order.
    pub means: Vec<Option<f64>>,
    /// Each column's must-have status, in column order.
    pub must_have: Vec<MustHave>,
    pub weighted_total: Option<f64>,
    pub coverage: f64,
    pub must_haves: MustHaves,
    /// 1 for the best weighted total; `None` for a candidate nobody rated.
    pub rank: Option<usize>,
    pub open_doubts: usize,
    /// What stops a hire now, as the decision gate sees it (every round).
    pub blockers: Vec<Flag>,
    /// The blockers in words, one sentence each (the page).
    pub blocker_texts: Vec<String>,
    /// The blockers in words, one line per kind naming whom or what each
    /// concerns (the shortlist's files and paper).
    pub blocker_lines: Vec<String>,
    /// The latest decision's outcome.
    pub decision: Option<Outcome>,
}

struct CandidateHead {
    id: Uuid,
    name: String,
    email: String,
    status: CandidateStatus,
    decision: Option<Outcome>,
}

pub async fn columns(conn: &mut PgConnection, position_id: Uuid) -> sqlx::Result<Vec<Column>> {
    // The same order as `facts::load`, so means line up with columns by index.
    sqlx::query_as!(
        Column,
        "select id, name, weight, must_have, minimum_score from criterion
         where position_id = $1 order by sort_order, name",
        position_id,
    )
    .fetch_all(conn)
    .await
}

/// Every candidate of the position, ranked, with the blockers in the reader's
/// language. The facts of the whole position are read in a few queries; each
/// candidate's are built and dropped with their row.
pub async fn rows(
    conn: &mut PgConnection,
    cache: &crate::state::FactsCache,
    position_id: Uuid,
    columns: &[Column],
    locale: Locale,
) -> sqlx::Result<Vec<Row>> {
    let heads: Vec<CandidateHead> = sqlx::query_as!(
        CandidateHead,
        r#"select c.id, c.name, c.email, c.status as "status: _",
                (select d.outcome from decision d where d.candidate_id = c.id
                  order by d.decided_at desc limit 1) as "decision: Outcome"
         from candidate c where c.position_id = $1 order by c.name, c.id"#,
        position_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let facts = facts::load_position(&mut *conn, cache, position_id).await?;
    let ids: Vec<Uuid> = heads.iter().map(|head| head.id).collect();
    let descriptions = crate::decisions::doubt_descriptions_of(conn, &ids).await?;
    let mut rows = Vec::with_capacity(heads.len());
    // A candidate added since the facts were read has none yet.
    let unknown = Known::default();
    for head in heads {
        let assessed = facts.known(head.id).unwrap_or(&unknown).assessed(head.id);
        rows.push(row(head, assessed, &descriptions, columns, locale));
    }
    rank(&mut rows);
    Ok(rows)
}

fn row(
    head: CandidateHead,
    assessed: &Assessed,
    descriptions: &HashMap<Uuid, String>,
    columns: &[Column],
    locale: Locale,
) -> Row {
    let candidate_id = head.id;
    // The gate weighs every round; the scores are the latest rated round's.
    let gate_facts = &assessed.facts.whole;
    let gate_assessment = &assessed.gate;
    let round_id = assessed
        .facts
        .scored_round
        .as_ref()
        .and_then(|round| round.round_id);
    let scores = &assessed.scores;
    let blockers: Vec<Flag> = gate_assessment.blockers().copied().collect();
    let names = Names::new(gate_facts, descriptions);
    let t = DecisionText::get(locale);
    let blocker_texts = blockers
        .iter()
        .map(|flag| flag_view::sentence(flag, &names, t, locale))
        .collect();
    let blocker_lines = blocker_words::lines(&blockers, &names, locale);
    let by_id: HashMap<Uuid, &flags::CriterionSummary> = scores
        .summary
        .criteria
        .iter()
        .map(|c| (c.criterion_id, c))
        .collect();
    let must_have: Vec<MustHave> = columns
        .iter()
        .map(|column| {
            by_id
                .get(&column.id)
                .map_or(MustHave::NotRequired, |c| c.must_have)
        })
        .collect();
    Row {
        candidate_id,
        name: head.name,
        email: head.email,
        status: head.status,
        round_id,
        means: columns
            .iter()
            .map(|column| by_id.get(&column.id).and_then(|c| c.mean))
            .collect(),
        must_haves: MustHaves::of(&must_have),
        must_have,
        weighted_total: scores.summary.weighted_total,
        coverage: scores.summary.coverage,
        rank: None,
        open_doubts: gate_facts
            .doubts
            .iter()
            .filter(|d| d.state == DoubtState::Open)
            .count(),
        blockers,
        blocker_texts,
        blocker_lines,
        decision: head.decision,
    }
}

/// Ranks by weighted total, best first, ties by name; unrated candidates get no
/// rank and come last. Leaves `rows` in rank order.
pub fn rank(rows: &mut [Row]) {
    rows.sort_by(|a, b| {
        match (a.weighted_total, b.weighted_total) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        .then_with(|| a.candidate_id.cmp(&b.candidate_id))
    });
    for (index, row) in rows.iter_mut().enumerate() {
        row.rank = row.weighted_total.map(|_| index + 1);
    }
}
