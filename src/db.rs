//! The connection pool and migrations; creates the database on first start.

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions, PgSslMode};
use sqlx::{ConnectOptions, Connection, PgPool};

use crate::config::DatabaseConfig;

/// How long a pooled connection may sit unused before it is pinged on its way out.
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(1);

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Connects, creating the database when the server has none by that name.
pub async fn connect(config: &DatabaseConfig) -> anyhow::Result<PgPool> {
    let url = config.database_url.expose();
    let options = PgConnectOptions::from_str(url)
        .context("DATABASE_URL is not a valid Postgres connection string")?;
    let root_cert = root_cert(url);
    if let Some(path) = &root_cert {
        // sqlx would only say "No such file or directory", as if the server were missing.
        std::fs::metadata(path).with_context(|| format!("cannot read sslrootcert={path}"))?;
    }
    ensure_database_exists(&options, root_cert.as_deref()).await?;
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
        .map_err(|err| {
            explain(
                err,
                &options,
                root_cert.as_deref(),
                "cannot connect to the database",
            )
        })?;
    Ok(pool)
}

pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR
        .run(pool)
        .await
        .context("cannot apply database migrations")
}

async fn ensure_database_exists(
    options: &PgConnectOptions,
    root_cert: Option<&str>,
) -> anyhow::Result<()> {
    let Some(name) = options.get_database().map(str::to_owned) else {
        return Ok(());
    };
    // A clone keeps the TLS settings (sslmode, sslrootcert) for the maintenance database too.
    let maintenance = options.clone().database("postgres");
    let mut conn = maintenance
        .connect()
        .await
        .map_err(|err| explain(err, options, root_cert, "cannot reach Postgres"))?;
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

/// The CA file named in the URL (any of the spellings sqlx accepts), else in PGSSLROOTCERT.
fn root_cert(url: &str) -> Option<String> {
    let named = url::Url::parse(url).ok().and_then(|url| {
        url.query_pairs()
            .find(|(name, _)| matches!(&**name, "sslrootcert" | "ssl-root-cert" | "ssl-ca"))
            .map(|(_, value)| value.into_owned())
    });
    named.or_else(|| std::env::var("PGSSLROOTCERT").ok())
}

/// One plain line for a failed connection: TLS problems by name, since sqlx would
/// give a TLS failure as an I/O error in rustls' words.
fn explain(
    err: sqlx::Error,
    options: &PgConnectOptions,
    root_cert: Option<&str>,
    what: &str,
) -> anyhow::Error {
    let at = format!(
        "{what} at {}:{} (database {})",
        options.get_host(),
        options.get_port(),
        options.get_database().unwrap_or("(default)")
    );
    let mode = ssl_mode_name(options.get_ssl_mode());
    if let Some(tls) = rustls_error(&err) {
        return anyhow::anyhow!("{at}: {}", describe_tls(tls, options, root_cert));
    }
    match &err {
        sqlx::Error::Tls(inner) if inner.to_string().contains("does not support TLS") => {
            anyhow::anyhow!(
                "{at}: the server does not offer TLS, but DATABASE_URL asks for it (sslmode={mode})"
            )
        }
        sqlx::Error::Tls(inner) => anyhow::anyhow!("{at}: TLS with the database failed: {inner}"),
        // 28000: the server's pg_hba.conf has no line for this connection.
        sqlx::Error::Database(db)
            if db.code().as_deref() == Some("28000") && db.message().contains("no encryption") =>
        {
            anyhow::anyhow!(
                "{at}: the server refused a connection without TLS ({}); add sslmode=verify-full (or require) to DATABASE_URL",
                db.message()
            )
        }
        _ => anyhow::Error::new(err).context(describe_target(options, what)),
    }
}

/// The rustls error behind a failed handshake: sqlx passes it on inside an I/O error.
fn rustls_error(err: &sqlx::Error) -> Option<&rustls::Error> {
    match err {
        sqlx::Error::Io(io) => io.get_ref()?.downcast_ref::<rustls::Error>(),
        sqlx::Error::Tls(inner) => inner.downcast_ref::<rustls::Error>(),
        _ => None,
    }
}

fn describe_tls(
    err: &rustls::Error,
    options: &PgConnectOptions,
    root_cert: Option<&str>,
) -> String {
    use rustls::CertificateError as Cert;
    let rustls::Error::InvalidCertificate(cert) = err else {
        return format!("TLS with the database failed: {err}");
    };
    match cert {
        Cert::UnknownIssuer | Cert::BadSignature => match root_cert {
            Some(path) => format!(
                "the database's certificate is not signed by the CA in sslrootcert={path}"
            ),
            None => "the database's certificate is not signed by a public CA; name the CA's certificate file with sslrootcert=/path/ca.pem in DATABASE_URL".to_owned(),
        },
        // sqlx 0.8 means to skip this check under verify-ca, but misses the error
        // variant rustls gives since 0.23.24 (launchbadge/sqlx#3793, fixed in 0.9).
        Cert::NotValidForName | Cert::NotValidForNameContext { .. } => format!(
            "the database's certificate is not issued for the host name {:?} (sslmode={} checks the name; connect by a name on the certificate)",
            options.get_host(),
            ssl_mode_name(options.get_ssl_mode())
        ),
        Cert::Expired | Cert::ExpiredContext { .. } => {
            "the database's certificate has expired".to_owned()
        }
        Cert::NotValidYet | Cert::NotValidYetContext { .. } => {
            "the database's certificate is not valid yet (is the clock right?)".to_owned()
        }
        _ => format!("the database's certificate was refused: {err}"),
    }
}

/// The sslmode as written in a URL.
fn ssl_mode_name(mode: PgSslMode) -> &'static str {
    match mode {
        PgSslMode::Disable => "disable",
        PgSslMode::Allow => "allow",
        PgSslMode::Prefer => "prefer",
        PgSslMode::Require => "require",
        PgSslMode::VerifyCa => "verify-ca",
        PgSslMode::VerifyFull => "verify-full",
    }
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

    /// Its name in the metrics.
    fn name(self) -> &'static str {
        match self {
            Job::Purge => "purge",
            Job::ReminderScan => "reminder_scan",
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
        crate::monitoring::job_run(job.name(), "skipped");
        return Ok(None);
    }
    let done = work().await;
    crate::monitoring::job_run(job.name(), if done.is_ok() { "done" } else { "failed" });
    holder.rollback().await?;
    done.map(Some)
}
