//! A round's questions before rating starts: the hiring manager and the
//! subject-matter expert edit their text and guidance (audited), nobody else
//! may, and the first rating locks them. HR records test results from the
//! round page, and the panel sees them in the walk-through.

use secondround::auth::Role;
use secondround::case::Case;
use secondround::rounds::question_edit::{Edit, EditOutcome};
use serde_json::Value;
use uuid::Uuid;

use crate::support::walk::Round;
use crate::support::{TestApp, TestUser, until_a_backend_waits_for_a_lock};

/// The first question of the practical case, and its place in the walk-through.
async fn case_question(app: &TestApp, round: &Round) -> (Uuid, i64) {
    sqlx::query_as(
        "select id, n from (select id, section_kind,
                                   row_number() over (order by section_order, question_order) as n
                            from round_question where round_id = $1) q
         where section_kind = 'practical_case' order by n limit 1",
    )
    .bind(round.id)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

/// The first question that takes a score.
async fn first_rated(app: &TestApp, round: &Round) -> Uuid {
    let rated = round.rated(app).await;
    round.questions[rated.iter().position(|rated| *rated).unwrap()]
}

fn edit_path(round: &Round, question: Uuid) -> String {
    round.path(&format!("/questions/{question}/edit"))
}

async fn stored(app: &TestApp, question: Uuid) -> (String, String) {
    sqlx::query_as("select text, guidance from round_question where id = $1")
        .bind(question)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// The round's hiring manager, signed in (not seated on the panel).
async fn manager(app: &TestApp, round: &Round) -> reqwest::Client {
    let client = TestApp::client();
    let response = app
        .login(&client, &round.manager.email, &round.manager.password)
        .await;
    assert_eq!(response.status(), 303);
    client
}

/// A panelist seated as the round's subject-matter expert, signed in.
async fn expert(app: &TestApp, round: &Round) -> (reqwest::Client, TestUser) {
    let (client, user) = app.login_as(Role::Panelist).await;
    round.seat(app, &user, "subject_matter_expert").await;
    (client, user)
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

const CASE: &str =
    "Our payment webhooks arrive twice during failover. How would you make the handler safe?";
const CASE_GUIDANCE: &str = "Listen for idempotency keys and how she would test it.";

#[tokio::test]
async fn the_hiring_manager_writes_the_real_case_into_the_question_from_the_round_page() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (question, _) = case_question(&app, &round).await;
    let client = manager(&app, &round).await;
    let page = app.get_html(&client, &round.path("")).await;
    assert!(page.contains(&format!("href=\"{}\"", edit_path(&round, question))));
    assert!(page.contains("can edit the questions until the first rating"));
    let (old_text, _) = stored(&app, question).await;
    let form = app.get_html(&client, &edit_path(&round, question)).await;
    assert!(form.contains("Edit the question") && form.contains(&old_text));
    let saved = app
        .post_form(
            &client,
            &edit_path(&round, question),
            &[
                ("text", &format!("  {CASE}\n")),
                ("guidance", CASE_GUIDANCE),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(
        location(&saved),
        round.path(&format!("#question-{question}"))
    );
    assert_eq!(
        stored(&app, question).await,
        (CASE.to_owned(), CASE_GUIDANCE.to_owned())
    );
    let page = app.get_html(&client, &round.path("")).await;
    assert!(page.contains("The question is saved.") && page.contains("during failover"));
}

#[tokio::test]
async fn the_expert_edits_from_the_walk_through_and_the_panel_reads_the_new_text() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (question, n) = case_question(&app, &round).await;
    let (client, _) = expert(&app, &round).await;
    let walk = round.path(&format!("/interview/{n}"));
    let page = app.get_html(&client, &walk).await;
    assert!(page.contains(&format!("href=\"{}\"", edit_path(&round, question))));
    let member = round.member(&app).await;
    let theirs = app.get_html(&member.client, &walk).await;
    assert!(
        !theirs.contains("Edit this question"),
        "a panel member in another role gets no edit link"
    );
    let saved = app
        .post_form(
            &client,
            &edit_path(&round, question),
            &[("text", CASE), ("guidance", "")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(
        location(&saved),
        walk,
        "back to the question in the walk-through"
    );
    let theirs = app.get_html(&member.client, &walk).await;
    assert!(theirs.contains("during failover"));
    assert_eq!(stored(&app, question).await.1, "");
}

#[tokio::test]
async fn only_the_hiring_manager_the_expert_and_admins_may_edit_questions() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (question, _) = case_question(&app, &round).await;
    let (before, _) = stored(&app, question).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let (other_manager, _) = app.login_as(Role::Manager).await;
    let member = round.member(&app).await;
    let (bystander, _) = app.login_as(Role::Panelist).await;
    for (who, client) in [
        ("HR", &hr),
        ("another manager", &other_manager),
        ("a panel member who is not the expert", &member.client),
        ("a panelist not on the panel", &bystander),
    ] {
        let form = app.get(client, &edit_path(&round, question)).await;
        assert_eq!(form.status(), 403, "GET as {who}");
        let post = app
            .post_form(
                client,
                &edit_path(&round, question),
                &[("text", "Mine now")],
            )
            .await;
        assert_eq!(post.status(), 403, "POST as {who}");
    }
    assert_eq!(stored(&app, question).await.0, before);
    let page = app.get_html(&hr, &round.path("")).await;
    assert!(
        !page.contains(&edit_path(&round, question)),
        "HR reads the round page without edit links"
    );
    let (admin, _) = app.login_as(Role::Admin).await;
    let form = app.get(&admin, &edit_path(&round, question)).await;
    assert_eq!(form.status(), 200);
}

#[tokio::test]
async fn the_first_rating_locks_the_questions() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (question, n) = case_question(&app, &round).await;
    let client = manager(&app, &round).await;
    let (expert_client, _) = expert(&app, &round).await;
    let member = round.member(&app).await;
    let rated = first_rated(&app, &round).await;
    Case::new(&app.pool)
        .rate(round.id, member.user.id, rated, Some(4), "")
        .await
        .unwrap();
    let (before, guidance) = stored(&app, question).await;
    let form = app.get(&client, &edit_path(&round, question)).await;
    assert_eq!(form.status(), 409);
    let post = app
        .post_form(
            &client,
            &edit_path(&round, question),
            &[("text", CASE), ("guidance", &guidance)],
        )
        .await;
    assert_eq!(post.status(), 409);
    assert!(
        post.text()
            .await
            .unwrap()
            .contains("Rating has started in this round")
    );
    assert_eq!(stored(&app, question).await.0, before);
    let page = app.get_html(&client, &round.path("")).await;
    assert!(!page.contains(&edit_path(&round, question)));
    assert!(page.contains("Rating has started: the questions are locked."));
    let walk = app
        .get_html(&expert_client, &round.path(&format!("/interview/{n}")))
        .await;
    assert!(!walk.contains("Edit this question"));
}

#[tokio::test]
async fn an_edit_that_meets_the_first_rating_waits_for_it_and_is_refused() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (question, _) = case_question(&app, &round).await;
    let member = round.member(&app).await;
    // The first rating as the save writes it: the rating, then the round's
    // start, in one transaction still open while the edit arrives.
    let rated = first_rated(&app, &round).await;
    let mut rating = app.pool.begin().await.unwrap();
    sqlx::query(
        "insert into rating (round_question_id, panel_member_id, score) values ($1, $2, 3)",
    )
    .bind(rated)
    .bind(member.member_id)
    .execute(&mut *rating)
    .await
    .unwrap();
    sqlx::query("update interview_round set status = 'in_progress' where id = $1")
        .bind(round.id)
        .execute(&mut *rating)
        .await
        .unwrap();
    let (pool, round_id, actor) = (app.pool.clone(), round.id, round.manager.id);
    let edit = tokio::spawn(async move {
        let edit = Edit {
            round_id,
            question_id: question,
            actor_id: actor,
            text: CASE,
            guidance: "",
        };
        edit.save(&pool).await.unwrap()
    });
    until_a_backend_waits_for_a_lock(&app.pool).await;
    assert!(
        !edit.is_finished(),
        "the edit waits for the rating's round lock"
    );
    rating.commit().await.unwrap();
    assert_eq!(edit.await.unwrap(), EditOutcome::Locked);
    assert_ne!(stored(&app, question).await.0, CASE);
}

#[tokio::test]
async fn an_edit_is_audited_with_the_text_before_and_after() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (question, _) = case_question(&app, &round).await;
    let (old_text, old_guidance) = stored(&app, question).await;
    let (client, expert) = expert(&app, &round).await;
    let saved = app
        .post_form(
            &client,
            &edit_path(&round, question),
            &[("text", CASE), ("guidance", CASE_GUIDANCE)],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let (actor, action, candidate, before, after): (Uuid, String, Option<Uuid>, Value, Value) =
        sqlx::query_as(
            "select actor_id, action, candidate_id, before, after from audit_event
             where entity = 'round_question' and entity_id = $1",
        )
        .bind(question)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        (actor, action.as_str(), candidate),
        (expert.id, "updated", Some(round.candidate_id))
    );
    assert_eq!(before["text"], old_text.as_str());
    assert_eq!(before["guidance"], old_guidance.as_str());
    assert_eq!(after["text"], CASE);
    assert_eq!(after["guidance"], CASE_GUIDANCE);
    // Saving the same words again changes nothing and logs nothing.
    let again = app
        .post_form(
            &client,
            &edit_path(&round, question),
            &[("text", CASE), ("guidance", CASE_GUIDANCE)],
        )
        .await;
    assert_eq!(again.status(), 303);
    let events: i64 =
        sqlx::query_scalar("select count(*) from audit_event where entity = 'round_question'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(events, 1);
    let client = manager(&app, &round).await;
    let log = app
        .get_html(&client, &format!("/audit?candidate={}", round.candidate_id))
        .await;
    assert!(log.contains("Question in a round: changed") && log.contains("during failover"));
}

#[tokio::test]
async fn an_invalid_edit_is_refused_with_the_input_kept() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (question, _) = case_question(&app, &round).await;
    let before = stored(&app, question).await;
    let client = manager(&app, &round).await;
    let empty = app
        .post_form(
            &client,
            &edit_path(&round, question),
            &[("text", "   "), ("guidance", CASE_GUIDANCE)],
        )
        .await;
    assert_eq!(empty.status(), 422);
    let page = empty.text().await.unwrap();
    assert!(page.contains("Write the question.") && page.contains("Listen for idempotency keys"));
    let long = "å".repeat(secondround::web::form::MAX_NOTE_CHARS + 1);
    let too_long = app
        .post_form(
            &client,
            &edit_path(&round, question),
            &[("text", CASE), ("guidance", &long)],
        )
        .await;
    assert_eq!(too_long.status(), 422);
    let page = too_long.text().await.unwrap();
    assert!(page.contains("Use at most 4,000 characters.") && page.contains("during failover"));
    assert_eq!(stored(&app, question).await, before);
}

