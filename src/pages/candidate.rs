//! The candidate page: details, first-round notes, status with its history, the
//! rounds with their panels, doubts and reference checks; panel members may read
//! it, staff change it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Redirect;
use serde::Deserialize;

use crate::auth::role::{AnyRole, Staff};
use crate::auth::{Authorized, Role, SessionUser, Viewer};
use crate::candidates::queries::{self, Candidate, PanelSeat, Round, StatusChange};
use crate::candidates::status::{self, CandidateStatus};
use crate::candidates::text::CandidateText;
use crate::decisions::{DecisionForm, DecisionPanel, DecisionText};
use crate::doubts::form::DoubtForm;
use crate::doubts::view::{self as doubt_view, DoubtsSection, Reader};
use crate::error::{AppError, Result};
use crate::positions::access::{OwnedCandidate, ReadableCandidate};
use crate::references::{self, ReferencesSection};
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::format;
use crate::web::layout::Layout;

#[derive(Template, WebTemplate)]
#[template(path = "candidates/show.html")]
pub struct ShowPage {
    layout: Layout,
    t: &'static CandidateText,
    rounds_text: &'static crate::domain::RoundLabels,
    candidate: Candidate,
    /// Staff who may change the candidate; panel members only read.
    can_manage: bool,
    history: Vec<StatusChange>,
    rounds: Vec<Round>,
    panels: Vec<PanelSeat>,
    statuses: Vec<(&'static str, &'static str)>,
    doubts: DoubtsSection,
    references: ReferencesSection,
    /// The gate and the decision form, for those who manage the position.
    decision: Option<DecisionPanel>,
    /// A final decision stands: no new round, no status by hand, until it is reopened.
    decided: bool,
    decision_text: &'static DecisionText,
    /// The audit log is for admins and the position's manager.
    shows_audit: bool,
    papers: crate::papers::PapersSection,
}

impl ShowPage {
    fn panel_of(&self, round: &Round) -> Vec<&PanelSeat> {
        self.panels
            .iter()
            .filter(|seat| seat.round_id == round.id)
            .collect()
    }

    fn when(&self, round: &Round) -> String {
        round
            .scheduled_at
            .map(|at| format::date_time(at, &round.time_zone))
            .unwrap_or_else(|| self.rounds_text.not_scheduled.to_owned())
    }

    fn round_title(&self, round: &Round) -> String {
        let title = self
            .t
            .round_n
            .replace("{n}", &round.round_number.to_string());
        if round.round_number > 2 {
            format!("{title} · {}", self.t.extra_round)
        } else {
            title
        }
    }

    fn changed_at(&self, change: &StatusChange) -> String {
        format::date_time(change.changed_at, format::DEFAULT_TIME_ZONE.name())
    }

    fn open_question_lines(&self) -> Vec<&str> {
        self.candidate
            .open_questions
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect()
    }
}

pub async fn show(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    candidate: ReadableCandidate,
) -> Result<ShowPage> {
    render(
        &app,
        &auth.viewer,
        &auth.user,
        candidate,
        DoubtForm::default(),
        FormErrors::default(),
    )
    .await
}

/// The page for `user`, with the raise-a-doubt form as posted (after a refusal).
pub async fn render(
    app: &AppState,
    viewer: &Viewer,
    user: &SessionUser,
    ReadableCandidate {
        id,
        head,
        manages: can_manage,
    }: ReadableCandidate,
    doubt_form: DoubtForm,
    doubt_errors: FormErrors,
) -> Result<ShowPage> {
    let locale = viewer.locale;
    let t = CandidateText::get(locale);
    let candidate = queries::find(&app.pool, id).await?;
    let reader = Reader {
        user_id: user.id,
        can_manage,
        locale,
    };
    // Panel members read the page but not the gate: its warnings name others' ratings.
    let decision = if can_manage {
        let may_decide = matches!(user.role, Role::Admin | Role::Manager);
        let mut conn = app.pool.acquire().await?;
        let form = DecisionForm::fresh();
        let errors = FormErrors::default();
        let known = crate::decisions::facts::known(&mut conn, &app.facts, id).await?;
        Some(DecisionPanel::load(&mut conn, &known, id, may_decide, locale, form, errors).await?)
    } else {
        None
    };
    Ok(ShowPage {
        layout: viewer.layout(candidate.name.clone()).await?,
        t,
        rounds_text: crate::domain::RoundLabels::get(locale),
        can_manage,
        history: queries::history(&app.pool, id).await?,
        rounds: queries::rounds(&app.pool, id).await?,
        panels: queries::panels(&app.pool, id).await?,
        statuses: CandidateStatus::SETTABLE
            .iter()
            .map(|status| (status.code(), t.status(status)))
            .collect(),
        shows_audit: can_manage && matches!(user.role, Role::Admin | Role::Manager),
        decided: decision
            .as_ref()
            .is_some_and(|panel| panel.decided.is_some()),
        decision,
        decision_text: DecisionText::get(locale),
        doubts: doubt_view::section(
            &app.pool,
            reader,
            id,
            head.position_id,
            doubt_form,
            doubt_errors,
        )
        .await?,
        references: references::section(&app.pool, locale, id, can_manage).await?,
        papers: crate::papers::section(app, locale, id, can_manage).await?,
        candidate,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    status: String,
}

pub async fn change_status(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedCandidate { id, .. }: OwnedCandidate,
    Form(form): Form<StatusForm>,
) -> Result<Redirect> {
    let t = CandidateText::get(auth.viewer.locale);
    let to = CandidateStatus::parse(&form.status)
        .ok_or_else(|| AppError::Validation(t.status_invalid.into()))?;
    if !to.settable_by_hand() {
        return Err(AppError::Validation(t.status_by_decision.into()));
    }
    // Under the lock a decision takes, so a hire recorded meanwhile is seen.
    let mut tx = app.pool.begin().await?;
    crate::decisions::queries::lock_candidate(&mut tx, id).await?;
    if status::decided(&mut tx, id).await?.is_some() {
        return Err(AppError::Conflict(t.status_decided.into()));
    }
    let changed = status::change(&mut tx, id, to, auth.user.id).await?;
    tx.commit().await?;
    let template = if changed {
        t.status_changed
    } else {
        t.status_unchanged
    };
    let message = template.replace("{status}", t.status(&to));
    auth.viewer.flash(FlashKind::Success, message).await?;
    Ok(Redirect::to(&format!("/candidates/{id}#status")))
}
