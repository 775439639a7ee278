//! Reads for planning and showing rounds.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::Role;
use crate::domain::PanelRole;
use crate::domain::RoundStatus;
use crate::guides::SectionLead;
use crate::i18n::Locale;

use crate::error::{AppError, Result};

#[derive(Debug)]
pub struct CandidateOption {
    pub id: Uuid,
    pub name: String,
    pub rounds: i64,
}

pub async fn candidates(pool: &PgPool, position_id: Uuid) -> Result<Vec<CandidateOption>> {
    Ok(sqlx::query_as!(
        CandidateOption,
        r#"select c.id, c.name, (select count(*) from interview_round r where r.candidate_id = c.id) as "rounds!"
         from candidate c where c.position_id = $1
           and c.status not in ('rejected', 'withdrawn', 'hired')
         order by c.name, c.id"#,
        position_id,
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct TemplateOption {
    pub id: Uuid,
    pub name: String,
    pub language: Locale,
    pub is_default: bool,
    /// The guide's sections that one panel role leads (titles), in order,
    pub led_sections: Vec<String>,
    /// and the role that leads each.
    pub led_by: Vec<SectionLead>,
}

pub async fn templates(pool: &PgPool) -> Result<Vec<TemplateOption>> {
    Ok(sqlx::query_as!(
        TemplateOption,
        r#"select t.id, t.name, t.language as "language: _", t.is_default,
                coalesce(array_agg(s.title order by s.sort_order, s.id)
                         filter (where s.led_by <> 'everyone'), '{}') as "led_sections!",
                coalesce(array_agg(s.led_by order by s.sort_order, s.id)
                         filter (where s.led_by <> 'everyone'), '{}') as "led_by!: Vec<SectionLead>"
         from interview_template t
         left join template_section s on s.template_id = t.id
         group by t.id
         order by t.is_default desc, t.name"#,
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct UserOption {
    pub id: Uuid,
    pub display_name: String,
    pub email: String,
    pub role: Role,
}

pub async fn active_users(pool: &PgPool) -> Result<Vec<UserOption>> {
    Ok(sqlx::query_as!(
        UserOption,
        r#"select id, display_name, email, role as "role: _" from app_user where not disabled order by display_name"#,
    )
    .fetch_all(pool)
    .await?)
}

/// The panel (active users and their panel roles) of the candidate's latest
/// round, if the candidate belongs to the position and has one.
pub async fn latest_panel(
    pool: &PgPool,
    position_id: Uuid,
    candidate_id: Uuid,
) -> Result<Vec<(Uuid, PanelRole)>> {
    Ok(sqlx::query!(
        r#"select pm.user_id, pm.panel_role as "panel_role: PanelRole"
         from panel_member pm join app_user u on u.id = pm.user_id and not u.disabled
         where pm.round_id = (
             select r.id from interview_round r join candidate c on c.id = r.candidate_id
             where r.candidate_id = $2 and c.position_id = $1
             order by r.round_number desc limit 1)"#,
        position_id,
        candidate_id,
    )
    .map(|row| (row.user_id, row.panel_role))
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct RoundDetail {
    pub id: Uuid,
    pub round_number: i32,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub time_zone: String,
    pub duration_minutes: i32,
    pub location: String,
    pub status: RoundStatus,
    pub candidate_id: Uuid,
    pub candidate_name: String,
    pub position_id: Uuid,
    pub position_title: String,
    pub template_name: Option<String>,
}

pub async fn round(pool: &PgPool, id: Uuid) -> Result<RoundDetail> {
    sqlx::query_as!(
        RoundDetail,
        r#"select r.id, r.round_number, r.scheduled_at as "scheduled_at: _", r.time_zone, r.duration_minutes, r.location, r.status as "status: _",
                c.id as candidate_id, c.name as candidate_name, p.id as position_id, p.title as position_title,
                t.name as "template_name?"
         from interview_round r
         join candidate c on c.id = r.candidate_id
         join position p on p.id = c.position_id
         left join interview_template t on t.id = r.template_id
         where r.id = $1"#,
        id,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

#[derive(Debug)]
pub struct PanelMember {
    pub display_name: String,
    pub email: String,
    pub panel_role: PanelRole,
}

pub async fn panel(pool: &PgPool, round_id: Uuid) -> Result<Vec<PanelMember>> {
    Ok(sqlx::query_as!(
        PanelMember,
        r#"select u.display_name, u.email, pm.panel_role as "panel_role: _"
         from panel_member pm join app_user u on u.id = pm.user_id
         where pm.round_id = $1
         order by pm.panel_role = 'hiring_manager' desc, u.display_name"#,
        round_id,
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct Question {
    pub id: Uuid,
    pub section_title: String,
    pub section_order: i32,
    pub text: String,
    pub guidance: String,
    /// False for a conversation-only question, which is linked to no criterion.
    pub rated: bool,
    pub criterion_id: Option<Uuid>,
    pub criterion_name: Option<String>,
}

pub async fn questions(pool: &PgPool, round_id: Uuid) -> Result<Vec<Question>> {
    Ok(sqlx::query_as!(
        Question,
        r#"select q.id, q.section_title, q.section_order, q.text, q.guidance, q.rated, q.criterion_id,
                c.name as "criterion_name?"
         from round_question q left join criterion c on c.id = q.criterion_id
         where q.round_id = $1 order by q.section_order, q.question_order"#,
        round_id,
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct CriterionOption {
    pub id: Uuid,
    pub name: String,
}

pub async fn criteria(pool: &PgPool, position_id: Uuid) -> Result<Vec<CriterionOption>> {
    Ok(sqlx::query_as!(
        CriterionOption,
        "select id, name from criterion where position_id = $1 order by sort_order, created_at, id",
        position_id,
    )
    .fetch_all(pool)
    .await?)
}
