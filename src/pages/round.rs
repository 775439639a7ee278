//! The round page for staff: when, where, the panel, the snapshot of questions
//! (linked to criteria by hand, edited before the first rating) and the test
//! results, which HR records here.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get, routing::post};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::domain::PanelRole;
use crate::error::{AppError, Result};
use crate::i18n::one_or_many;
use crate::interview::text::InterviewText;
use crate::positions::access::{OwnedRound, PositionHead};
use crate::rounds::queries::{self, CriterionOption, PanelMember, Question, RoundDetail};
use crate::rounds::question_edit::{self, QuestionAccess};
use crate::rounds::text::RoundText;
use crate::state::AppState;
use crate::test_results::TestKind;
use crate::test_results::queries::TestResultRow;
use crate::test_results::record::{self as test_result, TestResultForm};
use crate::test_results::text::TestResultText;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::format;
use crate::web::layout::Layout;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds/{id}", get(show))
        .route("/rounds/{id}/questions/{qid}/criterion", post(link))
        .route("/rounds/{id}/test-results", post(record_test_result))
}

#[derive(Template, WebTemplate)]
#[template(path = "rounds/show.html")]
struct RoundPage {
    layout: Layout,
    t: &'static RoundText,
    status: &'static crate::domain::RoundLabels,
    round: RoundDetail,
    panel: Vec<PanelMember>,
    questions: Vec<Question>,
    criteria: Vec<CriterionOption>,
    question_access: QuestionAccess,
    /// The walk-through's words for test results, shared with this page.
    it: &'static InterviewText,
    test_results: Vec<TestResultRow>,
    test_form: TestResultForm,
    test_errors: FormErrors,
    test_kinds: Vec<(&'static str, &'static str)>,
    /// The round's papers and the form attaching one to a test result.
    papers: crate::papers::PapersSection,
}

impl RoundPage {
    fn when(&self) -> String {
        match self.round.scheduled_at {
            Some(at) => format!(
                "{} ({}, {} min)",
                format::date_time(at, &self.round.time_zone),
                self.round.time_zone,
                self.round.duration_minutes
            ),
            None => self.status.not_scheduled.to_owned(),
        }
    }

    fn kind(&self) -> &'static str {
        if self.round.round_number > 2 {
            self.t.extra_interview
        } else {
            self.t.second_interview
        }
    }

    fn has_expert(&self) -> bool {
        self.panel
            .iter()
            .any(|member| member.panel_role == PanelRole::SubjectMatterExpert)
    }

    fn unmatched(&self) -> usize {
        self.questions
            .iter()
            .filter(|q| q.rated && q.criterion_id.is_none())
            .count()
    }

    fn unmatched_text(&self) -> String {
        let n = self.unmatched();
        one_or_many(n, self.t.unmatched_count_one, self.t.unmatched_count)
            .replace("{n}", &n.to_string())
    }

    fn editable(&self) -> bool {
        self.round.status.plan_editable()
    }

    /// True when the question starts a new section.
    fn starts_section(&self, index: &usize) -> bool {
        *index == 0
            || self.questions[*index - 1].section_order != self.questions[*index].section_order
    }

    fn title(&self) -> String {
        self.t
            .round_title
            .replace("{n}", &self.round.round_number.to_string())
            .replace("{name}", &self.round.candidate_name)
    }
}

async fn show(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedRound { id, head }: OwnedRound,
) -> Result<RoundPage> {
    let test = (TestResultForm::default(), FormErrors::default());
    render(&app, &auth, &head, id, test).await
}

/// The round page, with the test-result form as sent (and its errors) or empty.
async fn render(
    app: &AppState,
    auth: &Authorized<Staff>,
    head: &PositionHead,
    id: Uuid,
    (mut test_form, test_errors): (TestResultForm, FormErrors),
) -> Result<RoundPage> {
    // Fresh per form, kept from a refused post: a form sent twice records once.
    if Uuid::parse_str(test_form.form_id.trim()).is_err() {
        test_form.form_id = Uuid::new_v4().to_string();
    }
    let locale = auth.viewer.locale;
    let t = RoundText::get(locale);
    let it = InterviewText::get(locale);
    let round = queries::round(&app.pool, id).await?;
    let title = t
        .round_title
        .replace("{n}", &round.round_number.to_string())
        .replace("{name}", &round.candidate_name);
    Ok(RoundPage {
        layout: auth.viewer.layout(title).await?,
        t,
        status: crate::domain::RoundLabels::get(locale),
        panel: queries::panel(&app.pool, id).await?,
        questions: queries::questions(&app.pool, id).await?,
        criteria: queries::criteria(&app.pool, head.position_id).await?,
        question_access: question_edit::access(&app.pool, &auth.user, id).await?,
        papers: crate::papers::round_section(app, locale, round.candidate_id, id).await?,
        round,
        it,
        test_results: crate::test_results::queries::test_results(&app.pool, id).await?,
        test_form,
        test_errors,
        test_kinds: TestKind::ALL
            .iter()
            .map(|kind| (kind.code(), kind.label(locale)))
            .collect(),
    })
}

/// Records a test result from the round page (HR, or whoever manages the
/// round), without a seat on the panel: the recorder is the signed-in user.
async fn record_test_result(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedRound { id, head }: OwnedRound,
    Form(form): Form<TestResultForm>,
) -> Result<Response> {
    let it = InterviewText::get(auth.viewer.locale);
    let round = queries::round(&app.pool, id).await?;
    if round.status.is_closed() {
        return Err(AppError::Conflict(it.round_closed.into()));
    }
    let valid = match test_result::validate(&form, auth.viewer.locale) {
        Ok(valid) => valid,
        Err(errors) => {
            let page = render(&app, &auth, &head, id, (form, errors)).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    test_result::store(&app.pool, id, auth.user.id, &valid).await?;
    auth.viewer
        .flash(
            FlashKind::Success,
            TestResultText::get(auth.viewer.locale).test_added,
        )
        .await?;
    Ok(Redirect::to(&format!("/rounds/{id}#test-results")).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LinkForm {
    criterion_id: String,
}

/// Links a snapshot question to one of the position's criteria, while the
/// round has not started.
async fn link(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedRound { id, head }: OwnedRound,
    Path((_, qid)): Path<(Uuid, Uuid)>,
    Form(form): Form<LinkForm>,
) -> Result<Redirect> {
    let t = RoundText::get(auth.viewer.locale);
    let round = queries::round(&app.pool, id).await?;
    if !round.status.plan_editable() {
        return Err(AppError::Conflict(t.round_started.into()));
    }
    let criterion = Uuid::parse_str(form.criterion_id.trim()).ok();
    let name: Option<String> = sqlx::query_scalar!(
        "update round_question q set criterion_id = c.id
         from criterion c
         where q.id = $1 and q.round_id = $2 and q.rated and c.id = $3 and c.position_id = $4
         returning c.name",
        qid,
        id,
        criterion,
        head.position_id,
    )
    .fetch_optional(&app.pool)
    .await?;
    match name {
        Some(name) => {
            auth.viewer
                .flash(FlashKind::Success, t.linked.replace("{name}", &name))
                .await?
        }
        None => {
            auth.viewer
                .flash(FlashKind::Error, t.criterion_invalid)
                .await?
        }
    }
    Ok(Redirect::to(&format!("/rounds/{id}#question-{qid}")))
}
