//! Queries on user accounts.

use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use crate::auth::email::Email;
use crate::auth::extract::SessionUser;
use crate::auth::role::Role;
use crate::error::Result;
use crate::i18n::Locale;

/// A user as stored; also read by the session store with the session itself.
#[derive(Debug)]
pub(crate) struct UserRow {
    pub(crate) id: Uuid,
    pub(crate) email: String,
    pub(crate) display_name: String,
    pub(crate) role: Role,
    pub(crate) locale: Locale,
}

impl UserRow {
    pub(crate) fn into_session_user(self) -> SessionUser {
        SessionUser {
            id: self.id,
            role: self.role,
            locale: self.locale,
            email: self.email,
            display_name: self.display_name,
        }
    }
}

/// The user with this id, unless disabled or gone.
pub async fn find_active(pool: &PgPool, id: Uuid) -> Result<Option<SessionUser>> {
    let row: Option<UserRow> = sqlx::query_as!(
        UserRow,
        r#"select id, email, display_name, role as "role: _", locale as "locale: _"
         from app_user where id = $1 and not disabled"#,
        id,
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(UserRow::into_session_user))
}

/// What sign-in needs to know about an account.
#[derive(Debug)]
pub struct Credentials {
    pub id: Uuid,
    pub password_hash: String,
    pub disabled: bool,
}

pub async fn credentials(pool: &PgPool, email: &str) -> Result<Option<Credentials>> {
    Ok(sqlx::query_as!(
        Credentials,
        "select id, password_hash, disabled from app_user where lower(email) = lower($1)",
        email,
    )
    .fetch_optional(pool)
    .await?)
}

pub struct NewUser<'a> {
    pub email: &'a Email,
    pub display_name: &'a str,
    pub role: Role,
    pub locale: Locale,
    pub password_hash: &'a str,
}

/// Inserts a user; a taken email fails with the `app_user_email_key` constraint.
pub async fn insert(db: impl PgExecutor<'_>, user: NewUser<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into app_user (email, display_name, role, locale, password_hash)
         values ($1, $2, $3, $4, $5) returning id",
        user.email.as_str(),
        user.display_name.trim(),
        user.role.code(),
        user.locale.code(),
        user.password_hash,
    )
    .fetch_one(db)
    .await
}

pub async fn set_locale(pool: &PgPool, id: Uuid, locale: Locale) -> Result<()> {
    sqlx::query!(
        "update app_user set locale = $2, updated_at = now() where id = $1",
        id,
        locale.code(),
    )
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(Debug)]
pub struct UserListRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub locale: Locale,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

pub async fn list(pool: &PgPool) -> Result<Vec<UserListRow>> {
    Ok(sqlx::query_as!(
        UserListRow,
        r#"select id, email, display_name, role as "role: _", locale as "locale: _", disabled,
                created_at as "created_at: _"
         from app_user order by disabled, lower(display_name)"#,
    )
    .fetch_all(pool)
    .await?)
}

/// Returns false when no such user exists.
pub async fn set_disabled(pool: &PgPool, id: Uuid, disabled: bool) -> Result<bool> {
    let result = sqlx::query!(
        "update app_user set disabled = $2, updated_at = now() where id = $1",
        id,
        disabled,
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected() == 1)
}
