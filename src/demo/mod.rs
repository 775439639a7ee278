//! `secondround seed-demo`: a believable hiring case to explore and test against,
//! in English or bokmål, built through the app's own planning, saving and
//! submitting (see `case`). Running it again keeps the data and only resets the
//! demo users' password (and their language).

pub mod content;
mod past;
mod scale;
mod schedule;

use std::fmt::Write as _;

use anyhow::{Context, bail};
use chrono::Utc;
use rand::Rng;
use rand::distributions::Alphanumeric;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::auth::email::Email;
use crate::auth::users::{self, NewUser};
use crate::auth::{Role, password};
use crate::case::{self, Case, NewPosition, NewRound};
use crate::domain::PanelRole;
use crate::guides;
use crate::i18n::Locale;
use crate::mail;
use content::Content;

/// Serialises seeders on one database, so two cannot both load the case.
const SEED_LOCK: i64 = 0x5ec0_4d00;

/// The demo position's title in `locale`.
pub fn position_title(locale: Locale) -> &'static str {
    content(locale).position_title
}

fn content(locale: Locale) -> &'static Content {
    match locale {
        Locale::Nb => &content::NB,
        Locale::En => &content::EN,
    }
}

pub struct DemoUser {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    pub note: &'static str,
}

pub const USERS: [DemoUser; 5] = [
    DemoUser {
        email: "admin@demo.secondround.no",
        name: "Ada Admin",
        role: Role::Admin,
        note: "users and settings",
    },
    DemoUser {
        email: "hr@demo.secondround.no",
        name: "Hanne Hansen",
        role: Role::Hr,
        note: "shortlists and exports",
    },
    DemoUser {
        email: "manager@demo.secondround.no",
        name: "Maria Berg",
        role: Role::Manager,
        note: "hiring manager, on the panel",
    },
    DemoUser {
        email: "expert@demo.secondround.no",
        name: "Erik Lund",
        role: Role::Panelist,
        note: "subject-matter expert, on the panel",
    },
    DemoUser {
        email: "panelist@demo.secondround.no",
        name: "Per Olsen",
        role: Role::Panelist,
        note: "panel member",
    },
];

/// Loads the demo case in `locale` (once) and sets every demo user's password
/// and language; returns the sign-ins. Each language's case is its own position.
pub async fn seed(
    pool: &PgPool,
    password: Option<String>,
    locale: Locale,
) -> anyhow::Result<String> {
    let password = password.unwrap_or_else(generate_password);
    if password.chars().count() < password::MIN_LENGTH {
        bail!(
            "--password must have at least {} characters",
            password::MIN_LENGTH
        );
    }
    let hash = password::hash(password.clone()).await?;
    let content = content(locale);
    // Held on one connection until the case is built. The connection is taken
    // out of the pool, so an early return closes it and so releases the lock
    // instead of handing a locked connection to the next caller.
    let mut lock = pool.acquire().await?.detach();
    sqlx::query!("select pg_advisory_lock($1)", SEED_LOCK)
        .execute(&mut lock)
        .await?;
    let mut tx = pool.begin().await?;
    let mut ids = Vec::new();
    for user in &USERS {
        ids.push(upsert_user(&mut tx, user, &hash, locale).await?);
    }
    let exists: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from position where title = $1 and hiring_manager_id = $2) as "exists!""#,
        content.position_title,
        ids[2],
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    let loaded = if exists {
        Ok(())
    } else {
        let mut built = load_case(pool, &ids, content, locale).await;
        if built.is_ok() {
            built = past::load(pool, &ids, content, guides::default_guide(locale)).await;
        }
        if built.is_err() {
            // Each step commits on its own: take a half-built case away again
            // (everything hangs off the position), so the next run starts afresh
            // instead of finding it and calling it loaded.
            sqlx::query!(
                "delete from position where title in ($1, $2) and hiring_manager_id = $3",
                content.position_title,
                content.past.title,
                ids[2],
            )
            .execute(pool)
            .await?;
        }
        built.context("cannot load the demo case")
    };
    sqlx::query_scalar!("select pg_advisory_unlock($1)", SEED_LOCK)
        .fetch_one(&mut lock)
        .await?;
    loaded?;

    let mut report = String::new();
    let state = if exists {
        "already loaded; passwords reset"
    } else {
        "loaded"
    };
    writeln!(
        report,
        "Demo data {state}: position \"{}\" with 4 candidates, and last year's \"{}\" with 9 hires followed up, in {}.",
        content.position_title,
        content.past.title,
        match locale {
            Locale::Nb => "Norwegian bokmål",
            Locale::En => "English",
        }
    )?;
    writeln!(report, "Demo sign-ins (all share the password below):")?;
    for user in &USERS {
        writeln!(
            report,
            "  {:<30} {:<9} {}",
            user.email,
            user.role.code(),
            user.note
        )?;
    }
    writeln!(report, "  password: {password}")?;
    Ok(report)
}

