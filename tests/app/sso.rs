//! Single sign-on with OpenID Connect, against a real provider (node-oidc-provider,
//! `tests/oidc/`) started by each test: the happy path, and each refusal with a
//! clear page, no signed-in session and an audit event.

use secondround::auth::Role;

use crate::support::TestApp;
use crate::support::oidc::{
    OidcProvider, ProviderAccount, ProviderOptions, app_with_provider, free_port, location,
    sso_config,
};

fn query_param(url: &str, name: &str) -> Option<String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

fn with_param(url: &str, name: &str, value: &str) -> String {
    let mut parsed = url::Url::parse(url).unwrap();
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name {
                value.into()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

/// Visits the callback and checks the refusal: its status and words, no
/// signed-in session, and the audit event's reason.
async fn assert_refused(
    app: &TestApp,
    client: &reqwest::Client,
    callback: &str,
    status: u16,
    words: &str,
    reason: &str,
) {
    let response = client.get(callback).send().await.unwrap();
    assert_eq!(response.status(), status, "{callback}");
    let page = response.text().await.unwrap();
    assert!(page.contains(words), "{page}");
    assert_eq!(
        app.signed_in_sessions().await,
        0,
        "no session was signed in"
    );
    assert_eq!(app.get(client, "/").await.status(), 303, "still signed out");
    let audit = app.sso_audit().await;
    assert!(
        audit.contains(&("sso_refused".into(), reason.into())),
        "{audit:?}"
    );
}

const KARI: &str = "kari@example.no";

/// The app and its provider, where Kari (a hiring manager here) has a verified e-mail.
async fn kari_at_the_provider() -> (TestApp, OidcProvider) {
    let (app, provider) = app_with_provider(
        &[ProviderAccount::verified(KARI)],
        Default::default(),
        |_| {},
    )
    .await;
    app.create_user_with(Role::Manager, KARI, "Kari Nordmann")
        .await;
    (app, provider)
}

#[tokio::test]
async fn a_verified_email_at_the_provider_signs_in_its_account() {
    let email = KARI;
    let (app, provider) = kari_at_the_provider().await;
    let client = TestApp::client();

    let login = app.get_html(&client, "/login").await;
    assert!(login.contains("Sign in with Test ID"), "{login}");
    // The button's post and the sign-out are answered by redirects to the
    // provider, which the page's form-action must allow (a browser holds them to it).
    let headers = client.get(app.url("/login")).send().await.unwrap();
    let csp = headers.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(
        csp.contains(&format!("form-action 'self' {};", provider.issuer())),
        "{csp}"
    );
    let authorize = app.start_sso(&client).await;
    assert!(authorize.starts_with(&provider.issuer()), "{authorize}");
    assert_eq!(
        query_param(&authorize, "code_challenge_method").as_deref(),
        Some("S256")
    );
    for name in ["code_challenge", "state", "nonce"] {
        assert!(
            query_param(&authorize, name).is_some_and(|v| v.len() >= 16),
            "{name}"
        );
    }
    let callback = app.provider_login(&client, &authorize, email).await;
    let response = client.get(&callback).send().await.unwrap();
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    assert_eq!(location(&response), "/");

    let dashboard = app.get_html(&client, "/").await;
    assert!(dashboard.contains("Welcome, Kari Nordmann"), "{dashboard}");
    assert_eq!(app.signed_in_sessions().await, 1);
    assert_eq!(
        app.sso_audit().await,
        vec![("sso_signed_in".into(), "ok".into())]
    );
}

#[tokio::test]
async fn a_forged_state_is_refused() {
    let email = KARI;
    let (app, _provider) = kari_at_the_provider().await;
    let client = TestApp::client();
    let callback = app.sso_callback_url(&client, email).await;

    let forged = with_param(&callback, "state", "forged-by-someone-else");
    assert_refused(&app, &client, &forged, 400, "did not start here", "state").await;
}

#[tokio::test]
async fn a_replayed_callback_is_refused() {
    let email = KARI;
    let (app, _provider) = kari_at_the_provider().await;
    let client = TestApp::client();
    let callback = app.sso_callback_url(&client, email).await;
    assert_eq!(client.get(&callback).send().await.unwrap().status(), 303);

    // Someone else with the same URL (from a history, a log, a shoulder).
    let other = TestApp::client();
    let replayed = other.get(&callback).send().await.unwrap();
    assert_eq!(replayed.status(), 400);
    assert!(replayed.text().await.unwrap().contains("used already"));
    assert_eq!(app.get(&other, "/").await.status(), 303, "not signed in");
    assert_eq!(app.signed_in_sessions().await, 1, "only the first one");
    // And the same browser once more: the flow served once.
    let again = client.get(&callback).send().await.unwrap();
    assert_eq!(again.status(), 400);
    let audit = app.sso_audit().await;
    assert_eq!(
        audit
            .iter()
            .filter(|(action, reason)| action == "sso_refused" && reason == "state")
            .count(),
        2,
        "{audit:?}"
    );
}

#[tokio::test]
async fn an_id_token_with_another_nonce_is_refused() {
    let email = KARI;
    let (app, _provider) = kari_at_the_provider().await;
    let client = TestApp::client();
    let authorize = app.start_sso(&client).await;

    // The request altered on its way: the provider puts this nonce in the token.
    let altered = with_param(&authorize, "nonce", "a-nonce-this-flow-never-made");
    let callback = app.provider_login(&client, &altered, email).await;
    assert_refused(
        &app,
        &client,
        &callback,
        400,
        "could not be verified",
        "nonce",
    )
    .await;
}

#[tokio::test]
async fn an_expired_id_token_is_refused() {
    let email = "kari@example.no";
    // The provider's clock runs two hours behind when it issues tokens, so the
    // ID token it signs expired an hour before it arrives.
    let options = ProviderOptions {
        clock_behind_secs: 7200,
    };
    let (app, _provider) =
        app_with_provider(&[ProviderAccount::verified(email)], options, |_| {}).await;
    app.create_user_with(Role::Manager, email, "Kari Nordmann")
        .await;
    let client = TestApp::client();
    let callback = app.sso_callback_url(&client, email).await;

    assert_refused(
        &app,
        &client,
        &callback,
        400,
        "could not be verified",
        "id_token",
    )
    .await;
}

#[tokio::test]
async fn an_id_token_signed_with_keys_the_provider_did_not_publish_is_refused() {
    let email = "kari@example.no";
    let accounts = [ProviderAccount::verified(email)];
    let (app, mut provider) = app_with_provider(&accounts, Default::default(), |_| {}).await;
    app.create_user_with(Role::Manager, email, "Kari Nordmann")
        .await;
    let client = TestApp::client();
    // The app discovers the provider, with its keys.
    assert!(
        app.get_html(&client, "/login")
            .await
            .contains("Sign in with Test ID")
    );

    // Another provider at the same issuer, with keys of its own, signs the token.
    let port = provider.port;
    provider.stop();
    let _impostor = OidcProvider::start(port, &app.address, &accounts, Default::default());
    let callback = app.sso_callback_url(&client, email).await;
    assert_refused(
        &app,
        &client,
        &callback,
        400,
        "could not be verified",
        "id_token",
    )
    .await;
}

#[tokio::test]
async fn an_email_the_provider_has_not_verified_is_refused() {
    let email = "kari@example.no";
    let account = ProviderAccount {
        email: email.into(),
        email_verified: Some(false),
        xms_edov: None,
    };
    let (app, _provider) = app_with_provider(&[account], Default::default(), |_| {}).await;
    app.create_user_with(Role::Manager, email, "Kari Nordmann")
        .await;
    let client = TestApp::client();
    let callback = app.sso_callback_url(&client, email).await;

    assert_refused(
        &app,
        &client,
        &callback,
        403,
        "has not verified",
        "email_unverified",
    )
    .await;
}

#[tokio::test]
async fn an_email_without_an_account_is_refused() {
    let email = "stranger@example.no";
    let (app, _provider) = app_with_provider(
        &[ProviderAccount::verified(email)],
        Default::default(),
        |_| {},
    )
    .await;
    let client = TestApp::client();
    let callback = app.sso_callback_url(&client, email).await;

    let words = "There is no account for stranger@example.no here";
    assert_refused(&app, &client, &callback, 403, words, "unknown_account").await;
}

#[tokio::test]
async fn a_disabled_account_is_refused() {
    let email = "kari@example.no";
    let (app, _provider) = app_with_provider(
        &[ProviderAccount::verified(email)],
        Default::default(),
        |_| {},
    )
    .await;
    let user = app
        .create_user_with(Role::Manager, email, "Kari Nordmann")
        .await;
    sqlx::query("update app_user set disabled = true where id = $1")
        .bind(user.id)
        .execute(&app.pool)
        .await
        .unwrap();
    let client = TestApp::client();
    let callback = app.sso_callback_url(&client, email).await;

    assert_refused(
        &app,
        &client,
        &callback,
        403,
        "account is disabled",
        "account_disabled",
    )
    .await;
}

#[tokio::test]
async fn an_unreachable_provider_leaves_passwords_working() {
    // Nothing listens at the issuer: the app starts, and says so on the sign-in page.
    let app = TestApp::spawn_with(sso_config(free_port(), free_port())).await;
    let user = app.create_user(Role::Hr).await;
    let client = TestApp::client();

    let login = app.get_html(&client, "/login").await;
    assert!(
        login.contains("Single sign-on is unavailable right now"),
        "{login}"
    );
    assert!(!login.contains("Sign in with Test ID"), "{login}");
    let start = app.post_form(&client, "/auth/oidc/start", &[]).await;
    assert_eq!(start.status(), 503);
    assert_eq!(
        app.login(&client, &user.email, &user.password)
            .await
            .status(),
        303
    );
}

#[tokio::test]
async fn a_broken_discovery_document_leaves_passwords_working() {
    // A server at the issuer that answers with something that is not a discovery document.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer).await;
            let body = r#"{"issuer": "#;
            let reply = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes()).await;
        }
    });
    let app = TestApp::spawn_with(sso_config(free_port(), port)).await;
    let user = app.create_user(Role::Hr).await;
    let client = TestApp::client();

    let login = app.get_html(&client, "/login").await;
    assert!(
        login.contains("Single sign-on is unavailable right now"),
        "{login}"
    );
    assert_eq!(
        app.login(&client, &user.email, &user.password)
            .await
            .status(),
        303
    );
}

