//! The position-wide facts loader against the one-candidate loader: the same
//! facts for every candidate, however their rounds, doubts and references lie;
//! and the facts kept in memory against those read afresh after every kind of
//! change, whatever code makes it.

use secondround::decisions::facts::{self, CandidateFacts, Known, PositionFacts, Scope};
use secondround::scoring::flags::{DoubtState, Facts};
use secondround::state::FactsCache;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::shortlist::{Shortlist, score, shortlist};
use crate::support::walk::Round;

/// The hand-worked shortlist (Ingrid, Åse with an open doubt and a not-assessed
/// rating, Bo without rounds), made harder:
/// - Ingrid gets a third round where a member of her second round sits again,
///   now as the expert and not submitted, beside the submitted hiring manager
///   (a not-assessed Motivation); a fourth round where every rating is not
///   assessed; recommendations on rounds 2 and 3; a doubt in each state and two
///   reference checks.
/// - Cecilie has one round rated only "not assessed": no scored round at all.
/// - Another position's candidate, rated, must not leak in.
struct Tangle {
    list: Shortlist,
    third: Round,
    fourth: Round,
    cecilie: Round,
    elsewhere: Round,
}

async fn tangle(app: &TestApp) -> Tangle {
    let list = shortlist(app).await;
    let ingrid = &list.ingrid;
    let third = ingrid.further(app, 3).await;
    let returning: Uuid = sqlx::query_scalar(
        "insert into panel_member (round_id, user_id, panel_role)
         select $1, user_id, 'subject_matter_expert' from panel_member
         where round_id = $2 order by id limit 1
         returning id",
    )
    .bind(third.id)
    .bind(ingrid.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let manager = third.manager_member(app).await;
    third.rate_all(app, returning, "Went deeper.").await;
    third.rate_all(app, manager.member_id, "").await;
    score(app, returning, "Technical depth", Some(5)).await;
    score(app, manager.member_id, "Motivation", None).await;
    sqlx::query("update panel_member set submitted_at = now() where id = $1")
        .bind(manager.member_id)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "insert into recommendation (panel_member_id, verdict, justification)
         select pm.id, case when pm.submitted_at is null then 'strong_no'
                            when pm.panel_role = 'hiring_manager' then 'yes' else 'strong_yes' end,
                'Weighed the evidence.'
         from panel_member pm where pm.round_id in ($1, $2)",
    )
    .bind(ingrid.id)
    .bind(third.id)
    .execute(&app.pool)
    .await
    .unwrap();
    let fourth = ingrid.further(app, 4).await;
    let late = fourth.member(app).await;
    unscored(app, &fourth, late.member_id).await;
    doubts_and_references(app, ingrid).await;
    let cecilie = ingrid.another(app, "Cecilie Dahl").await;
    let member = cecilie.member(app).await;
    unscored(app, &cecilie, member.member_id).await;
    let elsewhere = Round::plan(app).await;
    let stranger = elsewhere.member(app).await;
    elsewhere
        .rate_all(app, stranger.member_id, "Other position.")
        .await;
    Tangle {
        list,
        third,
        fourth,
        cecilie,
        elsewhere,
    }
}

/// Every question of the round rated by the member, all "not assessed".
async fn unscored(app: &TestApp, round: &Round, member_id: Uuid) {
    round.rate_all(app, member_id, "").await;
    sqlx::query("update rating set score = null where panel_member_id = $1")
        .bind(member_id)
        .execute(&app.pool)
        .await
        .unwrap();
}

async fn doubts_and_references(app: &TestApp, round: &Round) {
    let reference: Uuid = sqlx::query_scalar(
        "insert into reference_check (candidate_id, referee_name, checked_on, summary)
         values ($1, 'Former manager', current_date, 'Led the migration.'),
                ($1, 'Former colleague', current_date, 'Careful reviewer.')
         returning id",
    )
    .bind(round.candidate_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into doubt (candidate_id, round_id, category, description, resolution_method, raised_at,
                            status, settled_at, fact_what, fact_outcome, settled_by_reference_check_id)
         values ($1, $2, 'experience', 'Her role in the migration.', 'gather_facts', now(),
                 'open', null, '', '', null),
                ($1, $2, 'motivation', 'Why she left after 14 months.', 'gather_facts', now() - interval '2 days',
                 'resolved', now(), 'Asked her former manager', 'The team was closed down.', null),
                ($1, $2, 'integrity', 'A gap in her CV.', 'check_references', now() - interval '1 day',
                 'confirmed', now(), '', '', $3)",
    )
    .bind(round.candidate_id)
    .bind(round.id)
    .bind(reference)
    .execute(&app.pool)
    .await
    .unwrap();
}

