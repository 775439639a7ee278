//! The guide editor: the guide's name and language, its sections and their
//! questions, each changed with a plain form that works without JavaScript.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::get, routing::post};
use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::AppState;
use crate::auth::Authorized;
use crate::auth::role::AdminOnly;
use crate::error::{AppError, Result, violated_constraint};
use crate::guides::queries::{self, Guide, Question, Section};
use crate::guides::text::{GuideText, KINDS};
use crate::guides::{GuideForm, validate};
use crate::web::flash::FlashKind;
use crate::web::form::FormErrors;
use crate::web::layout::Layout;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/guides/{id}", get(show).post(update))
        .route("/guides/{id}/sections", post(add_section))
        .route("/guides/{id}/sections/{sid}", post(update_section))
        .route("/guides/{id}/sections/{sid}/delete", post(delete_section))
        .route("/guides/{id}/sections/{sid}/move", post(move_section))
        .route("/guides/{id}/sections/{sid}/questions", post(add_question))
        .route("/guides/{id}/questions/{qid}", post(update_question))
        .route("/guides/{id}/questions/{qid}/edit", get(edit_question))
        .route("/guides/{id}/questions/{qid}/delete", post(delete_question))
        .route("/guides/{id}/questions/{qid}/move", post(move_question))
}

#[derive(Template, WebTemplate)]
#[template(path = "guides/edit.html")]
struct EditPage {
    layout: Layout,
    t: &'static GuideText,
    guide_id: Uuid,
    form: GuideForm,
    errors: FormErrors,
    sections: Vec<Section>,
    questions: Vec<Question>,
    kinds: &'static [&'static str],
}

impl EditPage {
    fn questions_of(&self, section: &Section) -> Vec<&Question> {
        self.questions
            .iter()
            .filter(|q| q.section_id == section.id)
            .collect()
    }
}

async fn render(
    pool: &PgPool,
    auth: &Authorized<AdminOnly>,
    id: Uuid,
    form: GuideForm,
    errors: FormErrors,
) -> Result<Response> {
    let t = GuideText::get(auth.viewer.locale);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = EditPage {
        layout: auth.viewer.layout(form.name.clone()).await?,
        t,
        guide_id: id,
        sections: queries::sections(pool, id).await?,
        questions: queries::questions(pool, id).await?,
        form,
        errors,
        kinds: &KINDS,
    };
    Ok((status, page).into_response())
}

async fn show(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let Guide {
        name,
        language,
        description,
    } = queries::find(&app.pool, id).await?;
    let form = GuideForm {
        name,
        language,
        description,
    };
    render(&app.pool, &auth, id, form, FormErrors::default()).await
}

