//! The panel's ratings turned into a summary and flags: the only place the
//! scoring rules live. Pure: the debrief, the candidate page, the dashboard and
//! the decision gate all call `assess` on facts loaded by `decisions::facts`.

use std::collections::{BTreeMap, HashSet};

use uuid::Uuid;

use crate::scoring::Score;

/// A spread of member means at or above this is disagreement worth discussing.
pub const DISAGREEMENT_SPREAD: f64 = 2.0;
/// Means are averages of small integers; compare them with room for rounding.
const EPSILON: f64 = 1e-9;

/// Everything about one candidate (or one of their rounds) the rules look at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub candidate_id: Uuid,
    /// The round the facts centre on, for links; the latest round for a candidate.
    pub round_id: Option<Uuid>,
    pub criteria: Vec<CriterionFacts>,
    pub panel: Vec<MemberFacts>,
    pub ratings: Vec<RatingFacts>,
    pub recommendations: Vec<RecommendationFacts>,
    pub doubts: Vec<DoubtFacts>,
    pub reference_checks: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CriterionFacts {
    pub id: Uuid,
    pub name: String,
    pub weight: f64,
    /// The minimum panel mean of a must-have; `None` for other criteria.
    pub must_have_minimum: Option<i16>,
}

/// A panel member, keyed by user: someone on two rounds of one candidate is one member.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberFacts {
    pub user_id: Uuid,
    pub name: String,
    pub is_expert: bool,
    /// A round this member has not submitted yet, if any.
    pub unsubmitted_round: Option<Uuid>,
}

