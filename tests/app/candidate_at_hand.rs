//! The candidate at hand in the walk-through: the first interview one tap away on
//! every question, a whole section marked "not assessed" in one step, and doubts
//! and test results that are stored once however often their form arrives.

use secondround::case::Case;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::{Member, Round, shown_question};

/// Per question in interview order: (id, section order, rated).
async fn questions(app: &TestApp, round: &Round) -> Vec<(Uuid, i32, bool)> {
    sqlx::query_as(
        "select id, section_order, rated from round_question where round_id = $1
         order by section_order, question_order",
    )
    .bind(round.id)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

async fn rating(app: &TestApp, question: Uuid, member: &Member) -> Option<Option<i16>> {
    sqlx::query_scalar(
        "select score from rating where round_question_id = $1 and panel_member_id = $2",
    )
    .bind(question)
    .bind(member.member_id)
    .fetch_optional(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_first_interview_is_one_tap_away_on_every_question() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    sqlx::query("update candidate set first_round_summary = $2 where id = $1")
        .bind(round.candidate_id)
        .bind("Strong on systems; <vague> on the team's size.")
        .execute(&app.pool)
        .await
        .unwrap();
    let me = round.member(&app).await;
    for n in [1, round.questions.len()] {
        let page = app
            .get_html(&me.client, &round.path(&format!("/interview/{n}")))
            .await;
        let start = page
            .find(r#"<details class="candidate-brief"#)
            .expect("the brief is on the page, closed");
        let brief = &page[start..start + page[start..].find("</details>").unwrap()];
        assert!(brief.contains("The candidate: first interview"));
        assert!(brief.contains("Strong on systems; &#60;vague&#62; on the team&#39;s size."));
        assert!(brief.contains("<li>Her exact role in the migration.</li>"));
        assert!(brief.contains("<li>Why she left after 14 months.</li>"));
    }
}

#[tokio::test]
async fn a_section_is_marked_not_assessed_in_one_step_and_answers_given_stay() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let all = questions(&app, &round).await;
    let opening: Vec<&(Uuid, i32, bool)> = all.iter().filter(|q| q.1 == 1).collect();
    let rated: Vec<Uuid> = opening.iter().filter(|q| q.2).map(|q| q.0).collect();
    let unrated: Vec<Uuid> = opening.iter().filter(|q| !q.2).map(|q| q.0).collect();
    assert!(rated.len() >= 3 && !unrated.is_empty(), "{opening:?}");
    Case::new(&app.pool)
        .rate(round.id, me.user.id, rated[0], Some(4), "Named the dates.")
        .await
        .unwrap();

    // The confirmation is on the question screen, behind its own tap.
    let page = app.get_html(&me.client, &round.path("/interview/2")).await;
    let shown = shown_question(&page);
    assert!(shown.contains(&format!("{}/interview/sections/1/not-assessed", round.id)));
    assert!(shown.contains("you have not answered yet will be marked not assessed"));

    let path = round.path("/interview/sections/1/not-assessed");
    let done = app.post_form(&me.client, &path, &[("from", "2")]).await;
    assert_eq!(done.status(), 303);
    let next = 1 + all.iter().rposition(|q| q.1 == 1).unwrap() + 1;
    assert_eq!(
        done.headers()["location"],
        round.path(&format!("/interview/{next}")).as_str(),
        "on to the next section"
    );
    assert_eq!(rating(&app, rated[0], &me).await, Some(Some(4)), "kept");
    for question in &rated[1..] {
        assert_eq!(
            rating(&app, *question, &me).await,
            Some(None),
            "not assessed"
        );
    }
    for question in &unrated {
        assert_eq!(
            rating(&app, *question, &me).await,
            None,
            "conversation only"
        );
    }
    let later = app.get_html(&me.client, &round.path("/interview/1")).await;
    assert!(later.contains(&format!(
        "{} questions marked not assessed.",
        rated.len() - 1
    )));
    let others = app
        .count(
            "select count(*) from rating r join round_question q on q.id = r.round_question_id
             where q.round_id = $1 and q.section_order <> 1",
            round.id,
        )
        .await;
    assert_eq!(others, 0, "other sections are untouched");

    // Again: nothing left, back where the member was.
    let again = app.post_form(&me.client, &path, &[("from", "2")]).await;
    assert_eq!(
        again.headers()["location"],
        round.path("/interview/2").as_str()
    );

    let unknown = app
        .post_form(
            &me.client,
            &round.path("/interview/sections/99/not-assessed"),
            &[],
        )
        .await;
    assert_eq!(unknown.status(), 404);
    round.rate_all(&app, me.member_id, "Seen.").await;
    let submitted = app
        .post_form(
            &me.client,
            &round.path("/interview/submit"),
            &[("verdict", "yes"), ("justification", "Facts.")],
        )
        .await;
    assert_eq!(submitted.status(), 303);
    let locked = app
        .post_form(
            &me.client,
            &round.path("/interview/sections/2/not-assessed"),
            &[],
        )
        .await;
    assert_eq!(locked.status(), 409, "submitted ratings are read-only");
}

#[tokio::test]
async fn a_doubt_and_a_test_result_sent_twice_are_stored_once() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let form_id = Uuid::new_v4().to_string();
    let doubt = [
        ("category", "experience"),
        ("description", "The dates of the migration do not add up."),
        ("method", "check_references"),
        ("form_id", form_id.as_str()),
    ];
    let path = round.path("/interview/3/doubts");
    let first = app.post_form(&me.client, &path, &doubt).await;
    assert_eq!(first.status(), 303);
    // The offline queue replays with a JSON answer asked for.
    let token = app.csrf_token(&me.client).await;
    let mut replayed: Vec<(&str, &str)> = doubt.to_vec();
    replayed.push(("csrf_token", &token));
    let again = me
        .client
        .post(app.url(&path))
        .header("accept", "application/json")
        .form(&replayed)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 201);
    let body: serde_json::Value = again.json().await.unwrap();
    let doubts: Vec<Uuid> = sqlx::query_scalar("select id from doubt where round_id = $1")
        .bind(round.id)
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(doubts.len(), 1, "one doubt for one form");
    assert_eq!(body["id"], doubts[0].to_string());
    let raised = app
        .count(
            "select count(*) from audit_event where entity = 'doubt' and action = 'raised' and entity_id = $1",
            doubts[0],
        )
        .await;
    assert_eq!(raised, 1, "audited once");
    // Another form is another doubt.
    let other_id = Uuid::new_v4().to_string();
    let mut other = doubt.to_vec();
    other[3] = ("form_id", other_id.as_str());
    assert_eq!(app.post_form(&me.client, &path, &other).await.status(), 303);
    let count = app
        .count("select count(*) from doubt where round_id = $1", round.id)
        .await;
    assert_eq!(count, 2);
    // The offline document's forms carry the nil id, which names no form: two
    // doubts sent with it are two doubts.
    let nil = Uuid::nil().to_string();
    let mut shared = doubt.to_vec();
    shared[3] = ("form_id", nil.as_str());
    for _ in 0..2 {
        assert_eq!(
            app.post_form(&me.client, &path, &shared).await.status(),
            303
        );
    }
    let count = app
        .count("select count(*) from doubt where round_id = $1", round.id)
        .await;
    assert_eq!(count, 4);

    let test_id = Uuid::new_v4().to_string();
    let test = [
        ("kind", "work_sample"),
        ("summary", "Finished the task in time."),
        ("score", "7"),
        ("form_id", test_id.as_str()),
    ];
    let path = round.path("/interview/5/test-results");
    for _ in 0..2 {
        assert_eq!(app.post_form(&me.client, &path, &test).await.status(), 303);
    }
    let results = app
        .count(
            "select count(*) from test_result where round_id = $1",
            round.id,
        )
        .await;
    assert_eq!(results, 1, "one result for one form");
}
