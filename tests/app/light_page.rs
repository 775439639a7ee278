//! The light question screen: the page carries its own question, the jump list
//! and the form; the round's questions come once as a document revalidated by
//! its ETag, without anyone's ratings in it.

use secondround::case::Case;

use crate::support::TestApp;
use crate::support::walk::Round;

/// A conditional GET, as the browser sends it for a document it holds.
async fn revalidate(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    tag: &str,
) -> reqwest::Response {
    client
        .get(app.url(path))
        .header("if-none-match", tag)
        .send()
        .await
        .unwrap()
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[tokio::test]
async fn a_question_screen_holds_its_own_question_and_stays_under_30_kb() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let total = round.questions.len();
    for n in 1..=total {
        let page = app
            .get_html(&me.client, &round.path(&format!("/interview/{n}")))
            .await;
        assert!(page.len() <= 30_000, "question {n}: {} bytes", page.len());
        assert_eq!(
            count(&page, r#"<section class="question""#),
            1,
            "question {n}"
        );
        assert!(page.contains(&format!(r#"id="q{n}""#)));
        assert_eq!(count(&page, "data-jump=\""), total, "the whole jump list");
    }
}

#[tokio::test]
async fn the_rounds_questions_come_once_and_are_revalidated_by_their_etag() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let path = round.path("/interview/offline");
    let first = app.get(&me.client, &path).await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["cache-control"], "private, no-cache");
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    let body = first.text().await.unwrap();
    assert_eq!(
        count(&body, r#"<section class="question""#),
        round.questions.len()
    );
    assert!(!body.contains("<html"), "a fragment, not a page");

    let again = revalidate(&app, &me.client, &path, &tag).await;
    assert_eq!(again.status(), 304);
    assert!(again.text().await.unwrap().is_empty());

    // A rating changes the member's pages, not the round's questions: still 304,
    // and the note is in the page (for the script), never in the document.
    Case::new(&app.pool)
        .rate(
            round.id,
            me.user.id,
            round.questions[1],
            Some(4),
            "Zebra-note: dates given.",
        )
        .await
        .unwrap();
    let after_rating = revalidate(&app, &me.client, &path, &tag).await;
    assert_eq!(after_rating.status(), 304);
    let page = app.get_html(&me.client, &round.path("/interview/5")).await;
    assert!(page.contains(r#"data-score="4" data-evidence="Zebra-note: dates given.""#));
    let plain = app.get(&me.client, &path).await.text().await.unwrap();
    assert!(!plain.contains("Zebra-note"));

    // Edited questions are a new document.
    sqlx::query("update round_question set text = 'Walk us through the cut-over.' where id = $1")
        .bind(round.questions[4])
        .execute(&app.pool)
        .await
        .unwrap();
    let changed = revalidate(&app, &me.client, &path, &tag).await;
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), tag);
    assert!(
        changed
            .text()
            .await
            .unwrap()
            .contains("Walk us through the cut-over.")
    );

    let (outsider, _) = app.login_as(secondround::auth::Role::Panelist).await;
    assert_eq!(app.get(&outsider, &path).await.status(), 403);
    // The script asks as a script does: an ended session answers 401 (the script
    // then asks the member to sign in), never the sign-in page it would take for questions.
    let anonymous = TestApp::client();
    let ended = anonymous
        .get(app.url(&path))
        .header("accept", "application/json, text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(ended.status(), 401);
}

/// The round's questions are kept in memory between screens; any change to a
/// question or to the criterion it rates shows on the next screen all the same.
#[tokio::test]
async fn a_question_screen_shows_a_changed_question_or_criterion_at_once() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let me = round.member(&app).await;
    let (n, question_id, criterion_id): (i64, uuid::Uuid, uuid::Uuid) = sqlx::query_as(
        "select n, id, criterion_id from (
             select id, criterion_id, row_number() over (order by section_order, question_order) as n
             from round_question where round_id = $1) q
         where criterion_id is not null order by n limit 1",
    )
    .bind(round.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let screen = round.path(&format!("/interview/{n}"));
    let before = app.get_html(&me.client, &screen).await;
    assert!(!before.contains("Zebra"));

    let steps = [
        (
            "update criterion set anchor_3 = 'Zebra anchor: names the trade-offs.' where id = $1",
            criterion_id,
            "Zebra anchor: names the trade-offs.",
        ),
        (
            "update criterion set name = 'Zebra criterion' where id = $1",
            criterion_id,
            "Zebra criterion",
        ),
        (
            "update round_question set text = 'Zebra question: the cut-over?' where id = $1",
            question_id,
            "Zebra question: the cut-over?",
        ),
        (
            "update round_question set guidance = 'Zebra guidance: ask for dates.' where id = $1",
            question_id,
            "Zebra guidance: ask for dates.",
        ),
    ];
    for (statement, id, shown) in steps {
        // Read once more first, so the screen before the change is the one kept.
        app.get_html(&me.client, &screen).await;
        sqlx::query(statement)
            .bind(id)
            .execute(&app.pool)
            .await
            .unwrap();
        let page = app.get_html(&me.client, &screen).await;
        assert!(page.contains(shown), "{statement}");
    }

    // A criterion removed from the profile leaves the question without one.
    sqlx::query("delete from criterion where id = $1")
        .bind(criterion_id)
        .execute(&app.pool)
        .await
        .unwrap();
    let page = app.get_html(&me.client, &screen).await;
    assert!(!page.contains("Zebra criterion"));
    assert!(!page.contains("Zebra anchor"));
}
