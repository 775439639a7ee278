//! What the dashboards show: a handful of queries, one per panel.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use sqlx::PgPool;
use sqlx::types::Json;
use uuid::Uuid;

use crate::auth::Role;
use crate::domain::RoundStatus;

use crate::error::Result;

#[derive(Debug, Deserialize)]
pub struct UpcomingInterview {
    pub round_id: Uuid,
    pub round_number: i32,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub time_zone: String,
    pub location: String,
    pub status: RoundStatus,
    pub candidate_name: String,
    pub position_title: String,
    pub panel_role: crate::domain::PanelRole,
    pub submitted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize)]
pub struct OpenDoubt {
    pub candidate_id: Uuid,
    pub candidate_name: String,
    pub position_title: String,
    pub description: String,
    pub raised_at: DateTime<Utc>,
}

/// What every signed-in user sees first: the interviews they sit on that are not
/// closed, and the doubts they raised that are still open. One statement (each
/// list as a JSON array), since every visit of the start page asks for both.
pub async fn own_work(
    pool: &PgPool,
    user_id: Uuid,
) -> Result<(Vec<UpcomingInterview>, Vec<OpenDoubt>)> {
    let row = sqlx::query!(
        r#"select
             coalesce((select json_agg(i order by i.scheduled_at nulls last, i.candidate_name)
                       from (select r.id as round_id, r.round_number, r.scheduled_at, r.time_zone,
                                    r.location, r.status, c.name as candidate_name,
                                    p.title as position_title, pm.panel_role, pm.submitted_at
                             from panel_member pm
                             join interview_round r on r.id = pm.round_id
                             join candidate c on c.id = r.candidate_id
                             join position p on p.id = c.position_id
                             where pm.user_id = $1 and r.status <> 'closed') i),
                      '[]') as "interviews!: Json<Vec<UpcomingInterview>>",
             coalesce((select json_agg(d order by d.raised_at desc)
                       from (select c.id as candidate_id, c.name as candidate_name,
                                    p.title as position_title, d.description, d.raised_at
                             from doubt d
                             join candidate c on c.id = d.candidate_id
                             join position p on p.id = c.position_id
                             where d.raised_by = $1 and d.status = 'open') d),
                      '[]') as "doubts!: Json<Vec<OpenDoubt>>""#,
        user_id,
    )
    .fetch_one(pool)
    .await?;
    Ok((row.interviews.0, row.doubts.0))
}

/// Whose positions the staff panels of the start page cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A hiring manager: the positions they manage.
    OwnPositions,
    /// HR and admin: every position.
    AllPositions,
}

impl Scope {
    /// `None` for a panel member, who sees no staff panels.
    pub fn of(role: Role) -> Option<Scope> {
        match role {
            Role::Panelist => None,
            Role::Manager => Some(Scope::OwnPositions),
            Role::Hr | Role::Admin => Some(Scope::AllPositions),
        }
    }

    /// The `all` flag of the queries (`$2 or p.hiring_manager_id = $1`).
    pub fn all(self) -> bool {
        self == Scope::AllPositions
    }
}

#[derive(Debug)]
pub struct PositionSummary {
    pub id: Uuid,
    pub title: String,
    pub department: String,
    pub manager_name: String,
    pub candidates: i64,
    pub rounds_to_plan: i64,
    pub open_doubts: i64,
    /// Open positions within the scope, shown or not.
    pub open_positions: i64,
}

/// Open positions the start page lists at most; `/positions` has them all.
pub const POSITIONS_SHOWN: i64 = 20;

/// Open positions with their counts, within `scope`: the first `POSITIONS_SHOWN`
/// by title, each counted after the list is cut, so the page costs what it shows.
pub async fn open_positions(
    pool: &PgPool,
    manager_id: Uuid,
    scope: Scope,
) -> Result<Vec<PositionSummary>> {
    Ok(sqlx::query_as!(
        PositionSummary,
        r#"select p.id as "id!", p.title as "title!", p.department as "department!",
                u.display_name as manager_name, p.open_positions as "open_positions!",
                counts.candidates as "candidates!", counts.rounds_to_plan as "rounds_to_plan!",
                doubts.open_doubts as "open_doubts!"
         from (select id, title, department, hiring_manager_id, count(*) over () as open_positions
               from position
               where status = 'open' and ($2 or hiring_manager_id = $1)
               order by title, id
               limit $3) p
         join app_user u on u.id = p.hiring_manager_id
         cross join lateral (
             select count(*) as candidates,
                    count(*) filter (
                        where c.status in ('shortlisted', 'in_second_round')
                          and not exists (select 1 from interview_round r where r.candidate_id = c.id)
                    ) as rounds_to_plan
             from candidate c where c.position_id = p.id) counts
         cross join lateral (
             select count(*) as open_doubts
             from doubt d join candidate c on c.id = d.candidate_id
             where c.position_id = p.id and d.status = 'open'
               -- Before submitting, a panel member learns nothing of the others' views.
               and not (d.raised_by is distinct from $1 and exists (
                   select 1 from panel_member pm
                   where pm.round_id = d.round_id and pm.user_id = $1 and pm.submitted_at is null))) doubts
         order by p.title, p.id"#,
        manager_id,
        scope.all(),
        POSITIONS_SHOWN,
    )
    .fetch_all(pool)
    .await?)
}

pub async fn user_counts(pool: &PgPool) -> Result<(i64, i64)> {
    Ok(sqlx::query!(
        r#"select count(*) filter (where not disabled) as "active!",
                count(*) filter (where disabled) as "disabled!"
         from app_user"#,
    )
    .map(|row| (row.active, row.disabled))
    .fetch_one(pool)
    .await?)
}
