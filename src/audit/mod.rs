//! The audit trail: who changed a rating, doubt or decision, when, and from what
//! to what; and the log page that shows it.

mod page;
mod queries;
mod text;

use axum::Router;
use axum::routing::get;
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::state::AppState;
pub use text::AuditText;

pub fn router() -> Router<AppState> {
    Router::new().route("/audit", get(page::log))
}

/// One audited change, written in the same transaction as the change itself.
/// The event's candidate is found by the database (migrations/0014).
pub struct Change<'a> {
    pub actor_id: Uuid,
    pub entity: &'a str,
    pub entity_id: Uuid,
    pub action: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

pub async fn record(conn: &mut PgConnection, change: Change<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into audit_event (actor_id, entity, entity_id, action, before, after)
         values ($1, $2, $3, $4, $5, $6)",
        change.actor_id,
        change.entity,
        change.entity_id,
        change.action,
        change.before,
        change.after,
    )
    .execute(conn)
    .await?;
    Ok(())
}
