//! What the load benchmarks share: their own database, the data planned through
//! the app's case builder, signed-in clients, and servers run as processes of
//! their own so that their memory can be read.

// Each benchmark uses a part of this.
#![allow(dead_code)]

use std::path::Path;
use std::time::Duration;

use secondround::auth::email::Email;
use secondround::auth::users::{self, NewUser};
use secondround::auth::{Role, password};
use secondround::case::{Case, NewCandidate, NewCriterion, NewPosition, NewRound};
use secondround::config::DatabaseConfig;
use secondround::i18n::Locale;
use secondround::redact::SecretUrl;
use secondround::rounds::plan::PanelRole;
use sqlx::PgPool;
use uuid::Uuid;

pub const PASSWORD: &str = "benchmark password";

/// A database of the benchmark's own on the server of `DATABASE_URL`, dropped by `drop`.
pub struct BenchDatabase {
    pub config: DatabaseConfig,
    base: String,
    name: String,
}

impl BenchDatabase {
    /// Creates it, with the schema of this build unless `migrate` is false (then
    /// a server binary of another build migrates it to its own).
    pub async fn create(pool_size: u32, migrate: bool) -> anyhow::Result<(BenchDatabase, PgPool)> {
        let server_url = std::env::var("DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        let base = server_url
            .rsplit_once('/')
            .map(|(base, _)| base.to_owned())
            .unwrap_or(server_url);
        let name = format!("secondround_bench_{}", std::process::id());
        let config = DatabaseConfig {
            database_url: SecretUrl::new(format!("{base}/{name}")),
            db_max_connections: pool_size,
        };
        let pool = secondround::db::connect(&config).await?;
        if migrate {
            secondround::db::migrate(&pool).await?;
        }
        Ok((BenchDatabase { config, base, name }, pool))
    }

    pub async fn drop(self) {
        use sqlx::{ConnectOptions, Executor};
        use std::str::FromStr;
        let Ok(options) =
            sqlx::postgres::PgConnectOptions::from_str(&format!("{}/postgres", self.base))
        else {
            return;
        };
        if let Ok(mut conn) = options.connect().await {
            let _ = conn
                .execute(
                    format!(r#"drop database if exists "{}" with (force)"#, self.name).as_str(),
                )
                .await;
        }
    }
}

/// A server in a process of its own, stopped however the run ends.
pub struct ServerProcess {
    child: std::process::Child,
    pub address: String,
}

impl ServerProcess {
    /// Starts `bin` (which must listen on the port given to `args`) and waits
    /// until `ready_path` answers. Its log (`RUST_LOG`, default `warn`) goes to
    /// `log` when given.
    pub async fn start(
        bin: &Path,
        args: impl Fn(u16) -> Vec<String>,
        database: &DatabaseConfig,
        envs: &[(&str, &str)],
        log: Option<&Path>,
        ready_path: &str,
    ) -> anyhow::Result<ServerProcess> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let stderr = match log {
            Some(path) => std::process::Stdio::from(std::fs::File::create(path)?),
            None => std::process::Stdio::inherit(),
        };
        let child = std::process::Command::new(bin)
            .args(args(port))
            .env("DATABASE_URL", database.database_url.expose())
            .env(
                "SECONDROUND_DB_MAX_CONNECTIONS",
                database.db_max_connections.to_string(),
            )
            .env("RUST_LOG", "warn")
            .envs(envs.iter().copied())
            .stdout(std::process::Stdio::null())
            .stderr(stderr)
            .spawn()
            .map_err(|err| anyhow::anyhow!("cannot start {}: {err}", bin.display()))?;
        let server = ServerProcess {
            child,
            address: format!("http://127.0.0.1:{port}"),
        };
        for _ in 0..200 {
            if reqwest::get(format!("{}{ready_path}", server.address))
                .await
                .is_ok()
            {
                return Ok(server);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        anyhow::bail!("{} did not start serving", bin.display())
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Peak and current resident memory (`VmHWM`, `VmRSS`), in MiB.
    pub fn memory(&self) -> Option<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let kib = |key: &str| -> Option<f64> {
            let line = status.lines().find(|line| line.starts_with(key))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        };
        Some((kib("VmHWM:")? / 1024.0, kib("VmRSS:")? / 1024.0))
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One panel member's round: who they are and what they rate.
pub struct Assignment {
    pub email: String,
    pub user_id: Uuid,
    pub round_id: Uuid,
    pub questions: Vec<Uuid>,
    /// Whether each question takes a score (conversation-only ones do not).
    pub rated: Vec<bool>,
}

/// Rounds of the default English guide with four panel members each, planned
/// through the app's own case builder, for `members` panel members in all.
pub async fn set_up(pool: &PgPool, members: usize) -> anyhow::Result<Vec<Assignment>> {
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
    let mut assignments: Vec<Assignment> = Vec::new();
    for r in 0..members.div_ceil(4) {
        let candidate = NewCandidate {
            name: &format!("Candidate {r}"),
            open_questions: "Why now?",
            ..NewCandidate::default()
        };
        let candidate_id = case.candidate(position, &candidate, manager).await?;
        let mut seats = Vec::new();
        for m in 0..4 {
            if assignments.len() + seats.len() == members {
                break;
            }
            let email = format!("tablet{r}-{m}@bench.example");
            let user_id = create_user(pool, &email, Role::Panelist, &hash).await?;
            seats.push((email, user_id));
        }
        let panel: Vec<(Uuid, PanelRole)> = seats
            .iter()
            .map(|(_, user_id)| (*user_id, PanelRole::Other))
            .collect();
        let round = NewRound {
            candidate_id,
            scheduled_at: chrono::Utc::now(),
            location: "",
            guide_id: secondround::guides::DEFAULT_EN,
            panel: &panel,
        };
        let planned = case.plan(&round, manager).await?;
        let unrated: Vec<Uuid> =
            sqlx::query_scalar("select id from round_question where round_id = $1 and not rated")
                .bind(planned.round_id)
                .fetch_all(pool)
                .await?;
        let rated: Vec<bool> = planned
            .questions
            .iter()
            .map(|id| !unrated.contains(id))
            .collect();
        for (email, user_id) in seats {
            assignments.push(Assignment {
                email,
                user_id,
                round_id: planned.round_id,
                questions: planned.questions.clone(),
                rated: rated.clone(),
            });
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

/// A position of `candidates` candidates, each interviewed by four panel members
/// who rated every question and submitted (through the case builder, as the
/// tablets would): the comparison of a whole shortlist. Signs in as
/// `manager@bench.example`.
pub async fn rated_position(pool: &PgPool, candidates: usize) -> anyhow::Result<Uuid> {
    use secondround::scoring::Verdict;
    let assignments = set_up(pool, candidates * 4).await?;
    let case = Case::new(pool);
    for (k, seat) in assignments.iter().enumerate() {
        for (q, (question, rated)) in seat.questions.iter().zip(&seat.rated).enumerate() {
            // Spread over the scale, differently per member, so the panel disagrees somewhere.
            let score = rated.then_some(((k * 7 + q * 3) % 5 + 1) as i16);
            case.rate(
                seat.round_id,
                seat.user_id,
                *question,
                score,
                "Told a concrete story.",
            )
            .await?;
        }
        let verdict = if k % 3 == 0 {
            Verdict::Yes
        } else {
            Verdict::StrongYes
        };
        case.submit(
            seat.round_id,
            seat.user_id,
            verdict,
            "Evidence on every criterion.",
        )
        .await?;
    }
    sqlx::query_scalar("select c.position_id from candidate c join interview_round r on r.candidate_id = c.id where r.id = $1")
        .bind(assignments[0].round_id)
        .fetch_one(pool)
        .await
        .map_err(Into::into)
}

/// A client signed in through the real sign-in form, with the session's
/// cross-site token. `source` is the address it connects from: each tablet
/// from one of its own (all of 127/8 is loopback), as on a real network, so
/// the per-address sign-in throttle treats them as apart.
pub async fn sign_in(
    address: &str,
    email: &str,
    source: std::net::Ipv4Addr,
) -> anyhow::Result<SignedIn> {
    sign_in_with(address, email, PASSWORD, source).await
}

/// `sign_in` with another password (the demo's users have their own).
pub async fn sign_in_with(
    address: &str,
    email: &str,
    password: &str,
    source: std::net::Ipv4Addr,
) -> anyhow::Result<SignedIn> {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .local_address(std::net::IpAddr::V4(source))
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let token = csrf_token(&client, &format!("{address}/login")).await?;
    let response = client
        .post(format!("{address}/login"))
        .form(&[
            ("email", email),
            ("password", password),
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
    let cookie = {
        use reqwest::cookie::CookieStore;
        jar.cookies(&reqwest::Url::parse(address)?)
            .and_then(|value| value.to_str().ok().map(str::to_owned))
            .unwrap_or_default()
    };
    Ok(SignedIn {
        client,
        token,
        cookie,
    })
}

pub struct SignedIn {
    pub client: reqwest::Client,
    /// The session's cross-site token.
    pub token: String,
    /// The `Cookie` header a browser would send.
    pub cookie: String,
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

/// The machine's load average over the last minute, as `uptime` shows it.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}
