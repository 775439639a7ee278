//! Moving sections and questions up and down, by swapping with a neighbour.

use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::error::{AppError, Result};

/// Sections are ordered within their guide, questions within their section.
pub const SECTIONS: (&str, &str) = ("template_section", "template_id");
pub const QUESTIONS: (&str, &str) = ("template_question", "section_id");

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MoveForm {
    pub direction: String,
}

pub fn step(form: &MoveForm) -> Result<i32> {
    match form.direction.as_str() {
        "up" => Ok(-1),
        "down" => Ok(1),
        _ => Err(AppError::Validation("direction must be up or down".into())),
    }
}

/// Swaps a row with its neighbour among its siblings (`parent` = `parent_id`),
/// renumbering first so equal orders still move. Table and column names are
/// constants of this module, never input.
pub async fn swap(
    pool: &PgPool,
    (table, parent): (&str, &str),
    parent_id: Uuid,
    id: Uuid,
    step: i32,
) -> Result<()> {
    let mut tx = pool.begin().await?;
    // Runtime queries: one swap serves sections and questions, whose table is a parameter.
    sqlx::query(&format!(
        "update {table} x set sort_order = o.n
         from (select id, row_number() over (order by sort_order, id) as n from {table} where {parent} = $1) o
         where x.id = o.id"
    ))
    .bind(parent_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(&format!(
        "with me as (select sort_order from {table} where id = $2 and {parent} = $1)
         update {table} x
            set sort_order = case when x.id = $2 then x.sort_order + $3 else x.sort_order - $3 end
          where x.{parent} = $1
            and (x.id = $2 or x.sort_order = (select sort_order + $3 from me))
            and exists (select 1 from {table} n where n.{parent} = $1 and n.sort_order = (select sort_order + $3 from me))"
    ))
    .bind(parent_id)
    .bind(id)
    .bind(step)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
