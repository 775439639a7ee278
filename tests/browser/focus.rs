//! The subject-matter expert's walk-through on a tablet in portrait (768×1024):
//! their focus marked, the hiring manager's section optional and left out, a
//! conversation-only question on the way, and an offline spell in which a doubt
//! is raised; the doubt is stored once, even when its send arrives twice.

use std::time::Duration;

use secondround::auth::Role;
use serde_json::json;
use uuid::Uuid;

use crate::interview::{queued_saves, set_offline, sign_in, wait_for_empty_queue};
use crate::support::TestApp;
use crate::support::browser::{Browser, PORTRAIT};
use crate::support::walk::Round;

const DOUBT: &str = "Could not say which of the retries he wrote himself.";

async fn doubts(app: &TestApp, round: &Round) -> i64 {
    app.count(
        "select count(*) from doubt where round_id = $1 and category <> 'recommendation'",
        round.id,
    )
    .await
}

async fn has(browser: &Browser, css: &str) -> bool {
    let found = browser
        .client
        .execute(
            "return document.querySelector(arguments[0]) !== null;",
            vec![json!(css)],
        )
        .await
        .unwrap();
    found == json!(true)
}

#[tokio::test]
async fn the_expert_rates_their_focus_and_the_shared_sections_through_an_offline_doubt() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let user = app.create_user(Role::Panelist).await;
    round.seat(&app, &user, "subject_matter_expert").await;
    let questions: Vec<(Uuid, bool, String)> = sqlx::query_as(
        "select id, rated, section_led_by from round_question where round_id = $1
         order by section_order, question_order",
    )
    .bind(round.id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let total = questions.len();
    let focus: Vec<usize> = (1..=total)
        .filter(|n| questions[n - 1].1 && questions[n - 1].2 == "subject_matter_expert")
        .collect();
    assert!(
        focus.len() >= 2,
        "the practical case has questions: {focus:?}"
    );
    // Offline from the first question of the expert's own section, back two questions later.
    let (offline_at, doubt_at, online_at) = (focus[0], focus[1], focus[1] + 1);

    let browser = Browser::start(PORTRAIT).await;
    sign_in(&browser, &app, &user).await;
    browser.goto(&app.url(&round.path("/interview"))).await;
    assert_eq!(browser.current_path().await, round.path("/interview/1"));
    for n in 1..=total {
        let (_, rated, lead) = &questions[n - 1];
        if n == offline_at {
            wait_for_empty_queue(&browser).await;
            set_offline(&browser, true).await;
        }
        let tags = if has(&browser, &format!("#q{n} .tags")).await {
            browser.text(&format!("#q{n} .tags")).await
        } else {
            String::new()
        };
        if !rated {
            // On the way: talked through, a note, nothing to score.
            assert!(
                !has(&browser, &format!("#q{n} input[name=score]")).await,
                "q{n}"
            );
            assert!(tags.contains("Conversation only"), "q{n}: {tags}");
            browser
                .fill(&format!("#q{n}-evidence"), "Asked about on-call.")
                .await;
        } else if lead == "hiring_manager" {
            // The hiring manager leads it: optional for the expert, who leaves it.
            assert!(tags.contains("Optional for you"), "q{n}: {tags}");
        } else {
            assert_eq!(
                tags.contains("Your focus"),
                lead == "subject_matter_expert",
                "q{n}: {tags}"
            );
            browser
                .click(&format!("#q{n} .score-option:nth-child({})", 3 + n % 2))
                .await;
        }
        if n == doubt_at {
            browser.click(&format!("#q{n} .raise-doubt summary")).await;
            browser
                .fill(&format!("#q{n}-doubt-description"), DOUBT)
                .await;
            browser
                .click(&format!("#q{n} .doubt-form button[type=submit]"))
                .await;
            let note = browser.text(&format!("#q{n} [data-form-status]")).await;
            assert!(note.contains("Noted on this tablet"), "{note}");
            browser.screenshot("focus-offline-doubt-portrait").await;
            let queued = queued_saves(&browser).await;
            assert!(
                queued.iter().any(|entry| entry["kind"] == "form"),
                "the doubt waits in the queue: {queued:?}"
            );
            assert_eq!(doubts(&app, &round).await, 0, "not sent while offline");
        }
        if n == online_at {
            set_offline(&browser, false).await;
            wait_for_empty_queue(&browser).await;
            assert_eq!(doubts(&app, &round).await, 1);
            // The question it was raised on is out of sight now; its note says it went.
            let note = browser
                .client
                .execute(
                    "return document.querySelector(arguments[0]).textContent;",
                    vec![json!(format!("#q{doubt_at} [data-form-status]"))],
                )
                .await
                .unwrap();
            assert_eq!(note, json!("Saved."));
            // The same send delivered again (an answer lost on the way) stores nothing new.
            let id: Uuid = sqlx::query_scalar("select form_id from doubt where round_id = $1")
                .bind(round.id)
                .fetch_one(&app.pool)
                .await
                .unwrap();
            let body =
                format!("category=experience&description=again&method=gather_facts&form_id={id}");
            browser
                .client
                .execute(
                    "var key = Object.keys(localStorage).filter(function (k) { return k.indexOf('secondround.queue.') === 0; })[0];
                     localStorage.setItem(key, JSON.stringify([{ kind: 'form', round: arguments[0], url: arguments[1],
                       body: arguments[2], save_id: arguments[3], tried: false }]));
                     window.dispatchEvent(new Event('online'));",
                    vec![
                        json!(round.id.to_string()),
                        json!(round.path(&format!("/interview/{doubt_at}/doubts"))),
                        json!(body),
                        json!(id.to_string()),
                    ],
                )
                .await
                .unwrap();
            wait_for_empty_queue(&browser).await;
            assert_eq!(doubts(&app, &round).await, 1, "stored once");
        }
        if n < total {
            browser.click(&format!("#q{n} button[data-go=next]")).await;
        } else {
            browser
                .click(&format!("#q{n} button[data-go=submit]"))
                .await;
        }
    }
    for _ in 0..100 {
        if browser.current_path().await.ends_with("/interview/submit") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        browser.current_path().await,
        round.path("/interview/submit")
    );
    let page = browser.text("main").await;
    assert!(page.contains("Every question is rated"), "{page}");
    assert!(
        !browser.scrolls_horizontally().await,
        "the submit page fits"
    );
    browser.click("input[name=verdict][value=yes]").await;
    browser
        .fill("#justification", "Solid on the case; one doubt to check.")
        .await;
    browser
        .click_and_wait("form[action$='/interview/submit'] button[type=submit]")
        .await;

    let submitted: bool =
        sqlx::query_scalar("select submitted_at is not null from panel_member where user_id = $1")
            .bind(user.id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(submitted, "submitted without the hiring manager's section");
    let (description, question): (String, Uuid) = sqlx::query_as(
        "select description, round_question_id from doubt where round_id = $1 and category <> 'recommendation'",
    )
    .bind(round.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (description.as_str(), question),
        (DOUBT, questions[doubt_at - 1].0)
    );
    let left: i64 = sqlx::query_scalar(
        "select count(*) from round_question q where q.round_id = $1 and q.section_led_by = 'hiring_manager'
           and exists (select 1 from rating r join panel_member pm on pm.id = r.panel_member_id
                       where r.round_question_id = q.id and pm.user_id = $2)",
    )
    .bind(round.id)
    .bind(user.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(left, 0, "the expert rated nothing in the manager's section");
    let notes: Vec<(Option<i16>, String)> = sqlx::query_as(
        "select r.score, r.evidence from rating r join round_question q on q.id = r.round_question_id
         where q.round_id = $1 and not q.rated",
    )
    .bind(round.id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let unrated = questions.iter().filter(|(_, rated, _)| !rated).count();
    assert!(unrated >= 1);
    assert_eq!(
        notes,
        vec![(None, "Asked about on-call.".to_owned()); unrated]
    );
    browser.close().await;
}
