//! The candidate's papers: uploaded by those who manage the position, typed by
//! content, read by them and the candidate's panels as attachments with ranges,
//! every download audited; deleted, purged and exported with their bytes.

use std::io::Read;

use secondround::api::token::{self, TokenScope};
use secondround::auth::Role;
use secondround::config::ServerConfig;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::Round;

/// A small PDF that says `marker`.
fn pdf(marker: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {marker}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").into_bytes()
}

impl TestApp {
    /// Uploads `bytes` as `name` for the candidate the way the page's form does.
    async fn upload_paper(
        &self,
        client: &reqwest::Client,
        candidate_id: Uuid,
        name: &str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        self.upload_paper_with(client, candidate_id, name, bytes, &[])
            .await
    }

    /// An upload with the form's other fields (`round_id`, `test_result_id`).
    async fn upload_paper_with(
        &self,
        client: &reqwest::Client,
        candidate_id: Uuid,
        name: &str,
        bytes: Vec<u8>,
        fields: &[(&'static str, String)],
    ) -> reqwest::Response {
        let token = self.csrf_token(client).await;
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_owned())
            .mime_str("application/pdf")
            .unwrap();
        let mut form = reqwest::multipart::Form::new();
        for (field, value) in fields {
            form = form.text(*field, value.clone());
        }
        let form = form.part("file", part);
        client
            .post(self.url(&format!(
                "/candidates/{candidate_id}/papers?csrf_token={token}"
            )))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    /// The id of the candidate's only paper.
    async fn only_paper(&self, candidate_id: Uuid) -> Uuid {
        sqlx::query_scalar("select id from paper where candidate_id = $1")
            .bind(candidate_id)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    async fn papers_stored(&self) -> (i64, i64) {
        sqlx::query_as("select (select count(*) from paper), (select count(*) from paper_blob)")
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn hr_uploads_a_cv_and_a_panel_member_downloads_it_as_an_attachment_audited() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let cv = pdf("Ingrid's CV");
    let response = app
        .upload_paper(&hr, round.candidate_id, "Ingrid CV.pdf", cv.clone())
        .await;
    assert_eq!(response.status(), 303);
    let page = app
        .get_html(&hr, &format!("/candidates/{}", round.candidate_id))
        .await;
    assert!(page.contains("Ingrid CV.pdf"), "{page}");

    let paper = app.only_paper(round.candidate_id).await;
    let member = round.member(&app).await;
    let path = format!("/candidates/{}/papers/{paper}", round.candidate_id);
    let response = app.get(&member.client, &path).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "application/pdf");
    assert!(header(&response, "content-disposition").starts_with("attachment;"));
    assert!(header(&response, "content-security-policy").starts_with("sandbox"));
    assert_eq!(header(&response, "x-content-type-options"), "nosniff");
    assert_eq!(response.bytes().await.unwrap().to_vec(), cv);

    // Opened in the browser: inline, still sandboxed.
    let inline = app.get(&member.client, &format!("{path}?inline=1")).await;
    assert!(header(&inline, "content-disposition").starts_with("inline;"));
    assert!(header(&inline, "content-security-policy").starts_with("sandbox"));

    let downloads: i64 = sqlx::query_scalar(
        "select count(*) from audit_event
         where entity = 'paper' and action = 'downloaded' and actor_id = $1 and candidate_id = $2",
    )
    .bind(member.user.id)
    .bind(round.candidate_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(downloads, 2);

    // A HEAD tells the size and hands nothing over: not a download.
    let head = member.client.head(app.url(&path)).send().await.unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(header(&head, "content-length"), cv.len().to_string());
    let after: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where entity = 'paper' and action = 'downloaded'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(after, 2, "the HEAD is not audited as a download");
}

#[tokio::test]
async fn the_same_file_twice_for_one_candidate_is_stored_once() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    for name in ["cv.pdf", "cv (1).pdf"] {
        let response = app
            .upload_paper(&hr, round.candidate_id, name, pdf("same"))
            .await;
        assert_eq!(response.status(), 303);
    }
    assert_eq!(app.papers_stored().await, (1, 1));
    let page = app
        .get_html(&hr, &format!("/candidates/{}", round.candidate_id))
        .await;
    assert!(page.contains("was already stored"), "{page}");
}

#[tokio::test]
async fn a_file_over_the_limit_is_refused_with_413_naming_it_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let mut big = pdf("big");
    big.resize(25 * 1024 * 1024, b' ');
    let response = app
        .upload_paper(&hr, round.candidate_id, "big.pdf", big)
        .await;
    assert_eq!(response.status(), 413);
    let html = response.text().await.unwrap();
    assert!(html.contains("larger than 20 MB"), "{html}");
    assert_eq!(app.papers_stored().await, (0, 0));
}

#[tokio::test]
async fn a_chunked_upload_over_the_limit_is_refused_as_it_streams() {
    let app = TestApp::spawn_with(ServerConfig {
        paper_max_mb: 1,
        ..ServerConfig::for_tests()
    })
    .await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let token = app.csrf_token(&hr).await;
    // No length announced: the limit is met while reading.
    let mut body = pdf("streamed");
    body.resize(2 * 1024 * 1024, b' ');
    let stream = futures_util::stream::iter(
        body.chunks(64 * 1024)
            .map(|chunk| Ok::<_, std::io::Error>(chunk.to_vec()))
            .collect::<Vec<_>>(),
    );
    let part = reqwest::multipart::Part::stream(reqwest::Body::wrap_stream(stream))
        .file_name("streamed.pdf");
    let form = reqwest::multipart::Form::new().part("file", part);
    let response = hr
        .post(app.url(&format!(
            "/candidates/{}/papers?csrf_token={token}",
            round.candidate_id
        )))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert!(response.text().await.unwrap().contains("larger than 1 MB"));
    assert_eq!(app.papers_stored().await, (0, 0));
}

#[tokio::test]
async fn html_svg_and_executables_are_refused_naming_what_is_accepted() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let files: [(&str, &[u8]); 4] = [
        ("cv.pdf", b"<!doctype html><script>alert(1)</script>"),
        (
            "cv.pdf",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
        ),
        (
            "cv.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",
        ),
        ("cv.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00"),
    ];
    for (name, bytes) in files {
        let response = app
            .upload_paper(&hr, round.candidate_id, name, bytes.to_vec())
            .await;
        assert_eq!(response.status(), 422);
        let html = response.text().await.unwrap();
        assert!(
            html.contains("Accepted: PDF, DOCX, ODT, PNG, JPEG and plain text"),
            "{html}"
        );
    }
    assert_eq!(app.papers_stored().await, (0, 0));
    // The positive twin: plain text is taken, and served as text, not a page.
    let response = app
        .upload_paper(
            &hr,
            round.candidate_id,
            "notes.txt",
            b"Plain notes".to_vec(),
        )
        .await;
    assert_eq!(response.status(), 303);
    let paper = app.only_paper(round.candidate_id).await;
    let served = app
        .get(
            &hr,
            &format!("/candidates/{}/papers/{paper}?inline=1", round.candidate_id),
        )
        .await;
    assert_eq!(header(&served, "content-type"), "text/plain; charset=utf-8");
    assert!(header(&served, "content-disposition").starts_with("attachment;"));
}

#[tokio::test]
async fn names_are_cleaned_for_storage_and_for_the_download_header() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    // Browsers send a line break in a name as %0D%0A; a tab as it is (other
    // controls would make the part's header unreadable: refused as such).
    let raw = format!("../../etc/Søknad\u{202e}fdp\t{}.pdf", "x".repeat(300));
    let response = app
        .upload_paper(&hr, round.candidate_id, &raw, pdf("name"))
        .await;
    let status = response.status();
    assert_eq!(status, 303, "{}", response.text().await.unwrap());
    let name: String = sqlx::query_scalar("select name from paper")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        name.starts_with("Søknadfdp") && name.ends_with(".pdf"),
        "{name}"
    );
    assert_eq!(name.chars().count(), 120);
    assert!(!name.contains(['/', '\u{202e}', '\t']));
    let paper = app.only_paper(round.candidate_id).await;
    let response = app
        .get(
            &hr,
            &format!("/candidates/{}/papers/{paper}", round.candidate_id),
        )
        .await;
    let disposition = header(&response, "content-disposition");
    assert!(
        disposition.starts_with("attachment; filename=\"S_knadfdpxxx")
            && disposition.contains("; filename*=UTF-8''S%C3%B8knadfdpxxx"),
        "{disposition}"
    );
}

