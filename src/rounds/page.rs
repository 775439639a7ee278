//! The round page for staff: when, where, the panel, and the snapshot of
//! questions, where questions without a criterion can be linked by hand.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::Redirect;
use axum::{Form, Router, routing::get, routing::post};
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::error::{AppError, Result};
use crate::positions::access;
use crate::rounds::queries::{self, CriterionOption, PanelMember, Question, RoundDetail};
use crate::rounds::text::RoundText;
use crate::web::flash::FlashKind;
use crate::web::format;
use crate::web::layout::Layout;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds/{id}", get(show))
        .route("/rounds/{id}/questions/{qid}/criterion", post(link))
}

#[derive(Template, WebTemplate)]
#[template(path = "rounds/show.html")]
struct RoundPage {
    layout: Layout,
    t: &'static RoundText,
    status: &'static crate::dashboard::DashboardText,
    round: RoundDetail,
    panel: Vec<PanelMember>,
    questions: Vec<Question>,
    criteria: Vec<CriterionOption>,
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
            .any(|member| member.panel_role == "subject_matter_expert")
    }

    fn unmatched(&self) -> usize {
        self.questions
            .iter()
            .filter(|q| q.rated && q.criterion_id.is_none())
            .count()
    }

    fn unmatched_text(&self) -> String {
        self.t
            .unmatched_count
            .replace("{n}", &self.unmatched().to_string())
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
    Path(id): Path<Uuid>,
) -> Result<RoundPage> {
    let head = access::round(&app.pool, &auth.user, id, false).await?;
    let locale = auth.viewer.locale;
    let t = RoundText::get(locale);
    let round = queries::round(&app.pool, id).await?;
    let title = t
        .round_title
        .replace("{n}", &round.round_number.to_string())
        .replace("{name}", &round.candidate_name);
    Ok(RoundPage {
        layout: auth.viewer.layout(title).await?,
        t,
        status: crate::dashboard::DashboardText::get(locale),
        panel: queries::panel(&app.pool, id).await?,
        questions: queries::questions(&app.pool, id).await?,
        criteria: queries::criteria(&app.pool, head.position_id).await?,
        round,
    })
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
    Path((id, qid)): Path<(Uuid, Uuid)>,
    Form(form): Form<LinkForm>,
) -> Result<Redirect> {
    let head = access::round(&app.pool, &auth.user, id, false).await?;
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
