//! The doubt that was waved through: when a follow-up says "would not hire
//! again", or the person left during probation, what was known at the
//! decision (`/candidates/{id}/retrospective`): the hire's rationale, the
//! warnings the decider acknowledged, each doubt and how it was settled, and
//! how far apart the panel was on each criterion. Admins see them listed
//! (`/admin/retrospectives`); the next decision on the position links them.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::{AdminOnly, Staff};
use crate::decisions::{DecisionPanel, doubt_descriptions, flag_views};
use crate::error::{AppError, Result};
use crate::follow_up::Milestone;
use crate::follow_up::text::FollowUpText;
use crate::positions::access::OwnedCandidate;
use crate::state::AppState;
use crate::web::format;
use crate::web::layout::Layout;

/// A follow-up that calls for looking back at the decision.
pub struct Trigger {
    pub candidate_id: Uuid,
    pub candidate_name: String,
    pub position_title: String,
    pub milestone: Milestone,
    pub would_hire_again: bool,
    pub still_here: bool,
    pub note: String,
    pub written_at: DateTime<Utc>,
}

impl Trigger {
    /// Why this follow-up calls for a retrospective, in words.
    pub fn reason(&self, t: &FollowUpText) -> &'static str {
        match (self.would_hire_again, self.still_here) {
            (false, false) => t.retro_would_not_and_left,
            (false, true) => t.retro_would_not,
            _ => t.retro_left,
        }
    }

    fn milestone_name(&self, t: &FollowUpText) -> &'static str {
        match self.milestone {
            Milestone::Probation => t.probation,
            Milestone::TwelveMonths => t.twelve_months,
        }
    }
}

/// The follow-ups that call for a retrospective ("would not hire again", or
/// gone by the end of probation), of one candidate or position, or all; newest first.
async fn triggers(
    pool: &PgPool,
    candidate: Option<Uuid>,
    position: Option<Uuid>,
) -> sqlx::Result<Vec<Trigger>> {
    sqlx::query_as!(
        Trigger,
        r#"select c.id as candidate_id, c.name as candidate_name, p.title as position_title,
                  f.milestone as "milestone!: Milestone", f.would_hire_again as "would_hire_again!",
                  f.still_here as "still_here!", f.note as "note!",
                  f.written_at as "written_at!: DateTime<Utc>"
             from retrospective_follow_up f
             join candidate c on c.id = f.candidate_id
             join position p on p.id = c.position_id
            where ($1::uuid is null or c.id = $1)
              and ($2::uuid is null or c.position_id = $2)
              and c.purged_at is null
            order by f.written_at desc"#,
        candidate,
        position,
    )
    .fetch_all(pool)
    .await
}

/// A doubt as it stood at the decision: what it was and how it was settled.
struct DoubtThen {
    description: String,
    status: String,
    settlement: String,
}

/// One criterion: the panel's mean and how far apart its members were.
struct SpreadRow {
    name: String,
    mean: String,
    low: String,
    high: String,
    spread: String,
    wide: bool,
    members: String,
}

struct HireDecision {
    rationale: String,
    decided_by: String,
    decided_at: DateTime<Utc>,
    acknowledged: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "follow_up/retrospective.html")]
pub(super) struct RetrospectivePage {
    layout: Layout,
    t: &'static FollowUpText,
    candidate_id: Uuid,
    candidate_name: String,
    position_title: String,
    triggers: Vec<Trigger>,
    decision: Option<HireDecision>,
    /// The acknowledged warnings, in words; a key the facts no longer raise is counted.
    warnings: Vec<String>,
    warnings_gone: usize,
    doubts: Vec<DoubtThen>,
    spread: Vec<SpreadRow>,
}

impl RetrospectivePage {
    fn decided_line(&self, decision: &HireDecision) -> String {
        self.t
            .retro_decided
            .replace("{name}", &decision.decided_by)
            .replace("{date}", &format::date(decision.decided_at))
    }

    fn trigger_line(&self, trigger: &Trigger) -> String {
        format!(
            "{} ({}, {})",
            trigger.reason(self.t),
            trigger.milestone_name(self.t),
            format::date(trigger.written_at)
        )
    }
}

