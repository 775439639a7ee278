//! Sessions in Postgres where signing out is final. The published store saves
//! by upsert, so a request that loaded a session before sign-out (a slow save,
//! a held connection) would write it back afterwards and sign the user in
//! again. Here an existing session is only ever updated: once its row is gone
//! (signed out, expired, or renewed at sign-in) nothing brings it back.

use async_trait::async_trait;
use sqlx::PgPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, Error};
use tower_sessions_sqlx_store::PostgresStore;

#[derive(Debug, Clone)]
pub struct FinalSignOutStore {
    inner: PostgresStore,
    pool: PgPool,
}

impl FinalSignOutStore {
    pub fn new(pool: PgPool) -> FinalSignOutStore {
        FinalSignOutStore {
            inner: super::session_store(pool.clone()),
            pool,
        }
    }
}

#[async_trait]
impl tower_sessions::SessionStore for FinalSignOutStore {
    /// New sessions (first visit, sign-in's new id) are inserted as usual.
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.inner.create(record).await
    }

    /// Updates the session if it still exists, and never inserts it.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = rmp_serde::to_vec(record).map_err(|err| Error::Encode(err.to_string()))?;
        sqlx::query("update user_session set data = $2, expiry_date = $3 where id = $1")
            .bind(record.id.to_string())
            .bind(data)
            .bind(record.expiry_date)
            .execute(&self.pool)
            .await
            .map_err(|err| Error::Backend(err.to_string()))?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        self.inner.load(id).await
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.inner.delete(id).await
    }
}
