//! One way to build hiring data outside the pages: the demo, the tests and the
//! benchmarks plan, rate, submit and raise doubts through the functions the
//! handlers call, so what they build has the audit events and save ids of real
//! data and no state the app cannot produce.

use anyhow::{Context, anyhow, bail};
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::candidates::fields::{CandidateField, CandidateValues};
use crate::decisions::queries::{self as decisions, NewDecision};
use crate::domain::RoundStatus;
use crate::doubts::model::{self as doubt, Category, Method, NewDoubt};
use crate::i18n::Locale;
use crate::interview::save::{self, Refusal, SaveOutcome, SaveRequest};
use crate::interview::seat::{self, Seat};
use crate::interview::{queries, submit};
use crate::positions::criterion::{self, CriterionForm};
use crate::positions::queries::{self as positions, PositionInput};
use crate::rounds::plan::{self, PanelRole, ValidPlan};
use crate::scoring::flags::Outcome;
use crate::scoring::{Score, Verdict};
use crate::test_results::record::{self as test_results, TestResultForm};

/// The time zone rounds are planned in.
pub const TIME_ZONE: chrono_tz::Tz = crate::web::format::DEFAULT_TIME_ZONE;

/// Builds on one database; errors name the step that failed.
pub struct Case<'a> {
    pool: &'a PgPool,
}

pub struct NewPosition<'a> {
    pub title: &'a str,
    pub department: &'a str,
    pub description: &'a str,
    pub hiring_manager_id: Uuid,
}

pub struct NewCriterion<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub weight: f64,
    /// `Some` makes it a must-have with this minimum.
    pub minimum: Option<i16>,
    pub anchors: [&'a str; 5],
}

#[derive(Default)]
pub struct NewCandidate<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub source: &'a str,
    pub first_round_summary: &'a str,
    /// One per line; they open the round.
    pub open_questions: &'a str,
}

/// A follow-up of a hire: which one, the scores in criterion order, the two answers.
pub struct NewFollowUp<'a> {
    /// `probation` or `twelve_months`.
    pub milestone: &'a str,
    pub scores: &'a [i16],
    pub would_hire_again: bool,
    pub still_here: bool,
    pub note: &'a str,
    pub written_at: DateTime<Utc>,
}

pub struct NewRound<'a> {
    pub candidate_id: Uuid,
    pub scheduled_at: DateTime<Utc>,
    pub location: &'a str,
    pub guide_id: Uuid,
    pub panel: &'a [(Uuid, PanelRole)],
}

/// A planned round and its questions in interview order.
#[derive(Debug, Clone)]
pub struct PlannedRound {
    pub round_id: Uuid,
    pub round_number: i32,
    pub questions: Vec<Uuid>,
}

