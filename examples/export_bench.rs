//! Export benchmark: a position with many rated candidates, exported as CSV and
//! XLSX over HTTP by a signed-in HR user.
//!
//! ```sh
//! cargo run --release --example export_bench -- --candidates 10000
//! ```
//! It creates its own database on the Postgres of `DATABASE_URL` (default: the
//! local one), builds the position with the app's case builder and the rounds with
//! set-based SQL (one round of the English default guide per candidate, three
//! submitted panel members rating every question: 10,000 candidates saved one
//! rating at a time would take longer than the benchmark itself),
//! serves the app in-process on a free port and drops the database at the end.
//! Numbers go to `BENCHMARKS.md`; nothing here is asserted.

use std::time::{Duration, Instant};

use clap::Parser;
use secondround::auth::email::Email;
use secondround::auth::users::{self, NewUser};
use secondround::auth::{Role, password};
use secondround::case::{Case, NewCriterion, NewPosition};
use secondround::config::{DatabaseConfig, ServerConfig};
use secondround::i18n::Locale;
use secondround::redact::SecretUrl;
use secondround::rounds::snapshot;
use secondround::startup::Application;
use sqlx::PgPool;
use uuid::Uuid;

#[derive(Parser, Debug)]
struct Args {
    /// Candidates on the position, each with one rated round.
    #[arg(long, default_value_t = 10_000)]
    candidates: usize,
    /// How many times to run each export (the first is reported apart).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Keep the seeded database for profiling its queries (its name is printed).
    #[arg(long)]
    keep_database: bool,
}

const PASSWORD: &str = "benchmark password";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let server_url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let base = server_url
        .rsplit_once('/')
        .map(|(base, _)| base.to_owned())
        .unwrap_or(server_url);
    let db_name = format!("secondround_export_bench_{}", std::process::id());
    let database = DatabaseConfig {
        database_url: SecretUrl::new(format!("{base}/{db_name}")),
        db_max_connections: 10,
    };
    let pool = secondround::db::connect(&database).await?;
    secondround::db::migrate(&pool).await?;
    let result = run(&args, pool.clone()).await;
    pool.close().await;
    if args.keep_database {
        eprintln!("kept database {db_name}");
    } else {
        drop_database(&base, &db_name).await;
    }
    result
}

async fn run(args: &Args, pool: PgPool) -> anyhow::Result<()> {
    eprintln!("seeding {} candidates…", args.candidates);
    let started = Instant::now();
    let position = seed(&pool, args.candidates).await?;
    eprintln!("seeded in {:.1} s", started.elapsed().as_secs_f64());
    let mut config = ServerConfig::for_tests();
    config.request_timeout_secs = 600;
    let app = Application::build(pool.clone(), config).await?;
    let address = format!("http://{}", app.address());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    let client = sign_in(&address).await?;
    println!(
        "| candidates | export | run | status | bytes | seconds | server VmHWM (MiB) |\n| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
    );
    for export in ["shortlist.csv", "shortlist.xlsx"] {
        for run in 1..=args.runs {
            let started = Instant::now();
            let response = client
                .get(format!("{address}/positions/{position}/{export}"))
                .send()
                .await?;
            let status = response.status();
            let bytes = response.bytes().await?.len();
            let elapsed = started.elapsed();
            println!(
                "| {} | {export} | {run} | {} | {bytes} | {:.2} | {:.0} |",
                args.candidates,
                status.as_u16(),
                seconds(elapsed),
                peak_mib()
            );
        }
    }
    let _ = stop.send(());
    let _ = server.await;
    Ok(())
}

fn seconds(duration: Duration) -> f64 {
    duration.as_secs_f64()
}

