//! Positions: the list, creating and editing one, closing and reopening it,
//! and the position page with its requirement profile and candidates.

pub(crate) mod access;
mod criteria;
pub(crate) mod criterion;
pub(crate) mod queries;
mod status;
pub(crate) mod text;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get, routing::post};
use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::role::Staff;
use crate::auth::{Authorized, Role};
use crate::error::Result;
use crate::positions::access::{OpenPosition, OwnedPosition};
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors, MAX_DOCUMENT_CHARS, MAX_NAME_CHARS};
use crate::web::layout::Layout;
use crate::web::text::CommonText;
use queries::{ManagerOption, PositionInput, PositionRow};
pub use status::PositionStatus;
pub use text::PositionText;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/positions", get(list).post(create))
        .route("/positions/new", get(new_form).post(create))
        .route("/positions/{id}", post(update))
        .route("/positions/{id}/edit", get(edit_form))
        .route("/positions/{id}/close", post(close))
        .route("/positions/{id}/reopen", post(reopen))
        .merge(criteria::router())
}

#[derive(Template, WebTemplate)]
#[template(path = "positions/list.html")]
struct ListPage {
    layout: Layout,
    t: &'static PositionText,
    intro: &'static str,
    positions: Vec<PositionRow>,
    /// This page and how many there are (from 1).
    page: i64,
    pages: i64,
}

impl ListPage {
    fn page_of(&self) -> String {
        self.t
            .page_of
            .replace("{page}", &self.page.to_string())
            .replace("{pages}", &self.pages.to_string())
    }
}

/// Positions a page: HR and admins see every position of the organisation.
const POSITIONS_PER_PAGE: i64 = 50;

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    /// Kept as text: a page that is not a number shows the first.
    page: String,
}

