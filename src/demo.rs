//! `secondround seed-demo`: a believable hiring case to explore and test against.
//! Running it again keeps the data and only resets the demo users' password.

use std::fmt::Write as _;

use anyhow::Context;
use chrono::{Duration, Utc};
use rand::Rng;
use rand::distributions::Alphanumeric;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::auth::email::Email;
use crate::auth::users::{self, NewUser};
use crate::auth::{Role, password};
use crate::i18n::Locale;
use crate::rounds::{RoundStatus, snapshot};

pub const POSITION_TITLE: &str = "Senior backend engineer";
/// The English default template shipped in migrations.
const TEMPLATE_EN: &str = "00000000-0000-4000-8000-000000000002";

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

struct DemoCriterion {
    name: &'static str,
    description: &'static str,
    weight: f64,
    minimum: Option<i16>,
    anchors: [&'static str; 5],
}

const CRITERIA: [DemoCriterion; 6] = [
    DemoCriterion {
        name: "Technical depth",
        description: "Designs and runs backend services in production: data modelling, performance, failure handling.",
        weight: 3.0,
        minimum: Some(3),
        anchors: [
            "Cannot explain the systems they say they built.",
            "Knows the vocabulary; explanations stay at the surface.",
            "Explains design choices and trade-offs of their own work correctly.",
            "Reasons from first principles; anticipates failure modes and load.",
            "Teaches us something: deep, precise and grounded in real incidents.",
        ],
    },
    DemoCriterion {
        name: "Problem solving",
        description: "Breaks down an unfamiliar problem from our own backlog and proposes a workable solution.",
        weight: 3.0,
        minimum: Some(3),
        anchors: [
            "Stalls or guesses without structure.",
            "Needs heavy prompting to make progress.",
            "Structures the problem and reaches a workable solution.",
            "Compares alternatives, asks for the right facts, checks assumptions.",
            "Finds a simpler or better solution than the one we use today.",
        ],
    },
    DemoCriterion {
        name: "Collaboration",
        description: "Works with others to a shared result; handles disagreement constructively.",
        weight: 2.0,
        minimum: None,
        anchors: [
            "Blames others; no example of shared work.",
            "Examples are vague or only about their own part.",
            "Concrete examples of working well with others.",
            "Resolves disagreements with facts and respect; lifts the team.",
            "Shapes how teams work together, with evidence of results.",
        ],
    },
    DemoCriterion {
        name: "Communication",
        description: "Explains technical matters clearly to colleagues and non-specialists.",
        weight: 2.0,
        minimum: None,
        anchors: [
            "Hard to follow, even on simple topics.",
            "Understandable with effort; jargon-heavy.",
            "Clear and structured for the audience at hand.",
            "Adapts quickly; checks understanding; concise in writing too.",
            "Makes complex matters simple without losing accuracy.",
        ],
    },
    DemoCriterion {
        name: "Motivation",
        description: "Why this role, this team and this domain; fit with what we can offer.",
        weight: 1.0,
        minimum: None,
        anchors: [
            "No reason beyond needing a job.",
            "Generic reasons that fit any employer.",
            "Specific reasons that match the role.",
            "Clear, well-informed motivation tied to our work.",
            "Has already engaged with our domain and problems.",
        ],
    },
    DemoCriterion {
        name: "Learning",
        description: "Knows where they are self-driven and where they need training; learns from feedback.",
        weight: 1.0,
        minimum: None,
        anchors: [
            "Sees no gaps in their own skills.",
            "Names gaps only when pressed.",
            "Names real gaps and how they would close them.",
            "Shows a track record of deliberate learning.",
            "Learns fast and helps others learn, with examples.",
        ],
    },
];

struct DemoCandidate {
    name: &'static str,
    email: &'static str,
    source: &'static str,
    summary: &'static str,
    open_questions: &'static str,
}

const CANDIDATES: [DemoCandidate; 4] = [
    DemoCandidate {
        name: "Ingrid Solberg",
        email: "ingrid.solberg@example.no",
        source: "Referral",
        summary: "Eight years of backend work in payments. Strong on Postgres and queueing. Calm, precise answers.",
        open_questions: "Her exact role in the payment platform migration.\nWhy she left her last job after 14 months.",
    },
    DemoCandidate {
        name: "Jonas Haugen",
        email: "jonas.haugen@example.no",
        source: "Job advert",
        summary: "Six years in logistics software, Rust for two. Good first interview; light on operations.",
        open_questions: "How much on-call experience does he have?",
    },
    DemoCandidate {
        name: "Sofia Ahmed",
        email: "sofia.ahmed@example.no",
        source: "LinkedIn",
        summary: "Platform engineer moving towards product backend work. Very strong on reliability.",
        open_questions: "Interest in product work versus platform work.",
    },
    DemoCandidate {
        name: "Lars Nilsen",
        email: "lars.nilsen@example.no",
        source: "Job advert",
        summary: "Consultant with broad experience across many short projects.",
        open_questions: "Depth in any one system over time.",
    },
];

/// Loads the demo (once) and sets every demo user's password; returns the sign-ins.
pub async fn seed(pool: &PgPool, password: Option<String>) -> anyhow::Result<String> {
    let password = password.unwrap_or_else(generate_password);
    if password.chars().count() < password::MIN_LENGTH {
        anyhow::bail!(
            "--password must have at least {} characters",
            password::MIN_LENGTH
        );
    }
    let hash = password::hash(password.clone()).await?;
    let mut tx = pool.begin().await?;
    let mut ids = Vec::new();
    for user in &USERS {
        ids.push(upsert_user(&mut tx, user, &hash).await?);
    }
    let exists: bool = sqlx::query_scalar!(
        r#"select exists (select 1 from position where title = $1 and hiring_manager_id = $2) as "exists!""#,
        POSITION_TITLE,
        ids[2],
    )
    .fetch_one(&mut *tx)
    .await?;
    if !exists {
        load_case(&mut tx, &ids)
            .await
            .context("cannot load the demo case")?;
    }
    tx.commit().await?;

    let mut report = String::new();
    let state = if exists {
        "already loaded; passwords reset"
    } else {
        "loaded"
    };
    writeln!(
        report,
        "Demo data {state}: position \"{POSITION_TITLE}\" with 4 candidates."
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

fn generate_password() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect()
}

async fn upsert_user(conn: &mut PgConnection, user: &DemoUser, hash: &str) -> anyhow::Result<Uuid> {
    let existing: Option<Uuid> = sqlx::query_scalar!(
        "select id from app_user where lower(email) = $1",
        user.email,
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = existing {
        sqlx::query!(
            "update app_user set password_hash = $2, disabled = false where id = $1",
            id,
            hash,
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
        locale: Locale::En,
        password_hash: hash,
    };
    Ok(users::insert(&mut *conn, new_user).await?)
}

/// `ids` follow `USERS`: admin, hr, manager, expert, panelist.
async fn load_case(conn: &mut PgConnection, ids: &[Uuid]) -> anyhow::Result<()> {
    let (hr, manager, expert, panelist) = (ids[1], ids[2], ids[3], ids[4]);
    let position_id: Uuid = sqlx::query_scalar!(
        "insert into position (title, department, hiring_manager_id, description)
         values ($1, 'Platform', $2, $3) returning id",
        POSITION_TITLE,
        manager,
        "Builds and runs the services behind our booking platform with a team of six. On call one week in six.",
    )
    .fetch_one(&mut *conn)
    .await?;

    for (order, criterion) in CRITERIA.iter().enumerate() {
        sqlx::query!(
            "insert into criterion (position_id, name, description, weight, must_have, minimum_score, sort_order,
                                    anchor_1, anchor_2, anchor_3, anchor_4, anchor_5)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            position_id,
            criterion.name,
            criterion.description,
            criterion.weight,
            criterion.minimum.is_some(),
            criterion.minimum,
            order as i32,
            criterion.anchors[0],
            criterion.anchors[1],
            criterion.anchors[2],
            criterion.anchors[3],
            criterion.anchors[4],
        )
        .execute(&mut *conn)
        .await?;
    }

    let mut candidate_ids = Vec::new();
    for candidate in &CANDIDATES {
        let id: Uuid = sqlx::query_scalar!(
            "insert into candidate (position_id, name, email, source, first_round_summary, open_questions)
             values ($1, $2, $3, $4, $5, $6) returning id",
            position_id,
            candidate.name,
            candidate.email,
            candidate.source,
            candidate.summary,
            candidate.open_questions,
        )
        .fetch_one(&mut *conn)
        .await?;
        sqlx::query!(
            "insert into candidate_status_change (candidate_id, to_status, changed_by) values ($1, 'shortlisted', $2)",
            id,
            hr,
        )
            .execute(&mut *conn)
            .await?;
        candidate_ids.push(id);
    }

    let panel = [
        (manager, "hiring_manager"),
        (expert, "subject_matter_expert"),
        (panelist, "other"),
    ];
    let now = Utc::now();
    let scored = plan_round(
        conn,
        candidate_ids[0],
        now - Duration::days(2),
        "Meeting room Fjord",
        &panel,
        manager,
    )
    .await?;
    let in_progress = plan_round(
        conn,
        candidate_ids[1],
        now - Duration::hours(1),
        "Meeting room Fjell",
        &panel,
        manager,
    )
    .await?;
    plan_round(
        conn,
        candidate_ids[2],
        now + Duration::days(3),
        "Meeting room Fjord",
        &panel,
        manager,
    )
    .await?;

    set_round_state(
        conn,
        scored.round_id,
        RoundStatus::Scoring,
        candidate_ids[0],
        hr,
    )
    .await?;
    set_round_state(
        conn,
        in_progress.round_id,
        RoundStatus::InProgress,
        candidate_ids[1],
        hr,
    )
    .await?;
    rate_all(conn, &scored, &[0, 1, 2]).await?;
    rate_some(conn, &in_progress, &[(1, 9), (2, 6)]).await?;
    submit(conn, &scored).await?;

    sqlx::query!(
        "insert into test_result (round_id, kind, summary, score, recorded_by)
         values ($1, 'work_sample', 'Take-home: idempotent payment webhook handler. Correct, well tested; retries handled.', 4, $2),
                ($1, 'personality', 'Cattell 16PF: high on rule-consciousness and emotional stability; moderate warmth.', null, $2)",
        scored.round_id,
        hr,
    )
    .execute(&mut *conn)
    .await?;

    sqlx::query!(
        "insert into doubt (candidate_id, round_id, category, description, resolution_method, raised_by)
         values ($1, $2, 'experience',
                 'Said she led the payment platform migration, but could not name the decisions she made herself or who else was involved.',
                 'check_references', $3)",
        candidate_ids[0],
        scored.round_id,
        panelist,
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

struct PlannedRound {
    round_id: Uuid,
    questions: Vec<Uuid>,
    members: Vec<Uuid>,
}

async fn plan_round(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    at: chrono::DateTime<Utc>,
    place: &str,
    panel: &[(Uuid, &str)],
    created_by: Uuid,
) -> anyhow::Result<PlannedRound> {
    let template_id = Uuid::parse_str(TEMPLATE_EN)?;
    let round_id: Uuid = sqlx::query_scalar!(
        "insert into interview_round (candidate_id, scheduled_at, location, template_id, created_by)
         values ($1, $2, $3, $4, $5) returning id",
        candidate_id,
        at as _, // chrono (see README, "Changing a query")
        place,
        template_id,
        created_by,
    )
    .fetch_one(&mut *conn)
    .await?;
    snapshot::take(
        conn,
        round_id,
        template_id,
        "Open questions from the first interview",
    )
    .await?;
    let questions = sqlx::query_scalar!(
        "select id from round_question where round_id = $1 order by section_order, question_order",
        round_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut members = Vec::new();
    for (user_id, role) in panel {
        let id: Uuid = sqlx::query_scalar!(
            "insert into panel_member (round_id, user_id, panel_role) values ($1, $2, $3) returning id",
            round_id,
            user_id,
            role,
        )
            .fetch_one(&mut *conn)
            .await?;
        members.push(id);
    }
    Ok(PlannedRound {
        round_id,
        questions,
        members,
    })
}

async fn set_round_state(
    conn: &mut PgConnection,
    round_id: Uuid,
    status: RoundStatus,
    candidate_id: Uuid,
    by: Uuid,
) -> anyhow::Result<()> {
    // Demo data starts mid-interview, without walking the lifecycle's events.
    sqlx::query!(
        "update interview_round set status = $2 where id = $1",
        round_id,
        status.code(),
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update candidate set status = 'in_second_round' where id = $1",
        candidate_id,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into candidate_status_change (candidate_id, from_status, to_status, changed_by)
         values ($1, 'shortlisted', 'in_second_round', $2)",
        candidate_id,
        by,
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A plausible score for question `q` from member `m`: mostly 3–4, a spread here and there.
fn demo_score(q: usize, m: usize) -> Option<i16> {
    let pattern = [4, 3, 4, 5, 3, 4, 2, 4, 3, 4, 4, 3];
    if q >= 20 {
        return None; // closing logistics: not assessed
    }
    let base = pattern[(q + m * 5) % pattern.len()];
    Some(base)
}

const NOTES: [&str; 4] = [
    "Walked through the retry design step by step; named idempotency keys unprompted.",
    "Gave a concrete example with numbers: p99 from 800 ms to 120 ms after index changes.",
    "Answer stayed general; no example from own work when asked twice.",
    "Asked good clarifying questions before proposing a solution.",
];

async fn rate_all(
    conn: &mut PgConnection,
    round: &PlannedRound,
    members: &[usize],
) -> anyhow::Result<()> {
    for &m in members {
        for (q, question) in round.questions.iter().enumerate() {
            insert_rating(conn, *question, round.members[m], demo_score(q, m), q + m).await?;
        }
    }
    Ok(())
}

/// `(member index, how many questions rated)`.
async fn rate_some(
    conn: &mut PgConnection,
    round: &PlannedRound,
    progress: &[(usize, usize)],
) -> anyhow::Result<()> {
    for &(m, count) in progress {
        for (q, question) in round.questions.iter().take(count).enumerate() {
            insert_rating(conn, *question, round.members[m], demo_score(q, m), q + m).await?;
        }
    }
    Ok(())
}

async fn insert_rating(
    conn: &mut PgConnection,
    question: Uuid,
    member: Uuid,
    score: Option<i16>,
    seed: usize,
) -> anyhow::Result<()> {
    let note = if seed.is_multiple_of(3) || matches!(score, Some(1 | 2 | 5)) {
        NOTES[seed % NOTES.len()]
    } else {
        ""
    };
    sqlx::query!(
        "insert into rating (round_question_id, panel_member_id, score, evidence) values ($1, $2, $3, $4)",
        question,
        member,
        score,
        note,
    )
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn submit(conn: &mut PgConnection, round: &PlannedRound) -> anyhow::Result<()> {
    let verdicts = [
        (
            "yes",
            "Strong technical depth with evidence from the work sample; the migration story needs a reference check.",
        ),
        (
            "strong_yes",
            "Best solution to our webhook case of all candidates; clear reasoning about failure modes.",
        ),
        (
            "yes",
            "Good fit for the team; my doubt about her migration role must be settled before an offer.",
        ),
    ];
    for (member, (verdict, justification)) in round.members.iter().zip(verdicts) {
        sqlx::query!(
            "update panel_member set submitted_at = now() - interval '1 day' where id = $1",
            member,
        )
        .execute(&mut *conn)
        .await?;
        sqlx::query!(
            "insert into recommendation (panel_member_id, verdict, justification) values ($1, $2, $3)",
            member,
            verdict,
            justification,
        )
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
