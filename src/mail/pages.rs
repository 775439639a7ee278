//! The mail pages: `/admin/outbox` (every mail with its state, a failed one
//! sent again, and the reminder intervals) for admins, `/settings` (which
//! mails one gets) for everyone.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get, routing::post};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::{AdminOnly, AnyRole};
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::mail::message::{self, Letter};
use crate::mail::outbox::{CalendarMethod, MailBody, MailState};
use crate::mail::reminders::{self, Intervals};
use crate::mail::text::MailText;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::format;
use crate::web::layout::Layout;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/outbox", get(outbox))
        .route("/admin/outbox/intervals", post(save_intervals))
        .route("/admin/outbox/{id}/retry", post(retry))
        .route("/settings", get(settings).post(save_settings))
}

/// Rows shown at most; the newest first.
const SHOWN: i64 = 200;

#[derive(Deserialize, Default)]
#[serde(default)]
struct OutboxQuery {
    state: String,
}

struct OutboxRow {
    id: Uuid,
    created_at: DateTime<Utc>,
    recipient: String,
    subject: String,
    state: MailState,
    attempts: i32,
    last_error: String,
    next_attempt_at: DateTime<Utc>,
    has_calendar: bool,
    text: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct IntervalsForm {
    reminder_after_hours: String,
    reminder_max: String,
    digest_after_working_days: String,
}

impl From<Intervals> for IntervalsForm {
    fn from(intervals: Intervals) -> Self {
        Self {
            reminder_after_hours: intervals.reminder_after_hours.to_string(),
            reminder_max: intervals.reminder_max.to_string(),
            digest_after_working_days: intervals.digest_after_working_days.to_string(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "mail/outbox.html")]
struct OutboxPage {
    layout: Layout,
    t: &'static MailText,
    configured: bool,
    filter: Option<MailState>,
    rows: Vec<OutboxRow>,
    form: IntervalsForm,
    errors: FormErrors,
}

impl OutboxPage {
    fn state_label(&self, state: &MailState) -> &'static str {
        match state {
            MailState::Pending => self.t.state_pending,
            MailState::Sent => self.t.state_sent,
            MailState::Failed => self.t.state_failed,
        }
    }

    fn filters(&self) -> Vec<(&'static str, &'static str, bool)> {
        let mut filters = vec![("", self.t.filter_all, self.filter.is_none())];
        for state in MailState::ALL {
            filters.push((
                state.code(),
                self.state_label(&state),
                self.filter == Some(state),
            ));
        }
        filters
    }

    fn written(&self, row: &OutboxRow) -> String {
        format::date_time(row.created_at, format::DEFAULT_TIME_ZONE.name())
    }

    fn next_try(&self, row: &OutboxRow) -> String {
        self.t.next_attempt.replace(
            "{when}",
            &format::date_time(row.next_attempt_at, format::DEFAULT_TIME_ZONE.name()),
        )
    }
}

async fn render_outbox(
    app: &AppState,
    auth: &Authorized<AdminOnly>,
    filter: Option<MailState>,
    form: IntervalsForm,
    errors: FormErrors,
) -> Result<OutboxPage> {
    let t = MailText::get(auth.viewer.locale);
    let public_url = &app.config.mail.public_url;
    let rows = sqlx::query!(
        r#"select m.id, m.created_at as "created_at: DateTime<Utc>", m.recipient, coalesce(u.display_name, m.recipient) as "recipient_name!",
                  m.locale as "locale: Locale", m.subject, m.body, m.state as "state: MailState",
                  m.attempts, m.last_error, m.next_attempt_at as "next_attempt_at: DateTime<Utc>", m.calendar,
                  m.calendar_method as "calendar_method: CalendarMethod", m.message_id
             from mail_outbox m left join app_user u on u.id = m.recipient_id
            where $1::text is null or m.state = $1
            order by m.created_at desc, m.id
            limit $2"#,
        filter.map(MailState::code),
        SHOWN,
    )
    .fetch_all(&app.pool)
    .await?
    .into_iter()
    .map(|row| {
        let letter = Letter {
            recipient: row.recipient.clone(),
            recipient_name: row.recipient_name,
            locale: row.locale,
            subject: row.subject.clone(),
            body: serde_json::from_value::<MailBody>(row.body).unwrap_or_default(),
            calendar: row.calendar_method.zip(row.calendar),
            message_id: row.message_id,
        };
        OutboxRow {
            id: row.id,
            created_at: row.created_at,
            recipient: row.recipient,
            subject: row.subject,
            state: row.state,
            attempts: row.attempts,
            last_error: row.last_error,
            next_attempt_at: row.next_attempt_at,
            has_calendar: letter.calendar.is_some(),
            text: message::text_body(&letter, public_url),
        }
    })
    .collect();
    Ok(OutboxPage {
        layout: auth.viewer.layout(t.outbox_title).await?,
        t,
        configured: app.config.mail.sends(),
        filter,
        rows,
        form,
        errors,
    })
}

async fn outbox(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Query(query): Query<OutboxQuery>,
) -> Result<OutboxPage> {
    let intervals = reminders::intervals(&app.pool).await?;
    render_outbox(
        &app,
        &auth,
        MailState::parse(&query.state),
        intervals.into(),
        FormErrors::default(),
    )
    .await
}

/// A whole number within `range`, or the message naming the range.
fn whole_number(
    raw: &str,
    range: std::ops::RangeInclusive<i32>,
    t: &MailText,
) -> std::result::Result<i32, String> {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            t.whole_number_between
                .replace("{min}", &range.start().to_string())
                .replace("{max}", &range.end().to_string())
        })
}

