//! The walk-through in headless Chromium at tablet sizes: rating every question
//! through an offline spell, a stale save from a second tab, and axe-core.

use std::time::Duration;

use axum::http::Method;
use fantoccini::Locator;
use fantoccini::wd::WebDriverCompatibleCommand;
use secondround::auth::Role;
use serde_json::json;
use url::Url;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::browser::{Browser, LANDSCAPE, PORTRAIT};
use crate::support::walk::Round;

/// chromedriver's network emulation: `offline` cuts the page off from the server.
#[derive(Debug)]
struct NetworkConditions {
    offline: bool,
}

impl WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(&self, base: &Url, session: Option<&str>) -> Result<Url, url::ParseError> {
        base.join(&format!(
            "session/{}/chromium/network_conditions",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &Url) -> (Method, Option<String>) {
        let body = json!({ "network_conditions": {
            "offline": self.offline, "latency": 0, "download_throughput": -1, "upload_throughput": -1
        }});
        (Method::POST, Some(body.to_string()))
    }
}

async fn set_offline(browser: &Browser, offline: bool) {
    browser
        .client
        .issue_cmd(NetworkConditions { offline })
        .await
        .expect("chromedriver emulates the network");
}

async fn save_state(browser: &Browser) -> String {
    let value = browser
        .client
        .execute(
            "return document.getElementById('save-state').getAttribute('data-state');",
            vec![],
        )
        .await
        .unwrap();
    value.as_str().unwrap_or_default().to_owned()
}

async fn wait_for_state(browser: &Browser, wanted: &str) {
    for _ in 0..200 {
        if save_state(browser).await == wanted {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "save state never became {wanted}; it is {}",
        save_state(browser).await
    );
}

/// The score given to question `n` in the walk: `None` is "not assessed".
fn planned_score(n: usize) -> Option<i16> {
    if n.is_multiple_of(7) {
        None
    } else {
        Some((n % 5 + 1) as i16)
    }
}

fn planned_note(n: usize) -> Option<String> {
    (n % 3 == 1).then(|| format!("Note for question {n}: gave a concrete example."))
}

/// Signs in and waits for the dashboard, so the next navigation cannot cut the sign-in short.
async fn sign_in(browser: &Browser, app: &TestApp, user: &crate::support::TestUser) {
    browser
        .sign_in(&app.address, &user.email, &user.password)
        .await;
    for _ in 0..100 {
        if browser.current_path().await == "/" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("sign-in never reached the dashboard");
}

async fn seated_panelist(app: &TestApp, round: &Round) -> crate::support::TestUser {
    let user = app.create_user(Role::Panelist).await;
    round.seat(app, &user, "subject_matter_expert").await;
    user
}

async fn walk_through_offline_and_back(size: (u32, u32), name: &str) {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let user = seated_panelist(&app, &round).await;
    let browser = Browser::start(size).await;
    sign_in(&browser, &app, &user).await;
    browser.goto(&app.url(&round.path("/interview"))).await;
    assert_eq!(browser.current_path().await, round.path("/interview/1"));
    assert!(
        !browser.scrolls_horizontally().await,
        "question 1 fits {name}"
    );
    browser
        .screenshot(&format!("interview-question-{name}"))
        .await;

    let total = round.questions.len();
    let (goes_offline, comes_back) = (total / 3, 2 * total / 3);
    for n in 1..=total {
        if n == goes_offline {
            set_offline(&browser, true).await;
        }
        let option = match planned_score(n) {
            Some(score) => format!("#q{n} .score-option:nth-child({score})"),
            None => format!("#q{n} .score-na"),
        };
        browser.click(&option).await;
        if let Some(note) = planned_note(n) {
            browser.fill(&format!("#q{n}-evidence"), &note).await;
        }
        if n == goes_offline + 1 {
            wait_for_state(&browser, "offline").await;
            browser
                .screenshot(&format!("interview-offline-{name}"))
                .await;
        }
        if n == comes_back {
            set_offline(&browser, false).await;
        }
        if n < total {
            browser.click(&format!("#q{n} button[data-go=next]")).await;
            let shown = browser.text(&format!("#q{} .progress-line", n + 1)).await;
            assert!(
                shown.contains(&format!("Question {} of {total}", n + 1)),
                "{shown}"
            );
            assert!(
                !browser.scrolls_horizontally().await,
                "question {n} fits {name}"
            );
        }
    }
    // Leave the last note field so its debounced save is queued at once.
    browser.click(&format!("#q{total} .question-text")).await;
    wait_for_state(&browser, "saved").await;
    let queue = browser
        .client
        .execute("return Object.keys(localStorage).map(function (k) { return localStorage.getItem(k); });", vec![])
        .await
        .unwrap();
    assert_eq!(queue, json!(["[]"]), "the offline queue is empty");
    browser.screenshot(&format!("interview-saved-{name}")).await;

    let rows: Vec<(Uuid, Option<i16>, String)> = sqlx::query_as(
        "select q.id, r.score, r.evidence from rating r join round_question q on q.id = r.round_question_id
         join panel_member pm on pm.id = r.panel_member_id
         where pm.user_id = $1 order by q.section_order, q.question_order",
    )
    .bind(user.id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), total, "every question rated exactly once");
    for (i, (question, score, evidence)) in rows.iter().enumerate() {
        let n = i + 1;
        assert_eq!(*question, round.questions[i]);
        assert_eq!(*score, planned_score(n), "score of question {n}");
        assert_eq!(
            *evidence,
            planned_note(n).unwrap_or_default(),
            "note of question {n}"
        );
    }
    let created: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where entity = 'rating' and action = 'created' and actor_id = $1",
    )
    .bind(user.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        created as usize, total,
        "no save was applied twice as a new rating"
    );

    browser
        .goto(&app.url(&round.path("/interview/submit")))
        .await;
    assert!(
        !browser.scrolls_horizontally().await,
        "submit page fits {name}"
    );
    browser
        .screenshot(&format!("interview-submit-{name}"))
        .await;
    browser.close().await;
}

#[tokio::test]
async fn a_member_rates_every_question_through_an_offline_spell_in_landscape() {
    walk_through_offline_and_back(LANDSCAPE, "landscape").await;
}

#[tokio::test]
async fn a_member_rates_every_question_through_an_offline_spell_in_portrait() {
    walk_through_offline_and_back(PORTRAIT, "portrait").await;
}

#[tokio::test]
async fn a_stale_save_from_a_second_tab_shows_the_conflict() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let user = seated_panelist(&app, &round).await;
    let browser = Browser::start(LANDSCAPE).await;
    sign_in(&browser, &app, &user).await;
    let page = app.url(&round.path("/interview/3"));
    browser.goto(&page).await;
    browser.fill("#q3-evidence", "Draft note").await;
    browser.click("#q3 .question-text").await;
    wait_for_state(&browser, "draft").await;
    browser.click("#q3 .score-option:nth-child(3)").await;
    wait_for_state(&browser, "saved").await;
    let first_tab = browser.client.window().await.unwrap();

