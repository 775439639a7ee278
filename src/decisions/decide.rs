//! `GET` and `POST /candidates/{id}/decision`: the gate evaluated inside the
//! transaction that stores the decision, with the candidate locked, so a doubt
//! raised at the same moment cannot slip past, and a final decision already
//! standing (hire or no hire) refuses any other until it is reopened.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::ManagerOrAdmin;
use crate::candidates::status;
use crate::decisions::panel::{DecisionForm, DecisionPanel};
use crate::decisions::queries::{self, CandidateHead, NewDecision};
use crate::decisions::text::DecisionText;
use crate::error::Result;
use crate::positions::access::OwnedCandidate;
use crate::scoring::flags::{self, Outcome};
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::layout::Layout;
use crate::web::text::CommonText;

const MAX_RATIONALE: usize = 4000;

#[derive(Template, WebTemplate)]
#[template(path = "decisions/decide.html")]
pub struct DecidePage {
    layout: Layout,
    t: &'static DecisionText,
    candidate: CandidateHead,
    decision: DecisionPanel,
    /// Earlier hires on the position the follow-up did not bear out.
    retrospectives: Vec<(Uuid, String)>,
}

pub async fn show(
    State(app): State<AppState>,
    auth: Authorized<ManagerOrAdmin>,
    OwnedCandidate { id, .. }: OwnedCandidate,
) -> Result<DecidePage> {
    render(
        &app,
        &auth,
        id,
        DecisionForm::fresh(),
        FormErrors::default(),
    )
    .await
}

async fn render(
    app: &AppState,
    auth: &Authorized<ManagerOrAdmin>,
    id: Uuid,
    form: DecisionForm,
    errors: FormErrors,
) -> Result<DecidePage> {
    let reopen = (String::new(), FormErrors::default());
    render_with(app, auth, id, (form, errors), reopen).await
}

/// The decision page with the decision form and the reopen form as posted.
pub(super) async fn render_with(
    app: &AppState,
    auth: &Authorized<ManagerOrAdmin>,
    id: Uuid,
    (form, errors): (DecisionForm, FormErrors),
    (reason, reopen_errors): (String, FormErrors),
) -> Result<DecidePage> {
    let t = DecisionText::get(auth.viewer.locale);
    let mut conn = app.pool.acquire().await?;
    let candidate = queries::candidate(&mut conn, id).await?;
    let known = crate::decisions::facts::known(&mut conn, &app.facts, id).await?;
    let decision = DecisionPanel::load(
        &mut conn,
        &known,
        id,
        true,
        auth.viewer.locale,
        form,
        errors,
    )
    .await?
    .with_reopen(reason, reopen_errors);
    let retrospectives = queries::retrospectives(&mut conn, id).await?;
    Ok(DecidePage {
        layout: auth
            .viewer
            .layout(t.decision_page_title.replace("{name}", &candidate.name))
            .await?,
        t,
        candidate,
        decision,
        retrospectives,
    })
}

/// The form's own checks: a known outcome and a rationale of sensible length.
fn validate(
    form: &DecisionForm,
    t: &DecisionText,
    common: &CommonText,
) -> Result<Outcome, FormErrors> {
    let mut errors = FormErrors::default();
    let outcome = Outcome::parse(&form.outcome);
    if outcome.is_none() {
        errors.add("decision", t.choose_outcome);
    }
    let rationale = form.rationale.trim();
    if rationale.is_empty() {
        errors.add("rationale", common.field_required);
    } else if rationale.chars().count() > MAX_RATIONALE {
        errors.add("rationale", t.rationale_too_long);
    }
    match outcome {
        Some(outcome) if errors.is_empty() => Ok(outcome),
        _ => Err(errors),
    }
}

enum Stored {
    Recorded(Outcome),
    Replayed,
    Refused(FormErrors),
    /// A hire or no hire already stands; nothing was stored.
    AlreadyDecided(FormErrors),
}

