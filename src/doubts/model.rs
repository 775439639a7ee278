//! A doubt as the domain sees it: a category, what it is, and how facts will settle it.

use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::doubts::text::DoubtText;

/// The doubt's category and method are domain words (`rounds` names them too).
pub use crate::domain::{DoubtCategory as Category, DoubtMethod as Method};

pub const MAX_DESCRIPTION: usize = 4000;

crate::coded_enum! {
    /// Where a doubt stands. A confirmed doubt blocks a hire for good.
    /// `doubt.status`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum Status {
        Open = "open",
        Resolved = "resolved",
        Confirmed = "confirmed",
    }
}

impl Status {
    pub fn label(self, t: &DoubtText) -> &'static str {
        match self {
            Status::Open => t.status_open,
            Status::Resolved => t.status_resolved,
            Status::Confirmed => t.status_confirmed,
        }
    }
}

pub struct NewDoubt<'a> {
    pub candidate_id: Uuid,
    /// `None` for a doubt raised on the candidate page, outside any round.
    pub round_id: Option<Uuid>,
    pub round_question_id: Option<Uuid>,
    pub criterion_id: Option<Uuid>,
    pub category: Category,
    pub description: &'a str,
    pub method: Method,
    pub raised_by: Uuid,
    /// The id of the form it came from: a second delivery of the same form stores nothing.
    pub form_id: Option<Uuid>,
}

/// Stores the doubt on the candidate and audits it, inside the caller's transaction.
/// A form delivered again (same author, same `form_id`) stores nothing and returns the first doubt.
pub async fn raise(conn: &mut PgConnection, doubt: NewDoubt<'_>) -> sqlx::Result<Uuid> {
    let inserted: Option<Uuid> = sqlx::query_scalar!(
        "insert into doubt (candidate_id, round_id, round_question_id, criterion_id, category,
                            description, resolution_method, raised_by, form_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (raised_by, form_id) do nothing
         returning id",
        doubt.candidate_id,
        doubt.round_id,
        doubt.round_question_id,
        doubt.criterion_id,
        doubt.category.code(),
        doubt.description.trim(),
        doubt.method.code(),
        doubt.raised_by,
        doubt.form_id,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = inserted else {
        return sqlx::query_scalar!(
            "select id from doubt where raised_by = $1 and form_id = $2",
            doubt.raised_by,
            doubt.form_id,
        )
        .fetch_one(&mut *conn)
        .await;
    };
    let after = json!({
        "candidate_id": doubt.candidate_id,
        "round_id": doubt.round_id,
        "round_question_id": doubt.round_question_id,
        "criterion_id": doubt.criterion_id,
        "category": doubt.category.code(),
        "description": doubt.description.trim(),
        "resolution_method": doubt.method.code(),
        "status": "open",
    });
    audit::record(
        conn,
        Change {
            actor_id: doubt.raised_by,
            entity: "doubt",
            entity_id: id,
            action: "raised",
            before: None,
            after: Some(after),
        },
    )
    .await?;
    crate::mail::notices::doubt_raised(conn, doubt.candidate_id, doubt.raised_by).await?;
    Ok(id)
}
