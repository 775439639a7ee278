//! Interviewer calibration in a real browser at both tablet orientations: two
//! members of one panel, each with a card and a chart; the position filter
//! works without JavaScript; axe finds nothing serious.

use secondround::auth::Role;
use secondround::case::Case;
use secondround::scoring::Verdict;

use crate::support::TestApp;
use crate::support::browser::{Browser, LANDSCAPE, PORTRAIT};
use crate::support::walk::Round;

#[tokio::test]
async fn the_calibration_page_fits_both_orientations_and_passes_axe() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let members = [round.member(&app).await, round.member(&app).await];
    for member in &members {
        round
            .rate_all(&app, member.member_id, "Seen in the case.")
            .await;
    }
    for member in &members {
        Case::new(&app.pool)
            .submit(
                round.id,
                member.user.id,
                Verdict::Yes,
                "As the anchors say.",
            )
            .await
            .unwrap();
    }
    let admin = app.create_user(Role::Admin).await;
    let browser = Browser::start(LANDSCAPE).await;
    browser
        .sign_in(&app.address, &admin.email, &admin.password)
        .await;
    for size in [PORTRAIT, LANDSCAPE] {
        browser.set_viewport(size.0, size.1).await;
        browser.goto(&app.url("/interviewers")).await;
        assert_eq!(browser.count("article.calibration").await, 2);
        assert_eq!(browser.count("article.calibration svg rect.bar").await, 10);
        assert!(!browser.scrolls_horizontally().await, "fits {size:?}");
        let violations = browser.serious_violations().await;
        assert!(violations.is_empty(), "axe at {size:?}: {violations:#?}");
    }
    browser.screenshot("calibration-1024").await;

    // One position chosen through the form: the same two, the choice kept.
    browser
        .click(&format!("#position option[value='{}']", round.position_id))
        .await;
    browser
        .click_and_wait("form.calibration-filter button")
        .await;
    assert_eq!(browser.count("article.calibration").await, 2);
    assert_eq!(
        browser.value("#position").await,
        round.position_id.to_string()
    );
    browser.close().await;
}
