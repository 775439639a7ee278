//! Single sign-on in a real browser at 1024×768: the sign-in page's button, the
//! provider's own login page (node-oidc-provider, `tests/oidc/`), and back to
//! the dashboard, signed in; then signing out at both ends.

use secondround::auth::Role;

use crate::support::browser::{Browser, LANDSCAPE};
use crate::support::oidc::{ProviderAccount, app_with_provider};

#[tokio::test]
async fn a_manager_signs_in_through_the_provider_and_out_again() {
    let email = "kari@example.no";
    let (app, provider) = app_with_provider(
        &[ProviderAccount::verified(email)],
        Default::default(),
        |_| {},
    )
    .await;
    app.create_user_with(Role::Manager, email, "Kari Nordmann")
        .await;
    let browser = Browser::start(LANDSCAPE).await;
    browser.goto(&app.url("/login")).await;
    assert_eq!(browser.text("#sso-sign-in").await, "Sign in with Test ID");
    let violations = browser.serious_violations().await;
    assert!(
        violations.is_empty(),
        "axe on the sign-in page: {violations:#?}"
    );
    browser.screenshot("sso-sign-in-1024").await;

    // The button leaves for the provider (a form post answered by a redirect
    // to another origin, which the page's form-action policy must allow).
    browser.click_and_wait("#sso-sign-in").await;
    let at_provider = browser.client.current_url().await.unwrap();
    assert_eq!(at_provider.port(), Some(provider.port), "{at_provider}");
    browser.fill("#login", email).await;
    browser.click_and_wait("#provider-sign-in").await;

    // Back at the app, signed in as the account with that e-mail.
    browser.wait_for(".current-user").await;
    assert_eq!(browser.current_path().await, "/");
    let here = browser.client.current_url().await.unwrap();
    assert_eq!(here.port(), url::Url::parse(&app.address).unwrap().port());
    assert!(
        browser
            .text(".current-user")
            .await
            .contains("Kari Nordmann")
    );
    assert!(!browser.scrolls_horizontally().await);
    let signed_in: i64 = sqlx::query_scalar(
        "select count(*) from audit_event
          where entity = 'sign_in' and action = 'sso_signed_in'
            and actor_id = (select id from app_user where email = $1)",
    )
    .bind(email)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(signed_in, 1, "audited like a password sign-in");

    // Signing out ends the app's session and sends the browser to the provider's.
    browser
        .click_and_wait("form[action='/logout'] button")
        .await;
    let at_provider = browser.client.current_url().await.unwrap();
    assert_eq!(at_provider.port(), Some(provider.port), "{at_provider}");
    assert_eq!(at_provider.path(), "/session/end");
    assert_eq!(app.signed_in_sessions().await, 0);
    browser.close().await;
}
