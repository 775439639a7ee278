//! API bearer tokens: made of 32 random bytes, shown once, stored only as a
//! SHA-256 hash (enough for a high-entropy secret: nothing to guess), checked on
//! every request by the `ApiClient` extractor.

use axum::extract::{FromRef, FromRequestParts};
use axum::http::{header, request::Parts};
use chrono::{DateTime, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use uuid::Uuid;

use crate::state::AppState;
use crate::web::problem::ApiError;

pub const PREFIX: &str = "sr_";

crate::coded_enum! {
    /// What a token may do: `api_token.scope`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum TokenScope {
        Read = "read",
        Write = "write",
    }
}

/// A new secret: `sr_` and 64 hex digits.
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("{PREFIX}{}", hex::encode(bytes))
}

pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Whether a presented value has the shape of one of our tokens.
fn well_formed(token: &str) -> bool {
    token
        .strip_prefix(PREFIX)
        .is_some_and(|rest| rest.len() == 64 && rest.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[derive(Debug)]
pub struct TokenRow {
    pub id: Uuid,
    pub name: String,
    pub scope: TokenScope,
    pub token_prefix: String,
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<TokenRow>> {
    sqlx::query_as!(
        TokenRow,
        r#"select t.id, t.name, t.scope as "scope: _", t.token_prefix, u.display_name as "created_by_name?",
                t.created_at as "created_at: _", t.last_used_at as "last_used_at: _", t.revoked_at as "revoked_at: _"
         from api_token t left join app_user u on u.id = t.created_by
         order by t.revoked_at is not null, t.created_at desc"#,
    )
    .fetch_all(pool)
    .await
}

/// Stores a new token and returns its secret, which is never stored or shown again.
pub async fn create(
    pool: &PgPool,
    name: &str,
    scope: TokenScope,
    by: Uuid,
) -> sqlx::Result<String> {
    create_once(pool, name, scope, by, Uuid::new_v4())
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}

/// Like `create`, for the token made from the form `form_id`: `None` when that
/// form already made one (a reload or a double click), whose secret was shown then.
pub async fn create_once(
    pool: &PgPool,
    name: &str,
    scope: TokenScope,
    by: Uuid,
    form_id: Uuid,
) -> sqlx::Result<Option<String>> {
    let secret = generate();
    let stored = sqlx::query!(
        "insert into api_token (name, scope, token_hash, token_prefix, created_by, form_id)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (form_id) do nothing",
        name.trim(),
        scope.code(),
        hash(&secret),
        &secret[..PREFIX.len() + 8],
        by,
        form_id,
    )
    .execute(pool)
    .await?;
    Ok((stored.rows_affected() == 1).then_some(secret))
}

/// Revokes a token; false when there is no such token still active.
pub async fn revoke(pool: &PgPool, id: Uuid, by: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update api_token set revoked_at = now(), revoked_by = $2
         where id = $1 and revoked_at is null",
        id,
        by,
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The caller of an API request, identified by a valid bearer token.
#[derive(Debug, Clone)]
pub struct ApiClient {
    pub token_id: Uuid,
    pub scope: TokenScope,
    /// The admin who created the token: changes made with it are theirs.
    pub acting_user: Option<Uuid>,
}

impl ApiClient {
    pub fn require_write(&self) -> Result<(), ApiError> {
        match self.scope {
            TokenScope::Write => Ok(()),
            TokenScope::Read => Err(ApiError::Forbidden(
                "This token has the read scope; this endpoint needs a write token.",
            )),
        }
    }
}

impl<S> FromRequestParts<S> for ApiClient
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| {
                value
                    .strip_prefix("Bearer ")
                    .or_else(|| value.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or(ApiError::Unauthorized(
                "Send a bearer token: Authorization: Bearer sr_…",
            ))?;
        if !well_formed(presented) {
            return Err(ApiError::Unauthorized("The bearer token is malformed."));
        }
        let app = AppState::from_ref(state);
        // Touching last_used_at at most once a minute keeps reads mostly read-only.
        let row = sqlx::query!(
            r#"with found as (
                 select id, scope, created_by, last_used_at from api_token
                 where token_hash = $1 and revoked_at is null),
             touched as (
                 update api_token t set last_used_at = now() from found
                 where t.id = found.id
                   and (found.last_used_at is null or found.last_used_at < now() - interval '1 minute'))
             select id, scope as "scope: TokenScope", created_by from found"#,
            hash(presented),
        )
        .fetch_optional(&app.pool)
        .await?
        .map(|row| (row.id, row.scope, row.created_by));
        let Some((token_id, scope, acting_user)) = row else {
            return Err(ApiError::Unauthorized(
                "The bearer token is unknown or has been revoked.",
            ));
        };
        Ok(ApiClient {
            token_id,
            scope,
            acting_user,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_well_formed() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert!(well_formed(&a), "{a}");
        assert_eq!(a.len(), 3 + 64);
        assert!(!well_formed("sr_abc"));
        assert!(!well_formed(&a.replacen("sr_", "xx_", 1)));
    }

    #[test]
    fn the_hash_is_sha256_hex() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
