//! The mail pages in a real browser at 1024×768: the admin's outbox on the
//! demo's mail (a mail opened to read it, filtered by state, the intervals
//! refused and kept, then saved) and a member's settings; axe finds nothing serious.

use secondround::i18n::Locale;

use crate::support::TestApp;
use crate::support::browser::{Browser, LANDSCAPE};

const PASSWORD: &str = "demo-password-for-tests";

#[tokio::test]
async fn the_outbox_and_the_settings_work_at_1024_and_pass_axe() {
    let app = TestApp::spawn().await;
    secondround::demo::seed(&app.pool, Some(PASSWORD.into()), Locale::En)
        .await
        .unwrap();
    let browser = Browser::start(LANDSCAPE).await;
    browser
        .sign_in(&app.address, "admin@demo.secondround.no", PASSWORD)
        .await;
    browser.goto(&app.url("/admin/outbox")).await;
    assert!(
        browser
            .text("#not-configured")
            .await
            .contains("No mail server is configured"),
        "the demo says nothing is sent"
    );
    let rows = browser.count("table.outbox tbody tr").await;
    assert!(rows >= 10, "{rows} mails");
    assert!(
        !browser.scrolls_horizontally().await,
        "no page scroll at 1024 px"
    );

    // A mail opens to show what it says.
    browser
        .click("table.outbox tbody tr:first-child summary")
        .await;
    let text = browser
        .text("table.outbox tbody tr:first-child pre.mail-text")
        .await;
    assert!(text.contains("http://127.0.0.1:8080/"), "{text}");
    let violations = browser.serious_violations().await;
    assert!(violations.is_empty(), "axe: {violations:#?}");
    browser.screenshot("outbox-1024").await;

    // Filtered to the failed ones: the demo has none.
    browser
        .click_and_wait("nav.filters a[href='/admin/outbox?state=failed']")
        .await;
    assert_eq!(browser.count("table.outbox tbody tr").await, 0);
    assert_eq!(browser.text("p.empty").await, "No mail yet.");

    // A refused interval is named and kept; a good one is saved.
    browser.goto(&app.url("/admin/outbox")).await;
    browser.fill("#reminder_max", "11").await;
    browser
        .click_and_wait("form[action='/admin/outbox/intervals'] button[type=submit]")
        .await;
    assert_eq!(
        browser.text("#reminder_max-error").await,
        "Write a whole number from 0 to 10."
    );
    assert_eq!(browser.value("#reminder_max").await, "11");
    browser.fill("#reminder_max", "2").await;
    browser
        .click_and_wait("form[action='/admin/outbox/intervals'] button[type=submit]")
        .await;
    assert_eq!(browser.value("#reminder_max").await, "2");
    let saved: i32 = sqlx::query_scalar("select reminder_max from setting")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(saved, 2);

    // A member turns reminders off from the name at the top.
    browser.start_over(LANDSCAPE).await;
    browser
        .sign_in(&app.address, "expert@demo.secondround.no", PASSWORD)
        .await;
    browser.click_and_wait("a.current-user").await;
    assert_eq!(browser.current_path().await, "/settings");
    assert!(browser.checked("#reminders").await);
    browser.click("#reminders").await;
    browser
        .click_and_wait("form[action='/settings'] button[type=submit]")
        .await;
    assert!(!browser.checked("#reminders").await, "saved off");
    assert!(browser.checked("#digests").await, "the other stays on");
    let violations = browser.serious_violations().await;
    assert!(violations.is_empty(), "axe: {violations:#?}");
    browser.close().await;
}