#[tokio::test]
async fn a_range_is_answered_206_and_a_range_past_the_end_416() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let cv = pdf("ranges");
    app.upload_paper(&hr, round.candidate_id, "cv.pdf", cv.clone())
        .await;
    let paper = app.only_paper(round.candidate_id).await;
    let path = app.url(&format!(
        "/candidates/{}/papers/{paper}",
        round.candidate_id
    ));
    let part = hr
        .get(&path)
        .header("range", "bytes=5-9")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), 206);
    assert_eq!(
        header(&part, "content-range"),
        format!("bytes 5-9/{}", cv.len())
    );
    assert_eq!(part.bytes().await.unwrap().to_vec(), cv[5..10].to_vec());
    let past = hr
        .get(&path)
        .header("range", format!("bytes={}-", cv.len()))
        .send()
        .await
        .unwrap();
    assert_eq!(past.status(), 416);
    assert_eq!(
        header(&past, "content-range"),
        format!("bytes */{}", cv.len())
    );
}

#[tokio::test]
async fn a_panelist_guessing_another_candidates_paper_id_gets_404() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let other = round.another(&app, "Ola Hansen").await;
    let (hr, _) = app.login_as(Role::Hr).await;
    app.upload_paper(&hr, round.candidate_id, "mine.pdf", pdf("mine"))
        .await;
    app.upload_paper(&hr, other.candidate_id, "theirs.pdf", pdf("theirs"))
        .await;
    let mine = app.only_paper(round.candidate_id).await;
    let theirs = app.only_paper(other.candidate_id).await;
    let member = round.member(&app).await;
    let guessed = app
        .get(
            &member.client,
            &format!("/candidates/{}/papers/{theirs}", round.candidate_id),
        )
        .await;
    assert_eq!(guessed.status(), 404);
    let direct = app
        .get(
            &member.client,
            &format!("/candidates/{}/papers/{theirs}", other.candidate_id),
        )
        .await;
    assert_eq!(direct.status(), 403);
    let own = app
        .get(
            &member.client,
            &format!("/candidates/{}/papers/{mine}", round.candidate_id),
        )
        .await;
    assert_eq!(own.status(), 200);
}

