//! Saving ratings: the JSON API contract, idempotent replays, stale conflicts,
//! the plain form post, and who may reach a walk-through at all.

use secondround::auth::Role;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::{Round, put_rating, shown_question};

async fn stored(app: &TestApp, question: Uuid, member: Uuid) -> Option<(Option<i16>, String, i32)> {
    sqlx::query_as("select score, evidence, version from rating where round_question_id = $1 and panel_member_id = $2")
        .bind(question)
        .bind(member)
        .fetch_optional(&app.pool)
        .await
        .unwrap()
}

async fn audit_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from audit_event where entity = 'rating'")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_save_returns_the_new_version_and_is_audited() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let first = put_rating(&app, &me.client, &round.rating_path(3), json!({
        "score": 4, "evidence": "Named idempotency keys unprompted.", "base_version": null, "save_id": Uuid::new_v4()
    })).await;
    assert_eq!(first.status(), 200);
    let body: Value = first.json().await.unwrap();
    assert_eq!(body["version"], 1);
    assert_eq!(body["score"], 4);
    assert_eq!(body["evidence"], "Named idempotency keys unprompted.");
    assert!(
        body["updated_at"]
            .as_str()
            .is_some_and(|at| at.contains('T'))
    );

    let second = put_rating(&app, &me.client, &round.rating_path(3), json!({
        "score": 5, "evidence": "Also described load tests.", "base_version": 1, "save_id": Uuid::new_v4()
    })).await;
    assert_eq!(second.status(), 200);
    assert_eq!(second.json::<Value>().await.unwrap()["version"], 2);
    assert_eq!(
        stored(&app, round.questions[3], me.member_id).await,
        Some((Some(5), "Also described load tests.".into(), 2))
    );
    let (before, after): (Value, Value) = sqlx::query_as(
        "select before, after from audit_event where entity = 'rating' and action = 'updated' and actor_id = $1",
    )
    .bind(me.user.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(before["score"], 4);
    assert_eq!(after["score"], 5);
    assert_eq!(audit_count(&app).await, 2);
}

#[tokio::test]
async fn a_replayed_save_returns_the_current_state_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let save = json!({ "score": 3, "evidence": "Clear answer.", "base_version": null, "save_id": Uuid::new_v4() });
    let first = put_rating(&app, &me.client, &round.rating_path(1), save.clone()).await;
    assert_eq!(first.status(), 200);
    let later = json!({ "score": 2, "evidence": "Changed my mind.", "base_version": 1, "save_id": Uuid::new_v4() });
    assert_eq!(
        put_rating(&app, &me.client, &round.rating_path(1), later)
            .await
            .status(),
        200
    );

    // The first save arrives again, e.g. from an offline queue: it must not undo the later one.
    let replay = put_rating(&app, &me.client, &round.rating_path(1), save.clone()).await;
    assert_eq!(
        replay.status(),
        200,
        "a replay is recognised even after later saves"
    );
    let body: Value = replay.json().await.unwrap();
    assert_eq!(
        (body["version"].clone(), body["score"].clone()),
        (json!(2), json!(2))
    );
    let same_again = json!({ "score": 2, "evidence": "Changed my mind.", "base_version": 1, "save_id": Uuid::new_v4() });
    let body: Value = put_rating(&app, &me.client, &round.rating_path(1), same_again)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        body["version"], 2,
        "saving what is already stored is not a change"
    );

    let fresh =
        json!({ "score": 1, "evidence": "x", "base_version": 2, "save_id": Uuid::new_v4() });
    put_rating(&app, &me.client, &round.rating_path(2), fresh.clone()).await;
    for _ in 0..3 {
        let again = put_rating(&app, &me.client, &round.rating_path(2), fresh.clone()).await;
        assert_eq!(again.status(), 200);
        let body: Value = again.json().await.unwrap();
        assert_eq!(
            (body["version"].clone(), body["score"].clone()),
            (json!(1), json!(1))
        );
    }
    let rows: i64 = sqlx::query_scalar("select count(*) from rating where panel_member_id = $1")
        .bind(me.member_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(rows, 2);
    assert_eq!(
        audit_count(&app).await,
        3,
        "two saves of question 1, one of question 2"
    );
}