async fn save_intervals(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Form(form): Form<IntervalsForm>,
) -> Result<Response> {
    let t = MailText::get(auth.viewer.locale);
    let mut errors = FormErrors::default();
    let mut read = |name: &'static str, raw: &str, range| match whole_number(raw, range, t) {
        Ok(n) => n,
        Err(message) => {
            errors.add(name, message);
            0
        }
    };
    let intervals = Intervals {
        reminder_after_hours: read(
            "reminder_after_hours",
            &form.reminder_after_hours,
            reminders::REMINDER_AFTER_HOURS,
        ),
        reminder_max: read("reminder_max", &form.reminder_max, reminders::REMINDER_MAX),
        digest_after_working_days: read(
            "digest_after_working_days",
            &form.digest_after_working_days,
            reminders::DIGEST_AFTER_WORKING_DAYS,
        ),
    };
    if !errors.is_empty() {
        let page = render_outbox(&app, &auth, None, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    reminders::set_intervals(&app.pool, intervals).await?;
    auth.viewer
        .flash(FlashKind::Success, t.intervals_saved)
        .await?;
    Ok(Redirect::to("/admin/outbox").into_response())
}

/// A failed mail goes back in the queue, due now, with its attempts kept.
async fn retry(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let t = MailText::get(auth.viewer.locale);
    let row = sqlx::query!(
        r#"select recipient, state as "state: MailState" from mail_outbox where id = $1"#,
        id
    )
    .fetch_optional(&app.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    if row.state != MailState::Failed {
        return Err(AppError::Conflict(t.not_failed.into()));
    }
    sqlx::query!(
        "update mail_outbox set state = 'pending', next_attempt_at = now() where id = $1 and state = 'failed'",
        id
    )
    .execute(&app.pool)
    .await?;
    tracing::info!(mail = %id, "failed mail queued again");
    auth.viewer
        .flash(
            FlashKind::Success,
            &t.retried.replace("{to}", &row.recipient),
        )
        .await?;
    Ok(Redirect::to("/admin/outbox?state=pending").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SettingsForm {
    reminders: Option<String>,
    digests: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "mail/settings.html")]
struct SettingsPage {
    layout: Layout,
    t: &'static MailText,
    reminders: bool,
    digests: bool,
}

async fn settings(State(app): State<AppState>, auth: Authorized<AnyRole>) -> Result<SettingsPage> {
    let t = MailText::get(auth.viewer.locale);
    let choice = sqlx::query!(
        "select mail_reminders, mail_digests from app_user where id = $1",
        auth.user.id
    )
    .fetch_one(&app.pool)
    .await?;
    Ok(SettingsPage {
        layout: auth.viewer.layout(t.settings_title).await?,
        t,
        reminders: choice.mail_reminders,
        digests: choice.mail_digests,
    })
}

/// A checkbox is on when posted at all (browsers leave an unticked one out).
async fn save_settings(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Form(form): Form<SettingsForm>,
) -> Result<Response> {
    let t = MailText::get(auth.viewer.locale);
    sqlx::query!(
        "update app_user set mail_reminders = $2, mail_digests = $3, updated_at = now() where id = $1",
        auth.user.id,
        form.reminders.is_some(),
        form.digests.is_some(),
    )
    .execute(&app.pool)
    .await?;
    auth.viewer
        .flash(FlashKind::Success, t.settings_saved)
        .await?;
    Ok(Redirect::to("/settings").into_response())
}
