//! Ownership is checked by the extractors that load a path's `{id}` with its
//! position (`positions::access`, and the doubt page's own): another manager's
//! position, candidate, round or doubt is refused with a page that says why and
//! nothing changes; an unknown id is a 404 and a malformed one a 400, whatever
//! else the route's path holds.

use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::Round;

/// What the refusal page says when the position is another manager's.
const ANOTHER_MANAGERS: &str = "another hiring manager is responsible for";

/// The candidate's status, the position's, the doubt's and the question's
/// criterion: what the refused posts below would change.
async fn state(
    app: &TestApp,
    round: &Round,
    doubt: Uuid,
    question: Uuid,
) -> (String, String, String, Option<Uuid>) {
    sqlx::query_as(
        "select c.status, p.status, d.status, q.criterion_id
         from candidate c join position p on p.id = c.position_id,
              doubt d, round_question q
         where c.id = $1 and d.id = $2 and q.id = $3",
    )
    .bind(round.candidate_id)
    .bind(doubt)
    .bind(question)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn another_managers_position_candidate_round_and_doubt_are_refused_and_left_unchanged() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let owner = TestApp::client();
    app.login(&owner, &round.manager.email, &round.manager.password)
        .await;
    let raised = app
        .post_form(
            &owner,
            &format!("/candidates/{}/doubts", round.candidate_id),
            &[
                ("category", "experience"),
                ("description", "Whether she led the migration."),
                ("method", "gather_facts"),
            ],
        )
        .await;
    assert_eq!(raised.status(), 303, "the owner raises a doubt");
    let doubt: Uuid = sqlx::query_scalar("select id from doubt where candidate_id = $1")
        .bind(round.candidate_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let question: Uuid = sqlx::query_scalar(
        "select id from round_question where round_id = $1 and rated
         order by section_order, question_order limit 1",
    )
    .bind(round.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    // A criterion the question is not linked to, so the link below changes it.
    let criterion: Uuid = sqlx::query_scalar(
        "select c.id from criterion c, round_question q
         where c.position_id = $1 and q.id = $2 and c.id is distinct from q.criterion_id
         order by c.name limit 1",
    )
    .bind(round.position_id)
    .bind(question)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let before = state(&app, &round, doubt, question).await;

    let (other, _) = app.login_as(Role::Manager).await;
    // One read for each extractor.
    for path in [
        format!("/positions/{}", round.position_id),
        format!("/positions/{}/criteria/new", round.position_id),
        format!("/candidates/{}", round.candidate_id),
        format!("/candidates/{}/edit", round.candidate_id),
        format!("/rounds/{}", round.id),
        format!("/rounds/{}/debrief", round.id),
        format!("/doubts/{doubt}"),
    ] {
        let response = app.get(&other, &path).await;
        assert_eq!(response.status(), 403, "GET {path}");
        let body = response.text().await.unwrap();
        assert!(
            body.contains(ANOTHER_MANAGERS),
            "GET {path} says why: {body}"
        );
    }
    // In an order each can be made by the owner: closing the position last.
    let changes: [(String, Vec<(&str, String)>); 4] = [
        (
            format!("/doubts/{doubt}/confirm"),
            vec![
                ("fact_kind", "information".into()),
                ("fact_what", "Her role".into()),
                ("fact_source", "A call".into()),
                ("fact_outcome", "She did not lead it".into()),
            ],
        ),
        (
            format!("/rounds/{}/questions/{question}/criterion", round.id),
            vec![("criterion_id", criterion.to_string())],
        ),
        (
            format!("/candidates/{}/status", round.candidate_id),
            vec![("status", "rejected".into())],
        ),
        (format!("/positions/{}/close", round.position_id), vec![]),
    ];
    for (path, fields) in &changes {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = app.post_form(&other, path, &fields).await;
        assert_eq!(response.status(), 403, "POST {path}");
    }
    assert_eq!(
        state(&app, &round, doubt, question).await,
        before,
        "nothing changed for another manager"
    );

    // The same posts by the owner change what was checked above.
    for (path, fields) in &changes {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = app.post_form(&owner, path, &fields).await;
        assert_eq!(response.status(), 303, "POST {path} by the owner");
    }
    let after = state(&app, &round, doubt, question).await;
    assert_eq!(
        after,
        (
            "rejected".into(),
            "closed".into(),
            "confirmed".into(),
            Some(criterion)
        )
    );
}

#[tokio::test]
async fn an_unknown_id_is_not_found_and_a_malformed_one_a_bad_request() {
    let app = TestApp::spawn().await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let other = Uuid::new_v4();
    let reads = [
        "/positions/{id}",
        "/positions/{id}/criteria/new",
        "/positions/{id}/criteria/{other}/edit",
        "/candidates/{id}",
        "/candidates/{id}/edit",
        "/rounds/{id}",
        "/rounds/{id}/debrief",
        "/rounds/{id}/invite.ics",
        "/doubts/{id}",
    ];
    let posts = [
        "/positions/{id}/close",
        "/positions/{id}/criteria/{other}/delete",
        "/candidates/{id}/status",
        "/rounds/{id}/questions/{other}/criterion",
        "/doubts/{id}/resolve",
    ];
    for (id, want) in [
        (Uuid::new_v4().to_string(), 404),
        ("not-a-uuid".into(), 400),
    ] {
        for template in reads.iter().chain(&posts) {
            let path = template
                .replace("{id}", &id)
                .replace("{other}", &other.to_string());
            let status = if reads.contains(template) {
                app.get(&hr, &path).await.status()
            } else {
                app.post_form(&hr, &path, &[]).await.status()
            };
            assert_eq!(status, want, "{path}");
        }
    }
}
