//! Conversation-only questions: marked in the guide editor, kept by the round's
//! snapshot, shown without rating inputs, never asked for at submission, and a
//! score sent for one is refused.

use secondround::auth::Role;
use secondround::guides::{DEFAULT_EN, DEFAULT_NB};
use serde_json::json;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::{Round, put_rating, shown_question};

/// "What makes you want the role": rated, with the criterion hint "Motivation".
const MOTIVATION_EN: &str = "00000000-0000-4000-8000-000000002103";

/// The 1-based walk-through numbers of the round's conversation-only questions.
async fn conversation_only(app: &TestApp, round: &Round) -> Vec<usize> {
    let rated: Vec<bool> = sqlx::query_scalar(
        "select rated from round_question where round_id = $1 order by section_order, question_order",
    )
    .bind(round.id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    rated
        .iter()
        .enumerate()
        .filter(|(_, rated)| !**rated)
        .map(|(i, _)| i + 1)
        .collect()
}

async fn rating(app: &TestApp, question: Uuid, member: Uuid) -> Option<(Option<i16>, String)> {
    sqlx::query_as(
        "select score, evidence from rating where round_question_id = $1 and panel_member_id = $2",
    )
    .bind(question)
    .bind(member)
    .fetch_optional(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_default_guides_mark_the_questions_their_guidance_calls_not_rated() {
    let app = TestApp::spawn().await;
    for guide in [DEFAULT_EN, DEFAULT_NB] {
        let questions: Vec<(String, String, bool)> = sqlx::query_as(
            "select q.text, q.guidance, q.rated from template_question q
             join template_section s on s.id = q.section_id
             where s.template_id = $1 order by s.sort_order, q.sort_order",
        )
        .bind(guide)
        .fetch_all(&app.pool)
        .await
        .unwrap();
        let unrated: Vec<&str> = questions
            .iter()
            .filter(|(_, _, rated)| !rated)
            .map(|(text, _, _)| text.as_str())
            .collect();
        assert_eq!(unrated.len(), 2, "{guide}: {unrated:?}");
        assert!(
            unrated[0].contains("since the first interview")
                || unrated[0].contains("siden førstegangsintervjuet"),
            "the opening question: {}",
            unrated[0]
        );
        assert!(
            unrated[1].contains("notice period") || unrated[1].contains("oppsigelsestid"),
            "the logistics question: {}",
            unrated[1]
        );
        for (text, guidance, rated) in &questions {
            let says_not_rated =
                guidance.contains("not rated") || guidance.contains("vurderes ikke");
            assert_eq!(!rated, says_not_rated, "{text}");
        }
    }
}

#[tokio::test]
async fn the_guide_editor_marks_a_question_and_the_round_keeps_the_mark() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let path = format!("/guides/{DEFAULT_EN}/questions/{MOTIVATION_EN}");
    let text = "What makes you want this role?";
    // A form with an error comes back with the tick kept.
    let refused = app
        .post_form(
            &admin,
            &path,
            &[
                ("text", " "),
                ("guidance", "Just talk."),
                ("conversation_only", "on"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains(r#"aria-describedby="conversation_only-hint" checked"#),
        "the tick is kept"
    );
    let saved = app
        .post_form(
            &admin,
            &path,
            &[
                ("text", text),
                ("guidance", "Just talk."),
                // Kept for when it is rated again, but linked to nothing meanwhile.
                ("criterion_hint", "Motivation"),
                ("conversation_only", "on"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let rated: bool = sqlx::query_scalar("select rated from template_question where id = $1")
        .bind(Uuid::parse_str(MOTIVATION_EN).unwrap())
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(!rated, "the mark is stored");
    let edit = app.get_html(&admin, &format!("{path}/edit")).await;
    assert!(
        edit.contains(r#"aria-describedby="conversation_only-hint" checked"#),
        "the edit form shows the mark"
    );

    let round = Round::plan(&app).await;
    let (rated, criterion): (bool, Option<Uuid>) = sqlx::query_as(
        "select rated, criterion_id from round_question where round_id = $1 and text = $2",
    )
    .bind(round.id)
    .bind(text)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(!rated, "the snapshot keeps the mark");
    assert_eq!(criterion, None, "and links no criterion, whatever its hint");
    assert_eq!(conversation_only(&app, &round).await.len(), 3);

    // Unticking it makes it rated again, for rounds planned afterwards only.
    let untick = app
        .post_form(
            &admin,
            &path,
            &[
                ("text", text),
                ("guidance", ""),
                ("criterion_hint", "Motivation"),
            ],
        )
        .await;
    assert_eq!(untick.status(), 303);
    assert_eq!(
        conversation_only(&app, &round).await.len(),
        3,
        "held rounds keep theirs"
    );
    let later = round.another(&app, "Jonas Berg").await;
    assert_eq!(conversation_only(&app, &later).await.len(), 2);
    let linked: Option<Uuid> = sqlx::query_scalar(
        "select criterion_id from round_question where round_id = $1 and text = $2",
    )
    .bind(later.id)
    .bind(text)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(linked.is_some(), "rated again, it is linked again");
}

#[tokio::test]
async fn a_conversation_only_question_shows_no_rating_inputs_and_keeps_a_note() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let unrated = conversation_only(&app, &round).await;
    assert_eq!(unrated.len(), 2, "the default guide's two");
    let n = unrated[0];

    let page = app
        .get_html(&me.client, &round.path(&format!("/interview/{n}")))
        .await;
    let shown = shown_question(&page);
    assert!(
        shown.contains("This question is not rated"),
        "its guidance is shown"
    );
    assert!(shown.contains("Conversation only (not rated)"));
    assert!(!shown.contains(r#"name="score""#), "no rating buttons");
    assert!(shown.contains(r#"name="evidence""#), "a note can be taken");
    assert!(shown.contains("Note (optional)"));
    let rated_page = app
        .get_html(&me.client, &round.path(&format!("/interview/{}", n + 1)))
        .await;
    assert!(
        shown_question(&rated_page).contains(r#"name="score""#),
        "a rated question has them"
    );

    // Moving on without a note stores nothing.
    let skipped = app
        .post_form(
            &me.client,
            &round.path(&format!("/interview/{n}")),
            &[("evidence", "")],
        )
        .await;
    assert_eq!(skipped.status(), 303);
    assert_eq!(
        rating(&app, round.questions[n - 1], me.member_id).await,
        None
    );

    let noted = app
        .post_form(
            &me.client,
            &round.path(&format!("/interview/{n}")),
            &[("evidence", "Asked about the on-call load.")],
        )
        .await;
    assert_eq!(noted.status(), 303);
    assert_eq!(
        rating(&app, round.questions[n - 1], me.member_id).await,
        Some((None, "Asked about the on-call load.".to_owned()))
    );
    // The member sits in no leading role: only the sections everyone rates count.
    let total = app
        .count(
            "select count(*) from round_question where round_id = $1 and rated and section_led_by = 'everyone'",
            round.id,
        )
        .await;
    let after = app
        .get_html(&me.client, &round.path(&format!("/interview/{n}")))
        .await;
    assert!(
        after.contains(&format!("0 of {total} answered")),
        "a note on it is not an answer that counts"
    );
}

#[tokio::test]
async fn a_score_for_a_conversation_only_question_is_refused() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let n = conversation_only(&app, &round).await[0];
    let question = round.questions[n - 1];
    let path = round.rating_path(n - 1);

    let refused = put_rating(
        &app,
        &me.client,
        &path,
        json!({"score": 4, "evidence": "Good questions.", "base_version": null, "save_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused.text().await.unwrap().contains("conversation only"),
        "says why"
    );
    for score in ["4", "na"] {
        let form = app
            .post_form(
                &me.client,
                &round.path(&format!("/interview/{n}")),
                &[("score", score), ("evidence", "Good questions.")],
            )
            .await;
        assert_eq!(form.status(), 422, "score {score}");
        let html = form.text().await.unwrap();
        assert!(
            shown_question(&html).contains("conversation only"),
            "score {score}"
        );
    }
    assert_eq!(
        rating(&app, question, me.member_id).await,
        None,
        "nothing stored"
    );

    let note = put_rating(
        &app,
        &me.client,
        &path,
        json!({"score": null, "evidence": "Good questions.", "base_version": null, "save_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(note.status(), 200, "a note alone is kept");
}

#[tokio::test]
async fn a_member_submits_without_touching_conversation_only_questions() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    round.rate_all(&app, me.member_id, "").await;
    let page = app
        .get_html(&me.client, &round.path("/interview/submit"))
        .await;
    assert!(page.contains("Every question is rated"), "none missing");
    let submitted = app
        .post_form(
            &me.client,
            &round.path("/interview/submit"),
            &[("verdict", "yes"), ("justification", "Solid answers.")],
        )
        .await;
    assert_eq!(submitted.status(), 303);
    let at: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("select submitted_at from panel_member where id = $1")
            .bind(me.member_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(at.is_some());
    for n in conversation_only(&app, &round).await {
        assert_eq!(
            rating(&app, round.questions[n - 1], me.member_id).await,
            None
        );
    }
}

#[tokio::test]
async fn the_debrief_shows_a_conversation_only_note_without_calling_it_not_assessed() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let n = conversation_only(&app, &round).await[0];
    const NOTE: &str = "Asked how database changes are reviewed.";
    let noted = put_rating(
        &app,
        &me.client,
        &round.rating_path(n - 1),
        json!({"score": null, "evidence": NOTE, "base_version": null, "save_id": Uuid::new_v4()}),
    )
    .await;
    assert_eq!(noted.status(), 200);
    round.rate_all(&app, me.member_id, "Evidence.").await;
    let submitted = app
        .post_form(
            &me.client,
            &round.path("/interview/submit"),
            &[("verdict", "yes"), ("justification", "Solid answers.")],
        )
        .await;
    assert_eq!(submitted.status(), 303);
    let (hr, _) = app.login_as(Role::Hr).await;
    let debrief = app.get_html(&hr, &round.path("/debrief")).await;
    let at = debrief.find(NOTE).expect("the note is in the debrief");
    let item = &debrief[debrief[..at].rfind("<li>").unwrap()..at];
    assert!(item.contains("conversation only"), "{item}");
    assert!(!item.contains("not assessed"), "{item}");
}

#[tokio::test]
async fn keeping_my_note_after_a_conflict_works_without_javascript() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let n = conversation_only(&app, &round).await[0];
    let path = round.path(&format!("/interview/{n}"));
    let (app, client, path) = (&app, &me.client, &path);
    let post = |fields: Vec<(&'static str, String)>| async move {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        app.post_form(client, path, &pairs).await
    };
    assert_eq!(
        post(vec![("evidence", "First note".into())]).await.status(),
        303
    );
    let second = post(vec![
        ("evidence", "Second note, from the other tab".into()),
        ("base_version", "1".into()),
    ])
    .await;
    assert_eq!(second.status(), 303);

    let stale = post(vec![
        ("evidence", "My note".into()),
        ("base_version", "1".into()),
    ])
    .await;
    assert_eq!(stale.status(), 409);
    let html = stale.text().await.unwrap();
    let start = html
        .find(r#"<div class="conflict""#)
        .expect("the conflict box");
    let conflict = &html[start..];
    assert!(
        conflict.contains(r#"<input type="hidden" name="score" value="">"#),
        "keeping mine sends no score for a question that is not rated"
    );

    // "Keep mine": the conflict box's own form, posted as rendered, with its button.
    let keep_mine = crate::support::html::forms(conflict)
        .into_iter()
        .next()
        .expect("the conflict box has a form");
    let mut fields = keep_mine.body(&|_| None);
    let button = keep_mine
        .controls
        .iter()
        .find(|c| c.kind == "submit")
        .expect("a keep-mine button");
    fields.push((button.name.clone(), button.value.clone()));
    let kept = client
        .post(app.url(&crate::support::html::unescape(&keep_mine.action)))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(kept.status(), 303);
    assert_eq!(
        rating(app, round.questions[n - 1], me.member_id).await,
        Some((None, "My note".to_owned()))
    );
}
