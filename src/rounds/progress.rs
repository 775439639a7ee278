//! How a round's status follows the panel's work: the first rating starts it
//! (planned → in progress), the last submission hands it to scoring, and a
//! reopened member takes it back to in progress. Closing is a decision, not a side effect.

use sqlx::PgConnection;
use uuid::Uuid;

/// After a rating was stored for the first time.
pub async fn rating_stored(conn: &mut PgConnection, round_id: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "update interview_round set status = 'in_progress' where id = $1 and status = 'planned'",
    )
    .bind(round_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// After a member submitted: scoring once nobody on the panel is left to submit.
/// The round row is locked first, so two last submissions cannot both miss each other.
pub async fn member_submitted(conn: &mut PgConnection, round_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("select 1 from interview_round where id = $1 for update")
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "update interview_round set status = 'scoring'
         where id = $1 and status in ('planned', 'in_progress')
           and not exists (select 1 from panel_member where round_id = $1 and submitted_at is null)",
    )
    .bind(round_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// After the hiring manager reopened a member's ratings.
pub async fn member_reopened(conn: &mut PgConnection, round_id: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "update interview_round set status = 'in_progress' where id = $1 and status = 'scoring'",
    )
    .bind(round_id)
    .execute(conn)
    .await?;
    Ok(())
}
