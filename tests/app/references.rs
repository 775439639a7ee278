//! Reference checks: recorded with consent, concerns raise a doubt, ticked doubts
//! are settled with the check as their fact, and a double post records one.

use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::Round;

async fn manager_client(app: &TestApp, round: &Round) -> reqwest::Client {
    let client = TestApp::client();
    let response = app
        .login(&client, &round.manager.email, &round.manager.password)
        .await;
    assert_eq!(response.status(), 303);
    client
}

fn today() -> String {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Oslo)
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

#[tokio::test]
async fn a_reference_check_without_the_candidates_consent_is_refused_with_the_input_kept() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let manager = manager_client(&app, &round).await;
    let path = format!("/candidates/{}/references", round.candidate_id);
    let page = app.get_html(&manager, &path).await;
    assert!(page.contains("name=\"form_id\"") && page.contains("Up to 200 characters."));
    let today = today();
    let response = app
        .post_form(
            &manager,
            &path,
            &[
                ("referee_name", "Kari Nordmann"),
                ("relationship", "Her manager at Acme"),
                ("contact_method", "phone"),
                ("checked_on", &today),
                ("summary", "Led the migration herself."),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Record a reference check only with the candidate"));
    assert!(
        html.contains("value=\"Kari Nordmann\"")
            && html.contains(">Led the migration herself.</textarea>")
    );
    assert!(html.contains("value=\"phone\" checked"));
    let future = app
        .post_form(
            &manager,
            &path,
            &[
                ("referee_name", "Kari Nordmann"),
                ("contact_method", "video"),
                ("consent", "on"),
                ("checked_on", "2999-01-01"),
                ("summary", "x"),
            ],
        )
        .await;
    assert_eq!(future.status(), 422);
    assert!(
        future
            .text()
            .await
            .unwrap()
            .contains("The date cannot be in the future.")
    );
    assert_eq!(count(&app, "select count(*) from reference_check").await, 0);
    for role in [Role::Panelist, Role::Manager] {
        let (client, _) = app.login_as(role).await;
        assert_eq!(app.get(&client, &path).await.status(), 403, "{role}");
    }
}

#[tokio::test]
async fn a_concern_raises_a_doubt_and_ticked_doubts_are_settled_by_the_check() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let manager = manager_client(&app, &round).await;
    let mut doubts = Vec::new();
    for text in [
        "Why she left after 14 months",
        "Her exact role in the migration",
    ] {
        let id: Uuid = sqlx::query_scalar(
            "insert into doubt (candidate_id, round_id, category, description, resolution_method, raised_by)
             values ($1, $2, 'experience', $3, 'check_references', $4) returning id",
        )
        .bind(round.candidate_id)
        .bind(round.id)
        .bind(text)
        .bind(round.manager.id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        doubts.push(id);
    }
    let path = format!("/candidates/{}/references", round.candidate_id);
    let page = app.get_html(&manager, &path).await;
    assert!(
        page.contains("This reference check settles:")
            && page.contains("Why she left after 14 months")
    );
    let today = today();
    let settled = doubts[1].to_string();
    let response = app
        .post_form(
            &manager,
            &path,
            &[
                ("form_id", &Uuid::new_v4().to_string()),
                ("referee_name", "Kari Nordmann"),
                ("contact_method", "in_person"),
                ("consent", "on"),
                ("checked_on", &today),
                ("questions_answers", "Who led the migration? She did."),
                ("summary", "Led the migration herself."),
                ("concerns", "Struggled to delegate under pressure."),
                ("settles", &settled),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (check_id, method, consent): (Uuid, String, bool) =
        sqlx::query_as("select id, contact_method, consent_given from reference_check")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((method.as_str(), consent), ("in_person", true));
    let statuses: Vec<(Uuid, String, Option<Uuid>)> = sqlx::query_as(
        "select id, status, settled_by_reference_check_id from doubt where id = any($1) order by raised_at",
    )
    .bind(&doubts)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        statuses,
        vec![
            (doubts[0], "open".into(), None),
            (doubts[1], "resolved".into(), Some(check_id)),
        ]
    );
    let raised: (String, String, String, Option<Uuid>) = sqlx::query_as(
        "select category, resolution_method, description, round_id from doubt where not (id = any($1))",
    )
    .bind(&doubts)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        raised,
        (
            "other".into(),
            "check_references".into(),
            "Struggled to delegate under pressure.".into(),
            None
        )
    );
    let actions: Vec<(String, String)> =
        sqlx::query_as("select entity, action from audit_event order by id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert!(actions.contains(&("reference_check".into(), "recorded".into())));
    assert!(actions.contains(&("doubt".into(), "resolved".into())));
    let candidate = app
        .get_html(&manager, &format!("/candidates/{}", round.candidate_id))
        .await;
    assert!(candidate.contains("Reference check with Kari Nordmann"));
    assert!(candidate.contains(&format!("id=\"reference-{check_id}\"")));
}

#[tokio::test]
async fn a_reference_form_posted_twice_records_one_check() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let manager = manager_client(&app, &round).await;
    let path = format!("/candidates/{}/references", round.candidate_id);
    let form_id = Uuid::new_v4().to_string();
    let today = today();
    let fields = [
        ("form_id", form_id.as_str()),
        ("referee_name", "Per Olsen"),
        ("contact_method", "email"),
        ("consent", "on"),
        ("checked_on", today.as_str()),
        ("summary", "Reliable, precise."),
        ("concerns", "Missed two deadlines."),
    ];
    for _ in 0..2 {
        let response = app.post_form(&manager, &path, &fields).await;
        assert_eq!(response.status(), 303);
    }
    assert_eq!(count(&app, "select count(*) from reference_check").await, 1);
    assert_eq!(count(&app, "select count(*) from doubt").await, 1);
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where entity = 'reference_check'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn a_ticked_doubt_settled_meanwhile_is_named_as_the_reason() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let manager = manager_client(&app, &round).await;
    let doubt: Uuid = sqlx::query_scalar(
        "insert into doubt (candidate_id, round_id, category, description, resolution_method, raised_by)
         values ($1, $2, 'experience', 'Why she left after 14 months', 'check_references', $3) returning id",
    )
    .bind(round.candidate_id)
    .bind(round.id)
    .bind(round.manager.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let path = format!("/candidates/{}/references", round.candidate_id);
    // The form is open with the doubt listed; a colleague settles it meanwhile.
    let page = app.get_html(&manager, &path).await;
    assert!(page.contains(&format!("value=\"{doubt}\"")));
    let settled = app
        .post_form(
            &manager,
            &format!("/doubts/{doubt}/resolve"),
            &[
                ("fact_kind", "information"),
                ("fact_what", "Asked the previous employer's HR"),
                ("fact_source", "HR at Acme, by phone"),
                ("fact_outcome", "The team was closed down"),
            ],
        )
        .await;
    assert_eq!(settled.status(), 303);
    let today = today();
    let ticked = doubt.to_string();
    let response = app
        .post_form(
            &manager,
            &path,
            &[
                ("form_id", &Uuid::new_v4().to_string()),
                ("referee_name", "Kari Nordmann"),
                ("contact_method", "phone"),
                ("consent", "on"),
                ("checked_on", &today),
                ("summary", "Led the migration herself."),
                ("settles", &ticked),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains(
            "id=\"settles-error\">A doubt you ticked was settled or confirmed by someone else meanwhile"
        ),
        "the reason is shown, not only the summary: {html}"
    );
    assert!(html.contains(">Led the migration herself.</textarea>"));
    assert_eq!(count(&app, "select count(*) from reference_check").await, 0);
}
