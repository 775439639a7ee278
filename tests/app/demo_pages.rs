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
