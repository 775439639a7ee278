//! The shortlist exports: CSV that survives any name and refuses to carry a
//! formula, a real workbook, the print view, who may export, and the audit trail.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::shortlist::shortlist;

/// Names a CSV writer or a spreadsheet can get wrong, each with an email that
/// starts with a formula character too.
const TRICKY: [&str; 12] = [
    "Berg, Kari",
    "Ola \"Nordmann\" Hansen",
    "Line\nBreak",
    "Ærlig Øystein Åsen",
    "Emoji 🚀 Smith",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
    "+47 Pluss",
    "-Minus",
    "@SUM(A1:A2)",
    "\tTab",
    "\rReturn",
    "x;y",
];

async fn add_tricky(app: &TestApp, position_id: Uuid) {
    for (i, name) in TRICKY.iter().enumerate() {
        app.candidate(position_id, name, &format!("=cmd{i}@example.no"))
            .await;
    }
}

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> reqwest::Response {
    client.get(app.url(path)).send().await.unwrap()
}

/// What a spreadsheet shows of a neutralised cell: the text after the `'`.
fn shown(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

fn parse(bytes: &[u8], separator: u8) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).unwrap();
    let body = text.strip_prefix('\u{feff}').expect("a byte order mark");
    csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn by_name<'a>(rows: &'a [Vec<String>], name: &str) -> &'a Vec<String> {
    rows.iter()
        .find(|row| shown(&row[0]) == name)
        .unwrap_or_else(|| panic!("a row for {name:?}"))
}

#[tokio::test]
async fn the_csv_reads_back_exactly_with_semicolons_and_decimal_commas() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let position = case.ingrid.position_id;
    add_tricky(&app, position).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let response = get(&hr, &app, &format!("/positions/{position}/shortlist.csv")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with(
            "attachment; filename=\"shortlist-backend-engineer.csv\"; filename*=UTF-8''"
        ),
        "{disposition}"
    );
    let bytes = response.bytes().await.unwrap();
    let rows = parse(&bytes, b';');
    assert_eq!(
        rows[0],
        [
            "Candidate",
            "Email",
            "Status",
            "Rank",
            "Weighted total",
            "Coverage %",
            "Technical depth",
            "Problem solving",
            "Collaboration",
            "Motivation",
            "Must-haves met",
            "Open doubts",
            "Blockers",
            "Latest decision",
        ]
    );
    assert_eq!(rows.len(), 1 + 3 + TRICKY.len());
    assert_eq!(
        rows[1],
        [
            "Ingrid Solberg",
            "",
            "In second round",
            "1",
            "3,50",
            "100",
            "4,50",
            "3,00",
            "3,00",
            "2,50",
            "yes",
            "0",
            "",
            "",
        ]
    );
    assert_eq!(
        rows[2],
        [
            "Åse Ødegård",
            "",
            "In second round",
            "2",
            "2,50",
            "80",
            "2,00",
            "3,00",
            "3,00",
            "",
            "no",
            "1",
            "Open doubt: “Her notice period is unclear.”; \
             Must-have under its minimum: Technical depth (2.00, min. 3)",
            "",
        ]
    );
    let bo = by_name(&rows, "Bo Berg");
    assert_eq!(bo[3..6], ["", "", "0"]);
    assert_eq!(
        bo[12],
        "No second interview held; Must-have unrated: Technical depth"
    );
    for (i, name) in TRICKY.iter().enumerate() {
        let row = by_name(&rows, name);
        assert_eq!(row[1], format!("'=cmd{i}@example.no"));
        // Every cell a spreadsheet would run as a formula is neutralised.
        if name.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            assert_eq!(row[0], format!("'{name}"));
        } else {
            assert_eq!(row[0], *name);
        }
    }
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[tokio::test]
async fn the_csv_uses_commas_when_asked_and_refuses_other_separators() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let position = case.ingrid.position_id;
    add_tricky(&app, position).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let response = get(
        &hr,
        &app,
        &format!("/positions/{position}/shortlist.csv?sep=,"),
    )
    .await;
    assert_eq!(response.status(), 200);
    let rows = parse(&response.bytes().await.unwrap(), b',');
    assert_eq!(
        rows[1][..6],
        ["Ingrid Solberg", "", "In second round", "1", "3.50", "100"]
    );
    assert_eq!(rows[2][6], "2.00");
    for name in TRICKY {
        by_name(&rows, name);
    }
    // Compressed for a browser, the streamed body still ends cleanly.
    for rest in ["shortlist.csv", "shortlist.xlsx"] {
        let response = hr
            .get(app.url(&format!("/positions/{position}/{rest}")))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], "gzip", "{rest}");
        assert!(response.bytes().await.expect("the whole body").len() > 100);
    }
    for bad in ["%7C", "tab", "%3B%3B"] {
        let response = get(
            &hr,
            &app,
            &format!("/positions/{position}/shortlist.csv?sep={bad}"),
        )
        .await;
        assert_eq!(response.status(), 400, "{bad}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("The separator must be")
        );
    }
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("text expected, got {other:?}"),
    }
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("a number expected, got {other:?}"),
    }
}

