//! The decision box shown on the candidate page, the debrief and the decision
//! page: the gate's blockers and warnings, the form and the decisions so far.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::candidates::status::{self, Decided};
use crate::decisions::facts::{self, Scope};
use crate::decisions::flag_view::{self, FlagView};
use crate::decisions::queries::{self, DecisionRow};
use crate::decisions::text::DecisionText;
use crate::i18n::Locale;
use crate::scoring::flags::{self, Assessment, Facts, Outcome};
use crate::web::form::FormErrors;
use crate::web::format;

/// What the decision form posted, kept to show it again.
#[derive(Debug, Clone, Default)]
pub struct DecisionForm {
    pub outcome: String,
    pub rationale: String,
    pub acknowledged: HashSet<String>,
    pub form_id: String,
}

impl DecisionForm {
    /// Parsed from the posted pairs: one `ack` per acknowledged warning.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> DecisionForm {
        let mut form = DecisionForm::default();
        for (key, value) in pairs {
            match key.as_str() {
                "decision" => form.outcome = value,
                "rationale" => form.rationale = value,
                "ack" => {
                    form.acknowledged.insert(value);
                }
                "form_id" => form.form_id = value,
                _ => {}
            }
        }
        form
    }

    pub fn fresh() -> DecisionForm {
        DecisionForm {
            form_id: Uuid::new_v4().to_string(),
            ..DecisionForm::default()
        }
    }
}

pub struct DecisionPanel {
    pub t: &'static DecisionText,
    pub candidate_id: Uuid,
    pub blockers: Vec<FlagView>,
    pub warnings: Vec<FlagView>,
    /// Whether the viewer may record a decision (the position's manager or admin).
    pub may_decide: bool,
    pub form: DecisionForm,
    pub errors: FormErrors,
    pub outcomes: Vec<(&'static str, &'static str)>,
    pub history: Vec<DecisionRow>,
    /// The final decision standing, if any: then the gate and the form give way
    /// to what was decided and, for those who decide, the form that reopens it.
    pub decided: Option<Decided>,
    /// The reopen form's reason as posted, and its problems.
    pub reopen_reason: String,
    pub reopen_errors: FormErrors,
}

impl DecisionPanel {
    /// The candidate's facts and flags, read on `conn` (inside the caller's
    /// transaction when it has one).
    pub async fn assess(
        conn: &mut PgConnection,
        candidate_id: Uuid,
    ) -> sqlx::Result<(Facts, Assessment)> {
        let facts = facts::load(conn, Scope::Candidate(candidate_id)).await?;
        let assessment = flags::assess(&facts);
        Ok((facts, assessment))
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn load(
        conn: &mut PgConnection,
        known: &facts::Known,
        candidate_id: Uuid,
        may_decide: bool,
        locale: Locale,
        form: DecisionForm,
        errors: FormErrors,
    ) -> sqlx::Result<DecisionPanel> {
        // A page, not the gate: the facts may come from memory.
        let facts = known.facts(candidate_id, None);
        let assessment = flags::assess(&facts);
        let doubts = known.doubt_descriptions();
        let mut panel = Self::build(
            &facts,
            &assessment,
            &doubts,
            queries::decisions(conn, candidate_id).await?,
            may_decide,
            locale,
            form,
            errors,
        );
        panel.decided = status::decided(conn, candidate_id).await?;
        Ok(panel)
    }

    /// The reopen form shown again with what was posted and why it was refused.
    pub fn with_reopen(mut self, reason: String, errors: FormErrors) -> DecisionPanel {
        self.reopen_reason = reason;
        self.reopen_errors = errors;
        self
    }

    #[allow(clippy::too_many_arguments)]
    pub fn build(
        facts: &Facts,
        assessment: &Assessment,
        doubts: &HashMap<Uuid, String>,
        history: Vec<DecisionRow>,
        may_decide: bool,
        locale: Locale,
        form: DecisionForm,
        errors: FormErrors,
    ) -> DecisionPanel {
        let t = DecisionText::get(locale);
        let (blockers, warnings) = flag_view::views(assessment, facts, doubts, locale)
            .into_iter()
            .partition(|flag| flag.blocker);
        DecisionPanel {
            t,
            candidate_id: facts.candidate_id,
            blockers,
            warnings,
            may_decide,
            form,
            errors,
            outcomes: Outcome::ALL
                .iter()
                .map(|o| (o.code(), t.outcome(o)))
                .collect(),
            history,
            decided: None,
            reopen_reason: String::new(),
            reopen_errors: FormErrors::default(),
        }
    }

    pub fn acknowledged(&self, key: &str) -> bool {
        self.form.acknowledged.contains(key)
    }

    pub fn decided(&self, row: &DecisionRow) -> String {
        by(self.t, row.decided_by.as_deref(), row.decided_at)
    }

    /// "Hire by Kari Nordmann, 04.12.2026 10:15": the decision that stands.
    pub fn standing(&self, decided: &Decided) -> String {
        Self::standing_text(self.t, decided)
    }

    pub fn standing_text(t: &DecisionText, decided: &Decided) -> String {
        let who = by(t, decided.decided_by.as_deref(), decided.decided_at);
        format!("{} {who}", t.outcome(&decided.outcome))
    }

    /// "Reopened by …, when" for a reopened decision in the history.
    pub fn reopened(&self, row: &DecisionRow) -> Option<String> {
        let at = row.reopened_at?;
        let who = by(self.t, row.reopened_by.as_deref(), at);
        Some(format!("{} {who}", self.t.reopened))
    }
}

fn by(t: &DecisionText, name: Option<&str>, at: DateTime<Utc>) -> String {
    t.decided_by.replace("{name}", name.unwrap_or("–")).replace(
        "{when}",
        &format::date_time(at, format::DEFAULT_TIME_ZONE.name()),
    )
}
