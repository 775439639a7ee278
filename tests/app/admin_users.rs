use secondround::auth::Role;

use crate::support::TestApp;

#[tokio::test]
async fn an_admin_creates_a_user_who_can_then_sign_in() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let response = app
        .post_form(
            &admin,
            "/admin/users",
            &[
                ("email", "  Ola.Nordmann@Example.no "),
                ("display_name", "Ola Nordmann"),
                ("role", "manager"),
                ("locale", "nb"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let list = app.get_html(&admin, "/admin/users").await;
    assert!(list.contains("User ola.nordmann@example.no created."));
    assert!(list.contains("Ola Nordmann"));

    let client = TestApp::client();
    assert_eq!(
        app.login(&client, "ola.nordmann@example.no", "correct horse battery")
            .await
            .status(),
        303
    );
    let stored: String = sqlx::query_scalar(
        "select password_hash from app_user where email = 'ola.nordmann@example.no'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(stored.starts_with("$argon2id$"));
}

#[tokio::test]
async fn a_bad_user_form_re_renders_with_its_errors_and_input_kept() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let response = app
        .post_form(
            &admin,
            "/admin/users",
            &[
                ("email", "not-an-email"),
                ("display_name", "Siri <Sjef>"),
                ("role", "owner"),
                ("locale", "en"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains(r#"id="email-error""#) && page.contains("Enter an email address"));
    assert!(page.contains("Choose one of the roles."));
    assert!(page.contains("Use at least 12 characters."));
    assert!(
        page.contains(r#"value="not-an-email""#),
        "the email is kept"
    );
    assert!(
        page.contains("Siri &#60;Sjef&#62;") || page.contains("Siri &lt;Sjef&gt;"),
        "the name is kept, escaped"
    );
    assert!(
        !page.contains(r#"value="short""#),
        "the password is not echoed"
    );
}

#[tokio::test]
async fn a_taken_email_is_named_beside_the_field() {
    let app = TestApp::spawn().await;
    let existing = app.create_user(Role::Hr).await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let upper = existing.email.to_uppercase();
    let response = app
        .post_form(
            &admin,
            "/admin/users",
            &[
                ("email", upper.as_str()),
                ("display_name", "Twin"),
                ("role", "hr"),
                ("locale", "en"),
                ("password", "a long enough password"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("A user with this email already exists.")
    );
}

#[tokio::test]
async fn an_admin_disables_and_enables_a_user_but_not_themself() {
    let app = TestApp::spawn().await;
    let (admin, me) = app.login_as(Role::Admin).await;
    let (panelist, target) = app.login_as(Role::Panelist).await;

    let response = app
        .post_form(&admin, &format!("/admin/users/{}/disable", target.id), &[])
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        app.get(&panelist, "/").await.status(),
        303,
        "signed out at once"
    );

    app.post_form(&admin, &format!("/admin/users/{}/enable", target.id), &[])
        .await;
    let client = TestApp::client();
    assert_eq!(
        app.login(&client, &target.email, &target.password)
            .await
            .status(),
        303
    );

    app.post_form(&admin, &format!("/admin/users/{}/disable", me.id), &[])
        .await;
    let page = app.get_html(&admin, "/admin/users").await;
    assert!(page.contains("You cannot disable your own account."));
    assert_eq!(app.get(&admin, "/").await.status(), 200);
}
