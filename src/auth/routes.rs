//! Sign-in, sign-out and the language switch.

use std::net::SocketAddr;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Utc;
use serde::Deserialize;

use crate::auth::extract::{LOCALE_KEY, SIGNED_IN_AT_KEY, USER_ID_KEY, Viewer, end_session};
use crate::auth::sso::ID_TOKEN_KEY;
use crate::auth::text::AuthText;
use crate::auth::throttle::{self, Claim};
use crate::auth::{password, users};
use crate::error::Result;
use crate::i18n::{Locale, one_or_many};
use crate::monitoring;
use crate::sso::Availability;
use crate::state::AppState;
use crate::web::csrf;
use crate::web::form::{Form, FormErrors};
use crate::web::layout::Layout;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(show_login).post(sign_in))
        .route("/logout", post(sign_out))
        .route("/locale", post(switch_locale))
        .merge(crate::auth::sso::router())
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/login.html")]
pub(super) struct LoginPage {
    layout: Layout,
    t: &'static AuthText,
    email: String,
    next: String,
    errors: FormErrors,
    notice: Option<&'static str>,
    /// The single sign-on button's label, when the provider is ready.
    sso_label: Option<String>,
    /// Single sign-on is configured, but its provider cannot be reached now.
    sso_unavailable: bool,
    passwords: bool,
}

