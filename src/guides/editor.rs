//! The guide editor: the guide's name and language, its sections and their
//! questions (see `questions`), each changed with a plain form that works
//! without JavaScript.

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
use crate::error::{AppError, Result, violated_constraint};
use crate::guides::order::{self, MoveForm};
use crate::guides::queries::{self, Guide, Question, Section};
use crate::guides::text::GuideText;
use crate::guides::{GuideForm, validate};
use crate::guides::{SectionKind, SectionLead};
use crate::i18n::Locale;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors, MAX_NAME_CHARS, too_long, too_long_message};
use crate::web::layout::Layout;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/guides/{id}", get(show).post(update))
        .route("/guides/{id}/sections", post(add_section))
        .route("/guides/{id}/sections/{sid}", post(update_section))
        .route("/guides/{id}/sections/{sid}/delete", post(delete_section))
        .route("/guides/{id}/sections/{sid}/move", post(move_section))
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
    kinds: &'static [SectionKind],
    leads: &'static [SectionLead],
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
        kinds: &SectionKind::ALL,
        leads: &SectionLead::ALL,
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
    /// Empty (a form from before sections had a lead) means everyone.
    led_by: String,
}

/// Back to the editor with an error message, for the small inline forms.
pub async fn refuse(auth: &Authorized<AdminOnly>, id: Uuid, message: &str) -> Result<Redirect> {
    auth.viewer.flash(FlashKind::Error, message).await?;
    Ok(Redirect::to(&format!("/guides/{id}")))
}

fn valid_section(form: &SectionForm, locale: Locale) -> Result<(SectionKind, SectionLead), String> {
    let t = GuideText::get(locale);
    if form.title.trim().is_empty() {
        return Err(t.section_title_required.into());
    } else if too_long(&form.title, MAX_NAME_CHARS) {
        return Err(too_long_message(MAX_NAME_CHARS, locale));
    }
    let kind = SectionKind::parse(&form.kind).ok_or(t.kind_invalid)?;
    let lead = match form.led_by.trim() {
        "" => SectionLead::Everyone,
        code => SectionLead::parse(code).ok_or(t.lead_invalid)?,
    };
    Ok((kind, lead))
}

async fn add_section(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path(id): Path<Uuid>,
    Form(form): Form<SectionForm>,
) -> Result<Redirect> {
    queries::find(&app.pool, id).await?;
    let t = GuideText::get(auth.viewer.locale);
    let (kind, lead) = match valid_section(&form, auth.viewer.locale) {
        Ok(valid) => valid,
        Err(message) => return refuse(&auth, id, &message).await,
    };
    let sid: Uuid = sqlx::query_scalar!(
        "insert into template_section (template_id, title, kind, led_by, sort_order)
         values ($1, $2, $3, $4, (select coalesce(max(sort_order), 0) + 1 from template_section where template_id = $1))
         returning id",
        id,
        form.title.trim(),
        kind.code(),
        lead.code(),
    )
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
    let (kind, lead) = match valid_section(&form, auth.viewer.locale) {
        Ok(valid) => valid,
        Err(message) => return refuse(&auth, id, &message).await,
    };
    let done = sqlx::query!(
        "update template_section set title = $3, kind = $4, led_by = $5 where id = $2 and template_id = $1",
        id,
        sid,
        form.title.trim(),
        kind.code(),
        lead.code(),
    )
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
    let done = sqlx::query!(
        "delete from template_section where id = $2 and template_id = $1",
        id,
        sid,
    )
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

async fn move_section(
    State(app): State<AppState>,
    _auth: Authorized<AdminOnly>,
    Path((id, sid)): Path<(Uuid, Uuid)>,
    Form(form): Form<MoveForm>,
) -> Result<Redirect> {
    order::swap(&app.pool, order::SECTIONS, id, sid, order::step(&form)?).await?;
    Ok(Redirect::to(&format!("/guides/{id}#section-{sid}")))
}
