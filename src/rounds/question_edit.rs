//! Editing a round's question text and guidance before the first rating, so the
//! hiring manager or the subject-matter expert can write the real case into the
//! practical-case question. Audited; locked as soon as anyone has rated.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get};
use serde::Deserialize;
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::auth::role::AnyRole;
use crate::auth::{Authorized, Role, SessionUser};
use crate::domain::RoundStatus;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::positions::access::may_manage;
use crate::rounds::text::RoundText;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors, MAX_NOTE_CHARS};
use crate::web::layout::Layout;

pub fn router() -> Router<AppState> {
    Router::new().route("/rounds/{id}/questions/{qid}/edit", get(edit).post(update))
}

/// Who may edit a round's questions: an admin, the position's hiring manager,
/// and a subject-matter expert seated on the round's panel.
pub fn may_edit(user: &SessionUser, hiring_manager_id: Uuid, expert_on_panel: bool) -> bool {
    user.role == Role::Admin || user.id == hiring_manager_id || expert_on_panel
}

/// What one user may do with one round's questions.
#[derive(Debug, Clone, Copy)]
pub struct QuestionAccess {
    pub may_edit: bool,
    /// Someone has rated (or the round has moved on): the questions stay as they are.
    pub locked: bool,
    /// The user may open the round page (else they edit from the walk-through).
    may_manage: bool,
}

impl QuestionAccess {
    /// Whether the edit links and forms are offered.
    pub fn editable(&self) -> bool {
        self.may_edit && !self.locked
    }
}

