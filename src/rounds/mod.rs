//! Interview rounds: planning (time, place, guide, panel), the question
//! snapshot and its edits before rating, the round page for staff and the
//! calendar invitation.

mod change;
mod ics;
pub mod plan;
pub(crate) mod progress;
pub(crate) mod queries;
pub mod question_edit;
pub mod snapshot;
pub(crate) mod text;

use std::collections::HashSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get};
use chrono::{Duration, Utc};
use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::error::Result;
use crate::i18n::{Locale, one_or_many};
use crate::positions::access::{OpenPosition, PositionHead};
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors, MAX_NAME_CHARS, too_long_message};
use crate::web::format::DEFAULT_TIME_ZONE;
use crate::web::layout::Layout;
use plan::{IdKind, PanelRole, PlanForm, PlanRefusal};
use queries::{CandidateOption, TemplateOption, UserOption};
pub use text::RoundText;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/positions/{id}/rounds/new", get(new_form).post(create))
        .merge(question_edit::router())
        .merge(ics::router())
        .merge(change::router())
}

#[derive(Template, WebTemplate)]
#[template(path = "rounds/plan.html")]
struct PlanPage {
    layout: Layout,
    t: &'static RoundText,
    position: PositionHead,
    form: PlanForm,
    errors: FormErrors,
    candidates: Vec<CandidateOption>,
    templates: Vec<TemplateOption>,
    users: Vec<UserOption>,
    time_zones: Vec<&'static str>,
    roles: Vec<(&'static str, &'static str)>,
}

impl PlanPage {
    /// "Section — role" for each section of `template` one role leads.
    fn who_leads(&self, template: &TemplateOption) -> Vec<String> {
        let gt = crate::guides::GuideText::get(self.layout.locale);
        template
            .led_sections
            .iter()
            .zip(&template.led_by)
            .map(|(title, lead)| format!("{title} — {}", gt.lead(lead)))
            .collect()
    }

    fn user_role(&self, user: &UserOption) -> &'static str {
        user.role.label(self.layout.locale)
    }

    /// After a refused submission: the panel as chosen has no expert.
    fn panel_has_no_expert(&self) -> bool {
        !self.errors.is_empty() && self.form.lacks_expert()
    }
}