#[tokio::test]
async fn a_stale_save_is_refused_with_both_values() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let path = round.rating_path(3);
    put_rating(
        &app,
        &me.client,
        &path,
        json!({ "score": 3, "evidence": "first", "base_version": null, "save_id": Uuid::new_v4() }),
    )
    .await;
    // Another tab, which saw version 1, saves first.
    put_rating(&app, &me.client, &path, json!({ "score": 4, "evidence": "other tab", "base_version": 1, "save_id": Uuid::new_v4() })).await;
    let stale = put_rating(
        &app,
        &me.client,
        &path,
        json!({ "score": 2, "evidence": "this tab", "base_version": 1, "save_id": Uuid::new_v4() }),
    )
    .await;
    assert_eq!(stale.status(), 409);
    let body: Value = stale.json().await.unwrap();
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.contains("another tab")),
        "{body}"
    );
    assert_eq!(body["yours"]["score"], 2);
    assert_eq!(body["yours"]["evidence"], "this tab");
    assert_eq!(body["theirs"]["score"], 4);
    assert_eq!(body["theirs"]["evidence"], "other tab");
    assert_eq!(body["theirs"]["version"], 2);
    assert!(body["theirs"]["updated_at"].is_string());
    assert_eq!(
        stored(&app, round.questions[3], me.member_id).await,
        Some((Some(4), "other tab".into(), 2))
    );

    // A first save from a device that never saw the rating is stale too.
    let blind = put_rating(
        &app,
        &me.client,
        &path,
        json!({ "score": 1, "evidence": "", "base_version": null, "save_id": Uuid::new_v4() }),
    )
    .await;
    assert_eq!(blind.status(), 409);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_first_saves_cannot_both_win() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let token = app.csrf_token(&me.client).await;
    let url = app.url(&round.rating_path(4));
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(5));
    let mut tasks = Vec::new();
    for score in 1..=5 {
        let (client, url, token) = (me.client.clone(), url.clone(), token.clone());
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            client.put(url).header("accept", "application/json").header("x-csrf-token", token)
                .json(&json!({ "score": score, "evidence": format!("device {score}"), "base_version": null, "save_id": Uuid::new_v4() }))
                .send().await.unwrap().status().as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, vec![200, 409, 409, 409, 409]);
    let (_, _, version) = stored(&app, round.questions[4], me.member_id)
        .await
        .unwrap();
    assert_eq!(version, 1);
}

#[tokio::test]
async fn invalid_scores_are_refused_and_not_assessed_is_null() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    for bad in [json!(0), json!(6), json!("four")] {
        let response = put_rating(&app, &me.client, &round.rating_path(1), json!({ "score": bad, "evidence": "", "base_version": null, "save_id": Uuid::new_v4() })).await;
        assert_eq!(response.status(), 422, "score {bad}");
        let body: Value = response.json().await.unwrap();
        assert!(body["error"].is_string());
    }
    assert_eq!(stored(&app, round.questions[1], me.member_id).await, None);
    let na = put_rating(&app, &me.client, &round.rating_path(1), json!({ "score": null, "evidence": "Not covered.", "base_version": null, "save_id": Uuid::new_v4() })).await;
    assert_eq!(na.status(), 200);
    assert_eq!(na.json::<Value>().await.unwrap()["score"], Value::Null);
    assert_eq!(
        stored(&app, round.questions[1], me.member_id).await,
        Some((None, "Not covered.".into(), 1))
    );
}

