//! The session and its user are read in one query, afresh on every request, and
//! only the user's id is stored with the session.

use std::cell::Cell;
use std::sync::Once;

use secondround::auth::Role;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

use crate::support::TestApp;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static QUERIES: Cell<usize> = const { Cell::new(0) };
}

/// Counts the statements sqlx runs (its `sqlx::query` log events) on threads
/// that ask for it. A test's runtime has one thread, which its server runs on
/// too, so that thread's count is exactly the server's queries. The subscriber
/// is the process's global one: a subscriber set for one thread only can miss
/// events when other tests' threads decide what is logged.
struct CountQueries;

impl<S: tracing::Subscriber> Layer<S> for CountQueries {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" && COUNTING.get() {
            QUERIES.set(QUERIES.get() + 1);
        }
    }
}

async fn queries_of(app: &TestApp, client: &reqwest::Client, path: &str) -> usize {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(CountQueries))
            .expect("no other global subscriber in the tests");
    });
    QUERIES.set(0);
    COUNTING.set(true);
    app.get_html(client, path).await;
    COUNTING.set(false);
    QUERIES.get()
}

#[tokio::test]
async fn a_page_reads_the_session_and_its_user_in_one_query() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login_as(Role::Panelist).await;
    // The first page after signing in notes the activity in the session (a write).
    app.get_html(&client, "/").await;

    // The session with its user, then the member's interviews and open doubts in one.
    assert_eq!(queries_of(&app, &client, "/").await, 2);
}

#[tokio::test]
async fn the_session_row_names_its_user_and_stores_no_copy_of_the_user() {
    let app = TestApp::spawn().await;
    let (client, user) = app.login_as(Role::Panelist).await;
    // A page that writes the session back (the first one notes the activity).
    app.get_html(&client, "/").await;

    let rows: Vec<(Option<uuid::Uuid>, Vec<u8>)> =
        sqlx::query_as("select user_id, data from user_session")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(rows.len(), 1);
    let (user_id, data) = &rows[0];
    assert_eq!(*user_id, Some(user.id));
    let record: tower_sessions::session::Record = rmp_serde::from_slice(data).unwrap();
    assert!(record.data.contains_key("auth.user_id"));
    assert!(
        !record.data.contains_key("auth.loaded_user"),
        "the user read with the session is not stored: {:?}",
        record.data.keys()
    );
}

#[tokio::test]
async fn a_role_changed_since_sign_in_counts_on_the_next_request() {
    let app = TestApp::spawn().await;
    let (client, user) = app.login_as(Role::Admin).await;
    app.get_html(&client, "/admin/users").await;

    sqlx::query("update app_user set role = 'panelist' where id = $1")
        .bind(user.id)
        .execute(&app.pool)
        .await
        .unwrap();

    assert_eq!(app.get(&client, "/admin/users").await.status(), 403);
}

#[tokio::test]
async fn a_session_stored_without_its_user_still_finds_the_user() {
    let app = TestApp::spawn().await;
    let (client, user) = app.login_as(Role::Panelist).await;
    // As a row written before sessions named their user.
    sqlx::query("update user_session set user_id = null")
        .execute(&app.pool)
        .await
        .unwrap();

    let dashboard = app.get_html(&client, "/").await;
    assert!(dashboard.contains(&user.email), "still signed in");
}
