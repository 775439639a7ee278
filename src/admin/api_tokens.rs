//! Admin: create and revoke the API's bearer tokens. A new token is shown once,
//! on the page that answers its creation; only its hash is stored.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get, routing::post};
use serde::Deserialize;
use uuid::Uuid;

use crate::admin::text::AdminText;
use crate::api::token::{self, TokenRow, TokenScope};
use crate::auth::Authorized;
use crate::auth::role::AdminOnly;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors, name_too_long};
use crate::web::format;
use crate::web::layout::Layout;
use crate::web::text::CommonText;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/api-tokens", get(list).post(create))
        .route("/admin/api-tokens/{id}/revoke", post(revoke))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TokenForm {
    name: String,
    scope: String,
    /// Names this form, so posting it twice makes one token.
    form_id: String,
}

impl TokenForm {
    fn fresh() -> Self {
        TokenForm {
            scope: TokenScope::Read.code().into(),
            form_id: Uuid::new_v4().to_string(),
            ..TokenForm::default()
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "admin/api_tokens.html")]
struct TokensPage {
    layout: Layout,
    t: &'static AdminText,
    tokens: Vec<TokenRow>,
    form: TokenForm,
    errors: FormErrors,
    /// The secret of the token just created: shown this once.
    created: Option<String>,
    /// The form was posted again after its token was made.
    already_created: bool,
    scopes: Vec<(&'static str, &'static str)>,
}

impl TokensPage {
    fn scope_label(&self, scope: &TokenScope) -> &'static str {
        match scope {
            TokenScope::Read => self.t.scope_read,
            TokenScope::Write => self.t.scope_write,
        }
    }

    fn created(&self, row: &TokenRow) -> String {
        format::date(row.created_at)
    }

    fn last_used(&self, row: &TokenRow) -> String {
        row.last_used_at
            .map(format::date)
            .unwrap_or_else(|| "–".into())
    }
}

async fn page(
    app: &AppState,
    auth: &Authorized<AdminOnly>,
    form: TokenForm,
    errors: FormErrors,
    created: Option<String>,
) -> Result<TokensPage> {
    page_with(app, auth, form, errors, created, false).await
}

async fn page_with(
    app: &AppState,
    auth: &Authorized<AdminOnly>,
    form: TokenForm,
    errors: FormErrors,
    created: Option<String>,
    already_created: bool,
) -> Result<TokensPage> {
    let t = AdminText::get(auth.viewer.locale);
    Ok(TokensPage {
        layout: auth.viewer.layout(t.tokens_title).await?,
        t,
        tokens: token::list(&app.pool).await?,
        form,
        errors,
        created,
        already_created,
        scopes: vec![
            (TokenScope::Read.code(), t.scope_read),
            (TokenScope::Write.code(), t.scope_write),
        ],
    })
}

async fn list(State(app): State<AppState>, auth: Authorized<AdminOnly>) -> Result<TokensPage> {
    page(&app, &auth, TokenForm::fresh(), FormErrors::default(), None).await
}

fn validate(
    form: &TokenForm,
    t: &AdminText,
    common: &CommonText,
) -> Result<TokenScope, FormErrors> {
    let mut errors = FormErrors::default();
    if form.name.trim().is_empty() {
        errors.add("name", common.field_required);
    } else if name_too_long(&form.name) {
        errors.add("name", common.name_too_long);
    }
    let scope = TokenScope::parse(&form.scope);
    if scope.is_none() {
        errors.add("scope", t.scope_invalid);
    }
    match scope {
        Some(scope) if errors.is_empty() => Ok(scope),
        _ => Err(errors),
    }
}

async fn create(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Form(form): Form<TokenForm>,
) -> Result<Response> {
    let t = AdminText::get(auth.viewer.locale);
    let common = CommonText::get(auth.viewer.locale);
    let scope = match validate(&form, t, common) {
        Ok(scope) => scope,
        Err(errors) => {
            let page = page(&app, &auth, form, errors, None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    // A form without an id (an old page, a script) still makes exactly one token.
    let form_id = Uuid::parse_str(form.form_id.trim()).unwrap_or_else(|_| Uuid::new_v4());
    let created = token::create_once(&app.pool, &form.name, scope, auth.user.id, form_id).await?;
    let Some(secret) = created else {
        let page = page_with(
            &app,
            &auth,
            TokenForm::fresh(),
            FormErrors::default(),
            None,
            true,
        )
        .await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    };
    tracing::info!(scope = scope.code(), "API token created");
    let page = page(
        &app,
        &auth,
        TokenForm::fresh(),
        FormErrors::default(),
        Some(secret),
    )
    .await?;
    Ok((StatusCode::CREATED, page).into_response())
}

async fn revoke(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
    Path(id): Path<Uuid>,
) -> Result<Redirect> {
    let t = AdminText::get(auth.viewer.locale);
    if !token::revoke(&app.pool, id, auth.user.id).await? {
        return Err(AppError::NotFound);
    }
    tracing::info!(token_id = %id, "API token revoked");
    auth.viewer
        .flash(FlashKind::Success, t.token_revoked)
        .await?;
    Ok(Redirect::to("/admin/api-tokens"))
}