#[tokio::test]
async fn only_panel_members_reach_the_walk_through() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let _member = round.member(&app).await;
    for role in [Role::Panelist, Role::Hr, Role::Admin, Role::Manager] {
        let (client, _) = app.login_as(role).await;
        assert_eq!(
            app.get(&client, &round.path("/interview")).await.status(),
            403,
            "{role}"
        );
        assert_eq!(
            app.get(&client, &round.path("/interview/1")).await.status(),
            403,
            "{role}"
        );
        assert_eq!(
            app.get(&client, &round.path("/interview/submit"))
                .await
                .status(),
            403,
            "{role}"
        );
        let put = put_rating(
            &app,
            &client,
            &round.rating_path(1),
            json!({ "score": 3, "evidence": "", "base_version": null, "save_id": Uuid::new_v4() }),
        )
        .await;
        assert_eq!(put.status(), 403, "{role}");
        assert!(put.json::<Value>().await.unwrap()["error"].is_string());
        let form = app
            .post_form(&client, &round.path("/interview/1"), &[("score", "3")])
            .await;
        assert_eq!(form.status(), 403, "{role}");
    }
    let me = round.member(&app).await;
    let unknown = format!("/rounds/{}/interview", Uuid::new_v4());
    assert_eq!(app.get(&me.client, &unknown).await.status(), 404);
    assert_eq!(
        app.get(&me.client, &round.path("/interview/999"))
            .await
            .status(),
        404
    );
    let missing_question = format!("/rounds/{}/questions/{}/rating", round.id, Uuid::new_v4());
    let put = put_rating(
        &app,
        &me.client,
        &missing_question,
        json!({ "score": 3, "evidence": "", "base_version": null, "save_id": Uuid::new_v4() }),
    )
    .await;
    assert_eq!(put.status(), 404);
    let anonymous = TestApp::client();
    let response = anonymous
        .put(app.url(&round.rating_path(1)))
        .header("accept", "application/json")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(
        matches!(response.status().as_u16(), 401 | 403),
        "{}",
        response.status()
    );
}

