//! Reading a round's test results.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::error::Result;
use crate::test_results::TestKind;

#[derive(Debug, Clone)]
pub struct TestResultRow {
    pub kind: TestKind,
    pub summary: String,
    pub score: Option<f64>,
    pub recorded_by_name: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

impl TestResultRow {
    pub fn score_label(&self) -> String {
        self.score.map(|s| s.to_string()).unwrap_or_default()
    }

    pub fn recorded_on(&self) -> String {
        crate::web::format::date(self.recorded_at)
    }
}

/// Test results are facts about the candidate, not anyone's rating: the whole panel sees them.
pub async fn test_results(pool: &PgPool, round_id: Uuid) -> Result<Vec<TestResultRow>> {
    Ok(sqlx::query_as!(
        TestResultRow,
        r#"select t.kind as "kind: _", t.summary, t.score, u.display_name as "recorded_by_name?", t.recorded_at as "recorded_at: _"
         from test_result t left join app_user u on u.id = t.recorded_by
         where t.round_id = $1 order by t.recorded_at"#,
        round_id,
    )
    .fetch_all(pool)
    .await?)
}