async fn list(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    axum::extract::Query(query): axum::extract::Query<ListQuery>,
) -> Result<ListPage> {
    let t = PositionText::get(auth.viewer.locale);
    let total = queries::count(&app.pool, &auth.user).await?;
    let pages = ((total + POSITIONS_PER_PAGE - 1) / POSITIONS_PER_PAGE).max(1);
    // Out of range (or not a number): the nearest page there is.
    let page = query
        .page
        .trim()
        .parse::<i64>()
        .unwrap_or(1)
        .clamp(1, pages);
    Ok(ListPage {
        layout: auth.viewer.layout(t.title).await?,
        t,
        intro: if auth.user.role == Role::Manager {
            t.intro_own
        } else {
            t.intro_all
        },
        positions: queries::list(
            &app.pool,
            &auth.user,
            (POSITIONS_PER_PAGE, (page - 1) * POSITIONS_PER_PAGE),
        )
        .await?,
        page,
        pages,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PositionForm {
    title: String,
    department: String,
    description: String,
    hiring_manager_id: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "positions/form.html")]
struct FormPage {
    layout: Layout,
    t: &'static PositionText,
    form: PositionForm,
    errors: FormErrors,
    /// Empty for a manager, who always owns what they create.
    managers: Vec<ManagerOption>,
    action: String,
    is_new: bool,
}

async fn render_form(
    pool: &PgPool,
    auth: &Authorized<Staff>,
    form: PositionForm,
    errors: FormErrors,
    id: Option<Uuid>,
) -> Result<Response> {
    let t = PositionText::get(auth.viewer.locale);
    let managers = if auth.user.role == Role::Manager {
        Vec::new()
    } else {
        queries::managers(pool).await?
    };
    let status = errors.status();
    let page = FormPage {
        layout: auth
            .viewer
            .layout(if id.is_some() {
                t.edit_position
            } else {
                t.new_position
            })
            .await?,
        t,
        form,
        errors,
        managers,
        action: id.map_or("/positions".into(), |id| format!("/positions/{id}")),
        is_new: id.is_none(),
    };
    Ok((status, page).into_response())
}

async fn new_form(State(app): State<AppState>, auth: Authorized<Staff>) -> Result<Response> {
    let form = PositionForm {
        hiring_manager_id: auth.user.id.to_string(),
        ..PositionForm::default()
    };
    render_form(&app.pool, &auth, form, FormErrors::default(), None).await
}

/// The hiring manager a form may set: a manager always themselves; HR and
/// admin any active staff account.
async fn validate(
    pool: &PgPool,
    auth: &Authorized<Staff>,
    form: &PositionForm,
) -> Result<Result<Uuid, FormErrors>> {
    let locale = auth.viewer.locale;
    let mut errors = FormErrors::default();
    if form.title.trim().is_empty() {
        errors.add("title", CommonText::get(locale).field_required);
    }
    errors.check_length("title", &form.title, MAX_NAME_CHARS, locale);
    errors.check_length("department", &form.department, MAX_NAME_CHARS, locale);
    errors.check_length("description", &form.description, MAX_DOCUMENT_CHARS, locale);
    let manager = if auth.user.role == Role::Manager {
        Some(auth.user.id)
    } else {
        match Uuid::parse_str(form.hiring_manager_id.trim()) {
            Ok(id) if queries::is_manager_option(pool, id).await? => Some(id),
            _ => None,
        }
    };
    if manager.is_none() {
        errors.add(
            "hiring_manager_id",
            PositionText::get(locale).hiring_manager_invalid,
        );
    }
    Ok(match manager {
        Some(id) if errors.is_empty() => Ok(id),
        _ => Err(errors),
    })
}

async fn create(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    Form(form): Form<PositionForm>,
) -> Result<Response> {
    let manager = match validate(&app.pool, &auth, &form).await? {
        Ok(manager) => manager,
        Err(errors) => return render_form(&app.pool, &auth, form, errors, None).await,
    };
    let id = queries::insert(&app.pool, &input(&form, manager)).await?;
    tracing::info!(position_id = %id, "position created");
    let t = PositionText::get(auth.viewer.locale);
    let message = t.created.replace("{title}", form.title.trim());
    auth.viewer.flash(FlashKind::Success, message).await?;
    Ok(Redirect::to(&format!("/positions/{id}")).into_response())
}

fn input(form: &PositionForm, hiring_manager_id: Uuid) -> PositionInput<'_> {
    PositionInput {
        title: &form.title,
        department: &form.department,
        description: &form.description,
        hiring_manager_id,
    }
}

async fn edit_form(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OpenPosition(head): OpenPosition,
) -> Result<Response> {
    let id = head.position_id;
    let position = queries::find(&app.pool, id).await?;
    let form = PositionForm {
        title: position.title,
        department: position.department,
        description: position.description,
        hiring_manager_id: position.hiring_manager_id.to_string(),
    };
    render_form(&app.pool, &auth, form, FormErrors::default(), Some(id)).await
}

async fn update(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OpenPosition(head): OpenPosition,
    Form(mut form): Form<PositionForm>,
) -> Result<Response> {
    let id = head.position_id;
    if auth.user.role == Role::Manager {
        // A manager edits their own position and stays its owner.
        form.hiring_manager_id = head.hiring_manager_id.to_string();
    }
    let manager = match validate(&app.pool, &auth, &form).await? {
        Ok(manager) => manager,
        Err(errors) => return render_form(&app.pool, &auth, form, errors, Some(id)).await,
    };
    queries::update(&app.pool, id, &input(&form, manager)).await?;
    let t = PositionText::get(auth.viewer.locale);
    auth.viewer.flash(FlashKind::Success, t.saved).await?;
    Ok(Redirect::to(&format!("/positions/{id}")).into_response())
}

async fn close(
    state: State<AppState>,
    auth: Authorized<Staff>,
    position: OwnedPosition,
) -> Result<Redirect> {
    set_status(state, auth, position, PositionStatus::Closed).await
}

async fn reopen(
    state: State<AppState>,
    auth: Authorized<Staff>,
    position: OwnedPosition,
) -> Result<Redirect> {
    set_status(state, auth, position, PositionStatus::Open).await
}

async fn set_status(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedPosition(head): OwnedPosition,
    status: PositionStatus,
) -> Result<Redirect> {
    let id = head.position_id;
    queries::set_status(&app.pool, id, status).await?;
    let t = PositionText::get(auth.viewer.locale);
    let message = match status {
        PositionStatus::Closed => t.closed_flash,
        PositionStatus::Open => t.reopened_flash,
    };
    auth.viewer.flash(FlashKind::Success, message).await?;
    Ok(Redirect::to(&format!("/positions/{id}")))
}