#[tokio::test]
async fn the_walk_through_shows_one_question_with_anchors_and_progress() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    // A fresh walk starts at the guide's opening question (conversation only);
    // the candidate's first open question comes right after it.
    let start = app.get(&me.client, &round.path("/interview")).await;
    assert_eq!(start.status(), 303);
    assert_eq!(
        start.headers()["location"],
        round.path("/interview/1").as_str()
    );
    let total = round.questions.len();
    let first_page = app.get_html(&me.client, &round.path("/interview/2")).await;
    let first = shown_question(&first_page);
    assert!(first.contains(r#"id="q2""#), "question 2 is the one shown");
    assert!(
        first.contains(&format!("<strong>Question 2 of {total}</strong>")),
        "progress"
    );
    assert!(
        first.contains(">Her exact role in the migration.</h2>"),
        "the open questions follow the guide's first question"
    );
    assert!(first.contains("Carried over from the first interview"));
    let (n,): (i64,) = sqlx::query_as(
        "select n from (select criterion_id, row_number() over (order by section_order, question_order) as n
                        from round_question where round_id = $1) q where criterion_id is not null limit 1",
    )
    .bind(round.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let whole = app
        .get_html(&me.client, &round.path(&format!("/interview/{n}")))
        .await;
    assert!(whole.contains(&secondround::web::assets::url("js/interview.js")));
    let page = shown_question(&whole);
    assert!(page.contains(&format!(r#"id="q{n}""#)));
    assert!(page.contains(&format!("<strong>Question {n} of {total}</strong>")));
    assert!(page.contains("Not assessed"));
    assert!(page.contains("What did the candidate say or do?"));
    let anchors: Vec<String> = sqlx::query_scalar(
        "select unnest(array[c.anchor_1, c.anchor_5]) from round_question q join criterion c on c.id = q.criterion_id
         where q.round_id = $1 order by q.section_order, q.question_order limit 2",
    )
    .bind(round.id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    for anchor in anchors {
        assert!(page.contains(&anchor), "anchor {anchor} is shown");
    }
    sqlx::query("update app_user set locale = 'nb' where id = $1")
        .bind(me.user.id)
        .execute(&app.pool)
        .await
        .unwrap();
    let norwegian = app.get_html(&me.client, &round.path("/interview/2")).await;
    let norwegian = shown_question(&norwegian);
    assert!(
        norwegian.contains(&format!("<strong>Spørsmål 2 av {total}</strong>")),
        "bokmål"
    );
    assert!(norwegian.contains("Ikke vurdert"));
}

#[tokio::test]
async fn the_form_post_saves_and_moves_on() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let save_id = Uuid::new_v4().to_string();
    let fields = [
        ("score", "4"),
        ("evidence", "Gave numbers."),
        ("base_version", ""),
        ("save_id", save_id.as_str()),
        ("go", "next"),
    ];
    let response = app
        .post_form(&me.client, &round.path("/interview/2"), &fields)
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        round.path("/interview/3").as_str()
    );
    // A double-submitted form is the same save.
    let again = app
        .post_form(&me.client, &round.path("/interview/2"), &fields)
        .await;
    assert_eq!(again.status(), 303);
    assert_eq!(
        stored(&app, round.questions[1], me.member_id).await,
        Some((Some(4), "Gave numbers.".into(), 1))
    );
    let back = app
        .post_form(
            &me.client,
            &round.path("/interview/3"),
            &[("score", "na"), ("go", "prev")],
        )
        .await;
    assert_eq!(
        back.headers()["location"],
        round.path("/interview/2").as_str()
    );
    assert_eq!(
        stored(&app, round.questions[2], me.member_id).await,
        Some((None, String::new(), 1))
    );
    let page = app.get_html(&me.client, &round.path("/interview/3")).await;
    // Only questions this member must rate are counted: those that take a score,
    // in the sections everyone rates (the member leads none).
    let total = app
        .count(
            "select count(*) from round_question where round_id = $1 and rated and section_led_by = 'everyone'",
            round.id,
        )
        .await;
    assert!(
        page.contains(&format!(
            r#"<p class="muted" id="answered-count">2 of {total} answered</p>"#
        )),
        "the count of answered questions"
    );

    let last = round.questions.len().to_string();
    let end = app
        .post_form(
            &me.client,
            &round.path(&format!("/interview/{last}")),
            &[("score", "3")],
        )
        .await;
    assert_eq!(
        end.headers()["location"],
        round.path("/interview/submit").as_str()
    );

    let no_score = app
        .post_form(
            &me.client,
            &round.path("/interview/4"),
            &[("evidence", "A note to keep")],
        )
        .await;
    assert_eq!(no_score.status(), 422);
    let html = no_score.text().await.unwrap();
    assert!(html.contains("A note to keep") && html.contains("Choose a score"));
    let bad = app
        .post_form(&me.client, &round.path("/interview/4"), &[("score", "9")])
        .await;
    assert_eq!(bad.status(), 422);
    assert_eq!(stored(&app, round.questions[3], me.member_id).await, None);
}

#[tokio::test]
async fn a_stale_form_post_shows_both_values_and_keeps_the_chosen_one() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    app.post_form(
        &me.client,
        &round.path("/interview/2"),
        &[("score", "3"), ("evidence", "from the tablet")],
    )
    .await;
    let tablet_again = [
        ("score", "2"),
        ("evidence", "from the laptop"),
        ("base_version", "1"),
    ];
    app.post_form(&me.client, &round.path("/interview/2"), &tablet_again)
        .await;
    let stale = [
        ("score", "5"),
        ("evidence", "stale tab"),
        ("base_version", "1"),
    ];
    let response = app
        .post_form(&me.client, &round.path("/interview/2"), &stale)
        .await;
    assert_eq!(response.status(), 409);
    let whole = response.text().await.unwrap();
    let html = shown_question(&whole);
    assert!(html.contains(r#"id="q2""#));
    // The server's own conflict box (the script's copy has `data-conflict` and is hidden).
    let conflict = &html[html
        .find(r#"<div class="conflict" role="alert">"#)
        .expect("the conflict is shown")..];
    let conflict = &conflict[..conflict.find(r#"data-conflict"#).unwrap()];
    assert!(
        conflict.contains("changed elsewhere")
            && conflict.contains(r#"<p class="conflict-note">from the laptop</p>"#)
            && conflict.contains(r#"<p class="conflict-note">stale tab</p>"#)
    );
    assert!(conflict.contains("Keep my version") && conflict.contains("Take the saved version"));
    assert_eq!(
        stored(&app, round.questions[1], me.member_id).await,
        Some((Some(2), "from the laptop".into(), 2))
    );
    let keep = [
        ("score", "5"),
        ("evidence", "stale tab"),
        ("base_version", "2"),
        ("go", "stay"),
    ];
    let kept = app
        .post_form(&me.client, &round.path("/interview/2"), &keep)
        .await;
    assert_eq!(kept.status(), 303);
    assert_eq!(
        stored(&app, round.questions[1], me.member_id).await,
        Some((Some(5), "stale tab".into(), 3))
    );
}
