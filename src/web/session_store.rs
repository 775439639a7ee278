//! Sessions in Postgres (table `user_session`, MessagePack records, as written
//! by tower-sessions' Postgres store, which still sweeps expired rows), with two
//! differences that matter here:
//! - Signing out is final. The published store saves by upsert, so a request
//!   that loaded a session before sign-out would write it back afterwards and
//!   sign the user in again. Here an existing session is only ever updated.
//! - A database out of reach is told apart from other errors, so the request
//!   is answered 503 (see `AppError`) instead of 500.

use async_trait::async_trait;
use sqlx::PgPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, Error};

/// Marks a store error that means "the database is out of reach".
pub const UNAVAILABLE: &str = "[database unavailable]";

fn backend(err: sqlx::Error) -> Error {
    if crate::error::is_unavailable(&err) {
        Error::Backend(format!("{UNAVAILABLE} {err}"))
    } else {
        Error::Backend(err.to_string())
    }
}

fn encode(record: &Record) -> session_store::Result<Vec<u8>> {
    rmp_serde::to_vec(record).map_err(|err| Error::Encode(err.to_string()))
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
                "insert into user_session (id, data, expiry_date) values ($1, $2, $3)
                 on conflict (id) do nothing",
                record.id.to_string(),
                &data,
                record.expiry_date,
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
            "update user_session set data = $2, expiry_date = $3 where id = $1",
            record.id.to_string(),
            encode(record)?,
            record.expiry_date,
        )
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let data: Option<Vec<u8>> = sqlx::query_scalar!(
            "select data from user_session where id = $1 and expiry_date > now()",
            id.to_string(),
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        data.map(|bytes| {
            rmp_serde::from_slice(&bytes).map_err(|err| Error::Decode(err.to_string()))
        })
        .transpose()
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query!("delete from user_session where id = $1", id.to_string(),)
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
