//! A candidate's status and its history: every change is recorded with who and
//! when; and whether a final decision closes the candidate's case.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::scoring::flags::Outcome;

// The status itself is a domain word, below the records that read it.
pub use crate::domain::CandidateStatus;

/// Sets the status, records the change in the candidate's history and in the
/// audit trail, all in one statement; returns false when it was already so.
pub async fn change(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    to: CandidateStatus,
    by: Uuid,
) -> sqlx::Result<bool> {
    let changed = sqlx::query!(
        "with upd as (
             update candidate c set status = $2, updated_at = now()
             from (select id, status from candidate where id = $1 for update) old
             where c.id = old.id and old.status <> $2
             returning old.status as from_status),
         history as (
             insert into candidate_status_change (candidate_id, from_status, to_status, changed_by)
             select $1, from_status, $2, $3 from upd)
         insert into audit_event (actor_id, entity, entity_id, action, before, after)
         select $3, 'candidate', $1, 'status_changed',
                jsonb_build_object('status', from_status), jsonb_build_object('status', $2::text)
         from upd",
        candidate_id,
        to.code(),
        by,
    )
    .execute(&mut *conn)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// The final decision (hire or no hire) that stands for a candidate: until it
/// is reopened, the candidate takes no new decision, round or status. *Another
/// round* and *on hold* are steps on the way, never final.
#[derive(Debug, Clone)]
pub struct Decided {
    pub decision_id: Uuid,
    pub outcome: Outcome,
    pub decided_by: Option<String>,
    pub decided_at: DateTime<Utc>,
}

/// The final decision standing for the candidate, if any. Read it inside the
/// transaction that holds the candidate's row lock, so that what it answers
/// still holds when the caller writes.
pub async fn decided(conn: &mut PgConnection, candidate_id: Uuid) -> sqlx::Result<Option<Decided>> {
    let finals: Vec<&str> = Outcome::ALL
        .into_iter()
        .filter(|outcome| outcome.is_final())
        .map(Outcome::code)
        .collect();
    sqlx::query_as!(
        Decided,
        r#"select d.id as decision_id, d.outcome as "outcome: _", u.display_name as "decided_by?", d.decided_at as "decided_at: _"
         from decision d left join app_user u on u.id = d.decided_by
         where d.candidate_id = $1 and d.outcome = any($2) and d.reopened_at is null
         order by d.decided_at desc, d.id limit 1"#,
        candidate_id,
        &finals as &[&str],
    )
    .fetch_optional(conn)
    .await
}

/// Where a reopened candidate stands again: in the second round once they
/// have had a round, else shortlisted.
pub async fn reopened_status(
    conn: &mut PgConnection,
    candidate_id: Uuid,
) -> sqlx::Result<CandidateStatus> {
    let rounds: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from interview_round where candidate_id = $1) as "exists!""#,
        candidate_id,
    )
    .fetch_one(conn)
    .await?;
    Ok(if rounds {
        CandidateStatus::InSecondRound
    } else {
        CandidateStatus::Shortlisted
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_round_trip_and_unknown_codes_are_refused() {
        for status in CandidateStatus::ALL {
            assert_eq!(CandidateStatus::parse(status.code()), Some(status));
        }
        assert_eq!(CandidateStatus::parse("maybe"), None);
        assert_eq!(CandidateStatus::parse(""), None);
        assert!(!CandidateStatus::Hired.settable_by_hand());
        assert!(!CandidateStatus::Offer.settable_by_hand());
        assert!(CandidateStatus::Rejected.settable_by_hand());
    }
}
