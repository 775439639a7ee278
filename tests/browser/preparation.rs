//! A hiring manager prepares a second round in real headless Chromium:
//! a position with three criteria, candidates imported from CSV, a planned round.

use fantoccini::Locator;
use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::browser::{Browser, LANDSCAPE, PORTRAIT};

/// Clicks something that loads a new page and waits until that page is there,
/// so the next lookup never finds an element of the page before.
async fn click_and_load(browser: &Browser, css: &str) {
    let old = browser.client.find(Locator::Css("html")).await.unwrap();
    browser.click(css).await;
    for _ in 0..200 {
        if old.tag_name().await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    browser
        .client
        .wait()
        .for_element(Locator::Css("footer.site-footer"))
        .await
        .unwrap();
}

async fn add_criterion(browser: &Browser, name: &str, weight: &str, must_have: bool) {
    click_and_load(browser, "a[href$='/criteria/new']").await;
    browser.fill("#name", name).await;
    browser.fill("#weight", weight).await;
    if must_have {
        browser.click("#must_have").await;
        browser
            .client
            .find(Locator::Css("#minimum_score"))
            .await
            .unwrap()
            .select_by_value("3")
            .await
            .unwrap();
        for level in 1..=5 {
            browser
                .fill(
                    &format!("#anchor_{level}"),
                    &format!("What a {level} looks like"),
                )
                .await;
        }
    }
    click_and_load(browser, "form button[type=submit].button-primary").await;
    assert!(
        browser.text(".flash-success").await.contains(name),
        "criterion {name} added"
    );
}

#[tokio::test]
async fn a_manager_prepares_a_round_from_position_to_panel() {
    let app = TestApp::spawn().await;
    let manager = app
        .create_user_with(Role::Manager, "maria@example.no", "Maria Berg")
        .await;
    let expert = app
        .create_user_with(Role::Panelist, "erik@example.no", "Erik Lund")
        .await;
    let browser = Browser::start(LANDSCAPE).await;
    browser
        .sign_in(&app.address, &manager.email, &manager.password)
        .await;

    click_and_load(&browser, "nav a[href='/positions']").await;
    click_and_load(&browser, "a[href='/positions/new']").await;
    browser.fill("#title", "Senior backend engineer").await;
    browser.fill("#department", "Platform").await;
    click_and_load(&browser, "form button[type=submit].button-primary").await;
    assert_eq!(browser.text("h1").await, "Senior backend engineer");

    add_criterion(&browser, "Technical depth", "3", true).await;
    add_criterion(&browser, "Problem solving", "2", false).await;
    add_criterion(&browser, "Collaboration", "1,5", false).await;
    let profile = browser.text("#profile").await;
    assert!(profile.contains("min. 3") && profile.contains("Collaboration"));
    assert!(
        !browser.scrolls_horizontally().await,
        "position page fits 1024"
    );
    browser.screenshot("preparation-position-landscape").await;

    click_and_load(&browser, "a[href$='/candidates/import']").await;
    let bad = std::env::temp_dir().join(format!("bad-{}.csv", Uuid::new_v4().simple()));
    std::fs::write(
        &bad,
        "name,email\nAda,ada@example.no\n,nobody@example.no\nBo,not-an-email\n",
    )
    .unwrap();
    browser
        .client
        .find(Locator::Css("#file"))
        .await
        .unwrap()
        .send_keys(bad.to_str().unwrap())
        .await
        .unwrap();
    click_and_load(&browser, "form button[type=submit].button-primary").await;
    std::fs::remove_file(&bad).ok();
    let refusal = browser.text(".import-errors").await;
    assert!(refusal.contains("Nothing was imported."));
    assert!(refusal.contains("Row 3: the name is missing."), "{refusal}");
    assert!(refusal.contains("Row 4:"), "{refusal}");
    assert!(
        !browser.scrolls_horizontally().await,
        "import page fits 1024"
    );
    browser
        .screenshot("preparation-import-refused-landscape")
        .await;
    let csv = std::env::temp_dir().join(format!("candidates-{}.csv", Uuid::new_v4().simple()));
    std::fs::write(
        &csv,
        "navn;e-post;telefon;kilde;oppsummering;åpne spørsmål\n\
         Kari Nordmann;kari@example.no;+47 900 00 001;Finn.no;Sterk på design;Hvorfor nå?\n\
         Ola Hansen;ola@example.no;;Anbefaling;Erfaren;\n\
         Per Olsen;per@example.no;;LinkedIn;;Oppsigelsestid?\n",
    )
    .unwrap();
    browser
        .client
        .find(Locator::Css("#file"))
        .await
        .unwrap()
        .send_keys(csv.to_str().unwrap())
        .await
        .unwrap();
    click_and_load(&browser, "form button[type=submit].button-primary").await;
    std::fs::remove_file(&csv).ok();
    assert!(
        browser
            .text(".flash-success")
            .await
            .contains("3 candidates imported")
    );
    let candidates = browser.text("#candidates").await;
    assert!(candidates.contains("Kari Nordmann") && candidates.contains("Per Olsen"));

    click_and_load(&browser, "a[href$='/rounds/new']").await;
    browser
        .client
        .find(Locator::Css(&format!("#panel_{}", expert.id)))
        .await
        .unwrap()
        .select_by_value("subject_matter_expert")
        .await
        .unwrap();
    browser.fill("#location", "Møterom Fjord").await;
    assert!(!browser.scrolls_horizontally().await, "plan page fits 1024");
    browser.screenshot("preparation-plan-landscape").await;
    click_and_load(&browser, "form button[type=submit].button-primary").await;

    assert!(browser.current_path().await.starts_with("/rounds/"));
    assert!(browser.text("h1").await.starts_with("Round 2:"));
    assert!(
        browser
            .text(".flash-success")
            .await
            .contains("is planned with")
    );
    let panel = browser.text("#panel-heading + ul").await;
    assert!(panel.contains("Maria Berg") && panel.contains("Erik Lund"));
    assert!(panel.contains("Subject-matter expert"));
    browser.screenshot("preparation-round-landscape").await;

    let stored: (i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from criterion), (select count(*) from candidate),
                (select count(*) from panel_member pm join interview_round r on r.id = pm.round_id)",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(stored, (3, 3, 2));
    let location: String = sqlx::query_scalar("select location from interview_round")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(location, "Møterom Fjord");

    let round_path = browser.current_path().await;
    click_and_load(&browser, ".breadcrumb a[href^='/candidates/']").await;
    let candidate = browser.text("main").await;
    assert!(candidate.contains("Hvorfor nå?") && candidate.contains("In second round"));
    browser.screenshot("preparation-candidate-landscape").await;
    browser.set_viewport(PORTRAIT.0, PORTRAIT.1).await;
    browser.goto(&app.url(&round_path)).await;
    assert!(!browser.scrolls_horizontally().await, "round page fits 768");
    browser.screenshot("preparation-round-portrait").await;
    click_and_load(&browser, "nav a[href='/positions']").await;
    click_and_load(&browser, "table a[href^='/positions/']").await;
    assert!(
        !browser.scrolls_horizontally().await,
        "position page fits 768"
    );
    browser.screenshot("preparation-position-portrait").await;
    browser.close().await;
}

/// The admin's guide pages and the planning form fit both tablet orientations.
#[tokio::test]
async fn guide_and_planning_pages_fit_a_tablet() {
    let app = TestApp::spawn().await;
    let admin = app
        .create_user_with(Role::Admin, "ada@example.no", "Ada Admin")
        .await;
    let position = app.position("Data engineer").await;
    app.candidate(position, "Kari Nordmann", "kari@example.no")
        .await;
    let browser = Browser::start(LANDSCAPE).await;
    browser
        .sign_in(&app.address, &admin.email, &admin.password)
        .await;
    for (name, (width, height)) in [("landscape", LANDSCAPE), ("portrait", PORTRAIT)] {
        browser.set_viewport(width, height).await;
        for (page, path) in [
            ("guides", "/guides".to_owned()),
            (
                "guide-editor",
                format!("/guides/{}", secondround::guides::DEFAULT_EN),
            ),
            ("plan", format!("/positions/{position}/rounds/new")),
        ] {
            browser.goto(&app.url(&path)).await;
            assert!(!browser.scrolls_horizontally().await, "{page} fits {name}");
            browser
                .screenshot(&format!("preparation-{page}-{name}"))
                .await;
        }
    }
    browser.close().await;
}
