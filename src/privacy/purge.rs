//! Anonymising candidates of positions closed longer ago than the retention:
//! names, contact details and free text go; ids, scores, flags and decisions
//! stay for statistics; papers go with their bytes. Idempotent: a purged candidate is marked and skipped.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::db::{self, Job};

/// What stands in for removed text where a value is required (see
/// `purged_text` in migrations/0017_retention.sql).
pub const MARKER: &str = "[slettet]";

/// What `serve` and the `purge` command run: the purge, unless another
/// instance is purging right now (`None`).
pub async fn run_once(pool: &PgPool) -> sqlx::Result<Option<u64>> {
    db::once(pool, Job::Purge, || run(pool)).await
}

/// Purges every candidate due, in one transaction; returns how many.
pub async fn run(pool: &PgPool) -> sqlx::Result<u64> {
    forget_old_mail(pool).await?;
    let mut tx = pool.begin().await?;
    let due: Vec<Uuid> = sqlx::query_scalar!(
        "select c.id from candidate c
         join position p on p.id = c.position_id
         cross join setting s
         where c.purged_at is null and p.status = 'closed' and p.closed_at is not null
           and p.closed_at < now() - make_interval(months => s.retention_months)
         order by c.id
         for update of c",
    )
    .fetch_all(&mut *tx)
    .await?;
    if due.is_empty() {
        return Ok(0);
    }
    scrub(&mut tx, &due).await?;
    tx.commit().await?;
    tracing::info!(candidates = due.len(), "personal data purged");
    Ok(due.len() as u64)
}

/// Mail kept with no candidate (a digest names several) goes after the
/// retention, counted from when it was written.
async fn forget_old_mail(pool: &PgPool) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from mail_outbox m using setting s
         where m.state <> 'pending' and m.created_at < now() - make_interval(months => s.retention_months)"
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// One statement per table, each over all the candidates at once.
const SCRUB: [&str; 14] = [
    "update candidate set name = '[slettet]', email = '', phone = '', source = '',
         first_round_summary = purged_text(first_round_summary),
         open_questions = purged_text(open_questions),
         purged_at = now(), updated_at = now()
     where id = any($1)",
    "update rating ra set evidence = purged_text(ra.evidence)
     from panel_member pm join interview_round r on r.id = pm.round_id
     where ra.panel_member_id = pm.id and r.candidate_id = any($1)",
    "update recommendation rec set justification = purged_text(rec.justification)
     from panel_member pm join interview_round r on r.id = pm.round_id
     where rec.panel_member_id = pm.id and r.candidate_id = any($1)",
    "update test_result t set summary = purged_text(t.summary)
     from interview_round r where r.id = t.round_id and r.candidate_id = any($1)",
    // The candidate's open questions and doubts, copied into their rounds.
    "update round_question q set text = purged_text(q.text), guidance = purged_text(q.guidance)
     from interview_round r
     where r.id = q.round_id and r.candidate_id = any($1) and q.section_kind = 'open_questions'",
    "update doubt set description = purged_text(description), fact_what = purged_text(fact_what),
         fact_source = purged_text(fact_source), fact_outcome = purged_text(fact_outcome)
     where candidate_id = any($1)",
    "update reference_check set referee_name = purged_text(referee_name),
         relationship = purged_text(relationship), summary = purged_text(summary),
         concerns = purged_text(concerns), questions_answers = purged_text(questions_answers)
     where candidate_id = any($1)",
    "update decision set rationale = purged_text(rationale), reopen_reason = purged_text(reopen_reason)
     where candidate_id = any($1)",
    "update follow_up set note = purged_text(note) where candidate_id = any($1)",
    // Papers go whole, and with them the bytes no other candidate's paper names.
    "delete from paper where candidate_id = any($1)",
    "delete from paper_blob b
     where cardinality($1::uuid[]) > 0
       and not exists (select 1 from paper p where p.sha256 = b.sha256)",
    // Mail about the candidate names them: it goes, sent or not.
    "delete from mail_outbox where candidate_id = any($1)",
    // The audit trail holds copies of notes and descriptions.
    "update audit_event set before = purged_json(before), after = purged_json(after)
     where candidate_id = any($1)",
    // One event per candidate, with no personal data in it.
    "insert into audit_event (entity, entity_id, action, after)
     select 'candidate', id, 'purged', jsonb_build_object('purged_at', now())
     from unnest($1::uuid[]) as id",
];

async fn scrub(conn: &mut PgConnection, candidates: &[Uuid]) -> sqlx::Result<()> {
    for statement in SCRUB {
        // Runtime queries: one loop over a list of statements that all bind the same ids.
        sqlx::query(statement)
            .bind(candidates)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