#[tokio::test]
async fn passwords_switched_off_leave_only_single_sign_on() {
    let email = "kari@example.no";
    let (app, _provider) = app_with_provider(
        &[ProviderAccount::verified(email)],
        Default::default(),
        |config| config.sign_in.password_signin = false,
    )
    .await;
    let user = app
        .create_user_with(Role::Manager, email, "Kari Nordmann")
        .await;
    let client = TestApp::client();

    let login = app.get_html(&client, "/login").await;
    assert!(login.contains("Sign in with Test ID"), "{login}");
    assert!(!login.contains(r#"name="password""#), "{login}");
    let refused = app.login(&client, &user.email, &user.password).await;
    assert_eq!(refused.status(), 403);
    assert_eq!(
        app.get(&client, "/").await.status(),
        303,
        "still signed out"
    );
    let callback = app.sso_callback_url(&client, email).await;
    assert_eq!(client.get(&callback).send().await.unwrap().status(), 303);
    assert_eq!(app.get(&client, "/").await.status(), 200);
}

#[tokio::test]
async fn an_allowed_domain_gets_an_account_at_first_sign_on() {
    let email = "new.person@firma.no";
    let (app, _provider) = app_with_provider(
        &[
            ProviderAccount::verified(email),
            ProviderAccount::verified("x@elsewhere.no"),
        ],
        Default::default(),
        |config| {
            config.sign_in.oidc_create_domain = Some("firma.no".into());
            config.sign_in.oidc_create_role = "hr".into();
        },
    )
    .await;
    let client = TestApp::client();
    let callback = app.sso_callback_url(&client, email).await;
    assert_eq!(client.get(&callback).send().await.unwrap().status(), 303);
    let role: String = sqlx::query_scalar("select role from app_user where email = $1")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(role, "hr");

    // Another domain still needs an account made by an admin.
    let other = TestApp::client();
    let callback = app.sso_callback_url(&other, "x@elsewhere.no").await;
    assert_eq!(other.get(&callback).send().await.unwrap().status(), 403);
}

#[tokio::test]
async fn signing_out_ends_the_providers_session_too() {
    let email = KARI;
    let (app, provider) = kari_at_the_provider().await;
    let client = TestApp::client();
    let callback = app.sso_callback_url(&client, email).await;
    assert_eq!(client.get(&callback).send().await.unwrap().status(), 303);

    // The sign-in rotated the session's token: the one on its pages now.
    let page = app.get_html(&client, "/").await;
    let token = crate::support::extract_meta(&page, "csrf-token").unwrap();
    let response = client
        .post(app.url("/logout"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let to = location(&response);
    assert!(
        to.starts_with(&format!("{}/session/end?", provider.issuer())),
        "{to}"
    );
    assert_eq!(app.signed_in_sessions().await, 0);
    // The provider accepts it: its sign-out page, asking to confirm.
    let page = client.get(&to).send().await.unwrap();
    assert_eq!(page.status(), 200, "{}", page.text().await.unwrap());
}

#[tokio::test]
async fn repeated_refusals_pause_single_sign_on_like_passwords() {
    let email = "stranger@example.no";
    let (app, _provider) = app_with_provider(
        &[ProviderAccount::verified(email)],
        Default::default(),
        |_| {},
    )
    .await;
    let client = TestApp::client();
    for _ in 0..5 {
        let callback = app.sso_callback_url(&client, email).await;
        assert_eq!(client.get(&callback).send().await.unwrap().status(), 403);
    }
    let callback = app.sso_callback_url(&client, email).await;
    let paused = client.get(&callback).send().await.unwrap();
    assert_eq!(paused.status(), 429);
    assert!(
        paused
            .text()
            .await
            .unwrap()
            .contains("Too many failed sign-in attempts")
    );
}

/// Entra ID sends no `email_verified`; with the optional claim `xms_edov` it
/// says the e-mail's domain is verified for the tenant. Without either claim,
/// the e-mail counts as unverified.
#[tokio::test]
async fn entra_ids_domain_verified_claim_stands_in_for_email_verified() {
    let (verified, unverified) = ("kari@example.no", "ola@example.no");
    let (app, _provider) = app_with_provider(
        &[
            ProviderAccount::entra(verified, Some(true)),
            ProviderAccount::entra(unverified, None),
        ],
        Default::default(),
        |_| {},
    )
    .await;
    app.create_user_with(Role::Manager, verified, "Kari Nordmann")
        .await;
    app.create_user_with(Role::Hr, unverified, "Ola Nordmann")
        .await;

    let other = TestApp::client();
    let callback = app.sso_callback_url(&other, unverified).await;
    assert_refused(
        &app,
        &other,
        &callback,
        403,
        "has not verified",
        "email_unverified",
    )
    .await;

    let client = TestApp::client();
    let callback = app.sso_callback_url(&client, verified).await;
    assert_eq!(client.get(&callback).send().await.unwrap().status(), 303);
    assert_eq!(app.get(&client, "/").await.status(), 200, "signed in");
}
