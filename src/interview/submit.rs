//! Submitting: every question the member must rate (a score, in a section led
//! by their panel role or by everyone) rated or marked not assessed;
//! conversation-only questions and other roles' sections never hold it up. Then an overall
//! recommendation with a justification. A "no" opens a doubt by itself.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::auth::Authorized;
use crate::auth::role::AnyRole;
use crate::doubts::model::{self as doubt, Category, Method, NewDoubt};
use crate::error::{AppError, Result};
use crate::interview::save::Refusal;
use crate::interview::seat::{self, RoundInfo, Seat};
use crate::interview::text::InterviewText;
use crate::scoring::Verdict;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::layout::Layout;
use crate::web::text::CommonText;

pub(crate) const MAX_JUSTIFICATION: usize = crate::web::form::MAX_NOTE_CHARS;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SubmitForm {
    verdict: String,
    justification: String,
}

pub struct Given {
    verdict: Verdict,
    justification: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "interview/submit.html")]
pub struct SubmitPage {
    layout: Layout,
    t: &'static InterviewText,
    round: RoundInfo,
    base: String,
    missing: Vec<(usize, String)>,
    total: usize,
    submitted: Option<String>,
    given: Option<Given>,
    form: SubmitForm,
    errors: FormErrors,
    verdicts: Vec<(&'static str, &'static str)>,
}

impl SubmitPage {
    fn given_label(&self) -> &'static str {
        self.given
            .as_ref()
            .map_or("", |given| self.t.verdict(given.verdict))
    }
}

async fn render(
    app: &AppState,
    auth: &Authorized<AnyRole>,
    seat: &Seat,
    form: SubmitForm,
    errors: FormErrors,
) -> Result<SubmitPage> {
    let t = InterviewText::get(auth.viewer.locale);
    let rows = app.questions.for_seat(&app.pool, seat).await?;
    let missing = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.outstanding_for(seat.panel_role))
        .map(|(i, row)| (i + 1, row.text.clone()))
        .collect();
    let given = match seat.submitted_at {
        Some(_) => {
            sqlx::query_as!(
                Given,
                r#"select verdict as "verdict: _", justification from recommendation where panel_member_id = $1"#,
                seat.member_id,
            )
            .fetch_optional(&app.pool)
            .await?
        }
        None => None,
    };
    Ok(SubmitPage {
        layout: auth
            .viewer
            .layout(format!(
                "{} · {}",
                t.submit_title, seat.round.candidate_name
            ))
            .await?,
        t,
        round: seat.round.clone(),
        base: format!("/rounds/{}/interview", seat.round.round_id),
        missing,
        total: rows
            .iter()
            .filter(|row| row.required_of(seat.panel_role))
            .count(),
        submitted: seat.submitted_at.map(|at| {
            t.read_only_banner.replace(
                "{when}",
                &crate::web::format::date_time(at, &seat.round.time_zone),
            )
        }),
        given,
        form,
        errors,
        verdicts: Verdict::ALL
            .iter()
            .map(|v| (v.code(), t.verdict(*v)))
            .collect(),
    })
}

pub async fn show(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path(round_id): Path<Uuid>,
) -> Result<SubmitPage> {
    let seat = seat::find(&app.pool, round_id, auth.user.id).await?;
    render(
        &app,
        &auth,
        &seat,
        SubmitForm::default(),
        FormErrors::default(),
    )
    .await
}

