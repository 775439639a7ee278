//! The walk-through with JavaScript off: every question is a plain form post.
//! The test clicks the rendered buttons, so a field missing from a rendered
//! form (the token, the version a save is based on, the button's destination)
//! fails here, where hand-built request bodies would not notice.

use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::browser::{Browser, LANDSCAPE};
use crate::support::walk::Round;

async fn stored(app: &TestApp, user: Uuid, question: Uuid) -> (Option<i16>, String, i32) {
    sqlx::query_as(
        "select r.score, r.evidence, r.version from rating r
         join panel_member pm on pm.id = r.panel_member_id
         where pm.user_id = $1 and r.round_question_id = $2",
    )
    .bind(user)
    .bind(question)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn with_javascript_off_a_member_rates_and_submits_by_posting_the_pages_forms() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let user = app.create_user(Role::Panelist).await;
    round.seat(&app, &user, "subject_matter_expert").await;
    let browser = Browser::start_without_javascript(LANDSCAPE).await;
    browser
        .sign_in(&app.address, &user.email, &user.password)
        .await;
    assert_eq!(browser.current_path().await, "/");
    browser.goto(&app.url(&round.path("/interview"))).await;
    assert_eq!(browser.current_path().await, round.path("/interview/1"));

    // Question 1 opens the conversation: a note, no rating inputs.
    let rated = round.rated(&app).await;
    assert!(!rated[0] && rated[1] && rated[2]);
    browser.fill("#q1-evidence", "Asked about the team.").await;
    browser.click_and_wait("#q1 button[data-go=next]").await;
    assert_eq!(browser.current_path().await, round.path("/interview/2"));
    assert_eq!(
        stored(&app, user.id, round.questions[0]).await,
        (None, "Asked about the team.".into(), 1)
    );

    // With the script running, "Save and next" stays on the page; here it
    // posts the form and loads the next question.
    browser.click("#q2 .score-option:nth-child(2)").await;
    browser.fill("#q2-evidence", "First look.").await;
    browser.click_and_wait("#q2 button[data-go=next]").await;
    assert_eq!(browser.current_path().await, round.path("/interview/3"));
    assert_eq!(
        stored(&app, user.id, round.questions[1]).await,
        (Some(2), "First look.".into(), 1)
    );

    // "Previous" saves question 3 and goes back; question 2 is saved again on
    // top of the version its page was given.
    browser.click("#q3 .score-option:nth-child(4)").await;
    browser.click_and_wait("#q3 button[data-go=prev]").await;
    assert_eq!(browser.current_path().await, round.path("/interview/2"));
    browser.click("#q2 .score-option:nth-child(5)").await;
    browser.click_and_wait("#q2 button[data-go=next]").await;
    assert_eq!(browser.current_path().await, round.path("/interview/3"));
    assert_eq!(
        stored(&app, user.id, round.questions[1]).await,
        (Some(5), "First look.".into(), 2),
        "the second save of question 2 was applied, not refused as stale"
    );
    assert_eq!(stored(&app, user.id, round.questions[2]).await.0, Some(4));

    let total = round.questions.len();
    for n in 3..=total {
        if rated[n - 1] {
            browser
                .click(&format!("#q{n} .score-option:nth-child({})", n % 5 + 1))
                .await;
        } else {
            // Conversation only: no rating buttons, the note is optional.
            let selector = format!("#q{n} input[name=score]");
            let inputs = browser
                .client
                .find_all(fantoccini::Locator::Css(&selector))
                .await
                .unwrap();
            assert!(inputs.is_empty(), "question {n} has no rating inputs");
            if n % 2 == 0 {
                browser
                    .fill(&format!("#q{n}-evidence"), "Talked it through.")
                    .await;
            }
        }
        let button = if n < total { "next" } else { "submit" };
        browser
            .click_and_wait(&format!("#q{n} button[data-go={button}]"))
            .await;
    }
    assert_eq!(
        browser.current_path().await,
        round.path("/interview/submit")
    );

    browser.click("input[name=verdict][value=yes]").await;
    browser
        .fill("#justification", "Clear trade-offs, good examples.")
        .await;
    browser
        .click_and_wait("form[action$='/interview/submit'] button[type=submit]")
        .await;
    let (verdict, justification): (String, String) = sqlx::query_as(
        "select r.verdict, r.justification from recommendation r
         join panel_member pm on pm.id = r.panel_member_id
         where pm.user_id = $1 and pm.submitted_at is not null",
    )
    .bind(user.id)
    .fetch_optional(&app.pool)
    .await
    .unwrap()
    .expect("the member's ratings are submitted");
    assert_eq!(verdict, "yes");
    assert_eq!(justification, "Clear trade-offs, good examples.");
    for (i, question) in round.questions.iter().enumerate().skip(2) {
        let n = i + 1;
        if rated[i] {
            assert_eq!(
                stored(&app, user.id, *question).await.0,
                Some((n % 5 + 1) as i16),
                "question {n}"
            );
        }
    }
    browser.close().await;
}
