//! The hire followed up: the page opens only for a hired candidate, shows when
//! each follow-up falls due, refuses an incomplete one with the input kept, and
//! stores a complete one once.

use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::Round;

async fn hire(app: &TestApp, round: &Round) {
    sqlx::query(
        "insert into decision (candidate_id, outcome, rationale, decided_by, decided_at, form_id)
         values ($1, 'hire', 'Strong on every criterion.', $2, '2026-01-15T12:00:00Z', gen_random_uuid())",
    )
    .bind(round.candidate_id)
    .bind(round.manager.id)
    .execute(&app.pool)
    .await
    .unwrap();
}

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

    hire(&app, &round).await;
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
