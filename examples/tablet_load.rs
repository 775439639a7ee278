//! Load benchmark: many simulated tablets walking through interviews at once,
//! loading question screens and saving ratings through the JSON save API.
//!
//! ```sh
//! cargo run --release --example tablet_load -- --tablets 200 --duration-secs 30
//! ```
//! It creates its own database on the Postgres of `DATABASE_URL` (default: the local
//! one), serves the app in-process on a free port, and drops the database at the end.
//! Numbers go to `BENCHMARKS.md`; nothing here is asserted.
//!
//! The server's memory: with `--server-bin target/release/secondround` the app runs
//! as its own process (`secondround serve`) and its peak resident memory (`VmHWM`
//! in `/proc/<pid>/status`) is reported after the sign-ins and after the load.
//! `--simultaneous-sign-ins` signs every tablet in at once instead of one by one,
//! and `--sign-in-only` stops there:
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example tablet_load -- --server-bin target/release/secondround \
//!     --tablets 100 --simultaneous-sign-ins --sign-in-only
//! ```

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use secondround::auth::email::Email;
use secondround::auth::users::{self, NewUser};
use secondround::auth::{Role, password};
use secondround::case::{Case, NewCandidate, NewCriterion, NewPosition, NewRound};
use secondround::config::{DatabaseConfig, ServerConfig};
use secondround::i18n::Locale;
use secondround::rounds::plan::PanelRole;
use secondround::startup::Application;
use sqlx::PgPool;
use tokio::sync::Mutex;
use uuid::Uuid;

#[derive(Parser, Debug)]
struct Args {
    /// Simulated tablets (panel members), four to a round.
    #[arg(long, default_value_t = 200)]
    tablets: usize,
    /// How long to drive load after everyone has signed in.
    #[arg(long, default_value_t = 30)]
    duration_secs: u64,
    /// Mean pause between a tablet's requests in milliseconds, varied ±50% per pause
    /// (0: as fast as possible, which measures capacity rather than latency).
    #[arg(long, default_value_t = 0)]
    think_ms: u64,
    /// Database connections of the server's pool.
    #[arg(long, default_value_t = 32)]
    pool_size: u32,
    /// Run this `secondround` binary as the server, in its own process, and
    /// report its peak memory.
    #[arg(long)]
    server_bin: Option<std::path::PathBuf>,
    /// Sign every tablet in at the same moment (a burst of password checks).
    #[arg(long)]
    simultaneous_sign_ins: bool,
    /// Stop after signing in.
    #[arg(long)]
    sign_in_only: bool,
}

/// The server under test: in this process, or a child process whose memory is its own.
enum Server {
    InProcess {
        stop: tokio::sync::oneshot::Sender<()>,
        task: tokio::task::JoinHandle<std::io::Result<()>>,
    },
    Child(ServerProcess),
}

