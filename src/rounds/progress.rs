//! How a round's status follows the panel's work: the first rating starts it
//! (planned → in progress), the last submission hands it to scoring, a
//! reopened member takes it back to in progress, and a final decision closes
//! it. Each change locks the round, asks `domain::round_status::transition` and stores its answer.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::round_status::{LifecycleError, RoundEvent, RoundStatus, transition};

/// The round's status after `event`, or the refusal (nothing is written then).
pub type Progress = Result<RoundStatus, LifecycleError>;

/// After a rating was stored for the first time. Only the round's first rating
/// changes its status: the rest read it without a lock, so the panel's first
/// saves on a round do not queue behind each other on the round row.
pub async fn rating_stored(conn: &mut PgConnection, round_id: Uuid) -> sqlx::Result<Progress> {
    let seen = sqlx::query_scalar!(
        r#"select status as "status: RoundStatus" from interview_round where id = $1"#,
        round_id,
    )
    .fetch_one(&mut *conn)
    .await?;
    match transition(seen, RoundEvent::RatingStored) {
        Ok(to) if to == seen => Ok(Ok(seen)),
        Err(refused) => Ok(Err(refused)),
        Ok(_) => apply(conn, round_id, RoundEvent::RatingStored).await,
    }
}

/// The same, when the transaction already read the round's status (`seen`):
/// a round under way stays under way, so nothing is read again or written.
pub async fn rating_stored_after(
    conn: &mut PgConnection,
    round_id: Uuid,
    seen: RoundStatus,
) -> sqlx::Result<Progress> {
    match transition(seen, RoundEvent::RatingStored) {
        Ok(to) if to == seen => Ok(Ok(seen)),
        _ => rating_stored(conn, round_id).await,
    }
}

/// Before a member's first rating on a round that may still be planned: holds
/// the round row, so an edit of the questions (which checks for ratings under
/// the same lock) either commits first or sees this rating and is refused.
/// A round already under way is not locked: its first saves need not queue.
pub async fn hold_if_planned(conn: &mut PgConnection, round_id: Uuid) -> sqlx::Result<()> {
    let seen = sqlx::query_scalar!(
        r#"select status as "status: RoundStatus" from interview_round where id = $1"#,
        round_id,
    )
    .fetch_one(&mut *conn)
    .await?;
    if seen == RoundStatus::Planned {
        lock(conn, round_id).await?;
    }
    Ok(())
}

/// After a member submitted: scoring once nobody on the panel is left to submit.
/// The round row is locked first, so two last submissions cannot both miss each other.
pub async fn member_submitted(conn: &mut PgConnection, round_id: Uuid) -> sqlx::Result<Progress> {
    let from = lock(conn, round_id).await?;
    let waiting: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from panel_member where round_id = $1 and submitted_at is null) as "exists!""#,
        round_id,
    )
    .fetch_one(&mut *conn)
    .await?;
    if waiting {
        return Ok(Ok(from));
    }
    let progress = store(conn, round_id, from, RoundEvent::PanelSubmitted).await?;
    if progress.is_ok() {
        crate::mail::notices::panel_ready(conn, round_id).await?;
    }
    Ok(progress)
}

/// After the hiring manager reopened a member's ratings.
pub async fn member_reopened(conn: &mut PgConnection, round_id: Uuid) -> sqlx::Result<Progress> {
    apply(conn, round_id, RoundEvent::MemberReopened).await
}

/// After a hire or no hire: every round of the candidate not yet closed closes.
pub async fn candidate_decided(
    conn: &mut PgConnection,
    candidate_id: Uuid,
) -> sqlx::Result<Progress> {
    let open: Vec<(Uuid, RoundStatus)> = sqlx::query!(
        r#"select id, status as "status: RoundStatus" from interview_round
         where candidate_id = $1 and status <> 'closed'
         order by id for update"#,
        candidate_id,
    )
    .map(|row| (row.id, row.status))
    .fetch_all(&mut *conn)
    .await?;
    for (round_id, from) in open {
        if let Err(refused) = store(conn, round_id, from, RoundEvent::Decided).await? {
            return Ok(Err(refused));
        }
    }
    Ok(Ok(RoundStatus::Closed))
}

async fn apply(
    conn: &mut PgConnection,
    round_id: Uuid,
    event: RoundEvent,
) -> sqlx::Result<Progress> {
    let from = lock(conn, round_id).await?;
    store(conn, round_id, from, event).await
}

async fn lock(conn: &mut PgConnection, round_id: Uuid) -> sqlx::Result<RoundStatus> {
    sqlx::query_scalar!(
        r#"select status as "status: RoundStatus" from interview_round where id = $1 for update"#,
        round_id,
    )
    .fetch_one(conn)
    .await
}

/// Writes the transition's answer for a round locked by the caller.
async fn store(
    conn: &mut PgConnection,
    round_id: Uuid,
    from: RoundStatus,
    event: RoundEvent,
) -> sqlx::Result<Progress> {
    let to = match transition(from, event) {
        Ok(to) => to,
        Err(refused) => return Ok(Err(refused)),
    };
    if to != from {
        sqlx::query!(
            "update interview_round set status = $2 where id = $1",
            round_id,
            to.code(),
        )
        .execute(conn)
        .await?;
    }
    Ok(Ok(to))
}