#[tokio::test]
async fn the_workbook_has_the_header_the_rows_and_the_numbers() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let position = case.ingrid.position_id;
    sqlx::query(
        "update position set title = 'Backend/ops engineer: [senior] on-call rota' where id = $1",
    )
    .bind(position)
    .execute(&app.pool)
    .await
    .unwrap();
    add_tricky(&app, position).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let response = get(&hr, &app, &format!("/positions/{position}/shortlist.xlsx")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition
            .contains("filename=\"shortlist-backend-ops-engineer-senior-on-call-rota.xlsx\""),
        "{disposition}"
    );
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(workbook.sheet_names(), ["Backend ops engineer   senior"]);
    let range = workbook
        .worksheet_range("Backend ops engineer   senior")
        .unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(text(&rows[0][0]), "Candidate");
    assert_eq!(text(&rows[0][6]), "Technical depth");
    assert_eq!(text(&rows[0][13]), "Latest decision");
    assert_eq!(rows.len(), 1 + 3 + TRICKY.len());
    assert_eq!(text(&rows[1][0]), "Ingrid Solberg");
    assert_eq!(number(&rows[1][3]), 1.0);
    assert!((number(&rows[1][4]) - 3.5).abs() < 1e-9);
    assert!((number(&rows[1][5]) - 1.0).abs() < 1e-9);
    assert!((number(&rows[1][6]) - 4.5).abs() < 1e-9);
    assert_eq!(text(&rows[1][10]), "yes");
    assert_eq!(text(&rows[2][0]), "Åse Ødegård");
    assert!((number(&rows[2][4]) - 2.5).abs() < 1e-9);
    assert!((number(&rows[2][5]) - 0.8).abs() < 1e-9);
    assert_eq!(text(&rows[2][9]), "");
    assert_eq!(text(&rows[2][10]), "no");
    assert_eq!(number(&rows[2][11]), 1.0);
    assert_eq!(
        text(&rows[2][12]),
        "Open doubt: “Her notice period is unclear.”; \
         Must-have under its minimum: Technical depth (2.00, min. 3)"
    );
    // Text is stored as text, exactly as typed: no formula, nothing to neutralise.
    let names: Vec<String> = rows.iter().map(|r| text(&r[0])).collect();
    for name in TRICKY {
        assert!(names.iter().any(|n| n == name), "{name:?}");
    }
}

#[tokio::test]
async fn the_print_view_lists_the_comparison_and_each_candidates_blockers() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let response = get(
        &hr,
        &app,
        &format!("/positions/{}/shortlist/print", case.ingrid.position_id),
    )
    .await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    let print_css = secondround::web::assets::url("print.css");
    assert!(html.contains(&format!("<link rel=\"stylesheet\" href=\"{print_css}\">")));
    assert!(!html.contains("<nav") && !html.contains("<button") && !html.contains("<form"));
    assert!(html.contains("<h3>2. Åse Ødegård</h3>"));
    assert!(html.contains("<li>Open doubt: “Her notice period is unclear.”</li>"));
    assert!(html.contains("<h3>–. Bo Berg</h3>"));
    let css = get(&hr, &app, &print_css).await.text().await.unwrap();
    assert!(css.contains("@page { size: A4;") && css.contains("@media print"));
}

/// A fourth candidate whose panel of three has not submitted and left the
/// must-have unrated: six blocker findings, two kinds.
async fn unsubmitted_panel(app: &TestApp, case: &crate::support::shortlist::Shortlist) {
    let round = case.ingrid.another(app, "Kai Lund").await;
    for (name, email) in [
        ("Kari Nordmann", "kari@example.no"),
        ("Ola Hansen", "ola@example.no"),
        ("Per Berg", "per@example.no"),
    ] {
        let user = app.create_user_with(Role::Panelist, email, name).await;
        round.seat(app, &user, "other").await;
    }
}

