//! Reads and writes of reference checks.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::error::Result;
use crate::references::form::{ContactMethod, ValidReference};

#[derive(Debug)]
pub struct ReferenceCheck {
    pub id: Uuid,
    pub candidate_id: Uuid,
    pub referee_name: String,
    pub relationship: String,
    /// `None` when not said.
    pub contact_method: Option<ContactMethod>,
    pub consent_given: bool,
    pub checked_on: NaiveDate,
    pub questions_answers: String,
    pub summary: String,
    pub concerns: String,
    pub recorded_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The candidate's reference checks, the most recent conversation first.
pub async fn for_candidate(pool: &PgPool, candidate_id: Uuid) -> Result<Vec<ReferenceCheck>> {
    Ok(sqlx::query_as!(
        ReferenceCheck,
        r#"select rc.id, rc.candidate_id, rc.referee_name, rc.relationship,
                nullif(rc.contact_method, '') as "contact_method: ContactMethod",
                rc.consent_given, rc.checked_on as "checked_on: _", rc.questions_answers, rc.summary, rc.concerns,
                u.display_name as "recorded_by_name?", rc.created_at as "created_at: _"
         from reference_check rc left join app_user u on u.id = rc.recorded_by
         where rc.candidate_id = $1
         order by rc.checked_on desc, rc.created_at desc"#,
        candidate_id,
    )
    .fetch_all(pool)
    .await?)
}

/// Stores the check and audits it; `None` when this form was recorded already.
pub async fn insert(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    check: &ValidReference,
    by: Uuid,
) -> sqlx::Result<Option<Uuid>> {
    let id: Option<Uuid> = sqlx::query_scalar!(
        "insert into reference_check (candidate_id, referee_name, relationship, contact_method,
                consent_given, checked_on, questions_answers, summary, concerns, recorded_by, form_id)
         values ($1, $2, $3, $4, true, $5, $6, $7, $8, $9, $10)
         on conflict (form_id) do nothing returning id",
        candidate_id,
        &check.referee_name,
        &check.relationship,
        check.contact_method.code(),
        check.checked_on as _, // chrono (see README, "Changing a query")
        &check.questions_answers,
        &check.summary,
        &check.concerns,
        by,
        check.form_id,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    let after = json!({
        "candidate_id": candidate_id,
        "referee_name": check.referee_name,
        "relationship": check.relationship,
        "contact_method": check.contact_method.code(),
        "consent_given": true,
        "checked_on": check.checked_on,
        "questions_answers": check.questions_answers,
        "summary": check.summary,
        "concerns": check.concerns,
    });
    let change = Change {
        actor_id: by,
        entity: "reference_check",
        entity_id: id,
        action: "recorded",
        before: None,
        after: Some(after),
    };
    audit::record(conn, change).await?;
    Ok(Some(id))
}
