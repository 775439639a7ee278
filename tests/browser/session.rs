//! A tablet whose session ends mid-interview: the queued rating is kept, the page
//! asks the member to sign in again, and after signing in the rating is stored once.

use std::time::Duration;

use secondround::auth::Role;

use crate::support::TestApp;
use crate::support::browser::{Browser, PORTRAIT};
use crate::support::walk::Round;

async fn queued(browser: &Browser) -> usize {
    let value = browser
        .client
        .execute(
            "return Object.keys(localStorage).filter(function (k) { return k.indexOf('secondround.queue.') === 0; })
               .map(function (k) { return JSON.parse(localStorage.getItem(k)).length; })
               .reduce(function (a, b) { return a + b; }, 0);",
            vec![],
        )
        .await
        .unwrap();
    value.as_u64().expect("a count") as usize
}

async fn stored_score(app: &TestApp, round: &Round, user: uuid::Uuid) -> Vec<Option<i16>> {
    sqlx::query_scalar(
        "select r.score from rating r join panel_member pm on pm.id = r.panel_member_id
         where pm.user_id = $1 and r.round_question_id = $2",
    )
    .bind(user)
    // Question 1 is conversation only; question 2 takes a score.
    .bind(round.questions[1])
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_rating_queued_when_the_session_ended_is_kept_and_saved_after_signing_in_again() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let user = app.create_user(Role::Panelist).await;
    round.seat(&app, &user, "other").await;
    let browser = Browser::start(PORTRAIT).await;
    browser
        .sign_in(&app.address, &user.email, &user.password)
        .await;
    browser.goto(&app.url(&round.path("/interview/2"))).await;
    browser
        .client
        .wait()
        .for_element(fantoccini::Locator::Css("#q2 .score-option"))
        .await
        .unwrap();

    // The idle timeout passes while the tablet lies on the table.
    sqlx::query("delete from user_session")
        .execute(&app.pool)
        .await
        .unwrap();
    browser.click("#q2 .score-option:nth-child(4)").await;
    let mut banner_shown = false;
    for _ in 0..100 {
        if browser
            .client
            .find(fantoccini::Locator::Css("#signed-out:not([hidden])"))
            .await
            .is_ok()
        {
            banner_shown = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(banner_shown, "the page asks to sign in again");
    let banner = browser.text("#signed-out").await;
    assert!(
        banner.contains("Sign in again: your 1 unsaved rating is kept"),
        "{banner}"
    );
    assert_eq!(queued(&browser).await, 1, "the save stays queued");
    assert!(stored_score(&app, &round, user.id).await.is_empty());
    browser.screenshot("session-ended-portrait").await;

    // Reloading keeps the queue too (it lives in localStorage).
    browser.goto(&app.url(&round.path("/interview/2"))).await;
    assert_eq!(queued(&browser).await, 1, "the queue survives a reload");

    browser
        .sign_in(&app.address, &user.email, &user.password)
        .await;
    browser.goto(&app.url(&round.path("/interview/2"))).await;
    for _ in 0..100 {
        if queued(&browser).await == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        queued(&browser).await,
        0,
        "the queue replays after signing in"
    );
    assert_eq!(
        stored_score(&app, &round, user.id).await,
        vec![Some(4)],
        "stored once"
    );
    browser.close().await;
}

#[tokio::test]
async fn signing_out_on_a_shared_tablet_asks_before_discarding_unsaved_ratings() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Panelist).await;
    let browser = Browser::start(PORTRAIT).await;
    browser
        .sign_in(&app.address, &user.email, &user.password)
        .await;
    browser.goto(&app.url("/")).await;
    // Two ratings still queued from the walk-through.
    browser
        .client
        .execute(
            "localStorage.setItem('secondround.queue.member-1', JSON.stringify([{question: 'a'}, {question: 'b'}]));",
            vec![],
        )
        .await
        .unwrap();
    browser.click("form.sign-out button[type=submit]").await;
    let question = browser
        .client
        .get_alert_text()
        .await
        .expect("a confirmation");
    assert!(
        question.contains("2 ratings on this tablet are not saved yet"),
        "{question}"
    );
    browser.client.dismiss_alert().await.unwrap();
    // chromedriver runs no command while a navigation is pending, so a sign-out
    // that went through anyway would have reached the server by now.
    assert_eq!(queued(&browser).await, 2, "cancel keeps the ratings");
    assert_eq!(browser.current_path().await, "/", "and stays on the page");
    assert_eq!(
        sessions_of(&app, user.id).await,
        1,
        "cancel sends no sign-out: the session is still stored"
    );

    browser.click("form.sign-out button[type=submit]").await;
    browser.client.accept_alert().await.unwrap();
    for _ in 0..100 {
        if browser.current_path().await == "/login" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(browser.current_path().await, "/login", "signed out");
    assert_eq!(sessions_of(&app, user.id).await, 0, "the session is gone");
    assert_eq!(
        queued(&browser).await,
        0,
        "the next member finds no one else's ratings"
    );
    browser.close().await;
}

#[tokio::test]
async fn the_sign_out_question_counts_one_rating_and_two_ratings_in_both_languages() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Panelist).await;
    let browser = Browser::start(PORTRAIT).await;
    browser
        .sign_in(&app.address, &user.email, &user.password)
        .await;
    let expected = [
        (
            "en",
            1,
            "1 rating on this tablet is not saved yet. Sign out and discard it?",
        ),
        (
            "en",
            2,
            "2 ratings on this tablet are not saved yet. Sign out and discard them?",
        ),
        (
            "nb",
            1,
            "1 vurdering på dette nettbrettet er ikke lagret ennå. Vil du logge ut og forkaste den?",
        ),
        (
            "nb",
            2,
            "2 vurderinger på dette nettbrettet er ikke lagret ennå. Vil du logge ut og forkaste dem?",
        ),
    ];
    for (locale, count, question) in expected {
        sqlx::query("update app_user set locale = $2 where id = $1")
            .bind(user.id)
            .bind(locale)
            .execute(&app.pool)
            .await
            .unwrap();
        browser.goto(&app.url("/")).await;
        let queue: Vec<serde_json::Value> = (0..count)
            .map(|i| serde_json::json!({ "question": i }))
            .collect();
        browser
            .client
            .execute(
                "localStorage.setItem('secondround.queue.member-1', JSON.stringify(arguments[0]));",
                vec![serde_json::json!(queue)],
            )
            .await
            .unwrap();
        browser.click("form.sign-out button[type=submit]").await;
        let asked = browser
            .client
            .get_alert_text()
            .await
            .expect("a confirmation");
        browser.client.dismiss_alert().await.unwrap();
        assert!(asked.starts_with(question), "{locale} {count}: {asked}");
    }
    browser.close().await;
}

/// The stored sessions that belong to this user.
async fn sessions_of(app: &TestApp, user: uuid::Uuid) -> i64 {
    sqlx::query_scalar("select count(*) from user_session where user_id = $1")
        .bind(user)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}
