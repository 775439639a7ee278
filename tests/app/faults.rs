//! Faults: the database gone or its connections cut. Pages answer 503 with a
//! message in the user's language (never a 500), and the server recovers by itself.

use std::time::Duration;

use secondround::auth::Role;
use secondround::config::ServerConfig;
use secondround::startup::Application;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::support::TestApp;

#[tokio::test]
async fn pages_answer_503_while_the_database_is_gone() {
    // A database nobody listens for, as when Postgres is stopped.
    let options = PgConnectOptions::new()
        .host("127.0.0.1")
        .port(1)
        .username("postgres")
        .database("gone");
    let pool = PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(2))
        .connect_lazy_with(options);
    let config = ServerConfig {
        bind: "127.0.0.1:0".parse().unwrap(),
        ..ServerConfig::for_tests()
    };
    let app = Application::build(pool, config).await.unwrap();
    let base = format!("http://{}", app.address());
    let server = tokio::spawn(async move {
        app.run_until(std::future::pending::<()>()).await.unwrap();
    });
    let client = TestApp::client();
    // The sign-in page needs no database: it still shows.
    let sign_in = client.get(format!("{base}/login")).send().await.unwrap();
    assert_eq!(sign_in.status(), 200);
    // A tablet that was signed in: its session cannot be read.
    let cookie = "secondround_session=AAAAAAAAAAAAAAAAAAAAAA";
    for (method, path) in [("GET", "/"), ("GET", "/positions"), ("POST", "/login")] {
        let request = match method {
            "GET" => client.get(format!("{base}{path}")),
            _ => client
                .post(format!("{base}{path}"))
                .form(&[("email", "a@b.no")]),
        }
        .header("cookie", cookie);
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 503, "{method} {path}");
        let body = response.text().await.unwrap();
        assert!(
            body.contains("The service is briefly unavailable; nothing was lost."),
            "{method} {path}: {body}"
        );
    }
    let ready = client.get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 503);
    let alive = client.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(alive.status(), 200, "the process itself answers");
    server.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_recovers_by_itself_when_every_database_connection_is_cut() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login_as(Role::Hr).await;
    assert_eq!(app.get(&client, "/").await.status(), 200);
    let mut admin = app.db.new_pool().await.acquire().await.unwrap();
    let cut: i64 = sqlx::query_scalar(
        "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()) t",
    )
    .fetch_one(&mut *admin)
    .await
    .unwrap();
    assert!(cut > 0, "the server's connections were cut");
    let mut statuses = Vec::new();
    for _ in 0..10 {
        let status = app.get(&client, "/").await.status().as_u16();
        statuses.push(status);
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert_eq!(statuses.last(), Some(&200), "recovered: {statuses:?}");
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 503),
        "no 500 on the way: {statuses:?}"
    );
}
