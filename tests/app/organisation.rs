//! The start page in a large organisation: it shows a bounded part (a page costs
//! what it shows), says how much there is, and leads to the rest.

use secondround::auth::Role;

use crate::support::TestApp;
use crate::support::walk::Round;

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The part of the page from `from` to the next `</section>`.
fn section<'a>(html: &'a str, from: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("{from} on the page"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").unwrap()]
}

#[tokio::test]
async fn the_start_page_shows_the_first_positions_and_the_candidates_interviewed_last() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let small = app.get_html(&hr, "/").await;
    assert!(!small.contains("id=\"positions-cut\""));
    assert!(!small.contains("id=\"board-cut\""));

    // 24 more open positions, and 24 more candidates in play on the first, each
    // interviewed a day longer ago than the one before.
    sqlx::query(
        "insert into position (title, hiring_manager_id)
         select format('Position %s', lpad(n::text, 2, '0')), hiring_manager_id
         from position, generate_series(1, 24) n where id = $1",
    )
    .bind(round.position_id)
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query(
        "with added as (
             insert into candidate (position_id, name)
             select $1, format('Candidate %s', lpad(n::text, 2, '0')) from generate_series(1, 24) n
             returning id, name)
         insert into interview_round (candidate_id, scheduled_at)
         select id, now() - make_interval(days => right(name, 2)::int) from added",
    )
    .bind(round.position_id)
    .execute(&app.pool)
    .await
    .unwrap();

    let html = app.get_html(&hr, "/").await;
    let positions = section(&html, "id=\"positions-heading\"");
    assert_eq!(
        count(positions, "<tr>") - 1,
        20,
        "20 positions and the head row"
    );
    assert!(positions.contains("The first 20 of 25 open positions."));
    assert!(positions.contains("<a href=\"/positions\">All positions</a>"));
    let board = section(&html, "id=\"decisions-heading\"");
    assert_eq!(count(board, "<li data-candidate="), 20);
    assert!(board.contains("The 20 candidates interviewed last, of 25 in play."));
    assert!(board.contains("Candidate 01"), "interviewed yesterday");
    assert!(board.contains("Candidate 19"));
    assert!(!board.contains("Candidate 20"), "interviewed 20 days ago");
    assert!(!board.contains("Candidate 24"));
}
