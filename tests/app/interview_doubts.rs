//! Raising a doubt from a question, and recording test results in the walk-through.

use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::Round;

/// The 1-based number of the first question linked to a criterion, and both ids.
async fn linked_question(app: &TestApp, round: &Round) -> (usize, Uuid, Uuid) {
    let (id, criterion): (Uuid, Uuid) = sqlx::query_as(
        "select id, criterion_id from round_question where round_id = $1 and criterion_id is not null
         order by section_order, question_order limit 1",
    )
    .bind(round.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let n = 1 + round.questions.iter().position(|q| *q == id).unwrap();
    (n, id, criterion)
}

#[tokio::test]
async fn a_doubt_raised_on_a_question_is_stored_on_the_candidate_at_once() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let (n, question_id, criterion_id) = linked_question(&app, &round).await;
    let page = app
        .get_html(&me.client, &round.path(&format!("/interview/{n}")))
        .await;
    assert!(
        page.contains("Raise a doubt")
            && page.contains("Check references")
            && page.contains("Practical test")
    );
    assert!(
        page.contains("value=\"gather_facts\" checked")
            && page.contains("value=\"experience\" selected"),
        "sensible defaults (a question of the opening section suggests experience): open, write one sentence, submit"
    );
    let response = app
        .post_form(
            &me.client,
            &round.path(&format!("/interview/{n}/doubts")),
            &[
                ("category", "experience"),
                ("description", "Could not name decisions she made herself."),
                ("method", "check_references"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        round.path(&format!("/interview/{n}")).as_str()
    );
    let row: (Uuid, Uuid, Uuid, Uuid, String, String, Uuid, String) = sqlx::query_as(
        "select candidate_id, round_id, round_question_id, criterion_id, category, resolution_method, raised_by, status from doubt",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        row,
        (
            round.candidate_id,
            round.id,
            question_id,
            criterion_id,
            "experience".into(),
            "check_references".into(),
            me.user.id,
            "open".into()
        )
    );
    let (actor, after): (Uuid, serde_json::Value) = sqlx::query_as(
        "select actor_id, after from audit_event where entity = 'doubt' and action = 'raised'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(actor, me.user.id);
    assert_eq!(
        after["description"],
        "Could not name decisions she made herself."
    );
    let dashboard = app.get_html(&me.client, "/").await;
    assert!(
        dashboard.contains("Could not name decisions she made herself."),
        "shows among my open doubts"
    );
}

#[tokio::test]
async fn an_incomplete_doubt_is_refused_with_the_input_kept() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let response = app
        .post_form(
            &me.client,
            &round.path("/interview/3/doubts"),
            &[
                ("category", "integrity"),
                ("description", "  "),
                ("method", "gut_feeling"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("This field is required")
            && html.contains("Choose how the doubt should be settled")
    );
    assert!(
        html.contains("value=\"integrity\" selected"),
        "the chosen category is kept"
    );
    let bad_category = app
        .post_form(
            &me.client,
            &round.path("/interview/3/doubts"),
            &[
                ("category", "recommendation"),
                ("description", "x"),
                ("method", "gather_facts"),
            ],
        )
        .await;
    assert_eq!(
        bad_category.status(),
        422,
        "recommendation doubts come from a no, not the form"
    );
    let count: i64 = sqlx::query_scalar("select count(*) from doubt")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
    let outsider = app.login_as(secondround::auth::Role::Panelist).await.0;
    let refused = app
        .post_form(
            &outsider,
            &round.path("/interview/3/doubts"),
            &[
                ("category", "other"),
                ("description", "x"),
                ("method", "gather_facts"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn test_results_are_validated_and_recorded() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let first_test: i64 = sqlx::query_scalar(
        "select n from (select section_kind, row_number() over (order by section_order, question_order) as n
                        from round_question where round_id = $1) q where section_kind = 'test_results' order by n limit 1",
    )
    .bind(round.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let page_path = round.path(&format!("/interview/{first_test}"));
    let page = app.get_html(&me.client, &page_path).await;
    assert!(page.contains("Record test result") && page.contains("Work sample"));
    let post_path = format!("{page_path}/test-results");
    for (fields, message) in [
        (
            vec![("kind", "astrology"), ("summary", "x")],
            "Choose a kind of test",
        ),
        (
            vec![("kind", "cognitive"), ("summary", " ")],
            "This field is required",
        ),
        (
            vec![
                ("kind", "cognitive"),
                ("summary", "Raven matrices"),
                ("score", "high"),
            ],
            "Enter a number",
        ),
    ] {
        let response = app.post_form(&me.client, &post_path, &fields).await;
        assert_eq!(response.status(), 422, "{fields:?}");
        assert!(
            response.text().await.unwrap().contains(message),
            "{message}"
        );
    }
    let ok = app
        .post_form(
            &me.client,
            &post_path,
            &[
                ("kind", "work_sample"),
                ("summary", "Webhook handler: correct and tested."),
                ("score", "4,5"),
            ],
        )
        .await;
    assert_eq!(ok.status(), 303);
    let (kind, score, by): (String, Option<f64>, Uuid) =
        sqlx::query_as("select kind, score, recorded_by from test_result")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (kind.as_str(), score, by),
        ("work_sample", Some(4.5), me.user.id)
    );
    let shown = app.get_html(&me.client, &page_path).await;
    assert!(
        shown.contains("Webhook handler: correct and tested.")
            && shown.contains("Test result recorded.")
    );
}

/// Posts a form as the walk-through's offline queue does, asking for JSON; the
/// status and the id the server answers with.
async fn post_queued(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let token = app.csrf_token(client).await;
    let mut fields = fields.to_vec();
    fields.push(("csrf_token", &token));
    let response = client
        .post(app.url(path))
        .header("accept", "application/json")
        .form(&fields)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap();
    (status, body["id"].as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn a_form_id_names_a_form_only_among_its_authors_doubts_and_test_results() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (a, b) = (round.member(&app).await, round.member(&app).await);
    let form_id = Uuid::new_v4().to_string();
    let doubt = [
        ("category", "experience"),
        ("description", "The dates of the migration do not add up."),
        ("method", "check_references"),
        ("form_id", form_id.as_str()),
    ];
    let test = [
        ("kind", "work_sample"),
        ("summary", "Finished the task in time."),
        ("form_id", form_id.as_str()),
    ];
    for (path, fields, table, (author, at)) in [
        (
            round.path("/interview/3/doubts"),
            &doubt[..],
            "doubt",
            ("raised_by", "raised_at"),
        ),
        (
            round.path("/interview/5/test-results"),
            &test[..],
            "test_result",
            ("recorded_by", "recorded_at"),
        ),
    ] {
        let (status, as_a) = post_queued(&app, &a.client, &path, fields).await;
        assert_eq!(status, 201, "{table}");
        // B sends a form with A's id (a client reusing it, by mistake or not).
        let (status, as_b) = post_queued(&app, &b.client, &path, fields).await;
        assert_eq!(status, 201, "{table}");
        assert_ne!(as_b, as_a, "B is not given A's {table}");
        let authors: Vec<(String, Uuid)> = sqlx::query_as(&format!(
            "select id::text, {author} from {table} where round_id = $1 order by {at}"
        ))
        .bind(round.id)
        .fetch_all(&app.pool)
        .await
        .unwrap();
        assert_eq!(
            authors,
            [(as_a.clone(), a.user.id), (as_b.clone(), b.user.id)],
            "B's {table} is B's own"
        );
        // Each one's own form sent again is still stored once.
        let (_, again) = post_queued(&app, &b.client, &path, fields).await;
        assert_eq!(again, as_b, "{table}");
        let (_, again) = post_queued(&app, &a.client, &path, fields).await;
        assert_eq!(again, as_a, "{table}");
        let count = app
            .count(
                &format!("select count(*) from {table} where round_id = $1"),
                round.id,
            )
            .await;
        assert_eq!(count, 2, "{table}");
    }
}
