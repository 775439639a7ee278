//! The CSV import: all or nothing, every bad row named, duplicates reported, fast.

use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;

async fn setup(app: &TestApp) -> (reqwest::Client, Uuid) {
    let (client, manager) = app.login_as(Role::Manager).await;
    let position = app.position_for(&manager, "Support engineer").await;
    (client, position)
}

async fn candidates(app: &TestApp, position: Uuid) -> i64 {
    app.count(
        "select count(*) from candidate where position_id = $1",
        position,
    )
    .await
}

#[tokio::test]
async fn a_good_semicolon_file_imports_every_row() {
    let app = TestApp::spawn().await;
    let (client, position) = setup(&app).await;
    let file = "Navn;E-post;Telefon;Kilde;Oppsummering;Åpne spørsmål\n\
                Kari Nordmann;kari@example.no;+47 900;Finn;Sterk;\"Hvorfor nå?\nOppsigelsestid?\"\n\
                Ola Hansen;;;;;\n";
    let response = app.upload_csv(&client, position, file.into()).await;
    assert_eq!(response.status(), 303);
    assert_eq!(candidates(&app, position).await, 2);
    let questions: String =
        sqlx::query_scalar("select open_questions from candidate where email = 'kari@example.no'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(questions, "Hvorfor nå?\nOppsigelsestid?");
    let history = app
        .count(
            "select count(*) from candidate_status_change s join candidate c on c.id = s.candidate_id where c.position_id = $1",
            position,
        )
        .await;
    assert_eq!(
        history, 2,
        "every imported candidate starts a status history"
    );
    let html = app
        .get_html(&client, &format!("/positions/{position}"))
        .await;
    assert!(html.contains("2 candidates imported."));
}

#[tokio::test]
async fn a_file_with_bad_rows_imports_nothing_and_names_every_bad_row() {
    let app = TestApp::spawn().await;
    let (client, position) = setup(&app).await;
    let file = "name,email,phone\n\
                Good One,good@example.no,1\n\
                ,missing-name@example.no,2\n\
                Bad Email,not-an-email,3\n\
                Too,many,fields,here\n\
                Good Two,two@example.no,5\n";
    let response = app.upload_csv(&client, position, file.into()).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Nothing was imported."));
    assert!(
        html.contains("Row 3:</strong> the name is missing."),
        "{html}"
    );
    assert!(
        html.contains("Row 4:</strong> &#34;not-an-email&#34; is not a valid email address.")
            || html.contains("Row 4:</strong> &quot;not-an-email&quot;"),
        "{html}"
    );
    assert!(html.contains("Row 5:</strong> has 4 fields, the header has 3."));
    assert!(!html.contains("Row 2:") && !html.contains("Row 6:"));
    assert_eq!(candidates(&app, position).await, 0, "all or nothing");
}

#[tokio::test]
async fn duplicate_emails_in_the_file_and_against_the_position_are_reported() {
    let app = TestApp::spawn().await;
    let (client, position) = setup(&app).await;
    app.candidate(position, "Already here", "here@example.no")
        .await;
    let file = "name,email\nA,a@example.no\nB,A@EXAMPLE.NO\nC,Here@example.no\n";
    let response = app.upload_csv(&client, position, file.into()).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Row 3:</strong> the email a@example.no is also on row 2."),
        "{html}"
    );
    let file = "name,email\nA,a@example.no\nC,Here@example.no\n";
    let html = app
        .upload_csv(&client, position, file.into())
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Row 3:</strong> a candidate with the email here@example.no already exists"),
        "{html}"
    );
    assert_eq!(candidates(&app, position).await, 1);
}

#[tokio::test]
async fn files_that_are_not_usable_csv_get_a_clear_message() {
    let app = TestApp::spawn().await;
    let (client, position) = setup(&app).await;
    let cases: [(&[u8], &str); 4] = [
        (b"name,email\n\xff\xfe,x\n", "not UTF-8"),
        (b"email\nx@example.no\n", "no name column"),
        (b"name,email\n", "no candidates"),
        (b"", "Choose a CSV file"),
    ];
    for (content, message) in cases {
        let response = app.upload_csv(&client, position, content.to_vec()).await;
        assert_eq!(response.status(), 422, "{message}");
        assert!(
            response.text().await.unwrap().contains(message),
            "{message}"
        );
    }
    let token = app.csrf_token(&client).await;
    let not_multipart = client
        .post(app.url(&format!(
            "/positions/{position}/candidates/import?csrf_token={token}"
        )))
        .header("content-type", "text/plain")
        .body("name\nA\n")
        .send()
        .await
        .unwrap();
    assert!(
        not_multipart.status().is_client_error(),
        "{}",
        not_multipart.status()
    );
    let no_token = TestApp::client();
    let response = no_token
        .post(app.url(&format!("/positions/{position}/candidates/import")))
        .body("name\nA\n")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error() || response.status().is_redirection());
}