    let second = browser.client.new_window(true).await.unwrap();
    browser
        .client
        .switch_to_window(second.handle)
        .await
        .unwrap();
    browser.goto(&page).await;
    browser.click("#q3 .score-option:nth-child(5)").await;
    browser
        .fill("#q3-evidence", "Second tab: strong answer.")
        .await;
    browser.click("#q3 .question-text").await;
    wait_for_state(&browser, "saved").await;
    browser.client.close_window().await.unwrap();

    browser.client.switch_to_window(first_tab).await.unwrap();
    browser.click("#q3 .score-option:nth-child(2)").await;
    let conflict = Locator::Css("#q3 [data-conflict]:not([hidden])");
    browser.client.wait().for_element(conflict).await.unwrap();
    let shown = browser.text("#q3 [data-conflict]").await;
    assert!(shown.contains("changed elsewhere"), "{shown}");
    assert_eq!(browser.text("#q3 [data-mine-score]").await, "2");
    assert_eq!(browser.text("#q3 [data-theirs-score]").await, "5");
    assert_eq!(
        browser.text("#q3 [data-theirs-evidence]").await,
        "Second tab: strong answer."
    );
    browser.screenshot("interview-conflict-landscape").await;
    let (score, evidence, seen): (Option<i16>, String, i32) =
        sqlx::query_as("select score, evidence, version from rating")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (score, evidence.as_str()),
        (Some(5), "Second tab: strong answer."),
        "the stale save overwrote nothing"
    );

    browser.click("#q3 [data-keep-mine]").await;
    wait_for_state(&browser, "saved").await;
    let (score, evidence, version): (Option<i16>, String, i32) =
        sqlx::query_as("select score, evidence, version from rating")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (score, evidence.as_str(), version),
        (Some(2), "Draft note", seen + 1)
    );
    browser.close().await;
}

#[tokio::test]
async fn axe_finds_no_serious_violation_on_the_walk_through() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let user = seated_panelist(&app, &round).await;
    let tests_at: i64 = sqlx::query_scalar(
        "select n from (select section_kind, row_number() over (order by section_order, question_order) as n
                        from round_question where round_id = $1) q where section_kind = 'test_results' limit 1",
    )
    .bind(round.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    // English in landscape, bokmål in portrait: both languages pass.
    for (name, size, locale) in [
        ("landscape", LANDSCAPE, "en"),
        ("portrait-nb", PORTRAIT, "nb"),
    ] {
        sqlx::query("update app_user set locale = $2 where id = $1")
            .bind(user.id)
            .bind(locale)
            .execute(&app.pool)
            .await
            .unwrap();
        let browser = Browser::start(size).await;
        sign_in(&browser, &app, &user).await;
        for path in [
            "/interview/1".to_owned(),
            format!("/interview/{tests_at}"),
            "/interview/submit".to_owned(),
        ] {
            browser.goto(&app.url(&round.path(&path))).await;
            if path.ends_with("/1") {
                browser.click("#q1 .raise-doubt summary").await;
                browser.screenshot(&format!("interview-doubt-{name}")).await;
            }
            let violations = browser.serious_violations().await;
            assert!(violations.is_empty(), "{name} {path}: {violations:#?}");
            assert!(!browser.scrolls_horizontally().await, "{name} {path} fits");
        }
        browser
            .goto(&app.url(&round.path(&format!("/interview/{tests_at}"))))
            .await;
        browser
            .client
            .execute(
                "document.getElementById('test-results').scrollIntoView();",
                vec![],
            )
            .await
            .unwrap();
        browser.screenshot(&format!("interview-tests-{name}")).await;
        browser.close().await;
    }
}
