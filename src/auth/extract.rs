//! Request extractors: who is asking (`Viewer`) and whether their role may use the
//! route (`Authorized<P>`). Role checks live here, never in templates.

use std::marker::PhantomData;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::{HeaderMap, header, request::Parts};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::role::{Policy, Role};
use crate::auth::users;
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::state::AppState;
use crate::web::csrf::SignInToken;
use crate::web::flash::{self, FlashKind};
pub use crate::web::session_keys::{LOCALE_KEY, USER_ID_KEY};

pub const SIGNED_IN_AT_KEY: &str = "auth.signed_in_at";
/// The session's user as read in the same query as the session; only ever in
/// memory, never stored (see `auth::session_store`).
pub(crate) const LOADED_USER_KEY: &str = "auth.loaded_user";
/// When the session was last written because of activity (unix seconds).
const SEEN_AT_KEY: &str = "seen_at";
/// Activity is written back at most this often: enough to keep the idle timeout
/// moving, without a database write on every autosave.
const TOUCH_EVERY_SECS: i64 = 60;

/// The signed-in user, as loaded afresh from the database on every request, so a
/// disabled account or a changed role takes effect at once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub locale: Locale,
}

/// Whoever is making the request, signed in or not, with their language.
#[derive(Clone)]
pub struct Viewer {
    pub user: Option<SessionUser>,
    pub locale: Locale,
    pub session: Session,
    pub path: String,
    /// The token of a visitor not yet signed in (see `web::csrf`).
    pub sign_in_token: Option<SignInToken>,
}

impl Viewer {
    pub async fn flash(&self, kind: FlashKind, message: impl Into<String>) -> Result<()> {
        flash::push(&self.session, kind, message).await
    }
}

impl<S> FromRequestParts<S> for Viewer
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self> {
        if let Some(viewer) = parts.extensions.get::<Viewer>() {
            return Ok(viewer.clone());
        }
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, msg)| anyhow::anyhow!("session unavailable: {msg}"))?;
        let app = AppState::from_ref(state);
        let user = signed_in_user(&session, &app).await?;
        if user.is_some() {
            touch(&session).await?;
        }
        let locale = match &user {
            Some(user) => user.locale,
            None => anonymous_locale(&session, &parts.headers).await?,
        };
        let viewer = Viewer {
            user,
            locale,
            session,
            path: parts.uri.path().to_owned(),
            sign_in_token: parts.extensions.get::<SignInToken>().cloned(),
        };
        parts.extensions.insert(viewer.clone());
        Ok(viewer)
    }
}

/// The viewer's language alone, for the shared layers that answer in it
/// without naming `auth` (`web::form`).
impl<S> FromRequestParts<S> for Locale
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self> {
        Ok(Viewer::from_request_parts(parts, state).await?.locale)
    }
}

/// Marks the session as used, so the store extends its idle expiry.
async fn touch(session: &Session) -> Result<()> {
    let now = Utc::now().timestamp();
    let seen_at = session.get::<i64>(SEEN_AT_KEY).await?.unwrap_or(0);
    if now - seen_at >= TOUCH_EVERY_SECS {
        session.insert(SEEN_AT_KEY, now).await?;
    }
    Ok(())
}

async fn anonymous_locale(session: &Session, headers: &HeaderMap) -> Result<Locale> {
    if let Some(chosen) = session.get::<Locale>(LOCALE_KEY).await? {
        return Ok(chosen);
    }
    Ok(headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(Locale::from_accept_language)
        .unwrap_or_default())
}

async fn signed_in_user(session: &Session, app: &AppState) -> Result<Option<SessionUser>> {
    let Some(user_id) = session.get::<Uuid>(USER_ID_KEY).await? else {
        return Ok(None);
    };
    let signed_in_at = session.get::<i64>(SIGNED_IN_AT_KEY).await?.unwrap_or(0);
    let max_age_secs = app.config.session_max_hours * 3600;
    if Utc::now().timestamp() - signed_in_at > max_age_secs {
        let locale = session.get::<Locale>(LOCALE_KEY).await?.unwrap_or_default();
        end_session(session).await?;
        let message = crate::auth::text::AuthText::get(locale).session_expired;
        flash::push(session, FlashKind::Info, message).await?;
        return Ok(None);
    }
    // Read with the session when its row names this user; else (a row written
    // before it named its user, or an inactive user) asked for on its own.
    let loaded = session
        .get::<SessionUser>(LOADED_USER_KEY)
        .await?
        .filter(|user| user.id == user_id);
    let user = match loaded {
        Some(user) => Some(user),
        None => users::find_active(&app.pool, user_id).await?,
    };
    match user {
        Some(user) => Ok(Some(user)),
        None => {
            // Disabled or removed since sign-in: end the session now.
            let locale = session.get::<Locale>(LOCALE_KEY).await?.unwrap_or_default();
            end_session(session).await?;
            let message = crate::auth::text::AuthText::get(locale).account_disabled;
            flash::push(session, FlashKind::Error, message).await?;
            Ok(None)
        }
    }
}

/// Ends a session for good: its data and its row go, and whatever is stored
/// next (the language, a message) goes under a new id. Reusing the id would let
/// a request still holding the old session write it back (see `auth::session_store`).
pub async fn end_session(session: &Session) -> Result<()> {
    session.flush().await?;
    session.cycle_id().await?;
    Ok(())
}

/// A signed-in user whose role the policy `P` admits; anyone else is refused
/// before the handler runs.
pub struct Authorized<P: Policy> {
    pub user: SessionUser,
    pub viewer: Viewer,
    _policy: PhantomData<P>,
}

impl<P, S> FromRequestParts<S> for Authorized<P>
where
    P: Policy,
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self> {
        let viewer = Viewer::from_request_parts(parts, state).await?;
        let Some(user) = viewer.user.clone() else {
            return Err(if wants_json(parts) {
                AppError::Unauthorized
            } else {
                AppError::SignInRequired {
                    return_to: return_path(parts),
                }
            });
        };
        if !P::allows(user.role) {
            return Err(AppError::Forbidden);
        }
        Ok(Authorized {
            user,
            viewer,
            _policy: PhantomData,
        })
    }
}

fn wants_json(parts: &Parts) -> bool {
    parts.uri.path().starts_with("/api/")
        || parts
            .headers
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.starts_with("application/json"))
}

/// Where to come back after signing in: the page itself for a GET; for a form
/// post the page the form was on is unknown, so the dashboard.
fn return_path(parts: &Parts) -> String {
    if parts.method == axum::http::Method::GET {
        parts
            .uri
            .path_and_query()
            .map(|pq| pq.as_str().to_owned())
            .unwrap_or_else(|| "/".into())
    } else {
        "/".into()
    }
}