async fn render(
    pool: &PgPool,
    auth: &Authorized<Staff>,
    position: PositionHead,
    form: PlanForm,
    errors: FormErrors,
) -> Result<Response> {
    let t = RoundText::get(auth.viewer.locale);
    let status = errors.status();
    let page = PlanPage {
        layout: auth.viewer.layout(t.plan_title).await?,
        t,
        candidates: queries::candidates(pool, position.position_id).await?,
        templates: queries::templates(pool).await?,
        users: queries::active_users(pool).await?,
        position,
        form,
        errors,
        time_zones: plan::TIME_ZONES.iter().map(|zone| zone.name()).collect(),
        roles: PanelRole::ALL
            .iter()
            .map(|role| (role.code(), t.panel_role(role)))
            .collect(),
    };
    Ok((status, page).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewQuery {
    candidate: String,
}

async fn new_form(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OpenPosition(position): OpenPosition,
    Query(query): Query<NewQuery>,
) -> Result<Response> {
    let id = position.position_id;
    let templates = queries::templates(&app.pool).await?;
    let template = templates
        .iter()
        .find(|t| t.is_default && t.language == auth.viewer.locale)
        .or(templates.first());
    let tomorrow = Utc::now().with_timezone(&DEFAULT_TIME_ZONE).date_naive() + Duration::days(1);
    let mut form = PlanForm {
        candidate_id: query.candidate,
        date: tomorrow.format("%Y-%m-%d").to_string(),
        time: "09:00".into(),
        time_zone: DEFAULT_TIME_ZONE.name().into(),
        duration_minutes: "90".into(),
        template_id: template.map(|t| t.id.to_string()).unwrap_or_default(),
        plan_id: Uuid::new_v4().to_string(),
        ..PlanForm::default()
    };
    // An extra interview starts with the panel of the candidate's latest round.
    let earlier = match Uuid::parse_str(form.candidate_id.trim()) {
        Ok(candidate) => queries::latest_panel(&app.pool, id, candidate).await?,
        Err(_) => Vec::new(),
    };
    if earlier.is_empty() {
        form.panel.insert(
            position.hiring_manager_id.to_string(),
            PanelRole::HiringManager.code().into(),
        );
    }
    for (user, role) in earlier {
        form.panel.insert(user.to_string(), role.code().into());
    }
    render(&app.pool, &auth, position, form, FormErrors::default()).await
}

/// Ids a plan may refer to, each as what it is: the position's candidates,
/// the templates and the active users.
async fn known_ids(pool: &PgPool, position_id: Uuid) -> Result<HashSet<(IdKind, Uuid)>> {
    let ids: Vec<(String, Uuid)> = sqlx::query!(
        r#"select 'candidate' as "kind!", id as "id!" from candidate where position_id = $1
         union all select 'template', id from interview_template
         union all select 'user', id from app_user where not disabled"#,
        position_id,
    )
    .map(|row| (row.kind, row.id))
    .fetch_all(pool)
    .await?;
    Ok(ids
        .into_iter()
        .map(|(kind, id)| {
            let kind = match kind.as_str() {
                "candidate" => IdKind::Candidate,
                "template" => IdKind::Template,
                _ => IdKind::User,
            };
            (kind, id)
        })
        .collect())
}

/// A refused planning value in the viewer's words.
fn refusal_message(refusal: PlanRefusal, locale: Locale) -> String {
    let t = RoundText::get(locale);
    match refusal {
        PlanRefusal::LocationTooLong => too_long_message(MAX_NAME_CHARS, locale),
        PlanRefusal::CandidateInvalid => t.candidate_invalid.into(),
        PlanRefusal::TimeZoneInvalid => t.time_zone_invalid.into(),
        PlanRefusal::DateInvalid => t.date_invalid.into(),
        PlanRefusal::TimeInvalid => t.time_invalid.into(),
        PlanRefusal::TimeMissing => t.time_missing.into(),
        PlanRefusal::DurationInvalid => t.duration_invalid.into(),
        PlanRefusal::TemplateInvalid => t.template_invalid.into(),
        PlanRefusal::PanelTwice => t.panel_twice.into(),
        PlanRefusal::PanelInvalid => t.panel_invalid.into(),
        PlanRefusal::PanelEmpty => t.panel_empty.into(),
    }
}

/// The plan's refusals, each beside its field in the viewer's language.
fn plan_errors(refusals: Vec<PlanRefusal>, locale: Locale) -> FormErrors {
    refusals
        .into_iter()
        .map(|refusal| (refusal.field(), refusal_message(refusal, locale)))
        .collect()
}

async fn create(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OpenPosition(position): OpenPosition,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let id = position.position_id;
    let t = RoundText::get(auth.viewer.locale);
    let form = PlanForm::from_pairs(pairs);
    let known = known_ids(&app.pool, id).await?;
    let plan = match plan::validate(&form, |kind, id| known.contains(&(kind, *id))) {
        Ok(plan) => plan,
        Err(refusals) => {
            let errors = plan_errors(refusals, auth.viewer.locale);
            return render(&app.pool, &auth, position, form, errors).await;
        }
    };
    let planned = match plan::create(&app.pool, &plan, auth.user.id).await? {
        Ok(planned) => planned,
        Err(refused) => {
            let status =
                crate::candidates::CandidateText::get(auth.viewer.locale).status(&refused.status);
            let message = t
                .candidate_decided
                .replace("{name}", &refused.candidate_name)
                .replace("{status}", status);
            let mut errors = FormErrors::default();
            errors.add("candidate_id", message);
            return render(&app.pool, &auth, position, form, errors).await;
        }
    };
    if planned.repeated {
        return Ok(Redirect::to(&format!("/rounds/{}", planned.round_id)).into_response());
    }
    tracing::info!(round_id = %planned.round_id, number = planned.round_number, questions = planned.questions, "round planned");
    let message = one_or_many(planned.questions as usize, t.planned_one, t.planned)
        .replace("{n}", &planned.round_number.to_string())
        .replace("{name}", &planned.candidate_name)
        .replace("{q}", &planned.questions.to_string());
    auth.viewer.flash(FlashKind::Success, message).await?;
    if !plan.has_expert() {
        auth.viewer
            .flash(FlashKind::Error, t.no_expert_warning)
            .await?;
    }
    Ok(Redirect::to(&format!("/rounds/{}", planned.round_id)).into_response())
}
