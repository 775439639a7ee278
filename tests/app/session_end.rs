//! A tablet whose session ended keeps its queued ratings: the save is answered
//! 401 (not 403, which the walk-through drops as refused for good), and once the
//! member signs in again the same save is stored exactly once.

use serde_json::json;
use uuid::Uuid;

use crate::support::walk::Round;
use crate::support::{TestApp, until_a_backend_waits_for_a_lock};

async fn rating_count(app: &TestApp, question: Uuid, member: Uuid) -> i64 {
    sqlx::query_scalar(
        "select count(*) from rating where round_question_id = $1 and panel_member_id = $2",
    )
    .bind(question)
    .bind(member)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

async fn put(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    token: &str,
    save_id: Uuid,
) -> reqwest::Response {
    client
        .put(app.url(path))
        .header("accept", "application/json")
        .header("x-csrf-token", token)
        .json(&json!({ "score": 4, "evidence": "Queued while offline.", "base_version": null, "save_id": save_id }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_save_on_an_expired_session_is_401_and_is_stored_once_after_signing_in_again() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let token = app.csrf_token(&me.client).await;
    // The idle timeout passes: the store no longer has the session.
    sqlx::query("delete from user_session")
        .execute(&app.pool)
        .await
        .unwrap();
    let save_id = Uuid::new_v4();
    let path = round.rating_path(3);
    let expired = put(&app, &me.client, &path, &token, save_id).await;
    assert_eq!(
        expired.status(),
        401,
        "the tablet is told to sign in, not refused for good"
    );
    let body: serde_json::Value = expired.json().await.unwrap();
    assert!(body["error"].is_string());
    assert_eq!(
        rating_count(&app, round.questions[3], me.member_id).await,
        0
    );

    let again = app
        .login(&me.client, &me.user.email, &me.user.password)
        .await;
    assert_eq!(again.status(), 303);
    let fresh = app.csrf_token(&me.client).await;
    for _ in 0..2 {
        let replayed = put(&app, &me.client, &path, &fresh, save_id).await;
        assert_eq!(replayed.status(), 200);
    }
    assert_eq!(
        rating_count(&app, round.questions[3], me.member_id).await,
        1
    );
}

#[tokio::test]
async fn a_save_with_the_token_of_before_signing_in_again_elsewhere_is_401() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let old = app.csrf_token(&me.client).await;
    // Another tab on the same tablet signs in again: the session and its token renew.
    let again = app
        .login(&me.client, &me.user.email, &me.user.password)
        .await;
    assert_eq!(again.status(), 303);
    let stale = put(
        &app,
        &me.client,
        &round.rating_path(1),
        &old,
        Uuid::new_v4(),
    )
    .await;
    assert_eq!(stale.status(), 401);
    assert_eq!(
        rating_count(&app, round.questions[1], me.member_id).await,
        0
    );
}

#[tokio::test]
async fn a_form_posted_on_an_ended_session_leads_to_sign_in_and_another_site_is_still_refused() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let token = app.csrf_token(&me.client).await;
    sqlx::query("delete from user_session")
        .execute(&app.pool)
        .await
        .unwrap();
    let form = me
        .client
        .post(app.url(&round.path("/interview/1")))
        .form(&[("score", "3"), ("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 303);
    assert!(
        form.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
    // Signed in, a form without the right token is still a cross-site refusal.
    let (client, _) = app.login_as(secondround::auth::Role::Manager).await;
    let refused = client
        .post(app.url("/positions"))
        .form(&[("title", "Forged"), ("csrf_token", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_held_open_across_sign_out_does_not_sign_the_user_in_again() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let signed_in = app
        .login(&client, &round.manager.email, &round.manager.password)
        .await;
    assert_eq!(signed_in.status(), 303);
    let base: url::Url = app.address.parse().unwrap();
    use reqwest::cookie::CookieStore;
    let old_cookie = jar.cookies(&base).expect("a session cookie");
    let token = app.csrf_token(&client).await;

    // A decision that loaded the session, then waits on the candidate's lock.
    let mut holder = app.pool.begin().await.unwrap();
    sqlx::query("select id from candidate where id = $1 for update")
        .bind(round.candidate_id)
        .execute(&mut *holder)
        .await
        .unwrap();
    let held = client
        .post(app.url(&format!("/candidates/{}/decision", round.candidate_id)))
        .form(&[
            ("decision", "on_hold"),
            ("rationale", "Waiting for the reference."),
            ("csrf_token", &token),
        ])
        .send();
    let held = tokio::spawn(held);
    until_a_backend_waits_for_a_lock(&app.pool).await;
    assert!(!held.is_finished(), "the decision waits for the lock");
    let signed_out = app.post_form(&client, "/logout", &[]).await;
    assert_eq!(signed_out.status(), 303);
    let sid = old_cookie
        .to_str()
        .unwrap()
        .trim_start_matches("secondround_session=")
        .to_owned();
    let left: i64 = sqlx::query_scalar("select count(*) from user_session where id = $1")
        .bind(&sid)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "signing out removed the session {sid}");
    holder.commit().await.unwrap();
    let finished = held.await.unwrap().unwrap();
    assert_eq!(finished.status(), 303, "the held request finishes");
    let location = finished.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with(&format!("/candidates/{}", round.candidate_id)),
        "the held request was served as signed in, not sent to sign in: {location}"
    );
    let stored: i64 = sqlx::query_scalar("select count(*) from decision where candidate_id = $1")
        .bind(round.candidate_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 1, "the held decision was stored");

    // The old cookie opens nothing: the held request did not write the session back.
    let stranger = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let dashboard = stranger
        .get(app.url("/"))
        .header("cookie", old_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(dashboard.status(), 303, "sent to sign in");
    assert!(
        dashboard.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );
}

#[tokio::test]
async fn the_token_in_the_address_counts_only_for_an_upload() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login_as(secondround::auth::Role::Manager).await;
    let token = app.csrf_token(&client).await;
    let response = client
        .post(app.url(&format!("/positions?csrf_token={token}")))
        .form(&[("title", "Token in the address")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let stored: i64 = sqlx::query_scalar("select count(*) from position")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}
