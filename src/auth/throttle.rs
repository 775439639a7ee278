//! Sign-in throttling, kept in Postgres so every instance counts the same attempts.
//! An account is paused after repeated failures since its last success; an address
//! after many failures across accounts (password spraying).

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};

use crate::error::Result;

/// Failed attempts in the window that pause an account.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed attempts in the window that pause an address.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const WINDOW_MINUTES: i64 = 15;

/// What the throttle says to one sign-in attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The attempt is recorded as failed until `succeeded` says otherwise.
    Granted(i64),
    /// Paused until then; nothing was recorded.
    Paused(DateTime<Utc>),
}

/// Records the attempt *before* the password is checked, so simultaneous
/// guesses cannot all slip under the limit: the account's and the address's
/// advisory locks order them, and only attempts under the limit are recorded.
pub async fn claim(pool: &PgPool, email: &str, client_ip: &str) -> Result<Claim> {
    let mut tx = pool.begin().await?;
    // Two lock classes, so an email and an address never share a key.
    sqlx::query!(
        "select pg_advisory_xact_lock(1, hashtext($1)), pg_advisory_xact_lock(2, hashtext($2))",
        email,
        client_ip,
    )
    .execute(&mut *tx)
    .await?;
    if let Some(until) = paused_until(&mut tx, email, client_ip).await? {
        return Ok(Claim::Paused(until));
    }
    let id = sqlx::query_scalar!(
        "insert into login_attempt (email, client_ip, succeeded) values ($1, $2, false) returning id",
        email,
        client_ip,
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Claim::Granted(id))
}

/// Marks a claimed attempt as a successful sign-in, which ends the account's pause count.
pub async fn succeeded(pool: &PgPool, attempt: i64) -> Result<()> {
    sqlx::query!(
        "update login_attempt set succeeded = true where id = $1",
        attempt,
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// When sign-in for this account or address is allowed again, if it is paused now.
async fn paused_until(
    conn: &mut PgConnection,
    email: &str,
    client_ip: &str,
) -> Result<Option<DateTime<Utc>>> {
    let account = sqlx::query!(
        r#"select count(*) as "failures!", min(attempted_at) as "oldest: DateTime<Utc>"
         from login_attempt
         where email = $1 and not succeeded
           and attempted_at > now() - make_interval(mins => $2)
           and attempted_at > coalesce(
               (select max(attempted_at) from login_attempt where email = $1 and succeeded),
               '-infinity')"#,
        email,
        WINDOW_MINUTES as i32,
    )
    .fetch_one(&mut *conn)
    .await?;
    let address = sqlx::query!(
        r#"select count(*) as "failures!", min(attempted_at) as "oldest: DateTime<Utc>"
         from login_attempt
         where client_ip = $1 and not succeeded and attempted_at > now() - make_interval(mins => $2)"#,
        client_ip,
        WINDOW_MINUTES as i32,
    )
    .fetch_one(&mut *conn)
    .await?;
    let (account_failures, account_oldest) = (account.failures, account.oldest);
    let (address_failures, address_oldest) = (address.failures, address.oldest);

    let window = chrono::Duration::minutes(WINDOW_MINUTES);
    let account = (account_failures >= MAX_FAILURES_PER_ACCOUNT)
        .then_some(account_oldest)
        .flatten()
        .map(|oldest| oldest + window);
    let address = (address_failures >= MAX_FAILURES_PER_ADDRESS)
        .then_some(address_oldest)
        .flatten()
        .map(|oldest| oldest + window);
    Ok(account.max(address))
}

/// Attempts older than a day no longer matter to anyone.
pub async fn forget_old_attempts(pool: &PgPool) -> Result<u64> {
    let result =
        sqlx::query!("delete from login_attempt where attempted_at < now() - interval '1 day'",)
            .execute(pool)
            .await?;
    Ok(result.rows_affected())
}