#[tokio::test]
async fn deleting_a_paper_is_audited_and_removes_the_bytes_no_paper_names() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let other = round.another(&app, "Ola Hansen").await;
    let (hr, _) = app.login_as(Role::Hr).await;
    // The same file for two candidates: one blob, two papers.
    app.upload_paper(&hr, round.candidate_id, "shared.pdf", pdf("shared"))
        .await;
    app.upload_paper(&hr, other.candidate_id, "shared.pdf", pdf("shared"))
        .await;
    assert_eq!(app.papers_stored().await, (2, 1));
    for (step, candidate) in [round.candidate_id, other.candidate_id]
        .into_iter()
        .enumerate()
    {
        let paper = app.only_paper(candidate).await;
        let response = app
            .post_form(
                &hr,
                &format!("/candidates/{candidate}/papers/{paper}/delete"),
                &[],
            )
            .await;
        assert_eq!(response.status(), 303);
        let expected = if step == 0 { (1, 1) } else { (0, 0) };
        assert_eq!(app.papers_stored().await, expected, "after delete {step}");
    }
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where entity = 'paper' and action = 'deleted'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn the_retention_purge_deletes_papers_and_their_bytes() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let kept = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    app.upload_paper(&hr, round.candidate_id, "cv.pdf", pdf("purged"))
        .await;
    app.upload_paper(&hr, kept.candidate_id, "cv.pdf", pdf("kept"))
        .await;
    sqlx::query(
        "update position set status = 'closed', closed_at = now() - interval '13 months' where id = $1",
    )
    .bind(round.position_id)
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        secondround::privacy::purge::run(&app.pool).await.unwrap(),
        1
    );
    assert_eq!(app.papers_stored().await, (1, 1));
    let left: i64 = sqlx::query_scalar(
        "select count(*) from paper_blob where position('purged' in convert_from(bytes, 'UTF8')) > 0",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn the_export_lists_the_papers_and_the_zip_holds_them() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let cv = pdf("exported");
    app.upload_paper(&hr, round.candidate_id, "cv.pdf", cv.clone())
        .await;
    let json: serde_json::Value = app
        .get(
            &hr,
            &format!("/candidates/{}/export.json", round.candidate_id),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["papers"][0]["name"], "cv.pdf");
    assert_eq!(json["papers"][0]["media_type"], "application/pdf");

    let response = app
        .get(
            &hr,
            &format!("/candidates/{}/export.zip", round.candidate_id),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "application/zip");
    let bytes = response.bytes().await.unwrap().to_vec();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut file = zip.by_name("papers/01-cv.pdf").unwrap();
    assert_eq!(file.compression(), zip::CompressionMethod::Deflated);
    let mut content = Vec::new();
    file.read_to_end(&mut content).unwrap();
    assert_eq!(content, cv);
    drop(file);
    let document = format!("candidate-{}.json", round.candidate_id);
    let mut text = String::new();
    zip.by_name(&document)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert!(text.contains("\"cv.pdf\""));
}

