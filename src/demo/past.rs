//! Last year's intake in the demo: a closed position on the same profile whose
//! nine hires were interviewed by the same panel and are followed up, so the
//! calibration, "what predicted" and the retrospective show real numbers.
//! Technical depth and problem solving in the interview go with how the hires
//! did; motivation does not. Per scores a point above the others throughout
//! (his leniency, over 54 paired ratings). Gustav was hired over Erik's low
//! collaboration scores and would not be hired again; Ivar left in probation.

use chrono::{DateTime, Months, Utc};
use uuid::Uuid;

use crate::case::{Case, NewCandidate, NewFollowUp, NewPosition, NewRound};
use crate::decisions::DecisionPanel;
use crate::domain::PanelRole;
use crate::scoring::Verdict;

use super::content::Content;

/// The panel's interview level per hire (rows) and criterion (columns, in the
/// profile's order: technical depth, problem solving, collaboration,
/// communication, motivation, learning), as Maria and Erik scored it.
const INTERVIEW: [[i16; 6]; 9] = [
    [3, 4, 4, 4, 5, 4],
    [4, 3, 4, 3, 4, 4],
    [5, 5, 4, 4, 4, 5],
    [3, 4, 3, 4, 5, 3],
    [4, 3, 4, 3, 4, 4],
    [5, 5, 5, 4, 4, 4],
    [4, 4, 5, 4, 5, 4],
    [3, 3, 4, 3, 4, 3],
    [5, 4, 3, 4, 4, 4],
];

/// The hire whose collaboration Erik scored 2 against the others' 5.
const SPLIT: usize = 6;
/// The hire who left during probation.
const LEFT: usize = 8;
const COLLABORATION: usize = 2;

/// The follow-up scores, per hire and criterion: the first two as the
/// interview saw them, the rest unrelated to it.
const FOLLOW_UP: [[i16; 6]; 9] = [
    [3, 4, 4, 3, 3, 4],
    [4, 3, 3, 4, 4, 3],
    [5, 5, 4, 3, 4, 4],
    [3, 4, 3, 4, 3, 4],
    [4, 3, 4, 4, 5, 3],
    [5, 5, 5, 3, 3, 5],
    [4, 4, 2, 4, 3, 3],
    [3, 3, 4, 3, 4, 4],
    [5, 4, 3, 4, 4, 4],
];

/// Builds the closed position with its nine hires; `ids` follow `USERS`.
pub(super) async fn load(
    pool: &sqlx::PgPool,
    ids: &[Uuid],
    content: &Content,
    guide_id: Uuid,
) -> anyhow::Result<()> {
    let (hr, manager, expert, panelist) = (ids[1], ids[2], ids[3], ids[4]);
    let past = &content.past;
    let case = Case::new(pool);
    let position_id = case
        .position(&NewPosition {
            title: past.title,
            department: content.department,
            description: past.description,
            hiring_manager_id: manager,
        })
        .await?;
    for criterion in &content.criteria {
        case.criterion(position_id, criterion).await?;
    }
    let criteria: Vec<Uuid> = sqlx::query_scalar!(
        "select id from criterion where position_id = $1 order by sort_order, name",
        position_id
    )
    .fetch_all(pool)
    .await?;
    let panel = [
        (manager, PanelRole::HiringManager),
        (expert, PanelRole::SubjectMatterExpert),
        (panelist, PanelRole::Other),
    ];
    let now = Utc::now();
    for (hire, name) in past.names.iter().enumerate() {
        // The first six were hired 16 to 11 months ago, the last three 9 to 7.
        let months_ago = if hire < 6 { 16 - hire } else { 15 - hire };
        let decided_at = months_before(now, months_ago as u32);
        let email = format!("past{}@example.com", hire + 1);
        let candidate_id = case
            .candidate(
                position_id,
                &NewCandidate {
                    name,
                    email: &email,
                    source: "Referral",
                    ..NewCandidate::default()
                },
                hr,
            )
            .await?;
        let round = case
            .plan(
                &NewRound {
                    candidate_id,
                    // At noon, three working days before the decision.
                    scheduled_at: super::schedule::working_noon(
                        decided_at,
                        crate::case::TIME_ZONE,
                        -3,
                    ),
                    location: content.rooms[0],
                    guide_id,
                    panel: &panel,
                },
                manager,
            )
            .await?;
        let questions = sqlx::query!(
            "select id, rated, criterion_id from round_question where round_id = $1
              order by section_order, question_order",
            round.round_id
        )
        .fetch_all(pool)
        .await?;
        for (member, user) in [manager, expert, panelist].into_iter().enumerate() {
            for question in &questions {
                let score = question.rated.then(|| {
                    let criterion = question
                        .criterion_id
                        .and_then(|id| criteria.iter().position(|c| *c == id));
                    score(hire, criterion, member)
                });
                case.rate(round.round_id, user, question.id, score, "")
                    .await?;
            }
        }
        for user in [manager, expert, panelist] {
            case.submit(round.round_id, user, Verdict::Yes, past.justification)
                .await?;
        }
        // The warnings the gate showed, acknowledged as the decision page asks.
        let mut conn = pool.acquire().await?;
        let (_, assessment) = DecisionPanel::assess(&mut conn, candidate_id).await?;
        drop(conn);
        let acknowledged: Vec<String> = assessment.warnings().map(|flag| flag.key()).collect();
        let rationale = if hire == SPLIT {
            past.rationale_split
        } else {
            past.rationale
        };
        case.hire(
            (candidate_id, round.round_id),
            manager,
            rationale,
            &acknowledged,
            decided_at,
        )
        .await?;
        let probation = NewFollowUp {
            milestone: "probation",
            scores: &FOLLOW_UP[hire],
            would_hire_again: hire != SPLIT,
            still_here: hire != LEFT,
            note: match hire {
                SPLIT => past.notes[1],
                LEFT => past.notes[2],
                _ => past.notes[0],
            },
            written_at: months_before(now, months_ago as u32 - 6),
        };
        case.follow_up(candidate_id, &probation, manager).await?;
        if months_ago >= 12 {
            let twelve = NewFollowUp {
                milestone: "twelve_months",
                note: past.notes[0],
                written_at: months_before(now, months_ago as u32 - 12),
                ..probation
            };
            case.follow_up(candidate_id, &twelve, manager).await?;
        }
    }
    case.close_position(position_id).await
}

/// A member's score of a question of `criterion` for `hire`: Maria's and Erik's
/// the interview level, Per's one above it (at most 5); Erik's 2 on Gustav's
/// collaboration. Questions of no criterion take a 4.
fn score(hire: usize, criterion: Option<usize>, member: usize) -> i16 {
    let Some(criterion) = criterion else {
        return 4;
    };
    let level = INTERVIEW[hire][criterion];
    match member {
        1 if hire == SPLIT && criterion == COLLABORATION => 2,
        2 => (level + 1).min(5),
        _ => level,
    }
}

fn months_before(now: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(months)).unwrap_or(now)
}