/// Admin, HR and the position's hiring manager: those who read the follow-up.
pub(super) async fn show(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedCandidate { id, head }: OwnedCandidate,
) -> Result<RetrospectivePage> {
    let t = FollowUpText::get(auth.viewer.locale);
    let triggers = triggers(&app.pool, Some(id), None).await?;
    let mut conn = app.pool.acquire().await?;
    let decision = sqlx::query!(
        r#"select d.rationale, coalesce(u.display_name, '–') as "decided_by!",
                  d.decided_at as "decided_at: DateTime<Utc>",
                  d.acknowledged
             from decision d left join app_user u on u.id = d.decided_by
            where d.candidate_id = $1 and d.outcome = 'hire'
            order by d.decided_at desc limit 1"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .map(|row| HireDecision {
        rationale: row.rationale,
        decided_by: row.decided_by,
        decided_at: row.decided_at,
        acknowledged: serde_json::from_value(row.acknowledged).unwrap_or_default(),
    });
    let (facts, assessment) = DecisionPanel::assess(&mut conn, id).await?;
    let descriptions = doubt_descriptions(&mut conn, id).await?;
    let acknowledged = decision
        .as_ref()
        .map(|d| d.acknowledged.clone())
        .unwrap_or_default();
    let views = flag_views(&assessment, &facts, &descriptions, auth.viewer.locale);
    let warnings: Vec<String> = views
        .into_iter()
        .filter(|view| acknowledged.contains(&view.key))
        .map(|view| view.text)
        .collect();
    let warnings_gone = acknowledged.len().saturating_sub(warnings.len());
    let doubts = doubts_then(&app.pool, id, t).await?;
    let names: std::collections::HashMap<Uuid, &str> = facts
        .panel
        .iter()
        .map(|member| (member.user_id, member.name.as_str()))
        .collect();
    let spread = assessment
        .summary
        .criteria
        .iter()
        .map(|criterion| {
            let low = criterion.min;
            let high = criterion.max;
            let spread = low.zip(high).map(|(low, high)| high - low);
            SpreadRow {
                name: criterion.name.clone(),
                mean: one_decimal(criterion.mean),
                low: one_decimal(low),
                high: one_decimal(high),
                spread: one_decimal(spread),
                wide: spread.is_some_and(|spread| spread >= 2.0),
                members: criterion
                    .member_means
                    .iter()
                    .filter_map(|member| {
                        let mean = member.mean?;
                        let name = names.get(&member.user_id).copied().unwrap_or("–");
                        Some(format!("{name} {}", one_decimal(Some(mean))))
                    })
                    .collect::<Vec<_>>()
                    .join(" · "),
            }
        })
        .collect();
    let candidate_name: String =
        sqlx::query_scalar!("select name from candidate where id = $1", id)
            .fetch_one(&app.pool)
            .await?;
    let title = t.retro_title.replace("{name}", &candidate_name);
    Ok(RetrospectivePage {
        layout: auth.viewer.layout(title).await?,
        t,
        candidate_id: id,
        candidate_name,
        position_title: head.title,
        triggers,
        decision,
        warnings,
        warnings_gone,
        doubts,
        spread,
    })
}

fn one_decimal(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |value| format!("{value:.1}"))
}

async fn doubts_then(
    pool: &PgPool,
    candidate_id: Uuid,
    t: &FollowUpText,
) -> Result<Vec<DoubtThen>> {
    let rows = sqlx::query!(
        r#"select d.description, d.status, d.fact_what, d.fact_source, d.fact_outcome,
                  r.referee_name as "referee?", r.summary as "reference_summary?",
                  tr.summary as "test_summary?", ir.round_number as "round_number?"
             from doubt d
             left join reference_check r on r.id = d.settled_by_reference_check_id
             left join test_result tr on tr.id = d.settled_by_test_result_id
             left join interview_round ir on ir.id = d.settled_by_round_id
            where d.candidate_id = $1
            order by d.raised_at"#,
        candidate_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let status = match row.status.as_str() {
                "open" => t.retro_doubt_open,
                "confirmed" => t.retro_doubt_confirmed,
                _ => t.retro_doubt_resolved,
            };
            let settlement = if let Some(referee) = row.referee {
                t.retro_by_reference.replace("{name}", &referee)
                    + ": "
                    + row.reference_summary.as_deref().unwrap_or("")
            } else if let Some(summary) = row.test_summary {
                format!("{}: {summary}", t.retro_by_test)
            } else if let Some(number) = row.round_number {
                t.retro_by_round.replace("{n}", &number.to_string())
            } else if !row.fact_what.is_empty() {
                let source = if row.fact_source.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", row.fact_source)
                };
                format!("{}{source}: {}", row.fact_what, row.fact_outcome)
            } else {
                String::new()
            };
            DoubtThen {
                description: row.description,
                status: status.to_owned(),
                settlement,
            }
        })
        .collect())
}

#[derive(Template, WebTemplate)]
#[template(path = "follow_up/retrospectives.html")]
pub(super) struct RetrospectiveList {
    layout: Layout,
    t: &'static FollowUpText,
    triggers: Vec<Trigger>,
}

impl RetrospectiveList {
    fn milestone_name(&self, trigger: &Trigger) -> &'static str {
        trigger.milestone_name(self.t)
    }

    fn reason(&self, trigger: &Trigger) -> &'static str {
        trigger.reason(self.t)
    }

    fn date(&self, at: &DateTime<Utc>) -> String {
        format::date(*at)
    }
}

/// Every retrospective, for admins.
pub(super) async fn list(
    State(app): State<AppState>,
    auth: Authorized<AdminOnly>,
) -> Result<RetrospectiveList> {
    let t = FollowUpText::get(auth.viewer.locale);
    let triggers = triggers(&app.pool, None, None)
        .await
        .map_err(AppError::from)?;
    Ok(RetrospectiveList {
        layout: auth.viewer.layout(t.retro_list_title).await?,
        t,
        triggers,
    })
}
