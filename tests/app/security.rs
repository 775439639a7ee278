use secondround::auth::Role;

use crate::support::TestApp;

async fn user_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from app_user")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_form_post_without_the_token_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login_as(Role::Admin).await;
    let before = user_count(&app).await;

    let fields = [
        ("email", "new@example.no"),
        ("display_name", "New Person"),
        ("role", "hr"),
        ("locale", "en"),
        ("password", "a long enough password"),
    ];
    let response = client
        .post(app.url("/admin/users"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(response.text().await.unwrap().contains("Reload the page"));

    let mut forged = fields.to_vec();
    forged.push(("csrf_token", "0000"));
    let response = client
        .post(app.url("/admin/users"))
        .form(&forged)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(user_count(&app).await, before, "nothing was created");
}

#[tokio::test]
async fn a_post_from_another_site_is_refused_even_with_a_token() {
    let app = TestApp::spawn().await;
    let (client, _) = app.login_as(Role::Admin).await;
    let token = app.csrf_token(&client).await;
    let before = user_count(&app).await;

    let response = client
        .post(app.url("/admin/users"))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .form(&[
            ("email", "x@example.no"),
            ("display_name", "X"),
            ("role", "hr"),
            ("password", "a long enough password"),
            ("csrf_token", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(user_count(&app).await, before);
}

#[tokio::test]
async fn sign_in_without_the_token_is_refused() {
    let app = TestApp::spawn().await;
    let user = app.create_user(Role::Panelist).await;
    let client = TestApp::client();
    let response = client
        .post(app.url("/login"))
        .form(&[
            ("email", user.email.as_str()),
            ("password", user.password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn pages_carry_strict_security_headers() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let response = app.get(&client, "/login").await;
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert!(csp.contains("object-src 'none'") && csp.contains("frame-ancestors 'none'"));
    assert!(
        csp.contains("form-action 'self';"),
        "forms lead nowhere else: {csp}"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(headers.contains_key("x-request-id"));

    // Before sign-in only the sign-in form's token cookie; the session comes with signing in.
    let cookie = headers["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("secondround_signin="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let user = app.create_user(Role::Panelist).await;
    let signed_in = app.login(&client, &user.email, &user.password).await;
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("secondround_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
}

#[tokio::test]
async fn static_files_have_fingerprinted_names_kept_for_a_year_and_come_precompressed() {
    let app = TestApp::spawn().await;
    // reqwest is built without decompression: the bytes are checked as sent.
    let client = reqwest::Client::new();
    let page = client
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let css = secondround::web::assets::url("app.css");
    assert!(
        css.starts_with("/static/app.") && css != "/static/app.css",
        "{css}"
    );
    assert!(
        page.contains(&format!("href=\"{css}\"")),
        "the page links the fingerprinted name"
    );
    let source = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/static/app.css")).unwrap();

    let fetch = |path: String, encoding: &'static str| {
        let request = client.get(app.url(&path));
        let request = if encoding.is_empty() {
            request
        } else {
            request.header("accept-encoding", encoding)
        };
        async move { request.send().await.unwrap() }
    };
    let brotli = fetch(css.clone(), "gzip, deflate, br").await;
    assert_eq!(brotli.status(), 200);
    assert_eq!(
        brotli.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(brotli.headers()["content-encoding"], "br");
    assert_eq!(brotli.headers()["vary"], "accept-encoding");
    let brotli_etag = brotli.headers()["etag"].clone();
    let packed = brotli.bytes().await.unwrap();
    let mut unpacked = Vec::new();
    brotli_decompress(&packed, &mut unpacked);
    assert_eq!(unpacked, source);
    assert!(
        packed.len() * 4 < source.len(),
        "brotli at its best: {} bytes",
        packed.len()
    );

    let gzip = fetch(css.clone(), "gzip").await;
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    let gzip_etag = gzip.headers()["etag"].clone();
    assert_ne!(gzip_etag, brotli_etag, "each encoding has its own ETag");
    let mut unpacked = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(&gzip.bytes().await.unwrap()[..]),
        &mut unpacked,
    )
    .unwrap();
    assert_eq!(unpacked, source);

    let identity = fetch(css.clone(), "").await;
    assert!(!identity.headers().contains_key("content-encoding"));
    assert_eq!(identity.bytes().await.unwrap(), source);
    let refused = fetch(css.clone(), "br;q=0, gzip").await;
    assert_eq!(
        refused.headers()["content-encoding"],
        "gzip",
        "q=0 refuses brotli"
    );

    // Revalidated per encoding.
    let unchanged = client
        .get(app.url(&css))
        .header("accept-encoding", "br")
        .header("if-none-match", brotli_etag)
        .send()
        .await
        .unwrap();
    assert_eq!(unchanged.status(), 304);

    // The plain name still answers (pages cached before an upgrade), for an hour.
    let plain = fetch("/static/app.css".into(), "gzip").await;
    assert_eq!(plain.status(), 200);
    assert_eq!(plain.headers()["cache-control"], "public, max-age=3600");
    assert_eq!(plain.headers()["content-encoding"], "gzip");
}

fn brotli_decompress(packed: &[u8], into: &mut Vec<u8>) {
    std::io::Read::read_to_end(&mut brotli::Decompressor::new(packed, 4096), into).unwrap();
}

#[tokio::test]
async fn a_page_too_small_to_gain_from_compression_goes_uncompressed() {
    let app = TestApp::spawn().await;
    let plain = TestApp::client()
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let small = 32..secondround::app::COMPRESS_FROM_BYTES as usize;
    assert!(
        small.contains(&plain.len()),
        "the sign-in page ({} bytes) is the small page here",
        plain.len()
    );
    let response = TestApp::client()
        .get(app.url("/login"))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers().get("content-encoding"), None);
}

#[tokio::test]
async fn user_input_is_escaped_in_pages() {
    let app = TestApp::spawn().await;
    app.create_user_with(
        Role::Panelist,
        "xss@example.no",
        "<script>alert(1)</script>",
    )
    .await;
    let (client, _) = app.login_as(Role::Admin).await;
    let page = app.get_html(&client, "/admin/users").await;
    assert!(!page.contains("<script>alert(1)</script>"));
    assert!(
        page.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || page.contains("&lt;script&gt;")
    );
}

#[tokio::test]
async fn a_malformed_form_body_is_a_clear_4xx_not_a_500() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let token = app.csrf_token(&client).await;
    let response = client
        .post(app.url("/login"))
        .header("content-type", "application/json")
        .header("x-csrf-token", token)
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_client_error(),
        "got {}",
        response.status()
    );
    let body = response.text().await.unwrap();
    assert!(body.contains("<html"), "rendered as a page");
}

#[tokio::test]
async fn a_nul_character_in_a_form_is_a_clear_4xx_not_a_500() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    let position = app.position_for(&manager, "Backend engineer").await;
    let response = app
        .post_form(
            &client,
            &format!("/positions/{position}/candidates"),
            &[("name", "Kari\0Nordmann")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(body.contains("characters that are not allowed"), "{body}");
    let stored: i64 = sqlx::query_scalar("select count(*) from candidate")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);
}

#[tokio::test]
async fn a_long_pasted_first_round_summary_is_kept_to_its_limit_and_a_longer_one_is_named() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    let position = app.position_for(&manager, "Backend engineer").await;
    let limit = secondround::web::form::MAX_DOCUMENT_CHARS;
    let path = format!("/positions/{position}/candidates");
    // Over 2 MB: the token check must let the handler answer, in the user's language.
    let pasted = "Notes from the first interview. ".repeat(100_000);
    assert!(pasted.len() > 3_000_000);
    let response = app
        .post_form(
            &client,
            &path,
            &[("name", "Kari Nordmann"), ("first_round_summary", &pasted)],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Use at most 20,000 characters."),
        "{page:.300}"
    );
    assert!(
        page.contains("value=\"Kari Nordmann\""),
        "the input is kept"
    );

    let summary: String = pasted.chars().take(limit).collect();
    let response = app
        .post_form(
            &client,
            &path,
            &[("name", "Kari Nordmann"), ("first_round_summary", &summary)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let stored: i64 = sqlx::query_scalar(
        "select length(first_round_summary)::bigint from candidate where name = 'Kari Nordmann'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(stored as usize, summary.trim().len());
}

#[tokio::test]
async fn secure_cookies_and_hsts_when_configured() {
    let config = secondround::config::ServerConfig {
        secure_cookies: true,
        ..secondround::config::ServerConfig::for_tests()
    };
    let app = TestApp::spawn_with(config).await;
    let response = app.get(&TestApp::client(), "/login").await;
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    assert!(
        response.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
}

/// Posts an urlencoded body as it is, token first, the way a page's form would
/// (or, asking for JSON, as the walk-through's queue does).
async fn post_raw(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &str,
    accept: &str,
) -> reqwest::Response {
    let token = app.csrf_token(client).await;
    client
        .post(app.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", accept)
        .body(format!("csrf_token={token}&{fields}"))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn text_that_is_not_utf8_is_refused_on_every_form_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let round = crate::support::walk::Round::plan(&app).await;
    let manager = round.manager_member(&app).await;
    let (client, position) = (&manager.client, round.position_id);
    let not_utf8 = "%ff%fe%c3%28";
    let forms = [
        (
            format!("/positions/{position}/candidates"),
            format!("name={not_utf8}&email="),
        ),
        (
            format!("/positions/{position}"),
            format!(
                "title={not_utf8}&department=&description=&hiring_manager_id={}",
                manager.user.id
            ),
        ),
        (
            round.path("/interview/3/doubts"),
            format!("category=experience&method=check_references&description={not_utf8}"),
        ),
    ];
    let stored = || async {
        let row: (i64, String, i64) = sqlx::query_as(
            "select (select count(*) from candidate where position_id = p.id), p.title,
                    (select count(*) from doubt)
             from position p where p.id = $1",
        )
        .bind(position)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        row
    };
    let before = stored().await;
    assert_eq!(before, (1, "Backend engineer".to_owned(), 0));
    for (path, fields) in &forms {
        let page = post_raw(&app, client, path, fields, "text/html").await;
        assert_eq!(page.status(), 422, "{path}");
        let body = page.text().await.unwrap();
        assert!(body.contains("<html"), "{path}: a page");
        assert!(body.contains("not sent as UTF-8"), "{path}: {body}");
        let script = post_raw(&app, client, path, fields, "application/json").await;
        assert_eq!(script.status(), 422, "{path}");
        let json: serde_json::Value = script.json().await.unwrap();
        assert!(
            json["error"].as_str().unwrap().contains("UTF-8"),
            "{path}: {json}"
        );
    }
    assert_eq!(stored().await, before, "nothing was stored");

    // In the member's language.
    let switched = app
        .post_form(client, "/locale", &[("lang", "nb"), ("next", "/")])
        .await;
    assert_eq!(switched.status(), 303);
    let (path, fields) = &forms[0];
    let page = post_raw(&app, client, path, fields, "text/html").await;
    let body = page.text().await.unwrap();
    assert!(body.contains("Ugyldig forespørsel"), "{body}");
    assert!(body.contains("ble ikke sendt som UTF-8"), "{body}");

    // The same forms with proper text are taken.
    let (path, _) = &forms[0];
    let taken = post_raw(&app, client, path, "name=%C3%85se+Berg&email=", "text/html").await;
    assert_eq!(taken.status(), 303);
    let name: String = sqlx::query_scalar("select name from candidate where name like 'Åse%'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(name, "Åse Berg");
}

#[tokio::test]
async fn a_script_refused_for_its_origin_gets_json_as_one_refused_for_its_token_does() {
    let app = TestApp::spawn().await;
    let round = crate::support::walk::Round::plan(&app).await;
    let me = round.member(&app).await;
    let token = app.csrf_token(&me.client).await;
    let url = app.url(&round.rating_path(2));
    let rating = serde_json::json!({
        "score": 3, "evidence": "", "base_version": null, "save_id": uuid::Uuid::new_v4(),
    });
    let send = |accept: &str, origin: Option<&str>, token: Option<&str>| {
        let mut request = me.client.put(&url).header("accept", accept).json(&rating);
        if let Some(origin) = origin {
            request = request
                .header("origin", origin)
                .header("sec-fetch-site", "cross-site");
        }
        if let Some(token) = token {
            request = request.header("x-csrf-token", token);
        }
        request.send()
    };
    // As the walk-through's script asks: JSON, whichever check refuses it.
    let no_token = send("application/json", None, None).await.unwrap();
    let foreign = send(
        "application/json",
        Some("https://evil.example"),
        Some(&token),
    )
    .await
    .unwrap();
    for (what, response, status) in [("no token", no_token, 401), ("foreign", foreign, 403)] {
        assert_eq!(response.status(), status, "{what}");
        let kind = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(kind.starts_with("application/json"), "{what}: {kind}");
        let json: serde_json::Value = response.json().await.unwrap();
        assert_eq!(json["status"], status, "{what}");
        assert!(
            json["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{what}"
        );
    }
    // Asked for a page, the same refusal is the page.
    let page = send("text/html", Some("https://evil.example"), Some(&token))
        .await
        .unwrap();
    assert_eq!(page.status(), 403);
    assert!(page.text().await.unwrap().contains("Reload the page"));
    let stored = app
        .count(
            "select count(*) from rating where round_question_id = $1",
            round.questions[2],
        )
        .await;
    assert_eq!(stored, 0, "nothing was saved");
    // The same request with its token and from the site itself is saved.
    let saved = me
        .client
        .put(&url)
        .header("accept", "application/json")
        .header("x-csrf-token", &token)
        .json(&rating)
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 200);
}
