//! Admin: list, create, disable and enable user accounts.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get, routing::post};
use serde::Deserialize;
use uuid::Uuid;

use crate::admin::text::AdminText;
use crate::auth::email::Email;
use crate::auth::role::AdminOnly;
use crate::auth::users::{self, NewUser, UserListRow};
use crate::auth::{Authorized, Role, password};
use crate::error::{AppError, Result, violated_constraint};
use crate::i18n::Locale;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors, MAX_EMAIL_CHARS, MAX_NAME_CHARS};
use crate::web::format;
use crate::web::layout::Layout;
use crate::web::text::CommonText;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(list).post(create))
        .route("/admin/users/new", get(new_form))
        .route("/admin/users/{id}/disable", post(disable))
        .route("/admin/users/{id}/enable", post(enable))
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    t: &'static AdminText,
    users: Vec<UserListRow>,
    me: Uuid,
}

impl UsersPage {
    fn role_label(&self, role: &Role) -> &'static str {
        role.label(self.layout.locale)
    }

    fn created(&self, user: &UserListRow) -> String {
        format::date(user.created_at)
    }
}

async fn list(State(app): State<AppState>, auth: Authorized<AdminOnly>) -> Result<UsersPage> {
    let t = AdminText::get(auth.viewer.locale);
    Ok(UsersPage {
        layout: auth.viewer.layout(t.users_title).await?,
        t,
        users: users::list(&app.pool).await?,
        me: auth.user.id,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewUserForm {
    email: String,
    display_name: String,
    role: String,
    locale: String,
    password: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/user_form.html")]
struct NewUserPage {
    layout: Layout,
    t: &'static AdminText,
    form: NewUserForm,
    errors: FormErrors,
    roles: Vec<(&'static str, &'static str)>,
}

async fn new_form(auth: Authorized<AdminOnly>) -> Result<NewUserPage> {
    let form = NewUserForm {
        role: Role::Panelist.code().into(),
        locale: auth.viewer.locale.code().into(),
        ..NewUserForm::default()
    };
    render_form(&auth, form, FormErrors::default()).await
}

async fn render_form(
    auth: &Authorized<AdminOnly>,
    form: NewUserForm,
    errors: FormErrors,
) -> Result<NewUserPage> {
    let locale = auth.viewer.locale;
    let t = AdminText::get(locale);
    Ok(NewUserPage {
        layout: auth.viewer.layout(t.new_user).await?,
        t,
        form,
        errors,
        roles: Role::ALL
            .iter()
            .map(|role| (role.code(), role.label(locale)))
            .collect(),
    })
}

/// A new-user form parsed into valid values, or the errors to show beside the fields.
struct ValidNewUser {
    email: Email,
    role: Role,
    locale: Locale,
}

fn validate(form: &NewUserForm, locale: Locale) -> Result<ValidNewUser, FormErrors> {
    let t = AdminText::get(locale);
    let common = CommonText::get(locale);
    let mut errors = FormErrors::default();
    let email = Email::try_from(form.email.as_str());
    errors.check_length("email", &form.email, MAX_EMAIL_CHARS, locale);
    if email.is_err() {
        errors.add(
            "email",
            crate::auth::text::AuthText::get(locale).email_invalid,
        );
    }
    if form.display_name.trim().is_empty() {
        errors.add("display_name", common.field_required);
    }
    errors.check_length("display_name", &form.display_name, MAX_NAME_CHARS, locale);
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", t.role_invalid);
    }
    if form.password.chars().count() < password::MIN_LENGTH {
        errors.add("password", t.password_too_short);
    }
    match (email, role) {
        (Ok(email), Some(role)) if errors.is_empty() => Ok(ValidNewUser {
            email,
            role,
            locale: Locale::parse(&form.locale).unwrap_or(locale),
        }),
        _ => Err(errors),
    }
}

async fn create(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Form(form): Form<NewUserForm>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = AdminText::get(locale);
    let valid = match validate(&form, locale) {
        Ok(valid) => valid,
        Err(errors) => return invalid(&auth, form, errors).await,
    };
    let hash = password::hash(form.password.clone()).await?;
    let inserted = users::insert(
        &app.pool,
        NewUser {
            email: &valid.email,
            display_name: &form.display_name,
            role: valid.role,
            locale: valid.locale,
            password_hash: &hash,
        },
    )
    .await;
    match inserted {
        Ok(id) => {
            tracing::info!(user_id = %id, role = %valid.role, "user created");
            let message = t.user_created.replace("{email}", valid.email.as_str());
            auth.viewer.flash(FlashKind::Success, message).await?;
            Ok(Redirect::to("/admin/users").into_response())
        }
        Err(err) if violated_constraint(&err) == Some("app_user_email_key") => {
            let mut errors = FormErrors::default();
            errors.add("email", t.email_taken);
            invalid(&auth, form, errors).await
        }
        Err(err) => Err(err.into()),
    }
}

async fn invalid(
    auth: &Authorized<AdminOnly>,
    mut form: NewUserForm,
    errors: FormErrors,
) -> Result<Response> {
    // Never echo a password back into the page.
    form.password.clear();
    let page = render_form(auth, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn disable(
    state: State<AppState>,
    auth: Authorized<AdminOnly>,
    Path(id): Path<Uuid>,
) -> Result<Redirect> {
    set_disabled(state, auth, id, true).await
}

async fn enable(
    state: State<AppState>,
    auth: Authorized<AdminOnly>,
    Path(id): Path<Uuid>,
) -> Result<Redirect> {
    set_disabled(state, auth, id, false).await
}

async fn set_disabled(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    id: Uuid,
    disabled: bool,
) -> Result<Redirect> {
    let t = AdminText::get(auth.viewer.locale);
    if disabled && id == auth.user.id {
        auth.viewer
            .flash(FlashKind::Error, t.cannot_disable_self)
            .await?;
        return Ok(Redirect::to("/admin/users"));
    }
    let name: String = sqlx::query_scalar!("select display_name from app_user where id = $1", id,)
        .fetch_optional(&app.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    users::set_disabled(&app.pool, id, disabled).await?;
    tracing::info!(user_id = %id, disabled, "user access changed");
    let template = if disabled {
        t.user_disabled
    } else {
        t.user_enabled
    };
    auth.viewer
        .flash(FlashKind::Success, template.replace("{name}", &name))
        .await?;
    Ok(Redirect::to("/admin/users"))
}
