use secondround::auth::Role;

use crate::support::TestApp;

#[tokio::test]
async fn the_right_password_signs_in_and_shows_the_dashboard() {
    let app = TestApp::spawn().await;
    let user = app
        .create_user_with(Role::Manager, "Kari@Example.no", "Kari Nordmann")
        .await;
    let client = TestApp::client();

    let response = app.login(&client, "KARI@example.NO", &user.password).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/");

    let dashboard = app.get_html(&client, "/").await;
    assert!(dashboard.contains("Welcome, Kari Nordmann"), "{dashboard}");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Panelist).await;
    let client = TestApp::client();

    let wrong = app.login(&client, &user.email, "not the password").await;
    let wrong_status = wrong.status();
    let wrong_body = wrong.text().await.unwrap();
    let unknown = app
        .login(&client, "nobody@example.no", "not the password")
        .await;
    let unknown_status = unknown.status();
    let unknown_body = unknown.text().await.unwrap();

    assert_eq!(wrong_status, 401);
    assert_eq!(unknown_status, wrong_status);
    let message = "The email or password is wrong.";
    assert!(wrong_body.contains(message) && unknown_body.contains(message));
    // The email is kept in the form; the password never is.
    assert!(wrong_body.contains(&format!(r#"value="{}""#, user.email)));
    assert!(!wrong_body.contains("not the password"));
    assert_eq!(
        app.get(&client, "/").await.status(),
        303,
        "still signed out"
    );
}

#[tokio::test]
async fn repeated_failures_pause_the_account_even_for_the_right_password() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Hr).await;
    let client = TestApp::client();
    for _ in 0..5 {
        assert_eq!(app.login(&client, &user.email, "guess").await.status(), 401);
    }

    let paused = app.login(&client, &user.email, &user.password).await;
    assert_eq!(paused.status(), 429);
    let body = paused.text().await.unwrap();
    assert!(
        body.contains("Too many failed sign-in attempts. Wait 15 minutes"),
        "{body}"
    );

    let recorded: i64 = sqlx::query_scalar("select count(*) from login_attempt where email = $1")
        .bind(&user.email)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(recorded, 5, "paused attempts are not even checked");
}

#[tokio::test]
async fn many_failures_from_one_address_pause_that_address() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Admin).await;
    sqlx::query("insert into login_attempt (email, client_ip, succeeded) select 'x' || n || '@example.no', '127.0.0.1', false from generate_series(1, 20) n")
        .execute(&app.pool)
        .await
        .unwrap();
    let client = TestApp::client();
    let response = app.login(&client, &user.email, &user.password).await;
    assert_eq!(response.status(), 429);
}

#[tokio::test]
async fn empty_fields_are_named_and_nothing_is_checked() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let response = app.login(&client, "", "").await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(body.contains(r#"id="email-error""#) && body.contains(r#"id="password-error""#));
    assert!(
        body.contains("This field is required.") || body.contains("Dette feltet må fylles ut.")
    );
}

#[tokio::test]
async fn an_email_longer_than_any_address_is_named_on_the_sign_in_form() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let local: String = (0..9000u32)
        .map(|i| char::from(b'a' + (i * 7919 % 26) as u8))
        .collect();
    let response = app
        .login(&client, &format!("{local}@example.no"), "some password")
        .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(
        body.contains(r#"id="email-error""#),
        "the sign-in form, with the error"
    );
    let recorded: i64 = sqlx::query_scalar("select count(*) from login_attempt")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(recorded, 0);
}

#[tokio::test]
async fn signing_in_issues_a_new_session_id() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Panelist).await;
    let client = TestApp::client();
    // An anonymous session exists once something is kept in it: the language.
    let before = app.post_form(&client, "/locale", &[("lang", "en")]).await;
    let anonymous_cookie = session_cookie(&before).expect("the language switch starts a session");

    let response = app.login(&client, &user.email, &user.password).await;
    let signed_in_cookie = session_cookie(&response).expect("sign-in sets the session cookie");
    assert_ne!(anonymous_cookie, signed_in_cookie);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = TestApp::spawn().await;
    // Sessions are MessagePack: look for the key's bytes.
    let signed_in_sessions = || async {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from user_session where position(convert_to('auth.user_id', 'UTF8') in data) > 0",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap()
    };
    let (client, _) = app.login_as(Role::Manager).await;
    assert_eq!(
        signed_in_sessions().await,
        1,
        "the store holds the signed-in session"
    );
    let response = app.post_form(&client, "/logout", &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/login?signed_out=1");
    let after = app.get(&client, "/").await;
    assert_eq!(after.status(), 303);
    assert_eq!(
        signed_in_sessions().await,
        0,
        "no signed-in session is left in the store"
    );
}

