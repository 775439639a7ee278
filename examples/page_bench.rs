//! Page throughput against the ceiling of the stack, in one run: the app and the
//! ceiling (`examples/ceiling.rs`: one row read and rendered, nothing else) each
//! run as a process of their own on one database, and `wrk` drives each page in
//! turn with a closed loop of connections that ask for gzip as browsers do.
//! The pages are those of who decides (HR's and the hiring manager's dashboard,
//! the candidate page, the debrief, the comparison, the position page), on the
//! demo (`seed-demo`) plus a position of 50 rated candidates, measured once at
//! that size and again after `seed-demo --scale 200` grew an organisation
//! around it, so each page's ratio and its slowdown with the organisation show.
//!
//! ```sh
//! cargo build --release --bin secondround --example ceiling --example page_bench
//! target/release/examples/page_bench
//! ```
//! It prints each page's requests per second, its size, and its ratio to the
//! ceiling measured in the same run (before and after the pages, so a drift of
//! the machine shows); the app server's peak memory; and how many queries one
//! request of each page makes (the app restarted with sqlx's statement log on).
//! Needs `wrk` (`apt-get install -y wrk`). Numbers go to `BENCHMARKS.md`;
//! nothing here is asserted.

mod bench;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use bench::{BenchDatabase, ServerProcess};
use clap::Parser;

#[derive(Parser, Debug)]
struct Args {
    /// The app's binary (default: `secondround` of the same build as this example).
    #[arg(long)]
    server_bin: Option<PathBuf>,
    /// The ceiling's binary (default: `ceiling` beside this example).
    #[arg(long)]
    ceiling_bin: Option<PathBuf>,
    /// Seconds of load per page, after the warm-up.
    #[arg(long, default_value_t = 10)]
    duration_secs: u64,
    /// Seconds of load per page before measuring.
    #[arg(long, default_value_t = 2)]
    warm_up_secs: u64,
    /// Open connections, each sending its next request as soon as it has the answer.
    #[arg(long, default_value_t = 64)]
    connections: u32,
    /// Threads of `wrk`.
    #[arg(long, default_value_t = 2)]
    threads: u32,
    /// Database connections of each server's pool (default: the server's own default).
    #[arg(long, default_value_t = secondround::config::default_pool_size())]
    pool_size: u32,
    /// Positions added around the demo for the second measurement (0: the demo only).
    #[arg(long, default_value_t = 200)]
    scale: usize,
    /// Candidates of the position whose comparison is measured at full size.
    #[arg(long, default_value_t = 50)]
    comparison_candidates: usize,
    /// Also print what gzip's levels cost on each page.
    #[arg(long)]
    compression_table: bool,
    /// The `Accept-Encoding` the load asks with (`identity` for none).
    #[arg(long, default_value = "gzip")]
    encoding: String,
    /// Record the whole machine with `perf record -a` while each page is
    /// measured, into `<dir>/<page>.data` (`perf report -i … --sort comm,dso,sym`).
    #[arg(long)]
    perf_dir: Option<PathBuf>,
}

/// One page under load and what it measured.
struct Page {
    name: String,
    url: String,
    cookie: Option<String>,
}

struct Measured {
    requests_per_sec: f64,
    p50_ms: f64,
    p99_ms: f64,
    failures: u64,
    body_bytes: usize,
    raw_bytes: usize,
    load: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let here = std::env::current_exe()?;
    let examples = here.parent().unwrap_or(Path::new("."));
    let server_bin = args.server_bin.clone().unwrap_or_else(|| {
        examples
            .parent()
            .unwrap_or(Path::new("."))
            .join("secondround")
    });
    let ceiling_bin = args
        .ceiling_bin
        .clone()
        .unwrap_or_else(|| examples.join("ceiling"));
    Command::new("wrk")
        .arg("--version")
        .output()
        .map_err(|_| anyhow::anyhow!("wrk is needed: apt-get install -y wrk"))?;

