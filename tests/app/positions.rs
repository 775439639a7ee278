//! Positions: who sees and changes which, and the position form's rules.

use secondround::auth::Role;

use crate::support::TestApp;

#[tokio::test]
async fn a_manager_creates_a_position_and_owns_it() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    let response = app
        .post_form(
            &client,
            "/positions/new",
            &[
                ("title", "Data engineer"),
                ("department", "Platform"),
                ("hiring_manager_id", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let html = app.get_html(&client, &location).await;
    assert!(html.contains("Data engineer") && html.contains("Platform"));
    let owner: uuid::Uuid =
        sqlx::query_scalar("select hiring_manager_id from position where title = 'Data engineer'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(owner, manager.id, "a manager always owns what they create");
}

#[tokio::test]
async fn a_position_needs_a_title_and_keeps_the_input() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login_as(Role::Hr).await;
    let response = app
        .post_form(
            &client,
            "/positions",
            &[("title", " "), ("department", "Sales")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("This field is required."));
    assert!(html.contains(r#"value="Sales""#), "input kept");
    assert!(
        html.contains("Choose an active hiring manager."),
        "HR must pick a manager"
    );
}

#[tokio::test]
async fn hr_sees_every_position_and_a_manager_only_their_own() {
    let app = TestApp::spawn().await;
    let (manager_client, manager) = app.login_as(Role::Manager).await;
    app.position_for(&manager, "Mine").await;
    app.position("Someone else's").await;
    let html = app.get_html(&manager_client, "/positions").await;
    assert!(html.contains("Mine") && !html.contains("Someone else"));
    let (hr_client, _) = app.login_as(Role::Hr).await;
    let html = app.get_html(&hr_client, "/positions").await;
    assert!(html.contains("Mine") && html.contains("Someone else"));
}

#[tokio::test]
async fn a_manager_cannot_open_or_change_another_managers_position() {
    let app = TestApp::spawn().await;
    let other = app.position("Not yours").await;
    let (client, _) = app.login_as(Role::Manager).await;
    for path in [
        format!("/positions/{other}"),
        format!("/positions/{other}/edit"),
        format!("/positions/{other}/criteria/new"),
        format!("/positions/{other}/candidates/new"),
        format!("/positions/{other}/candidates/import"),
        format!("/positions/{other}/rounds/new"),
    ] {
        assert_eq!(app.get(&client, &path).await.status(), 403, "{path}");
    }
    let close = app
        .post_form(&client, &format!("/positions/{other}/close"), &[])
        .await;
    assert_eq!(close.status(), 403);
    let status: String = sqlx::query_scalar("select status from position where id = $1")
        .bind(other)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "open");
}

#[tokio::test]
async fn panel_members_see_no_position_list() {
    let app = TestApp::spawn().await;
    let position = app.position("Hidden").await;
    let (client, _) = app.login_as(Role::Panelist).await;
    assert_eq!(app.get(&client, "/positions").await.status(), 403);
    assert_eq!(
        app.get(&client, &format!("/positions/{position}"))
            .await
            .status(),
        403
    );
    let home = app.get_html(&client, "/").await;
    assert!(
        !home.contains(r#"href="/positions""#),
        "no Positions link for panel members"
    );
}

#[tokio::test]
async fn a_closed_position_refuses_changes_until_reopened() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    let id = app.position_for(&manager, "Closing").await;
    let closed = app
        .post_form(&client, &format!("/positions/{id}/close"), &[])
        .await;
    assert_eq!(closed.status(), 303);
    let add = app
        .post_form(
            &client,
            &format!("/positions/{id}/criteria"),
            &[("name", "X"), ("weight", "1")],
        )
        .await;
    assert_eq!(add.status(), 409);
    assert!(add.text().await.unwrap().contains("closed"));
    app.post_form(&client, &format!("/positions/{id}/reopen"), &[])
        .await;
    let add = app
        .post_form(
            &client,
            &format!("/positions/{id}/criteria"),
            &[("name", "X"), ("weight", "1")],
        )
        .await;
    assert_eq!(add.status(), 303);
}

#[tokio::test]
async fn unknown_positions_are_404_and_bad_ids_are_4xx() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login_as(Role::Admin).await;
    let missing = uuid::Uuid::new_v4();
    assert_eq!(
        app.get(&client, &format!("/positions/{missing}"))
            .await
            .status(),
        404
    );
    assert!(
        app.get(&client, "/positions/nope")
            .await
            .status()
            .is_client_error()
    );
}

#[tokio::test]
async fn the_preparation_pages_speak_norwegian_to_a_norwegian_user() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    sqlx::query("update app_user set locale = 'nb' where id = $1")
        .bind(manager.id)
        .execute(&app.pool)
        .await
        .unwrap();
    let position = app.position_for(&manager, "Utvikler").await;
    let candidate = app.candidate(position, "Kari", "").await;
    let list = app.get_html(&client, "/positions").await;
    assert!(list.contains("Stillinger") && list.contains("Ny stilling"));
    let page = app
        .get_html(&client, &format!("/positions/{position}"))
        .await;
    assert!(page.contains("Kravprofil") && page.contains("Importer CSV"));
    let candidate = app
        .get_html(&client, &format!("/candidates/{candidate}"))
        .await;
    assert!(
        candidate.contains("Statushistorikk")
            && candidate.contains("Tvil om kandidaten")
            && candidate.contains("Referansesjekker")
    );
    let plan = app
        .get_html(&client, &format!("/positions/{position}/rounds/new"))
        .await;
    assert!(plan.contains("Planlegg runden") && plan.contains("Fagperson"));
    assert!(
        plan.contains("Annengangsintervju (standard)\" ")
            || plan.contains("selected>Annengangsintervju (standard)"),
        "the Norwegian guide is preselected"
    );
}

/// HR sees every position of the organisation, fifty a page, with a way to
/// the next and back; a page that is not a number, or past the last, shows
/// the nearest page there is.
#[tokio::test]
async fn hr_pages_through_the_organisations_positions() {
    let app = TestApp::spawn().await;
    let manager = app.create_user(Role::Manager).await;
    sqlx::query(
        "insert into position (title, hiring_manager_id)
         select 'Position ' || lpad(n::text, 3, '0'), $1 from generate_series(1, 55) n",
    )
    .bind(manager.id)
    .execute(&app.pool)
    .await
    .unwrap();
    let (hr, _) = app.login_as(Role::Hr).await;
    let rows = |html: &str| html.matches("<td><a href=\"/positions/").count();

    let first = app.get_html(&hr, "/positions").await;
    assert_eq!(rows(&first), 50);
    assert!(first.contains(">Position 001<") && !first.contains(">Position 051<"));
    assert!(
        first.contains(r#"<span id="page-of">Page 1 of 2</span>"#),
        "{first}"
    );
    assert!(first.contains(r#"href="/positions?page=2" rel="next""#));
    assert!(!first.contains(r#"rel="prev""#));

    let second = app.get_html(&hr, "/positions?page=2").await;
    assert_eq!(rows(&second), 5);
    assert!(second.contains(">Position 055<"));
    assert!(second.contains(r#"href="/positions?page=1" rel="prev""#));
    assert!(!second.contains(r#"rel="next""#));

    for (asked, shown) in [
        ("abc", "Page 1 of 2"),
        ("0", "Page 1 of 2"),
        ("99", "Page 2 of 2"),
    ] {
        let response = app.get(&hr, &format!("/positions?page={asked}")).await;
        assert_eq!(response.status(), 200, "{asked}");
        assert!(response.text().await.unwrap().contains(shown), "{asked}");
    }
}