pub async fn post(
    State(app): State<AppState>,
    auth: Authorized<ManagerOrAdmin>,
    OwnedCandidate { id, head }: OwnedCandidate,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = DecisionText::get(locale);
    let mut form = DecisionForm::from_pairs(pairs);
    // A crafted request without a form id still gets one; only a repeat of a
    // real form is recognised as a double submit.
    let form_id = Uuid::parse_str(form.form_id.trim()).unwrap_or_else(|_| Uuid::new_v4());
    form.form_id = form_id.to_string();
    let stored = match validate(&form, t, CommonText::get(locale)) {
        Err(errors) => Stored::Refused(errors),
        Ok(outcome) => store(&app, &auth, id, outcome, &form, form_id, t).await?,
    };
    match stored {
        Stored::Refused(errors) => {
            let page = render(&app, &auth, id, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Stored::AlreadyDecided(errors) => {
            let page = render(&app, &auth, id, form, errors).await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Stored::Replayed => {
            auth.viewer
                .flash(FlashKind::Info, t.already_recorded)
                .await?;
            Ok(Redirect::to(&format!("/candidates/{id}#decision")).into_response())
        }
        Stored::Recorded(Outcome::AnotherRound) => {
            auth.viewer
                .flash(FlashKind::Success, t.recorded_another_round)
                .await?;
            let planning = format!("/positions/{}/rounds/new?candidate={id}", head.position_id);
            Ok(Redirect::to(&planning).into_response())
        }
        Stored::Recorded(outcome) => {
            let message = t.recorded.replace("{outcome}", t.outcome(&outcome));
            auth.viewer.flash(FlashKind::Success, message).await?;
            Ok(Redirect::to(&format!("/candidates/{id}#decision")).into_response())
        }
    }
}

/// Locks the candidate and its panels, asks the gate on what is stored at this
/// moment, and stores the decision with its effects, or nothing.
async fn store(
    app: &AppState,
    auth: &Authorized<ManagerOrAdmin>,
    candidate_id: Uuid,
    outcome: Outcome,
    form: &DecisionForm,
    form_id: Uuid,
    t: &DecisionText,
) -> Result<Stored> {
    let mut tx = app.pool.begin().await?;
    queries::lock_candidate(&mut tx, candidate_id).await?;
    if queries::form_recorded(&mut tx, form_id).await? {
        return Ok(Stored::Replayed);
    }
    // Read under the candidate's lock: a second post waits here until the
    // first has committed its hire, and then sees it.
    if let Some(decided) = status::decided(&mut tx, candidate_id).await? {
        let panel_text = DecisionPanel::standing_text(t, &decided);
        let mut errors = FormErrors::default();
        errors.add_general(t.decided_refused.replace("{decided}", &panel_text));
        return Ok(Stored::AlreadyDecided(errors));
    }
    let (facts, assessment) = DecisionPanel::assess(&mut tx, candidate_id).await?;
    if let Err(refusal) = flags::gate(outcome, &assessment, &form.acknowledged) {
        let mut errors = FormErrors::default();
        if !refusal.blockers.is_empty() {
            errors.add_general(t.hire_refused);
        }
        if !refusal.unacknowledged.is_empty() {
            errors.add("ack", t.unacknowledged);
        }
        return Ok(Stored::Refused(errors));
    }
    let acknowledged: Vec<String> = assessment
        .warnings()
        .map(|flag| flag.key())
        .filter(|key| outcome == Outcome::Hire && form.acknowledged.contains(key))
        .collect();
    let decision = NewDecision {
        candidate_id,
        round_id: facts.round_id,
        outcome,
        rationale: form.rationale.trim(),
        acknowledged: &acknowledged,
        form_id,
        decided_by: auth.user.id,
    };
    queries::record(&mut tx, &decision).await?;
    tx.commit().await?;
    tracing::info!(%candidate_id, outcome = outcome.code(), "decision recorded");
    Ok(Stored::Recorded(outcome))
}
