//! `secondround seed-demo --scale N`: an organisation around the demo, to
//! measure the pages of those who decide at its size (BENCHMARKS.md). N more
//! positions on the demo's profile, each with a hiring manager and a panel of
//! its own (so the demo manager's pages show the same at any size, while HR's
//! and the admin's grow), five candidates in every state a position goes
//! through, two of them over two rounds, all built through the case builder.
//! Running it again adds N more.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::auth::email::Email;
use crate::auth::users::{self, NewUser};
use crate::auth::{Role, password};
use crate::case::{Case, NewCandidate, NewPosition, NewRound};
use crate::decisions::DecisionPanel;
use crate::domain::PanelRole;
use crate::doubts::model::{Category, Method};
use crate::i18n::Locale;
use crate::scoring::Verdict;
use crate::scoring::flags::Outcome;

use super::content::Content;

/// The generated people's addresses end so; nobody signs in as them.
const DOMAIN: &str = "scale.demo.secondround.no";

/// Adds `n` positions; returns how many positions the scale has in all.
pub(super) async fn add(
    pool: &sqlx::PgPool,
    n: usize,
    hr: Uuid,
    content: &Content,
    (locale, guide_id): (Locale, Uuid),
) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar!(
        r#"select count(*) as "n!" from app_user where email like '%@' || $1 and role = 'manager'"#,
        DOMAIN
    )
    .fetch_one(pool)
    .await?;
    let first = existing as usize + 1;
    // A hash nobody knows the password of, made once: the people only fill pages.
    let unknown = password::hash(Uuid::new_v4().to_string() + &Uuid::new_v4().to_string()).await?;
    let now = Utc::now();
    for k in first..first + n {
        position(pool, k, hr, content, (locale, guide_id), &unknown, now).await?;
    }
    Ok(first + n - 1)
}

async fn person(
    pool: &sqlx::PgPool,
    (local, name): (String, String),
    role: Role,
    locale: Locale,
    hash: &str,
) -> anyhow::Result<Uuid> {
    let email = Email::try_from(format!("{local}@{DOMAIN}").as_str())
        .map_err(|why| anyhow::anyhow!("generated e-mail {local}: {why}"))?;
    Ok(users::insert(
        pool,
        NewUser {
            email: &email,
            display_name: &name,
            role,
            locale,
            password_hash: hash,
        },
    )
    .await?)
}

/// Position `k`: its manager and panel, five candidates: one hired, one not,
/// one decided after a second round, one with an open doubt, one planned.
#[allow(clippy::too_many_arguments)]
async fn position(
    pool: &sqlx::PgPool,
    k: usize,
    hr: Uuid,
    content: &Content,
    (locale, guide_id): (Locale, Uuid),
    hash: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let manager = person(
        pool,
        (format!("manager-{k}"), format!("Manager {k}")),
        Role::Manager,
        locale,
        hash,
    )
    .await?;
    let expert = person(
        pool,
        (format!("expert-{k}"), format!("Expert {k}")),
        Role::Panelist,
        locale,
        hash,
    )
    .await?;
    let panelist = person(
        pool,
        (format!("panelist-{k}"), format!("Panelist {k}")),
        Role::Panelist,
        locale,
        hash,
    )
    .await?;
    let case = Case::new(pool);
    let title = format!("{} {k}", content.position_title);
    let position_id = case
        .position(&NewPosition {
            title: &title,
            department: content.department,
            description: content.position_description,
            hiring_manager_id: manager,
        })
        .await?;
    for criterion in &content.criteria {
        case.criterion(position_id, criterion).await?;
    }
    let panel = [
        (manager, PanelRole::HiringManager),
        (expert, PanelRole::SubjectMatterExpert),
        (panelist, PanelRole::Other),
    ];
    for j in 0..5 {
        let name = format!("Candidate {k}.{}", j + 1);
        let email = format!("candidate-{k}-{}@{DOMAIN}", j + 1);
        let candidate_id = case
            .candidate(
                position_id,
                &NewCandidate {
                    name: &name,
                    email: &email,
                    source: "Referral",
                    ..NewCandidate::default()
                },
                hr,
            )
            .await?;
        let when = now - Duration::days(30 - 5 * j as i64);
        let round = |scheduled_at| NewRound {
            candidate_id,
            scheduled_at,
            location: content.rooms[0],
            guide_id,
            panel: &panel,
        };
        let first = case.plan(&round(when), manager).await?;
        if j == 4 {
            continue; // planned, nothing rated yet
        }
        let members = [manager, expert, panelist];
        rate_all(&case, pool, first.round_id, &members, k + j).await?;
        if j == 3 {
            case.raise_doubt(
                (first.round_id, panelist),
                2,
                (Category::Experience, Method::CheckReferences),
                "The notice period was not clear.",
            )
            .await?;
        }
        for user in members {
            case.submit(first.round_id, user, Verdict::Yes, "As the anchors say.")
                .await?;
        }
        let decided_at = when + Duration::days(2);
        match j {
            0 | 1 => {
                let outcome = if j == 0 {
                    Outcome::Hire
                } else {
                    Outcome::NoHire
                };
                decide(
                    &case,
                    pool,
                    (candidate_id, first.round_id),
                    manager,
                    outcome,
                    decided_at,
                )
                .await?;
            }
            2 => {
                decide(
                    &case,
                    pool,
                    (candidate_id, first.round_id),
                    manager,
                    Outcome::AnotherRound,
                    decided_at,
                )
                .await?;
                let second = case.plan(&round(when + Duration::days(7)), manager).await?;
                rate_all(&case, pool, second.round_id, &members, k + j + 1).await?;
                for user in members {
                    case.submit(second.round_id, user, Verdict::Yes, "As the anchors say.")
                        .await?;
                }
            }
            _ => {} // the open doubt holds the decision
        }
    }
    Ok(())
}

/// Every question rated by every member: scores 2 to 5 that vary with the
/// question, the member and `seed`, so panels agree on some criteria and not others.
async fn rate_all(
    case: &Case<'_>,
    pool: &sqlx::PgPool,
    round_id: Uuid,
    members: &[Uuid; 3],
    seed: usize,
) -> anyhow::Result<()> {
    let questions = sqlx::query!(
        "select id, rated from round_question where round_id = $1 order by section_order, question_order",
        round_id
    )
    .fetch_all(pool)
    .await?;
    for (m, user) in members.iter().enumerate() {
        for (q, question) in questions.iter().enumerate() {
            let score = question
                .rated
                .then(|| 2 + ((seed * 7 + q * 3 + m * 5) % 4) as i16);
            case.rate(round_id, *user, question.id, score, "").await?;
        }
    }
    Ok(())
}

/// A decision with the warnings the gate showed acknowledged, as the page asks.
async fn decide(
    case: &Case<'_>,
    pool: &sqlx::PgPool,
    ids: (Uuid, Uuid),
    manager: Uuid,
    outcome: Outcome,
    decided_at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut conn = pool.acquire().await?;
    let (_, assessment) = DecisionPanel::assess(&mut conn, ids.0).await?;
    drop(conn);
    let acknowledged: Vec<String> = assessment.warnings().map(|flag| flag.key()).collect();
    case.decide(
        ids,
        manager,
        (outcome, "Decided on the panel's facts."),
        &acknowledged,
        decided_at,
    )
    .await
}
