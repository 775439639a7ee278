//! What the app tells an operator's monitoring: `/metrics` in Prometheus'
//! text, behind a bearer token or on an address of its own, with labels that
//! name route templates and fixed words, never a path as asked or a person.
//! The recorder is one per process and the tests run side by side, so counts
//! are checked as growth, never as totals.

use std::process::Stdio;
use std::time::Duration;

use secondround::config::ServerConfig;
use secondround::redact::Secret;
use serde_json::json;
use uuid::Uuid;

use crate::process_faults::{Server, free_port};
use crate::support::TestApp;
use crate::support::walk::{Round, put_rating};

const TOKEN: &str = "scrape-4f1c9a7e";

/// The sum of the samples of `name` whose labels include every one of `labels`.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (series, value) = line.rsplit_once(' ')?;
            let (series_name, series_labels) = series.split_once('{').unwrap_or((series, ""));
            (series_name == name
                && labels
                    .iter()
                    .all(|(key, value)| series_labels.contains(&format!("{key}=\"{value}\""))))
            .then(|| value.parse::<f64>().ok())?
        })
        .sum()
}

async fn scrape(app: &TestApp) -> String {
    let reply = reqwest::Client::new()
        .get(app.url("/metrics"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    assert!(
        reply.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4"),
    );
    reply.text().await.unwrap()
}

async fn with_token() -> TestApp {
    TestApp::spawn_with(ServerConfig {
        metrics_token: Some(Secret::new(TOKEN)),
        ..ServerConfig::for_tests()
    })
    .await
}

#[tokio::test]
async fn metrics_are_not_public_without_a_token_and_refuse_a_wrong_one() {
    let app = TestApp::spawn().await;
    let reply = reqwest::get(app.url("/metrics")).await.unwrap();
    assert_eq!(
        reply.status(),
        404,
        "no token set: only the metrics address serves them"
    );

    let app = with_token().await;
    let client = reqwest::Client::new();
    let bare = client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(bare.status(), 401);
    let wrong = client
        .get(app.url("/metrics"))
        .bearer_auth("scrape-4f1c9a7f")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    // A signed-in admin's session opens nothing either.
    let (admin, _) = app.login_as(secondround::auth::Role::Admin).await;
    let session = admin.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(session.status(), 401);
}

#[tokio::test]
async fn requests_are_counted_by_route_template_and_status_without_ids_or_addresses() {
    let app = with_token().await;
    let round = Round::plan(&app).await;
    let candidate_page = format!("/candidates/{}", round.candidate_id);
    let labels = [
        ("method", "GET"),
        ("route", "/candidates/{id}"),
        ("status", "200"),
    ];
    let before = scrape(&app).await;

    let client = TestApp::client();
    let signed_in = app
        .login(&client, &round.manager.email, &round.manager.password)
        .await;
    assert_eq!(signed_in.status(), 303);
    for _ in 0..3 {
        let page = client.get(app.url(&candidate_page)).send().await.unwrap();
        assert_eq!(page.status(), 200);
    }
    let unknown = client
        .get(app.url(&format!("/no-such-page/{}", round.manager.email)))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);

    let after = scrape(&app).await;
    let grown = sample(&after, "secondround_http_requests_total", &labels)
        - sample(&before, "secondround_http_requests_total", &labels);
    assert!(grown >= 3.0, "three candidate pages counted, got {grown}");
    let timed = sample(
        &after,
        "secondround_http_request_duration_seconds_count",
        &[("method", "GET"), ("route", "/candidates/{id}")],
    );
    assert!(timed >= 3.0, "and timed: {timed}");
    assert!(
        after.contains("secondround_http_request_duration_seconds_bucket{"),
        "latency as a histogram, with buckets"
    );
    assert!(
        sample(
            &after,
            "secondround_http_requests_total",
            &[("route", "unmatched"), ("status", "404")]
        ) >= 1.0
    );
    // Neither the id in the path, nor the address in the unknown path, nor the
    // manager's name appears in any series.
    assert!(!after.contains(&round.candidate_id.to_string()));
    assert!(!after.contains(&round.manager.email));
    assert!(!after.contains("no-such-page"));
}

#[tokio::test]
async fn rating_saves_failed_sign_ins_the_pool_the_outbox_and_memory_are_reported() {
    let app = with_token().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let rated = round.rated(&app).await;
    let first_rated = rated.iter().position(|rated| *rated).unwrap();
    let before = scrape(&app).await;

    let saved = put_rating(
        &app,
        &me.client,
        &round.rating_path(first_rated),
        json!({ "score": 4, "evidence": "Clear.", "base_version": null, "save_id": Uuid::new_v4() }),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let stale = put_rating(
        &app,
        &me.client,
        &round.rating_path(first_rated),
        json!({ "score": 2, "evidence": "Stale.", "base_version": null, "save_id": Uuid::new_v4() }),
    )
    .await;
    assert_eq!(stale.status(), 409);
    let refused = app
        .login(&TestApp::client(), &round.manager.email, "not the password")
        .await;
    assert_eq!(refused.status(), 401);

    let after = scrape(&app).await;
    let growth = |name: &str, labels: &[(&str, &str)]| {
        sample(&after, name, labels) - sample(&before, name, labels)
    };
    assert!(growth("secondround_rating_saves_total", &[("outcome", "stored")]) >= 1.0);
    assert!(growth("secondround_rating_saves_total", &[("outcome", "conflict")]) >= 1.0);
    assert!(
        growth(
            "secondround_sign_in_failures_total",
            &[("method", "password"), ("reason", "wrong_credentials")]
        ) >= 1.0
    );
    assert!(sample(&after, "secondround_db_pool_max_connections", &[]) >= 1.0);
    // Both states reported, and together the pool's size (at least the one connection the scrape used).
    for state in ["idle", "in_use"] {
        assert!(
            after.contains(&format!(
                "secondround_db_pool_connections{{state=\"{state}\"}}"
            )),
            "{state}"
        );
    }
    assert!(sample(&after, "secondround_db_pool_connections", &[]) >= 1.0);
    assert!(sample(&after, "process_resident_memory_bytes", &[]) > 1_000_000.0);

    // The backlog is the database's: a pending mail shows at the next scrape.
    sqlx::query(
        "insert into mail_outbox (kind, recipient, locale, subject, body, message_id, created_at)
         values ('reminder', 'panel@example.com', 'en', 'Reminder', '{}', 'm-1', now() - interval '90 seconds')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let later = scrape(&app).await;
    assert_eq!(sample(&later, "secondround_mail_outbox_pending", &[]), 1.0);
    assert!(
        sample(
            &later,
            "secondround_mail_outbox_oldest_pending_seconds",
            &[]
        ) >= 90.0
    );
    assert!(!later.contains("panel@example.com"));
}

#[tokio::test]
async fn background_jobs_are_counted_done_or_skipped_when_another_instance_holds_them() {
    let app = with_token().await;
    let before = scrape(&app).await;
    secondround::privacy::purge::run_once(&app.pool)
        .await
        .unwrap();
    // Another instance's purge holds the lock: this one skips its turn.
    let mut other = app.pool.begin().await.unwrap();
    sqlx::query("select pg_advisory_xact_lock($1)")
        .bind(0x5ec0_0001_i64)
        .execute(&mut *other)
        .await
        .unwrap();
    let skipped = secondround::privacy::purge::run_once(&app.pool)
        .await
        .unwrap();
    assert_eq!(skipped, None);
    other.rollback().await.unwrap();
    let after = scrape(&app).await;
    let growth = |labels: &[(&str, &str)]| {
        sample(&after, "secondround_background_jobs_total", labels)
            - sample(&before, "secondround_background_jobs_total", labels)
    };
    assert!(growth(&[("job", "purge"), ("outcome", "done")]) >= 1.0);
    assert!(growth(&[("job", "purge"), ("outcome", "skipped")]) >= 1.0);
}

/// The binary as deployed: `/metrics` on its own address without a token, the
/// main address without it, and the request id nginx sends in the JSON log
/// (written to standard error).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metrics_address_serves_metrics_alone_and_the_log_carries_the_proxys_request_id() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let metrics_port = free_port();
    let log = std::env::temp_dir().join(format!("secondround-log-{}", Uuid::new_v4()));
    let server = Server::start_with(&app.db.url(), |command| {
        command
            .env(
                "SECONDROUND_METRICS_BIND",
                format!("127.0.0.1:{metrics_port}"),
            )
            .env("SECONDROUND_LOG_FORMAT", "json")
            .env_remove("RUST_LOG")
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()));
    })
    .await;
    let metrics_base = format!("http://127.0.0.1:{metrics_port}");
    let client = reqwest::Client::new();
    let scraped = client
        .get(format!("{metrics_base}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(scraped.status(), 200);
    assert!(
        scraped
            .text()
            .await
            .unwrap()
            .contains("process_resident_memory_bytes")
    );
    let page = client
        .get(format!("{metrics_base}/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.status(),
        404,
        "the metrics address serves nothing else"
    );
    let main = client
        .get(format!("{}/metrics", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(main.status(), 404, "no token: not on the main address");

    // A sign-in as nginx passes it on: its request id names the log line.
    let browser = TestApp::client();
    let token = crate::process_faults::csrf(&browser, &server.base).await;
    let request_id = format!("nginx-{}", Uuid::new_v4().simple());
    let signed_in = browser
        .post(format!("{}/login", server.base))
        .header("x-request-id", &request_id)
        .form(&[
            ("email", round.manager.email.as_str()),
            ("password", round.manager.password.as_str()),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303);
    assert_eq!(signed_in.headers()["x-request-id"], request_id.as_str());
    let mut line = None;
    for _ in 0..100 {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        line = text
            .lines()
            .find(|line| line.contains("\"signed in\""))
            .map(str::to_owned);
        if line.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let line = line.unwrap_or_else(|| {
        panic!(
            "the sign-in is logged: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        )
    });
    let _ = std::fs::remove_file(&log);
    let entry: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(entry["span"]["request_id"], request_id.as_str(), "{line}");
    assert_eq!(entry["span"]["route"], "/login", "{line}");
}