#[tokio::test]
async fn the_api_uploads_a_paper_and_lists_it() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let admin = app.create_user(Role::Admin).await;
    let write = token::create(&app.pool, "Integration", TokenScope::Write, admin.id)
        .await
        .unwrap();
    let read = token::create(&app.pool, "Reader", TokenScope::Read, admin.id)
        .await
        .unwrap();
    let url = app.url(&format!("/api/v1/candidates/{}/papers", round.candidate_id));
    let client = TestApp::client();
    let post = |token: String, bytes: Vec<u8>| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name("cv.pdf");
        client
            .post(&url)
            .bearer_auth(token)
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
    };
    let refused = post(read.clone(), pdf("api")).await.unwrap();
    assert_eq!(refused.status(), 403);
    let created = post(write.clone(), pdf("api")).await.unwrap();
    assert_eq!(created.status(), 201);
    let created: serde_json::Value = created.json().await.unwrap();
    assert_eq!(created["name"], "cv.pdf");
    let again = post(write.clone(), pdf("api")).await.unwrap();
    assert_eq!(again.status(), 200);
    let wrong = post(write, b"<html></html>".to_vec()).await.unwrap();
    assert_eq!(wrong.status(), 422);
    let listed: serde_json::Value = client
        .get(&url)
        .bearer_auth(&read)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], created["id"]);
}

/// Records a test result on the round, as the round page does.
async fn test_result(app: &TestApp, round: &Round) -> Uuid {
    sqlx::query_scalar(
        "insert into test_result (round_id, kind, summary) values ($1, 'work_sample', 'Reviewed the sample.') returning id",
    )
    .bind(round.id)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_report_is_attached_to_a_test_result_from_the_round_page() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let test = test_result(&app, &round).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let page = app.get_html(&hr, &format!("/rounds/{}", round.id)).await;
    assert!(
        page.contains(&format!("<option value=\"{test}\">")),
        "{page}"
    );
    let response = app
        .upload_paper_with(
            &hr,
            round.candidate_id,
            "work sample review.pdf",
            pdf("review"),
            &[
                ("round_id", round.id.to_string()),
                ("test_result_id", test.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        header(&response, "location"),
        format!("/rounds/{}#test-results", round.id)
    );
    let (round_id, test_id): (Option<Uuid>, Option<Uuid>) =
        sqlx::query_as("select round_id, test_result_id from paper")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((round_id, test_id), (Some(round.id), Some(test)));
    let page = app.get_html(&hr, &format!("/rounds/{}", round.id)).await;
    assert!(page.contains("work sample review.pdf"), "{page}");
}

#[tokio::test]
async fn another_candidates_test_result_is_refused_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let other = round.another(&app, "Ola Hansen").await;
    let theirs = test_result(&app, &other).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let response = app
        .upload_paper_with(
            &hr,
            round.candidate_id,
            "report.pdf",
            pdf("report"),
            &[("test_result_id", theirs.to_string())],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Choose one of this candidate&#39;s test results")
            || html.contains("Choose one of this candidate&#x27;s test results"),
        "{html}"
    );
    assert_eq!(app.papers_stored().await, (0, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_uploads_of_the_same_file_at_once_store_one_paper() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let (a, b) = tokio::join!(
        app.upload_paper(&hr, round.candidate_id, "cv.pdf", pdf("twice")),
        app.upload_paper(&hr, round.candidate_id, "cv.pdf", pdf("twice")),
    );
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (303, 303));
    assert_eq!(app.papers_stored().await, (1, 1));
}

#[tokio::test]
async fn a_pdf_with_javascript_is_served_as_an_attachment_under_the_sandbox_policy() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let scripted = b"%PDF-1.7\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".to_vec();
    let response = app
        .upload_paper(&hr, round.candidate_id, "cv.pdf", scripted)
        .await;
    assert_eq!(response.status(), 303);
    let paper = app.only_paper(round.candidate_id).await;
    let path = format!("/candidates/{}/papers/{paper}", round.candidate_id);
    for path in [path.clone(), format!("{path}?inline=1")] {
        let served = app.get(&hr, &path).await;
        let policy = header(&served, "content-security-policy");
        assert!(
            policy.starts_with("sandbox;") && policy.contains("default-src 'none'"),
            "{path}: {policy}"
        );
        assert_eq!(header(&served, "x-content-type-options"), "nosniff");
    }
    let download = app.get(&hr, &path).await;
    assert!(header(&download, "content-disposition").starts_with("attachment;"));
}

#[tokio::test]
async fn a_pdf_is_sent_uncompressed_with_its_length_so_ranges_stand() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let mut cv = pdf("large");
    cv.resize(64 * 1024, b' ');
    app.upload_paper(&hr, round.candidate_id, "cv.pdf", cv.clone())
        .await;
    let paper = app.only_paper(round.candidate_id).await;
    let path = format!("/candidates/{}/papers/{paper}", round.candidate_id);
    let response = hr
        .get(app.url(&path))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-encoding"), "");
    assert_eq!(header(&response, "accept-ranges"), "bytes");
    assert_eq!(header(&response, "content-length"), cv.len().to_string());
    assert_eq!(response.bytes().await.unwrap().to_vec(), cv);
}

