//! Single sign-on's routes: off to the OpenID provider, and back. The protocol is
//! `sso`'s; here a vouched-for e-mail becomes a session, throttled and audited.

use std::net::SocketAddr;

use axum::Router;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::auth::email::Email;
use crate::auth::extract::Viewer;
use crate::auth::role::Role;
use crate::auth::routes::{LoginPage, safe_return_path, start_session};
use crate::auth::text::AuthText;
use crate::auth::throttle::{self, Claim};
use crate::auth::{password, users};
use crate::error::{AppError, Result};
use crate::i18n::{Locale, one_or_many};
use crate::monitoring;
use crate::sso::{Availability, Flow, Identity, Refusal};
use crate::state::AppState;
use crate::web::form::{Form, FormErrors};

/// The flow under way, between the two halves; taken out at the callback, so it serves once.
const FLOW_KEY: &str = "auth.sso_flow";
/// The ID token of a single sign-on session, for the provider's logout.
pub(crate) const ID_TOKEN_KEY: &str = "auth.id_token";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/oidc/start", post(start))
        // `sso::CALLBACK_PATH`, written out for the route scan of the tests.
        .route("/auth/oidc/callback", get(callback))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StartForm {
    next: String,
}

async fn start(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<StartForm>,
) -> Result<Response> {
    if matches!(app.sso.availability().await, Availability::Off) {
        return Err(AppError::NotFound);
    }
    let next = safe_return_path(&form.next).to_owned();
    let Some((url, flow)) = app.sso.start(next).await else {
        let t = AuthText::get(viewer.locale);
        return refuse(
            &app,
            &viewer,
            t.sso_unavailable.into(),
            StatusCode::SERVICE_UNAVAILABLE,
        )
        .await;
    };
    viewer.session.insert(FLOW_KEY, flow).await?;
    Ok(Redirect::to(&url).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Why a verified identity does not sign in.
enum Unmatched {
    Unverified,
    Unknown,
    Disabled,
}

async fn callback(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    viewer: Viewer,
    Query(query): Query<CallbackQuery>,
) -> Result<Response> {
    let client_ip = peer.ip().to_string();
    let t = AuthText::get(viewer.locale);
    let flow = viewer.session.remove::<Flow>(FLOW_KEY).await?;
    let identity = match verify(&app, flow, query).await {
        Ok(identity) => identity,
        Err(refusal) => {
            // No e-mail to count against: the failure counts against the address.
            let key = format!("sso:{client_ip}");
            throttle::claim(&app.pool, &key, &client_ip).await?;
            audit(&app, None, "sso_refused", refusal.code(), None, &client_ip).await?;
            monitoring::sign_in_failure("sso", refusal.code());
            let (message, status) = match refusal {
                Refusal::State => (t.sso_state, StatusCode::BAD_REQUEST),
                Refusal::ProviderError => (t.sso_provider_error, StatusCode::BAD_REQUEST),
                Refusal::Exchange => (t.sso_exchange, StatusCode::BAD_REQUEST),
                Refusal::Nonce | Refusal::Token => (t.sso_token, StatusCode::BAD_REQUEST),
                Refusal::Unavailable => (t.sso_unavailable, StatusCode::SERVICE_UNAVAILABLE),
            };
            return refuse(&app, &viewer, message.into(), status).await;
        }
    };
    let (identity, next) = identity;
    let Some(email) = identity.email.clone().filter(|_| identity.email_verified) else {
        throttle::claim(&app.pool, &format!("sso:{client_ip}"), &client_ip).await?;
        monitoring::sign_in_failure("sso", "email_unverified");
        let shown = identity.email.as_deref();
        audit(
            &app,
            None,
            "sso_refused",
            "email_unverified",
            shown,
            &client_ip,
        )
        .await?;
        return refuse(
            &app,
            &viewer,
            t.sso_unverified.into(),
            StatusCode::FORBIDDEN,
        )
        .await;
    };
    let attempt = match throttle::claim(&app.pool, &email, &client_ip).await? {
        Claim::Granted(attempt) => attempt,
        Claim::Paused(until) => {
            let minutes = ((until - chrono::Utc::now()).num_seconds().max(1) + 59) / 60;
            let text = one_or_many(minutes as usize, t.throttled_one, t.throttled);
            let text = text.replace("{minutes}", &minutes.to_string());
            monitoring::sign_in_failure("sso", "throttled");
            return refuse(&app, &viewer, text, StatusCode::TOO_MANY_REQUESTS).await;
        }
    };
    let account = match account_for(&app, &email, &identity).await? {
        Ok(id) => id,
        Err(unmatched) => {
            let (reason, message) = match unmatched {
                Unmatched::Unverified => ("email_unverified", t.sso_unverified.to_owned()),
                Unmatched::Unknown => ("unknown_account", t.sso_unknown.replace("{email}", &email)),
                Unmatched::Disabled => ("account_disabled", t.account_disabled.to_owned()),
            };
            audit(&app, None, "sso_refused", reason, Some(&email), &client_ip).await?;
            monitoring::sign_in_failure("sso", reason);
            return refuse(&app, &viewer, message, StatusCode::FORBIDDEN).await;
        }
    };
    throttle::succeeded(&app.pool, attempt).await?;
    start_session(&app, &viewer, account).await?;
    viewer
        .session
        .insert(ID_TOKEN_KEY, identity.id_token)
        .await?;
    audit(
        &app,
        Some(account),
        "sso_signed_in",
        "ok",
        Some(&email),
        &client_ip,
    )
    .await?;
    tracing::info!(user_id = %account, "signed in with single sign-on");
    Ok(Redirect::to(safe_return_path(&next)).into_response())
}

/// The flow's `state` matched, the code exchanged and the ID token checked.
async fn verify(
    app: &AppState,
    flow: Option<Flow>,
    query: CallbackQuery,
) -> std::result::Result<(Identity, String), Refusal> {
    let flow = flow.ok_or(Refusal::State)?;
    if query.state.as_deref() != Some(flow.state.as_str()) {
        return Err(Refusal::State);
    }
    if query.error.is_some() {
        return Err(Refusal::ProviderError);
    }
    let code = query.code.ok_or(Refusal::ProviderError)?;
    let next = flow.next.clone();
    let identity = app.sso.finish(flow, code).await?;
    Ok((identity, next))
}

/// The active account with this verified e-mail; or one made now, when
/// accounts for its domain are made at first sign-on.
async fn account_for(
    app: &AppState,
    email: &str,
    identity: &Identity,
) -> Result<std::result::Result<Uuid, Unmatched>> {
    if let Some(account) = users::credentials(&app.pool, email).await? {
        return Ok(if account.disabled {
            Err(Unmatched::Disabled)
        } else {
            Ok(account.id)
        });
    }
    let settings = &app.config.sign_in;
    let domain = settings
        .oidc_create_domain
        .as_deref()
        .map(|domain| domain.trim().trim_start_matches('@').to_lowercase())
        .filter(|domain| !domain.is_empty());
    let Some(domain) = domain else {
        return Ok(Err(Unmatched::Unknown));
    };
    if email.rsplit_once('@').map(|(_, d)| d) != Some(domain.as_str()) {
        return Ok(Err(Unmatched::Unknown));
    }
    let Ok(parsed) = Email::try_from(email) else {
        return Ok(Err(Unmatched::Unverified));
    };
    let role = Role::parse(&settings.oidc_create_role).unwrap_or(Role::Panelist);
    // A password nobody knows: the account signs in through the provider.
    let secret = Uuid::new_v4().to_string() + &Uuid::new_v4().to_string();
    let hash = password::hash(secret).await?;
    let name = identity
        .name
        .clone()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_owned());
    let id = users::insert(
        &app.pool,
        users::NewUser {
            email: &parsed,
            display_name: &name,
            role,
            locale: Locale::Nb,
            password_hash: &hash,
        },
    )
    .await?;
    tracing::info!(user_id = %id, "account made at first single sign-on");
    Ok(Ok(id))
}

/// An audit event for a single sign-on attempt: who (when known), from where, and why not.
async fn audit(
    app: &AppState,
    account: Option<Uuid>,
    action: &str,
    reason: &str,
    email: Option<&str>,
    client_ip: &str,
) -> Result<()> {
    let after =
        json!({ "method": "oidc", "reason": reason, "email": email, "client_ip": client_ip });
    sqlx::query!(
        "insert into audit_event (actor_id, entity, entity_id, action, after)
         values ($1, 'sign_in', $2, $3, $4)",
        account,
        account.unwrap_or_else(Uuid::nil),
        action,
        after,
    )
    .execute(&app.pool)
    .await?;
    Ok(())
}

/// The sign-in page saying why not; no session is written.
async fn refuse(
    app: &AppState,
    viewer: &Viewer,
    message: String,
    status: StatusCode,
) -> Result<Response> {
    let mut errors = FormErrors::default();
    errors.add_general(message);
    let page = LoginPage::new(app, viewer, String::new(), errors).await?;
    Ok((status, page).into_response())
}
