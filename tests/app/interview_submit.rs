//! Submission, the recommendation, read-only ratings, reopening, and
//! independence: nobody sees another member's ratings before submitting.

use secondround::auth::Role;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::{Round, put_rating, shown_question};

async fn submitted(app: &TestApp, member_id: Uuid) -> bool {
    sqlx::query_scalar::<_, Option<chrono::DateTime<chrono::Utc>>>(
        "select submitted_at from panel_member where id = $1",
    )
    .bind(member_id)
    .fetch_one(&app.pool)
    .await
    .unwrap()
    .is_some()
}

#[tokio::test]
async fn submission_lists_what_is_missing_and_refuses_until_all_is_rated() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    // Question 1 is conversation only; question 2 takes a score.
    app.post_form(&me.client, &round.path("/interview/2"), &[("score", "4")])
        .await;
    let page = app
        .get_html(&me.client, &round.path("/interview/submit"))
        .await;
    // Conversation-only questions are never asked for, nor the sections another
    // role leads (this member leads none).
    let total = app
        .count(
            "select count(*) from round_question where round_id = $1 and rated and section_led_by = 'everyone'",
            round.id,
        )
        .await as usize;
    assert!(total < round.questions.len());
    assert!(
        page.contains(&format!("Still to rate ({} / {total})", total - 1)),
        "lists the missing"
    );
    assert!(
        page.contains(&round.path("/interview/3")),
        "links to a missing question"
    );
    assert!(
        !page.contains(&format!("href=\"{}\"", round.path("/interview/2"))),
        "not the rated one"
    );
    let refused = app
        .post_form(
            &me.client,
            &round.path("/interview/submit"),
            &[("verdict", "yes"), ("justification", "Good.")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("Still to rate"));
    assert!(!submitted(&app, me.member_id).await);
}

#[tokio::test]
async fn submission_needs_a_recommendation_without_neutral_and_a_justification() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    round.rate_all(&app, me.member_id, "").await;
    let page = app
        .get_html(&me.client, &round.path("/interview/submit"))
        .await;
    assert!(page.contains("Every question is rated"));
    for verdict in ["Strong no", "No", "Yes", "Strong yes"] {
        assert!(page.contains(verdict));
    }
    assert!(
        !page.to_lowercase().contains("neutral\""),
        "no neutral option"
    );
    let empty = app
        .post_form(&me.client, &round.path("/interview/submit"), &[])
        .await;
    assert_eq!(empty.status(), 422);
    let html = empty.text().await.unwrap();
    assert!(html.contains("Choose a recommendation") && html.contains("This field is required"));
    let neutral = app
        .post_form(
            &me.client,
            &round.path("/interview/submit"),
            &[("verdict", "neutral"), ("justification", "Unsure")],
        )
        .await;
    assert_eq!(neutral.status(), 422);
    assert!(
        neutral.text().await.unwrap().contains("Unsure"),
        "input is kept"
    );
    assert!(!submitted(&app, me.member_id).await);

    let done = app
        .post_form(
            &me.client,
            &round.path("/interview/submit"),
            &[
                ("verdict", "strong_yes"),
                ("justification", "Best case solution."),
            ],
        )
        .await;
    assert_eq!(done.status(), 303);
    assert!(submitted(&app, me.member_id).await);
    let doubts: i64 = sqlx::query_scalar("select count(*) from doubt")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(doubts, 0, "a yes opens no doubt");
    let page = app
        .get_html(&me.client, &round.path("/interview/submit"))
        .await;
    assert!(page.contains("Strong yes") && page.contains("Best case solution."));
}