#[tokio::test]
async fn the_files_and_paper_name_each_blocker_once_in_words_in_the_readers_language() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let position = case.ingrid.position_id;
    unsubmitted_panel(&app, &case).await;
    let (hr, hr_user) = app.login_as(Role::Hr).await;
    let expected = [
        (
            "en",
            "Not submitted: Kari Nordmann, Ola Hansen, Per Berg; Must-have unrated: Technical depth",
        ),
        (
            "nb",
            "Ikke levert: Kari Nordmann, Ola Hansen, Per Berg; Absolutt krav ikke vurdert: Technical depth",
        ),
    ];
    for (locale, blockers) in expected {
        sqlx::query("update app_user set locale = $2 where id = $1")
            .bind(hr_user.id)
            .bind(locale)
            .execute(&app.pool)
            .await
            .unwrap();
        for (rest, separator) in [("shortlist.csv", b';'), ("shortlist.csv?sep=,", b',')] {
            let response = get(&hr, &app, &format!("/positions/{position}/{rest}")).await;
            let rows = parse(&response.bytes().await.unwrap(), separator);
            assert_eq!(by_name(&rows, "Kai Lund")[12], blockers, "{locale} {rest}");
        }

        let response = get(&hr, &app, &format!("/positions/{position}/shortlist.xlsx")).await;
        let bytes = response.bytes().await.unwrap().to_vec();
        let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let range = workbook.worksheet_range("Backend engineer").unwrap();
        let kai = range
            .rows()
            .find(|row| text(&row[0]) == "Kai Lund")
            .expect("a row for Kai Lund");
        assert_eq!(text(&kai[12]), blockers, "{locale} workbook");

        let html = get(&hr, &app, &format!("/positions/{position}/shortlist/print"))
            .await
            .text()
            .await
            .unwrap();
        let kai = html
            .split(". Kai Lund</h3>")
            .nth(1)
            .and_then(|rest| rest.split("</section>").next())
            .expect("Kai Lund's blockers on paper");
        let lines: Vec<&str> = kai
            .split("<li>")
            .skip(1)
            .map(|li| li.split("</li>").next().unwrap())
            .collect();
        assert_eq!(
            lines,
            blockers.split("; ").collect::<Vec<_>>(),
            "{locale} print"
        );
    }
}

#[tokio::test]
async fn a_panel_member_may_export_nothing() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let seat = case.ingrid.member(&app).await;
    let (outsider, _) = app.login_as(Role::Manager).await;
    for rest in [
        "shortlist.csv",
        "shortlist.csv?sep=,",
        "shortlist.xlsx",
        "shortlist/print",
    ] {
        let path = format!("/positions/{}/{rest}", case.ingrid.position_id);
        assert_eq!(get(&seat.client, &app, &path).await.status(), 403, "{rest}");
        assert_eq!(get(&outsider, &app, &path).await.status(), 403, "{rest}");
    }
    let exported = app
        .count(
            "select count(*) from audit_event where entity = 'position' and entity_id = $1",
            case.ingrid.position_id,
        )
        .await;
    assert_eq!(exported, 0);
}

