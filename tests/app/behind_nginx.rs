//! Two instances behind nginx, run with the committed `deploy/` site over HTTPS
//! and HTTP/2 as in production: sign-in through nginx with secure cookies and
//! the origin check, a tablet's saves spread over both instances, one instance
//! killed mid-stream, and every acknowledged save stored with the last winning.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::redirect::Policy;
use reqwest::{StatusCode, Version};
use secondround::app::SESSION_COOKIE;
use secondround::auth::Role;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::walk::Round;
use crate::support::{TestApp, TestUser, extract_meta};

/// The site as deployed; the test rewrites only what must differ here.
const SITE: &str = include_str!("../../deploy/nginx-secondround.conf");

/// nginx from Debian's package, installed by `./dev test`.
fn nginx_binary() -> PathBuf {
    let path = std::env::var("SECONDROUND_TEST_NGINX").unwrap_or_else(|_| "/usr/sbin/nginx".into());
    let path = PathBuf::from(path);
    assert!(
        path.is_file(),
        "no nginx at {} (./dev test installs Debian's nginx; or set SECONDROUND_TEST_NGINX)",
        path.display()
    );
    path
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A process killed (SIGKILL) when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A folder of its own under the system's temporary folder, removed on drop.
struct Folder(PathBuf);

impl Folder {
    fn new() -> Folder {
        let path =
            std::env::temp_dir().join(format!("secondround-nginx-{}", Uuid::new_v4().simple()));
        std::fs::create_dir_all(&path).unwrap();
        Folder(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Ports {
    instances: [u16; 2],
    http: u16,
    https: u16,
}

/// `deploy/nginx-secondround.conf` with the test's ports, certificate and
/// loopback address put in; every line replaced must be found exactly once, so
/// the test follows the site file rather than a copy of it.
fn runnable_site(ports: &Ports, dir: &Path) -> String {
    let swaps = [
        (
            "server 127.0.0.1:8080 ",
            format!("server 127.0.0.1:{} ", ports.instances[0]),
        ),
        (
            "server 127.0.0.1:8081 ",
            format!("server 127.0.0.1:{} ", ports.instances[1]),
        ),
        ("listen 80;", format!("listen 127.0.0.1:{};", ports.http)),
        (
            "listen 443 ssl",
            format!("listen 127.0.0.1:{} ssl", ports.https),
        ),
        (
            "/etc/ssl/secondround/fullchain.pem",
            dir.join("cert.pem").display().to_string(),
        ),
        (
            "/etc/ssl/secondround/privkey.pem",
            dir.join("key.pem").display().to_string(),
        ),
    ];
    // The test listens on 127.0.0.1 only.
    let mut site: String = SITE
        .lines()
        .filter(|line| !line.trim_start().starts_with("listen [::]"))
        .map(|line| format!("{line}\n"))
        .collect();
    for (from, to) in swaps {
        assert_eq!(
            site.matches(from).count(),
            1,
            "deploy/nginx-secondround.conf no longer has {from:?} once; update the test's substitutions"
        );
        site = site.replace(from, &to);
    }
    site
}

/// nginx as the current user, in the foreground, everything under `dir`: no
/// system service, no worker processes (as root they would switch user).
fn start_nginx(ports: &Ports, dir: &Path) -> Running {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    std::fs::write(dir.join("cert.pem"), certified.cert.pem()).unwrap();
    std::fs::write(dir.join("key.pem"), certified.signing_key.serialize_pem()).unwrap();
    std::fs::write(dir.join("site.conf"), runnable_site(ports, dir)).unwrap();
    let d = dir.display();
    let main = format!(
        "master_process off;\npid {d}/nginx.pid;\nevents {{ worker_connections 256; }}\n\
         http {{\n  access_log {d}/access.log;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
         fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
         include {d}/site.conf;\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), main).unwrap();
    let error_log = dir.join("error.log");
    Command::new(nginx_binary())
        .arg("-p")
        .arg(dir)
        .arg("-e")
        .arg(&error_log)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .args(["-g", "daemon off;"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(Running)
        .expect("nginx starts")
}

/// `secondround serve` on `port`, as behind a TLS proxy, logging each request to `log`.
/// Both instances take it, so only the proxy stands between a scraper and `/metrics`.
const METRICS_TOKEN: &str = "scrape-through-nginx";

fn start_instance(database_url: &str, port: u16, origin: &str, log: &Path) -> Running {
    let out = std::fs::File::create(log).unwrap();
    Command::new(env!("CARGO_BIN_EXE_secondround"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", database_url)
        .env("SECONDROUND_SECURE_COOKIES", "true")
        .env("SECONDROUND_TRUSTED_ORIGINS", origin)
        .env("SECONDROUND_METRICS_TOKEN", METRICS_TOKEN)
        .env("SECONDROUND_LOG_FORMAT", "json")
        .env("RUST_LOG", "secondround=info,tower_http=debug,warn")
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .map(Running)
        .expect("the binary starts")
}

/// Waits until `url` answers 200, or fails with what `process` wrote to `log`.
async fn until_ready(client: &reqwest::Client, url: &str, process: &mut Running, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(response) = client.get(url).send().await
            && response.status() == StatusCode::OK
        {
            return;
        }
        let exited = process.0.try_wait().unwrap();
        let written = std::fs::read_to_string(log).unwrap_or_default();
        assert!(
            exited.is_none(),
            "{url}: the process exited ({exited:?}):\n{written}"
        );
        assert!(
            Instant::now() < deadline,
            "{url} never answered:\n{written}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// How many rating saves an instance has answered, read from its request log.
fn saves_answered(log: &Path) -> usize {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|line| {
            line.contains("finished processing request")
                && line.contains("\"PUT\"")
                && line.contains("/rating")
        })
        .count()
}

/// A client that trusts only the test's certificate and sends the origin a
/// browser on the site would.
fn tablet_client(dir: &Path, origin: &str) -> reqwest::Client {
    let pem = std::fs::read(dir.join("cert.pem")).unwrap();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("accept-language", "en".parse().unwrap());
    headers.insert("origin", origin.parse().unwrap());
    reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .default_headers(headers)
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The sign-in form, filled in and posted through nginx as a browser would.
async fn post_sign_in(client: &reqwest::Client, base: &str, user: &TestUser) -> reqwest::Response {
    let page = client.get(format!("{base}/login")).send().await.unwrap();
    assert_eq!(
        page.version(),
        Version::HTTP_2,
        "nginx speaks HTTP/2 to the client"
    );
    let token = extract_meta(&page.text().await.unwrap(), "csrf-token").unwrap();
    client
        .post(format!("{base}/login"))
        .form(&[
            ("email", user.email.as_str()),
            ("password", &user.password),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .unwrap()
}

/// Signs `user` in through nginx; returns the session's cross-site token.
async fn sign_in(client: &reqwest::Client, base: &str, user: &TestUser) -> String {
    let signed_in = post_sign_in(client, base, user).await;
    assert_eq!(
        signed_in.status(),
        StatusCode::SEE_OTHER,
        "signed in through nginx"
    );
    let cookies: Vec<String> = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with(&format!("{SESSION_COOKIE}="))),
        "{cookies:?}"
    );
    assert!(
        cookies.iter().all(|c| c.contains("; Secure")),
        "every cookie is Secure: {cookies:?}"
    );
    assert!(
        signed_in
            .headers()
            .contains_key("strict-transport-security")
    );
    let home = client.get(format!("{base}/")).send().await.unwrap();
    extract_meta(&home.text().await.unwrap(), "csrf-token").unwrap()
}

/// One acknowledged save: which question, and what the answer said is stored.
struct Ack {
    question: usize,
    score: usize,
    evidence: String,
    version: i64,
}

/// A tablet saving ratings one after another, each sent again (same save id)
/// until acknowledged, as the walk-through's queue does; it goes on until the
/// instance has been killed and 15 more saves are through.
async fn tablet(
    client: reqwest::Client,
    base: String,
    token: String,
    paths: Vec<String>,
    killed: Arc<AtomicBool>,
) -> Vec<Ack> {
    let mut versions: Vec<Option<i64>> = vec![None; paths.len()];
    let mut acks = Vec::new();
    let mut after_kill = 0;
    let mut k = 0;
    while k < 30 || after_kill < 15 {
        let question = k % paths.len();
        let score = k % 5 + 1;
        let evidence = format!("save {k}");
        let body = json!({
            "score": score, "evidence": evidence,
            "base_version": versions[question], "save_id": Uuid::new_v4()
        });
        let deadline = Instant::now() + Duration::from_secs(20);
        let version = loop {
            let sent = client
                .put(format!("{base}{}", paths[question]))
                .header("accept", "application/json")
                .header("x-csrf-token", &token)
                .json(&body)
                .send()
                .await;
            match sent {
                Ok(response) if response.status() == StatusCode::OK => {
                    let answer: Value = response.json().await.unwrap();
                    break answer["version"].as_i64().unwrap();
                }
                Ok(response) if response.status().is_server_error() => {}
                Ok(response) => panic!(
                    "save {k} refused: {} {}",
                    response.status(),
                    response.text().await.unwrap_or_default()
                ),
                Err(_) => {}
            }
            assert!(Instant::now() < deadline, "save {k} never acknowledged");
            // A tablet's pause before sending again; the outcome waits on the answer.
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        versions[question] = Some(version);
        acks.push(Ack {
            question,
            score,
            evidence,
            version,
        });
        if killed.load(Ordering::SeqCst) {
            after_kill += 1;
        }
        k += 1;
    }
    acks
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_behind_nginx_keep_every_acknowledged_save() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let rated = round.rated(&app).await;
    let paths: Vec<String> = (0..rated.len())
        .filter(|&i| rated[i])
        .take(4)
        .map(|i| round.rating_path(i))
        .collect();
    let questions: Vec<Uuid> = (0..rated.len())
        .filter(|&i| rated[i])
        .take(4)
        .map(|i| round.questions[i])
        .collect();

    let dir = Folder::new();
    let ports = Ports {
        instances: [free_port(), free_port()],
        http: free_port(),
        https: free_port(),
    };
    let base = format!("https://127.0.0.1:{}", ports.https);
    let logs = [dir.0.join("a.log"), dir.0.join("b.log")];
    let plain = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap();
    let mut a = start_instance(&app.db.url(), ports.instances[0], &base, &logs[0]);
    let mut b = start_instance(&app.db.url(), ports.instances[1], &base, &logs[1]);
    for (port, (instance, log)) in ports
        .instances
        .iter()
        .zip([(&mut a, &logs[0]), (&mut b, &logs[1])])
    {
        until_ready(
            &plain,
            &format!("http://127.0.0.1:{port}/readyz"),
            instance,
            log,
        )
        .await;
    }
    let mut nginx = start_nginx(&ports, &dir.0);
    let probe = tablet_client(&dir.0, &base);
    until_ready(
        &probe,
        &format!("{base}/healthz"),
        &mut nginx,
        &dir.0.join("error.log"),
    )
    .await;

    // Plain HTTP is sent to HTTPS.
    let redirected = plain
        .get(format!("http://127.0.0.1:{}/login", ports.http))
        .send()
        .await
        .unwrap();
    assert_eq!(redirected.status(), StatusCode::MOVED_PERMANENTLY);
    assert!(
        redirected.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("https://127.0.0.1")
    );

    // Metrics are scraped from each instance, never through the proxy (which
    // would mix the instances' figures and put them on the public address).
    let direct = plain
        .get(format!("http://127.0.0.1:{}/metrics", ports.instances[0]))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(direct.status(), StatusCode::OK);
    let proxied = probe
        .get(format!("{base}/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(proxied.status(), StatusCode::NOT_FOUND);

    // Two tablets, each a panel member signed in through nginx.
    let mut tablets = Vec::new();
    for _ in 0..2 {
        let user = app.create_user(Role::Panelist).await;
        let member_id = round.seat(&app, &user, "other").await;
        let client = tablet_client(&dir.0, &base);
        let token = sign_in(&client, &base, &user).await;
        tablets.push((member_id, client, token));
    }

    // The origin check: the same sign-in that passed from our origin is
    // refused from a foreign one.
    let foreign = tablet_client(&dir.0, "https://evil.example");
    let user = app.create_user(Role::Panelist).await;
    let refused = post_sign_in(&foreign, &base, &user).await;
    assert_eq!(
        refused.status(),
        StatusCode::FORBIDDEN,
        "a foreign origin is refused"
    );

    let killed = Arc::new(AtomicBool::new(false));
    let running: Vec<_> = tablets
        .iter()
        .map(|(_, client, token)| {
            tokio::spawn(tablet(
                client.clone(),
                base.clone(),
                token.clone(),
                paths.clone(),
                killed.clone(),
            ))
        })
        .collect();
    // Once both instances have answered saves, the first dies mid-stream.
    let deadline = Instant::now() + Duration::from_secs(30);
    while saves_answered(&logs[0]) < 3 || saves_answered(&logs[1]) < 3 {
        assert!(
            Instant::now() < deadline,
            "the saves did not reach both instances"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    a.0.kill().unwrap();
    a.0.wait().unwrap();
    let b_at_kill = saves_answered(&logs[1]);
    killed.store(true, Ordering::SeqCst);
    let mut all_acks = Vec::new();
    for handle in running {
        all_acks.push(handle.await.unwrap());
    }
    assert!(
        saves_answered(&logs[1]) >= b_at_kill + 15,
        "the other instance took the saves after the kill"
    );

    // Every acknowledged save is stored once, and the last one wins.
    for ((member_id, _, _), acks) in tablets.iter().zip(&all_acks) {
        for (index, question) in questions.iter().enumerate() {
            let mine: Vec<&Ack> = acks.iter().filter(|ack| ack.question == index).collect();
            let last = mine.last().expect("each question was saved");
            let stored: (Option<i16>, String, i32) = sqlx::query_as(
                "select score, evidence, version from rating where round_question_id = $1 and panel_member_id = $2",
            )
            .bind(question)
            .bind(member_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
            assert_eq!(
                stored,
                (
                    Some(last.score as i16),
                    last.evidence.clone(),
                    mine.len() as i32
                ),
                "the last acknowledged save is stored, after one version per acknowledged save"
            );
            assert_eq!(last.version, i64::from(stored.2));
        }
    }
    drop(nginx);
    drop(b);
}
