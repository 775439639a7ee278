//! Sessions in Postgres (table `user_session`, MessagePack records, as written
//! by tower-sessions' Postgres store, which still sweeps expired rows), with two
//! differences that matter here:
//! - Signing out is final. The published store saves by upsert, so a request
//!   that loaded a session before sign-out would write it back afterwards and
//!   sign the user in again. Here an existing session is only ever updated.
//! - A database out of reach is told apart from other errors, so the request
//!   is answered 503 (see `AppError`) instead of 500.
//! - The signed-in user is read in the same query as the session (the row
//!   keeps the user's id in a column of its own), so a page costs one round trip
//!   less. That copy lives only in memory for the request, under
//!   `LOADED_USER_KEY`, and is never written back: the user is still read afresh
//!   on every request, so a disabled account or a changed role counts at once.

use async_trait::async_trait;
use sqlx::PgPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, Error};
use uuid::Uuid;

use tower_sessions_sqlx_store::PostgresStore;

use crate::auth::extract::{LOADED_USER_KEY, USER_ID_KEY};
use crate::auth::users::UserRow;
use crate::error::STORE_UNAVAILABLE as UNAVAILABLE;

/// The published store on the same table, for its sweep of expired sessions.
pub fn postgres_store(pool: PgPool) -> PostgresStore {
    PostgresStore::new(pool)
        .with_schema_name("public")
        .and_then(|store| store.with_table_name("user_session"))
        .expect("valid session table name")
}

fn backend(err: sqlx::Error) -> Error {
    if crate::error::is_unavailable(&err) {
        Error::Backend(format!("{UNAVAILABLE} {err}"))
    } else {
        Error::Backend(err.to_string())
    }
}

/// The record as stored: without the user that was read with it.
fn encode(record: &Record) -> session_store::Result<Vec<u8>> {
    let encoded = if record.data.contains_key(LOADED_USER_KEY) {
        let mut stored = record.clone();
        stored.data.remove(LOADED_USER_KEY);
        rmp_serde::to_vec(&stored)
    } else {
        rmp_serde::to_vec(record)
    };
    encoded.map_err(|err| Error::Encode(err.to_string()))
}

/// Who signed in with this session, if anyone.
fn user_id(record: &Record) -> Option<Uuid> {
    record
        .data
        .get(USER_ID_KEY)
        .and_then(|value| value.as_str())
        .and_then(|id| Uuid::parse_str(id).ok())
}

#[derive(Debug, Clone)]
pub struct FinalSignOutStore {
    pool: PgPool,
}

impl FinalSignOutStore {
    pub fn new(pool: PgPool) -> FinalSignOutStore {
        FinalSignOutStore { pool }
    }
}

#[async_trait]
impl tower_sessions::SessionStore for FinalSignOutStore {
    /// Inserts a new session under an id nobody holds. With the database out of
    /// reach a new (so anonymous) session is not kept, and the page still shows.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = encode(record)?;
        loop {
            let inserted = sqlx::query!(
                "insert into user_session (id, data, expiry_date, user_id) values ($1, $2, $3, $4)
                 on conflict (id) do nothing",
                record.id.to_string(),
                &data,
                record.expiry_date,
                user_id(record),
            )
            .execute(&self.pool)
            .await;
            match inserted {
                Ok(done) if done.rows_affected() == 1 => return Ok(()),
                Ok(_) => record.id = Id::default(),
                Err(err) if crate::error::is_unavailable(&err) => {
                    tracing::warn!(error = %err, "new session not stored: database unavailable");
                    return Ok(());
                }
                Err(err) => return Err(backend(err)),
            }
        }
    }

    /// Updates the session if it still exists, and never inserts it.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        sqlx::query!(
            "update user_session set data = $2, expiry_date = $3, user_id = $4 where id = $1",
            record.id.to_string(),
            encode(record)?,
            record.expiry_date,
            user_id(record),
        )
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    /// Loads the session with its user, when that user is still active.
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(row) = sqlx::query!(
            r#"select s.data, u.id as "user_id?", u.email as "email?",
                    u.display_name as "display_name?", u.role as "role?: crate::auth::Role", u.locale as "locale?: crate::i18n::Locale"
             from user_session s
             left join app_user u on u.id = s.user_id and not u.disabled
             where s.id = $1 and s.expiry_date > now()"#,
            id.to_string(),
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?
        else {
            return Ok(None);
        };
        let mut record: Record =
            rmp_serde::from_slice(&row.data).map_err(|err| Error::Decode(err.to_string()))?;
        record.data.remove(LOADED_USER_KEY);
        let user = match (
            row.user_id,
            row.email,
            row.display_name,
            row.role,
            row.locale,
        ) {
            (Some(id), Some(email), Some(display_name), Some(role), Some(locale)) => Some(
                UserRow {
                    id,
                    email,
                    display_name,
                    role,
                    locale,
                }
                .into_session_user(),
            ),
            _ => None,
        };
        if let Some(user) = user {
            let value = serde_json::to_value(user).map_err(|err| Error::Decode(err.to_string()))?;
            record.data.insert(LOADED_USER_KEY.to_owned(), value);
        }
        Ok(Some(record))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query!("delete from user_session where id = $1", id.to_string(),)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