    let (database, pool) = BenchDatabase::create(args.pool_size, false).await?;
    let result = run(&args, &server_bin, &ceiling_bin, &pool, &database).await;
    pool.close().await;
    database.drop().await;
    result
}

/// The demo's password in the benchmark's database.
const DEMO_PASSWORD: &str = "benchmark demo password";

async fn run(
    args: &Args,
    server_bin: &Path,
    ceiling_bin: &Path,
    pool: &sqlx::PgPool,
    database: &BenchDatabase,
) -> anyhow::Result<()> {
    // The app's binary migrates the database to its own schema, which may be
    // an older build's (to measure before a change), and loads the demo.
    eprintln!("loading the demo…");
    seed_demo(server_bin, database, 0)?;
    eprintln!(
        "a position of {} rated candidates…",
        args.comparison_candidates
    );
    let shortlist = bench::rated_position(pool, args.comparison_candidates).await?;
    analyze(pool).await?;
    let serve = |port: u16| vec!["serve".into(), "--bind".into(), format!("127.0.0.1:{port}")];
    let app =
        ServerProcess::start(server_bin, serve, &database.config, &[], None, "/healthz").await?;
    let bind = |port: u16| vec!["--bind".into(), format!("127.0.0.1:{port}")];
    let ceiling = ServerProcess::start(ceiling_bin, bind, &database.config, &[], None, "/").await?;
    let demo = DemoIds::find(pool).await?;
    let any_user: uuid::Uuid = sqlx::query_scalar("select id from app_user limit 1")
        .fetch_one(pool)
        .await?;
    let ceiling_page = |name: &str| Page {
        name: name.into(),
        url: format!("{}/users/{any_user}", ceiling.address),
        cookie: None,
    };

    let mut sizes = Vec::new();
    for (size, scale) in [("demo", 0), ("scale", args.scale)] {
        if scale > 0 {
            eprintln!("adding {scale} positions around the demo…");
            seed_demo(server_bin, database, scale)?;
            analyze(pool).await?;
        } else if size != "demo" {
            continue;
        }
        // Signed in afresh: loading the demo again resets its passwords.
        let pages = pages(&app.address, &demo, (shortlist, args.comparison_candidates)).await?;
        let mut all = vec![ceiling_page("ceiling")];
        all.extend(pages);
        all.push(ceiling_page("ceiling, again"));
        let mut results = Vec::new();
        for page in &all {
            eprintln!("{size}: {}…", page.name);
            results.push(measure(args, page).await?);
        }
        let ceiling_rate =
            (results[0].requests_per_sec + results[all.len() - 1].requests_per_sec) / 2.0;
        sizes.push((size, scale, all, results, ceiling_rate));
    }
    println!(
        "wrk: {} threads, {} connections, {} s per page after {} s of warm-up, Accept-Encoding: {}; server pools: {}",
        args.threads,
        args.connections,
        args.duration_secs,
        args.warm_up_secs,
        args.encoding,
        args.pool_size
    );
    for (size, scale, pages, results, ceiling_rate) in &sizes {
        println!(
            "\n{} (scale {scale}): ceiling {ceiling_rate:.0} req/s",
            if *size == "demo" {
                "The demo"
            } else {
                "The demo in an organisation"
            }
        );
        println!(
            "| page | body bytes ({}) | raw bytes | req/s | of the ceiling | p50 ms | p99 ms | failed | load avg |",
            args.encoding
        );
        println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (page, m) in pages.iter().zip(results) {
            println!(
                "| {} | {} | {} | {:.0} | {:.1} % | {:.2} | {:.2} | {} | {} |",
                page.name,
                m.body_bytes,
                m.raw_bytes,
                m.requests_per_sec,
                100.0 * m.requests_per_sec / ceiling_rate,
                m.p50_ms,
                m.p99_ms,
                m.failures,
                m.load
            );
        }
    }
    if let [
        (_, _, pages, small, small_ceiling),
        (_, scale, _, large, large_ceiling),
    ] = sizes.as_slice()
    {
        println!("\nAt scale {scale} against the demo (time per request, larger is slower):");
        println!("| page | slower by | share of the ceiling, demo → scale |");
        println!("| --- | ---: | --- |");
        for ((page, a), b) in pages.iter().zip(small).zip(large).skip(1) {
            if page.name.starts_with("ceiling") {
                continue;
            }
            println!(
                "| {} | {:.2}× | {:.1} % → {:.1} % |",
                page.name,
                a.requests_per_sec / b.requests_per_sec,
                100.0 * a.requests_per_sec / small_ceiling,
                100.0 * b.requests_per_sec / large_ceiling,
            );
        }
    }
    for (name, server) in [("app", &app), ("ceiling", &ceiling)] {
        if let Some((peak, now)) = server.memory() {
            println!(
                "{name} server (pid {}) memory: peak {peak:.1} MiB, now {now:.1} MiB",
                server.pid()
            );
        }
    }
    let last = &sizes.last().expect("the demo was measured").2;
    let app_pages = &last[1..last.len() - 1];
    if args.compression_table {
        compression_table(app_pages).await?;
    }
    drop(app);
    drop(ceiling);
    count_queries(server_bin, database, app_pages).await
}