/// A candidate's facts from the position's batch, the way the comparison takes
/// them; a candidate not in the batch gets none.
fn weighed(batch: &PositionFacts, candidate_id: Uuid) -> CandidateFacts {
    let unknown = Known::default();
    batch
        .known(candidate_id)
        .unwrap_or(&unknown)
        .assessed(candidate_id)
        .facts
        .clone()
}

/// The latest round with a score, as the comparison page has always chosen it.
async fn scored_round(conn: &mut PgConnection, candidate_id: Uuid) -> Option<Uuid> {
    sqlx::query_scalar(
        "select r.id from interview_round r
         where r.candidate_id = $1 and exists (
               select 1 from round_question q join rating ra on ra.round_question_id = q.id
               where q.round_id = r.id and ra.score is not null)
         order by r.round_number desc limit 1",
    )
    .bind(candidate_id)
    .fetch_optional(conn)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_positions_facts_are_each_candidates_own_facts() {
    let app = TestApp::spawn().await;
    let tangle = tangle(&app).await;
    let position_id = tangle.list.ingrid.position_id;
    let mut conn = app.pool.acquire().await.unwrap();
    let batch = facts::load_position(&mut conn, &FactsCache::default(), position_id)
        .await
        .unwrap();
    let candidates: Vec<Uuid> =
        sqlx::query_scalar("select id from candidate where position_id = $1 order by name")
            .bind(position_id)
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    assert_eq!(candidates.len(), 4);
    for candidate_id in candidates {
        let taken = weighed(&batch, candidate_id);
        let whole = facts::load(&mut conn, Scope::Candidate(candidate_id))
            .await
            .unwrap();
        assert_eq!(taken.whole, whole, "every round of {candidate_id}");
        let expected = match scored_round(&mut conn, candidate_id).await {
            Some(round_id) => Some(
                facts::load(
                    &mut conn,
                    Scope::Round {
                        candidate_id,
                        round_id,
                    },
                )
                .await
                .unwrap(),
            ),
            None => None,
        };
        assert_eq!(
            taken.scored_round, expected,
            "the scored round of {candidate_id}"
        );
    }
}

#[tokio::test]
async fn a_positions_facts_cover_every_tangle_the_gate_knows() {
    let app = TestApp::spawn().await;
    let tangle = tangle(&app).await;
    let ingrid = &tangle.list.ingrid;
    let mut conn = app.pool.acquire().await.unwrap();
    let batch = facts::load_position(&mut conn, &FactsCache::default(), ingrid.position_id)
        .await
        .unwrap();

    let taken = weighed(&batch, ingrid.candidate_id);
    let whole: &Facts = &taken.whole;
    assert_eq!(whole.round_id, Some(tangle.fourth.id), "the latest round");
    let states: Vec<DoubtState> = whole.doubts.iter().map(|d| d.state).collect();
    assert_eq!(
        states,
        [
            DoubtState::Open,
            DoubtState::Resolved,
            DoubtState::Confirmed
        ]
    );
    assert_eq!(whole.reference_checks, 2);
    assert_eq!(whole.panel.len(), 4, "the returning member counts once");
    let returning = whole.panel.iter().find(|m| m.is_expert).unwrap();
    assert_eq!(returning.unsubmitted_round, Some(tangle.third.id));
    assert_eq!(
        whole.recommendations.len(),
        3,
        "two on round 2, the manager's on round 3; the unsubmitted one not"
    );
    assert!(whole.ratings.iter().any(|r| r.score.is_none()));
    let scored = taken.scored_round.expect("round 3 has scores");
    assert_eq!(scored.round_id, Some(tangle.third.id));
    assert_eq!(scored.panel.len(), 2);
    assert_eq!(scored.recommendations.len(), 1);

    let cecilie = weighed(&batch, tangle.cecilie.candidate_id);
    assert!(!cecilie.whole.ratings.is_empty());
    assert_eq!(cecilie.scored_round, None, "nothing but not-assessed");
    let bo = weighed(&batch, tangle.list.bo);
    assert_eq!(bo.whole.round_id, None);
    assert_eq!(bo.whole.criteria.len(), 4);
    let stranger = weighed(&batch, tangle.elsewhere.candidate_id);
    assert!(
        stranger.whole.ratings.is_empty() && stranger.whole.panel.is_empty(),
        "another position's candidate is not loaded"
    );
}

/// Each change made straight in the database, as any code path could make it,
/// to a part of what a candidate's facts are built from.
const CHANGES: [(&str, &str); 13] = [
    (
        "a score",
        "update rating set score = 1 where id = (
             select ra.id from rating ra join panel_member pm on pm.id = ra.panel_member_id
             where pm.round_id = $1 and ra.score is not null order by ra.id limit 1)",
    ),
    (
        "a note emptied",
        "update rating set evidence = '' where id = (
             select ra.id from rating ra join panel_member pm on pm.id = ra.panel_member_id
             join round_question q on q.id = ra.round_question_id
             where pm.round_id = $1 and q.rated and ra.evidence <> '' order by ra.id limit 1)",
    ),
    (
        "a recommendation",
        "update recommendation set verdict = 'no' where panel_member_id in (
             select id from panel_member where round_id = $1)",
    ),
    (
        "a submission",
        "update panel_member set submitted_at = now()
         where round_id in (select id from interview_round where candidate_id = $2) and submitted_at is null",
    ),
    (
        "a doubt settled",
        "update doubt set status = 'resolved', settled_at = now(), fact_what = 'Asked the referee',
                fact_outcome = 'She led it.' where candidate_id = $2 and status = 'open'",
    ),
    (
        "a reference check",
        "insert into reference_check (candidate_id, referee_name, checked_on, summary)
         values ($2, 'Third referee', current_date, 'Confirmed the dates.')",
    ),
    (
        "a criterion made a must-have",
        "update criterion set must_have = true, minimum_score = 4
         where position_id = (select position_id from candidate where id = $2)",
    ),
    (
        "a member renamed",
        "update app_user set display_name = 'Renamed Member' where id = (
             select user_id from panel_member where round_id = $1 order by id limit 1)",
    ),
    (
        "a question's criterion taken away",
        "update round_question set criterion_id = null where id = (
             select id from round_question where round_id = $1 and criterion_id is not null
             order by section_order, question_order limit 1)",
    ),
    (
        "a rating deleted",
        "delete from rating where id = (
             select ra.id from rating ra join panel_member pm on pm.id = ra.panel_member_id
             where pm.round_id = $1 order by ra.id desc limit 1)",
    ),
    (
        "a member taken off a panel",
        "delete from panel_member where id = (
             select id from panel_member where round_id = $1 order by id desc limit 1)",
    ),
    (
        "a doubt deleted",
        "delete from doubt where id = (select id from doubt where candidate_id = $2 order by id limit 1)",
    ),
    (
        "the latest round deleted",
        "delete from interview_round where id = (
             select id from interview_round where candidate_id = $2 order by round_number desc limit 1)",
    ),
];

