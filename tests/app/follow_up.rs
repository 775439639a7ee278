//! The hire followed up: the page opens only for a hired candidate, shows when
//! each follow-up falls due, refuses an incomplete one with the input kept, and
//! stores a complete one once.

use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::html::{text_by_id, unescape};
use crate::support::walk::Round;

#[tokio::test]
async fn a_hire_is_followed_up_at_probation_and_twelve_months() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let manager = TestApp::client();
    app.login(&manager, &round.manager.email, &round.manager.password)
        .await;
    let path = format!("/candidates/{}/follow-up", round.candidate_id);
    assert_eq!(
        app.get(&manager, &path).await.status(),
        409,
        "not hired: nothing to follow up"
    );

    round.hire(&app).await;
    // Probation ended on 15 July: due on the dashboard, and mailed once.
    let dashboard = app.get_html(&manager, "/").await;
    assert!(
        dashboard.contains(&format!("href=\"{path}\""))
            && dashboard.contains("end of probation, due 15.07.2026"),
        "{dashboard}"
    );
    assert!(
        !dashboard.contains("after 12 months, due"),
        "not yet within two weeks"
    );
    let now = chrono::Utc::now();
    assert_eq!(
        secondround::mail::reminders::scan(&app.pool, now)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        secondround::mail::reminders::scan(&app.pool, now)
            .await
            .unwrap(),
        0
    );
    let (to, subject): (Uuid, String) = sqlx::query_as(
        "select recipient_id, subject from mail_outbox where kind = 'follow_up_due'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(to, round.manager.id);
    assert_eq!(subject, "Time to follow up Ingrid Solberg");

    let page = app.get_html(&manager, &path).await;
    assert!(page.contains("End of probation (due 15.07.2026)"), "{page}");
    assert!(page.contains("After 12 months (due 15.01.2027)"));
    assert!(page.contains("No follow-up written yet."));

    // Incomplete: every problem named, the note kept.
    let refused = app
        .post_form(
            &manager,
            &path,
            &[("milestone", "probation"), ("note", "Settled in <fast>.")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("id=\"scores-error\""), "the scores are named");
    assert!(page.contains("id=\"would_hire_again-error\""));
    assert!(page.contains("id=\"still_here-error\""));
    assert!(
        page.contains("Settled in &#60;fast&#62;."),
        "the note is kept"
    );

    let criteria: Vec<Uuid> = sqlx::query_scalar(
        "select id from criterion where position_id = $1 order by sort_order, name",
    )
    .bind(round.position_id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(criteria.len(), 4);
    let names: Vec<String> = criteria.iter().map(|id| format!("score_{id}")).collect();
    let mut fields: Vec<(&str, &str)> = names
        .iter()
        .zip(["4", "3", "5", "2"])
        .map(|(name, score)| (name.as_str(), score))
        .collect();
    fields.extend([
        ("milestone", "probation"),
        ("would_hire_again", "yes"),
        ("still_here", "yes"),
        ("note", "Settled in fast."),
    ]);
    let saved = app.post_form(&manager, &path, &fields).await;
    assert_eq!(saved.status(), 303);
    let scores: Vec<i16> = sqlx::query_scalar(
        "select s.score from follow_up_score s join follow_up f on f.id = s.follow_up_id
           join criterion c on c.id = s.criterion_id
          where f.candidate_id = $1 and f.milestone = 'probation' order by c.sort_order, c.name",
    )
    .bind(round.candidate_id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(scores, [4, 3, 5, 2]);
    let page = app.get_html(&manager, &path).await;
    assert!(page.contains("id=\"follow-up-probation\""));
    assert!(
        !page.contains("<option value=\"probation\""),
        "written once"
    );
    assert!(page.contains("<option value=\"twelve_months\""));
    let dashboard = app.get_html(&manager, "/").await;
    assert!(
        !dashboard.contains("end of probation, due"),
        "written: no longer due"
    );

    // The same again (a second tab) is refused, not stored twice.
    let again = app.post_form(&manager, &path, &fields).await;
    assert_eq!(again.status(), 422);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("This follow-up is already written.")
    );
    assert_eq!(
        app.count(
            "select count(*) from follow_up where candidate_id = $1",
            round.candidate_id
        )
        .await,
        1
    );

    // Only those who manage the position.
    let (other, _) = app.login_as(Role::Manager).await;
    assert_eq!(app.get(&other, &path).await.status(), 403);
    let (panelist, _) = app.login_as(Role::Panelist).await;
    assert_eq!(app.get(&panelist, &path).await.status(), 403);
}

/// Rates every rated question of `round` with `score` as a new panelist,
/// submits, hires the candidate and writes a probation follow-up with one
/// score per criterion (in criterion order) and "would hire again".
async fn hired_and_followed_up(
    app: &TestApp,
    round: &Round,
    score: i16,
    follow_up: [i16; 4],
    again: bool,
) {
    let member = round.member(app).await;
    round.rate_and_submit(app, member.user.id, score, "").await;
    round.hire(app).await;
    let written: Uuid = sqlx::query_scalar(
        "insert into follow_up (candidate_id, milestone, would_hire_again, still_here, written_by)
         values ($1, 'probation', $2, true, $3) returning id",
    )
    .bind(round.candidate_id)
    .bind(again)
    .bind(round.manager.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into follow_up_score (follow_up_id, criterion_id, score)
         select $1, c.id, ($2::smallint[])[row_number() over (order by c.sort_order, c.name)]
           from criterion c where c.position_id = $3",
    )
    .bind(written)
    .bind(follow_up.to_vec())
    .bind(round.position_id)
    .execute(&app.pool)
    .await
    .unwrap();
}

/// Eight hires worked by hand: every question of candidate i scored s_i in the
/// interview, with s = 1, 2, 3, 4, 5, 2, 3, 4. At follow-up, technical depth
/// is s_i again (ρ = 1), problem solving 6 − s_i (ρ = −1), the other two a 3
/// for everyone (undefined). "Would hire again" is yes from s_i = 3: ranks of
/// s (1, 2.5, 4.5, 6.5, 8, 2.5, 4.5, 6.5) against (2, 2, 6, 6, 6, 2, 6, 6)
/// give ρ = 30 / √(40.5 · 30) = 0.86.
#[tokio::test]
async fn what_predicted_sets_each_criterion_against_the_follow_up_from_eight_hires() {
    let app = TestApp::spawn().await;
    let first = Round::plan(&app).await;
    let manager = TestApp::client();
    app.login(&manager, &first.manager.email, &first.manager.password)
        .await;
    let path = format!("/positions/{}/follow-up", first.position_id);
    let scores: [i16; 8] = [1, 2, 3, 4, 5, 2, 3, 4];
    let mut others = Vec::new();
    for index in 1..scores.len() {
        others.push(first.another(&app, &format!("Hire {index}")).await);
    }
    let rounds = std::iter::once(&first).chain(&others);
    for (index, (round, score)) in rounds.zip(scores).enumerate() {
        hired_and_followed_up(&app, round, score, [score, 6 - score, 3, 3], score >= 3).await;
        if index == 6 {
            // Seven hires: too few to tell anything.
            let page = app.get_html(&manager, &path).await;
            assert_eq!(
                text_by_id(&page, "reading").as_deref(),
                Some("Too few hires to tell yet: 7 followed up, 8 needed for any criterion.")
            );
            assert_eq!(cells(&page, "rho"), ["too few hires to tell"; 4]);
        }
    }
    let page = app.get_html(&manager, &path).await;
    assert_eq!(
        cells(&page, "rho"),
        [
            "1.00",
            "−1.00",
            "undefined: the same score for everyone",
            "undefined: the same score for everyone"
        ]
    );
    assert_eq!(cells(&page, "total-rho"), ["0.86"]);
    assert_eq!(
        text_by_id(&page, "reading").as_deref(),
        Some(
            "In 8 hires, Technical depth in the interview went with performance. Problem solving did not."
        )
    );
    // Another manager is refused the position's findings.
    let (other, _) = app.login_as(Role::Manager).await;
    assert_eq!(app.get(&other, &path).await.status(), 403);

    // Across positions: the manager's own, HR's all, the other manager's none.
    let across = app.get_html(&manager, "/follow-up").await;
    assert_eq!(
        text_by_id(&across, "followed-up").as_deref(),
        Some("Hires followed up: 8.")
    );
    // The same findings, in the order of the criteria's names.
    let sorted = |mut cells: Vec<String>| {
        cells.sort();
        cells
    };
    assert_eq!(sorted(cells(&across, "rho")), sorted(cells(&page, "rho")));
    assert_eq!(cells(&across, "total-rho"), ["0.86"]);
    let nobody = app.get_html(&other, "/follow-up").await;
    assert_eq!(
        text_by_id(&nobody, "followed-up").as_deref(),
        Some("Hires followed up: 0.")
    );
    // A ninth hire on a position of its own, with the same criteria by name:
    // across positions they count as one criterion each.
    let second = Round::plan(&app).await;
    assert_ne!(second.position_id, first.position_id);
    hired_and_followed_up(&app, &second, 3, [3, 3, 3, 3], true).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let everyone = app.get_html(&hr, "/follow-up").await;
    assert_eq!(
        text_by_id(&everyone, "followed-up").as_deref(),
        Some("Hires followed up: 9.")
    );
    assert_eq!(
        cells(&everyone, "rho").len(),
        4,
        "one row per criterion name"
    );
    assert_eq!(
        text_by_id(&app.get_html(&manager, "/follow-up").await, "followed-up").as_deref(),
        Some("Hires followed up: 8."),
        "the first manager still sees their own position only"
    );
}

/// The texts of every `data-cell="{name}"` cell, in page order.
fn cells(page: &str, name: &str) -> Vec<String> {
    let marker = format!(r#"data-cell="{name}">"#);
    page.match_indices(&marker)
        .map(|(at, _)| {
            let start = at + marker.len();
            let end = page[start..].find("</").unwrap() + start;
            unescape(page[start..end].trim())
        })
        .collect()
}

/// A hire the follow-up did not bear out: two members a 2 and a 5 on every
/// question (so the panel disagrees by 3 on each criterion, a warning the
/// manager acknowledged), a doubt settled by a check of facts, and "would not
/// hire again" at probation. Its retrospective shows what was known; the
/// admins' list names it; the next decision on the position links it; a
/// follow-up that went well calls for none.
#[tokio::test]
async fn a_hire_the_follow_up_did_not_bear_out_gets_a_look_back_at_its_decision() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    // Both seated before either submits: the last submission closes the round.
    let members = [round.member(&app).await, round.member(&app).await];
    for (member, score) in members.iter().zip([2, 5]) {
        round
            .rate_and_submit(&app, member.user.id, score, "Seen.")
            .await;
    }
    sqlx::query(
        "insert into doubt (candidate_id, category, description, resolution_method, status,
                            fact_what, fact_source, fact_outcome, settled_at)
         values ($1, 'experience', 'Her notice period is unclear.', 'gather_facts', 'resolved',
                 'Asked for the contract', 'The current employer', 'One month, confirmed in writing.', now())",
    )
    .bind(round.candidate_id)
    .execute(&app.pool)
    .await
    .unwrap();
    let criteria: Vec<(Uuid, String)> = sqlx::query_as(
        "select id, name from criterion where position_id = $1 order by sort_order, name",
    )
    .bind(round.position_id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let acknowledged: Vec<String> = criteria
        .iter()
        .map(|(id, _)| format!("disagreement:{id}"))
        .collect();
    sqlx::query(
        "insert into decision (candidate_id, outcome, rationale, decided_by, decided_at, form_id, acknowledged)
         values ($1, 'hire', 'The 5s weighed more than the 2s.', $2, '2026-01-15T12:00:00Z', gen_random_uuid(), $3)",
    )
    .bind(round.candidate_id)
    .bind(round.manager.id)
    .bind(serde_json::json!(acknowledged))
    .execute(&app.pool)
    .await
    .unwrap();
    let manager = TestApp::client();
    app.login(&manager, &round.manager.email, &round.manager.password)
        .await;
    let follow_up = format!("/candidates/{}/follow-up", round.candidate_id);
    let retrospective = format!("/candidates/{}/retrospective", round.candidate_id);
    assert!(
        !app.get_html(&manager, &follow_up)
            .await
            .contains("retrospective-link")
    );
    assert!(
        app.get_html(&manager, &retrospective)
            .await
            .contains("retro-none")
    );

    sqlx::query(
        "insert into follow_up (candidate_id, milestone, would_hire_again, still_here, note, written_by)
         values ($1, 'probation', false, true, 'Missed every deadline of the quarter.', $2)",
    )
    .bind(round.candidate_id)
    .bind(round.manager.id)
    .execute(&app.pool)
    .await
    .unwrap();
    assert!(app.get_html(&manager, &follow_up).await.contains(&format!(
        r#"href="{retrospective}" id="retrospective-link""#
    )));
    let page = app.get_html(&manager, &retrospective).await;
    assert!(!page.contains("retro-none"));
    let section = |id: &str| {
        let start = page.find(&format!(r#"id="{id}""#)).unwrap();
        let end = page[start..].find("</section>").unwrap() + start;
        unescape(&page[start..end])
    };
    let follow_ups = section("retro-follow-ups");
    assert!(
        follow_ups.contains("Would not hire again (End of probation"),
        "{follow_ups}"
    );
    assert!(follow_ups.contains("Missed every deadline of the quarter."));
    let decision = section("retro-decision");
    assert!(
        decision.contains("The 5s weighed more than the 2s."),
        "{decision}"
    );
    assert!(decision.contains("Decided by"), "{decision}");
    for (_, name) in &criteria {
        assert!(
            decision.contains(&format!(
                "The panel disagrees on {name}: the means differ by 3"
            )),
            "{name}: {decision}"
        );
    }
    let doubts = section("retro-doubts");
    assert!(
        doubts.contains("Settled:</strong> Her notice period is unclear.")
            && doubts.contains(
                "Asked for the contract (The current employer): One month, confirmed in writing."
            ),
        "{doubts}"
    );
    assert_eq!(cells(&page, "range"), vec!["2.0 – 5.0"; criteria.len()]);
    assert_eq!(cells(&page, "spread"), vec!["3.0"; criteria.len()]);
    assert_eq!(
        page.matches(r#"class="num wide-spread" data-cell="spread""#)
            .count(),
        criteria.len(),
        "a spread of 2 or more is marked"
    );

    // The admins' list names it; HR is refused the list.
    let (admin, _) = app.login_as(Role::Admin).await;
    let list = app.get_html(&admin, "/admin/retrospectives").await;
    assert!(
        list.contains(&format!(r#"href="{retrospective}">Ingrid Solberg</a>"#)),
        "{list}"
    );
    assert!(list.contains("Would not hire again (End of probation)"));
    assert!(
        app.get_html(&admin, "/interviewers")
            .await
            .contains(r#"href="/admin/retrospectives""#)
    );
    let (hr, _) = app.login_as(Role::Hr).await;
    assert_eq!(app.get(&hr, "/admin/retrospectives").await.status(), 403);

    // The next decision on the position links it, not its own.
    let next = round.another(&app, "Kari Lie").await;
    let decide = app
        .get_html(
            &manager,
            &format!("/candidates/{}/decision", next.candidate_id),
        )
        .await;
    assert!(
        decide.contains(&format!(r#"href="{retrospective}">Ingrid Solberg</a>"#)),
        "{decide}"
    );
    let own = app
        .get_html(
            &manager,
            &format!("/candidates/{}/decision", round.candidate_id),
        )
        .await;
    assert!(!own.contains("earlier-retrospectives"));
}

/// The probation period is a setting: an admin changes it on the settings
/// page (a number out of range is refused with the input kept), and the first
/// follow-up falls due at the new end of probation.
#[tokio::test]
async fn the_probation_period_is_a_setting_the_follow_up_falls_due_by() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    round.hire(&app).await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let page = app.get_html(&admin, "/admin/retention").await;
    assert!(page.contains(r#"name="probation_months""#) && page.contains(r#"value="6""#));

    let refused = app
        .post_form(&admin, "/admin/probation", &[("probation_months", "13")])
        .await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Use a whole number of months from 1 to 12."),
        "{page}"
    );
    assert!(page.contains(r#"value="13""#), "the input is kept");

    let saved = app
        .post_form(&admin, "/admin/probation", &[("probation_months", "3")])
        .await;
    assert_eq!(saved.status(), 303);
    let follow_up = app
        .get_html(
            &admin,
            &format!("/candidates/{}/follow-up", round.candidate_id),
        )
        .await;
    assert!(
        follow_up.contains("End of probation (due 15.04.2026)"),
        "{follow_up}"
    );
}
