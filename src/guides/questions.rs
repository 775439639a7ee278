//! Questions of a guide's sections: added inline, edited on their own page,
//! deleted and reordered.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get, routing::post};
use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::AdminOnly;
use crate::error::{AppError, Result};
use crate::guides::order::{self, MoveForm};
use crate::guides::queries::Question;
use crate::guides::text::GuideText;
use crate::i18n::Locale;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors, MAX_NAME_CHARS, MAX_NOTE_CHARS};
use crate::web::layout::Layout;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/guides/{id}/sections/{sid}/questions", post(add_question))
        .route("/guides/{id}/questions/{qid}", post(update_question))
        .route("/guides/{id}/questions/{qid}/edit", get(edit_question))
        .route("/guides/{id}/questions/{qid}/delete", post(delete_question))
        .route("/guides/{id}/questions/{qid}/move", post(move_question))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct QuestionForm {
    pub text: String,
    pub guidance: String,
    pub criterion_hint: String,
    /// The "conversation only (not rated)" checkbox: present when ticked.
    pub conversation_only: Option<String>,
}

impl QuestionForm {
    pub fn is_conversation_only(&self) -> bool {
        self.conversation_only.is_some()
    }

    /// The errors to show beside the fields; none when the question can be stored.
    fn errors(&self, locale: Locale) -> FormErrors {
        let mut errors = FormErrors::default();
        if self.text.trim().is_empty() {
            errors.add("text", GuideText::get(locale).question_required);
        }
        errors.check_length("text", &self.text, MAX_NOTE_CHARS, locale);
        errors.check_length("guidance", &self.guidance, MAX_NOTE_CHARS, locale);
        errors.check_length(
            "criterion_hint",
            &self.criterion_hint,
            MAX_NAME_CHARS,
            locale,
        );
        errors
    }
}

async fn add_question(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path((id, sid)): Path<(Uuid, Uuid)>,
    Form(form): Form<QuestionForm>,
) -> Result<Response> {
    let t = GuideText::get(auth.viewer.locale);
    let errors = form.errors(auth.viewer.locale);
    if !errors.is_empty() {
        // The section must exist before the form is shown again for it.
        let known: bool = sqlx::query_scalar!(
            r#"select exists (select 1 from template_section where id = $2 and template_id = $1) as "exists!""#,
            id,
            sid,
        )
        .fetch_one(&app.pool)
        .await?;
        if !known {
            return Err(AppError::NotFound);
        }
        let page = QuestionPage {
            layout: auth.viewer.layout(t.add_question).await?,
            t,
            heading: t.add_question,
            action: format!("/guides/{id}/sections/{sid}/questions"),
            back: format!("/guides/{id}#section-{sid}"),
            form,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let qid: Option<Uuid> = sqlx::query_scalar!(
        "insert into template_question (section_id, text, guidance, criterion_hint, rated, sort_order)
         select s.id, $3, $4, $5, $6, (select coalesce(max(sort_order), 0) + 1 from template_question where section_id = s.id)
         from template_section s where s.id = $2 and s.template_id = $1
         returning id",
        id,
        sid,
        form.text.trim(),
        form.guidance.trim(),
        form.criterion_hint.trim(),
        !form.is_conversation_only(),
    )
    .fetch_optional(&app.pool)
    .await?;
    let qid = qid.ok_or(AppError::NotFound)?;
    auth.viewer
        .flash(FlashKind::Success, t.question_added)
        .await?;
    Ok(Redirect::to(&format!("/guides/{id}#question-{qid}")).into_response())
}

/// A question's own form: editing one, or a new one sent back with its errors.
#[derive(Template, WebTemplate)]
#[template(path = "guides/question.html")]
struct QuestionPage {
    layout: Layout,
    t: &'static GuideText,
    heading: &'static str,
    action: String,
    /// Where "back" and "cancel" go.
    back: String,
    form: QuestionForm,
    errors: FormErrors,
}

async fn find_question(pool: &PgPool, id: Uuid, qid: Uuid) -> Result<Question> {
    sqlx::query_as!(
        Question,
        "select q.id, q.section_id, q.text, q.guidance, q.criterion_hint, q.rated
         from template_question q join template_section s on s.id = q.section_id
         where q.id = $2 and s.template_id = $1",
        id,
        qid,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

async fn edit_question(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path((id, qid)): Path<(Uuid, Uuid)>,
) -> Result<QuestionPage> {
    let q = find_question(&app.pool, id, qid).await?;
    let t = GuideText::get(auth.viewer.locale);
    Ok(QuestionPage {
        layout: auth.viewer.layout(t.edit_question).await?,
        t,
        heading: t.edit_question,
        action: format!("/guides/{id}/questions/{qid}"),
        back: format!("/guides/{id}#question-{qid}"),
        form: QuestionForm {
            text: q.text,
            guidance: q.guidance,
            criterion_hint: q.criterion_hint,
            conversation_only: (!q.rated).then(|| "on".to_owned()),
        },
        errors: FormErrors::default(),
    })
}

async fn update_question(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path((id, qid)): Path<(Uuid, Uuid)>,
    Form(form): Form<QuestionForm>,
) -> Result<Response> {
    find_question(&app.pool, id, qid).await?;
    let t = GuideText::get(auth.viewer.locale);
    let errors = form.errors(auth.viewer.locale);
    if !errors.is_empty() {
        let page = QuestionPage {
            layout: auth.viewer.layout(t.edit_question).await?,
            t,
            heading: t.edit_question,
            action: format!("/guides/{id}/questions/{qid}"),
            back: format!("/guides/{id}#question-{qid}"),
            form,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    sqlx::query!(
        "update template_question set text = $2, guidance = $3, criterion_hint = $4, rated = $5 where id = $1",
        qid,
        form.text.trim(),
        form.guidance.trim(),
        form.criterion_hint.trim(),
        !form.is_conversation_only(),
    )
    .execute(&app.pool)
    .await?;
    auth.viewer.flash(FlashKind::Success, t.saved).await?;
    Ok(Redirect::to(&format!("/guides/{id}#question-{qid}")).into_response())
}

async fn delete_question(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path((id, qid)): Path<(Uuid, Uuid)>,
) -> Result<Redirect> {
    let q = find_question(&app.pool, id, qid).await?;
    sqlx::query!("delete from template_question where id = $1", qid,)
        .execute(&app.pool)
        .await?;
    let t = GuideText::get(auth.viewer.locale);
    auth.viewer
        .flash(FlashKind::Success, t.question_deleted)
        .await?;
    Ok(Redirect::to(&format!(
        "/guides/{id}#section-{}",
        q.section_id
    )))
}

async fn move_question(
    State(app): State<AppState>,
    _auth: Authorized<AdminOnly>,
    Path((id, qid)): Path<(Uuid, Uuid)>,
    Form(form): Form<MoveForm>,
) -> Result<Redirect> {
    let q = find_question(&app.pool, id, qid).await?;
    order::swap(
        &app.pool,
        order::QUESTIONS,
        q.section_id,
        qid,
        order::step(&form)?,
    )
    .await?;
    Ok(Redirect::to(&format!("/guides/{id}#question-{qid}")))
}
