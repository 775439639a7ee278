//! Who on the panel has submitted, and the hiring manager's reopening of a
//! member's submitted ratings (audited). No ratings are shown here.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::Redirect;
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::auth::role::AnyRole;
use crate::auth::{Authorized, Role};
use crate::domain::RoundLabels;
use crate::error::{AppError, Result};
use crate::interview::seat::{self, RoundInfo};
use crate::interview::text::InterviewText;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::format;
use crate::web::layout::Layout;

pub struct MemberRow {
    id: Uuid,
    display_name: String,
    panel_role: crate::domain::PanelRole,
    submitted_at: Option<DateTime<Utc>>,
}

#[derive(Template, WebTemplate)]
#[template(path = "interview/panel.html")]
pub struct PanelPage {
    layout: Layout,
    t: &'static InterviewText,
    dt: &'static RoundLabels,
    round: RoundInfo,
    members: Vec<MemberRow>,
    can_reopen: bool,
}

impl PanelPage {
    fn when(&self, member: &MemberRow) -> String {
        member
            .submitted_at
            .map(|at| format::date_time(at, &self.round.time_zone))
            .unwrap_or_default()
    }
}

/// The hiring manager of the position, HR and admins may see the panel's progress.
fn may_view(user_id: Uuid, role: Role, round: &RoundInfo) -> bool {
    round.hiring_manager_id == user_id || matches!(role, Role::Hr | Role::Admin)
}

/// Another position's manager is refused for the position; anyone else for the role.
fn refusal(role: Role) -> AppError {
    if role == Role::Manager {
        AppError::OtherPosition
    } else {
        AppError::Forbidden
    }
}

pub async fn show(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path(round_id): Path<Uuid>,
) -> Result<PanelPage> {
    let round = seat::round(&app.pool, round_id).await?;
    if !may_view(auth.user.id, auth.user.role, &round) {
        return Err(refusal(auth.user.role));
    }
    let t = InterviewText::get(auth.viewer.locale);
    let members = sqlx::query_as!(
        MemberRow,
        r#"select pm.id, u.display_name, pm.panel_role as "panel_role: _", pm.submitted_at as "submitted_at: _"
         from panel_member pm join app_user u on u.id = pm.user_id
         where pm.round_id = $1 order by u.display_name"#,
        round_id,
    )
    .fetch_all(&app.pool)
    .await?;
    Ok(PanelPage {
        layout: auth
            .viewer
            .layout(format!("{} · {}", t.panel_title, round.candidate_name))
            .await?,
        t,
        dt: RoundLabels::get(auth.viewer.locale),
        can_reopen: round.hiring_manager_id == auth.user.id && !round.round_status.is_closed(),
        round,
        members,
    })
}

/// Only the position's hiring manager may reopen a submission.
pub async fn reopen(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path((round_id, member_id)): Path<(Uuid, Uuid)>,
) -> Result<Redirect> {
    let t = InterviewText::get(auth.viewer.locale);
    let round = seat::round(&app.pool, round_id).await?;
    if round.hiring_manager_id != auth.user.id {
        return Err(refusal(auth.user.role));
    }
    if round.round_status.is_closed() {
        return Err(AppError::Conflict(t.round_closed.into()));
    }
    let mut tx = app.pool.begin().await?;
    let member: Option<(Option<DateTime<Utc>>, String)> = sqlx::query!(
        r#"select pm.submitted_at as "submitted_at: DateTime<Utc>", u.display_name
         from panel_member pm join app_user u on u.id = pm.user_id
         where pm.id = $1 and pm.round_id = $2 for update of pm"#,
        member_id,
        round_id,
    )
    .map(|row| (row.submitted_at, row.display_name))
    .fetch_optional(&mut *tx)
    .await?;
    let (submitted_at, name) = member.ok_or(AppError::NotFound)?;
    let Some(submitted_at) = submitted_at else {
        auth.viewer
            .flash(FlashKind::Info, t.not_submitted_yet)
            .await?;
        return Ok(Redirect::to(&format!("/rounds/{round_id}/panel")));
    };
    sqlx::query!(
        "update panel_member set submitted_at = null where id = $1",
        member_id,
    )
    .execute(&mut *tx)
    .await?;
    crate::rounds::progress::member_reopened(&mut tx, round_id)
        .await?
        .map_err(|_| AppError::Conflict(t.round_closed.into()))?;
    let change = Change {
        actor_id: auth.user.id,
        entity: "panel_member",
        entity_id: member_id,
        action: "reopened",
        before: Some(json!({ "submitted_at": submitted_at })),
        after: Some(json!({ "submitted_at": null })),
    };
    audit::record(&mut tx, change).await?;
    tx.commit().await?;
    let message = t.reopened_flash.replace("{name}", &name);
    auth.viewer.flash(FlashKind::Success, message).await?;
    Ok(Redirect::to(&format!("/rounds/{round_id}/panel")))
}
