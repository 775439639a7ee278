//! Faults of the server process itself, run as the real binary: killed with
//! SIGKILL during a burst of saves from 50 tablets (every acknowledged save is
//! stored, the replayed queues store nothing twice), stopped with SIGTERM while
//! a request is in flight (it finishes; new connections are refused; exit 0),
//! and two instances serving one database.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use secondround::auth::Role;
use secondround::config::ServerConfig;
use secondround::startup::Application;
use serde_json::{Value, json};
use tokio::sync::RwLock;
use uuid::Uuid;

use crate::support::walk::{Round, TEMPLATE_EN};
use crate::support::{TestApp, TestUser};

const TABLETS: usize = 50;

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `secondround serve` on a free port of its own.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    async fn start(database_url: &str) -> Server {
        Self::start_from(Path::new(env!("CARGO_BIN_EXE_secondround")), database_url).await
    }

    /// The given copy of the binary, run in its own folder as an operator would.
    pub async fn start_from(binary: &Path, database_url: &str) -> Server {
        Self::start_configured(binary, database_url, |_| {}).await
    }

    /// The test's binary, with `configure` setting more of its environment or output.
    pub async fn start_with(database_url: &str, configure: impl FnOnce(&mut Command)) -> Server {
        Self::start_configured(
            Path::new(env!("CARGO_BIN_EXE_secondround")),
            database_url,
            configure,
        )
        .await
    }

    async fn start_configured(
        binary: &Path,
        database_url: &str,
        configure: impl FnOnce(&mut Command),
    ) -> Server {
        let port = free_port();
        let mut command = Command::new(binary);
        command
            .current_dir(binary.parent().expect("the binary is in a folder"))
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env_remove("SECONDROUND_STATIC_DIR")
            .env("DATABASE_URL", database_url)
            .env("RUST_LOG", "off")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        configure(&mut command);
        let child = command.spawn().expect("the binary starts");
        // Owned at once, so a failed start is still killed and reaped (Drop).
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let probe = reqwest::Client::new();
        for _ in 0..200 {
            if let Ok(reply) = probe.get(format!("{}/healthz", server.base)).send().await
                && reply.status() == 200
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server never answered on {}", server.base);
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// 50 rounds of 50 candidates with one panelist seated on each, as 50 tablets
/// in 50 interviews would be.
async fn rounds_for(app: &TestApp, panelist: &TestUser) -> Vec<(Uuid, Vec<Uuid>)> {
    let manager = app.create_user(Role::Manager).await;
    let position: Uuid = sqlx::query_scalar(
        "insert into position (title, hiring_manager_id) values ('Backend engineer', $1) returning id",
    )
    .bind(manager.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let mut rounds = Vec::new();
    let mut conn = app.pool.acquire().await.unwrap();
    for n in 0..TABLETS {
        let round: Uuid = sqlx::query_scalar(
            "with c as (insert into candidate (position_id, name, status)
                        values ($1, $2, 'in_second_round') returning id)
             insert into interview_round (candidate_id, template_id, status)
             select id, $3::uuid, 'in_progress' from c returning id",
        )
        .bind(position)
        .bind(format!("Candidate {n}"))
        .bind(TEMPLATE_EN)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        let template = TEMPLATE_EN;
        secondround::rounds::snapshot::take(&mut conn, round, template, "Open questions")
            .await
            .unwrap();
        sqlx::query("insert into panel_member (round_id, user_id) values ($1, $2)")
            .bind(round)
            .bind(panelist.id)
            .execute(&mut *conn)
            .await
            .unwrap();
        let questions = sqlx::query_scalar(
            "select id from round_question where round_id = $1 and rated order by section_order, question_order",
        )
        .bind(round)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        rounds.push((round, questions));
    }
    rounds
}

/// What a tablet ends with: the saves the server acknowledged, and the last
/// value it saved for each question.
struct Tablet {
    acknowledged: Vec<Uuid>,
    last: HashMap<Uuid, String>,
}

/// Rates every question twice like the walk-through's script: each save is
/// queued, sent, and dropped from the queue only when answered 2xx; when the
/// server is gone the queue waits and is replayed in order, same save ids.
async fn tablet(
    client: reqwest::Client,
    base: Arc<RwLock<String>>,
    token: String,
    round: Uuid,
    questions: Vec<Uuid>,
) -> Tablet {
    let mut versions: HashMap<Uuid, i32> = HashMap::new();
    let mut result = Tablet {
        acknowledged: Vec::new(),
        last: HashMap::new(),
    };
    for pass in 0..2 {
        for (i, question) in questions.iter().enumerate() {
            let save_id = Uuid::new_v4();
            // Unique values, so no save is "the same values again".
            let evidence = format!("pass {pass}, save {save_id}");
            let body = json!({
                "score": (i + pass) % 5 + 1,
                "evidence": evidence,
                "base_version": versions.get(question),
                "save_id": save_id,
            });
            let mut waited = Duration::ZERO;
            let reply: Value = loop {
                let url = format!(
                    "{}/rounds/{round}/questions/{question}/rating",
                    base.read().await
                );
                let sent = client
                    .put(url)
                    .header("accept", "application/json")
                    .header("x-csrf-token", &token)
                    .json(&body)
                    .timeout(Duration::from_secs(10))
                    .send()
                    .await;
                match sent {
                    Ok(response) if response.status().is_success() => {
                        break response.json().await.unwrap();
                    }
                    Ok(response) => panic!("save refused: {}", response.status()),
                    Err(_) => {
                        // The server is gone: keep the save and try again.
                        assert!(
                            waited < Duration::from_secs(60),
                            "the server never came back"
                        );
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        waited += Duration::from_millis(100);
                    }
                }
            };
            versions.insert(*question, reply["version"].as_i64().unwrap() as i32);
            result.acknowledged.push(save_id);
            result.last.insert(*question, evidence);
            tokio::time::sleep(Duration::from_millis(3)).await;
        }
    }
    result
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_server_killed_during_a_burst_of_saves_loses_no_acknowledged_save_and_stores_none_twice()
{
    let app = TestApp::spawn().await;
    let panelist = app.create_user(Role::Panelist).await;
    let rounds = rounds_for(&app, &panelist).await;
    let first = Server::start(&app.db.url()).await;
    let client = TestApp::client();
    let base = Arc::new(RwLock::new(first.base.clone()));
    let token = {
        let signed_in = client
            .post(format!("{}/login", first.base))
            .form(&[
                ("email", panelist.email.as_str()),
                ("password", panelist.password.as_str()),
                ("csrf_token", &csrf(&client, &first.base).await),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(signed_in.status(), 303);
        csrf(&client, &first.base).await
    };
    let tablets: Vec<_> = rounds
        .iter()
        .map(|(round, questions)| {
            tokio::spawn(tablet(
                client.clone(),
                base.clone(),
                token.clone(),
                *round,
                questions.clone(),
            ))
        })
        .collect();
    // Mid-burst (a quarter of the saves applied): SIGKILL, no goodbye. Then a
    // new process takes over.
    let total_saves = rounds.iter().map(|(_, q)| q.len() * 2).sum::<usize>();
    for _ in 0..600 {
        let applied: i64 = sqlx::query_scalar("select count(*) from rating_save")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        if applied as usize >= total_saves / 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut first = first;
    first.child.kill().unwrap();
    first.child.wait().unwrap();
    let applied_before: i64 = sqlx::query_scalar("select count(*) from rating_save")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let second = Server::start(&app.db.url()).await;
    *base.write().await = second.base.clone();

    let mut acknowledged = Vec::new();
    let mut last: HashMap<Uuid, String> = HashMap::new();
    for tablet in tablets {
        let done = tablet.await.unwrap();
        acknowledged.extend(done.acknowledged);
        last.extend(done.last);
    }
    assert_eq!(
        acknowledged.len(),
        total_saves,
        "every save was acknowledged in the end"
    );
    assert!(
        applied_before > 0 && (applied_before as usize) < total_saves,
        "the kill came mid-burst ({applied_before} of {total_saves} applied)"
    );
    let stored: Vec<Uuid> = sqlx::query_scalar("select save_id from rating_save")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let stored: std::collections::HashSet<Uuid> = stored.into_iter().collect();
    let missing = acknowledged
        .iter()
        .filter(|id| !stored.contains(id))
        .count();
    assert_eq!(missing, 0, "every acknowledged save is stored");
    let (ratings, rating_events): (i64, i64) = sqlx::query_as(
        "select (select count(*) from rating),
                (select count(*) from audit_event where entity = 'rating')",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(ratings as usize, last.len(), "one rating per question");
    assert_eq!(
        rating_events as usize,
        stored.len(),
        "each stored save was applied once: one audit event each"
    );
    assert_eq!(stored.len(), total_saves, "and no save more than once");
    let finals: Vec<(Uuid, String)> =
        sqlx::query_as("select round_question_id, evidence from rating")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    for (question, evidence) in finals {
        assert_eq!(Some(&evidence), last.get(&question), "the last save wins");
    }
    drop(second);
}

pub async fn csrf(client: &reqwest::Client, base: &str) -> String {
    let response = client.get(format!("{base}/login")).send().await.unwrap();
    let html = if response.status().is_redirection() {
        client
            .get(format!("{base}/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    } else {
        response.text().await.unwrap()
    };
    crate::support::extract_meta(&html, "csrf-token").expect("a token")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_requests_in_flight_finish_refuses_new_ones_and_exits_0() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let mut server = Server::start(&app.db.url()).await;
    let client = TestApp::client();
    let token = csrf(&client, &server.base).await;
    let signed_in = client
        .post(format!("{}/login", server.base))
        .form(&[
            ("email", round.manager.email.as_str()),
            ("password", round.manager.password.as_str()),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303);
    let token = csrf(&client, &server.base).await;
    // A decision in flight: it waits on the candidate this transaction holds.
    let mut holder = app.pool.begin().await.unwrap();
    sqlx::query("select id from candidate where id = $1 for update")
        .bind(round.candidate_id)
        .execute(&mut *holder)
        .await
        .unwrap();
    let in_flight = tokio::spawn(
        client
            .post(format!(
                "{}/candidates/{}/decision",
                server.base, round.candidate_id
            ))
            .form(&[
                ("decision", "on_hold"),
                ("rationale", "Waiting for the reference."),
                ("csrf_token", token.as_str()),
            ])
            .send(),
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.signal("TERM");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let fresh = reqwest::Client::new()
        .get(format!("{}/healthz", server.base))
        .timeout(Duration::from_secs(2))
        .send()
        .await;
    assert!(fresh.is_err(), "new connections are refused while stopping");
    holder.commit().await.unwrap();
    let finished = in_flight.await.unwrap().unwrap();
    assert_eq!(finished.status(), 303, "the request in flight finished");
    let status = tokio::task::spawn_blocking(move || server.child.wait().unwrap())
        .await
        .unwrap();
    assert_eq!(status.code(), Some(0), "a clean exit");
    let decisions: i64 = sqlx::query_scalar("select count(*) from decision")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(decisions, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_database_share_sign_ins_and_lose_no_update() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    // A second instance: its own process state and pool, the same database.
    let other = Application::build(
        app.db.new_pool().await,
        ServerConfig {
            bind: "127.0.0.1:0".parse().unwrap(),
            ..ServerConfig::for_tests()
        },
    )
    .await
    .unwrap();
    let other_base = format!("http://{}", other.address());
    let server = tokio::spawn(other.run_until(std::future::pending()));
    // Signed in on the first: the second knows the session.
    let page = me
        .client
        .get(format!("{other_base}{}", round.path("/interview/1")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.status(),
        200,
        "a sign-in on one instance is valid on the other"
    );
    let token = app.csrf_token(&me.client).await;
    let path = round.rating_path(3);
    let mut version: Option<i64> = None;
    for n in 0..20 {
        let base = if n % 2 == 0 {
            app.address.clone()
        } else {
            other_base.clone()
        };
        let reply = me
            .client
            .put(format!("{base}{path}"))
            .header("accept", "application/json")
            .header("x-csrf-token", &token)
            .json(&json!({ "score": n % 5 + 1, "evidence": format!("save {n}"), "base_version": version, "save_id": Uuid::new_v4() }))
            .send()
            .await
            .unwrap();
        assert_eq!(reply.status(), 200, "save {n}");
        version = reply.json::<Value>().await.unwrap()["version"].as_i64();
    }
    // A save based on an old version, on either instance, is refused, not applied.
    let stale = me
        .client
        .put(format!("{other_base}{path}"))
        .header("accept", "application/json")
        .header("x-csrf-token", &token)
        .json(&json!({ "score": 1, "evidence": "stale", "base_version": 5, "save_id": Uuid::new_v4() }))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 409);
    let (stored_version, evidence): (i32, String) = sqlx::query_as(
        "select version, evidence from rating where round_question_id = $1 and panel_member_id = $2",
    )
    .bind(round.questions[3])
    .bind(me.member_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((stored_version, evidence.as_str()), (20, "save 19"));
    server.abort();
}
