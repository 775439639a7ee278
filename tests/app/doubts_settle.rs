//! Settling and confirming doubts with facts, raising one on the candidate page,
//! and one doubt per member's "no" per round.

use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::Round;

async fn raise_doubt(app: &TestApp, round: &Round, description: &str) -> Uuid {
    sqlx::query_scalar(
        "insert into doubt (candidate_id, round_id, category, description, resolution_method, raised_by)
         values ($1, $2, 'experience', $3, 'gather_facts', $4) returning id",
    )
    .bind(round.candidate_id)
    .bind(round.id)
    .bind(description)
    .bind(round.manager.id)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn manager_client(app: &TestApp, round: &Round) -> reqwest::Client {
    let client = TestApp::client();
    let response = app
        .login(&client, &round.manager.email, &round.manager.password)
        .await;
    assert_eq!(response.status(), 303);
    client
}

async fn new_candidate(app: &TestApp, position_id: Uuid, name: &str) -> Uuid {
    sqlx::query_scalar("insert into candidate (position_id, name) values ($1, $2) returning id")
        .bind(position_id)
        .bind(name)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn reference_check(app: &TestApp, candidate_id: Uuid) -> Uuid {
    sqlx::query_scalar(
        "insert into reference_check (candidate_id, referee_name, checked_on, summary)
         values ($1, 'Kari Nordmann', current_date, 'Led the migration.') returning id",
    )
    .bind(candidate_id)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

/// A round of `candidate_id` with `number`, whose one panel member has or has not submitted.
async fn round_with_panel(
    app: &TestApp,
    candidate_id: Uuid,
    number: i32,
    user_id: Uuid,
    submitted: bool,
) -> Uuid {
    let id: Uuid = sqlx::query_scalar(
        "insert into interview_round (candidate_id, round_number, status) values ($1, $2, 'scoring') returning id",
    )
    .bind(candidate_id)
    .bind(number)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into panel_member (round_id, user_id, submitted_at)
         values ($1, $2, case when $3 then now() end)",
    )
    .bind(id)
    .bind(user_id)
    .bind(submitted)
    .execute(&app.pool)
    .await
    .unwrap();
    id
}

async fn test_result(app: &TestApp, round_id: Uuid) -> Uuid {
    sqlx::query_scalar(
        "insert into test_result (round_id, kind, summary) values ($1, 'work_sample', 'Webhook handler works.') returning id",
    )
    .bind(round_id)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[derive(sqlx::FromRow, Debug)]
struct Stored {
    status: String,
    settled_by: Option<Uuid>,
}

async fn stored(app: &TestApp, id: Uuid) -> Stored {
    sqlx::query_as("select status, settled_by from doubt where id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// (case, action, fields, response status, stored status, text the response shows)
type Case<'a> = (
    &'a str,
    &'a str,
    Vec<(&'a str, &'a str)>,
    u16,
    &'a str,
    &'a str,
);
/// (reference check, test result, round, status)
type SettledWith = (Option<Uuid>, Option<Uuid>, Option<Uuid>, String);

#[tokio::test]
async fn a_doubt_is_settled_or_confirmed_only_with_a_fact_about_this_candidate() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let manager = manager_client(&app, &round).await;
    let other = new_candidate(&app, round.position_id, "Ola Hansen").await;
    let others_reference = reference_check(&app, other).await;
    let others_round = round_with_panel(&app, other, 2, round.manager.id, true).await;
    let others_test = test_result(&app, others_round).await;
    let my_reference = reference_check(&app, round.candidate_id).await;
    let my_test = test_result(&app, round.id).await;
    let unfinished = round_with_panel(&app, round.candidate_id, 3, round.manager.id, false).await;
    let finished = round_with_panel(&app, round.candidate_id, 4, round.manager.id, true).await;
    let (ref_mine, ref_other) = (my_reference.to_string(), others_reference.to_string());
    let (test_mine, test_other) = (my_test.to_string(), others_test.to_string());
    let (unfinished, finished_id) = (unfinished.to_string(), finished.to_string());
    let same_round = round.id.to_string();

    let cases: Vec<Case> = vec![
        (
            "an information check with all three fields",
            "resolve",
            vec![
                ("fact_kind", "information"),
                ("fact_what", "Employment dates at Acme"),
                ("fact_source", "Acme HR, letter of 2 Dec"),
                ("fact_outcome", "2019-2023, as she said"),
            ],
            303,
            "resolved",
            "",
        ),
        (
            "a blank source",
            "resolve",
            vec![
                ("fact_kind", "information"),
                ("fact_what", "good feeling"),
                ("fact_source", " "),
                ("fact_outcome", "She seemed honest"),
            ],
            422,
            "open",
            "Name where the information comes from.",
        ),
        (
            "a blank outcome",
            "confirm",
            vec![
                ("fact_kind", "information"),
                ("fact_what", "Degree certificate"),
                ("fact_source", "University registry"),
                ("fact_outcome", ""),
            ],
            422,
            "open",
            "State what the check showed.",
        ),
        (
            "free text without a fact",
            "resolve",
            vec![("fact_what", "good feeling")],
            422,
            "open",
            "An opinion or a feeling is not a fact.",
        ),
        (
            "a reference check of another candidate",
            "resolve",
            vec![
                ("fact_kind", "reference_check"),
                ("reference_check_id", &ref_other),
            ],
            422,
            "open",
            "This is not about this candidate.",
        ),
        (
            "a test result of another candidate",
            "confirm",
            vec![
                ("fact_kind", "test_result"),
                ("test_result_id", &test_other),
            ],
            422,
            "open",
            "This is not about this candidate.",
        ),
        (
            "a round not fully submitted",
            "resolve",
            vec![("fact_kind", "round"), ("round_id", &unfinished)],
            422,
            "open",
            "Not every panel member of that round has submitted yet.",
        ),
        (
            "the round the doubt was raised in",
            "resolve",
            vec![("fact_kind", "round"), ("round_id", &same_round)],
            422,
            "open",
            "The round must come after the doubt was raised.",
        ),
        (
            "a later fully submitted round",
            "resolve",
            vec![("fact_kind", "round"), ("round_id", &finished_id)],
            303,
            "resolved",
            "",
        ),
        (
            "this candidate's reference check",
            "resolve",
            vec![
                ("fact_kind", "reference_check"),
                ("reference_check_id", &ref_mine),
            ],
            303,
            "resolved",
            "",
        ),
        (
            "this candidate's test result, confirming",
            "confirm",
            vec![("fact_kind", "test_result"), ("test_result_id", &test_mine)],
            303,
            "confirmed",
            "",
        ),
    ];
    for (case, action, fields, status, after, shows) in cases {
        let id = raise_doubt(&app, &round, case).await;
        let response = app
            .post_form(&manager, &format!("/doubts/{id}/{action}"), &fields)
            .await;
        assert_eq!(response.status(), status, "{case}");
        let row = stored(&app, id).await;
        assert_eq!(row.status, after, "{case}");
        if status == 303 {
            assert_eq!(
                response.headers()["location"],
                format!("/candidates/{}#doubt-{id}", round.candidate_id).as_str(),
                "{case}"
            );
            assert_eq!(row.settled_by, Some(round.manager.id), "{case}");
        } else {
            assert_eq!(row.settled_by, None, "{case}");
            let html = response.text().await.unwrap();
            assert!(html.contains(shows), "{case}: names the problem");
            for (name, value) in &fields {
                // Ids of another candidate's facts are not offered, so only text comes back.
                if name.starts_with("fact_") && *name != "fact_kind" && !value.trim().is_empty() {
                    assert!(html.contains(value), "{case}: keeps {name}");
                }
            }
        }
    }
    let rows: Vec<SettledWith> = sqlx::query_as(
        "select settled_by_reference_check_id, settled_by_test_result_id, settled_by_round_id, status
         from doubt where status <> 'open' order by settled_at",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        rows,
        vec![
            (None, None, None, "resolved".into()),
            (None, None, Some(finished), "resolved".into()),
            (Some(my_reference), None, None, "resolved".into()),
            (None, Some(my_test), None, "confirmed".into()),
        ]
    );
    let audited: Vec<(String, serde_json::Value, serde_json::Value)> = sqlx::query_as(
        "select action, before, after from audit_event where entity = 'doubt' order by id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let actions: Vec<&str> = audited.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(actions, ["resolved", "resolved", "resolved", "confirmed"]);
    assert_eq!(audited[0].1["status"], "open");
    assert_eq!(audited[0].2["fact_source"], "Acme HR, letter of 2 Dec");
}

#[tokio::test]
async fn a_settled_doubt_cannot_be_settled_again_and_only_deciders_may_settle() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let panelist = round.member(&app).await;
    let manager = manager_client(&app, &round).await;
    let id = raise_doubt(&app, &round, "Vague about her role in the migration").await;
    let fact = [
        ("fact_kind", "information"),
        ("fact_what", "Her role in the migration"),
        ("fact_source", "Former manager"),
        ("fact_outcome", "She led it"),
    ];
    let (other_manager, _) = app.login_as(Role::Manager).await;
    for client in [&panelist.client, &other_manager] {
        assert_eq!(
            app.get(client, &format!("/doubts/{id}")).await.status(),
            403
        );
        for action in ["resolve", "confirm"] {
            let response = app
                .post_form(client, &format!("/doubts/{id}/{action}"), &fact)
                .await;
            assert_eq!(response.status(), 403);
        }
    }
    assert_eq!(stored(&app, id).await.status, "open");

    let page = app.get_html(&manager, &format!("/doubts/{id}")).await;
    assert!(
        page.contains("Vague about her role in the migration")
            && page.contains("Settle with facts")
            && page.contains("Confirm the doubt")
            && page.contains("Round 2")
    );
    let done = app
        .post_form(&manager, &format!("/doubts/{id}/resolve"), &fact)
        .await;
    assert_eq!(done.status(), 303);
    let settled_at: chrono::DateTime<chrono::Utc> =
        sqlx::query_scalar("select settled_at from doubt where id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let again = app
        .post_form(&manager, &format!("/doubts/{id}/confirm"), &fact)
        .await;
    assert_eq!(again.status(), 409);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("already been settled or confirmed")
    );
    let (status, at, events): (String, chrono::DateTime<chrono::Utc>, i64) = sqlx::query_as(
        "select status, settled_at, (select count(*) from audit_event where entity = 'doubt')
         from doubt where id = $1",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), at, events), ("resolved", settled_at, 1));

    let candidate = app
        .get_html(&manager, &format!("/candidates/{}", round.candidate_id))
        .await;
    assert!(
        candidate.contains(&format!("id=\"doubt-{id}\""))
            && candidate.contains(
                "Checked: Her role in the migration. Source: Former manager. Outcome: She led it."
            )
    );
}

#[tokio::test]
async fn the_candidate_page_lists_doubts_open_first_and_panel_members_see_their_own() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let panelist = round.member(&app).await;
    let manager = manager_client(&app, &round).await;
    let settled = raise_doubt(&app, &round, "Settled one about dates").await;
    sqlx::query(
        "update doubt set status = 'resolved', settled_at = now(), fact_what = 'Dates',
                fact_source = 'Registry', fact_outcome = 'Match' where id = $1",
    )
    .bind(settled)
    .execute(&app.pool)
    .await
    .unwrap();
    let open = raise_doubt(&app, &round, "Open one about leadership").await;
    let mine: Uuid = sqlx::query_scalar(
        "insert into doubt (candidate_id, round_id, category, description, resolution_method, raised_by)
         values ($1, $2, 'motivation', 'Panelist doubt about motivation', 'check_references', $3) returning id",
    )
    .bind(round.candidate_id)
    .bind(round.id)
    .bind(panelist.user.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let page = app
        .get_html(&manager, &format!("/candidates/{}", round.candidate_id))
        .await;
    let at = |id: Uuid| page.find(&format!("id=\"doubt-{id}\"")).unwrap();
    assert!(
        at(open) < at(settled) && at(mine) < at(settled),
        "open first"
    );
    assert!(page.contains(&format!("href=\"/doubts/{open}\"")));
    assert!(!page.contains(&format!("href=\"/doubts/{settled}\"")));
    assert!(page.contains(&format!(
        "href=\"/candidates/{}/references\">Record a reference check",
        round.candidate_id
    )));
    assert!(
        page.contains("action=\"/candidates/") && page.contains("/doubts\" class=\"doubt-form\"")
    );

    let theirs = app
        .get_html(
            &panelist.client,
            &format!("/candidates/{}", round.candidate_id),
        )
        .await;
    assert!(theirs.contains("Panelist doubt about motivation"));
    assert!(
        !theirs.contains("Open one about leadership")
            && !theirs.contains("Settled one about dates")
    );
    assert!(!theirs.contains("href=\"/doubts/") && !theirs.contains("doubt-form"));
}

#[tokio::test]
async fn a_doubt_raised_on_the_candidate_page_opens_its_next_step() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let panelist = round.member(&app).await;
    let manager = manager_client(&app, &round).await;
    let path = format!("/candidates/{}/doubts", round.candidate_id);
    let c = round.candidate_id;
    for (method, to) in [
        ("check_references", format!("/candidates/{c}/references")),
        (
            "extra_interview",
            format!("/positions/{}/rounds/new?candidate={c}", round.position_id),
        ),
        ("gather_facts", format!("/candidates/{c}#doubts")),
        ("practical_test", format!("/candidates/{c}#doubts")),
    ] {
        let response = app
            .post_form(
                &manager,
                &path,
                &[
                    ("category", "integrity"),
                    ("description", &format!("Doubt settled by {method}")),
                    ("method", method),
                ],
            )
            .await;
        assert_eq!(response.status(), 303, "{method}");
        assert_eq!(response.headers()["location"], to.as_str(), "{method}");
    }
    let stored: Vec<(Option<Uuid>, String, Uuid)> = sqlx::query_as(
        "select round_id, resolution_method, raised_by from doubt order by raised_at",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(stored.len(), 4);
    assert!(
        stored
            .iter()
            .all(|(round_id, _, by)| round_id.is_none() && *by == round.manager.id)
    );

    let refused = app
        .post_form(
            &manager,
            &path,
            &[
                ("category", "competence"),
                ("description", "Could not explain the cache design"),
                ("method", "gut_feeling"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Choose how the doubt should be settled."));
    assert!(html.contains(">Could not explain the cache design</textarea>"));
    assert!(html.contains("value=\"competence\" selected"));
    let forbidden = app
        .post_form(
            &panelist.client,
            &path,
            &[
                ("category", "other"),
                ("description", "x"),
                ("method", "gather_facts"),
            ],
        )
        .await;
    assert_eq!(forbidden.status(), 403);
    let count: i64 = sqlx::query_scalar("select count(*) from doubt")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 4);
}

#[tokio::test]
async fn a_second_no_after_a_reopen_opens_no_second_doubt() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let manager = manager_client(&app, &round).await;
    round.rate_all(&app, me.member_id, "").await;
    let first = app
        .post_form(
            &me.client,
            &round.path("/interview/submit"),
            &[
                ("verdict", "no"),
                ("justification", "Could not explain her own design."),
            ],
        )
        .await;
    assert_eq!(first.status(), 303);
    let reopen = format!("/rounds/{}/panel/{}/reopen", round.id, me.member_id);
    assert_eq!(app.post_form(&manager, &reopen, &[]).await.status(), 303);
    let second = app
        .post_form(
            &me.client,
            &round.path("/interview/submit"),
            &[
                ("verdict", "strong_no"),
                ("justification", "Still no, after checking."),
            ],
        )
        .await;
    assert_eq!(second.status(), 303);
    let doubts: Vec<(String, Uuid)> =
        sqlx::query_as("select category, raised_by from doubt where round_id = $1")
            .bind(round.id)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(doubts, vec![("recommendation".into(), me.user.id)]);
}
