//! The follow-up of a hire in a real browser, at both tablet orientations: the
//! hiring manager rates the person on each criterion by its anchors, answers
//! the two questions and saves; axe finds nothing serious before or after.

use crate::support::TestApp;
use crate::support::browser::{Browser, LANDSCAPE, PORTRAIT};
use crate::support::walk::Round;

#[tokio::test]
async fn the_hiring_manager_writes_a_follow_up_at_both_orientations() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    round.hire(&app).await;
    let path = format!("/candidates/{}/follow-up", round.candidate_id);
    let browser = Browser::start(LANDSCAPE).await;
    browser
        .sign_in(&app.address, &round.manager.email, &round.manager.password)
        .await;
    for size in [PORTRAIT, LANDSCAPE] {
        browser.set_viewport(size.0, size.1).await;
        browser.goto(&app.url(&path)).await;
        assert!(!browser.scrolls_horizontally().await, "fits {size:?}");
        let violations = browser.serious_violations().await;
        assert!(violations.is_empty(), "axe at {size:?}: {violations:#?}");
    }
    browser.screenshot("follow-up-1024").await;

    // Each criterion's 4, by its anchor; yes and yes; saved.
    let criteria = browser.count("fieldset.score-choice").await;
    assert_eq!(criteria, 4);
    for n in 1..=criteria {
        browser
            .click(&format!(
                "fieldset.score-choice:nth-of-type({n}) input[value='4']"
            ))
            .await;
    }
    browser
        .click("input[name=would_hire_again][value=yes]")
        .await;
    browser.click("input[name=still_here][value=yes]").await;
    browser
        .fill("#note", "Took over the release process in month two.")
        .await;
    browser
        .click_and_wait("form[action$='/follow-up'] button[type=submit]")
        .await;
    let written = browser.text("#follow-up-probation").await;
    assert!(
        written.contains("Took over the release process"),
        "{written}"
    );
    let fours: i64 = sqlx::query_scalar(
        "select count(*) from follow_up_score s join follow_up f on f.id = s.follow_up_id
          where f.candidate_id = $1 and s.score = 4",
    )
    .bind(round.candidate_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(fours, 4);
    let violations = browser.serious_violations().await;
    assert!(violations.is_empty(), "axe after saving: {violations:#?}");
    browser.close().await;
}

/// The look back at a hire the follow-up did not bear out, the admins' list
/// of them, and what predicted (one position's, and across positions): whole
/// at both orientations, axe finds nothing serious.
#[tokio::test]
async fn the_retrospective_and_its_list_fit_a_tablet() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let member = round.member(&app).await;
    round.rate_all(&app, member.member_id, "Seen.").await;
    round.hire(&app).await;
    sqlx::query(
        "insert into follow_up (candidate_id, milestone, would_hire_again, still_here, note, written_by)
         values ($1, 'probation', true, false, 'Left for a competitor in month four.', $2)",
    )
    .bind(round.candidate_id)
    .bind(round.manager.id)
    .execute(&app.pool)
    .await
    .unwrap();
    let admin = app.create_user(secondround::auth::Role::Admin).await;
    let browser = Browser::start(LANDSCAPE).await;
    browser
        .sign_in(&app.address, &admin.email, &admin.password)
        .await;
    for path in [
        format!("/candidates/{}/retrospective", round.candidate_id),
        "/admin/retrospectives".to_owned(),
        format!("/positions/{}/follow-up", round.position_id),
        "/follow-up".to_owned(),
    ] {
        for size in [PORTRAIT, LANDSCAPE] {
            browser.set_viewport(size.0, size.1).await;
            browser.goto(&app.url(&path)).await;
            assert!(
                !browser.scrolls_horizontally().await,
                "{path} fits {size:?}"
            );
            let violations = browser.serious_violations().await;
            assert!(
                violations.is_empty(),
                "axe on {path} at {size:?}: {violations:#?}"
            );
        }
    }
    browser.goto(&app.url("/admin/retrospectives")).await;
    assert!(
        browser
            .text("#retrospectives")
            .await
            .contains("Left during probation")
    );
    browser.screenshot("retrospectives-1024").await;
    browser.close().await;
}
