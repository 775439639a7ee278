//! The limits every request lives within: the request timeout, the body limit,
//! the idle session timeout and a candidate's field limits on every write path.

use secondround::auth::Role;
use secondround::candidates::fields::CandidateField;
use secondround::case::{Case, NewCandidate};
use secondround::config::ServerConfig;

use crate::support::TestApp;
use crate::support::walk::Round;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_takes_longer_than_the_timeout_is_answered_408() {
    let app = TestApp::spawn_with(ServerConfig {
        request_timeout_secs: 1,
        ..ServerConfig::for_tests()
    })
    .await;
    let round = Round::plan(&app).await;
    let manager = round.manager_member(&app).await;
    // The decision waits for the candidate, which this transaction holds for 3 s.
    let mut holder = app.pool.begin().await.unwrap();
    sqlx::query("select id from candidate where id = $1 for update")
        .bind(round.candidate_id)
        .execute(&mut *holder)
        .await
        .unwrap();
    let release = tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        holder.rollback().await.unwrap();
    });
    let response = app
        .post_form(
            &manager.client,
            &format!("/candidates/{}/decision", round.candidate_id),
            &[
                ("decision", "on_hold"),
                ("rationale", "Waiting for the reference."),
            ],
        )
        .await;
    assert_eq!(response.status(), 408);
    assert!(
        response.text().await.unwrap().contains("<html"),
        "a page, not a bare status"
    );
    release.await.unwrap();
    let stored: i64 = sqlx::query_scalar("select count(*) from decision")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "the timed-out request stored nothing");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login_as(Role::Manager).await;
    let token = app.csrf_token(&client).await;
    let huge = "x".repeat(secondround::web::MAX_BODY_BYTES + 1024);
    let response = client
        .post(app.url("/positions"))
        .header("x-csrf-token", token)
        .form(&[("title", huge.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let stored: i64 = sqlx::query_scalar("select count(*) from position")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_session_idle_past_its_expiry_is_signed_out() {
    let app = TestApp::spawn_with(ServerConfig {
        session_idle_minutes: 30,
        ..ServerConfig::for_tests()
    })
    .await;
    let (client, _) = app.login_as(Role::Hr).await;
    // The store keeps the session for the idle time, counted from the last activity.
    let minutes: f64 = sqlx::query_scalar(
        "select (extract(epoch from max(expiry_date) - now()) / 60)::float8 from user_session",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(
        (29.0..=30.5).contains(&minutes),
        "expires in {minutes} minutes"
    );
    assert_eq!(app.get(&client, "/").await.status(), 200);
    sqlx::query("update user_session set expiry_date = now() - interval '1 second'")
        .execute(&app.pool)
        .await
        .unwrap();
    let after = app.get(&client, "/").await;
    assert_eq!(after.status(), 303);
    assert!(
        after.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
}

/// A candidate's values: Kari, with `value` in `field`.
fn kari(field: CandidateField, value: &str) -> Vec<(&'static str, String)> {
    CandidateField::ALL
        .into_iter()
        .map(|f| {
            let default = if f == CandidateField::Name {
                "Kari"
            } else {
                ""
            };
            (
                f.code(),
                if f == field { value } else { default }.to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_candidate_form_and_the_case_builder_hold_every_field_to_its_limit() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    let position = app.position_for(&manager, "Support engineer").await;
    let path = format!("/positions/{position}/candidates");
    let case = Case::new(&app.pool);
    let candidate = |values: &[(&'static str, String)]| {
        let get = |code: &str| values.iter().find(|(c, _)| *c == code).unwrap().1.clone();
        [
            get("name"),
            get("email"),
            get("phone"),
            get("source"),
            get("first_round_summary"),
            get("open_questions"),
        ]
    };
    let mut stored = 0;
    for field in CandidateField::ALL {
        let at_limit = match field {
            CandidateField::Email => format!("{}{stored}@example.no", "k".repeat(242)),
            _ => "å".repeat(field.max_chars()),
        };
        let over = format!("{at_limit}x");
        for (value, fits) in [(&over, false), (&at_limit, true)] {
            let values = kari(field, value);
            let form: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = app.post_form(&client, &path, &form).await;
            let expected = if fits { 303 } else { 422 };
            assert_eq!(
                response.status(),
                expected,
                "the form, {field:?} of {}",
                value.chars().count()
            );
            let [name, email, phone, source, summary, questions] = candidate(&values);
            // Another address of the same length: the form's candidate has this one.
            let email = email.replacen('k', "c", 1);
            let new = NewCandidate {
                name: &name,
                email: &email,
                phone: &phone,
                source: &source,
                first_round_summary: &summary,
                open_questions: &questions,
            };
            let built = case.candidate(position, &new, manager.id).await;
            assert_eq!(
                built.is_ok(),
                fits,
                "the case builder, {field:?}: {built:?}"
            );
            stored += if fits { 2 } else { 0 };
        }
    }
    let count: i64 = sqlx::query_scalar("select count(*) from candidate where position_id = $1")
        .bind(position)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, stored);
}
