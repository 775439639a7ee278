//! Privacy: how long candidates' personal data is kept (the retention setting
//! and the purge), and everything stored about one person for an access request.

mod export;
pub mod purge;

use axum::Router;
use axum::routing::get;
use sqlx::PgPool;

use crate::state::AppState;

pub const DEFAULT_RETENTION_MONTHS: i32 = 12;
pub const MIN_RETENTION_MONTHS: i32 = 1;
pub const MAX_RETENTION_MONTHS: i32 = 120;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/candidates/{id}/export.json", get(export::download))
        .route("/candidates/{id}/export.zip", get(export::download_zip))
}

/// Months after a position closes that its candidates' personal data is kept.
pub async fn retention_months(pool: &PgPool) -> sqlx::Result<i32> {
    let months: Option<i32> = sqlx::query_scalar!("select retention_months from setting",)
        .fetch_optional(pool)
        .await?;
    Ok(months.unwrap_or(DEFAULT_RETENTION_MONTHS))
}

pub async fn set_retention_months(pool: &PgPool, months: i32) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into setting (id, retention_months) values (true, $1)
         on conflict (id) do update set retention_months = excluded.retention_months",
        months,
    )
    .execute(pool)
    .await?;
    Ok(())
}
