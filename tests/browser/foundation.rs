use secondround::auth::Role;
use secondround::i18n::Locale;

use crate::support::TestApp;
use crate::support::browser::{Browser, LANDSCAPE, PORTRAIT};

/// Sign-in and the dashboard fit both tablet orientations without sideways scrolling.
#[tokio::test]
async fn a_user_signs_in_and_sees_the_dashboard_on_a_tablet() {
    let app = TestApp::spawn().await;
    let user = app
        .create_user_with(Role::Manager, "maria@example.no", "Maria Berg")
        .await;
    let browser = Browser::start(LANDSCAPE).await;
    for (name, size) in [("landscape", LANDSCAPE), ("portrait", PORTRAIT)] {
        browser.start_over(size).await;
        assert_eq!(browser.viewport().await, size, "viewport is {size:?}");
        browser.goto(&app.url("/login")).await;
        assert!(
            !browser.scrolls_horizontally().await,
            "sign-in page fits {name}"
        );
        browser
            .screenshot(&format!("foundation-login-{name}"))
            .await;

        browser
            .sign_in(&app.address, &user.email, &user.password)
            .await;
        assert_eq!(browser.current_path().await, "/");
        let heading = browser.text("h1").await;
        assert!(
            heading.contains("Maria Berg"),
            "dashboard greets the user: {heading}"
        );
        assert!(
            !browser.scrolls_horizontally().await,
            "dashboard fits {name}"
        );
        browser
            .screenshot(&format!("foundation-dashboard-{name}"))
            .await;
    }
    browser.close().await;
}

#[tokio::test]
async fn a_wrong_password_shows_the_message_in_the_browser() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Panelist).await;
    let browser = Browser::start(PORTRAIT).await;
    browser
        .sign_in(&app.address, &user.email, "wrong password")
        .await;
    assert_eq!(browser.current_path().await, "/login");
    let alert = browser.text(".form-errors").await;
    assert!(alert.contains("wrong") || alert.contains("feil"), "{alert}");
    let kept = browser
        .client
        .find(fantoccini::Locator::Css("#email"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert_eq!(kept.as_deref(), Some(user.email.as_str()));
    browser.close().await;
}

/// The demo loads and its hiring manager sees the demo position with its counts.
#[tokio::test]
async fn the_demo_shows_the_hiring_managers_position_and_interviews() {
    let app = TestApp::spawn().await;
    let password = "demo password for tests";
    let report = secondround::demo::seed(&app.pool, Some(password.into()), Locale::En)
        .await
        .unwrap();
    assert!(report.contains("manager@demo.secondround.no"));
    let again = secondround::demo::seed(&app.pool, Some(password.into()), Locale::En)
        .await
        .unwrap();
    assert!(
        again.contains("already loaded"),
        "seeding twice keeps one copy"
    );
    let positions: i64 = sqlx::query_scalar("select count(*) from position")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(positions, 2, "the open position and last year's, once each");

    let browser = Browser::start(LANDSCAPE).await;
    browser
        .sign_in(&app.address, "manager@demo.secondround.no", password)
        .await;
    let page = browser.text("main").await;
    assert!(page.contains("Senior backend engineer"), "{page}");
    assert!(
        page.contains("Ingrid Solberg") && page.contains("Jonas Haugen"),
        "upcoming interviews listed"
    );
    assert!(!browser.scrolls_horizontally().await);
    browser.screenshot("demo-dashboard-manager").await;
    browser.close().await;
}

/// The user list keeps every row's action button in view on a portrait
/// tablet, without scrolling the table sideways.
#[tokio::test]
async fn the_user_list_keeps_its_actions_in_view_on_a_portrait_tablet() {
    let app = TestApp::spawn().await;
    let admin = app
        .create_user_with(Role::Admin, "ada@demo.secondround.no", "Ada Admin")
        .await;
    for (role, email, name) in [
        (Role::Manager, "manager@demo.secondround.no", "Maria Berg"),
        (Role::Panelist, "panelist@demo.secondround.no", "Per Olsen"),
        (Role::Panelist, "expert@demo.secondround.no", "Erik Lund"),
    ] {
        app.create_user_with(role, email, name).await;
    }
    let browser = Browser::start(PORTRAIT).await;
    browser
        .sign_in(&app.address, &admin.email, &admin.password)
        .await;
    browser.goto(&app.url("/admin/users")).await;
    let table_scrolls = browser
        .client
        .execute(
            "const wrap = document.querySelector('.table-wrap');
             return wrap.scrollWidth > wrap.clientWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(table_scrolls.as_bool(), Some(false), "the table fits");
    assert!(!browser.scrolls_horizontally().await, "the page fits");
    browser.screenshot("foundation-users-portrait").await;
    browser.close().await;
}
