//! Interview guides (templates): the admin lists, creates, copies and edits
//! them. Rounds copy a guide when planned (see `rounds::snapshot`).

mod editor;
mod order;
mod queries;
mod questions;
mod section_kind;
mod section_lead;
mod text;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get, routing::post};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::AdminOnly;
use crate::error::{Result, violated_constraint};
use crate::i18n::Locale;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::layout::Layout;
use crate::web::text::CommonText;
use queries::GuideRow;
pub use section_kind::SectionKind;
pub use section_lead::SectionLead;
pub use text::GuideText;

/// The default bokmål guide shipped in migrations/0007.
pub const DEFAULT_NB: Uuid = Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0001);
/// The default English guide shipped in migrations/0007.
pub const DEFAULT_EN: Uuid = Uuid::from_u128(0x0000_0000_0000_4000_8000_0000_0000_0002);

/// The default guide in `locale`.
pub fn default_guide(locale: Locale) -> Uuid {
    match locale {
        Locale::Nb => DEFAULT_NB,
        Locale::En => DEFAULT_EN,
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/guides", get(list).post(create))
        .route("/guides/new", get(new_form))
        .route("/guides/{id}/copy", post(copy))
        .merge(editor::router())
        .merge(questions::router())
}

#[derive(Template, WebTemplate)]
#[template(path = "guides/list.html")]
struct ListPage {
    layout: Layout,
    t: &'static GuideText,
    guides: Vec<GuideRow>,
}

async fn list(State(app): State<AppState>, auth: Authorized<AdminOnly>) -> Result<ListPage> {
    let t = GuideText::get(auth.viewer.locale);
    Ok(ListPage {
        layout: auth.viewer.layout(t.title).await?,
        t,
        guides: queries::list(&app.pool).await?,
    })
}

/// The guide's own fields, shared by the new-guide form and the editor.
#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct GuideForm {
    pub name: String,
    pub language: String,
    pub description: String,
}

pub fn validate(form: &GuideForm, locale: Locale) -> Result<Locale, FormErrors> {
    let t = GuideText::get(locale);
    let mut errors = FormErrors::default();
    if form.name.trim().is_empty() {
        errors.add("name", CommonText::get(locale).field_required);
    } else if crate::web::form::name_too_long(&form.name) {
        errors.add("name", CommonText::get(locale).name_too_long);
    }
    let max_description = crate::web::form::MAX_NOTE_CHARS;
    errors.check_length("description", &form.description, max_description, locale);
    let language = match form.language.as_str() {
        "nb" => Some(Locale::Nb),
        "en" => Some(Locale::En),
        _ => None,
    };
    if language.is_none() {
        errors.add("language", t.language_invalid);
    }
    match language {
        Some(language) if errors.is_empty() => Ok(language),
        _ => Err(errors),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "guides/new.html")]
struct NewPage {
    layout: Layout,
    t: &'static GuideText,
    form: GuideForm,
    errors: FormErrors,
}

async fn render_new(
    auth: &Authorized<AdminOnly>,
    form: GuideForm,
    errors: FormErrors,
) -> Result<Response> {
    let t = GuideText::get(auth.viewer.locale);
    let status = errors.status();
    let page = NewPage {
        layout: auth.viewer.layout(t.new_guide).await?,
        t,
        form,
        errors,
    };
    Ok((status, page).into_response())
}

async fn new_form(auth: Authorized<AdminOnly>) -> Result<Response> {
    let form = GuideForm {
        language: auth.viewer.locale.code().into(),
        ..GuideForm::default()
    };
    render_new(&auth, form, FormErrors::default()).await
}

async fn create(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Form(form): Form<GuideForm>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = GuideText::get(locale);
    let language = match validate(&form, locale) {
        Ok(language) => language,
        Err(errors) => return render_new(&auth, form, errors).await,
    };
    let name = form.name.trim();
    let inserted = queries::insert(
        &app.pool,
        name,
        language.code(),
        form.description.trim(),
        auth.user.id,
    )
    .await;
    match inserted {
        Ok(id) => {
            auth.viewer
                .flash(FlashKind::Success, t.created.replace("{name}", name))
                .await?;
            Ok(Redirect::to(&format!("/guides/{id}")).into_response())
        }
        Err(err) if violated_constraint(&err) == Some("interview_template_name_key") => {
            let mut errors = FormErrors::default();
            errors.add("name", t.name_taken);
            render_new(&auth, form, errors).await
        }
        Err(err) => Err(err.into()),
    }
}

async fn copy(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path(id): Path<Uuid>,
) -> Result<Redirect> {
    let t = GuideText::get(auth.viewer.locale);
    let (copy_id, name) = queries::copy(&app.pool, id, t.copy_suffix, auth.user.id).await?;
    auth.viewer
        .flash(FlashKind::Success, t.copied.replace("{name}", &name))
        .await?;
    Ok(Redirect::to(&format!("/guides/{copy_id}")))
}
