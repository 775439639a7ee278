//! A position with three candidates whose comparison is worked out by hand,
//! for the comparison, export and browser tests.

use uuid::Uuid;

use super::TestApp;
use super::walk::Round;

/// Three candidates on one position whose numbers are worked out by hand.
///
/// Weights: Technical depth 2 (a must-have, minimum 3), the other three 1.
/// - Ingrid Solberg, two members: Technical 4 and 5 → 4.5; Problem solving 3;
///   Collaboration 3; Motivation 3 and 2 → 2.5. Total (2×4.5 + 3 + 3 + 2.5) / 5
///   = 3.50, coverage 100 %, must-haves met, rank 1.
/// - Åse Ødegård, one member: Technical 2 (under the minimum), Problem solving 3,
///   Collaboration 3, Motivation not assessed. Total (2×2 + 3 + 3) / 4 = 2.50,
///   coverage 4/5 = 80 %, must-have missed, one open doubt, rank 2.
/// - Bo Berg: no interview yet: no total, no rank, last.
pub struct Shortlist {
    pub ingrid: Round,
    pub aase: Round,
    pub bo: Uuid,
}

pub async fn shortlist(app: &TestApp) -> Shortlist {
    let ingrid = Round::plan(app).await;
    sqlx::query(
        "update criterion set must_have = true, minimum_score = 3, weight = 2
         where position_id = $1 and name = 'Technical depth'",
    )
    .bind(ingrid.position_id)
    .execute(&app.pool)
    .await
    .unwrap();
    let aase = ingrid.another(app, "Åse Ødegård").await;
    let first = ingrid.member(app).await;
    let second = ingrid.member(app).await;
    let third = aase.member(app).await;
    for (round, seat) in [(&ingrid, &first), (&ingrid, &second), (&aase, &third)] {
        round
            .rate_all(app, seat.member_id, "Concrete example.")
            .await;
    }
    score(app, first.member_id, "Technical depth", Some(4)).await;
    score(app, second.member_id, "Technical depth", Some(5)).await;
    score(app, second.member_id, "Motivation", Some(2)).await;
    score(app, third.member_id, "Technical depth", Some(2)).await;
    score(app, third.member_id, "Motivation", None).await;
    for round in [&ingrid, &aase] {
        sqlx::query("update panel_member set submitted_at = now() where round_id = $1")
            .bind(round.id)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    sqlx::query(
        "insert into doubt (candidate_id, round_id, category, description, resolution_method, raised_by)
         values ($1, $2, 'experience', 'Her notice period is unclear.', 'gather_facts', $3)",
    )
    .bind(aase.candidate_id)
    .bind(aase.id)
    .bind(third.user.id)
    .execute(&app.pool)
    .await
    .unwrap();
    let bo = app
        .candidate(ingrid.position_id, "Bo Berg", "bo@example.no")
        .await;
    Shortlist { ingrid, aase, bo }
}

/// Gives every question on `criterion` this score from the panel member.
pub async fn score(app: &TestApp, member_id: Uuid, criterion: &str, score: Option<i16>) {
    sqlx::query(
        "update rating set score = $3
         from round_question q join criterion c on c.id = q.criterion_id
         where q.id = rating.round_question_id and rating.panel_member_id = $1 and c.name = $2",
    )
    .bind(member_id)
    .bind(criterion)
    .bind(score)
    .execute(&app.pool)
    .await
    .unwrap();
}
