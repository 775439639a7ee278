//! Fixtures for the preparation tests: positions, criteria, candidates and
//! rounds written straight to the database, and the CSV upload.

use secondround::auth::Role;
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
        sqlx::query_scalar(
            "insert into position (title, hiring_manager_id) values ($1, $2) returning id",
        )
        .bind(title)
        .bind(manager.id)
        .fetch_one(&self.pool)
        .await
        .unwrap()
    }

    /// A position owned by a new manager.
    pub async fn position(&self, title: &str) -> Uuid {
        let manager = self.create_user(Role::Manager).await;
        self.position_for(&manager, title).await
    }

    pub async fn criterion(&self, position_id: Uuid, name: &str) -> Uuid {
        sqlx::query_scalar(
            "insert into criterion (position_id, name, sort_order)
             values ($1, $2, (select count(*) + 1 from criterion where position_id = $1)) returning id",
        )
        .bind(position_id)
        .bind(name)
        .fetch_one(&self.pool)
        .await
        .unwrap()
    }

    pub async fn candidate(&self, position_id: Uuid, name: &str, email: &str) -> Uuid {
        sqlx::query_scalar(
            "insert into candidate (position_id, name, email, open_questions)
             values ($1, $2, $3, 'Why this job?') returning id",
        )
        .bind(position_id)
        .bind(name)
        .bind(email)
        .fetch_one(&self.pool)
        .await
        .unwrap()
    }

    /// A round with `member` on its panel, without a snapshot.
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
