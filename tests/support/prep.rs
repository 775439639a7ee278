//! Fixtures for the preparation tests: positions, criteria and candidates
//! through the app's case builder, a bare round written straight to the
//! database, and the CSV upload.

use secondround::auth::Role;
use secondround::case::{Case, NewCandidate, NewCriterion, NewPosition};
use uuid::Uuid;

use super::{TestApp, TestUser};

/// The English default guide shipped in migrations/0007.
pub const TEMPLATE_EN: Uuid = secondround::guides::DEFAULT_EN;
/// Its first practical-case question, which a template edit changes in tests.
pub const TEMPLATE_EN_CASE_SECTION: &str = "00000000-0000-4000-8000-000000000202";

pub fn template_en() -> Uuid {
    TEMPLATE_EN
}

impl TestApp {
    pub async fn position_for(&self, manager: &TestUser, title: &str) -> Uuid {
        let position = NewPosition {
            title,
            department: "",
            description: "",
            hiring_manager_id: manager.id,
        };
        Case::new(&self.pool).position(&position).await.unwrap()
    }

    /// A position owned by a new manager.
    pub async fn position(&self, title: &str) -> Uuid {
        let manager = self.create_user(Role::Manager).await;
        self.position_for(&manager, title).await
    }

    pub async fn criterion(&self, position_id: Uuid, name: &str) -> Uuid {
        let criterion = NewCriterion {
            name,
            description: "",
            weight: 1.0,
            minimum: None,
            anchors: [""; 5],
        };
        Case::new(&self.pool)
            .criterion(position_id, &criterion)
            .await
            .unwrap();
        sqlx::query_scalar("select id from criterion where position_id = $1 and name = $2")
            .bind(position_id)
            .bind(name)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// A shortlisted candidate, added by the position's hiring manager.
    pub async fn candidate(&self, position_id: Uuid, name: &str, email: &str) -> Uuid {
        let manager: Uuid =
            sqlx::query_scalar("select hiring_manager_id from position where id = $1")
                .bind(position_id)
                .fetch_one(&self.pool)
                .await
                .unwrap();
        let candidate = NewCandidate {
            name,
            email,
            open_questions: "Why this job?",
            ..NewCandidate::default()
        };
        Case::new(&self.pool)
            .candidate(position_id, &candidate, manager)
            .await
            .unwrap()
    }

    /// A round with `member` on its panel and no questions: a bare seat for
    /// access checks, which planning (always with a snapshot) cannot make.
    pub async fn round_with(&self, candidate_id: Uuid, member: &TestUser) -> Uuid {
        let round: Uuid = sqlx::query_scalar(
            "insert into interview_round (candidate_id, scheduled_at, location)
             values ($1, '2026-07-01T08:30:00Z', 'Room 1') returning id",
        )
        .bind(candidate_id)
        .fetch_one(&self.pool)
        .await
        .unwrap();
        sqlx::query(
            "insert into panel_member (round_id, user_id, panel_role) values ($1, $2, 'other')",
        )
        .bind(round)
        .bind(member.id)
        .execute(&self.pool)
        .await
        .unwrap();
        round
    }

    pub async fn count(&self, sql: &str, id: Uuid) -> i64 {
        sqlx::query_scalar(sql)
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// Uploads a CSV file to the import the way the page's form does.
    pub async fn upload_csv(
        &self,
        client: &reqwest::Client,
        position_id: Uuid,
        content: Vec<u8>,
    ) -> reqwest::Response {
        let token = self.csrf_token(client).await;
        let part = reqwest::multipart::Part::bytes(content)
            .file_name("candidates.csv")
            .mime_str("text/csv")
            .unwrap();
        let form = reqwest::multipart::Form::new().part("file", part);
        client
            .post(self.url(&format!(
                "/positions/{position_id}/candidates/import?csrf_token={token}"
            )))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }
}