async fn update(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path(id): Path<Uuid>,
    Form(form): Form<GuideForm>,
) -> Result<Response> {
    queries::find(&app.pool, id).await?;
    let locale = auth.viewer.locale;
    let t = GuideText::get(locale);
    let language = match validate(&form, locale) {
        Ok(language) => language,
        Err(errors) => return render(&app.pool, &auth, id, form, errors).await,
    };
    match queries::update(
        &app.pool,
        id,
        form.name.trim(),
        language.code(),
        form.description.trim(),
    )
    .await
    {
        Ok(()) => {
            auth.viewer.flash(FlashKind::Success, t.saved).await?;
            Ok(Redirect::to(&format!("/guides/{id}")).into_response())
        }
        Err(err) if violated_constraint(&err) == Some("interview_template_name_key") => {
            let mut errors = FormErrors::default();
            errors.add("name", t.name_taken);
            render(&app.pool, &auth, id, form, errors).await
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SectionForm {
    title: String,
    kind: String,
}

/// Back to the editor with an error message, for the small inline forms.
async fn refuse(auth: &Authorized<AdminOnly>, id: Uuid, message: &str) -> Result<Redirect> {
    auth.viewer.flash(FlashKind::Error, message).await?;
    Ok(Redirect::to(&format!("/guides/{id}")))
}

fn valid_section(form: &SectionForm, t: &GuideText) -> Result<(), &'static str> {
    if form.title.trim().is_empty() {
        Err(t.section_title_required)
    } else if !KINDS.contains(&form.kind.as_str()) {
        Err(t.kind_invalid)
    } else {
        Ok(())
    }
}

async fn add_section(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path(id): Path<Uuid>,
    Form(form): Form<SectionForm>,
) -> Result<Redirect> {
    queries::find(&app.pool, id).await?;
    let t = GuideText::get(auth.viewer.locale);
    if let Err(message) = valid_section(&form, t) {
        return refuse(&auth, id, message).await;
    }
    let sid: Uuid = sqlx::query_scalar(
        "insert into template_section (template_id, title, kind, sort_order)
         values ($1, $2, $3, (select coalesce(max(sort_order), 0) + 1 from template_section where template_id = $1))
         returning id",
    )
    .bind(id)
    .bind(form.title.trim())
    .bind(&form.kind)
    .fetch_one(&app.pool)
    .await?;
    auth.viewer
        .flash(FlashKind::Success, t.section_added)
        .await?;
    Ok(Redirect::to(&format!("/guides/{id}#section-{sid}")))
}

async fn update_section(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path((id, sid)): Path<(Uuid, Uuid)>,
    Form(form): Form<SectionForm>,
) -> Result<Redirect> {
    let t = GuideText::get(auth.viewer.locale);
    if let Err(message) = valid_section(&form, t) {
        return refuse(&auth, id, message).await;
    }
    let done = sqlx::query(
        "update template_section set title = $3, kind = $4 where id = $2 and template_id = $1",
    )
    .bind(id)
    .bind(sid)
    .bind(form.title.trim())
    .bind(&form.kind)
    .execute(&app.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    auth.viewer.flash(FlashKind::Success, t.saved).await?;
    Ok(Redirect::to(&format!("/guides/{id}#section-{sid}")))
}

async fn delete_section(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path((id, sid)): Path<(Uuid, Uuid)>,
) -> Result<Redirect> {
    let done = sqlx::query("delete from template_section where id = $2 and template_id = $1")
        .bind(id)
        .bind(sid)
        .execute(&app.pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    let t = GuideText::get(auth.viewer.locale);
    auth.viewer
        .flash(FlashKind::Success, t.section_deleted)
        .await?;
    Ok(Redirect::to(&format!("/guides/{id}")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MoveForm {
    direction: String,
}

fn step(form: &MoveForm) -> Result<i32> {
    match form.direction.as_str() {
        "up" => Ok(-1),
        "down" => Ok(1),
        _ => Err(AppError::Validation("direction must be up or down".into())),
    }
}

/// Swaps a row with its neighbour among its siblings (`parent` = `parent_id`),
/// renumbering first so equal orders still move. Table and column names are
/// constants of this module, never input.
async fn swap(
    pool: &PgPool,
    table: &str,
    parent: &str,
    parent_id: Uuid,
    id: Uuid,
    step: i32,
) -> Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query(&format!(
        "update {table} x set sort_order = o.n
         from (select id, row_number() over (order by sort_order, id) as n from {table} where {parent} = $1) o
         where x.id = o.id"
    ))
    .bind(parent_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "with me as (select sort_order from {table} where id = $2 and {parent} = $1)
         update {table} x
            set sort_order = case when x.id = $2 then x.sort_order + $3 else x.sort_order - $3 end
          where x.{parent} = $1
            and (x.id = $2 or x.sort_order = (select sort_order + $3 from me))
            and exists (select 1 from {table} n where n.{parent} = $1 and n.sort_order = (select sort_order + $3 from me))"
    ))
    .bind(parent_id)
    .bind(id)
    .bind(step)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn move_section(
    State(app): State<AppState>,
    _auth: Authorized<AdminOnly>,
    Path((id, sid)): Path<(Uuid, Uuid)>,
    Form(form): Form<MoveForm>,
) -> Result<Redirect> {
    swap(
        &app.pool,
        "template_section",
        "template_id",
        id,
        sid,
        step(&form)?,
    )
    .await?;
    Ok(Redirect::to(&format!("/guides/{id}#section-{sid}")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct QuestionForm {
    pub text: String,
    pub guidance: String,
    pub criterion_hint: String,
}

async fn add_question(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path((id, sid)): Path<(Uuid, Uuid)>,
    Form(form): Form<QuestionForm>,
) -> Result<Redirect> {
    let t = GuideText::get(auth.viewer.locale);
    if form.text.trim().is_empty() {
        return refuse(&auth, id, t.question_required).await;
    }
    let qid: Option<Uuid> = sqlx::query_scalar(
        "insert into template_question (section_id, text, guidance, criterion_hint, sort_order)
         select s.id, $3, $4, $5, (select coalesce(max(sort_order), 0) + 1 from template_question where section_id = s.id)
         from template_section s where s.id = $2 and s.template_id = $1
         returning id",
    )
    .bind(id)
    .bind(sid)
    .bind(form.text.trim())
    .bind(form.guidance.trim())
    .bind(form.criterion_hint.trim())
    .fetch_optional(&app.pool)
    .await?;
    let qid = qid.ok_or(AppError::NotFound)?;
    auth.viewer
        .flash(FlashKind::Success, t.question_added)
        .await?;
    Ok(Redirect::to(&format!("/guides/{id}#question-{qid}")))
}

#[derive(Template, WebTemplate)]
#[template(path = "guides/question.html")]
struct QuestionPage {
    layout: Layout,
    t: &'static GuideText,
    guide_id: Uuid,
    question_id: Uuid,
    form: QuestionForm,
    errors: FormErrors,
}

async fn find_question(pool: &PgPool, id: Uuid, qid: Uuid) -> Result<Question> {
    Ok(sqlx::query_as(
        "select q.id, q.section_id, q.text, q.guidance, q.criterion_hint
         from template_question q join template_section s on s.id = q.section_id
         where q.id = $2 and s.template_id = $1",
    )
    .bind(id)
    .bind(qid)
    .fetch_one(pool)
    .await?)
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
        guide_id: id,
        question_id: qid,
        form: QuestionForm {
            text: q.text,
            guidance: q.guidance,
            criterion_hint: q.criterion_hint,
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
    if form.text.trim().is_empty() {
        let mut errors = FormErrors::default();
        errors.add("text", t.question_required);
        let page = QuestionPage {
            layout: auth.viewer.layout(t.edit_question).await?,
            t,
            guide_id: id,
            question_id: qid,
            form,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    sqlx::query(
        "update template_question set text = $2, guidance = $3, criterion_hint = $4 where id = $1",
    )
    .bind(qid)
    .bind(form.text.trim())
    .bind(form.guidance.trim())
    .bind(form.criterion_hint.trim())
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
    sqlx::query("delete from template_question where id = $1")
        .bind(qid)
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
    swap(
        &app.pool,
        "template_question",
        "section_id",
        q.section_id,
        qid,
        step(&form)?,
    )
    .await?;
    Ok(Redirect::to(&format!("/guides/{id}#question-{qid}")))
}