/// `seed-demo --scale N`: N more positions around the demo (`scale`), which
/// must be loaded (in `locale`) first. Returns a line for the report.
pub async fn scale(pool: &PgPool, n: usize, locale: Locale) -> anyhow::Result<String> {
    let hr = sqlx::query_scalar!(
        "select id from app_user where lower(email) = $1",
        USERS[1].email
    )
    .fetch_optional(pool)
    .await?
    .context("the demo is not loaded")?;
    let started = std::time::Instant::now();
    let mut lock = pool.acquire().await?.detach();
    sqlx::query!("select pg_advisory_lock($1)", SEED_LOCK)
        .execute(&mut lock)
        .await?;
    let added = scale::add(
        pool,
        n,
        hr,
        content(locale),
        (locale, guides::default_guide(locale)),
    )
    .await;
    sqlx::query_scalar!("select pg_advisory_unlock($1)", SEED_LOCK)
        .fetch_one(&mut lock)
        .await?;
    let total = added.context("cannot add the organisation around the demo")?;
    // The planner's statistics at once, not when autovacuum gets to them: until
    // then the pages may scan every rating where an index serves.
    sqlx::query!("analyze").execute(pool).await?;
    Ok(format!(
        "Organisation around the demo: {n} positions added in {:.0} s ({total} in all), each with its own hiring manager and panel.\n",
        started.elapsed().as_secs_f64()
    ))
}

fn generate_password() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect()
}

async fn upsert_user(
    conn: &mut PgConnection,
    user: &DemoUser,
    hash: &str,
    locale: Locale,
) -> anyhow::Result<Uuid> {
    let existing: Option<Uuid> = sqlx::query_scalar!(
        "select id from app_user where lower(email) = $1",
        user.email
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = existing {
        sqlx::query!(
            "update app_user set password_hash = $2, locale = $3, disabled = false where id = $1",
            id,
            hash,
            locale.code(),
        )
        .execute(&mut *conn)
        .await?;
        return Ok(id);
    }
    let email = Email::try_from(user.email).map_err(|why| anyhow::anyhow!("demo email: {why}"))?;
    let new_user = NewUser {
        email: &email,
        display_name: user.name,
        role: user.role,
        locale,
        password_hash: hash,
    };
    Ok(users::insert(&mut *conn, new_user).await?)
}

/// Builds the case through the app's write paths. `ids` follow `USERS`: admin,
/// hr, manager, expert, panelist. Ingrid's round is rated and submitted by the
/// whole panel, with test results and an open doubt; Jonas's is under way;
/// Sofia's is planned; Lars is shortlisted.
async fn load_case(
    pool: &PgPool,
    ids: &[Uuid],
    content: &Content,
    locale: Locale,
) -> anyhow::Result<()> {
    let (hr, manager, expert, panelist) = (ids[1], ids[2], ids[3], ids[4]);
    let case = Case::new(pool);
    let position_id = case
        .position(&NewPosition {
            title: content.position_title,
            department: content.department,
            description: content.position_description,
            hiring_manager_id: manager,
        })
        .await?;
    for criterion in &content.criteria {
        case.criterion(position_id, criterion).await?;
    }
    let mut candidates = Vec::new();
    for candidate in &content.candidates {
        candidates.push(case.candidate(position_id, candidate, hr).await?);
    }

    let panel = [
        (manager, PanelRole::HiringManager),
        (expert, PanelRole::SubjectMatterExpert),
        (panelist, PanelRole::Other),
    ];
    let times = schedule::demo_times(Utc::now(), case::TIME_ZONE);
    let mut rounds = Vec::new();
    for (i, scheduled_at) in times.into_iter().enumerate() {
        let round = NewRound {
            candidate_id: candidates[i],
            scheduled_at,
            location: content.rooms[i],
            guide_id: guides::default_guide(locale),
            panel: &panel,
        };
        rounds.push(case.plan(&round, manager).await?);
    }
    let (ingrid, jonas) = (&rounds[0], &rounds[1]);

    if ingrid.questions.len() != content.ingrid.len() {
        bail!(
            "the demo has notes for {} questions, the round has {}",
            content.ingrid.len(),
            ingrid.questions.len()
        );
    }
    let members = [manager, expert, panelist];
    for (m, user) in members.into_iter().enumerate() {
        for (question, (scores, notes)) in ingrid.questions.iter().zip(&content.ingrid) {
            case.rate(ingrid.round_id, user, *question, scores[m], notes[m])
                .await?;
        }
    }
    for ((kind, summary, score), by) in content.tests.iter().zip([expert, manager]) {
        case.record_test((ingrid.round_id, by), kind, summary, *score)
            .await?;
    }
    let (category, method, description) = content.doubt;
    case.raise_doubt(
        (ingrid.round_id, panelist),
        // Her first open question, right after the guide's opening one.
        2,
        (category, method),
        description,
    )
    .await?;
    for (user, (verdict, justification)) in members.into_iter().zip(&content.verdicts) {
        case.submit(ingrid.round_id, user, *verdict, justification)
            .await?;
    }

    for (user, started) in [
        (expert, content.jonas_expert),
        (panelist, content.jonas_panelist),
    ] {
        for (question, (score, note)) in jonas.questions.iter().zip(started) {
            case.rate(jonas.round_id, user, *question, *score, note)
                .await?;
        }
    }
    // Planning wrote every member's invitation to the outbox. The reminder
    // Jonas's hiring manager will get two working days from now (more than a
    // day after his interview) is written now, so the outbox page shows one;
    // the demo sends nothing, as it has no mail server.
    let reminded_at = schedule::working_noon(Utc::now(), case::TIME_ZONE, 2);
    mail::reminders::scan(pool, reminded_at).await?;
    Ok(())
}
