//! Every preparation page opens on the demo data, for each role that may see it.

use secondround::auth::Role;
use secondround::i18n::Locale;
use uuid::Uuid;

use crate::support::TestApp;

#[tokio::test]
async fn the_preparation_pages_open_on_the_demo_data() {
    let app = TestApp::spawn().await;
    secondround::demo::seed(&app.pool, Some("demo password 123".into()), Locale::En)
        .await
        .unwrap();
    let (client, _) = app.login_as(Role::Admin).await;
    let position: Uuid = sqlx::query_scalar("select id from position limit 1")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let candidates: Vec<Uuid> = sqlx::query_scalar("select id from candidate")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let rounds: Vec<Uuid> = sqlx::query_scalar("select id from interview_round")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let mut paths = vec![
        "/".to_owned(),
        "/positions".to_owned(),
        format!("/positions/{position}"),
        format!("/positions/{position}/edit"),
        format!("/positions/{position}/rounds/new"),
        format!("/positions/{position}/candidates/import"),
        "/guides".to_owned(),
    ];
    paths.extend(candidates.iter().map(|id| format!("/candidates/{id}")));
    paths.extend(rounds.iter().map(|id| format!("/rounds/{id}")));
    for path in &paths {
        assert_eq!(app.get(&client, path).await.status(), 200, "{path}");
    }
    // A scheduled round's invitation downloads; one without a time is refused.
    let scheduled: Vec<(Uuid, bool)> =
        sqlx::query_as("select id, scheduled_at is not null from interview_round")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert!(
        scheduled.iter().any(|(_, at)| *at),
        "the demo schedules a round"
    );
    for (id, at) in scheduled {
        let response = app.get(&client, &format!("/rounds/{id}/invite.ics")).await;
        if at {
            assert_eq!(response.status(), 200, "{id}");
            let body = response.text().await.unwrap();
            assert!(body.starts_with("BEGIN:VCALENDAR"), "{id}: {body}");
        } else {
            assert_eq!(response.status(), 409, "{id}");
        }
    }
}

/// Last year's intake (`demo::past`) gives the learning pages real numbers:
/// what predicted over nine hires, Per's leniency over enough pairs, and the
/// two hires the follow-up did not bear out.
#[tokio::test]
async fn the_demo_learns_from_last_years_hires() {
    let app = TestApp::spawn().await;
    secondround::demo::seed(&app.pool, Some("demo password 123".into()), Locale::En)
        .await
        .unwrap();
    let manager = TestApp::client();
    let signed_in = app
        .login(&manager, "manager@demo.secondround.no", "demo password 123")
        .await;
    assert_eq!(signed_in.status(), 303);
    let past: Uuid = sqlx::query_scalar(
        "select id from position where title = 'Backend engineers, 2025 intake'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let predicted = app
        .get_html(&manager, &format!("/positions/{past}/follow-up"))
        .await;
    assert!(predicted.contains("Hires followed up: 9."), "{predicted}");
    let reading = crate::support::html::text_by_id(&predicted, "reading").unwrap();
    assert_eq!(
        reading,
        "In 9 hires, Technical depth, Problem solving and Collaboration in the interview went with performance. Communication, Motivation and Learning did not."
    );

    let calibration = app.get_html(&manager, "/interviewers").await;
    let per = calibration
        .split("<article")
        .find(|card| card.contains("Per Olsen"))
        .expect("Per's figures");
    assert!(
        per.contains("Scores higher than the others: +"),
        "leniency shown, not too few to tell: {per}"
    );

    let (admin, _) = app.login_as(secondround::auth::Role::Admin).await;
    let list = app.get_html(&admin, "/admin/retrospectives").await;
    assert!(
        list.contains("Gustav Lie") && list.contains("Would not hire again"),
        "{list}"
    );
    assert!(
        list.contains("Ivar Dahl") && list.contains("Left during probation"),
        "{list}"
    );
    assert_eq!(list.matches("/retrospective\"").count(), 2, "{list}");
}
