//! Interviewer calibration on a case built through the case builder: an expert
//! who always scores one above a colleague on three candidates, a colleague
//! with one noted 2, a third member alone on a fourth candidate. The page shows
//! each one's exact figures, to each viewer only whom their role allows.

use secondround::auth::Role;
use secondround::case::Case;
use secondround::scoring::Verdict;
use uuid::Uuid;

use crate::support::html::{text_by_id, unescape};
use crate::support::walk::Round;
use crate::support::{TestApp, TestUser};

/// The rated questions of a round, in interview order.
async fn rated_questions(app: &TestApp, round: &Round) -> Vec<Uuid> {
    sqlx::query_scalar(
        "select id from round_question where round_id = $1 and rated
          order by section_order, question_order",
    )
    .bind(round.id)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

/// Scores every rated question through the walk-through's save (`score_of`
/// gives each its score and note) as the seated `member`, submits with
/// `verdict`, and dates the submission `hours_after_end` after the interview's
/// scheduled end. (The whole panel is seated first: the last submission closes
/// the round.)
async fn score_and_submit(
    app: &TestApp,
    round: &Round,
    (user, member): (&TestUser, Uuid),
    score_of: impl Fn(usize) -> (i16, &'static str),
    verdict: Verdict,
    hours_after_end: i32,
) {
    let case = Case::new(&app.pool);
    for (index, question) in rated_questions(app, round).await.into_iter().enumerate() {
        let (score, note) = score_of(index);
        case.rate(round.id, user.id, question, Some(score), note)
            .await
            .unwrap();
    }
    case.submit(round.id, user.id, verdict, "As the anchors say.")
        .await
        .unwrap();
    sqlx::query(
        "update panel_member pm
            set submitted_at = r.scheduled_at + make_interval(mins => r.duration_minutes)
                               + make_interval(hours => $2)
           from interview_round r where r.id = pm.round_id and pm.id = $1",
    )
    .bind(member)
    .bind(hours_after_end)
    .execute(&app.pool)
    .await
    .unwrap();
}

/// The text of one figure on one interviewer's card.
fn figure(page: &str, user: &TestUser, cell: &str) -> String {
    let card_start = page
        .find(&format!(r#"id="interviewer-{}""#, user.id))
        .unwrap_or_else(|| panic!("no card for {}:\n{page}", user.email));
    let card = &page[card_start..];
    let card = &card[..card.find("</article>").unwrap()];
    let at = card
        .find(&format!(r#"data-cell="{cell}""#))
        .unwrap_or_else(|| panic!("no {cell} on the card"));
    let start = card[at..].find('>').unwrap() + at + 1;
    let end = card[start..].find("</").unwrap() + start;
    unescape(card[start..end].trim())
}

#[tokio::test]
async fn the_calibration_page_shows_each_interviewers_exact_figures_to_whom_their_role_allows() {
    let app = TestApp::spawn().await;
    let first = Round::plan(&app).await;
    let rounds = [
        first.another(&app, "Lars Berg").await,
        first.another(&app, "Mona Dahl").await,
    ];
    let expert = app
        .create_user_with(Role::Panelist, "expert@example.no", "Eva Ekspert")
        .await;
    let colleague = app
        .create_user_with(Role::Panelist, "colleague@example.no", "Kim Kollega")
        .await;
    let alone = app
        .create_user_with(Role::Panelist, "alone@example.no", "Ola Alene")
        .await;

    // The colleague scores 3 everywhere, except a noted 2 on the first question
    // of the first round; the expert one above, always, with a note.
    let colleague_scores = |first_round: bool| {
        move |index: usize| {
            if first_round && index == 0 {
                (2, "Could not explain the queue.")
            } else {
                (3, "")
            }
        }
    };
    for (number, round) in std::iter::once(&first).chain(&rounds).enumerate() {
        let kim = (&colleague, round.seat(&app, &colleague, "other").await);
        let eva = (
            &expert,
            round.seat(&app, &expert, "subject_matter_expert").await,
        );
        let colleague_score = colleague_scores(number == 0);
        score_and_submit(&app, round, kim, colleague_score, Verdict::No, 27).await;
        let expert_score = move |index| (colleague_score(index).0 + 1, "Seen in the case.");
        score_and_submit(&app, round, eva, expert_score, Verdict::Yes, 3).await;
    }
    let lonely = first.another(&app, "Siri Sand").await;
    let ola = (&alone, lonely.seat(&app, &alone, "other").await);
    score_and_submit(&app, &lonely, ola, |_| (5, ""), Verdict::StrongYes, 1).await;
    // The first candidate is hired: the expert's yes matched, the colleague's no did not.
    sqlx::query(
        "insert into decision (candidate_id, outcome, rationale, decided_by, form_id)
         values ($1, 'hire', 'Strong where it counts.', $2, gen_random_uuid())",
    )
    .bind(first.candidate_id)
    .bind(first.manager.id)
    .execute(&app.pool)
    .await
    .unwrap();

    let scored = rated_questions(&app, &first).await.len();
    let criteria: i64 = sqlx::query_scalar(
        "select count(distinct criterion_id) from round_question where round_id = $1 and rated",
    )
    .bind(first.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let pairs = 3 * criteria;
    assert!(pairs >= 10, "the case gives enough pairs to tell ({pairs})");

    let (admin, _) = app.login_as(Role::Admin).await;
    let page = app.get_html(&admin, "/interviewers").await;
    // Everyone is listed by name, not ranked.
    let eva = page.find("Eva Ekspert").unwrap();
    let kim = page.find("Kim Kollega").unwrap();
    let ola = page.find("Ola Alene").unwrap();
    assert!(eva < kim && kim < ola, "by name");

    assert_eq!(figure(&page, &expert, "rounds"), "3");
    assert_eq!(figure(&page, &expert, "submitted"), "3 of 3");
    assert_eq!(figure(&page, &expert, "hours"), "3 h");
    assert_eq!(figure(&page, &expert, "scores"), (3 * scored).to_string());
    // The expert's only extreme scores are the 3 + 1s: none.
    assert_eq!(figure(&page, &expert, "extremes"), "No 1s, 2s or 5s");
    assert_eq!(
        figure(&page, &expert, "focus"),
        "3 of 3 rounds with a focus of their own"
    );
    assert_eq!(figure(&page, &expert, "agreement"), "1 of 1 decided");
    assert_eq!(
        figure(&page, &expert, "leniency"),
        format!(
            "Scores higher than the others: +1.00 on average (+1.00 to +1.00, {pairs} pairs). \
             Worth checking the 4s and 5s against the anchors."
        )
    );

    assert_eq!(figure(&page, &colleague, "hours"), "27 h");
    assert_eq!(figure(&page, &colleague, "extremes"), "1 of 1 (100 %)");
    assert_eq!(
        figure(&page, &colleague, "focus"),
        "No focus of their own in these rounds"
    );
    assert_eq!(figure(&page, &colleague, "agreement"), "0 of 1 decided");
    assert_eq!(
        figure(&page, &colleague, "leniency"),
        format!(
            "Scores lower than the others: −1.00 on average (−1.00 to −1.00, {pairs} pairs). \
             Worth checking the 1s and 2s against the anchors."
        )
    );

    // Alone on a panel: nobody to compare with; five 5s without a note.
    assert_eq!(
        figure(&page, &alone, "leniency"),
        "Too few paired scores to tell: 0 of the 10 it takes."
    );
    assert_eq!(
        figure(&page, &alone, "extremes"),
        format!("0 of {scored} (0 %)")
    );
    assert_eq!(figure(&page, &alone, "agreement"), "No decision yet");

    // A panel member sees their own figures only.
    let expert_client = TestApp::client();
    app.login(&expert_client, &expert.email, &expert.password)
        .await;
    let own = app.get_html(&expert_client, "/interviewers").await;
    assert!(
        own.contains("Eva Ekspert") && !own.contains("Kim Kollega"),
        "{own}"
    );

    // The position's manager sees its panels; another manager nobody.
    let manager = TestApp::client();
    app.login(&manager, &first.manager.email, &first.manager.password)
        .await;
    let theirs = app.get_html(&manager, "/interviewers").await;
    assert!(theirs.contains("Kim Kollega") && theirs.contains("Ola Alene"));
    let (other_manager, _) = app.login_as(Role::Manager).await;
    let none = app.get_html(&other_manager, "/interviewers").await;
    assert!(none.contains("No interviews in this period.") && !none.contains("Eva Ekspert"));
    // Naming the position they cannot see changes nothing and says why.
    let refused = app
        .get(
            &other_manager,
            &format!("/interviewers?position={}", first.position_id),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert_eq!(
        text_by_id(&refused, "position-error").as_deref(),
        Some("Choose a position from the list.")
    );
    assert!(!refused.contains("Eva Ekspert"));

    // A period that excludes the interviews, and one typed wrong and kept.
    let before = app
        .get_html(&admin, "/interviewers?from=2020-01-01&to=2020-12-31")
        .await;
    assert!(before.contains("No interviews in this period."));
    let typo = app.get(&admin, "/interviewers?from=2026-13-01&to=").await;
    assert_eq!(typo.status(), 422);
    let typo = typo.text().await.unwrap();
    assert!(typo.contains(r#"value="2026-13-01""#), "the input is kept");
    assert_eq!(
        text_by_id(&typo, "from-error").as_deref(),
        Some("Write a date as YYYY-MM-DD.")
    );
}
