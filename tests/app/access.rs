use secondround::auth::Role;

use crate::support::TestApp;

#[tokio::test]
async fn each_role_reaches_its_pages_and_is_refused_the_others() {
    let app = TestApp::spawn().await;
    for role in Role::ALL {
        let (client, _) = app.login_as(role).await;
        assert_eq!(
            app.get(&client, "/").await.status(),
            200,
            "{role} sees a dashboard"
        );
        let admin = app.get(&client, "/admin/users").await;
        let expected = if role == Role::Admin { 200 } else { 403 };
        assert_eq!(admin.status(), expected, "{role} on /admin/users");
        if role != Role::Admin {
            let body = admin.text().await.unwrap();
            assert!(
                body.contains("Access denied"),
                "a friendly 403 page for {role}"
            );
            let post = app
                .post_form(&client, "/admin/users", &[("email", "x@example.no")])
                .await;
            assert_eq!(post.status(), 403, "{role} cannot create users");
        }
    }
}

#[tokio::test]
async fn anonymous_visitors_are_sent_to_sign_in_once() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    for path in ["/", "/admin/users", "/admin/users/new"] {
        let response = app.get(&client, path).await;
        assert_eq!(response.status(), 303, "{path}");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("/login?next="), "{path} -> {location}");
        assert_eq!(
            app.get(&client, &location).await.status(),
            200,
            "the sign-in page itself is open"
        );
    }
}

#[tokio::test]
async fn scripts_get_401_json_instead_of_a_redirect() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let response = client
        .get(app.url("/"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], 401);
}

#[tokio::test]
async fn unknown_pages_get_a_friendly_404() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login_as(Role::Hr).await;
    let response = app.get(&client, "/no/such/page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
    let bad_id = app
        .post_form(&client, "/admin/users/not-a-uuid/disable", &[])
        .await;
    assert!(
        bad_id.status().is_client_error(),
        "bad input is a 4xx, got {}",
        bad_id.status()
    );
}

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let health = app.get(&client, "/healthz").await;
    assert_eq!(health.status(), 200);
    let ready = app.get(&client, "/readyz").await;
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.unwrap(), "ready\n");
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let app = TestApp::spawn().await;
    app.pool.close().await;
    let client = TestApp::client();
    let ready = app.get(&client, "/readyz").await;
    assert_eq!(ready.status(), 503);
    assert_eq!(
        app.get(&client, "/healthz").await.status(),
        200,
        "the process itself is alive"
    );
}

#[tokio::test]
async fn an_internal_error_shows_a_friendly_page_with_the_request_id() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login_as(Role::Manager).await;
    // A fault of our own (a table the code expects is gone), not the database
    // being out of reach, which is a 503 (see `faults`).
    sqlx::query("alter table position rename to position_gone")
        .execute(&app.pool)
        .await
        .unwrap();
    let response = app.get(&client, "/").await;
    assert_eq!(response.status(), 500);
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = response.text().await.unwrap();
    assert!(body.contains("Something went wrong"), "{body}");
    assert!(body.contains(&request_id), "the page names the request id");
    assert!(
        !body.contains("position_gone") && !body.contains("does not exist"),
        "no database error text"
    );
}

#[tokio::test]
async fn a_session_ends_after_its_maximum_age() {
    let config = secondround::config::ServerConfig {
        session_max_hours: 0,
        ..secondround::config::ServerConfig::for_tests()
    };
    let app = TestApp::spawn_with(config).await;
    let (client, _) = app.login_as(Role::Hr).await;
    // Sessions are stamped in whole seconds; step past the next second.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(app.get(&client, "/").await.status(), 303);
    assert!(
        app.get_html(&client, "/login")
            .await
            .contains("Your session has expired")
    );
}
