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

mod bench;

use std::sync::Arc;
use std::time::{Duration, Instant};

use bench::{Assignment, BenchDatabase, ServerProcess};
use clap::Parser;
use secondround::config::ServerConfig;
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
    /// Database connections of the server's pool (default: the server's own default).
    #[arg(long, default_value_t = secondround::config::default_pool_size())]
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
        database: &BenchDatabase,
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
        let serve = |port: u16| vec!["serve".into(), "--bind".into(), format!("127.0.0.1:{port}")];
        let process =
            ServerProcess::start(bin, serve, &database.config, &[], None, "/healthz").await?;
        let address = process.address.clone();
        Ok((Server::Child(process), address))
    }

    fn report_memory(&self, when: &str) {
        if let Server::Child(process) = self
            && let Some((peak, now)) = process.memory()
        {
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

struct Tablet {
    client: reqwest::Client,
    token: String,
    round_id: Uuid,
    questions: Vec<Uuid>,
    rated: Vec<bool>,
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
    let (database, pool) = BenchDatabase::create(args.pool_size, args.server_bin.is_none()).await?;
    let result = run(&args, pool.clone(), &database).await;
    pool.close().await;
    database.drop().await;
    result
}

async fn run(args: &Args, pool: PgPool, database: &BenchDatabase) -> anyhow::Result<()> {
    // A server binary migrates the database to its own schema, which may be an
    // older build's (to measure before a change).
    let (server, address) = Server::start(args, &pool, database).await?;
    eprintln!("setting up {} tablets…", args.tablets);
    let assignments = bench::set_up(&pool, args.tablets).await?;
    server.report_memory("at start");

    let mut tablets = Vec::new();
    if args.simultaneous_sign_ins {
        let started = Instant::now();
        let all = assignments
            .into_iter()
            .enumerate()
            .map(|(index, assignment)| {
                let address = address.clone();
                tokio::spawn(async move { sign_in(&address, index, assignment).await })
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
        for (index, assignment) in assignments.into_iter().enumerate() {
            tablets.push(sign_in(&address, index, assignment).await?);
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

async fn sign_in(address: &str, index: usize, assignment: Assignment) -> anyhow::Result<Tablet> {
    let source = std::net::Ipv4Addr::new(127, 1 + (index / 250) as u8, 0, 1 + (index % 250) as u8);
    let signed_in = bench::sign_in(address, &assignment.email, source).await?;
    Ok(Tablet {
        client: signed_in.client,
        token: signed_in.token,
        round_id: assignment.round_id,
        questions: assignment.questions,
        rated: assignment.rated,
    })
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
        // A conversation-only question takes no score: the tablet moves on.
        if !tablet.rated[q] {
            continue;
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
