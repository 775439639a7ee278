//! Fixtures for the interview walk-through: a position with criteria and anchors,
//! a candidate with open questions, a round snapshotted from the English default
//! template, and a panel. Built with SQL, independent of the planning pages.

use secondround::auth::Role;
use uuid::Uuid;

use super::{TestApp, TestUser};

pub const TEMPLATE_EN: &str = "00000000-0000-4000-8000-000000000002";
pub const CARRIED_OVER_TITLE: &str = "Open questions from the first interview";

pub struct Round {
    pub id: Uuid,
    pub position_id: Uuid,
    pub candidate_id: Uuid,
    /// In interview order: carried-over open questions first.
    pub questions: Vec<Uuid>,
    pub manager: TestUser,
}

pub struct Member {
    pub user: TestUser,
    pub member_id: Uuid,
    pub client: reqwest::Client,
}

const CRITERIA: [(&str, [&str; 5]); 4] = [
    (
        "Technical depth",
        [
            "Cannot explain their own systems.",
            "Surface vocabulary only.",
            "Explains their trade-offs correctly.",
            "Anticipates failure modes and load.",
            "Teaches us something precise.",
        ],
    ),
    (
        "Problem solving",
        [
            "Stalls without structure.",
            "Needs heavy prompting.",
            "Reaches a workable solution.",
            "Compares alternatives and checks assumptions.",
            "Finds a better solution than ours.",
        ],
    ),
    (
        "Collaboration",
        [
            "Blames others.",
            "Vague examples.",
            "Concrete examples of teamwork.",
            "Resolves disagreement with facts.",
            "Shapes how teams work.",
        ],
    ),
    (
        "Motivation",
        [
            "Needs a job.",
            "Generic reasons.",
            "Specific reasons.",
            "Well-informed motivation.",
            "Already engaged with our domain.",
        ],
    ),
];