#[tokio::test]
async fn the_audit_log_names_paper_events_in_words() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    app.upload_paper(&hr, round.candidate_id, "cv.pdf", pdf("audited"))
        .await;
    let paper = app.only_paper(round.candidate_id).await;
    app.get(
        &hr,
        &format!("/candidates/{}/papers/{paper}", round.candidate_id),
    )
    .await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let log = app.get_html(&admin, "/audit").await;
    assert!(log.contains("Paper: uploaded"), "{log}");
    assert!(log.contains("Paper: downloaded"), "{log}");
}

/// A DOCX whose document unpacks to 200 MB of nothing (a zip bomb, 200 kB as
/// sent): typed by its entries' names, never unpacked, stored as sent and
/// served back byte for byte as an attachment under the sandbox policy.
#[tokio::test]
async fn a_zip_bomb_in_a_docx_is_stored_inert_and_never_unpacked() {
    use std::io::Write;

    let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    // The entries in the order Word writes them, the bomb after them.
    for (name, text) in [
        ("[Content_Types].xml", "<Types/>"),
        ("_rels/.rels", "<Relationships/>"),
        ("word/document.xml", "<w:document/>"),
        ("word/_rels/document.xml.rels", "<Relationships/>"),
    ] {
        bomb.start_file(name, deflated).unwrap();
        bomb.write_all(text.as_bytes()).unwrap();
    }
    bomb.start_file("word/media/nothing.xml", deflated).unwrap();
    let nothing = vec![0u8; 1 << 20];
    for _ in 0..200 {
        bomb.write_all(&nothing).unwrap();
    }
    let bomb = bomb.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20, "{} bytes as sent", bomb.len());

    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let response = app
        .upload_paper(&hr, round.candidate_id, "cv.docx", bomb.clone())
        .await;
    assert_eq!(response.status(), 303);
    let (kind, size): (String, i64) =
        sqlx::query_as("select media_type, size_bytes from paper where candidate_id = $1")
            .bind(round.candidate_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(kind.contains("wordprocessingml"), "{kind}");
    assert_eq!(size, bomb.len() as i64, "stored as sent, not unpacked");

    let paper = app.only_paper(round.candidate_id).await;
    let served = app
        .get(
            &hr,
            &format!("/candidates/{}/papers/{paper}", round.candidate_id),
        )
        .await;
    assert!(header(&served, "content-disposition").starts_with("attachment;"));
    assert!(header(&served, "content-security-policy").starts_with("sandbox;"));
    assert_eq!(served.bytes().await.unwrap().as_ref(), bomb.as_slice());
}
