//! The connection pool and migrations; creates the database on first start.

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};

use crate::config::DatabaseConfig;

/// How long a pooled connection may sit unused before it is pinged on its way out.
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(1);

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Connects, creating the database when the server has none by that name.
pub async fn connect(config: &DatabaseConfig) -> anyhow::Result<PgPool> {
    let options = PgConnectOptions::from_str(&config.database_url)
        .context("DATABASE_URL is not a valid Postgres connection string")?;
    ensure_database_exists(&options).await?;
    let pool = PgPoolOptions::new()
        .max_connections(config.db_max_connections)
        // Long enough for a busy pool, short enough that a page answers 503
        // within about two seconds when the database is gone.
        .acquire_timeout(Duration::from_secs(2))
        // sqlx pings every connection as it goes back to the pool, and by default
        // again as it is taken out: three round trips for a one-statement query.
        // Taken out again soon after, a connection has just answered the ping on
        // its return; only one that sat idle a while (the database may have
        // restarted, a proxy may have cut it) is pinged before use.
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= PING_WHEN_IDLE_FOR {
                    conn.ping().await?;
                }
                Ok(true)
            })
        })
        .connect_with(options.clone())
        .await
        .with_context(|| describe_target(&options, "cannot connect to the database"))?;
    Ok(pool)
}

pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR
        .run(pool)
        .await
        .context("cannot apply database migrations")
}

async fn ensure_database_exists(options: &PgConnectOptions) -> anyhow::Result<()> {
    let Some(name) = options.get_database().map(str::to_owned) else {
        return Ok(());
    };
    let maintenance = options.clone().database("postgres");
    let mut conn = maintenance
        .connect()
        .await
        .with_context(|| describe_target(options, "cannot reach Postgres"))?;
    let exists: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from pg_database where datname = $1) as "exists!""#,
        &name,
    )
    .fetch_one(&mut conn)
    .await?;
    if !exists {
        if name.contains('"') {
            bail!("database name {name:?} contains a double quote");
        }
        // A runtime query: a database name is an identifier, which cannot be a parameter.
        let created = sqlx::query(&format!(r#"create database "{name}""#))
            .execute(&mut conn)
            .await;
        // Another instance may have created it in the meantime; that is fine.
        if let Err(err) = created {
            let duplicate =
                matches!(&err, sqlx::Error::Database(db) if db.code().as_deref() == Some("42P04"));
            if !duplicate {
                return Err(err).context(format!("cannot create database {name}"));
            }
        }
        tracing::info!(database = %name, "created database");
    }
    conn.close().await.ok();
    Ok(())
}

fn describe_target(options: &PgConnectOptions, what: &str) -> String {
    format!(
        "{what} at {}:{} (database {}); is Postgres running and DATABASE_URL right?",
        options.get_host(),
        options.get_port(),
        options.get_database().unwrap_or("(default)")
    )
}

/// Work every instance schedules but only one may do at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Purge,
    ReminderScan,
}

impl Job {
    /// The advisory lock key; fixed, so every instance and version agrees on it.
    fn key(self) -> i64 {
        match self {
            Job::Purge => 0x5ec0_0001,
            Job::ReminderScan => 0x5ec0_0002,
        }
    }
}

/// Runs `work` unless another instance is doing `job` right now (then `None`:
/// the next tick comes soon enough). The lock is transaction-scoped, held by a
/// transaction of its own while `work` uses the pool, so it is released however
/// `work` ends, even when the future is dropped or the process dies.
pub async fn once<T, F>(
    pool: &PgPool,
    job: Job,
    work: impl FnOnce() -> F,
) -> sqlx::Result<Option<T>>
where
    F: Future<Output = sqlx::Result<T>>,
{
    let mut holder = pool.begin().await?;
    // A runtime query: a call with no table or column for the macros to check.
    let held: bool = sqlx::query_scalar("select pg_try_advisory_xact_lock($1)")
        .bind(job.key())
        .fetch_one(&mut *holder)
        .await?;
    if !held {
        tracing::debug!(?job, "another instance is doing this job");
        return Ok(None);
    }
    let done = work().await;
    holder.rollback().await?;
    done.map(Some)
}