impl Round {
    /// A round for a fresh position owned by a new hiring manager.
    pub async fn plan(app: &TestApp) -> Round {
        let manager = app.create_user(Role::Manager).await;
        let position_id: Uuid = sqlx::query_scalar(
            "insert into position (title, hiring_manager_id) values ('Backend engineer', $1) returning id",
        )
        .bind(manager.id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        for (order, (name, anchors)) in CRITERIA.iter().enumerate() {
            sqlx::query(
                "insert into criterion (position_id, name, sort_order, anchor_1, anchor_2, anchor_3, anchor_4, anchor_5)
                 values ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(position_id)
            .bind(name)
            .bind(order as i32)
            .bind(anchors[0])
            .bind(anchors[1])
            .bind(anchors[2])
            .bind(anchors[3])
            .bind(anchors[4])
            .execute(&app.pool)
            .await
            .unwrap();
        }
        Round::plan_for(app, position_id, manager, "Ingrid Solberg").await
    }

    /// A round for a new candidate called `name` on the same position.
    pub async fn another(&self, app: &TestApp, name: &str) -> Round {
        let manager = self.manager_user();
        Round::plan_for(app, self.position_id, manager, name).await
    }

    async fn plan_for(app: &TestApp, position_id: Uuid, manager: TestUser, name: &str) -> Round {
        let candidate_id: Uuid = sqlx::query_scalar(
            "insert into candidate (position_id, name, open_questions, status)
             values ($1, $2, 'Her exact role in the migration.\nWhy she left after 14 months.', 'in_second_round')
             returning id",
        )
        .bind(position_id)
        .bind(name)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        Round::plan_number(app, position_id, candidate_id, manager, 2).await
    }

    /// A further round (number 3 and up) for the same candidate.
    pub async fn further(&self, app: &TestApp, round_number: i32) -> Round {
        let manager = self.manager_user();
        Round::plan_number(
            app,
            self.position_id,
            self.candidate_id,
            manager,
            round_number,
        )
        .await
    }

    fn manager_user(&self) -> TestUser {
        TestUser {
            id: self.manager.id,
            email: self.manager.email.clone(),
            password: self.manager.password.clone(),
            role: Role::Manager,
        }
    }

    async fn plan_number(
        app: &TestApp,
        position_id: Uuid,
        candidate_id: Uuid,
        manager: TestUser,
        round_number: i32,
    ) -> Round {
        let id: Uuid = sqlx::query_scalar(
            "insert into interview_round (candidate_id, template_id, status, created_by, round_number)
             values ($1, $2::uuid, 'in_progress', $3, $4) returning id",
        )
        .bind(candidate_id)
        .bind(TEMPLATE_EN)
        .bind(manager.id)
        .bind(round_number)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        let mut conn = app.pool.acquire().await.unwrap();
        secondround::rounds::snapshot::take(
            &mut conn,
            id,
            Uuid::parse_str(TEMPLATE_EN).unwrap(),
            CARRIED_OVER_TITLE,
        )
        .await
        .unwrap();
        let questions = sqlx::query_scalar(
            "select id from round_question where round_id = $1 order by section_order, question_order",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        Round {
            id,
            position_id,
            candidate_id,
            questions,
            manager,
        }
    }

    /// Seats `user` on the panel and returns the panel member id.
    pub async fn seat(&self, app: &TestApp, user: &TestUser, panel_role: &str) -> Uuid {
        sqlx::query_scalar(
            "insert into panel_member (round_id, user_id, panel_role) values ($1, $2, $3) returning id",
        )
        .bind(self.id)
        .bind(user.id)
        .bind(panel_role)
        .fetch_one(&app.pool)
        .await
        .unwrap()
    }

    /// A new panelist on this round, signed in on a fresh client.
    pub async fn member(&self, app: &TestApp) -> Member {
        let (client, user) = app.login_as(Role::Panelist).await;
        let member_id = self.seat(app, &user, "other").await;
        Member {
            user,
            member_id,
            client,
        }
    }

    /// The hiring manager, seated on the panel and signed in.
    pub async fn manager_member(&self, app: &TestApp) -> Member {
        let member_id = self.seat(app, &self.manager, "hiring_manager").await;
        let client = TestApp::client();
        let response = app
            .login(&client, &self.manager.email, &self.manager.password)
            .await;
        assert_eq!(response.status(), 303);
        Member {
            user: TestUser {
                id: self.manager.id,
                email: self.manager.email.clone(),
                password: self.manager.password.clone(),
                role: Role::Manager,
            },
            member_id,
            client,
        }
    }

    pub fn path(&self, rest: &str) -> String {
        format!("/rounds/{}{rest}", self.id)
    }

    pub fn rating_path(&self, index: usize) -> String {
        format!(
            "/rounds/{}/questions/{}/rating",
            self.id, self.questions[index]
        )
    }

    /// Rates every question directly in the database (a fast way to "finish").
    pub async fn rate_all(&self, app: &TestApp, member_id: Uuid, evidence: &str) {
        sqlx::query(
            "insert into rating (round_question_id, panel_member_id, score, evidence)
             select id, $2, 3, $3 from round_question where round_id = $1
             on conflict do nothing",
        )
        .bind(self.id)
        .bind(member_id)
        .bind(evidence)
        .execute(&app.pool)
        .await
        .unwrap();
    }
}

/// Sends a rating through the JSON API exactly like the walk-through's script.
pub async fn put_rating(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    body: serde_json::Value,
) -> reqwest::Response {
    let token = app.csrf_token(client).await;
    client
        .put(app.url(path))
        .header("accept", "application/json")
        .header("x-csrf-token", token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The question section the page shows (the others are rendered hidden for the
/// offline walk-through), so a check cannot pass on a hidden question's text.
pub fn shown_question(html: &str) -> &str {
    let mut rest = html;
    while let Some(at) = rest.find(r#"<section class="question""#) {
        let section = &rest[at..];
        let head_end = section.find('>').expect("the section tag closes");
        let end = section.find("</section>").expect("the section ends");
        if !section[..head_end].contains(" hidden") {
            return &section[..end];
        }
        rest = &section[end..];
    }
    panic!("no question is shown on the page");
}
