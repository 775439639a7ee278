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

pub(crate) async fn set_offline(browser: &Browser, offline: bool) {
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

pub(crate) async fn wait_for_state(browser: &Browser, wanted: &str) {
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

/// A score given to question `n` before the planned one, and taken back.
fn first_thought(n: usize) -> Option<i16> {
    match planned_score(n) {
        Some(score) => Some(score % 5 + 1),
        None => Some(3),
    }
}

fn score_option(n: usize, score: Option<i16>) -> String {
    match score {
        Some(score) => format!("#q{n} .score-option:nth-child({score})"),
        None => format!("#q{n} .score-na"),
    }
}

pub(crate) async fn wait_for_empty_queue(browser: &Browser) {
    for _ in 0..200 {
        if queued_saves(browser).await.is_empty() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("saves still queued: {:?}", queued_saves(browser).await);
}

/// The saves waiting in the page's localStorage queue, oldest first.
pub(crate) async fn queued_saves(browser: &Browser) -> Vec<serde_json::Value> {
    let raw = browser
        .client
        .execute(
            "var k = Object.keys(localStorage).filter(function (k) { return k.indexOf('secondround.queue.') === 0; });
             return k.length === 1 ? localStorage.getItem(k[0]) : null;",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_str(raw.as_str().expect("one queue in localStorage")).unwrap()
}

fn planned_note(n: usize) -> Option<String> {
    (n % 3 == 1).then(|| format!("Note for question {n}: gave a concrete example."))
}

/// Signs in and waits for the dashboard, so the next navigation cannot cut the sign-in short.
pub(crate) async fn sign_in(browser: &Browser, app: &TestApp, user: &crate::support::TestUser) {
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
    // Conversation-only questions get a note and no score.
    let rated = round.rated(&app).await;
    let conversation_note = |n: usize| format!("Talked through question {n}.");
    let (goes_offline, comes_back) = (total / 3, 2 * total / 3);
    assert!(
        goes_offline >= 2 && comes_back > goes_offline + 1,
        "{total} questions"
    );
    assert!(rated[goes_offline - 1] && rated[comes_back - 1]);
    for n in 1..=total {
        if n == goes_offline {
            // Everything before the offline spell is stored first, so the first
            // thought below is the queue's head: the one save tried (and failed)
            // while offline, which a later save of the question does not replace.
            wait_for_empty_queue(&browser).await;
            set_offline(&browser, true).await;
            // A first score that fails to send, then the planned one: both wait in
            // the queue, and only a replay in order leaves the planned score.
            browser.click(&score_option(n, first_thought(n))).await;
            wait_for_state(&browser, "offline").await;
            let head = queued_saves(&browser).await;
            assert!(
                head.len() == 1 && head[0]["tried"] == json!(true),
                "the first thought was tried: {head:?}"
            );
        }
        if n == comes_back {
            // The tab goes away with saves queued (every move flushed them to
            // the queue). Its leave warning is beside the point here: a tablet's
            // browser can be closed without asking.
            wait_for_state(&browser, "offline").await;
            let queued = queued_saves(&browser).await;
            let questions: Vec<&str> = queued
                .iter()
                .map(|entry| entry["question"].as_str().unwrap())
                .collect();
            for rated_offline in &round.questions[goes_offline - 1..comes_back - 1] {
                let id = rated_offline.to_string();
                assert!(
                    questions.contains(&id.as_str()),
                    "{id} is queued: {queued:?}"
                );
            }
            // The re-rated question waits twice, its first thought before the planned score.
            let re_rated = round.questions[goes_offline - 1].to_string();
            let scores: Vec<&serde_json::Value> = queued
                .iter()
                .filter(|entry| entry["question"] == re_rated.as_str())
                .map(|entry| &entry["score"])
                .collect();
            assert_eq!(
                scores,
                [
                    &json!(first_thought(goes_offline)),
                    &json!(planned_score(goes_offline))
                ],
                "{queued:?}"
            );
            browser
                .client
                .execute(
                    "window.addEventListener('beforeunload', function (e) { e.stopImmediatePropagation(); }, true);",
                    vec![],
                )
                .await
                .unwrap();
            browser.goto("about:blank").await;
            set_offline(&browser, false).await;
            // Loading the page again replays the queue it finds in localStorage.
            browser
                .goto(&app.url(&round.path(&format!("/interview/{n}"))))
                .await;
        }
        if rated[n - 1] {
            browser.click(&score_option(n, planned_score(n))).await;
            if let Some(note) = planned_note(n) {
                browser.fill(&format!("#q{n}-evidence"), &note).await;
            }
        } else {
            browser
                .fill(&format!("#q{n}-evidence"), &conversation_note(n))
                .await;
        }
        if n == goes_offline + 1 {
            wait_for_state(&browser, "offline").await;
            browser
                .screenshot(&format!("interview-offline-{name}"))
                .await;
        }
        if n < total {
            browser.click(&format!("#q{n} button[data-go=next]")).await;
            let next = format!("#q{} .progress-line", n + 1);
            browser.wait_for(&next).await;
            let shown = browser.text(&next).await;
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
        let (planned, note) = if rated[i] {
            (planned_score(n), planned_note(n).unwrap_or_default())
        } else {
            (None, conversation_note(n))
        };
        assert_eq!(*score, planned, "score of question {n}");
        assert_eq!(*evidence, note, "note of question {n}");
    }
    // Every applied save bumps the version once and is audited once: a save
    // applied twice, or applied without its audit event, breaks the equality.
    let unaudited: Vec<(Uuid, i32, i64)> = sqlx::query_as(
        "select r.round_question_id, r.version,
                (select count(*) from audit_event a where a.entity = 'rating' and a.entity_id = r.id)
         from rating r join panel_member pm on pm.id = r.panel_member_id
         where pm.user_id = $1 and r.version <> (select count(*) from audit_event a
                                                 where a.entity = 'rating' and a.entity_id = r.id)",
    )
    .bind(user.id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(unaudited.is_empty(), "{unaudited:?}");
    // The re-rated question's saves were applied in the order they were made.
    let replayed: Vec<Option<i64>> = sqlx::query_scalar(
        "select (a.after->>'score')::bigint from audit_event a join rating r on r.id = a.entity_id
         join panel_member pm on pm.id = r.panel_member_id
         where a.entity = 'rating' and pm.user_id = $1 and r.round_question_id = $2
         order by a.id",
    )
    .bind(user.id)
    .bind(round.questions[goes_offline - 1])
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let as_stored = |score: Option<i16>| score.map(i64::from);
    assert_eq!(
        replayed.first().copied().flatten(),
        as_stored(first_thought(goes_offline)),
        "{replayed:?}"
    );
    assert_eq!(
        replayed.last().copied().flatten(),
        as_stored(planned_score(goes_offline)),
        "{replayed:?}"
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
    let page = app.url(&round.path("/interview/4"));
    browser.goto(&page).await;
    browser.fill("#q4-evidence", "Draft note").await;
    browser.click("#q4 .question-text").await;
    wait_for_state(&browser, "draft").await;
    browser.click("#q4 .score-option:nth-child(3)").await;
    wait_for_state(&browser, "saved").await;
    let first_tab = browser.client.window().await.unwrap();

    let second = browser.client.new_window(true).await.unwrap();
    browser
        .client
        .switch_to_window(second.handle)
        .await
        .unwrap();
    browser.goto(&page).await;
    browser.click("#q4 .score-option:nth-child(5)").await;
    browser
        .fill("#q4-evidence", "Second tab: strong answer.")
        .await;
    browser.click("#q4 .question-text").await;
    wait_for_state(&browser, "saved").await;
    browser.client.close_window().await.unwrap();

    browser.client.switch_to_window(first_tab).await.unwrap();
    browser.click("#q4 .score-option:nth-child(2)").await;
    let conflict = Locator::Css("#q4 [data-conflict]:not([hidden])");
    browser.client.wait().for_element(conflict).await.unwrap();
    let shown = browser.text("#q4 [data-conflict]").await;
    assert!(shown.contains("changed elsewhere"), "{shown}");
    assert_eq!(browser.text("#q4 [data-mine-score]").await, "2");
    assert_eq!(browser.text("#q4 [data-theirs-score]").await, "5");
    assert_eq!(
        browser.text("#q4 [data-theirs-evidence]").await,
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

    browser.click("#q4 [data-keep-mine]").await;
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
    let browser = Browser::start(LANDSCAPE).await;
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
        browser.start_over(size).await;
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
            if path.ends_with(&format!("/{tests_at}")) {
                // The first interview at hand, and the one-step "not assessed" for the section.
                browser.click("#candidate-brief summary").await;
                browser
                    .click(&format!("#q{tests_at} .skip-section summary"))
                    .await;
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
    }
    browser.close().await;
}

#[tokio::test]
async fn the_offer_to_mark_a_section_not_assessed_is_gone_once_the_section_is_answered() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let user = seated_panelist(&app, &round).await;
    let questions: Vec<(Uuid, i32, bool)> = sqlx::query_as(
        "select id, section_order, rated from round_question where round_id = $1
         order by section_order, question_order",
    )
    .bind(round.id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let total = questions.len();
    let (answered, own) = (questions[0].1, questions[total - 1].1);
    // Every question of the first section that takes a score is answered.
    let case = secondround::case::Case::new(&app.pool);
    for (id, _, _) in questions.iter().filter(|q| q.1 == answered && q.2) {
        case.rate(round.id, user.id, *id, Some(3), "Seen.")
            .await
            .unwrap();
    }
    let numbers = |wanted: &dyn Fn(i32) -> bool| -> Vec<usize> {
        (1..=total)
            .filter(|n| questions[n - 1].2 && wanted(questions[n - 1].1))
            .collect()
    };
    let in_answered = numbers(&|section| section == answered);
    let elsewhere = numbers(&|section| section != answered && section != own);
    assert!(!in_answered.is_empty() && !elsewhere.is_empty());

    let browser = Browser::start(LANDSCAPE).await;
    sign_in(&browser, &app, &user).await;
    // The last question's page: the other sections come from the round's questions.
    browser
        .goto(&app.url(&round.path(&format!("/interview/{total}"))))
        .await;
    let offers = |numbers: Vec<usize>| {
        let browser = &browser;
        async move {
            let script = format!(
                "return [{}].map(function (n) {{ return !!document.querySelector('#q' + n + ' .skip-section'); }});",
                numbers
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            );
            let shown = browser.client.execute(&script, vec![]).await.unwrap();
            serde_json::from_value::<Vec<bool>>(shown).unwrap()
        }
    };
    let installed =
        format!("return document.querySelectorAll('section.question').length === {total};");
    let mut waited = 0;
    while browser.client.execute(&installed, vec![]).await.unwrap() != json!(true) {
        waited += 1;
        assert!(waited < 100, "the round's questions never arrived");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        offers(in_answered.clone()).await,
        vec![false; in_answered.len()],
        "no offer in the answered section (questions {in_answered:?})"
    );
    assert_eq!(
        offers(elsewhere.clone()).await,
        vec![true; elsewhere.len()],
        "the offer stays where questions are open (questions {elsewhere:?})"
    );
    browser.close().await;
}
