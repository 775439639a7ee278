//! `GET /rounds/{id}/debrief`: the panel × criterion matrix with spread, the
//! must-haves, the weighted total, a chart, the recommendations, tests, doubts,
//! references and every flag, with the decision box. A panel member sees it
//! only after submitting their own ratings.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::Role;
use crate::auth::role::AnyRole;
use crate::decisions::chart::{self, Chart};
use crate::decisions::facts;
use crate::decisions::flag_view::{self, FlagView};
use crate::decisions::panel::{DecisionForm, DecisionPanel};
use crate::decisions::queries::{
    self, Doubt, Note, Recommendation, Reference, RoundHead, TestResult,
};
use crate::decisions::text::DecisionText;
use crate::domain::RoundLabels;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::interview::text::InterviewText;
use crate::positions::access::PanelRound;
use crate::scoring::Verdict;
use crate::scoring::flags::{self, CriterionSummary, MemberFacts, MustHave, Summary};
use crate::state::AppState;
use crate::web::form::FormErrors;
use crate::web::format;
use crate::web::layout::Layout;

#[derive(Template, WebTemplate)]
#[template(path = "decisions/debrief.html")]
pub struct DebriefPage {
    layout: Layout,
    t: &'static DecisionText,
    it: &'static InterviewText,
    status: &'static RoundLabels,
    round: RoundHead,
    members: Vec<MemberFacts>,
    summary: Summary,
    chart: Chart,
    flags: Vec<FlagView>,
    notes: Vec<Note>,
    recommendations: Vec<Recommendation>,
    tests: Vec<TestResult>,
    doubts: Vec<Doubt>,
    references: Vec<Reference>,
    decision: DecisionPanel,
    /// HR, admin and the position's manager: they follow up on doubts and references.
    manages: bool,
    locale: Locale,
}

impl DebriefPage {
    fn mean(&self, value: &Option<f64>) -> String {
        value
            .map(|v| format::decimal(v, self.locale))
            .unwrap_or_else(|| "–".into())
    }

    /// A member's mean, a spread or a weight: no trailing zeros (3, 2.5, 2.67).
    fn compact(&self, value: &Option<f64>) -> String {
        value
            .map(|v| format::compact(v, self.locale))
            .unwrap_or_else(|| "–".into())
    }

    fn weight(&self, c: &CriterionSummary) -> String {
        format::compact(c.weight, self.locale)
    }

    fn range(&self, c: &CriterionSummary) -> String {
        match (c.min, c.max) {
            (Some(min), Some(max)) => format!(
                "{}–{}",
                format::compact(min, self.locale),
                format::compact(max, self.locale)
            ),
            _ => "–".into(),
        }
    }

    fn must_have(&self, c: &CriterionSummary) -> &'static str {
        match c.must_have {
            MustHave::NotRequired => "",
            MustHave::Met => self.t.must_met,
            MustHave::Below => self.t.must_below,
            MustHave::Unrated => self.t.must_unrated,
        }
    }

    fn minimum(&self, c: &CriterionSummary) -> String {
        c.must_have_minimum
            .map(|m| self.t.minimum.replace("{n}", &m.to_string()))
            .unwrap_or_default()
    }

    fn total(&self) -> Option<String> {
        self.summary
            .weighted_total
            .map(|total| format::decimal(total, self.locale))
    }

    fn coverage(&self) -> String {
        self.t
            .coverage
            .replace("{share}", &format::percent(self.summary.coverage))
    }

    fn notes_on(&self, criterion_id: &Uuid) -> Vec<&Note> {
        self.notes
            .iter()
            .filter(|note| note.criterion_id.as_ref() == Some(criterion_id))
            .collect()
    }

    fn notes_without_criterion(&self) -> Vec<&Note> {
        self.notes
            .iter()
            .filter(|note| note.criterion_id.is_none())
            .collect()
    }

    fn score(&self, note: &Note) -> String {
        match note.score {
            Some(score) => score.to_string(),
            None if !note.rated => self.t.conversation_only.to_owned(),
            None => self.t.not_assessed.to_owned(),
        }
    }

    fn verdict(&self, verdict: &Verdict) -> &'static str {
        self.it.verdict(*verdict)
    }

    fn test_score(&self, test: &TestResult) -> String {
        test.score
            .map(|s| format::decimal(s, self.locale))
            .unwrap_or_default()
    }

    fn category(&self, category: &crate::doubts::model::Category) -> &'static str {
        category.label(self.locale)
    }

    fn raised(&self, doubt: &Doubt) -> String {
        format::date(doubt.raised_at)
    }
}

pub async fn show(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    PanelRound {
        id: round_id,
        manages,
        ..
    }: PanelRound,
) -> Result<DebriefPage> {
    let mut conn = app.pool.acquire().await?;
    let round = queries::round(&mut conn, round_id, auth.user.id).await?;
    // Independent scoring: others' ratings only after submitting one's own.
    if !manages && !round.submitted {
        return Err(AppError::Forbidden);
    }
    let locale = auth.viewer.locale;
    let t = DecisionText::get(locale);
    let candidate_id = round.candidate_id;
    // Read once for the round's facts and for the decision's (every round).
    let known = facts::known(&mut conn, &app.facts, candidate_id).await?;
    let facts = known.facts(candidate_id, Some(round_id));
    let assessment = flags::assess(&facts);
    let descriptions = known.doubt_descriptions();
    let may_decide = manages && matches!(auth.user.role, Role::Admin | Role::Manager);
    let decision = DecisionPanel::load(
        &mut conn,
        &known,
        candidate_id,
        may_decide,
        locale,
        DecisionForm::fresh(),
        FormErrors::default(),
    )
    .await?;
    let chart = chart::draw(
        &assessment.summary.criteria,
        |mean| format::decimal(mean, locale),
        t.must_unrated,
    );
    Ok(DebriefPage {
        layout: auth
            .viewer
            .layout(
                t.debrief_title
                    .replace("{name}", &round.candidate_name)
                    .replace("{n}", &round.round_number.to_string()),
            )
            .await?,
        t,
        it: InterviewText::get(locale),
        status: RoundLabels::get(locale),
        flags: flag_view::views(&assessment, &facts, &descriptions, locale),
        members: facts.panel,
        summary: assessment.summary,
        chart,
        notes: queries::notes(&mut conn, round_id).await?,
        recommendations: queries::recommendations(&mut conn, round_id).await?,
        tests: queries::test_results(&mut conn, round_id).await?,
        doubts: queries::doubts(&mut conn, candidate_id).await?,
        references: queries::references(&mut conn, candidate_id).await?,
        decision,
        round,
        manages,
        locale,
    })
}