#[tokio::test]
async fn every_export_is_an_audit_event_with_who_and_which_format() {
    let app = TestApp::spawn().await;
    let case = shortlist(&app).await;
    let position = case.ingrid.position_id;
    let (hr, hr_user) = app.login_as(Role::Hr).await;
    for rest in [
        "shortlist.csv",
        "shortlist.csv?sep=,",
        "shortlist.xlsx",
        "shortlist/print",
    ] {
        let response = get(&hr, &app, &format!("/positions/{position}/{rest}")).await;
        assert_eq!(response.status(), 200, "{rest}");
        response.bytes().await.unwrap();
    }
    let events: Vec<(Uuid, String, serde_json::Value)> = sqlx::query_as(
        "select actor_id, action, after from audit_event
         where entity = 'position' and entity_id = $1 order by id",
    )
    .bind(position)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let formats: Vec<(Uuid, &str, &str, Option<&str>, u64)> = events
        .iter()
        .map(|(actor, action, after)| {
            (
                *actor,
                action.as_str(),
                after["format"].as_str().unwrap(),
                after["separator"].as_str(),
                after["candidates"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        formats,
        [
            (hr_user.id, "exported", "csv", Some(";"), 3),
            (hr_user.id, "exported", "csv", Some(","), 3),
            (hr_user.id, "exported", "xlsx", None, 3),
            (hr_user.id, "exported", "print", None, 3),
        ]
    );
    // The audit log names the event in words.
    let (admin, _) = app.login_as(Role::Admin).await;
    let log = get(&admin, &app, "/audit").await.text().await.unwrap();
    assert!(log.contains("Position: shortlist exported"));
}

/// What the workbook puts after text it had to cut (see `XlsxText::clipped`).
const CUT_MARKER: &str =
    " … [cut here: an Excel cell holds at most 32,767 characters; Secondround has the whole text]";

#[tokio::test]
async fn text_stored_past_excels_limit_is_cut_with_a_marker_and_the_csv_keeps_it_whole() {
    let app = TestApp::spawn().await;
    let position = app.position("Archivist").await;
    let criterion = app.criterion(position, "Patience").await;
    let candidate = app.candidate(position, "Kari", "kari@example.no").await;
    // As versions without the limits stored them: straight into the tables.
    let long_name = format!("Kari {}", "Nordmann ".repeat(4_444));
    let long_criterion = "🚀".repeat(20_000);
    sqlx::query("update candidate set name = $1 where id = $2")
        .bind(&long_name)
        .bind(candidate)
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("update criterion set name = $1 where id = $2")
        .bind(&long_criterion)
        .bind(criterion)
        .execute(&app.pool)
        .await
        .unwrap();
    let (hr, _) = app.login_as(Role::Hr).await;

    let response = get(&hr, &app, &format!("/positions/{position}/shortlist.xlsx")).await;
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.expect("the whole workbook").to_vec();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range("Archivist").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 2);
    let units = |s: &str| s.encode_utf16().count();
    for (cell, whole) in [
        (text(&rows[1][0]), &long_name),
        (text(&rows[0][6]), &long_criterion),
    ] {
        let kept = cell.strip_suffix(CUT_MARKER).expect("the cut is marked");
        assert!(
            whole.starts_with(kept) && kept.len() > 30_000,
            "{}",
            kept.len()
        );
        assert!(units(&cell) <= 32_767, "{}", units(&cell));
    }
    assert_eq!(text(&rows[1][1]), "kari@example.no", "other cells whole");

    let response = get(&hr, &app, &format!("/positions/{position}/shortlist.csv")).await;
    assert_eq!(response.status(), 200);
    let rows = parse(&response.bytes().await.unwrap(), b';');
    assert_eq!(rows[0][6], long_criterion);
    assert_eq!(rows[1][0], long_name);
}

#[tokio::test]
async fn a_shortlist_wider_than_a_workbook_is_refused_before_its_first_byte() {
    let app = TestApp::spawn().await;
    let position = app.position("Generalist").await;
    app.candidate(position, "Kari Nordmann", "kari@example.no")
        .await;
    // Six columns before the criteria and four after: one more than Excel's 16,384.
    sqlx::query(
        "insert into criterion (position_id, name, sort_order)
         select $1, 'Skill ' || n, n from generate_series(1, 16375) n",
    )
    .bind(position)
    .execute(&app.pool)
    .await
    .unwrap();
    let (hr, _) = app.login_as(Role::Hr).await;
    let response = get(&hr, &app, &format!("/positions/{position}/shortlist.xlsx")).await;
    assert_eq!(response.status(), 409);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = response.text().await.unwrap();
    assert!(
        html.contains("more rows or columns than an Excel workbook holds"),
        "{html:.2000}"
    );
    // One criterion fewer fits; the CSV has no such limit.
    let response = get(&hr, &app, &format!("/positions/{position}/shortlist.csv")).await;
    assert_eq!(response.status(), 200);
    let rows = parse(&response.bytes().await.unwrap(), b';');
    assert_eq!(rows[0].len(), 16_385);
    sqlx::query("delete from criterion where position_id = $1 and name = 'Skill 16375'")
        .bind(position)
        .execute(&app.pool)
        .await
        .unwrap();
    let response = get(&hr, &app, &format!("/positions/{position}/shortlist.xlsx")).await;
    assert_eq!(response.status(), 200);
    response.bytes().await.expect("the whole workbook");
}
