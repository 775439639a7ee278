//! Candidates: added and edited by hand or imported from CSV, the candidate
//! page, and status changes with their history.

pub mod fields;
mod import;
pub(crate) mod import_file;
pub(crate) mod import_rows;
pub(crate) mod queries;
pub mod status;
pub(crate) mod text;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get, routing::post};
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::email::Email;
use crate::auth::role::Staff;
use crate::error::{Result, violated_constraint};
use crate::i18n::Locale;
use crate::positions::access::{OpenPosition, OwnedCandidate, PositionHead};
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::layout::Layout;
use crate::web::text::CommonText;
use fields::{CandidateField, CandidateValues};
pub use text::CandidateText;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/positions/{id}/candidates", post(create))
        .route("/positions/{id}/candidates/new", get(new_form))
        .route("/candidates/{id}", post(update))
        .route("/candidates/{id}/edit", get(edit_form))
        .merge(import::router())
}

/// The email to store (lower-cased, or empty), or the errors to show.
fn validate(form: &CandidateValues, locale: Locale) -> Result<String, FormErrors> {
    let t = CandidateText::get(locale);
    let mut errors = FormErrors::default();
    if form.name.trim().is_empty() {
        errors.add("name", CommonText::get(locale).field_required);
    }
    for field in CandidateField::ALL {
        errors.check_length(field.code(), form.value(field), field.max_chars(), locale);
    }
    let email = if form.email.trim().is_empty() {
        String::new()
    } else {
        match Email::try_from(form.email.as_str()) {
            Ok(email) => email.as_str().to_owned(),
            Err(_) => {
                errors.add("email", t.email_invalid);
                String::new()
            }
        }
    };
    errors.into_result(email)
}

#[derive(Template, WebTemplate)]
#[template(path = "candidates/form.html")]
struct FormPage {
    layout: Layout,
    t: &'static CandidateText,
    position: PositionHead,
    form: CandidateValues,
    errors: FormErrors,
    action: String,
    cancel: String,
    is_new: bool,
}

async fn render_form(
    auth: &Authorized<Staff>,
    position: PositionHead,
    form: CandidateValues,
    errors: FormErrors,
    candidate_id: Option<Uuid>,
) -> Result<Response> {
    let t = CandidateText::get(auth.viewer.locale);
    let status = errors.status();
    let (action, cancel) = match candidate_id {
        Some(id) => (format!("/candidates/{id}"), format!("/candidates/{id}")),
        None => (
            format!("/positions/{}/candidates", position.position_id),
            format!("/positions/{}#candidates", position.position_id),
        ),
    };
    let title = if candidate_id.is_some() {
        t.edit_candidate
    } else {
        t.new_candidate
    };
    let page = FormPage {
        layout: auth.viewer.layout(title).await?,
        t,
        position,
        form,
        errors,
        action,
        cancel,
        is_new: candidate_id.is_none(),
    };
    Ok((status, page).into_response())
}

async fn new_form(
    auth: Authorized<Staff>,
    OpenPosition(position): OpenPosition,
) -> Result<Response> {
    render_form(
        &auth,
        position,
        CandidateValues::default(),
        FormErrors::default(),
        None,
    )
    .await
}

async fn create(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OpenPosition(position): OpenPosition,
    Form(form): Form<CandidateValues>,
) -> Result<Response> {
    save(&app.pool, &auth, position, form, None).await
}

async fn edit_form(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedCandidate { id, head }: OwnedCandidate,
) -> Result<Response> {
    let position = head.require_open(&auth.user)?;
    let c = queries::find(&app.pool, id).await?;
    let form = CandidateValues {
        name: c.name,
        email: c.email,
        phone: c.phone,
        source: c.source,
        first_round_summary: c.first_round_summary,
        open_questions: c.open_questions,
    };
    render_form(&auth, position, form, FormErrors::default(), Some(id)).await
}

async fn update(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedCandidate { id, head }: OwnedCandidate,
    Form(form): Form<CandidateValues>,
) -> Result<Response> {
    let position = head.require_open(&auth.user)?;
    save(&app.pool, &auth, position, form, Some(id)).await
}

async fn save(
    pool: &PgPool,
    auth: &Authorized<Staff>,
    position: PositionHead,
    form: CandidateValues,
    candidate_id: Option<Uuid>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = CandidateText::get(locale);
    let email = match validate(&form, locale) {
        Ok(email) => email,
        Err(errors) => return render_form(auth, position, form, errors, candidate_id).await,
    };
    // Trimmed to store; the form, if refused, comes back as typed.
    let mut values = form.clone();
    values.trim();
    let input = values.input(&email);
    let stored = match candidate_id {
        Some(id) => queries::update(pool, id, &input).await.map(|()| id),
        None => queries::insert(pool, position.position_id, &input, auth.user.id).await,
    };
    match stored {
        Ok(id) => {
            let message = match candidate_id {
                Some(_) => t.saved.to_owned(),
                None => t.added.replace("{name}", input.name),
            };
            auth.viewer.flash(FlashKind::Success, message).await?;
            Ok(Redirect::to(&format!("/candidates/{id}")).into_response())
        }
        Err(err) if violated_constraint(&err) == Some("candidate_email_key") => {
            let mut errors = FormErrors::default();
            errors.add("email", t.email_taken);
            render_form(auth, position, form, errors, candidate_id).await
        }
        Err(err) => Err(err.into()),
    }
}