impl MemberFacts {
    pub fn submitted(&self) -> bool {
        self.unsubmitted_round.is_none()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RatingFacts {
    pub id: Uuid,
    pub user_id: Uuid,
    /// The criterion of the rated question; questions without one count for no criterion.
    pub criterion_id: Option<Uuid>,
    /// `None` is "not assessed": no evidence either way, never a zero.
    pub score: Option<Score>,
    pub has_note: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecommendationFacts {
    pub user_id: Uuid,
    pub verdict: crate::scoring::Verdict,
}

crate::coded_enum! {
    /// `doubt.status` as the rules see it, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum DoubtState {
        Open = "open",
        Resolved = "resolved",
        Confirmed = "confirmed",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DoubtFacts {
    pub id: Uuid,
    pub state: DoubtState,
}

/// Where a must-have stands against its minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MustHave {
    NotRequired,
    Met,
    Below,
    Unrated,
}

/// One member's mean on one criterion; `None` when they rated none of its questions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemberMean {
    pub user_id: Uuid,
    pub mean: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CriterionSummary {
    pub criterion_id: Uuid,
    pub name: String,
    pub weight: f64,
    pub must_have_minimum: Option<i16>,
    /// In panel order, one per member.
    pub member_means: Vec<MemberMean>,
    /// The mean of the member means: each member counts once, however many questions.
    pub mean: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub spread: Option<f64>,
    /// How many members gave it at least one score.
    pub rated_by: usize,
    pub must_have: MustHave,
}

impl CriterionSummary {
    pub fn disagreement(&self) -> bool {
        self.spread
            .is_some_and(|spread| spread >= DISAGREEMENT_SPREAD - EPSILON)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub criteria: Vec<CriterionSummary>,
    /// Σ weight × mean / Σ weight over the criteria someone rated.
    pub weighted_total: Option<f64>,
    /// The share (0–1) of the profile's total weight that was rated.
    pub coverage: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Blocker,
    Warning,
}

/// One finding about a candidate, with the subject it is about.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Flag {
    NoInterview,
    OpenDoubt {
        doubt_id: Uuid,
    },
    ConfirmedDoubt {
        doubt_id: Uuid,
    },
    NotSubmitted {
        user_id: Uuid,
        round_id: Uuid,
    },
    MustHaveBelowMinimum {
        criterion_id: Uuid,
        mean: f64,
        minimum: i16,
    },
    MustHaveUnrated {
        criterion_id: Uuid,
    },
    Disagreement {
        criterion_id: Uuid,
        spread: f64,
    },
    ExtremeWithoutNote {
        rating_id: Uuid,
        user_id: Uuid,
        criterion_id: Option<Uuid>,
        score: i16,
    },
    CriterionUnrated {
        criterion_id: Uuid,
    },
    NoExpert,
    NoReferenceCheck,
}

impl Flag {
    pub fn severity(&self) -> Severity {
        match self {
            Flag::NoInterview
            | Flag::OpenDoubt { .. }
            | Flag::ConfirmedDoubt { .. }
            | Flag::NotSubmitted { .. }
            | Flag::MustHaveBelowMinimum { .. }
            | Flag::MustHaveUnrated { .. } => Severity::Blocker,
            Flag::Disagreement { .. }
            | Flag::ExtremeWithoutNote { .. }
            | Flag::CriterionUnrated { .. }
            | Flag::NoExpert
            | Flag::NoReferenceCheck => Severity::Warning,
        }
    }

    pub fn is_blocker(&self) -> bool {
        self.severity() == Severity::Blocker
    }

    /// A stable code for the kind of finding (used in exports and the API).
    pub fn code(&self) -> &'static str {
        match self {
            Flag::NoInterview => "no_interview",
            Flag::OpenDoubt { .. } => "open_doubt",
            Flag::ConfirmedDoubt { .. } => "confirmed_doubt",
            Flag::NotSubmitted { .. } => "not_submitted",
            Flag::MustHaveBelowMinimum { .. } => "must_have_below_minimum",
            Flag::MustHaveUnrated { .. } => "must_have_unrated",
            Flag::Disagreement { .. } => "disagreement",
            Flag::ExtremeWithoutNote { .. } => "extreme_without_note",
            Flag::CriterionUnrated { .. } => "criterion_unrated",
            Flag::NoExpert => "no_expert",
            Flag::NoReferenceCheck => "no_reference_check",
        }
    }

    /// The id of what the flag is about, when it is about one thing.
    pub fn subject_id(&self) -> Option<Uuid> {
        match *self {
            Flag::NoInterview | Flag::NoExpert | Flag::NoReferenceCheck => None,
            Flag::OpenDoubt { doubt_id } | Flag::ConfirmedDoubt { doubt_id } => Some(doubt_id),
            Flag::NotSubmitted { user_id, .. } => Some(user_id),
            Flag::ExtremeWithoutNote { rating_id, .. } => Some(rating_id),
            Flag::MustHaveBelowMinimum { criterion_id, .. }
            | Flag::MustHaveUnrated { criterion_id }
            | Flag::Disagreement { criterion_id, .. }
            | Flag::CriterionUnrated { criterion_id } => Some(criterion_id),
        }
    }

    /// Stable across page loads: what an acknowledgement of this warning names.
    pub fn key(&self) -> String {
        match self.subject_id() {
            Some(id) => format!("{}:{id}", self.code()),
            None => self.code().to_owned(),
        }
    }

    /// Where the flag is dealt with.
    pub fn link(&self, candidate_id: Uuid, round_id: Option<Uuid>) -> String {
        let debrief = |anchor: String| match round_id {
            Some(round) => format!("/rounds/{round}/debrief#{anchor}"),
            None => format!("/candidates/{candidate_id}"),
        };
        match *self {
            Flag::NoInterview => format!("/candidates/{candidate_id}#rounds"),
            Flag::OpenDoubt { doubt_id } | Flag::ConfirmedDoubt { doubt_id } => {
                format!("/doubts/{doubt_id}")
            }
            Flag::NotSubmitted { round_id, .. } => format!("/rounds/{round_id}"),
            Flag::MustHaveBelowMinimum { criterion_id, .. }
            | Flag::MustHaveUnrated { criterion_id }
            | Flag::Disagreement { criterion_id, .. }
            | Flag::CriterionUnrated { criterion_id } => {
                debrief(format!("criterion-{criterion_id}"))
            }
            Flag::ExtremeWithoutNote { criterion_id, .. } => match criterion_id {
                Some(id) => debrief(format!("criterion-{id}")),
                None => debrief("ratings".into()),
            },
            Flag::NoExpert => match round_id {
                Some(round) => format!("/rounds/{round}"),
                None => format!("/candidates/{candidate_id}#rounds"),
            },
            Flag::NoReferenceCheck => format!("/candidates/{candidate_id}/references"),
        }
    }
}

/// The summary and every flag, blockers first.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub summary: Summary,
    pub flags: Vec<Flag>,
}

impl Assessment {
    pub fn blockers(&self) -> impl Iterator<Item = &Flag> {
        self.flags.iter().filter(|flag| flag.is_blocker())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Flag> {
        self.flags.iter().filter(|flag| !flag.is_blocker())
    }

    pub fn has_blockers(&self) -> bool {
        self.blockers().next().is_some()
    }
}

pub fn assess(facts: &Facts) -> Assessment {
    let summary = summarise(facts);
    let mut flags = Vec::new();
    if facts.panel.is_empty() {
        flags.push(Flag::NoInterview);
    }
    for doubt in &facts.doubts {
        match doubt.state {
            DoubtState::Open => flags.push(Flag::OpenDoubt { doubt_id: doubt.id }),
            DoubtState::Confirmed => flags.push(Flag::ConfirmedDoubt { doubt_id: doubt.id }),
            DoubtState::Resolved => {}
        }
    }
    for member in &facts.panel {
        if let Some(round_id) = member.unsubmitted_round {
            flags.push(Flag::NotSubmitted {
                user_id: member.user_id,
                round_id,
            });
        }
    }
    for criterion in &summary.criteria {
        let criterion_id = criterion.criterion_id;
        match (
            criterion.must_have,
            criterion.mean,
            criterion.must_have_minimum,
        ) {
            (MustHave::Below, Some(mean), Some(minimum)) => {
                flags.push(Flag::MustHaveBelowMinimum {
                    criterion_id,
                    mean,
                    minimum,
                })
            }
            (MustHave::Unrated, ..) => flags.push(Flag::MustHaveUnrated { criterion_id }),
            _ => {}
        }
    }
    for criterion in &summary.criteria {
        if let (true, Some(spread)) = (criterion.disagreement(), criterion.spread) {
            flags.push(Flag::Disagreement {
                criterion_id: criterion.criterion_id,
                spread,
            });
        }
    }
    for rating in &facts.ratings {
        if let Some(score) = rating.score
            && matches!(score.value(), 1 | 2 | 5)
            && !rating.has_note
        {
            flags.push(Flag::ExtremeWithoutNote {
                rating_id: rating.id,
                user_id: rating.user_id,
                criterion_id: rating.criterion_id,
                score: score.value(),
            });
        }
    }
    for criterion in &summary.criteria {
        if criterion.must_have == MustHave::NotRequired && criterion.rated_by == 0 {
            flags.push(Flag::CriterionUnrated {
                criterion_id: criterion.criterion_id,
            });
        }
    }
    if !facts.panel.is_empty() && !facts.panel.iter().any(|member| member.is_expert) {
        flags.push(Flag::NoExpert);
    }
    if facts.reference_checks == 0 {
        flags.push(Flag::NoReferenceCheck);
    }
    // Stable: blockers first, each kind in the order found.
    flags.sort_by_key(Flag::severity);
    Assessment { summary, flags }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn summarise(facts: &Facts) -> Summary {
    // criterion -> member -> their scores (not-assessed left out: it is not a zero).
    let mut scores: BTreeMap<(Uuid, Uuid), Vec<f64>> = BTreeMap::new();
    for rating in &facts.ratings {
        if let (Some(criterion_id), Some(score)) = (rating.criterion_id, rating.score) {
            scores
                .entry((criterion_id, rating.user_id))
                .or_default()
                .push(f64::from(score.value()));
        }
    }
    let criteria: Vec<CriterionSummary> = facts
        .criteria
        .iter()
        .map(|criterion| {
            let member_means: Vec<MemberMean> = facts
                .panel
                .iter()
                .map(|member| MemberMean {
                    user_id: member.user_id,
                    mean: scores
                        .get(&(criterion.id, member.user_id))
                        .and_then(|values| mean(values)),
                })
                .collect();
            let rated: Vec<f64> = member_means.iter().filter_map(|m| m.mean).collect();
            let panel_mean = mean(&rated);
            let min = rated.iter().copied().reduce(f64::min);
            let max = rated.iter().copied().reduce(f64::max);
            let must_have = match (criterion.must_have_minimum, panel_mean) {
                (None, _) => MustHave::NotRequired,
                (Some(_), None) => MustHave::Unrated,
                (Some(minimum), Some(mean)) if mean < f64::from(minimum) - EPSILON => {
                    MustHave::Below
                }
                (Some(_), Some(_)) => MustHave::Met,
            };
            CriterionSummary {
                criterion_id: criterion.id,
                name: criterion.name.clone(),
                weight: criterion.weight,
                must_have_minimum: criterion.must_have_minimum,
                mean: panel_mean,
                min,
                max,
                spread: min.zip(max).map(|(min, max)| max - min),
                rated_by: rated.len(),
                member_means,
                must_have,
            }
        })
        .collect();
    let total_weight: f64 = criteria.iter().map(|c| c.weight).sum();
    let (weighted, assessed_weight) = criteria
        .iter()
        .filter_map(|c| c.mean.map(|mean| (c.weight * mean, c.weight)))
        .fold((0.0, 0.0), |(sum, weight), (wm, w)| (sum + wm, weight + w));
    Summary {
        criteria,
        weighted_total: (assessed_weight > 0.0).then(|| weighted / assessed_weight),
        coverage: if total_weight > 0.0 {
            assessed_weight / total_weight
        } else {
            0.0
        },
    }
}

crate::coded_enum! {
    /// What a decision asks of the gate: `decision.outcome`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum Outcome {
        Hire = "hire",
        NoHire = "no_hire",
        AnotherRound = "another_round",
        OnHold = "on_hold",
    }
}

impl Outcome {
    /// Hire and no hire close the candidate's case until it is reopened;
    /// another round and on hold are steps on the way.
    pub fn is_final(self) -> bool {
        matches!(self, Outcome::Hire | Outcome::NoHire)
    }
}

/// Why the gate refused a hire: the blockers standing and the warnings not acknowledged.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Refusal {
    pub blockers: Vec<Flag>,
    pub unacknowledged: Vec<Flag>,
}

/// The decision gate. In doubt, don't hire: a hire needs no blocker and every
/// warning acknowledged; every other outcome is always allowed.
pub fn gate(
    outcome: Outcome,
    assessment: &Assessment,
    acknowledged: &HashSet<String>,
) -> Result<(), Refusal> {
    if outcome != Outcome::Hire {
        return Ok(());
    }
    let refusal = Refusal {
        blockers: assessment.blockers().copied().collect(),
        unacknowledged: assessment
            .warnings()
            .filter(|flag| !acknowledged.contains(&flag.key()))
            .copied()
            .collect(),
    };
    if refusal.blockers.is_empty() && refusal.unacknowledged.is_empty() {
        Ok(())
    } else {
        Err(refusal)
    }
}

#[cfg(test)]
#[path = "flags_tests.rs"]
mod tests;
