//! Settling a doubt with a fact, or confirming it: the doubt row is locked, the
//! fact checked to be this candidate's, and the change audited, all in the
//! caller's transaction.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::doubts::fact::{Fact, FactProblem};
use crate::doubts::model::Status;

/// What settling does to the doubt: it was cleared by facts, or the facts confirm it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Resolved,
    Confirmed,
}

impl Outcome {
    pub fn status(self) -> Status {
        match self {
            Outcome::Resolved => Status::Resolved,
            Outcome::Confirmed => Status::Confirmed,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Settled {
    Done,
    /// Someone settled or confirmed it first; nothing was changed.
    AlreadySettled,
    /// The doubt does not exist or belongs to another candidate.
    NoSuchDoubt,
    FactRefused(FactProblem),
}

struct Locked {
    candidate_id: Uuid,
    status: Status,
    round_number: Option<i32>,
    raised_at: DateTime<Utc>,
}

/// Settles (or confirms) doubt `doubt_id` of `candidate_id` with `fact`.
pub async fn settle(
    conn: &mut PgConnection,
    doubt_id: Uuid,
    candidate_id: Uuid,
    outcome: Outcome,
    fact: &Fact,
    by: Uuid,
) -> sqlx::Result<Settled> {
    let locked: Option<Locked> = sqlx::query_as!(
        Locked,
        r#"select d.candidate_id, d.status as "status: _", r.round_number as "round_number?", d.raised_at as "raised_at: _"
         from doubt d left join interview_round r on r.id = d.round_id
         where d.id = $1 for update of d"#,
        doubt_id,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(doubt) = locked.filter(|d| d.candidate_id == candidate_id) else {
        return Ok(Settled::NoSuchDoubt);
    };
    if doubt.status != Status::Open {
        return Ok(Settled::AlreadySettled);
    }
    if let Some(problem) = check_fact(conn, &doubt, fact).await? {
        return Ok(Settled::FactRefused(problem));
    }
    let (reference, test, round, what, source, result) = columns(fact);
    sqlx::query!(
        "update doubt set status = $2, settled_by_reference_check_id = $3,
                settled_by_test_result_id = $4, settled_by_round_id = $5,
                fact_what = $6, fact_source = $7, fact_outcome = $8,
                settled_by = $9, settled_at = now()
         where id = $1",
        doubt_id,
        outcome.status().code(),
        reference,
        test,
        round,
        what,
        source,
        result,
        by,
    )
    .execute(&mut *conn)
    .await?;
    let change = Change {
        actor_id: by,
        entity: "doubt",
        entity_id: doubt_id,
        action: outcome.status().code(),
        before: Some(json!({ "status": doubt.status.code() })),
        after: Some(json!({
            "status": outcome.status().code(),
            "settled_by_reference_check_id": reference,
            "settled_by_test_result_id": test,
            "settled_by_round_id": round,
            "fact_what": what,
            "fact_source": source,
            "fact_outcome": result,
        })),
    };
    audit::record(conn, change).await?;
    crate::mail::notices::doubt_settled(conn, doubt_id, by).await?;
    Ok(Settled::Done)
}

type Columns<'a> = (
    Option<Uuid>,
    Option<Uuid>,
    Option<Uuid>,
    &'a str,
    &'a str,
    &'a str,
);

fn columns(fact: &Fact) -> Columns<'_> {
    match fact {
        Fact::ReferenceCheck(id) => (Some(*id), None, None, "", "", ""),
        Fact::TestResult(id) => (None, Some(*id), None, "", "", ""),
        Fact::Round(id) => (None, None, Some(*id), "", "", ""),
        Fact::Information {
            what,
            source,
            outcome,
        } => (None, None, None, what, source, outcome),
    }
}

struct RoundFact {
    round_number: i32,
    created_at: DateTime<Utc>,
    all_submitted: bool,
}

/// Whether the fact is this candidate's and, for a round, later and complete.
async fn check_fact(
    conn: &mut PgConnection,
    doubt: &Locked,
    fact: &Fact,
) -> sqlx::Result<Option<FactProblem>> {
    let found = match fact {
        Fact::Information { .. } => return Ok(None),
        Fact::ReferenceCheck(id) => {
            sqlx::query_scalar!(
                r#"select exists (select 1 from reference_check where id = $1 and candidate_id = $2) as "found!""#,
                id,
                doubt.candidate_id,
            )
            .fetch_one(&mut *conn)
            .await?
        }
        Fact::TestResult(id) => sqlx::query_scalar!(
            r#"select exists (select 1 from test_result t join interview_round r on r.id = t.round_id
                                 where t.id = $1 and r.candidate_id = $2) as "found!""#,
            id,
            doubt.candidate_id,
        )
        .fetch_one(&mut *conn)
        .await?,
        Fact::Round(id) => return check_round(conn, doubt, *id).await,
    };
    Ok((!found).then(|| FactProblem::NotThisCandidate(field_of(fact))))
}

async fn check_round(
    conn: &mut PgConnection,
    doubt: &Locked,
    round_id: Uuid,
) -> sqlx::Result<Option<FactProblem>> {
    let round: Option<RoundFact> = sqlx::query_as!(
        RoundFact,
        r#"select r.round_number, r.created_at as "created_at: _",
                exists (select 1 from panel_member pm where pm.round_id = r.id)
                and not exists (select 1 from panel_member pm
                                 where pm.round_id = r.id and pm.submitted_at is null) as "all_submitted!"
         from interview_round r where r.id = $1 and r.candidate_id = $2"#,
        round_id,
        doubt.candidate_id,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(round) = round else {
        return Ok(Some(FactProblem::NotThisCandidate("round_id")));
    };
    let later = match doubt.round_number {
        Some(number) => round.round_number > number,
        None => round.created_at > doubt.raised_at,
    };
    Ok(if !later {
        Some(FactProblem::RoundNotLater)
    } else if !round.all_submitted {
        Some(FactProblem::RoundNotSubmitted)
    } else {
        None
    })
}

fn field_of(fact: &Fact) -> &'static str {
    match fact {
        Fact::ReferenceCheck(_) => "reference_check_id",
        Fact::TestResult(_) => "test_result_id",
        Fact::Round(_) => "round_id",
        Fact::Information { .. } => "fact_what",
    }
}
