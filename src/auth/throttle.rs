//! Sign-in throttling, kept in Postgres so every instance counts the same attempts.
//! An account is paused after repeated failures since its last success; an address
//! after many failures across accounts (password spraying).

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::error::Result;

/// Failed attempts in the window that pause an account.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed attempts in the window that pause an address.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
pub const WINDOW_MINUTES: i64 = 15;

/// When sign-in for this account or address is allowed again, if it is paused now.
pub async fn paused_until(
    pool: &PgPool,
    email: &str,
    client_ip: &str,
) -> Result<Option<DateTime<Utc>>> {
    let (account_failures, account_oldest): (i64, Option<DateTime<Utc>>) = sqlx::query_as(
        "select count(*), min(attempted_at) from login_attempt
         where email = $1 and not succeeded
           and attempted_at > now() - make_interval(mins => $2)
           and attempted_at > coalesce(
               (select max(attempted_at) from login_attempt where email = $1 and succeeded),
               '-infinity')",
    )
    .bind(email)
    .bind(WINDOW_MINUTES as i32)
    .fetch_one(pool)
    .await?;
    let (address_failures, address_oldest): (i64, Option<DateTime<Utc>>) = sqlx::query_as(
        "select count(*), min(attempted_at) from login_attempt
         where client_ip = $1 and not succeeded and attempted_at > now() - make_interval(mins => $2)",
    )
    .bind(client_ip)
    .bind(WINDOW_MINUTES as i32)
    .fetch_one(pool)
    .await?;

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

pub async fn record(pool: &PgPool, email: &str, client_ip: &str, succeeded: bool) -> Result<()> {
    sqlx::query("insert into login_attempt (email, client_ip, succeeded) values ($1, $2, $3)")
        .bind(email)
        .bind(client_ip)
        .bind(succeeded)
        .execute(pool)
        .await?;
    Ok(())
}

/// Attempts older than a day no longer matter to anyone.
pub async fn forget_old_attempts(pool: &PgPool) -> Result<u64> {
    let result =
        sqlx::query("delete from login_attempt where attempted_at < now() - interval '1 day'")
            .execute(pool)
            .await?;
    Ok(result.rows_affected())
}