/// Gathers the planner's statistics, as autovacuum does a while after a bulk
/// load: measured without them, a page can get a plan no running organisation
/// would see (a sequential scan of every rating where an index serves).
async fn analyze(pool: &sqlx::PgPool) -> anyhow::Result<()> {
    sqlx::query("analyze").execute(pool).await?;
    Ok(())
}

/// `secondround seed-demo`, with `--scale` when `scale` is more than 0.
fn seed_demo(server_bin: &Path, database: &BenchDatabase, scale: usize) -> anyhow::Result<()> {
    let output = Command::new(server_bin)
        .args(["seed-demo", "--locale", "en", "--password", DEMO_PASSWORD])
        .args(["--scale", &scale.to_string()])
        .env("DATABASE_URL", database.config.database_url.expose())
        .env("RUST_LOG", "warn")
        .output()?;
    anyhow::ensure!(
        output.status.success(),
        "seed-demo failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    if scale > 0 {
        eprint!(
            "{}",
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .last()
                .unwrap_or("")
        );
        eprintln!();
    }
    Ok(())
}

/// The demo's position, and its candidate and round with the most to show: the
/// round whose whole panel submitted with the most ratings.
struct DemoIds {
    position_id: uuid::Uuid,
    candidate_id: uuid::Uuid,
    round_id: uuid::Uuid,
}

impl DemoIds {
    async fn find(pool: &sqlx::PgPool) -> anyhow::Result<DemoIds> {
        let title = secondround::demo::position_title(secondround::i18n::Locale::En);
        let (position_id, candidate_id, round_id): (uuid::Uuid, uuid::Uuid, uuid::Uuid) =
            sqlx::query_as(
                "select p.id, r.candidate_id, r.id
                 from interview_round r
                 join candidate c on c.id = r.candidate_id
                 join position p on p.id = c.position_id
                 where p.title = $1
                 order by not exists (select 1 from panel_member pm
                                      where pm.round_id = r.id and pm.submitted_at is null) desc,
                          (select count(*) from rating ra join panel_member pm on pm.id = ra.panel_member_id
                           where pm.round_id = r.id) desc
                 limit 1",
            )
            .bind(title)
            .fetch_one(pool)
            .await?;
        Ok(DemoIds {
            position_id,
            candidate_id,
            round_id,
        })
    }
}

