//! Fixtures for the interview walk-through: a position with criteria and anchors,
//! a candidate with open questions, a round planned from the English default
//! guide, and a panel. Built through the app's own write paths (`secondround::case`),
//! independent of the planning pages.

use chrono::Utc;
use secondround::auth::Role;
use secondround::case::{Case, NewCandidate, NewCriterion, NewPosition, NewRound};
use uuid::Uuid;

use super::{TestApp, TestUser};

pub use super::prep::TEMPLATE_EN;
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
        let case = Case::new(&app.pool);
        let position = NewPosition {
            title: "Backend engineer",
            department: "",
            description: "",
            hiring_manager_id: manager.id,
        };
        let position_id = case.position(&position).await.unwrap();
        for (name, anchors) in CRITERIA {
            let criterion = NewCriterion {
                name,
                description: "",
                weight: 1.0,
                minimum: None,
                anchors,
            };
            case.criterion(position_id, &criterion).await.unwrap();
        }
        Round::plan_for(app, position_id, manager, "Ingrid Solberg").await
    }

    /// A round for a new candidate called `name` on the same position.
    pub async fn another(&self, app: &TestApp, name: &str) -> Round {
        let manager = self.manager_user();
        Round::plan_for(app, self.position_id, manager, name).await
    }

    async fn plan_for(app: &TestApp, position_id: Uuid, manager: TestUser, name: &str) -> Round {
        let candidate = NewCandidate {
            name,
            open_questions: "Her exact role in the migration.\nWhy she left after 14 months.",
            ..NewCandidate::default()
        };
        let candidate_id = Case::new(&app.pool)
            .candidate(position_id, &candidate, manager.id)
            .await
            .unwrap();
        Round::plan_next(app, position_id, candidate_id, manager).await
    }

    /// A further round (number 3 and up) for the same candidate; its open
    /// doubts come first, as the planning form puts them.
    pub async fn further(&self, app: &TestApp, round_number: i32) -> Round {
        let manager = self.manager_user();
        let round = Round::plan_next(app, self.position_id, self.candidate_id, manager).await;
        let number: i32 =
            sqlx::query_scalar("select round_number from interview_round where id = $1")
                .bind(round.id)
                .fetch_one(&app.pool)
                .await
                .unwrap();
        assert_eq!(number, round_number, "rounds are numbered in order");
        round
    }

    fn manager_user(&self) -> TestUser {
        TestUser {
            id: self.manager.id,
            email: self.manager.email.clone(),
            password: self.manager.password.clone(),
            role: Role::Manager,
        }
    }

    /// Plans the candidate's next round, without a panel yet (see `seat`).
    async fn plan_next(
        app: &TestApp,
        position_id: Uuid,
        candidate_id: Uuid,
        manager: TestUser,
    ) -> Round {
        let round = NewRound {
            candidate_id,
            scheduled_at: Utc::now(),
            location: "Room 1",
            guide_id: TEMPLATE_EN,
            panel: &[],
        };
        let planned = Case::new(&app.pool).plan(&round, manager.id).await.unwrap();
        Round {
            id: planned.round_id,
            position_id,
            candidate_id,
            questions: planned.questions,
            manager,
        }
    }

    /// Seats `user` on the panel and returns the panel member id. (The app seats
    /// a panel when planning; tests seat people one by one as they need them.)
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

    /// The questions that take a score, in interview order.
    pub async fn rated_questions(&self, app: &TestApp) -> Vec<Uuid> {
        sqlx::query_scalar(
            "select id from round_question where round_id = $1 and rated order by section_order, question_order",
        )
        .bind(self.id)
        .fetch_all(&app.pool)
        .await
        .unwrap()
    }

    /// Rates every question that takes a score with `score` as `user_id`
    /// (with `evidence`), through the walk-through's save, and submits with a yes.
    pub async fn rate_and_submit(&self, app: &TestApp, user_id: Uuid, score: i16, evidence: &str) {
        let case = Case::new(&app.pool);
        for question in self.rated_questions(app).await {
            case.rate(self.id, user_id, question, Some(score), evidence)
                .await
                .unwrap();
        }
        case.submit(
            self.id,
            user_id,
            secondround::scoring::Verdict::Yes,
            "As the anchors say.",
        )
        .await
        .unwrap();
    }

    /// Records a hire of the candidate by the manager, dated 15 January 2026
    /// (so its follow-ups fall due on known days), without the gate.
    pub async fn hire(&self, app: &TestApp) {
        sqlx::query(
            "insert into decision (candidate_id, outcome, rationale, decided_by, decided_at, form_id)
             values ($1, 'hire', 'Strong on every criterion.', $2, '2026-01-15T12:00:00Z', gen_random_uuid())",
        )
        .bind(self.candidate_id)
        .bind(self.manager.id)
        .execute(&app.pool)
        .await
        .unwrap();
    }

    /// Per question in interview order: does it take a score? (Conversation-only
    /// questions take a note alone.)
    pub async fn rated(&self, app: &TestApp) -> Vec<bool> {
        sqlx::query_scalar(
            "select rated from round_question where round_id = $1 order by section_order, question_order",
        )
        .bind(self.id)
        .fetch_all(&app.pool)
        .await
        .unwrap()
    }

    /// Rates every question the member has not rated yet with a 3, through the
    /// walk-through's own save (a fast way to "finish"); conversation-only
    /// questions take no score and are left alone.
    pub async fn rate_all(&self, app: &TestApp, member_id: Uuid, evidence: &str) {
        let (user_id, unrated): (Uuid, Vec<Uuid>) = sqlx::query_as(
            "select pm.user_id,
                    array(select q.id from round_question q
                           where q.round_id = pm.round_id and q.rated
                             and not exists (select 1 from rating r
                                             where r.round_question_id = q.id and r.panel_member_id = pm.id)
                           order by q.section_order, q.question_order)
             from panel_member pm where pm.id = $1 and pm.round_id = $2",
        )
        .bind(member_id)
        .bind(self.id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        let case = Case::new(&app.pool);
        for question in unrated {
            case.rate(self.id, user_id, question, Some(3), evidence)
                .await
                .unwrap();
        }
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
