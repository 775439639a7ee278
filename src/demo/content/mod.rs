//! The demo case's words in English and bokmål: the same people, the same
//! interviews, the same scores. Notes are written for the question they are on,
//! in the default guide's order (the candidate's open questions right after the
//! guide's first question).

mod en;
mod nb;

pub use en::EN;
pub use nb::NB;

use crate::case::{NewCandidate, NewCriterion};
use crate::doubts::model::{Category, Method};
use crate::scoring::Verdict;

/// One question of Ingrid's round: the scores of the manager, the expert and
/// the panel member (`None` is "not assessed"), and their notes ("" for none).
pub type Rated = ([Option<i16>; 3], [&'static str; 3]);

/// Jonas's round, under way: (score, note) for the first questions, per member.
pub type Started = &'static [(Option<i16>, &'static str)];

pub struct Content {
    pub position_title: &'static str,
    pub department: &'static str,
    pub position_description: &'static str,
    pub criteria: [NewCriterion<'static>; 6],
    pub candidates: [NewCandidate<'static>; 4],
    /// Where Ingrid's, Jonas's and Sofia's rounds are held.
    pub rooms: [&'static str; 3],
    /// Ingrid's round, one row per question in interview order.
    pub ingrid: [Rated; 25],
    /// Jonas's round: the expert's and the panel member's first ratings.
    pub jonas_expert: Started,
    pub jonas_panelist: Started,
    /// The panel member's doubt on Ingrid's first open question (her migration role).
    pub doubt: (Category, Method, &'static str),
    /// Recorded by the expert and the hiring manager: (kind, summary, score).
    pub tests: [(&'static str, &'static str, Option<f64>); 2],
    /// Manager, expert, panel member.
    pub verdicts: [(Verdict, &'static str); 3],
    /// A position of last year, its hires followed up (`demo::past`).
    pub past: Past,
}

/// Last year's intake on the same profile: nine hires, followed up.
pub struct Past {
    pub title: &'static str,
    pub description: &'static str,
    pub names: [&'static str; 9],
    /// The hire decision's rationale, and the one where the panel was split.
    pub rationale: &'static str,
    pub rationale_split: &'static str,
    /// The panel members' recommendation.
    pub justification: &'static str,
    /// Follow-up notes: it went well; would not hire again; left during probation.
    pub notes: [&'static str; 3],
}

pub(super) const fn criterion(
    name: &'static str,
    description: &'static str,
    weight: f64,
    minimum: Option<i16>,
    anchors: [&'static str; 5],
) -> NewCriterion<'static> {
    NewCriterion {
        name,
        description,
        weight,
        minimum,
        anchors,
    }
}

pub(super) const fn candidate(
    name: &'static str,
    email: &'static str,
    source: &'static str,
    first_round_summary: &'static str,
    open_questions: &'static str,
) -> NewCandidate<'static> {
    NewCandidate {
        name,
        email,
        phone: "",
        source,
        first_round_summary,
        open_questions,
    }
}

/// "Not assessed", short enough to line scores up.
pub(super) const N: Option<i16> = None;