#[tokio::test]
async fn a_broken_upload_is_named_in_the_users_language() {
    let app = TestApp::spawn().await;
    let (client, position) = setup(&app).await;
    let token = app.csrf_token(&client).await;
    let response = client
        .post(app.url(&format!(
            "/positions/{position}/candidates/import?csrf_token={token}"
        )))
        .header("content-type", "multipart/form-data; boundary=XYZ")
        .body("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nname\nA\n")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(body.contains("The upload could not be read."), "{body}");
    assert_eq!(candidates(&app, position).await, 0);
}

#[tokio::test]
async fn ten_thousand_rows_import_in_one_go() {
    let app = TestApp::spawn().await;
    let (client, position) = setup(&app).await;
    let mut file = String::from("name,email,phone,source,first-round summary,open questions\n");
    for i in 0..10_000 {
        file.push_str(&format!(
            "Candidate {i},candidate{i}@example.no,+47 {i:08},Finn.no,\"Summary, with comma\",Question {i}?\n"
        ));
    }
    let response = app.upload_csv(&client, position, file.into_bytes()).await;
    assert_eq!(response.status(), 303);
    assert_eq!(candidates(&app, position).await, 10_000);
}

#[tokio::test]
async fn a_file_of_many_broken_lines_shows_a_hundred_problems_and_counts_the_rest() {
    let app = TestApp::spawn().await;
    let (client, position) = setup(&app).await;
    let mut file = String::from("name,email,phone\n");
    for n in 0..250 {
        file.push_str(&format!("x{n},y\n"));
    }
    let response = app.upload_csv(&client, position, file.into_bytes()).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert_eq!(html.matches("has 2 fields, the header has 3.").count(), 100);
    assert!(
        html.contains("… and 150 more rows with problems."),
        "the rest is counted"
    );
}

#[tokio::test]
async fn broken_lines_count_toward_the_row_limit() {
    let app = TestApp::spawn().await;
    let (client, position) = setup(&app).await;
    // Short broken lines, more of them than any file may have rows.
    let mut file = String::from("name,email,phone\n");
    for _ in 0..50_001 {
        file.push_str("x\n");
    }
    let response = app.upload_csv(&client, position, file.into_bytes()).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("The file has more than 50000 rows; split it up."),
        "{html:.400}"
    );
    assert!(
        !html.contains("has 1 fields"),
        "no list of a million errors"
    );
}

#[tokio::test]
async fn a_row_over_a_fields_limit_imports_nothing_and_names_the_row_and_field() {
    let app = TestApp::spawn().await;
    let (client, position) = setup(&app).await;
    let long = |n: usize| "å".repeat(n);
    let file = format!(
        "name;phone;source;summary;open questions\n\
         Kari Nordmann;{};{};{};{}\n\
         {};;;;\n\
         Ola Hansen;+47 900;{};;{}\n",
        long(200),
        long(200),
        long(20_000),
        long(4_000),
        long(40_000),
        long(201),
        long(4_001),
    );
    let response = app.upload_csv(&client, position, file.into()).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains(
            "Row 3:</strong> the field “Name” has 40,000 characters; at most 200 are allowed."
        ),
        "{html:.3000}"
    );
    assert!(html.contains("Row 4:</strong> the field “Source” has 201 characters"));
    assert!(html.contains(
        "Row 4:</strong> the field “Open questions from the first interview” has 4,001 characters"
    ));
    assert!(!html.contains("Row 2:"), "a row at every limit is fine");
    assert!(html.len() < 100_000, "the page does not echo the values");
    assert_eq!(candidates(&app, position).await, 0, "all or nothing");
}