/// The pages of those who decide, each signed in as who would look at it.
async fn pages(
    address: &str,
    demo: &DemoIds,
    (shortlist, candidates): (uuid::Uuid, usize),
) -> anyhow::Result<Vec<Page>> {
    let localhost = std::net::Ipv4Addr::LOCALHOST;
    let demo_user =
        |email: &'static str| bench::sign_in_with(address, email, DEMO_PASSWORD, localhost);
    let hr = demo_user("hr@demo.secondround.no").await?.cookie;
    let manager = demo_user("manager@demo.secondround.no").await?.cookie;
    let shortlist_manager = bench::sign_in(address, "manager@bench.example", localhost)
        .await?
        .cookie;
    let page = |name: &str, path: String, cookie: &String| Page {
        name: name.into(),
        url: format!("{address}{path}"),
        cookie: Some(cookie.clone()),
    };
    Ok(vec![
        page("dashboard, HR", "/".into(), &hr),
        page("dashboard, hiring manager", "/".into(), &manager),
        page(
            "candidate page",
            format!("/candidates/{}", demo.candidate_id),
            &manager,
        ),
        page(
            "debrief",
            format!("/rounds/{}/debrief", demo.round_id),
            &manager,
        ),
        page(
            "comparison, the demo's candidates",
            format!("/positions/{}/compare", demo.position_id),
            &manager,
        ),
        page(
            "position page",
            format!("/positions/{}", demo.position_id),
            &manager,
        ),
        page(
            &format!("comparison, {candidates} candidates"),
            format!("/positions/{shortlist}/compare"),
            &shortlist_manager,
        ),
    ])
}

/// What each level of gzip costs and saves on each page, with the encoder
/// tower-http uses (best of 20 runs, on one core). Brotli's levels are measured
/// through the server instead (`--encoding br`): its one-shot encoder here does
/// not behave like tower-http's streaming one at the lowest levels.
async fn compression_table(pages: &[Page]) -> anyhow::Result<()> {
    use std::io::Write;
    println!("| page | gzip level | bytes | ms per page |");
    println!("| --- | ---: | ---: | ---: |");
    for page in pages {
        let html = fetch_body(page, "identity").await?;
        // 1 is tower-http's "fastest", 6 its default.
        for level in [1, 2, 6] {
            let mut best = Duration::MAX;
            let mut bytes = 0;
            for _ in 0..20 {
                let started = std::time::Instant::now();
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
                encoder.write_all(&html)?;
                bytes = encoder.finish()?.len();
                best = best.min(started.elapsed());
            }
            println!(
                "| {} | {level} | {bytes} | {:.3} |",
                page.name,
                best.as_secs_f64() * 1000.0
            );
        }
    }
    Ok(())
}

/// Warms the page up, then measures it with `wrk`; the sizes come from one
/// request of our own, with and without compression.
async fn measure(args: &Args, page: &Page) -> anyhow::Result<Measured> {
    let body_bytes = fetch(page, &args.encoding).await?;
    let raw_bytes = fetch(page, "identity").await?;
    wrk(args, page, args.warm_up_secs)?;
    let load = bench::load_average();
    let perf = match &args.perf_dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            let slug: String = page
                .name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            Some(
                Command::new("perf")
                    .args(["record", "-a", "-F", "999", "-q", "-o"])
                    .arg(dir.join(format!("{slug}.data")))
                    .args(["--", "sleep", &args.duration_secs.to_string()])
                    .stdout(std::process::Stdio::null())
                    .spawn()
                    .map_err(|err| anyhow::anyhow!("cannot run perf: {err}"))?,
            )
        }
        None => None,
    };
    let output = wrk(args, page, args.duration_secs)?;
    if let Some(mut perf) = perf {
        perf.wait()?;
    }
    parse_wrk(&output, body_bytes, raw_bytes, load)
}

async fn fetch(page: &Page, encoding: &str) -> anyhow::Result<usize> {
    Ok(fetch_body(page, encoding).await?.len())
}

async fn fetch_body(page: &Page, encoding: &str) -> anyhow::Result<Vec<u8>> {
    let mut request = reqwest::Client::new()
        .get(&page.url)
        .header("accept-encoding", encoding);
    if let Some(cookie) = &page.cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await?;
    anyhow::ensure!(
        response.status() == 200,
        "{}: {} from {}",
        page.name,
        response.status(),
        page.url
    );
    Ok(response.bytes().await?.to_vec())
}

