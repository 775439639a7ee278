//! Reads and writes of interview guides (templates, sections, questions).

use sqlx::PgPool;
use uuid::Uuid;

use crate::error::{AppError, Result};
use crate::guides::{SectionKind, SectionLead};
use crate::i18n::Locale;

#[derive(Debug)]
pub struct GuideRow {
    pub id: Uuid,
    pub name: String,
    pub language: Locale,
    pub is_default: bool,
    pub sections: i64,
    pub questions: i64,
}

pub async fn list(pool: &PgPool) -> Result<Vec<GuideRow>> {
    Ok(sqlx::query_as!(
        GuideRow,
        r#"select t.id, t.name, t.language as "language: _", t.is_default,
                (select count(*) from template_section s where s.template_id = t.id) as "sections!",
                (select count(*) from template_question q join template_section s on s.id = q.section_id
                  where s.template_id = t.id) as "questions!"
         from interview_template t order by t.is_default desc, t.name"#,
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct Guide {
    pub name: String,
    pub language: Locale,
    pub description: String,
}

pub async fn find(pool: &PgPool, id: Uuid) -> Result<Guide> {
    sqlx::query_as!(
        Guide,
        r#"select name, language as "language: _", description from interview_template where id = $1"#,
        id,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}

#[derive(Debug)]
pub struct Section {
    pub id: Uuid,
    pub title: String,
    pub kind: SectionKind,
    pub led_by: SectionLead,
}

/// Nothing, or `NotFound` unless guide `id` has section `sid`.
pub async fn find_section(pool: &PgPool, id: Uuid, sid: Uuid) -> Result<()> {
    sqlx::query_scalar!(
        "select id from template_section where id = $2 and template_id = $1",
        id,
        sid,
    )
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
    .map(drop)
}

pub async fn sections(pool: &PgPool, guide_id: Uuid) -> Result<Vec<Section>> {
    Ok(sqlx::query_as!(
        Section,
        r#"select id, title, kind as "kind: _", led_by as "led_by: _"
         from template_section where template_id = $1 order by sort_order, id"#,
        guide_id,
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct Question {
    pub id: Uuid,
    pub section_id: Uuid,
    pub text: String,
    pub guidance: String,
    pub criterion_hint: String,
    /// False for a conversation-only question: talked about, never scored.
    pub rated: bool,
}

pub async fn questions(pool: &PgPool, guide_id: Uuid) -> Result<Vec<Question>> {
    Ok(sqlx::query_as!(
        Question,
        "select q.id, q.section_id, q.text, q.guidance, q.criterion_hint, q.rated
         from template_question q join template_section s on s.id = q.section_id
         where s.template_id = $1 order by s.sort_order, q.sort_order, q.id",
        guide_id,
    )
    .fetch_all(pool)
    .await?)
}

pub async fn insert(
    pool: &PgPool,
    name: &str,
    language: &str,
    description: &str,
    by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into interview_template (name, language, description, created_by)
         values ($1, $2, $3, $4) returning id",
        name,
        language,
        description,
        by,
    )
    .fetch_one(pool)
    .await
}

pub async fn update(
    pool: &PgPool,
    id: Uuid,
    name: &str,
    language: &str,
    description: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update interview_template set name = $2, language = $3, description = $4, updated_at = now()
         where id = $1",
        id,
        name,
        language,
        description,
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Copies a guide with its sections and questions under a free name, in one
/// transaction; returns the copy's id and name.
pub async fn copy(pool: &PgPool, id: Uuid, suffix: &str, by: Uuid) -> Result<(Uuid, String)> {
    let mut tx = pool.begin().await?;
    // Copies made at the same moment (a double click) would pick the same free
    // name; one at a time, each sees the names the others took.
    sqlx::query!("select pg_advisory_xact_lock(hashtext('interview_template copy'))",)
        .execute(&mut *tx)
        .await?;
    // Kept (for share) until the copy is made, so the copy below finds it.
    let original: String = sqlx::query_scalar!(
        "select name from interview_template where id = $1 for share",
        id,
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let taken: Vec<String> =
        sqlx::query_scalar!(r#"select lower(name) as "name!" from interview_template"#)
            .fetch_all(&mut *tx)
            .await?;
    let name = (1..)
        .map(|n| match n {
            1 => format!("{original} {suffix}"),
            n => format!("{original} {suffix} {n}"),
        })
        .find(|candidate| !taken.contains(&candidate.to_lowercase()))
        .unwrap_or_default();
    let copy_id: Uuid = sqlx::query_scalar!(
        "insert into interview_template (name, language, description, created_by)
         select $2, language, description, $3 from interview_template where id = $1 returning id",
        id,
        &name,
        by,
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "with sections as (
             select s.id as old_id, gen_random_uuid() as new_id, s.title, s.kind, s.led_by, s.sort_order
             from template_section s where s.template_id = $1),
         inserted as (
             insert into template_section (id, template_id, title, kind, led_by, sort_order)
             select new_id, $2, title, kind, led_by, sort_order from sections returning id)
         insert into template_question (section_id, text, guidance, criterion_hint, rated, sort_order)
         select s.new_id, q.text, q.guidance, q.criterion_hint, q.rated, q.sort_order
         from template_question q join sections s on s.old_id = q.section_id
         where exists (select 1 from inserted)",
        id,
        copy_id,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((copy_id, name))
}