#[tokio::test]
async fn a_no_opens_a_doubt_by_itself() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    round.rate_all(&app, me.member_id, "").await;
    let response = app
        .post_form(
            &me.client,
            &round.path("/interview/submit"),
            &[
                ("verdict", "no"),
                ("justification", "Could not show own work on the migration."),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (candidate, round_id, category, method, description, raised_by, status): (Uuid, Uuid, String, String, String, Uuid, String) =
        sqlx::query_as("select candidate_id, round_id, category, resolution_method, description, raised_by, status from doubt")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((candidate, round_id), (round.candidate_id, round.id));
    assert_eq!(
        (category.as_str(), method.as_str(), status.as_str()),
        ("recommendation", "gather_facts", "open")
    );
    assert_eq!(description, "Could not show own work on the migration.");
    assert_eq!(raised_by, me.user.id);
    let verdict: String =
        sqlx::query_scalar("select verdict from recommendation where panel_member_id = $1")
            .bind(me.member_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(verdict, "no");
    let audited: Vec<String> = sqlx::query_scalar(
        "select entity || ':' || action from audit_event
             where entity in ('panel_member', 'doubt') order by id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, vec!["panel_member:submitted", "doubt:raised"]);
}

#[tokio::test]
async fn submitted_ratings_are_read_only_until_the_hiring_manager_reopens_them() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    round.rate_all(&app, me.member_id, "").await;
    app.post_form(
        &me.client,
        &round.path("/interview/submit"),
        &[("verdict", "yes"), ("justification", "Solid.")],
    )
    .await;
    assert!(submitted(&app, me.member_id).await);

    let save = json!({ "score": 1, "evidence": "late change", "base_version": 1, "save_id": Uuid::new_v4() });
    let refused = put_rating(&app, &me.client, &round.rating_path(1), save.clone()).await;
    assert_eq!(refused.status(), 409);
    let body: Value = refused.json().await.unwrap();
    assert!(
        body["error"].as_str().unwrap().contains("submitted"),
        "{body}"
    );
    let form = app
        .post_form(
            &me.client,
            &round.path("/interview/2"),
            &[("score", "1"), ("base_version", "1")],
        )
        .await;
    assert_eq!(form.status(), 409);
    let page = app.get_html(&me.client, &round.path("/interview/2")).await;
    let shown = shown_question(&page);
    assert!(
        shown.contains(r#"id="q2""#) && shown.contains(r#"<fieldset class="scores" disabled>"#),
        "the question shown cannot be rated"
    );
    let banner = &page[page
        .find(r#"<div class="flash flash-info" role="status">"#)
        .expect("a banner")..];
    assert!(banner[..banner.find("</div>").unwrap()].contains("read-only"));
    assert!(
        page.contains(&format!("href=\"{}\"", round.path("/interview/3")))
            && !page.contains("data-go=\"next\""),
        "a read-only walk-through moves on by links, not by saving"
    );
    let again = app
        .post_form(
            &me.client,
            &round.path("/interview/submit"),
            &[("verdict", "no"), ("justification", "x")],
        )
        .await;
    assert_eq!(again.status(), 409);

    // Nobody but the position's hiring manager may reopen: not HR, not another manager, not the member.
    let reopen = format!("/rounds/{}/panel/{}/reopen", round.id, me.member_id);
    for role in [Role::Manager, Role::Hr, Role::Admin] {
        let (client, _) = app.login_as(role).await;
        assert_eq!(
            app.post_form(&client, &reopen, &[]).await.status(),
            403,
            "{role}"
        );
    }
    assert_eq!(app.post_form(&me.client, &reopen, &[]).await.status(), 403);
    assert!(submitted(&app, me.member_id).await);

    let late: i64 =
        sqlx::query_scalar("select count(*) from rating where evidence = 'late change'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(late, 0, "the refused save stored nothing");

    // The manager is offered a reopen for the member who submitted, and for
    // nobody who has not.
    let not_yet = round.member(&app).await;
    let manager = TestApp::client();
    app.login(&manager, &round.manager.email, &round.manager.password)
        .await;
    let panel = app.get_html(&manager, &round.path("/panel")).await;
    let reopen_form =
        |member: Uuid| format!(r#"action="/rounds/{}/panel/{member}/reopen""#, round.id);
    assert!(panel.contains(&reopen_form(me.member_id)), "{panel}");
    assert!(!panel.contains(&reopen_form(not_yet.member_id)), "{panel}");
    let done = app.post_form(&manager, &reopen, &[]).await;
    assert_eq!(done.status(), 303);
    assert!(!submitted(&app, me.member_id).await);
    let (actor, before, after): (Uuid, Value, Value) = sqlx::query_as(
        "select actor_id, before, after from audit_event where entity = 'panel_member' and action = 'reopened'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(actor, round.manager.id);
    assert!(before["submitted_at"].is_string() && after["submitted_at"].is_null());
    assert_eq!(
        put_rating(&app, &me.client, &round.rating_path(1), save)
            .await
            .status(),
        200
    );
    let (client, _) = app.login_as(Role::Panelist).await;
    assert_eq!(app.get(&client, &round.path("/panel")).await.status(), 403);
}

#[tokio::test]
async fn no_member_sees_another_members_ratings_before_submitting() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let other = round.manager_member(&app).await;
    const SECRET: &str = "ZEBRA-7731 other member's private evidence";
    // The other member rates everything with a distinctive note and submits
    // (conversation-only questions get the note alone).
    let rated = round.rated(&app).await;
    let score = |index: usize, value: i64| {
        if rated[index] {
            json!(value)
        } else {
            Value::Null
        }
    };
    for index in 0..round.questions.len() {
        let response = put_rating(
            &app,
            &other.client,
            &round.rating_path(index),
            json!({
                "score": score(index, 5), "evidence": SECRET, "base_version": null, "save_id": Uuid::new_v4()
            }),
        )
        .await;
        assert_eq!(response.status(), 200);
    }
    app.post_form(
        &other.client,
        &round.path("/interview/submit"),
        &[("verdict", "strong_no"), ("justification", SECRET)],
    )
    .await;
    assert!(submitted(&app, other.member_id).await);

    let mut bodies = Vec::new();
    for path in [
        "/".to_owned(),
        round.path("/interview"),
        round.path("/interview/submit"),
        round.path("/panel"),
    ] {
        bodies.push(app.get(&me.client, &path).await.text().await.unwrap());
    }
    for n in 1..=round.questions.len() {
        bodies.push(
            app.get_html(&me.client, &round.path(&format!("/interview/{n}")))
                .await,
        );
    }
    for index in 0..round.questions.len() {
        let save = json!({ "score": score(index, 2), "evidence": "mine", "base_version": null, "save_id": Uuid::new_v4() });
        let response = put_rating(&app, &me.client, &round.rating_path(index), save.clone()).await;
        assert_eq!(response.status(), 200, "my first save is mine alone");
        bodies.push(response.text().await.unwrap());
        // A stale save answers with "theirs": it must be my own rating, not the other member's.
        let stale = put_rating(
            &app,
            &me.client,
            &round.rating_path(index),
            json!({ "score": score(index, 3), "evidence": "x", "base_version": null, "save_id": Uuid::new_v4() }),
        )
        .await;
        assert_eq!(stale.status(), 409);
        bodies.push(stale.text().await.unwrap());
    }
    let post = app
        .post_form(
            &me.client,
            &round.path("/interview/submit"),
            &[("verdict", "yes"), ("justification", "")],
        )
        .await;
    bodies.push(post.text().await.unwrap());
    for body in &bodies {
        assert!(
            !body.contains("ZEBRA-7731"),
            "another member's evidence leaked"
        );
    }
    let mine: i64 = sqlx::query_scalar(
        "select count(*) from rating where panel_member_id = $1 and evidence = 'mine'",
    )
    .bind(me.member_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(mine, round.questions.len() as i64);
}

#[tokio::test]
async fn the_demo_walk_throughs_open_for_every_panel_member() {
    let app = TestApp::spawn().await;
    secondround::demo::seed(
        &app.pool,
        Some(crate::support::PASSWORD.into()),
        secondround::i18n::Locale::En,
    )
    .await
    .unwrap();
    let rounds: Vec<(Uuid, i64)> = sqlx::query_as(
        "select r.id, (select count(*) from round_question q where q.round_id = r.id)
         from interview_round r order by r.scheduled_at",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    for email in [
        "panelist@demo.secondround.no",
        "expert@demo.secondround.no",
        "manager@demo.secondround.no",
    ] {
        let client = TestApp::client();
        assert_eq!(
            app.login(&client, email, crate::support::PASSWORD)
                .await
                .status(),
            303
        );
        for (round_id, questions) in &rounds {
            for n in [1, *questions] {
                let path = format!("/rounds/{round_id}/interview/{n}");
                assert_eq!(
                    app.get(&client, &path).await.status(),
                    200,
                    "{email} {path}"
                );
            }
            let submit = format!("/rounds/{round_id}/interview/submit");
            assert_eq!(
                app.get(&client, &submit).await.status(),
                200,
                "{email} {submit}"
            );
        }
    }
}

async fn round_status(app: &TestApp, round: &Round) -> String {
    sqlx::query_scalar("select status from interview_round where id = $1")
        .bind(round.id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_round_status_follows_the_panels_work() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let manager = round.manager_member(&app).await;
    let member = round.member(&app).await;
    sqlx::query("update interview_round set status = 'planned' where id = $1")
        .bind(round.id)
        .execute(&app.pool)
        .await
        .unwrap();

    let first = json!({ "score": 4, "evidence": "Named the trade-offs.", "base_version": null, "save_id": Uuid::new_v4() });
    let saved = put_rating(&app, &member.client, &round.rating_path(1), first).await;
    assert_eq!(saved.status(), 200);
    assert_eq!(
        round_status(&app, &round).await,
        "in_progress",
        "the first rating starts the round"
    );

    for who in [&member, &manager] {
        round.rate_all(&app, who.member_id, "").await;
        let response = app
            .post_form(
                &who.client,
                &round.path("/interview/submit"),
                &[
                    ("verdict", "yes"),
                    ("justification", "Evidence in every answer."),
                ],
            )
            .await;
        assert_eq!(response.status(), 303);
    }
    assert_eq!(
        round_status(&app, &round).await,
        "scoring",
        "the last submission hands the round to scoring"
    );

    let reopen = app
        .post_form(
            &manager.client,
            &round.path(&format!("/panel/{}/reopen", member.member_id)),
            &[],
        )
        .await;
    assert_eq!(reopen.status(), 303);
    assert!(!submitted(&app, member.member_id).await);
    assert_eq!(
        round_status(&app, &round).await,
        "in_progress",
        "reopening takes it back"
    );
}