pub async fn post(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path(round_id): Path<Uuid>,
    Form(form): Form<SubmitForm>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = InterviewText::get(locale);
    let seat = seat::find(&app.pool, round_id, auth.user.id).await?;
    if seat.read_only() {
        return Err(AppError::Conflict(t.already_submitted.into()));
    }
    let mut errors = FormErrors::default();
    let verdict = Verdict::parse(&form.verdict);
    if verdict.is_none() {
        errors.add("verdict", t.choose_verdict);
    }
    let justification = form.justification.trim().to_owned();
    if justification.is_empty() {
        errors.add("justification", CommonText::get(locale).field_required);
    } else if justification.chars().count() > MAX_JUSTIFICATION {
        errors.add(
            "justification",
            crate::web::form::too_long_message(MAX_JUSTIFICATION, locale),
        );
    }
    let submitted = match verdict {
        Some(verdict) if errors.is_empty() => {
            match submit(&app.pool, &seat, verdict, &justification).await? {
                Err(Refusal::Unanswered) => {
                    errors.add_general(t.missing_intro);
                    false
                }
                Err(refusal) => return Err(t.refusal(refusal)),
                Ok(()) => true,
            }
        }
        _ => false,
    };
    if !submitted {
        let page = render(&app, &auth, &seat, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    auth.viewer
        .flash(FlashKind::Success, t.submitted_flash)
        .await?;
    Ok(Redirect::to(&format!("/rounds/{round_id}/interview/submit")).into_response())
}

/// Locks the member's seat, checks completeness and stores the submission with its
/// audit trail; refused while some question is still unanswered.
pub(crate) async fn submit(
    pool: &sqlx::PgPool,
    seat: &Seat,
    verdict: Verdict,
    justification: &str,
) -> Result<Result<(), Refusal>> {
    let mut tx = pool.begin().await?;
    let (submitted_at, missing): (Option<chrono::DateTime<chrono::Utc>>, i64) = sqlx::query!(
        r#"select pm.submitted_at as "submitted_at: chrono::DateTime<chrono::Utc>",
                (select count(*) from round_question q
                  where q.round_id = pm.round_id and q.rated
                    and q.section_led_by in ('everyone', pm.panel_role)
                    and not exists (select 1 from rating r where r.round_question_id = q.id and r.panel_member_id = pm.id)) as "missing!"
         from panel_member pm where pm.id = $1 for update"#,
        seat.member_id,
    )
    .map(|row| (row.submitted_at, row.missing))
    .fetch_one(&mut *tx)
    .await?;
    if submitted_at.is_some() {
        return Ok(Err(Refusal::AlreadySubmitted));
    }
    if missing > 0 {
        return Ok(Err(Refusal::Unanswered));
    }
    let before: Option<serde_json::Value> = sqlx::query_scalar!(
        r#"select json_build_object('verdict', verdict, 'justification', justification)::jsonb as "before!"
         from recommendation where panel_member_id = $1"#,
        seat.member_id,
    )
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into recommendation (panel_member_id, verdict, justification) values ($1, $2, $3)
         on conflict (panel_member_id) do update
            set verdict = excluded.verdict, justification = excluded.justification, created_at = now()",
        seat.member_id,
        verdict.code(),
        justification,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "update panel_member set submitted_at = now() where id = $1",
        seat.member_id,
    )
    .execute(&mut *tx)
    .await?;
    let change = Change {
        actor_id: seat.user_id,
        entity: "panel_member",
        entity_id: seat.member_id,
        action: "submitted",
        before,
        after: Some(json!({ "verdict": verdict.code(), "justification": justification })),
    };
    audit::record(&mut tx, change).await?;
    if crate::rounds::progress::member_submitted(&mut tx, seat.round.round_id)
        .await?
        .is_err()
    {
        return Ok(Err(Refusal::RoundClosed));
    }
    // The panel_member row is locked above, so a resubmission after a reopen sees
    // the doubt its first "no" opened: one doubt per member's "no" per round.
    let already_doubted: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from doubt where round_id = $1 and raised_by = $2
                          and category = 'recommendation') as "exists!""#,
        seat.round.round_id,
        seat.user_id,
    )
    .fetch_one(&mut *tx)
    .await?;
    if verdict.opens_doubt() && !already_doubted {
        let new = NewDoubt {
            candidate_id: seat.round.candidate_id,
            round_id: Some(seat.round.round_id),
            round_question_id: None,
            criterion_id: None,
            category: Category::Recommendation,
            description: justification,
            method: Method::GatherFacts,
            raised_by: seat.user_id,
            form_id: None,
        };
        doubt::raise(&mut tx, new).await?;
    }
    tx.commit().await?;
    Ok(Ok(()))
}