fn wrk(args: &Args, page: &Page, seconds: u64) -> anyhow::Result<String> {
    let mut command = Command::new("wrk");
    command
        .arg(format!("-t{}", args.threads))
        .arg(format!("-c{}", args.connections))
        .arg(format!("-d{seconds}s"))
        .arg("--latency")
        .arg("-H")
        .arg(format!("Accept-Encoding: {}", args.encoding));
    if let Some(cookie) = &page.cookie {
        command.arg("-H").arg(format!("Cookie: {cookie}"));
    }
    let output = command.arg(&page.url).output()?;
    anyhow::ensure!(
        output.status.success(),
        "wrk failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn parse_wrk(
    output: &str,
    body_bytes: usize,
    raw_bytes: usize,
    load: String,
) -> anyhow::Result<Measured> {
    let value_after = |label: &str| -> Option<&str> {
        let line = output
            .lines()
            .find(|line| line.trim_start().starts_with(label))?;
        line.trim_start()[label.len()..].split_whitespace().next()
    };
    let requests_per_sec = value_after("Requests/sec:")
        .and_then(|value| value.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no Requests/sec in wrk's output:\n{output}"))?;
    let failures = value_after("Non-2xx or 3xx responses:")
        .and_then(|value| value.parse().ok())
        .unwrap_or(0)
        + socket_errors(output);
    Ok(Measured {
        requests_per_sec,
        p50_ms: value_after("50%").map(milliseconds).unwrap_or(f64::NAN),
        p99_ms: value_after("99%").map(milliseconds).unwrap_or(f64::NAN),
        failures,
        body_bytes,
        raw_bytes,
        load,
    })
}

/// wrk's "Socket errors: connect 0, read 0, write 0, timeout 0", summed.
fn socket_errors(output: &str) -> u64 {
    output
        .lines()
        .find(|line| line.trim_start().starts_with("Socket errors:"))
        .map(|line| {
            line.split(',')
                .filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok())
                .sum()
        })
        .unwrap_or(0)
}

/// "812.00us", "1.25ms", "2.01s" in milliseconds.
fn milliseconds(value: &str) -> f64 {
    let split = value
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse().unwrap_or(f64::NAN);
    match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        _ => f64::NAN,
    }
}

/// Restarts the app with sqlx's statement log on and counts the statements of
/// one request of each page (after one request that may refresh the session).
async fn count_queries(
    server_bin: &Path,
    database: &BenchDatabase,
    pages: &[Page],
) -> anyhow::Result<()> {
    let log = std::env::temp_dir().join(format!("page_bench_{}.log", std::process::id()));
    let envs = [
        ("RUST_LOG", "warn,sqlx::query=debug"),
        ("SECONDROUND_LOG_FORMAT", "json"),
    ];
    let serve = |port: u16| vec!["serve".into(), "--bind".into(), format!("127.0.0.1:{port}")];
    let app = ServerProcess::start(
        server_bin,
        serve,
        &database.config,
        &envs,
        Some(&log),
        "/healthz",
    )
    .await?;
    println!("| page | queries per request |");
    println!("| --- | ---: |");
    for page in pages {
        // The same page on the restarted server (another port).
        let path = page.url.splitn(4, '/').nth(3).unwrap_or("");
        let page = Page {
            name: page.name.clone(),
            url: format!("{}/{path}", app.address),
            cookie: page.cookie.clone(),
        };
        fetch(&page, "gzip").await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let before = statements(&log);
        fetch(&page, "gzip").await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        println!("| {} | {} |", page.name, statements(&log) - before);
    }
    drop(app);
    let _ = std::fs::remove_file(&log);
    Ok(())
}

fn statements(log: &Path) -> usize {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|line| line.contains(r#""target":"sqlx::query""#))
        .count()
}
