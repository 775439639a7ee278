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
    /// A section form sent back with what was typed and why it was refused.
    refused: Option<RefusedSection>,
}

/// A refused section form: the section it edits (`None` for a new one), the
/// values as posted and the problem beside each field.
pub struct RefusedSection {
    section: Option<Uuid>,
    form: SectionForm,
    errors: FormErrors,
}

impl EditPage {
    fn questions_of(&self, section: &Section) -> Vec<&Question> {
        self.questions
            .iter()
            .filter(|q| q.section_id == section.id)
            .collect()
    }

    /// The refused form when it belongs to `section` (`None`: the new-section form).
    fn refused_for(&self, section: Option<Uuid>) -> Option<&RefusedSection> {
        self.refused.as_ref().filter(|r| r.section == section)
    }

    fn title_of<'a>(&'a self, section: &'a Section) -> &'a str {
        self.refused_for(Some(section.id))
            .map_or(&section.title, |r| &r.form.title)
    }

    fn new_title(&self) -> &str {
        self.refused_for(None).map_or("", |r| &r.form.title)
    }

    /// Whether `kind` is the one shown chosen in the form of `section`.
    fn kind_chosen(&self, section: Option<&Section>, kind: &SectionKind) -> bool {
        match self.refused_for(section.map(|s| s.id)) {
            Some(refused) => refused.form.kind.trim() == kind.code(),
            None => section.map_or(SectionKind::General, |s| s.kind) == *kind,
        }
    }

    fn lead_chosen(&self, section: Option<&Section>, lead: &SectionLead) -> bool {
        match self.refused_for(section.map(|s| s.id)) {
            Some(refused) => refused.form.led_by.trim() == lead.code(),
            None => section.map_or(SectionLead::Everyone, |s| s.led_by) == *lead,
        }
    }

    /// The problem with `field` of the form of `section`, if it was refused.
    fn section_error(&self, section: Option<&Section>, field: &str) -> Option<&str> {
        self.refused_for(section.map(|s| s.id))?.errors.get(field)
    }
}

async fn render(
    pool: &PgPool,
    auth: &Authorized<AdminOnly>,
    id: Uuid,
    (form, errors): (GuideForm, FormErrors),
    refused: Option<RefusedSection>,
) -> Result<Response> {
    let t = GuideText::get(auth.viewer.locale);
    let status = if errors.is_empty() && refused.is_none() {
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
        refused,
    };
    Ok((status, page).into_response())
}

async fn show(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let form = saved_form(queries::find(&app.pool, id).await?);
    render(&app.pool, &auth, id, (form, FormErrors::default()), None).await
}

/// The details form as the guide is stored.
fn saved_form(guide: Guide) -> GuideForm {
    GuideForm {
        name: guide.name,
        language: guide.language.code().to_owned(),
        description: guide.description,
    }
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
        Err(errors) => return render(&app.pool, &auth, id, (form, errors), None).await,
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
            render(&app.pool, &auth, id, (form, errors), None).await
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SectionForm {
    title: String,
    kind: String,
    /// Empty (a form from before sections had a lead) means everyone.
    led_by: String,
}

/// The editor again (422), the refused section form showing what was typed
/// and the problem beside each field.
async fn refuse(
    pool: &PgPool,
    auth: &Authorized<AdminOnly>,
    (id, guide): (Uuid, Guide),
    refused: RefusedSection,
) -> Result<Response> {
    let details = (saved_form(guide), FormErrors::default());
    render(pool, auth, id, details, Some(refused)).await
}

fn valid_section(
    form: &SectionForm,
    locale: Locale,
) -> std::result::Result<(SectionKind, SectionLead), FormErrors> {
    let t = GuideText::get(locale);
    let mut errors = FormErrors::default();
    if form.title.trim().is_empty() {
        errors.add("title", t.section_title_required);
    } else if too_long(&form.title, MAX_NAME_CHARS) {
        errors.add("title", too_long_message(MAX_NAME_CHARS, locale));
    }
    let kind = SectionKind::parse(&form.kind);
    if kind.is_none() {
        errors.add("kind", t.kind_invalid);
    }
    let lead = match form.led_by.trim() {
        "" => Some(SectionLead::Everyone),
        code => SectionLead::parse(code),
    };
    if lead.is_none() {
        errors.add("led_by", t.lead_invalid);
    }
    match (kind, lead) {
        (Some(kind), Some(lead)) if errors.is_empty() => Ok((kind, lead)),
        _ => Err(errors),
    }
}

async fn add_section(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path(id): Path<Uuid>,
    Form(form): Form<SectionForm>,
) -> Result<Response> {
    let guide = queries::find(&app.pool, id).await?;
    let t = GuideText::get(auth.viewer.locale);
    let (kind, lead) = match valid_section(&form, auth.viewer.locale) {
        Ok(valid) => valid,
        Err(errors) => {
            let refused = RefusedSection {
                section: None,
                form,
                errors,
            };
            return refuse(&app.pool, &auth, (id, guide), refused).await;
        }
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
    Ok(Redirect::to(&format!("/guides/{id}#section-{sid}")).into_response())
}

async fn update_section(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path((id, sid)): Path<(Uuid, Uuid)>,
    Form(form): Form<SectionForm>,
) -> Result<Response> {
    let guide = queries::find(&app.pool, id).await?;
    queries::find_section(&app.pool, id, sid).await?;
    let t = GuideText::get(auth.viewer.locale);
    let (kind, lead) = match valid_section(&form, auth.viewer.locale) {
        Ok(valid) => valid,
        Err(errors) => {
            let refused = RefusedSection {
                section: Some(sid),
                form,
                errors,
            };
            return refuse(&app.pool, &auth, (id, guide), refused).await;
        }
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
    Ok(Redirect::to(&format!("/guides/{id}#section-{sid}")).into_response())
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
    queries::find_section(&app.pool, id, sid).await?;
    order::swap(&app.pool, order::SECTIONS, id, sid, order::step(&form)?).await?;
    Ok(Redirect::to(&format!("/guides/{id}#section-{sid}")))
}