#[tokio::test]
async fn a_session_survives_a_server_restart() {
    let mut app = TestApp::spawn().await;
    let (client, user) = app.login_as(Role::Panelist).await;
    let first_address = app.address.clone();

    app.restart().await;
    assert_ne!(
        app.address, first_address,
        "a new server process on a new port"
    );
    let dashboard = app.get_html(&client, "/").await;
    assert!(
        dashboard.contains(&user.email),
        "still signed in after the restart"
    );
}

#[tokio::test]
async fn a_disabled_user_is_signed_out_on_the_next_request() {
    let app = TestApp::spawn().await;
    let (client, user) = app.login_as(Role::Panelist).await;
    assert_eq!(app.get(&client, "/").await.status(), 200);

    sqlx::query("update app_user set disabled = true where id = $1")
        .bind(user.id)
        .execute(&app.pool)
        .await
        .unwrap();

    let response = app.get(&client, "/").await;
    assert_eq!(response.status(), 303);
    let login = app.get_html(&client, "/login").await;
    assert!(
        login.contains("Your account is disabled") || login.contains("Kontoen din er deaktivert")
    );
    let again = app.login(&client, &user.email, &user.password).await;
    assert_eq!(again.status(), 403, "a disabled account cannot sign in");
}

#[tokio::test]
async fn the_language_switch_changes_the_pages_and_is_remembered() {
    let app = TestApp::spawn().await;
    let (client, user) = app.login_as(Role::Manager).await;
    assert!(app.get_html(&client, "/").await.contains("Dashboard"));

    let response = app
        .post_form(&client, "/locale", &[("lang", "nb"), ("next", "/")])
        .await;
    assert_eq!(response.status(), 303);
    let page = app.get_html(&client, "/").await;
    assert!(page.contains(r#"<html lang="nb">"#) && page.contains("Oversikt"));
    let stored: String = sqlx::query_scalar("select locale from app_user where id = $1")
        .bind(user.id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, "nb");
}

#[tokio::test]
async fn sign_in_returns_to_the_page_asked_for_but_never_to_another_site() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Admin).await;
    let client = TestApp::client();
    let asked = app.get(&client, "/admin/users").await;
    assert_eq!(asked.headers()["location"], "/login?next=%2Fadmin%2Fusers");

    let response = app
        .post_form(
            &client,
            "/login",
            &[
                ("email", &user.email),
                ("password", &user.password),
                ("next", "/admin/users"),
            ],
        )
        .await;
    assert_eq!(response.headers()["location"], "/admin/users");

    let other = TestApp::client();
    let response = app
        .post_form(
            &other,
            "/login",
            &[
                ("email", &user.email),
                ("password", &user.password),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(response.headers()["location"], "/");

    // Browsers drop tabs and line breaks from a URL, so "/\t/evil.example"
    // would lead to //evil.example.
    for sneaky in ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example"] {
        let client = TestApp::client();
        let response = app
            .post_form(
                &client,
                "/login",
                &[
                    ("email", &user.email),
                    ("password", &user.password),
                    ("next", sneaky),
                ],
            )
            .await;
        assert_eq!(response.headers()["location"], "/", "{sneaky:?}");
    }
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|cookie| cookie.starts_with("secondround_session="))
        .map(|cookie| cookie.split(';').next().unwrap().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_simultaneous_guesses_check_no_more_passwords_than_the_limit() {
    let app = std::sync::Arc::new(TestApp::spawn().await);
    let user = app.create_user(Role::Manager).await;
    // Each guess comes from its own fresh sign-in page, all released at once.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(60));
    let mut guesses = Vec::new();
    for n in 0..60 {
        let (app, barrier, email) = (app.clone(), barrier.clone(), user.email.clone());
        guesses.push(tokio::spawn(async move {
            let client = TestApp::client();
            let token = app.csrf_token(&client).await;
            barrier.wait().await;
            let password = format!("wrong guess {n}");
            client
                .post(app.url("/login"))
                .form(&[
                    ("email", email.as_str()),
                    ("password", &password),
                    ("csrf_token", &token),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await.unwrap());
    }
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let paused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((checked, paused), (5, 55), "{statuses:?}");
    let recorded: i64 = sqlx::query_scalar("select count(*) from login_attempt where email = $1")
        .bind(&user.email)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        recorded, 5,
        "only the attempts under the limit were recorded and checked"
    );
}

#[tokio::test]
async fn the_right_password_of_a_disabled_account_does_not_reset_its_pause_count() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Panelist).await;
    sqlx::query("update app_user set disabled = true where id = $1")
        .bind(user.id)
        .execute(&app.pool)
        .await
        .unwrap();
    let client = TestApp::client();
    for _ in 0..4 {
        let wrong = app.login(&client, &user.email, "not the password").await;
        assert_eq!(wrong.status(), 401);
    }
    let disabled = app.login(&client, &user.email, &user.password).await;
    assert_eq!(
        disabled.status(),
        403,
        "the right password learns it is disabled"
    );
    // That was the fifth failure, not a success: the account is paused now.
    let paused = app.login(&client, &user.email, &user.password).await;
    assert_eq!(paused.status(), 429);
}

async fn session_rows(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from user_session")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn visiting_the_sign_in_page_and_failing_to_sign_in_store_no_session() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Panelist).await;
    let client = TestApp::client();

    let page = app.get(&client, "/login").await;
    assert_eq!(page.status(), 200);
    assert!(
        session_cookie(&page).is_none(),
        "no session cookie for a visit"
    );
    let failed = app.login(&client, &user.email, "not the password").await;
    assert_eq!(failed.status(), 401);
    assert!(
        failed
            .text()
            .await
            .unwrap()
            .contains("The email or password is wrong."),
        "the failure is told on the form"
    );
    assert_eq!(session_rows(&app).await, 0, "no session row before sign-in");

    let signed_in = app.login(&client, &user.email, &user.password).await;
    assert_eq!(signed_in.status(), 303);
    assert_eq!(session_rows(&app).await, 1, "the session starts at sign-in");
    assert_eq!(app.get(&client, "/").await.status(), 200);
}

#[tokio::test]
async fn the_sign_in_token_belongs_to_the_browser_it_was_given_to() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Panelist).await;
    let attacker = TestApp::client();
    let victim = TestApp::client();
    let attackers_token = app.csrf_token(&attacker).await;
    // The victim's browser has its own sign-in cookie.
    let _ = app.csrf_token(&victim).await;

    for token in [attackers_token.as_str(), "0000", ""] {
        let response = victim
            .post(app.url("/login"))
            .form(&[
                ("email", user.email.as_str()),
                ("password", user.password.as_str()),
                ("csrf_token", token),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "token {token:?}");
    }
    // A browser that never loaded the page has no cookie to match any token.
    let fresh = TestApp::client();
    let response = fresh
        .post(app.url("/login"))
        .form(&[
            ("email", user.email.as_str()),
            ("password", user.password.as_str()),
            ("csrf_token", attackers_token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(session_rows(&app).await, 0);
    assert_eq!(
        app.login(&victim, &user.email, &user.password)
            .await
            .status(),
        303,
        "the victim's own page still signs in"
    );
}
