//! Changing a planned round (time, place, panel) and cancelling it, both only
//! before anyone has rated in it. Each change tells those concerned by mail,
//! in the same transaction: a member added gets the invitation, a member
//! removed a cancellation, the rest an update when the time, the place or their
//! role changed. A cancelled round is deleted after every member got a cancellation.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get, routing::post};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::domain::RoundStatus;
use crate::error::{AppError, Result};
use crate::mail::invitations::{self, Notice};
use crate::positions::access::OwnedRound;
use crate::rounds::plan::{self, IdKind, PanelRole, PlanForm, ValidPlan};
use crate::rounds::queries::{self, RoundDetail, UserOption};
use crate::rounds::text::RoundText;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::format::DEFAULT_TIME_ZONE;
use crate::web::layout::Layout;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds/{id}/change", get(show).post(save))
        .route("/rounds/{id}/cancel", post(cancel))
}

#[derive(Template, WebTemplate)]
#[template(path = "rounds/change.html")]
struct ChangePage {
    layout: Layout,
    t: &'static RoundText,
    round: RoundDetail,
    form: PlanForm,
    errors: FormErrors,
    users: Vec<UserOption>,
    time_zones: Vec<&'static str>,
    roles: Vec<(&'static str, &'static str)>,
}

impl ChangePage {
    fn title(&self) -> String {
        self.t
            .change_title
            .replace("{n}", &self.round.round_number.to_string())
            .replace("{name}", &self.round.candidate_name)
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
    app: &AppState,
    auth: &Authorized<Staff>,
    round: RoundDetail,
    form: PlanForm,
    errors: FormErrors,
) -> Result<Response> {
    let t = RoundText::get(auth.viewer.locale);
    let status = errors.status();
    let page = ChangePage {
        layout: auth
            .viewer
            .layout(format!("{} · {}", t.change_round, round.candidate_name))
            .await?,
        t,
        users: queries::active_users(&app.pool).await?,
        round,
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

/// The round as it stands, as the form shows it.
async fn current_form(app: &AppState, round: &RoundDetail) -> Result<PlanForm> {
    let zone: Tz = round.time_zone.parse().unwrap_or(DEFAULT_TIME_ZONE);
    let local = round.scheduled_at.map(|at| at.with_timezone(&zone));
    let panel = sqlx::query!(
        r#"select user_id, panel_role as "panel_role: PanelRole" from panel_member where round_id = $1"#,
        round.id,
    )
    .fetch_all(&app.pool)
    .await?
    .into_iter()
    .map(|row| (row.user_id.to_string(), row.panel_role.code().to_owned()))
    .collect();
    Ok(PlanForm {
        date: local
            .map(|at| at.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        time: local
            .map(|at| at.format("%H:%M").to_string())
            .unwrap_or_default(),
        time_zone: zone.name().to_owned(),
        duration_minutes: round.duration_minutes.to_string(),
        location: round.location.clone(),
        panel,
        ..PlanForm::default()
    })
}

/// A round takes changes only while planned: nobody has rated in it.
fn ensure_planned(round: &RoundDetail, t: &RoundText) -> Result<()> {
    if round.status == RoundStatus::Planned {
        Ok(())
    } else {
        Err(AppError::Conflict(t.change_only_planned.into()))
    }
}

async fn show(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedRound { id, .. }: OwnedRound,
) -> Result<Response> {
    let t = RoundText::get(auth.viewer.locale);
    let round = queries::round(&app.pool, id).await?;
    ensure_planned(&round, t)?;
    let form = current_form(&app, &round).await?;
    render(&app, &auth, round, form, FormErrors::default()).await
}

async fn save(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedRound { id, .. }: OwnedRound,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let t = RoundText::get(auth.viewer.locale);
    let round = queries::round(&app.pool, id).await?;
    ensure_planned(&round, t)?;
    let mut form = PlanForm::from_pairs(pairs);
    // What a change cannot touch, the candidate and the guide the questions came
    // from, passes the planning checks as it stands.
    form.candidate_id = round.candidate_id.to_string();
    form.template_id = Uuid::nil().to_string();
    let users: Vec<Uuid> = queries::active_users(&app.pool)
        .await?
        .iter()
        .map(|user| user.id)
        .collect();
    let valid = plan::validate(&form, |kind, id| match kind {
        IdKind::User => users.contains(id),
        IdKind::Candidate | IdKind::Template => true,
    });
    let valid = match valid {
        Ok(valid) => valid,
        Err(refusals) => {
            let errors = super::plan_errors(refusals, auth.viewer.locale);
            return render(&app, &auth, round, form, errors).await;
        }
    };
    let mut tx = app.pool.begin().await?;
    let Some(mails) = apply(&mut tx, id, &valid, auth.user.id).await? else {
        return Err(AppError::Conflict(t.change_only_planned.into()));
    };
    tx.commit().await?;
    let message = if mails == 0 {
        t.unchanged_flash.to_owned()
    } else {
        t.changed_flash.replace("{n}", &mails.to_string())
    };
    auth.viewer.flash(FlashKind::Success, message).await?;
    Ok(Redirect::to(&format!("/rounds/{id}")).into_response())
}

struct Seat {
    user_id: Uuid,
    panel_role: PanelRole,
}

struct Stands {
    status: RoundStatus,
    scheduled_at: Option<DateTime<Utc>>,
    time_zone: String,
    duration_minutes: i32,
    location: String,
}

/// Stores the change and writes the mails; how many, or `None` when the round
/// is no longer planned (someone rated since the form was opened).
async fn apply(
    conn: &mut PgConnection,
    round_id: Uuid,
    plan: &ValidPlan,
    by: Uuid,
) -> Result<Option<usize>> {
    let before = sqlx::query_as!(
        Stands,
        r#"select status as "status: RoundStatus", scheduled_at as "scheduled_at: _", time_zone,
                  duration_minutes, location
             from interview_round where id = $1 for update"#,
        round_id,
    )
    .fetch_one(&mut *conn)
    .await?;
    if before.status != RoundStatus::Planned {
        return Ok(None);
    }
    let seated: BTreeMap<Uuid, PanelRole> = sqlx::query_as!(
        Seat,
        r#"select user_id, panel_role as "panel_role: PanelRole" from panel_member where round_id = $1"#,
        round_id,
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|seat| (seat.user_id, seat.panel_role))
    .collect();
    let wanted: BTreeMap<Uuid, PanelRole> = plan.panel.iter().copied().collect();
    let moved = before.scheduled_at != Some(plan.scheduled_at)
        || before.time_zone != plan.time_zone.name()
        || before.duration_minutes != plan.duration_minutes
        || before.location != plan.location;
    let removed: Vec<Uuid> = seated
        .keys()
        .filter(|user| !wanted.contains_key(user))
        .copied()
        .collect();
    let added: Vec<Uuid> = wanted
        .keys()
        .filter(|user| !seated.contains_key(user))
        .copied()
        .collect();
    let updated: Vec<Uuid> = wanted
        .iter()
        .filter(|(user, role)| seated.get(user).is_some_and(|was| moved || was != *role))
        .map(|(user, _)| *user)
        .collect();
    if removed.is_empty() && added.is_empty() && updated.is_empty() {
        return Ok(Some(0));
    }
    sqlx::query!(
        "update interview_round set scheduled_at = $2, time_zone = $3, duration_minutes = $4, location = $5
          where id = $1",
        round_id,
        plan.scheduled_at as _, // chrono (see README, "Changing a query")
        plan.time_zone.name(),
        plan.duration_minutes,
        plan.location,
    )
    .execute(&mut *conn)
    .await?;
    // The removed hear of it while their seat (and role) still shows.
    invitations::notify(conn, round_id, &removed, Notice::Removed).await?;
    sqlx::query!(
        "delete from panel_member where round_id = $1 and user_id = any($2)",
        round_id,
        &removed,
    )
    .execute(&mut *conn)
    .await?;
    let users: Vec<Uuid> = wanted.keys().copied().collect();
    let roles: Vec<&str> = wanted.values().map(|role| role.code()).collect();
    sqlx::query!(
        "insert into panel_member (round_id, user_id, panel_role)
         select $1, * from unnest($2::uuid[], $3::text[])
         on conflict (round_id, user_id) do update set panel_role = excluded.panel_role",
        round_id,
        &users,
        &roles as &[&str],
    )
    .execute(&mut *conn)
    .await?;
    invitations::notify(conn, round_id, &added, Notice::Invited).await?;
    invitations::notify(conn, round_id, &updated, Notice::Changed).await?;
    let panel_json = |panel: &BTreeMap<Uuid, PanelRole>| {
        panel
            .iter()
            .map(|(user, role)| json!({ "user_id": user, "panel_role": role.code() }))
            .collect::<Vec<_>>()
    };
    audit::record(
        conn,
        Change {
            actor_id: by,
            entity: "interview_round",
            entity_id: round_id,
            action: "changed",
            before: Some(json!({
                "scheduled_at": before.scheduled_at,
                "time_zone": before.time_zone,
                "duration_minutes": before.duration_minutes,
                "location": before.location,
                "panel": panel_json(&seated),
            })),
            after: Some(json!({
                "scheduled_at": plan.scheduled_at,
                "time_zone": plan.time_zone.name(),
                "duration_minutes": plan.duration_minutes,
                "location": plan.location,
                "panel": panel_json(&wanted),
            })),
        },
    )
    .await?;
    Ok(Some(removed.len() + added.len() + updated.len()))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CancelForm {
    confirm: Option<String>,
}

/// Cancels a planned round: every member gets a cancellation, then the round
/// (with its panel and questions) is deleted. A round that settled a doubt stays.
async fn cancel(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedRound { id, .. }: OwnedRound,
    Form(form): Form<CancelForm>,
) -> Result<Response> {
    let t = RoundText::get(auth.viewer.locale);
    let round = queries::round(&app.pool, id).await?;
    ensure_planned(&round, t)?;
    if form.confirm.is_none() {
        let mut errors = FormErrors::default();
        errors.add("confirm", t.cancel_confirm_required);
        let current = current_form(&app, &round).await?;
        return render(&app, &auth, round, current, errors).await;
    }
    let mut tx = app.pool.begin().await?;
    let status = sqlx::query_scalar!(
        r#"select status as "status: RoundStatus" from interview_round where id = $1 for update"#,
        id,
    )
    .fetch_one(&mut *tx)
    .await?;
    if status != RoundStatus::Planned {
        return Err(AppError::Conflict(t.change_only_planned.into()));
    }
    let settles_doubt: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from doubt where settled_by_round_id = $1) as "exists!""#,
        id,
    )
    .fetch_one(&mut *tx)
    .await?;
    if settles_doubt {
        return Err(AppError::Conflict(t.cancel_settled_doubt.into()));
    }
    let members: Vec<Uuid> =
        sqlx::query_scalar!("select user_id from panel_member where round_id = $1", id)
            .fetch_all(&mut *tx)
            .await?;
    invitations::notify(&mut tx, id, &members, Notice::Cancelled).await?;
    audit::record(
        &mut tx,
        Change {
            actor_id: auth.user.id,
            entity: "interview_round",
            entity_id: id,
            action: "cancelled",
            before: Some(json!({
                "candidate_id": round.candidate_id,
                "round_number": round.round_number,
                "scheduled_at": round.scheduled_at,
                "location": round.location,
            })),
            after: None,
        },
    )
    .await?;
    sqlx::query!("delete from interview_round where id = $1", id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(round_id = %id, "round cancelled");
    let message = t
        .cancelled_flash
        .replace("{n}", &round.round_number.to_string())
        .replace("{name}", &round.candidate_name);
    auth.viewer.flash(FlashKind::Success, message).await?;
    Ok(Redirect::to(&format!("/candidates/{}", round.candidate_id)).into_response())
}
