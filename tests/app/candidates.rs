//! Candidates: by hand, status history, and who may open a candidate page.

use secondround::auth::Role;

use crate::support::TestApp;

#[tokio::test]
async fn a_candidate_is_added_by_hand_with_a_first_status_entry() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    let position = app.position_for(&manager, "Designer").await;
    let response = app
        .post_form(
            &client,
            &format!("/positions/{position}/candidates"),
            &[
                ("name", "  Kari Nordmann\t"),
                ("email", "Kari@Example.no"),
                ("phone", " +47 900 00 000 "),
                ("first_round_summary", "Strong portfolio."),
                ("open_questions", "Why leave now?\nNotice period?"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let html = app.get_html(&client, &location).await;
    assert!(html.contains("Kari Nordmann") && html.contains("kari@example.no"));
    assert!(html.contains("Strong portfolio.") && html.contains("Notice period?"));
    assert!(
        html.contains("<section class=\"panel section-gap\" id=\"doubts\"")
            && html.contains("No doubt has been raised.")
            && html.contains("No reference check recorded yet."),
        "doubts and reference checks have their sections"
    );
    let history: i64 = sqlx::query_scalar("select count(*) from candidate_status_change")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(history, 1);
    let stored: (String, String) = sqlx::query_as("select name, phone from candidate")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        stored,
        ("Kari Nordmann".into(), "+47 900 00 000".into()),
        "stored trimmed"
    );
}

#[tokio::test]
async fn a_candidate_needs_a_name_and_a_valid_unique_email() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    let position = app.position_for(&manager, "Designer").await;
    app.candidate(position, "Existing", "taken@example.no")
        .await;
    let path = format!("/positions/{position}/candidates");
    let response = app
        .post_form(
            &client,
            &path,
            &[("name", ""), ("email", "not-an-email"), ("phone", "123")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("This field is required."));
    assert!(html.contains("Enter a valid email address"));
    assert!(html.contains(r#"value="123""#), "input kept");
    let response = app
        .post_form(
            &client,
            &path,
            &[("name", "Dup"), ("email", "TAKEN@example.no")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("already has a candidate with this email")
    );
}

#[tokio::test]
async fn status_changes_keep_a_history() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    let position = app.position_for(&manager, "Designer").await;
    let candidate = app.candidate(position, "Ola", "").await;
    let path = format!("/candidates/{candidate}/status");
    for (status, expected) in [
        ("in_second_round", 303),
        ("rejected", 303),
        ("rejected", 303),
        ("boss", 422),
    ] {
        let response = app.post_form(&client, &path, &[("status", status)]).await;
        assert_eq!(response.status(), expected, "{status}");
    }
    let changes: Vec<(Option<String>, String)> = sqlx::query_as(
        "select from_status, to_status from candidate_status_change where candidate_id = $1 order by changed_at, id",
    )
    .bind(candidate)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        changes,
        vec![
            (None, "shortlisted".into()),
            (Some("shortlisted".into()), "in_second_round".into()),
            (Some("in_second_round".into()), "rejected".into()),
        ],
        "added as shortlisted; an unchanged status records nothing"
    );
    let html = app
        .get_html(&client, &format!("/candidates/{candidate}"))
        .await;
    assert!(html.contains("Status history") && html.contains("Rejected"));
}

#[tokio::test]
async fn a_panel_member_cannot_open_another_positions_candidate() {
    let app = TestApp::spawn().await;
    let position = app.position("Backend").await;
    let mine = app.candidate(position, "On my panel", "").await;
    let other_position = app.position("Frontend").await;
    let not_mine = app.candidate(other_position, "Not my panel", "").await;
    let (client, panelist) = app.login_as(Role::Panelist).await;
    app.round_with(mine, &panelist).await;
    let html = app.get_html(&client, &format!("/candidates/{mine}")).await;
    assert!(html.contains("On my panel"));
    assert!(
        !html.contains(&format!("/candidates/{mine}/edit")),
        "panel members only read"
    );
    assert_eq!(
        app.get(&client, &format!("/candidates/{not_mine}"))
            .await
            .status(),
        403
    );
    assert_eq!(
        app.get(&client, &format!("/candidates/{mine}/edit"))
            .await
            .status(),
        403
    );
    let status = app
        .post_form(
            &client,
            &format!("/candidates/{mine}/status"),
            &[("status", "rejected")],
        )
        .await;
    assert_eq!(status.status(), 403);
}

#[tokio::test]
async fn a_manager_cannot_open_another_managers_candidate() {
    let app = TestApp::spawn().await;
    let other = app.position("Theirs").await;
    let candidate = app.candidate(other, "Theirs", "").await;
    let (client, _) = app.login_as(Role::Manager).await;
    assert_eq!(
        app.get(&client, &format!("/candidates/{candidate}"))
            .await
            .status(),
        403
    );
    let (hr, _) = app.login_as(Role::Hr).await;
    assert_eq!(
        app.get(&hr, &format!("/candidates/{candidate}"))
            .await
            .status(),
        200
    );
}