#[tokio::test]
async fn a_question_of_another_round_is_not_found() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let other = round.another(&app, "Ola Hansen").await;
    let client = manager(&app, &round).await;
    let path = edit_path(&round, other.questions[2]);
    assert_eq!(app.get(&client, &path).await.status(), 404);
    let post = app
        .post_form(&client, &path, &[("text", CASE), ("guidance", "")])
        .await;
    assert_eq!(post.status(), 404);
    let unknown = edit_path(&round, Uuid::new_v4());
    assert_eq!(app.get(&client, &unknown).await.status(), 404);
}

#[tokio::test]
async fn hr_records_a_test_result_on_the_round_page_and_the_panel_sees_it() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr_client, hr) = app.login_as(Role::Hr).await;
    let page = app.get_html(&hr_client, &round.path("")).await;
    assert!(page.contains(&format!("action=\"{}\"", round.path("/test-results"))));
    let refused = app
        .post_form(
            &hr_client,
            &round.path("/test-results"),
            &[
                ("kind", "cognitive"),
                ("summary", "Raven matrices, 90th percentile."),
                ("score", "high"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("Enter a number") && page.contains("Raven matrices, 90th percentile."));
    let saved = app
        .post_form(
            &hr_client,
            &round.path("/test-results"),
            &[
                ("kind", "cognitive"),
                ("summary", "Raven matrices, 90th percentile."),
                ("score", "90"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(location(&saved), round.path("#test-results"));
    let (kind, score, by): (String, Option<f64>, Uuid) =
        sqlx::query_as("select kind, score, recorded_by from test_result where round_id = $1")
            .bind(round.id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((kind.as_str(), score, by), ("cognitive", Some(90.0), hr.id));
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where entity = 'test_result' and actor_id = $1",
    )
    .bind(hr.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    let page = app.get_html(&hr_client, &round.path("")).await;
    assert!(page.contains("Test result recorded.") && page.contains("Raven matrices"));
    // The walk-through's test section lists it for the panel.
    let member = round.member(&app).await;
    let first_test: i64 = sqlx::query_scalar(
        "select n from (select section_kind, row_number() over (order by section_order, question_order) as n
                        from round_question where round_id = $1) q
         where section_kind = 'test_results' order by n limit 1",
    )
    .bind(round.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let walk = app
        .get_html(
            &member.client,
            &round.path(&format!("/interview/{first_test}")),
        )
        .await;
    let section = &walk[walk.find("id=\"test-results\"").unwrap()..];
    assert!(
        section.contains("Raven matrices, 90th percentile.") && section.contains("Ability test")
    );
}

#[tokio::test]
async fn a_closed_round_takes_no_test_results_from_the_round_page() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    sqlx::query("update interview_round set status = 'closed' where id = $1")
        .bind(round.id)
        .execute(&app.pool)
        .await
        .unwrap();
    let (hr_client, _) = app.login_as(Role::Hr).await;
    let page = app.get_html(&hr_client, &round.path("")).await;
    assert!(!page.contains(&format!("action=\"{}\"", round.path("/test-results"))));
    let refused = app
        .post_form(
            &hr_client,
            &round.path("/test-results"),
            &[("kind", "other"), ("summary", "Late result.")],
        )
        .await;
    assert_eq!(refused.status(), 409);
    let count: i64 = sqlx::query_scalar("select count(*) from test_result")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

/// The round's first rating takes the round's row before it writes: an edit in
/// progress (holding that row) finishes first, and then sees the rating.
#[tokio::test]
async fn a_first_rating_waits_for_an_edit_in_progress() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let question = first_rated(&app, &round).await;
    let mut edit = app.pool.begin().await.unwrap();
    sqlx::query("select 1 from interview_round where id = $1 for update")
        .bind(round.id)
        .execute(&mut *edit)
        .await
        .unwrap();
    let pool = app.pool.clone();
    let (round_id, user_id) = (round.id, me.user.id);
    let rating = tokio::spawn(async move {
        Case::new(&pool)
            .rate(round_id, user_id, question, Some(4), "Dates given.")
            .await
    });
    until_a_backend_waits_for_a_lock(&app.pool).await;
    assert!(!rating.is_finished(), "the rating waits for the edit");
    // Waiting before its insert, not after it: an insert not yet committed would be
    // invisible to the edit's check for ratings, which would then let the edit through.
    // (Only this database's locks: every test database is a copy of one template,
    // so a table has the same oid in all of them.)
    let inserting: i64 = sqlx::query_scalar(
        "select count(*) from pg_locks l join pg_class c on c.oid = l.relation
         where c.relname = 'rating' and l.mode = 'RowExclusiveLock' and l.pid <> pg_backend_pid()
           and l.database = (select oid from pg_database where datname = current_database())",
    )
    .fetch_one(&mut *edit)
    .await
    .unwrap();
    assert_eq!(
        inserting, 0,
        "no rating is written while the edit holds the round"
    );
    edit.commit().await.unwrap();
    rating.await.unwrap().unwrap();
    let written = app
        .count(
            "select count(*) from rating where round_question_id = $1",
            question,
        )
        .await;
    assert_eq!(written, 1);
}