async fn version(conn: &mut PgConnection, candidate_id: Uuid) -> i64 {
    sqlx::query_scalar(
        "select coalesce((select version from candidate_facts_version where candidate_id = $1), 0)",
    )
    .bind(candidate_id)
    .fetch_one(conn)
    .await
    .unwrap()
}

/// The facts are kept in memory between pages; after any change the next page
/// gets what a fresh read gives, for the candidate alone and in the position's batch.
#[tokio::test]
async fn kept_facts_follow_every_change_to_what_they_are_built_from() {
    let app = TestApp::spawn().await;
    let tangle = tangle(&app).await;
    let ingrid = &tangle.list.ingrid;
    let candidate_id = ingrid.candidate_id;
    let cache = FactsCache::default();
    let mut conn = app.pool.acquire().await.unwrap();
    for (change, sql) in CHANGES {
        // Kept now: the same facts again without a change, and no new version.
        let kept = facts::cached(&mut conn, &cache, Scope::Candidate(candidate_id))
            .await
            .unwrap();
        let before = version(&mut conn, candidate_id).await;
        let again = facts::cached(&mut conn, &cache, Scope::Candidate(candidate_id))
            .await
            .unwrap();
        assert_eq!(kept, again, "before {change}");
        assert_eq!(
            version(&mut conn, candidate_id).await,
            before,
            "reading bumps nothing"
        );
        facts::load_position(&mut conn, &cache, ingrid.position_id)
            .await
            .unwrap();

        let changed = sqlx::query(sql)
            .bind(ingrid.id)
            .bind(candidate_id)
            .execute(&mut *conn)
            .await
            .unwrap();
        assert!(changed.rows_affected() > 0, "{change} changed nothing");

        let fresh = facts::load(&mut conn, Scope::Candidate(candidate_id))
            .await
            .unwrap();
        assert_ne!(fresh, kept, "{change} changes the facts");
        let shown = facts::cached(&mut conn, &cache, Scope::Candidate(candidate_id))
            .await
            .unwrap();
        assert_eq!(shown, fresh, "the candidate's facts after {change}");
        let batch = facts::load_position(&mut conn, &cache, ingrid.position_id)
            .await
            .unwrap();
        assert_eq!(
            weighed(&batch, candidate_id).whole,
            fresh,
            "the position's after {change}"
        );
        let round = Scope::Round {
            candidate_id,
            round_id: tangle.third.id,
        };
        assert_eq!(
            facts::cached(&mut conn, &cache, round).await.unwrap(),
            facts::load(&mut conn, round).await.unwrap(),
            "a round's facts after {change}"
        );
    }
}