/// This process's peak resident memory: the server runs in it.
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// One position, six criteria (one a must-have), `n` candidates each with a
/// round of the default guide, three submitted members rating every question.
async fn seed(pool: &PgPool, n: usize) -> anyhow::Result<Uuid> {
    let hash = password::hash(PASSWORD.into()).await?;
    let manager = create_user(pool, "manager@bench.example", Role::Manager, &hash).await?;
    create_user(pool, "hr@bench.example", Role::Hr, &hash).await?;
    let mut members = Vec::new();
    for m in 0..3 {
        let email = format!("member{m}@bench.example");
        members.push(create_user(pool, &email, Role::Panelist, &hash).await?);
    }
    let case = Case::new(pool);
    let position = case
        .position(&NewPosition {
            title: "Benchmark engineer",
            department: "",
            description: "",
            hiring_manager_id: manager,
        })
        .await?;
    for (order, name) in [
        "Technical depth",
        "Problem solving",
        "Collaboration",
        "Communication",
        "Motivation",
        "Learning",
    ]
    .into_iter()
    .enumerate()
    {
        let must_have = order == 0;
        let criterion = NewCriterion {
            name,
            description: "",
            weight: if must_have { 2.0 } else { 1.0 },
            minimum: must_have.then_some(3),
            anchors: ["weak", "thin", "solid", "strong", "outstanding"],
        };
        case.criterion(position, &criterion).await?;
    }
    let template = secondround::guides::DEFAULT_EN;
    let mut tx = pool.begin().await?;
    sqlx::query(
        "insert into candidate (position_id, name, email, open_questions, status)
         select $1, 'Candidate ' || lpad(i::text, 6, '0'), 'candidate' || i || '@bench.example',
                'Why now?', 'in_second_round'
         from generate_series(1, $2) as i",
    )
    .bind(position)
    .bind(n as i64)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into interview_round (candidate_id, status, template_id)
         select id, 'scoring', $2 from candidate where position_id = $1",
    )
    .bind(position)
    .bind(template)
    .execute(&mut *tx)
    .await?;
    // Snapshot one round through the app, then copy its questions to the rest.
    let first: Uuid = sqlx::query_scalar(
        "select r.id from interview_round r join candidate c on c.id = r.candidate_id
         where c.position_id = $1 order by c.name limit 1",
    )
    .bind(position)
    .fetch_one(&mut *tx)
    .await?;
    snapshot::take(
        &mut tx,
        first,
        template,
        "Open questions from the first interview",
    )
    .await?;
    sqlx::query(
        "insert into round_question
             (round_id, section_title, section_kind, section_order, question_order, text, guidance, criterion_id)
         select r.id, q.section_title, q.section_kind, q.section_order, q.question_order, q.text, q.guidance, q.criterion_id
         from interview_round r join candidate c on c.id = r.candidate_id, round_question q
         where c.position_id = $1 and r.id <> $2 and q.round_id = $2",
    )
    .bind(position)
    .bind(first)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into panel_member (round_id, user_id, panel_role, submitted_at)
         select r.id, m.user_id, case when m.n = 1 then 'subject_matter_expert' else 'other' end, now()
         from interview_round r join candidate c on c.id = r.candidate_id,
              unnest($2::uuid[]) with ordinality as m(user_id, n)
         where c.position_id = $1",
    )
    .bind(position)
    .bind(&members)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into rating (round_question_id, panel_member_id, score, evidence)
         select q.id, pm.id, 1 + floor(random() * 5)::int, 'Benchmark note'
         from interview_round r join candidate c on c.id = r.candidate_id
         join round_question q on q.round_id = r.id and q.criterion_id is not null
         join panel_member pm on pm.round_id = r.id
         where c.position_id = $1",
    )
    .bind(position)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    sqlx::query("analyze").execute(pool).await?;
    Ok(position)
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

async fn sign_in(address: &str) -> anyhow::Result<reqwest::Client> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let html = client
        .get(format!("{address}/login"))
        .send()
        .await?
        .text()
        .await?;
    let marker = r#"<meta name="csrf-token" content=""#;
    let start = html
        .find(marker)
        .ok_or_else(|| anyhow::anyhow!("no token on the sign-in page"))?
        + marker.len();
    let token = &html[start..start + html[start..].find('"').unwrap()];
    let response = client
        .post(format!("{address}/login"))
        .form(&[
            ("email", "hr@bench.example"),
            ("password", PASSWORD),
            ("csrf_token", token),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        response.status() == 303,
        "sign-in failed: {}",
        response.status()
    );
    Ok(client)
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
