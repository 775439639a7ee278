//! The candidate's papers on a tablet in portrait: HR uploads the CV from the
//! candidate page with the page's plain form (no script), and at the interview
//! the subject-matter expert opens it from a question screen with a
//! connection, goes offline, and opens it again from what the page kept.

use std::time::Duration;

use secondround::auth::Role;

use crate::interview::{set_offline, sign_in};
use crate::support::TestApp;
use crate::support::browser::{Browser, PORTRAIT};
use crate::support::walk::Round;
use fantoccini::Locator;

const CV: &str = "Ingrid Solberg\nCurriculum vitae\nTen years of Rust and Postgres.\n";

/// Stores `CV` as the candidate's paper the way an upload does (bytes once,
/// metadata beside them).
async fn store_cv(app: &TestApp, round: &Round) {
    sqlx::query("insert into paper_blob (sha256, bytes) values (sha256($1), $1)")
        .bind(CV.as_bytes())
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "insert into paper (candidate_id, sha256, name, media_type, size_bytes)
         values ($1, sha256($2), 'Ingrid Solberg CV.txt', 'text/plain', $3)",
    )
    .bind(round.candidate_id)
    .bind(CV.as_bytes())
    .bind(CV.len() as i64)
    .execute(&app.pool)
    .await
    .unwrap();
}

/// Polls a script's answer until it is `wanted` (ten seconds at most).
async fn until(browser: &Browser, script: &str, wanted: &str) {
    let mut last = serde_json::Value::Null;
    for _ in 0..100 {
        last = browser.client.execute(script, vec![]).await.unwrap();
        if last.as_str() == Some(wanted) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{script} gave {last}, not {wanted}");
}

/// Taps the paper, reads the tab it opens, closes it and comes back; gives
/// the tab's text and where the page says the paper came from.
async fn open_the_cv(browser: &Browser) -> (String, String) {
    let home = browser.client.window().await.unwrap();
    browser
        .client
        .execute(
            "document.querySelector('a[data-paper]').removeAttribute('data-opened-from');",
            vec![],
        )
        .await
        .unwrap();
    browser.click("a[data-paper]").await;
    let mut tab = None;
    for _ in 0..100 {
        let windows = browser.client.windows().await.unwrap();
        if let Some(other) = windows.into_iter().find(|w| *w != home) {
            tab = Some(other);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let tab = tab.expect("the paper opens in a new tab");
    let from = {
        until(
            browser,
            "var f = document.querySelector('a[data-paper]').getAttribute('data-opened-from'); return f === null ? '' : 'set';",
            "set",
        )
        .await;
        browser
            .client
            .execute(
                "return document.querySelector('a[data-paper]').getAttribute('data-opened-from');",
                vec![],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    };
    browser.client.switch_to_window(tab).await.unwrap();
    let mut text = String::new();
    for _ in 0..100 {
        text = browser
            .client
            .execute(
                "return document.body ? document.body.innerText : '';",
                vec![],
            )
            .await
            .unwrap()
            .as_str()
            .unwrap_or("")
            .to_owned();
        if text.contains("Ten years") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    browser.client.close_window().await.unwrap();
    browser.client.switch_to_window(home).await.unwrap();
    (text, from)
}

#[tokio::test]
async fn the_expert_opens_the_cv_from_a_question_goes_offline_and_opens_it_again() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    store_cv(&app, &round).await;
    let expert = app.create_user(Role::Panelist).await;
    round.seat(&app, &expert, "subject_matter_expert").await;
    let browser = Browser::start(PORTRAIT).await;
    sign_in(&browser, &app, &expert).await;
    browser.goto(&app.url(&round.path("/interview"))).await;
    assert_eq!(browser.current_path().await, round.path("/interview/1"));
    // Opened with a connection, the page keeps the paper.
    until(
        &browser,
        "return document.querySelector('a[data-paper]').getAttribute('data-kept') || '';",
        "true",
    )
    .await;
    browser.click("#candidate-brief summary").await;
    let (text, from) = open_the_cv(&browser).await;
    assert!(text.contains("Ten years of Rust"), "{text}");
    assert_eq!(from, "server");

    set_offline(&browser, true).await;
    let (text, from) = open_the_cv(&browser).await;
    assert!(text.contains("Ten years of Rust"), "offline: {text}");
    assert_eq!(from, "cache");
    set_offline(&browser, false).await;

    let violations = browser.serious_violations().await;
    assert!(violations.is_empty(), "axe: {violations:#?}");
    browser.close().await;
}

#[tokio::test]
async fn hr_uploads_the_cv_from_the_candidate_page_without_javascript() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let hr = app.create_user(Role::Hr).await;
    let file = std::env::temp_dir().join(format!("cv-{}.txt", round.candidate_id));
    std::fs::write(&file, CV).unwrap();
    let candidate = app.url(&format!("/candidates/{}", round.candidate_id));

    let browser = Browser::start_without_javascript(PORTRAIT).await;
    browser.sign_in(&app.address, &hr.email, &hr.password).await;
    browser.goto(&candidate).await;
    browser
        .client
        .find(Locator::Css("#paper-file"))
        .await
        .unwrap()
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    browser
        .click_and_wait("form[action*='/papers?csrf_token='] button[type=submit]")
        .await;
    let list = browser.text("#papers").await;
    assert!(
        list.contains(&format!("cv-{}.txt", round.candidate_id)),
        "{list}"
    );
    browser.close().await;
    std::fs::remove_file(&file).ok();

    // The section on the candidate page, with a paper, fits the tablet and passes axe.
    let browser = Browser::start(PORTRAIT).await;
    sign_in(&browser, &app, &hr).await;
    browser.goto(&candidate).await;
    assert!(!browser.scrolls_horizontally().await);
    let violations = browser.serious_violations().await;
    assert!(violations.is_empty(), "axe: {violations:#?}");
    browser.close().await;
}
