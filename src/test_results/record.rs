//! Recording test results (personality, ability, work sample): the form, its
//! checks and the store, for the walk-through's test-results section and the
//! round page alike. The tests run outside the app.

use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::error::Result;
use crate::i18n::Locale;
use crate::test_results::TestKind;
use crate::test_results::text::TestResultText;
use crate::web::form::FormErrors;
use crate::web::text::CommonText;

pub(crate) const MAX_SUMMARY: usize = crate::web::form::MAX_NOTE_CHARS;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct TestResultForm {
    pub kind: String,
    pub summary: String,
    pub score: String,
    /// Fresh per rendered form (or per queued send), so a form delivered twice records once.
    pub form_id: String,
}

pub struct ValidTestResult {
    kind: TestKind,
    summary: String,
    score: Option<f64>,
    form_id: Option<Uuid>,
}

pub fn validate(form: &TestResultForm, locale: Locale) -> Result<ValidTestResult, FormErrors> {
    let t = TestResultText::get(locale);
    let common = CommonText::get(locale);
    let mut errors = FormErrors::default();
    let kind = TestKind::parse(&form.kind);
    if kind.is_none() {
        errors.add("kind", t.test_kind_invalid);
    }
    let summary = form.summary.trim();
    if summary.is_empty() {
        errors.add("summary", common.field_required);
    } else if summary.chars().count() > MAX_SUMMARY {
        errors.add(
            "summary",
            crate::web::form::too_long_message(MAX_SUMMARY, locale),
        );
    }
    let raw_score = form.score.trim().replace(',', ".");
    let score = match raw_score.as_str() {
        "" => None,
        raw => match raw.parse::<f64>() {
            Ok(value) if value.is_finite() => Some(value),
            _ => {
                errors.add("score", t.test_score_invalid);
                None
            }
        },
    };
    match kind {
        Some(kind) if errors.is_empty() => Ok(ValidTestResult {
            kind,
            summary: summary.to_owned(),
            score,
            // The nil id stands in the shared offline document: it names no form of its own.
            form_id: Uuid::parse_str(form.form_id.trim())
                .ok()
                .filter(|id| !id.is_nil()),
        }),
        _ => Err(errors),
    }
}

/// Stores a test result with its audit event; a form delivered again by the same
/// user (same form id) stores nothing and returns their first result.
pub(crate) async fn store(
    pool: &sqlx::PgPool,
    round_id: Uuid,
    user_id: Uuid,
    valid: &ValidTestResult,
) -> Result<Uuid> {
    let mut tx = pool.begin().await?;
    let inserted: Option<Uuid> = sqlx::query_scalar!(
        "insert into test_result (round_id, kind, summary, score, recorded_by, form_id)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (recorded_by, form_id) do nothing
         returning id",
        round_id,
        valid.kind.code(),
        &valid.summary,
        valid.score,
        user_id,
        valid.form_id,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = inserted else {
        let first: Uuid = sqlx::query_scalar!(
            "select id from test_result where recorded_by = $1 and form_id = $2",
            user_id,
            valid.form_id,
        )
        .fetch_one(&mut *tx)
        .await?;
        return Ok(first);
    };
    let after = json!({ "round_id": round_id, "kind": valid.kind.code(), "summary": valid.summary, "score": valid.score });
    let change = Change {
        actor_id: user_id,
        entity: "test_result",
        entity_id: id,
        action: "recorded",
        before: None,
        after: Some(after),
    };
    audit::record(&mut tx, change).await?;
    tx.commit().await?;
    Ok(id)
}