impl LoginPage {
    /// The sign-in page, with what this installation offers (passwords, single sign-on).
    pub(super) async fn new(
        app: &AppState,
        viewer: &Viewer,
        next: String,
        errors: FormErrors,
    ) -> Result<LoginPage> {
        let t = AuthText::get(viewer.locale);
        let (sso_label, sso_unavailable) = match app.sso.availability().await {
            Availability::Off => (None, false),
            Availability::Unavailable => (None, true),
            Availability::Ready => (Some(app.sso.label.clone()), false),
        };
        Ok(LoginPage {
            layout: viewer.layout(t.sign_in_title).await?,
            t,
            email: String::new(),
            next,
            errors,
            notice: None,
            sso_label,
            sso_unavailable,
            passwords: app.config.sign_in.password_signin,
        })
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginQuery {
    next: String,
    signed_out: Option<String>,
}

async fn show_login(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(query): Query<LoginQuery>,
) -> Result<Response> {
    if viewer.user.is_some() {
        return Ok(Redirect::to(safe_return_path(&query.next)).into_response());
    }
    let t = AuthText::get(viewer.locale);
    let mut page = LoginPage::new(&app, &viewer, query.next, FormErrors::default()).await?;
    page.notice = query.signed_out.map(|_| t.signed_out);
    Ok(page.into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    email: String,
    password: String,
    next: String,
}

async fn sign_in(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    viewer: Viewer,
    Form(form): Form<LoginForm>,
) -> Result<Response> {
    let t = AuthText::get(viewer.locale);
    if !app.config.sign_in.password_signin {
        let mut errors = FormErrors::default();
        errors.add_general(t.passwords_off);
        return rerender(&app, &viewer, form, errors, StatusCode::FORBIDDEN).await;
    }
    let email = form.email.trim().to_lowercase();
    let mut errors = FormErrors::default();
    let common = crate::web::text::CommonText::get(viewer.locale);
    if email.is_empty() {
        errors.add("email", common.field_required);
    } else if crate::web::form::too_long(&email, crate::web::form::MAX_EMAIL_CHARS) {
        // No account has a longer address (see `Email`); such a value is not
        // worth a lookup or a throttle record.
        let limit = crate::web::form::MAX_EMAIL_CHARS;
        errors.add(
            "email",
            crate::web::form::too_long_message(limit, viewer.locale),
        );
    } else if !email.contains('@') || email.len() > crate::web::form::MAX_EMAIL_CHARS {
        errors.add("email", t.email_invalid);
    }
    if form.password.is_empty() {
        errors.add("password", common.field_required);
    }
    if !errors.is_empty() {
        return rerender(
            &app,
            &viewer,
            form,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }

    let client_ip = peer.ip().to_string();
    let attempt = match throttle::claim(&app.pool, &email, &client_ip).await? {
        Claim::Granted(attempt) => attempt,
        Claim::Paused(until) => {
            let minutes = ((until - Utc::now()).num_seconds().max(1) + 59) / 60;
            let text = one_or_many(minutes as usize, t.throttled_one, t.throttled);
            errors.add_general(text.replace("{minutes}", &minutes.to_string()));
            monitoring::sign_in_failure("password", "throttled");
            return rerender(&app, &viewer, form, errors, StatusCode::TOO_MANY_REQUESTS).await;
        }
    };

    let credentials = users::credentials(&app.pool, &email).await?;
    let stored_hash = credentials.as_ref().map(|c| c.password_hash.clone());
    let password_ok = password::verify(form.password.clone(), stored_hash).await?;
    let Some(account) = credentials.filter(|_| password_ok) else {
        errors.add_general(t.wrong_credentials);
        monitoring::sign_in_failure("password", "wrong_credentials");
        return rerender(&app, &viewer, form, errors, StatusCode::UNAUTHORIZED).await;
    };
    // Said only to someone who knew the password, and it stays a failed attempt:
    // a disabled account's pause count is not reset by it.
    if account.disabled {
        errors.add_general(t.account_disabled);
        monitoring::sign_in_failure("password", "account_disabled");
        return rerender(&app, &viewer, form, errors, StatusCode::FORBIDDEN).await;
    }
    throttle::succeeded(&app.pool, attempt).await?;
    start_session(&app, &viewer, account.id).await?;
    tracing::info!(user_id = %account.id, "signed in");
    Ok(Redirect::to(safe_return_path(&form.next)).into_response())
}

/// Signs the account in on this session, by password or single sign-on alike.
pub(super) async fn start_session(
    app: &AppState,
    viewer: &Viewer,
    account_id: uuid::Uuid,
) -> Result<()> {
    // A new session id at sign-in defeats session fixation; a new token likewise.
    let session = &viewer.session;
    session.cycle_id().await?;
    session.insert(USER_ID_KEY, account_id).await?;
    session
        .insert(SIGNED_IN_AT_KEY, Utc::now().timestamp())
        .await?;
    if let Some(user) = users::find_active(&app.pool, account_id).await? {
        session.insert(LOCALE_KEY, user.locale).await?;
    }
    csrf::rotate(session).await?;
    Ok(())
}

async fn rerender(
    app: &AppState,
    viewer: &Viewer,
    form: LoginForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response> {
    let mut page = LoginPage::new(app, viewer, form.next, errors).await?;
    page.email = form.email;
    Ok((status, page).into_response())
}

async fn sign_out(State(app): State<AppState>, viewer: Viewer) -> Result<Redirect> {
    if let Some(user) = &viewer.user {
        tracing::info!(user_id = %user.id, "signed out");
    }
    let locale = viewer.locale;
    let id_token = viewer.session.get::<String>(ID_TOKEN_KEY).await?;
    end_session(&viewer.session).await?;
    // Keep the language choice for the sign-in page that follows.
    viewer.session.insert(LOCALE_KEY, locale).await?;
    // Signed in through the provider: end its session too, where it offers that.
    if let Some(id_token) = id_token {
        let back_to = format!(
            "{}/login?signed_out=1",
            app.config.mail.public_url.trim_end_matches('/')
        );
        if let Some(url) = app.sso.logout_url(&id_token, &back_to).await {
            return Ok(Redirect::to(&url));
        }
    }
    Ok(Redirect::to("/login?signed_out=1"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LocaleForm {
    lang: String,
    next: String,
}

async fn switch_locale(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<LocaleForm>,
) -> Result<Redirect> {
    let locale = Locale::parse(&form.lang).unwrap_or(viewer.locale);
    viewer.session.insert(LOCALE_KEY, locale).await?;
    if let Some(user) = &viewer.user {
        users::set_locale(&app.pool, user.id, locale).await?;
    }
    Ok(Redirect::to(safe_return_path(&form.next)))
}

/// Only paths on this site: never another host, so sign-in cannot be used to
/// send people elsewhere. Browsers drop tabs and line breaks inside a URL, so
/// a path with control characters or spaces could become `//host`; refused too.
pub fn safe_return_path(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control() || c.is_whitespace());
    if local { next } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn return_paths_stay_on_this_site() {
        assert_eq!(safe_return_path("/positions/1"), "/positions/1");
        assert_eq!(safe_return_path("https://evil.example"), "/");
        assert_eq!(safe_return_path("//evil.example"), "/");
        assert_eq!(safe_return_path("/\\evil.example"), "/");
        assert_eq!(safe_return_path("/\t/evil.example"), "/");
        assert_eq!(safe_return_path("/\n/evil.example"), "/");
        assert_eq!(safe_return_path("/ /evil.example"), "/");
        assert_eq!(safe_return_path("/rounds/1?x=1"), "/rounds/1?x=1");
        assert_eq!(safe_return_path(""), "/");
    }
}
