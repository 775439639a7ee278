//! Reads and writes of positions: a handful of queries per page, no N+1.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::PositionStatus;
use crate::domain::RoundStatus;

use crate::auth::{Role, SessionUser};
use crate::error::{AppError, Result};
use crate::positions::criterion::{CriterionForm, ValidCriterion};

#[derive(Debug)]
pub struct PositionRow {
    pub id: Uuid,
    pub title: String,
    pub department: String,
    pub status: PositionStatus,
    pub manager_name: String,
    pub candidates: i64,
    pub rounds_to_plan: i64,
    pub criteria: i64,
}

/// Every position for HR and admin; a manager's own for a manager.
/// How many positions `list` has for the user.
pub async fn count(pool: &PgPool, user: &SessionUser) -> Result<i64> {
    let all = matches!(user.role, Role::Admin | Role::Hr);
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from position p where $2 or p.hiring_manager_id = $1"#,
        user.id,
        all,
    )
    .fetch_one(pool)
    .await?)
}

/// The user's positions (HR and admins: all), open ones first, `limit` from `offset`.
pub async fn list(
    pool: &PgPool,
    user: &SessionUser,
    (limit, offset): (i64, i64),
) -> Result<Vec<PositionRow>> {
    let all = matches!(user.role, Role::Admin | Role::Hr);
    Ok(sqlx::query_as!(
        PositionRow,
        r#"select p.id, p.title, p.department, p.status as "status: _", u.display_name as manager_name,
                (select count(*) from candidate c where c.position_id = p.id) as "candidates!",
                (select count(*) from candidate c where c.position_id = p.id
                    and c.status in ('shortlisted', 'in_second_round')
                    and not exists (select 1 from interview_round r where r.candidate_id = c.id)) as "rounds_to_plan!",
                (select count(*) from criterion cr where cr.position_id = p.id) as "criteria!"
         from position p join app_user u on u.id = p.hiring_manager_id
         where $2 or p.hiring_manager_id = $1
         order by p.status desc, p.title, p.id
         limit $3 offset $4"#,
        user.id,
        all,
        limit,
        offset,
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct Position {
    pub id: Uuid,
    pub title: String,
    pub department: String,
    pub description: String,
    pub status: PositionStatus,
    pub hiring_manager_id: Uuid,
    pub manager_name: String,
}

pub async fn find(pool: &PgPool, id: Uuid) -> Result<Position> {
    sqlx::query_as!(
        Position,
        r#"select p.id, p.title, p.department, p.description, p.status as "status: _", p.hiring_manager_id,
                u.display_name as manager_name
         from position p join app_user u on u.id = p.hiring_manager_id where p.id = $1"#,
        id,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

/// A user who may own a position: an active admin, HR or manager account.
#[derive(Debug)]
pub struct ManagerOption {
    pub id: Uuid,
    pub display_name: String,
}

pub async fn managers(pool: &PgPool) -> Result<Vec<ManagerOption>> {
    Ok(sqlx::query_as!(
        ManagerOption,
        "select id, display_name from app_user
         where not disabled and role in ('manager', 'hr', 'admin')
         order by role = 'manager' desc, display_name",
    )
    .fetch_all(pool)
    .await?)
}

pub async fn is_manager_option(pool: &PgPool, id: Uuid) -> Result<bool> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from app_user where id = $1 and not disabled
                          and role in ('manager', 'hr', 'admin')) as "exists!""#,
        id,
    )
    .fetch_one(pool)
    .await?)
}

pub struct PositionInput<'a> {
    pub title: &'a str,
    pub department: &'a str,
    pub description: &'a str,
    pub hiring_manager_id: Uuid,
}

pub async fn insert(pool: &PgPool, input: &PositionInput<'_>) -> Result<Uuid> {
    Ok(sqlx::query_scalar!(
        "insert into position (title, department, description, hiring_manager_id)
         values ($1, $2, $3, $4) returning id",
        input.title.trim(),
        input.department.trim(),
        input.description.trim(),
        input.hiring_manager_id,
    )
    .fetch_one(pool)
    .await?)
}

