//! Reads of doubts for the candidate page, the settle page and the reference form.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::doubts::model::{Category, Method, Status};
use crate::error::Result;
use crate::test_results::TestKind;

/// A doubt with who raised it, where, and the fact that settled it, if any.
#[derive(Debug)]
pub struct DoubtRow {
    pub id: Uuid,
    pub candidate_id: Uuid,
    pub round_id: Option<Uuid>,
    pub round_number: Option<i32>,
    /// The zone of the round it was raised in, in which its dates are shown.
    pub round_time_zone: Option<String>,
    pub question_text: Option<String>,
    pub category: Category,
    pub description: String,
    pub resolution_method: Method,
    pub status: Status,
    pub raised_by: Option<Uuid>,
    pub raised_by_name: Option<String>,
    pub raised_at: DateTime<Utc>,
    pub reference_check_id: Option<Uuid>,
    pub referee_name: Option<String>,
    pub reference_checked_on: Option<NaiveDate>,
    pub test_result_id: Option<Uuid>,
    pub test_kind: Option<TestKind>,
    pub test_summary: Option<String>,
    pub settled_round_id: Option<Uuid>,
    pub settled_round_number: Option<i32>,
    pub fact_what: String,
    pub fact_source: String,
    pub fact_outcome: String,
    pub settled_by_name: Option<String>,
    pub settled_at: Option<DateTime<Utc>>,
}

impl DoubtRow {
    pub fn is_open(&self) -> bool {
        self.status == Status::Open
    }
}

/// Which doubts `load` reads: one doubt, or a candidate's (all, or only those
/// raised by one user, or only the open ones).
#[derive(Default)]
struct Which {
    id: Option<Uuid>,
    candidate_id: Option<Uuid>,
    raised_by: Option<Uuid>,
    only_open: bool,
}

/// Open ones first, each group oldest first. One query for every reader, so
/// the checked query exists once.
async fn load(pool: &PgPool, which: Which) -> Result<Vec<DoubtRow>> {
    Ok(sqlx::query_as!(
        DoubtRow,
        r#"select d.id, d.candidate_id, d.round_id, r.round_number as "round_number?",
               r.time_zone as "round_time_zone?", q.text as "question_text?",
               d.category as "category: _", d.description,
               d.resolution_method as "resolution_method: _", d.status as "status: _",
               d.raised_by, ru.display_name as "raised_by_name?", d.raised_at as "raised_at: _",
               d.settled_by_reference_check_id as reference_check_id, rc.referee_name as "referee_name?",
               rc.checked_on as "reference_checked_on: _",
               d.settled_by_test_result_id as test_result_id, tr.kind as "test_kind: _",
               tr.summary as "test_summary?",
               d.settled_by_round_id as settled_round_id, sr.round_number as "settled_round_number?",
               d.fact_what, d.fact_source, d.fact_outcome,
               su.display_name as "settled_by_name?", d.settled_at as "settled_at: _"
        from doubt d
        left join interview_round r on r.id = d.round_id
        left join round_question q on q.id = d.round_question_id
        left join app_user ru on ru.id = d.raised_by
        left join reference_check rc on rc.id = d.settled_by_reference_check_id
        left join test_result tr on tr.id = d.settled_by_test_result_id
        left join interview_round sr on sr.id = d.settled_by_round_id
        left join app_user su on su.id = d.settled_by
        where ($1::uuid is null or d.id = $1)
          and ($2::uuid is null or d.candidate_id = $2)
          and ($3::uuid is null or d.raised_by = $3)
          and (not $4 or d.status = 'open')
        order by d.status <> 'open', d.raised_at, d.id"#,
        which.id,
        which.candidate_id,
        which.raised_by,
        which.only_open,
    )
    .fetch_all(pool)
    .await?)
}

/// Every doubt of the candidate, open ones first, each group oldest first; only
/// those raised by `raised_by` when given (what a panel member may see).
pub async fn for_candidate(
    pool: &PgPool,
    candidate_id: Uuid,
    raised_by: Option<Uuid>,
) -> Result<Vec<DoubtRow>> {
    let which = Which {
        candidate_id: Some(candidate_id),
        raised_by,
        ..Which::default()
    };
    load(pool, which).await
}

/// The candidate's open doubts, oldest first.
pub async fn open_for_candidate(pool: &PgPool, candidate_id: Uuid) -> Result<Vec<DoubtRow>> {
    let which = Which {
        candidate_id: Some(candidate_id),
        only_open: true,
        ..Which::default()
    };
    load(pool, which).await
}

pub async fn find(pool: &PgPool, id: Uuid) -> Result<DoubtRow> {
    let which = Which {
        id: Some(id),
        ..Which::default()
    };
    load(pool, which)
        .await?
        .pop()
        .ok_or(crate::error::AppError::NotFound)
}

/// A fact the settle form offers: a reference check, a test result or a round.
#[derive(Debug)]
pub struct FactChoice {
    pub id: Uuid,
    pub label: String,
    pub detail: String,
}

/// The candidate's reference checks, newest first.
pub async fn reference_choices(pool: &PgPool, candidate_id: Uuid) -> Result<Vec<FactChoice>> {
    Ok(sqlx::query_as!(
        FactChoice,
        r#"select id, referee_name as label, to_char(checked_on, 'DD.MM.YYYY') as "detail!"
         from reference_check where candidate_id = $1 order by checked_on desc, created_at desc"#,
        candidate_id,
    )
    .fetch_all(pool)
    .await?)
}

/// Test results from the candidate's rounds; `label` is the kind's code.
pub async fn test_result_choices(pool: &PgPool, candidate_id: Uuid) -> Result<Vec<FactChoice>> {
    Ok(sqlx::query_as!(
        FactChoice,
        "select t.id, t.kind as label, t.summary as detail
         from test_result t join interview_round r on r.id = t.round_id
         where r.candidate_id = $1 order by r.round_number, t.recorded_at",
        candidate_id,
    )
    .fetch_all(pool)
    .await?)
}

/// Rounds that could settle the doubt: later than its round (or planned after it
/// was raised) and with every panel member submitted. `label` is the round number.
pub async fn round_choices(pool: &PgPool, doubt: &DoubtRow) -> Result<Vec<FactChoice>> {
    Ok(sqlx::query_as!(
        FactChoice,
        r#"select r.id, r.round_number::text as "label!", r.status as detail
         from interview_round r
         where r.candidate_id = $1
           and (case when $2::int is null then r.created_at > $3 else r.round_number > $2 end)
           and exists (select 1 from panel_member pm where pm.round_id = r.id)
           and not exists (select 1 from panel_member pm where pm.round_id = r.id and pm.submitted_at is null)
         order by r.round_number"#,
        doubt.candidate_id,
        doubt.round_number,
        doubt.raised_at as _, // chrono (see README, "Changing a query")
    )
    .fetch_all(pool)
    .await?)
}