impl Server {
    async fn start(
        args: &Args,
        pool: &PgPool,
        database_url: &str,
    ) -> anyhow::Result<(Server, String)> {
        let Some(bin) = &args.server_bin else {
            let app = Application::build(pool.clone(), ServerConfig::for_tests()).await?;
            let address = format!("http://{}", app.address());
            let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
            let task = tokio::spawn(app.run_until(async {
                let _ = stopped.await;
            }));
            return Ok((Server::InProcess { stop, task }, address));
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let child = std::process::Command::new(bin)
            .arg("serve")
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .env("DATABASE_URL", database_url)
            .env("SECONDROUND_DB_MAX_CONNECTIONS", args.pool_size.to_string())
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()?;
        let address = format!("http://127.0.0.1:{port}");
        for _ in 0..200 {
            if reqwest::get(format!("{address}/healthz")).await.is_ok() {
                return Ok((Server::Child(ServerProcess(child)), address));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        anyhow::bail!("{} did not start serving", bin.display())
    }

    /// Peak and current resident memory of a child server, in MiB.
    fn memory(&self) -> Option<(f64, f64)> {
        let Server::Child(process) = self else {
            return None;
        };
        let status = std::fs::read_to_string(format!("/proc/{}/status", process.0.id())).ok()?;
        let kib = |key: &str| -> Option<f64> {
            let line = status.lines().find(|line| line.starts_with(key))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        };
        Some((kib("VmHWM:")? / 1024.0, kib("VmRSS:")? / 1024.0))
    }

    fn report_memory(&self, when: &str) {
        if let Some((peak, now)) = self.memory() {
            println!("server memory {when}: peak {peak:.1} MiB, now {now:.1} MiB");
        }
    }

    async fn stop(self) {
        match self {
            Server::InProcess { stop, task } => {
                let _ = stop.send(());
                let _ = task.await;
            }
            Server::Child(process) => drop(process),
        }
    }
}

/// Stops the child server however the run ends, an error included.
struct ServerProcess(std::process::Child);

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const PASSWORD: &str = "benchmark password";

struct Tablet {
    client: reqwest::Client,
    token: String,
    round_id: Uuid,
    questions: Vec<Uuid>,
}

#[derive(Default)]
struct Samples {
    screen: Vec<Duration>,
    save: Vec<Duration>,
    errors: usize,
    conflicts: usize,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let server_url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let base = server_url
        .rsplit_once('/')
        .map(|(base, _)| base.to_owned())
        .unwrap_or(server_url);
    let db_name = format!("secondround_bench_{}", std::process::id());
    let database = DatabaseConfig {
        database_url: format!("{base}/{db_name}"),
        db_max_connections: args.pool_size,
    };
    let pool = secondround::db::connect(&database).await?;
    secondround::db::migrate(&pool).await?;
    let result = run(&args, pool.clone(), &database.database_url).await;
    pool.close().await;
    drop_database(&base, &db_name).await;
    result
}

async fn run(args: &Args, pool: PgPool, database_url: &str) -> anyhow::Result<()> {
    eprintln!("setting up {} tablets…", args.tablets);
    let assignments = set_up(&pool, args.tablets).await?;
    let (server, address) = Server::start(args, &pool, database_url).await?;
    server.report_memory("at start");

    let mut tablets = Vec::new();
    if args.simultaneous_sign_ins {
        let started = Instant::now();
        let all =
            assignments
                .into_iter()
                .enumerate()
                .map(|(index, (email, round_id, questions))| {
                    let address = address.clone();
                    tokio::spawn(async move {
                        sign_in(&address, (index, &email), round_id, questions).await
                    })
                });
        for signed_in in futures_util::future::join_all(all).await {
            tablets.push(signed_in??);
        }
        println!(
            "{} simultaneous sign-ins took {:.1} s",
            tablets.len(),
            started.elapsed().as_secs_f64()
        );
    } else {
        // Sign-in is setup, not load: one at a time keeps argon2 from skewing anything.
        for (index, (email, round_id, questions)) in assignments.into_iter().enumerate() {
            tablets.push(sign_in(&address, (index, &email), round_id, questions).await?);
        }
    }
    server.report_memory("after the sign-ins");
    if args.sign_in_only {
        server.stop().await;
        return Ok(());
    }
    eprintln!("driving load for {} s…", args.duration_secs);
    let samples = Arc::new(Mutex::new(Samples::default()));
    let deadline = Instant::now() + Duration::from_secs(args.duration_secs);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (index, tablet) in tablets.into_iter().enumerate() {
        let samples = samples.clone();
        let address = address.clone();
        let think = Duration::from_millis(args.think_ms);
        tasks.push(tokio::spawn(async move {
            drive(tablet, index, &address, deadline, think, samples).await
        }));
    }
    for task in tasks {
        task.await?;
    }
    let elapsed = started.elapsed();
    server.report_memory("after the load");
    server.stop().await;
    let samples = samples.lock().await;
    report(args, &samples, elapsed);
    Ok(())
}

/// Creates rounds of four panel members each, planned through the app's own
/// case builder; returns (email, round, questions) per tablet.
async fn set_up(pool: &PgPool, tablets: usize) -> anyhow::Result<Vec<(String, Uuid, Vec<Uuid>)>> {
    let hash = password::hash(PASSWORD.into()).await?;
    let manager = create_user(pool, "manager@bench.example", Role::Manager, &hash).await?;
    let case = Case::new(pool);
    let position = case
        .position(&NewPosition {
            title: "Benchmark engineer",
            department: "",
            description: "",
            hiring_manager_id: manager,
        })
        .await?;
    for name in [
        "Technical depth",
        "Problem solving",
        "Collaboration",
        "Communication",
        "Motivation",
        "Learning",
    ] {
        let criterion = NewCriterion {
            name,
            description: "",
            weight: 1.0,
            minimum: None,
            anchors: ["weak", "", "solid", "", "outstanding"],
        };
        case.criterion(position, &criterion).await?;
    }
    let mut assignments = Vec::new();
    let rounds = tablets.div_ceil(4);
    for r in 0..rounds {
        let candidate = NewCandidate {
            name: &format!("Candidate {r}"),
            open_questions: "Why now?",
            ..NewCandidate::default()
        };
        let candidate_id = case.candidate(position, &candidate, manager).await?;
        let mut emails = Vec::new();
        let mut panel = Vec::new();
        for m in 0..4 {
            if assignments.len() + emails.len() == tablets {
                break;
            }
            let email = format!("tablet{r}-{m}@bench.example");
            panel.push((
                create_user(pool, &email, Role::Panelist, &hash).await?,
                PanelRole::Other,
            ));
            emails.push(email);
        }
        let round = NewRound {
            candidate_id,
            scheduled_at: chrono::Utc::now(),
            location: "",
            guide_id: secondround::guides::DEFAULT_EN,
            panel: &panel,
        };
        let planned = case.plan(&round, manager).await?;
        for email in emails {
            assignments.push((email, planned.round_id, planned.questions.clone()));
        }
    }
    Ok(assignments)
}

async fn create_user(pool: &PgPool, email: &str, role: Role, hash: &str) -> anyhow::Result<Uuid> {
    let email = Email::try_from(email).map_err(|why| anyhow::anyhow!(why))?;
    Ok(users::insert(
        pool,
        NewUser {
            email: &email,
            display_name: email.as_str(),
            role,
            locale: Locale::En,
            password_hash: hash,
        },
    )
    .await?)
}

async fn sign_in(
    address: &str,
    (index, email): (usize, &str),
    round_id: Uuid,
    questions: Vec<Uuid>,
) -> anyhow::Result<Tablet> {
    // Each tablet from an address of its own (all of 127/8 is loopback), as on a
    // real network, so the per-address sign-in throttle treats them as apart.
    let source = std::net::Ipv4Addr::new(127, 1 + (index / 250) as u8, 0, 1 + (index % 250) as u8);
    let client = reqwest::Client::builder()
        .local_address(std::net::IpAddr::V4(source))
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let token = csrf_token(&client, &format!("{address}/login")).await?;
    let response = client
        .post(format!("{address}/login"))
        .form(&[
            ("email", email),
            ("password", PASSWORD),
            ("csrf_token", &token),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == 303,
        "sign-in of {email} failed: {}",
        response.status()
    );
    let token = csrf_token(&client, &format!("{address}/")).await?;
    Ok(Tablet {
        client,
        token,
        round_id,
        questions,
    })
}

async fn csrf_token(client: &reqwest::Client, url: &str) -> anyhow::Result<String> {
    let html = client.get(url).send().await?.text().await?;
    let marker = r#"<meta name="csrf-token" content=""#;
    let start = html
        .find(marker)
        .ok_or_else(|| anyhow::anyhow!("no token on {url}"))?
        + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    Ok(html[start..end].to_owned())
}

async fn drive(
    tablet: Tablet,
    index: usize,
    address: &str,
    deadline: Instant,
    think: Duration,
    samples: Arc<Mutex<Samples>>,
) {
    let mut versions: Vec<Option<i64>> = vec![None; tablet.questions.len()];
    let mut local = Samples::default();
    let mut step = index; // tablets start at different questions
    // People do not act in lockstep: start at a random moment within one pause,
    // and vary each pause between half and one and a half times the mean.
    if !think.is_zero() {
        tokio::time::sleep(think.mul_f64(rand::random::<f64>())).await;
    }
    while Instant::now() < deadline {
        let q = step % tablet.questions.len();
        step += 1;
        let started = Instant::now();
        let screen = tablet
            .client
            .get(format!(
                "{address}/rounds/{}/interview/{}",
                tablet.round_id,
                q + 1
            ))
            .send()
            .await;
        match screen {
            Ok(response) if response.status().is_success() => {
                let _ = response.bytes().await;
                local.screen.push(started.elapsed());
            }
            _ => local.errors += 1,
        }
        if !think.is_zero() {
            tokio::time::sleep(think.mul_f64(0.5 + rand::random::<f64>())).await;
        }
        let body = serde_json::json!({
            "score": (step % 5 + 1) as i64,
            "evidence": format!("Observation {step} from tablet {index}"),
            "base_version": versions[q],
            "save_id": Uuid::new_v4(),
        });
        let started = Instant::now();
        let saved = tablet
            .client
            .put(format!(
                "{address}/rounds/{}/questions/{}/rating",
                tablet.round_id, tablet.questions[q]
            ))
            .header("accept", "application/json")
            .header("x-csrf-token", &tablet.token)
            .json(&body)
            .send()
            .await;
        match saved {
            Ok(response) if response.status().is_success() => {
                let value: serde_json::Value = response.json().await.unwrap_or_default();
                versions[q] = value["version"].as_i64();
                local.save.push(started.elapsed());
            }
            Ok(response) if response.status() == 409 => local.conflicts += 1,
            _ => local.errors += 1,
        }
        if !think.is_zero() {
            tokio::time::sleep(think.mul_f64(0.5 + rand::random::<f64>())).await;
        }
    }
    let mut all = samples.lock().await;
    all.screen.extend(local.screen);
    all.save.extend(local.save);
    all.errors += local.errors;
    all.conflicts += local.conflicts;
}

fn report(args: &Args, samples: &Samples, elapsed: Duration) {
    println!(
        "tablets: {}, think time: {} ms, duration: {:.1} s, server pool: {}",
        args.tablets,
        args.think_ms,
        elapsed.as_secs_f64(),
        args.pool_size
    );
    println!(
        "| operation | requests | throughput (req/s) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (name, data) in [
        ("question screen (GET)", &samples.screen),
        ("rating save (PUT)", &samples.save),
    ] {
        let mut sorted = data.clone();
        sorted.sort();
        let pct = |p: f64| -> f64 {
            if sorted.is_empty() {
                return 0.0;
            }
            let index = ((sorted.len() as f64 * p).ceil() as usize)
                .saturating_sub(1)
                .min(sorted.len() - 1);
            sorted[index].as_secs_f64() * 1000.0
        };
        println!(
            "| {name} | {} | {:.0} | {:.1} | {:.1} | {:.1} | {:.1} |",
            sorted.len(),
            sorted.len() as f64 / elapsed.as_secs_f64(),
            pct(0.50),
            pct(0.95),
            pct(0.99),
            pct(1.0)
        );
    }
    println!(
        "errors: {}, conflicts (409): {}",
        samples.errors, samples.conflicts
    );
}

async fn drop_database(base: &str, name: &str) {
    use sqlx::{ConnectOptions, Executor};
    use std::str::FromStr;
    let Ok(options) = sqlx::postgres::PgConnectOptions::from_str(&format!("{base}/postgres"))
    else {
        return;
    };
    if let Ok(mut conn) = options.connect().await {
        let _ = conn
            .execute(format!(r#"drop database if exists "{name}" with (force)"#).as_str())
            .await;
    }
}
