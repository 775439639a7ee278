//! The decision in a real browser at tablet size: the manager sees hire blocked
//! on the debrief, records a reference check that settles the doubt, and hires.

use std::time::Duration;

use fantoccini::Locator;
use secondround::auth::Role;
use uuid::Uuid;

use crate::support::browser::{Browser, LANDSCAPE, PORTRAIT};
use crate::support::walk::Round;
use crate::support::{TestApp, TestUser};

const DOUBT: &str = "Said she led the payment migration but could not name her own decisions.";

struct Debrief {
    round: Round,
    manager: TestUser,
    doubt: Uuid,
}

/// A submitted panel of three (manager, expert, member) with notes on every
/// rating, the expert a 5 on collaboration (a spread of 2 to acknowledge), and
/// the member's doubt to be settled by checking references.
async fn debrief_with_a_doubt(app: &TestApp) -> Debrief {
    let round = Round::plan(app).await;
    let manager_seat = round.seat(app, &round.manager, "hiring_manager").await;
    let expert = app
        .create_user_with(Role::Panelist, "ola@example.no", "Ola Fagerli")
        .await;
    let expert_seat = round.seat(app, &expert, "subject_matter_expert").await;
    let member = app
        .create_user_with(Role::Panelist, "siri@example.no", "Siri Dahl")
        .await;
    sqlx::query("update app_user set display_name = 'Maria Berg' where id = $1")
        .bind(round.manager.id)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "update criterion set must_have = true, minimum_score = 3, weight = 2
         where position_id = $1 and name = 'Technical depth'",
    )
    .bind(round.position_id)
    .execute(&app.pool)
    .await
    .unwrap();
    let member_seat = round.seat(app, &member, "other").await;
    for seat in [manager_seat, expert_seat, member_seat] {
        round
            .rate_all(app, seat, "Gave a concrete example with dates.")
            .await;
    }
    sqlx::query(
        "update rating set score = 5 from round_question q, criterion c
         where q.id = rating.round_question_id and c.id = q.criterion_id
           and c.name = 'Collaboration' and rating.panel_member_id = $1",
    )
    .bind(expert_seat)
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("update panel_member set submitted_at = now() where round_id = $1")
        .bind(round.id)
        .execute(&app.pool)
        .await
        .unwrap();
    for (seat, verdict, why) in [
        (
            manager_seat,
            "yes",
            "Solid on every must-have; the migration story needs a reference.",
        ),
        (
            expert_seat,
            "strong_yes",
            "Best answer to our webhook case so far.",
        ),
        (
            member_seat,
            "yes",
            "Good fit, but my doubt about the migration must be settled first.",
        ),
    ] {
        sqlx::query("insert into recommendation (panel_member_id, verdict, justification) values ($1, $2, $3)")
            .bind(seat)
            .bind(verdict)
            .bind(why)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    let doubt = sqlx::query_scalar(
        "insert into doubt (candidate_id, round_id, category, description, resolution_method, raised_by)
         values ($1, $2, 'experience', $3, 'check_references', $4) returning id",
    )
    .bind(round.candidate_id)
    .bind(round.id)
    .bind(DOUBT)
    .bind(member.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let manager = TestUser {
        id: round.manager.id,
        email: round.manager.email.clone(),
        password: round.manager.password.clone(),
        role: Role::Manager,
    };
    Debrief {
        round,
        manager,
        doubt,
    }
}

async fn sign_in(browser: &Browser, app: &TestApp, user: &TestUser) {
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

async fn has(browser: &Browser, css: &str) -> bool {
    browser.client.find(Locator::Css(css)).await.is_ok()
}

async fn decisions(app: &TestApp, candidate: Uuid) -> Vec<String> {
    sqlx::query_scalar("select outcome from decision where candidate_id = $1")
        .bind(candidate)
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

/// Chooses an outcome, writes the rationale and posts the decision form.
async fn decide(browser: &Browser, outcome: &str, rationale: &str) {
    browser
        .click(&format!("input[name=decision][value={outcome}]"))
        .await;
    browser.fill("#rationale", rationale).await;
    browser
        .click_and_wait("form.decision-form button[type=submit]")
        .await;
}

#[tokio::test]
async fn the_manager_sees_hire_blocked_settles_the_doubt_with_a_reference_check_and_hires() {
    let app = TestApp::spawn().await;
    let case = debrief_with_a_doubt(&app).await;
    let candidate = case.round.candidate_id;
    let browser = Browser::start(PORTRAIT).await;
    sign_in(&browser, &app, &case.manager).await;

    browser.goto(&app.url(&case.round.path("/debrief"))).await;
    let gate = browser.text(".gate-blocked").await;
    assert!(gate.contains("Hire is blocked"), "{gate}");
    assert!(gate.contains(DOUBT), "the doubt is named: {gate}");
    assert!(
        !browser.scrolls_horizontally().await,
        "the debrief fits 768 px"
    );
    browser.screenshot("debrief-blocked-portrait").await;

    // Hire anyway: refused, nothing stored, the rationale kept.
    decide(&browser, "hire", "Strong panel; hire.").await;
    let refusal = browser.text(".decision-form .form-errors").await;
    assert!(refusal.contains("Hire was refused"), "{refusal}");
    browser.screenshot("decision-refused-portrait").await;
    assert_eq!(
        browser
            .client
            .find(Locator::Css("#rationale"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("Strong panel; hire.")
    );
    assert!(decisions(&app, candidate).await.is_empty());

    // The doubt's own way to settle it: check references.
    browser.goto(&app.url(&case.round.path("/debrief"))).await;
    browser
        .click_and_wait(&format!(
            "#references a[href='/candidates/{candidate}/references']"
        ))
        .await;
    browser.fill("#referee_name", "Kari Nordmann").await;
    browser
        .fill("#relationship", "Her manager at Fjordtech")
        .await;
    browser
        .click("input[name=contact_method][value=phone]")
        .await;
    browser.click("#consent").await;
    browser
        .client
        .execute(
            "document.getElementById('checked_on').value = '2026-11-20';",
            vec![],
        )
        .await
        .unwrap();
    browser
        .fill(
            "#summary",
            "She led the migration: chose the cut-over plan and the rollback.",
        )
        .await;
    browser
        .click(&format!("input[name=settles][value='{}']", case.doubt))
        .await;
    browser
        .click_and_wait("form[action$='/references'] button[type=submit]")
        .await;
    let status: String = sqlx::query_scalar("select status from doubt where id = $1")
        .bind(case.doubt)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "resolved", "the reference check settled the doubt");

    // No blocker left; the disagreement is acknowledged; hire.
    browser.goto(&app.url(&case.round.path("/debrief"))).await;
    assert!(
        !has(&browser, ".gate-blocked").await,
        "nothing blocks a hire now"
    );
    let warning = browser.text(".warnings .flag-warning").await;
    assert!(
        warning.contains("The panel disagrees on Collaboration"),
        "{warning}"
    );
    browser.click(".warnings input[name=ack]").await;
    decide(
        &browser,
        "hire",
        "All must-haves met; the reference confirmed her role in the migration.",
    )
    .await;
    assert_eq!(
        browser.current_path().await,
        format!("/candidates/{candidate}")
    );
    assert_eq!(decisions(&app, candidate).await, vec!["hire".to_owned()]);
    let candidate_status: String = sqlx::query_scalar("select status from candidate where id = $1")
        .bind(candidate)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(candidate_status, "hired");
    let flash = browser.text(".flash-success").await;
    assert!(flash.contains("Decision recorded: Hire."), "{flash}");
    // Decided: the page says so, with no gate and no decision form, and offers
    // the manager the form that reopens it.
    assert!(has(&browser, ".gate-decided").await);
    assert!(!has(&browser, "form.decision-form").await);
    let violations = browser.serious_violations().await;
    assert!(violations.is_empty(), "decided: {violations:#?}");
    browser
        .fill("#reopen-reason", "She declined the offer.")
        .await;
    browser
        .click_and_wait("form.reopen-form button[type=submit]")
        .await;
    let flash = browser.text(".flash-success").await;
    assert!(flash.contains("Decision reopened"), "{flash}");
    assert!(has(&browser, "form.decision-form").await);
    browser.close().await;
}

#[tokio::test]
async fn axe_finds_nothing_serious_on_the_debrief_and_the_decision_in_english_or_bokmal() {
    let app = TestApp::spawn().await;
    let case = debrief_with_a_doubt(&app).await;
    let browser = Browser::start(LANDSCAPE).await;
    for (name, size, locale) in [
        ("landscape", LANDSCAPE, "en"),
        ("portrait-nb", PORTRAIT, "nb"),
    ] {
        sqlx::query("update app_user set locale = $2 where id = $1")
            .bind(case.manager.id)
            .bind(locale)
            .execute(&app.pool)
            .await
            .unwrap();
        browser.start_over(size).await;
        sign_in(&browser, &app, &case.manager).await;
        let pages = [
            case.round.path("/debrief"),
            format!("/candidates/{}", case.round.candidate_id),
            format!("/candidates/{}/decision", case.round.candidate_id),
            format!("/candidates/{}/references", case.round.candidate_id),
            format!("/doubts/{}", case.doubt),
            "/".to_owned(),
        ];
        for path in pages {
            browser.goto(&app.url(&path)).await;
            browser
                .client
                .execute("document.querySelectorAll('details').forEach(function (d) { d.open = true; });", vec![])
                .await
                .unwrap();
            let violations = browser.serious_violations().await;
            assert!(violations.is_empty(), "{name} {path}: {violations:#?}");
            assert!(!browser.scrolls_horizontally().await, "{name} {path} fits");
        }
        browser.goto(&app.url(&case.round.path("/debrief"))).await;
        browser.screenshot(&format!("debrief-{name}")).await;
        browser
            .client
            .execute("document.getElementById('chart').scrollIntoView();", vec![])
            .await
            .unwrap();
        browser.screenshot(&format!("debrief-chart-{name}")).await;
    }
    browser.close().await;
}