pub async fn update(pool: &PgPool, id: Uuid, input: &PositionInput<'_>) -> Result<()> {
    sqlx::query!(
        "update position set title = $2, department = $3, description = $4,
                hiring_manager_id = $5, updated_at = now() where id = $1",
        id,
        input.title.trim(),
        input.department.trim(),
        input.description.trim(),
        input.hiring_manager_id,
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn set_status(pool: &PgPool, id: Uuid, status: PositionStatus) -> Result<()> {
    // closed_at starts the retention clock (see `privacy::purge`).
    sqlx::query!(
        "update position set status = $2, updated_at = now(),
             closed_at = case when $2 = 'closed' then coalesce(closed_at, now()) end
         where id = $1",
        id,
        status.code(),
    )
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(Debug)]
pub struct CandidateRow {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub status: crate::domain::CandidateStatus,
}

pub async fn candidates(pool: &PgPool, position_id: Uuid) -> Result<Vec<CandidateRow>> {
    Ok(sqlx::query_as!(
        CandidateRow,
        r#"select id, name, email, status as "status: _" from candidate where position_id = $1 order by name, id"#,
        position_id,
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct RoundRow {
    pub id: Uuid,
    pub candidate_id: Uuid,
    pub round_number: i32,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub time_zone: String,
    pub status: RoundStatus,
}

/// Every round of every candidate of the position, in one query.
pub async fn rounds(pool: &PgPool, position_id: Uuid) -> Result<Vec<RoundRow>> {
    Ok(sqlx::query_as!(
        RoundRow,
        r#"select r.id, r.candidate_id, r.round_number, r.scheduled_at as "scheduled_at: _", r.time_zone, r.status as "status: _"
         from interview_round r join candidate c on c.id = r.candidate_id
         where c.position_id = $1 order by r.round_number"#,
        position_id,
    )
    .fetch_all(pool)
    .await?)
}

struct CriterionRecord {
    name: String,
    description: String,
    weight: f64,
    must_have: bool,
    minimum_score: Option<i16>,
    anchor_1: String,
    anchor_2: String,
    anchor_3: String,
    anchor_4: String,
    anchor_5: String,
}

pub async fn find_form(pool: &PgPool, position_id: Uuid, cid: Uuid) -> Result<CriterionForm> {
    let row: CriterionRecord = sqlx::query_as!(
        CriterionRecord,
        "select name, description, weight, must_have, minimum_score,
                anchor_1, anchor_2, anchor_3, anchor_4, anchor_5
         from criterion where id = $1 and position_id = $2",
        cid,
        position_id,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(CriterionForm {
        name: row.name,
        description: row.description,
        weight: row.weight.to_string(),
        must_have: row.must_have.then(|| "on".to_owned()),
        minimum_score: row.minimum_score.map(|m| m.to_string()).unwrap_or_default(),
        anchor_1: row.anchor_1,
        anchor_2: row.anchor_2,
        anchor_3: row.anchor_3,
        anchor_4: row.anchor_4,
        anchor_5: row.anchor_5,
    })
}

pub async fn store_insert(
    pool: &PgPool,
    position_id: Uuid,
    c: &ValidCriterion,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into criterion (position_id, name, description, weight, must_have, minimum_score,
                                anchor_1, anchor_2, anchor_3, anchor_4, anchor_5, sort_order)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                 (select coalesce(max(sort_order), 0) + 1 from criterion where position_id = $1))",
        position_id,
        c.name,
        c.description,
        c.weight.value(),
        c.must_have(),
        c.minimum.map(|m| m.value()),
        c.anchors[0],
        c.anchors[1],
        c.anchors[2],
        c.anchors[3],
        c.anchors[4],
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn store_update(pool: &PgPool, cid: Uuid, c: &ValidCriterion) -> sqlx::Result<()> {
    sqlx::query!(
        "update criterion set name = $2, description = $3, weight = $4, must_have = $5,
                minimum_score = $6, anchor_1 = $7, anchor_2 = $8, anchor_3 = $9,
                anchor_4 = $10, anchor_5 = $11
         where id = $1",
        cid,
        c.name,
        c.description,
        c.weight.value(),
        c.must_have(),
        c.minimum.map(|m| m.value()),
        c.anchors[0],
        c.anchors[1],
        c.anchors[2],
        c.anchors[3],
        c.anchors[4],
    )
    .execute(pool)
    .await?;
    Ok(())
}