impl<'a> Case<'a> {
    pub fn new(pool: &'a PgPool) -> Case<'a> {
        Case { pool }
    }

    pub async fn position(&self, new: &NewPosition<'_>) -> anyhow::Result<Uuid> {
        let input = PositionInput {
            title: new.title,
            department: new.department,
            description: new.description,
            hiring_manager_id: new.hiring_manager_id,
        };
        positions::insert(self.pool, &input)
            .await
            .context("position")
    }

    /// Validated like the requirement profile's form, then stored last in order.
    pub async fn criterion(&self, position_id: Uuid, new: &NewCriterion<'_>) -> anyhow::Result<()> {
        let [anchor_1, anchor_2, anchor_3, anchor_4, anchor_5] = new.anchors.map(str::to_owned);
        let form = CriterionForm {
            name: new.name.to_owned(),
            description: new.description.to_owned(),
            weight: new.weight.to_string(),
            must_have: new.minimum.map(|_| "on".to_owned()),
            minimum_score: new.minimum.map(|m| m.to_string()).unwrap_or_default(),
            anchor_1,
            anchor_2,
            anchor_3,
            anchor_4,
            anchor_5,
        };
        let valid = criterion::validate(&form)
            .map_err(|refusals| anyhow!("criterion {}: {refusals:?}", new.name))?;
        positions::store_insert(self.pool, position_id, &valid)
            .await
            .with_context(|| format!("criterion {}", new.name))
    }

    /// A shortlisted candidate, added by `by`; refused, as the form refuses it,
    /// when a field is over its limit.
    pub async fn candidate(
        &self,
        position_id: Uuid,
        new: &NewCandidate<'_>,
        by: Uuid,
    ) -> anyhow::Result<Uuid> {
        let values = CandidateValues {
            name: new.name.to_owned(),
            email: new.email.to_owned(),
            phone: new.phone.to_owned(),
            source: new.source.to_owned(),
            first_round_summary: new.first_round_summary.to_owned(),
            open_questions: new.open_questions.to_owned(),
        };
        let too_long: Vec<&str> = values
            .too_long()
            .into_iter()
            .map(CandidateField::code)
            .collect();
        if !too_long.is_empty() {
            bail!("candidate: {} over the limit", too_long.join(", "));
        }
        // Stored as given, untrimmed: a case may hold what the form would trim
        // (the export's tests need a name that starts with a tab).
        let input = values.input(&values.email);
        crate::candidates::queries::insert(self.pool, position_id, &input, by)
            .await
            .with_context(|| format!("candidate {}", new.name))
    }

    /// Plans the candidate's next round with its panel and snapshot, as the
    /// planning form does.
    pub async fn plan(&self, new: &NewRound<'_>, by: Uuid) -> anyhow::Result<PlannedRound> {
        let valid = ValidPlan {
            candidate_id: new.candidate_id,
            scheduled_at: new.scheduled_at,
            time_zone: TIME_ZONE,
            duration_minutes: 90,
            location: new.location.to_owned(),
            template_id: new.guide_id,
            panel: new.panel.to_vec(),
            plan_id: Some(Uuid::new_v4()),
        };
        let planned = plan::create(self.pool, &valid, by)
            .await
            .context("planning a round")?
            .map_err(|refused| anyhow!("the candidate is decided: {}", refused.status.code()))?;
        let questions = sqlx::query_scalar!(
            "select id from round_question where round_id = $1 order by section_order, question_order",
            planned.round_id,
        )
        .fetch_all(self.pool)
        .await?;
        Ok(PlannedRound {
            round_id: planned.round_id,
            round_number: planned.round_number,
            questions,
        })
    }

    /// Saves `user_id`'s rating of one question as the walk-through does, with a
    /// save id of its own; `None` is "not assessed".
    pub async fn rate(
        &self,
        round_id: Uuid,
        user_id: Uuid,
        question_id: Uuid,
        score: Option<i16>,
        evidence: &str,
    ) -> anyhow::Result<()> {
        let score = match score {
            Some(score) => {
                Some(Score::try_from(i64::from(score)).map_err(|_| anyhow!("score {score}"))?)
            }
            None => None,
        };
        let current: Option<i32> = sqlx::query_scalar!(
            "select r.version from rating r join panel_member pm on pm.id = r.panel_member_id
             where r.round_question_id = $1 and pm.user_id = $2",
            question_id,
            user_id,
        )
        .fetch_optional(self.pool)
        .await?;
        let request = SaveRequest {
            score,
            evidence: evidence.to_owned(),
            base_version: current,
            save_id: Uuid::new_v4(),
        };
        match save::save(self.pool, (round_id, user_id), question_id, &request).await {
            Ok(Ok(SaveOutcome::Saved(_))) => Ok(()),
            Ok(Ok(SaveOutcome::Conflict(_))) => bail!("rating of {question_id}: changed meanwhile"),
            Ok(Err(refusal)) => bail!("rating of {question_id}: refused, {refusal:?}"),
            Err(err) => Err(anyhow!("rating of {question_id}: {err}")),
        }
    }

    /// Submits `user_id`'s ratings with a recommendation, as the submission form
    /// does; refused while a question is unanswered. A "no" raises a doubt.
    pub async fn submit(
        &self,
        round_id: Uuid,
        user_id: Uuid,
        verdict: Verdict,
        justification: &str,
    ) -> anyhow::Result<()> {
        let seat = self.seat(round_id, user_id).await?;
        if seat.read_only() {
            bail!("{user_id} has already submitted on round {round_id}");
        }
        match submit::submit(self.pool, &seat, verdict, justification)
            .await
            .map_err(|err| anyhow!("submission: {err}"))?
        {
            Ok(()) => Ok(()),
            Err(Refusal::Unanswered) => {
                bail!("{user_id} has unanswered questions on round {round_id}")
            }
            Err(refusal) => bail!("submission of {user_id} on round {round_id}: {refusal:?}"),
        }
    }

    /// Raises a doubt on question `n` (from 1, in interview order) of the walk-through.
    pub async fn raise_doubt(
        &self,
        (round_id, user_id): (Uuid, Uuid),
        n: usize,
        (category, method): (Category, Method),
        description: &str,
    ) -> anyhow::Result<Uuid> {
        let seat = self.open_seat(round_id, user_id).await?;
        let rows = queries::questions(self.pool, round_id, seat.member_id)
            .await
            .map_err(|err| anyhow!("questions: {err}"))?;
        let question = rows
            .get(n.wrapping_sub(1))
            .ok_or_else(|| anyhow!("round {round_id} has no question {n}"))?;
        let mut tx = self.pool.begin().await?;
        let new = NewDoubt {
            candidate_id: seat.round.candidate_id,
            round_id: Some(round_id),
            round_question_id: Some(question.id),
            criterion_id: question.criterion_id,
            category,
            description,
            method,
            raised_by: user_id,
            form_id: None,
        };
        let id = doubt::raise(&mut tx, new).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records a test result from the walk-through of a panel member.
    pub async fn record_test(
        &self,
        (round_id, user_id): (Uuid, Uuid),
        kind: &str,
        summary: &str,
        score: Option<f64>,
    ) -> anyhow::Result<Uuid> {
        self.open_seat(round_id, user_id).await?;
        let form = TestResultForm {
            kind: kind.to_owned(),
            summary: summary.to_owned(),
            score: score.map(|s| s.to_string()).unwrap_or_default(),
            form_id: String::new(),
        };
        let valid = test_results::validate(&form, Locale::En)
            .map_err(|errors| anyhow!("test result: {errors:?}"))?;
        test_results::store(self.pool, round_id, user_id, &valid)
            .await
            .map_err(|err| anyhow!("test result: {err}"))
    }

    /// Records a hire as the decision page does (audited, the candidate hired,
    /// the round closed), dated `decided_at` for a case in the past; the mail
    /// it wrote counts as sent then. `acknowledged` names the warnings accepted.
    pub async fn hire(
        &self,
        ids: (Uuid, Uuid),
        by: Uuid,
        rationale: &str,
        acknowledged: &[String],
        decided_at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        self.decide(
            ids,
            by,
            (Outcome::Hire, rationale),
            acknowledged,
            decided_at,
        )
        .await
    }

    /// Records any decision as `hire` does, without the gate.
    pub async fn decide(
        &self,
        (candidate_id, round_id): (Uuid, Uuid),
        by: Uuid,
        (outcome, rationale): (Outcome, &str),
        acknowledged: &[String],
        decided_at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await?;
        let decision = NewDecision {
            candidate_id,
            round_id: Some(round_id),
            outcome,
            rationale,
            acknowledged,
            form_id: Uuid::new_v4(),
            decided_by: by,
        };
        let id = decisions::record(&mut tx, &decision)
            .await
            .map_err(|err| anyhow!("deciding on {candidate_id}: {err}"))?;
        sqlx::query!(
            "update decision set decided_at = $2 where id = $1",
            id,
            decided_at as _
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            "update mail_outbox set state = 'sent', sent_at = $2, attempts = 1
              where candidate_id = $1 and state = 'pending'",
            candidate_id,
            decided_at as _
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Writes a follow-up of a hire as the follow-up page stores it: `scores`
    /// in the position's criterion order.
    pub async fn follow_up(
        &self,
        candidate_id: Uuid,
        written: &NewFollowUp<'_>,
        by: Uuid,
    ) -> anyhow::Result<()> {
        let mut tx = self.pool.begin().await?;
        let id: Uuid = sqlx::query_scalar!(
            "insert into follow_up (candidate_id, milestone, would_hire_again, still_here, note, written_by, written_at)
             values ($1, $2, $3, $4, $5, $6, $7) returning id",
            candidate_id,
            written.milestone,
            written.would_hire_again,
            written.still_here,
            written.note,
            by,
            written.written_at as _,
        )
        .fetch_one(&mut *tx)
        .await
        .with_context(|| format!("follow-up of {candidate_id}"))?;
        let inserted = sqlx::query!(
            "insert into follow_up_score (follow_up_id, criterion_id, score)
             select $1, c.id, ($2::smallint[])[row_number() over (order by c.sort_order, c.name)]
               from criterion c join candidate k on k.position_id = c.position_id
              where k.id = $3",
            id,
            written.scores,
            candidate_id,
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted != written.scores.len() as u64 {
            bail!(
                "follow-up of {candidate_id}: {inserted} criteria, {} scores",
                written.scores.len()
            );
        }
        tx.commit().await?;
        Ok(())
    }

    /// Closes a position, as when its hiring is done.
    pub async fn close_position(&self, position_id: Uuid) -> anyhow::Result<()> {
        sqlx::query!(
            "update position set status = 'closed' where id = $1",
            position_id
        )
        .execute(self.pool)
        .await?;
        Ok(())
    }

    /// The seat on a round that is not closed, as doubts and test results need.
    async fn open_seat(&self, round_id: Uuid, user_id: Uuid) -> anyhow::Result<Seat> {
        let seat = self.seat(round_id, user_id).await?;
        if seat.round.round_status == RoundStatus::Closed {
            bail!("round {round_id} is closed");
        }
        Ok(seat)
    }

    async fn seat(&self, round_id: Uuid, user_id: Uuid) -> anyhow::Result<Seat> {
        seat::find(self.pool, round_id, user_id)
            .await
            .map_err(|err| anyhow!("{user_id} on round {round_id}: {err}"))
    }
}
