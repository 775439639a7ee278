//! The comparison of a position's candidates: numbers and rank against a hand
//! computation, sorting through links, and who may open it.

use secondround::auth::Role;

use crate::support::TestApp;
use crate::support::shortlist::shortlist;

/// The candidates' names in the order the comparison table lists them.
fn order(html: &str) -> Vec<String> {
    html.split("<tr data-candidate=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect()
}

/// The cell `data-cell="{cell}"` of the candidate's row, tags stripped.
fn cell(html: &str, candidate: &str, cell: &str) -> String {
    let row = html
        .split(&format!("<tr data-candidate=\"{candidate}\">"))
        .nth(1)
        .unwrap_or_else(|| panic!("a row for {candidate}"))
        .split("</tr>")
        .next()
        .unwrap();
    let start = row
        .find(&format!("data-cell=\"{cell}\""))
        .unwrap_or_else(|| panic!("a {cell} cell for {candidate}"));
    let after = &row[start..];
    let inner = &after[after.find('>').unwrap() + 1..];
    let inner = &inner[..inner.find("</td>").or_else(|| inner.find("</th>")).unwrap()];
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn criteria_cells(html: &str, candidate: &str) -> Vec<String> {
    let row = html
        .split(&format!("<tr data-candidate=\"{candidate}\">"))
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap();
    row.split("data-cell=\"criterion\">")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap().to_owned())
        .collect()
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn the_comparison_shows_means_totals_and_rank_as_worked_out_by_hand() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let html = page(
        &app,
        &hr,
        &format!("/positions/{}/compare", case.ingrid.position_id),
    )
    .await;

    assert_eq!(order(&html), ["Ingrid Solberg", "Åse Ødegård", "Bo Berg"]);
    assert_eq!(cell(&html, "Ingrid Solberg", "rank"), "1");
    assert_eq!(cell(&html, "Ingrid Solberg", "total"), "3.50");
    assert_eq!(cell(&html, "Ingrid Solberg", "coverage"), "100 %");
    assert_eq!(
        criteria_cells(&html, "Ingrid Solberg"),
        ["4.50", "3.00", "3.00", "2.50"]
    );
    assert_eq!(cell(&html, "Ingrid Solberg", "must-have"), "met");
    assert_eq!(cell(&html, "Ingrid Solberg", "blockers"), "none");

    assert_eq!(cell(&html, "Åse Ødegård", "rank"), "2");
    assert_eq!(cell(&html, "Åse Ødegård", "total"), "2.50");
    assert_eq!(cell(&html, "Åse Ødegård", "coverage"), "80 %");
    assert_eq!(
        criteria_cells(&html, "Åse Ødegård"),
        ["2.00", "3.00", "3.00", "–"]
    );
    assert_eq!(cell(&html, "Åse Ødegård", "must-have"), "missed");
    assert_eq!(cell(&html, "Åse Ødegård", "doubts"), "1");
    let blockers = cell(&html, "Åse Ødegård", "blockers");
    assert!(blockers.starts_with('2'), "{blockers}");
    assert!(
        blockers.contains("Open doubt: Her notice period is unclear."),
        "{blockers}"
    );
    assert!(
        blockers.contains(
            "Must-have Technical depth: the panel&#39;s mean 2.00 is under the minimum 3."
        ),
        "{blockers}"
    );

    assert_eq!(cell(&html, "Bo Berg", "rank"), "–");
    assert_eq!(cell(&html, "Bo Berg", "total"), "–");
    assert!(cell(&html, "Bo Berg", "blockers").contains("No second interview has been held yet."));

    // The chart: a row per candidate, its text alternative, the must-have minimum marked.
    assert!(html.contains("<title id=\"compare-chart-title\">"));
    assert!(html.contains("<desc id=\"compare-chart-desc\">"));
    assert!(html.contains("Åse Ødegård · Technical depth: 2.00"));
    assert_eq!(html.matches("class=\"chart-minimum\"").count(), 3);
    assert_eq!(html.matches("<g class=\"chart-below\">").count(), 1);
}

#[tokio::test]
async fn the_comparison_sorts_by_a_column_link_and_falls_back_to_rank_on_nonsense() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let base = format!("/positions/{}/compare", case.ingrid.position_id);

    let html = page(&app, &hr, &format!("{base}?sort=total&dir=asc")).await;
    assert_eq!(order(&html), ["Åse Ødegård", "Ingrid Solberg", "Bo Berg"]);
    let html = html.replace("&#38;", "&").replace("&amp;", "&");
    assert!(html.contains("aria-sort=\"ascending\"><a href=\"?sort=total&dir=desc#comparison\""));

    let html = page(&app, &hr, &format!("{base}?sort=doubts&dir=desc")).await;
    assert_eq!(order(&html), ["Åse Ødegård", "Ingrid Solberg", "Bo Berg"]);

    let html = page(&app, &hr, &format!("{base}?sort=name")).await;
    assert_eq!(order(&html), ["Bo Berg", "Ingrid Solberg", "Åse Ødegård"]);

    for nonsense in [
        "?sort=%27%3Bdrop",
        "?sort=criterion-zzz&dir=up",
        "?sort=total&dir=sideways&sort=x",
    ] {
        let response = hr
            .get(app.url(&format!("{base}{nonsense}")))
            .send()
            .await
            .unwrap();
        let status = response.status();
        let html = response.text().await.unwrap();
        if nonsense.contains("sideways") {
            // A repeated parameter is a bad query string, not a server error.
            assert!(
                status == 200 || status.is_client_error(),
                "{nonsense}: {status}"
            );
            continue;
        }
        assert_eq!(status, 200, "{nonsense}");
        assert_eq!(
            order(&html),
            ["Ingrid Solberg", "Åse Ødegård", "Bo Berg"],
            "{nonsense}"
        );
    }
    let _ = case.bo;
    let _ = case.aase;
}

#[tokio::test]
async fn the_positions_manager_may_compare_and_a_panel_member_may_not() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let path = format!("/positions/{}/compare", case.ingrid.position_id);
    let manager = TestApp::client();
    app.login(
        &manager,
        &case.ingrid.manager.email,
        &case.ingrid.manager.password,
    )
    .await;
    let html = page(&app, &manager, &path).await;
    assert_eq!(order(&html).len(), 3);
    let (other_manager, _) = app.login_as(Role::Manager).await;
    let response = other_manager.get(app.url(&path)).send().await.unwrap();
    assert_eq!(response.status(), 403);
    // A member of the panel itself.
    let seat = case.ingrid.member(&app).await;
    let response = seat.client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(response.status(), 403);

    // The position page and the dashboard link to it.
    let (hr, _) = app.login_as(Role::Hr).await;
    let position = page(
        &app,
        &hr,
        &format!("/positions/{}", case.ingrid.position_id),
    )
    .await;
    assert!(position.contains(&format!("id=\"compare-link\" href=\"{path}\"")));
    let dashboard = page(&app, &hr, "/").await;
    assert!(dashboard.contains(&format!("href=\"{path}\"")));
}