/// The pages take the kept facts: a change shows on the next visit of the
/// comparison and of the candidate's decision panel.
#[tokio::test]
async fn the_comparison_and_the_candidate_page_show_a_change_at_once() {
    use secondround::auth::Role;
    let app = TestApp::spawn().await;
    let list = crate::support::shortlist::shortlist(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let compare = format!("/positions/{}/compare", list.ingrid.position_id);
    let doubts_cell = |html: &str| -> String {
        let row = html
            .split("<tr data-candidate=\"Åse Ødegård\">")
            .nth(1)
            .unwrap();
        let cell = row.split("data-cell=\"doubts\"").nth(1).unwrap();
        let inner = &cell[cell.find('>').unwrap() + 1..];
        inner[..inner.find("</td>").unwrap()]
            .split(['<', '>'])
            .filter(|part| {
                part.trim().chars().all(|c| c.is_ascii_digit()) && !part.trim().is_empty()
            })
            .map(|part| part.trim().to_owned())
            .next()
            .unwrap_or_default()
    };
    let first = app.get_html(&hr, &compare).await;
    assert_eq!(doubts_cell(&first), "1");
    // Visited twice, so the second is from memory.
    assert_eq!(doubts_cell(&app.get_html(&hr, &compare).await), "1");
    let candidate_page = format!("/candidates/{}", list.aase.candidate_id);
    let before = app.get_html(&hr, &candidate_page).await;
    assert!(!before.contains("Zebra: the reference is unreachable."));

    sqlx::query(
        "insert into doubt (candidate_id, round_id, category, description, resolution_method)
         values ($1, $2, 'integrity', 'Zebra: the reference is unreachable.', 'gather_facts')",
    )
    .bind(list.aase.candidate_id)
    .bind(list.aase.id)
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(doubts_cell(&app.get_html(&hr, &compare).await), "2");
    let after = app.get_html(&hr, &candidate_page).await;
    assert!(
        after.contains("Zebra: the reference is unreachable."),
        "the new doubt blocks the hire on the candidate page"
    );
}