/// The user's access to the round's questions; 404 for an unknown round.
pub async fn access(pool: &PgPool, user: &SessionUser, round_id: Uuid) -> Result<QuestionAccess> {
    let row = sqlx::query!(
        r#"select p.hiring_manager_id, r.status as "status: RoundStatus",
                exists (select 1 from panel_member pm where pm.round_id = r.id and pm.user_id = $2
                          and pm.panel_role = 'subject_matter_expert') as "expert!",
                exists (select 1 from rating ra join round_question q on q.id = ra.round_question_id
                         where q.round_id = r.id) as "rated!"
         from interview_round r
         join candidate c on c.id = r.candidate_id
         join position p on p.id = c.position_id
         where r.id = $1"#,
        round_id,
        user.id,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(QuestionAccess {
        may_edit: may_edit(user, row.hiring_manager_id, row.expert),
        locked: row.rated || !row.status.plan_editable(),
        may_manage: may_manage(user, row.hiring_manager_id),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct QuestionForm {
    text: String,
    guidance: String,
}

impl QuestionForm {
    fn errors(&self, locale: Locale) -> FormErrors {
        let mut errors = FormErrors::default();
        if self.text.trim().is_empty() {
            errors.add("text", RoundText::get(locale).question_required);
        }
        errors.check_length("text", &self.text, MAX_NOTE_CHARS, locale);
        errors.check_length("guidance", &self.guidance, MAX_NOTE_CHARS, locale);
        errors
    }
}

/// One question of the round, with its place in the walk-through (1-based).
struct Question {
    section_title: String,
    text: String,
    guidance: String,
    n: i64,
}

async fn question(pool: &PgPool, round_id: Uuid, qid: Uuid) -> Result<Question> {
    sqlx::query_as!(
        Question,
        r#"select section_title, text, guidance, n as "n!" from (
             select id, section_title, text, guidance,
                    row_number() over (order by section_order, question_order) as n
             from round_question where round_id = $1) q
         where id = $2"#,
        round_id,
        qid,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

#[derive(Template, WebTemplate)]
#[template(path = "rounds/question.html")]
struct QuestionPage {
    layout: Layout,
    t: &'static RoundText,
    action: String,
    /// Where "back" and "cancel" go, and where a save returns to.
    back: String,
    section_title: String,
    form: QuestionForm,
    errors: FormErrors,
}

/// Where an editor returns to: the round page for those who manage the round,
/// else the question in their walk-through.
fn back(access: &QuestionAccess, round_id: Uuid, qid: Uuid, n: i64) -> String {
    if access.may_manage {
        format!("/rounds/{round_id}#question-{qid}")
    } else {
        format!("/rounds/{round_id}/interview/{n}")
    }
}

/// The question, if `user` may edit it now: 404, 403 or 409 otherwise.
async fn editable(
    pool: &PgPool,
    auth: &Authorized<AnyRole>,
    (round_id, qid): (Uuid, Uuid),
) -> Result<(QuestionAccess, Question)> {
    let access = access(pool, &auth.user, round_id).await?;
    if !access.may_edit {
        return Err(AppError::Forbidden);
    }
    let question = question(pool, round_id, qid).await?;
    if access.locked {
        let t = RoundText::get(auth.viewer.locale);
        return Err(AppError::Conflict(t.questions_locked.into()));
    }
    Ok((access, question))
}

async fn render(
    auth: &Authorized<AnyRole>,
    (round_id, qid): (Uuid, Uuid),
    back: String,
    section_title: String,
    (form, errors): (QuestionForm, FormErrors),
) -> Result<Response> {
    let t = RoundText::get(auth.viewer.locale);
    let status = errors.status();
    let page = QuestionPage {
        layout: auth.viewer.layout(t.edit_question_title).await?,
        t,
        action: format!("/rounds/{round_id}/questions/{qid}/edit"),
        back,
        section_title,
        form,
        errors,
    };
    Ok((status, page).into_response())
}

async fn edit(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path(ids): Path<(Uuid, Uuid)>,
) -> Result<Response> {
    let (access, question) = editable(&app.pool, &auth, ids).await?;
    let back = back(&access, ids.0, ids.1, question.n);
    let form = QuestionForm {
        text: question.text,
        guidance: question.guidance,
    };
    let fields = (form, FormErrors::default());
    render(&auth, ids, back, question.section_title, fields).await
}

async fn update(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path(ids): Path<(Uuid, Uuid)>,
    Form(form): Form<QuestionForm>,
) -> Result<Response> {
    let (access, question) = editable(&app.pool, &auth, ids).await?;
    let t = RoundText::get(auth.viewer.locale);
    let back = back(&access, ids.0, ids.1, question.n);
    let errors = form.errors(auth.viewer.locale);
    if !errors.is_empty() {
        return render(&auth, ids, back, question.section_title, (form, errors)).await;
    }
    let edit = Edit {
        round_id: ids.0,
        question_id: ids.1,
        actor_id: auth.user.id,
        text: form.text.trim(),
        guidance: form.guidance.trim(),
    };
    match edit.save(&app.pool).await? {
        EditOutcome::Saved | EditOutcome::Unchanged => {
            auth.viewer
                .flash(FlashKind::Success, t.question_saved)
                .await?;
            Ok(Redirect::to(&back).into_response())
        }
        EditOutcome::Locked => Err(AppError::Conflict(t.questions_locked.into())),
    }
}

/// A new text and guidance for one question of a round.
pub struct Edit<'a> {
    pub round_id: Uuid,
    pub question_id: Uuid,
    pub actor_id: Uuid,
    pub text: &'a str,
    pub guidance: &'a str,
}

#[derive(Debug, PartialEq, Eq)]
pub enum EditOutcome {
    Saved,
    /// The question already read so; nothing was written.
    Unchanged,
    /// A rating exists on the round (or it has moved past planning).
    Locked,
}

impl Edit<'_> {
    /// Stores the edit with its audit event, unless the round is locked. The
    /// round row is locked first: the round's first rating locks it too (to
    /// start the round), so an edit and that rating never pass each other.
    pub async fn save(&self, pool: &PgPool) -> Result<EditOutcome> {
        let mut tx = pool.begin().await?;
        let status = sqlx::query_scalar!(
            r#"select status as "status: RoundStatus" from interview_round where id = $1 for update"#,
            self.round_id,
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        let rated: bool = sqlx::query_scalar!(
            r#"select exists (select 1 from rating ra join round_question q on q.id = ra.round_question_id
                               where q.round_id = $1) as "exists!""#,
            self.round_id,
        )
        .fetch_one(&mut *tx)
        .await?;
        if rated || !status.plan_editable() {
            return Ok(EditOutcome::Locked);
        }
        let before = sqlx::query!(
            "select text, guidance from round_question where id = $1 and round_id = $2 for update",
            self.question_id,
            self.round_id,
        )
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        if before.text == self.text && before.guidance == self.guidance {
            return Ok(EditOutcome::Unchanged);
        }
        sqlx::query!(
            "update round_question set text = $2, guidance = $3 where id = $1",
            self.question_id,
            self.text,
            self.guidance,
        )
        .execute(&mut *tx)
        .await?;
        let change = Change {
            actor_id: self.actor_id,
            entity: "round_question",
            entity_id: self.question_id,
            action: "updated",
            before: Some(
                json!({ "round_id": self.round_id, "text": before.text, "guidance": before.guidance }),
            ),
            after: Some(
                json!({ "round_id": self.round_id, "text": self.text, "guidance": self.guidance }),
            ),
        };
        audit::record(&mut tx, change).await?;
        tx.commit().await?;
        Ok(EditOutcome::Saved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> SessionUser {
        SessionUser {
            id: Uuid::new_v4(),
            email: "someone@example.no".into(),
            display_name: "Someone".into(),
            role,
            locale: Locale::En,
        }
    }

    #[test]
    fn the_hiring_manager_the_expert_and_admins_may_edit_questions() {
        let manager = user(Role::Manager);
        assert!(may_edit(&manager, manager.id, false));
        assert!(!may_edit(&manager, Uuid::new_v4(), false));
        assert!(may_edit(&user(Role::Panelist), Uuid::new_v4(), true));
        assert!(may_edit(&user(Role::Admin), Uuid::new_v4(), false));
        assert!(!may_edit(&user(Role::Hr), Uuid::new_v4(), false));
        assert!(!may_edit(&user(Role::Panelist), Uuid::new_v4(), false));
    }
}
