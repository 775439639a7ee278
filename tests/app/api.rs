//! The JSON API: bearer tokens, problem documents, the all-or-nothing import,
//! the shortlist's flags from the pure function, no sessions, and every response
//! checked against the OpenAPI document the server publishes.

use reqwest::Method;
use secondround::api::token::{self, TokenScope};
use secondround::auth::Role;
use secondround::decisions::facts::{self, Scope};
use secondround::scoring::flags::assess;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::Round;

/// Calls the API and checks every answer against the published OpenAPI
/// document: the route and status are documented, the content type is the
/// documented one, the body matches the schema, and no cookie is set.
struct Api<'a> {
    app: &'a TestApp,
    doc: Value,
    http: reqwest::Client,
}

struct Answer {
    status: u16,
    content_type: String,
    body: Value,
}

impl Answer {
    /// The answer; a body that is not JSON reads as `null`, which no
    /// documented schema allows.
    async fn read(response: reqwest::Response) -> Answer {
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|value| value.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let bytes = response.bytes().await.unwrap();
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            content_type,
            body,
        }
    }
}

/// A request's body: JSON as `reqwest` sends it, or bytes with the content
/// type given (none when `None`).
enum Body {
    Json(Value),
    Raw(Option<&'static str>, Vec<u8>),
}

impl<'a> Api<'a> {
    async fn new(app: &'a TestApp) -> Api<'a> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let response = http
            .get(app.url("/api/v1/openapi.json"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers().get("set-cookie").is_none());
        let doc: Value = response.json().await.unwrap();
        Api { app, doc, http }
    }

    /// `route` is the documented path template, `path` the concrete one.
    async fn call(
        &self,
        method: Method,
        route: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let (answer, documented) = self
            .send(method.clone(), route, path, token, body.map(Body::Json))
            .await;
        documented.unwrap_or_else(|why| {
            panic!(
                "{method} {path} -> {} does not match the OpenAPI document: {why}\n{}",
                answer.status, answer.body
            )
        });
        answer
    }

    /// Sends a request; returns the answer and whether the document says so:
    /// the route and status are documented, the content type is the documented
    /// one, the body matches the schema, and no cookie is set.
    async fn send(
        &self,
        method: Method,
        route: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Body>,
    ) -> (Answer, Result<(), String>) {
        let mut request = self.http.request(method.clone(), self.app.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request = match body {
            Some(Body::Json(body)) => request.json(&body),
            Some(Body::Raw(content_type, bytes)) => match content_type {
                Some(content_type) => request.header("content-type", content_type).body(bytes),
                None => request.body(bytes),
            },
            None => request,
        };
        let response = request.send().await.unwrap();
        let cookie = response.headers().get("set-cookie").is_some();
        let answer = Answer::read(response).await;
        let documented = if cookie {
            Err("a cookie is set".to_owned())
        } else {
            conforms(&self.doc, &method, route, &answer)
        };
        (answer, documented)
    }

    async fn get(&self, route: &str, path: &str, token: Option<&str>) -> Answer {
        self.call(Method::GET, route, path, token, None).await
    }
}

/// Whether an answer is what the document says the operation returns.
fn conforms(doc: &Value, method: &Method, route: &str, answer: &Answer) -> Result<(), String> {
    let operation = &doc["paths"][route][method.as_str().to_lowercase()];
    if operation.is_null() {
        return Err(format!("{method} {route} is not documented"));
    }
    let response = &operation["responses"][answer.status.to_string()];
    let content = response["content"]
        .as_object()
        .ok_or(format!("status {} is not documented", answer.status))?;
    let (content_type, media) = content
        .iter()
        .next()
        .ok_or("the response has no documented content")?;
    if !answer.content_type.starts_with(content_type.as_str()) {
        return Err(format!(
            "content type {} where the document says {content_type}",
            answer.content_type
        ));
    }
    validate(doc, &media["schema"], &answer.body)
}

/// Validates a value against a schema of the document, its `#/components/...`
/// references resolved within the document.
fn validate(doc: &Value, schema: &Value, value: &Value) -> Result<(), String> {
    let mut root = schema.as_object().cloned().ok_or("no schema")?;
    root.insert("components".into(), doc["components"].clone());
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&Value::Object(root))
        .map_err(|err| format!("bad schema: {err}"))?;
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|err| format!("{} at {}", err, err.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

async fn token_for(app: &TestApp, scope: TokenScope) -> String {
    let admin = app.create_user(Role::Admin).await;
    token::create(&app.pool, "Integration", scope, admin.id)
        .await
        .unwrap()
}

fn assert_problem(answer: &Answer, status: u16) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.content_type, "application/problem+json");
    assert_eq!(answer.body["status"], status);
    assert!(
        answer.body["type"]
            .as_str()
            .unwrap()
            .starts_with("/api/v1/problems/")
    );
    assert!(!answer.body["title"].as_str().unwrap().is_empty());
}

#[tokio::test]
async fn the_validator_refuses_what_the_document_does_not_allow() {
    let app = TestApp::spawn().await;
    let api = Api::new(&app).await;
    assert_eq!(api.doc["openapi"], "3.1.0");
    for route in [
        "/api/v1/positions",
        "/api/v1/positions/{id}",
        "/api/v1/positions/{id}/shortlist",
        "/api/v1/positions/{id}/candidates",
        "/api/v1/candidates/{id}/decision",
    ] {
        assert!(api.doc["paths"][route].is_object(), "{route} is documented");
    }
    let problem = json!({ "$ref": "#/components/schemas/Problem" });
    let good = json!({ "type": "/x", "title": "T", "status": 401, "detail": "d" });
    assert_eq!(validate(&api.doc, &problem, &good), Ok(()));
    let missing_title = json!({ "type": "/x", "status": 401, "detail": "d" });
    assert!(validate(&api.doc, &problem, &missing_title).is_err());
    let wrong_type = json!({ "type": "/x", "title": "T", "status": "401", "detail": "d" });
    assert!(validate(&api.doc, &problem, &wrong_type).is_err());
    let detail = json!({ "$ref": "#/components/schemas/PositionDetail" });
    let bad_criterion = json!({
        "id": Uuid::new_v4(), "title": "T", "department": "", "description": "", "status": "open",
        "closed_at": null, "criteria": [{ "id": "not-a-uuid", "name": "N" }]
    });
    assert!(validate(&api.doc, &detail, &bad_criterion).is_err());
}

#[tokio::test]
async fn a_missing_malformed_unknown_or_revoked_token_is_refused_with_401() {
    let app = TestApp::spawn().await;
    let api = Api::new(&app).await;
    let route = "/api/v1/positions";
    let missing = api.get(route, route, None).await;
    assert_problem(&missing, 401);
    assert!(missing.body["detail"].as_str().unwrap().contains("Bearer"));
    assert_problem(&api.get(route, route, Some("sr_short")).await, 401);
    let unknown = format!("sr_{}", "ab".repeat(32));
    assert_problem(&api.get(route, route, Some(&unknown)).await, 401);

    let token = token_for(&app, TokenScope::Read).await;
    assert_eq!(api.get(route, route, Some(&token)).await.status, 200);
    let (admin, _) = app.login_as(Role::Admin).await;
    let id: Uuid = sqlx::query_scalar("select id from api_token")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let revoked = app
        .post_form(&admin, &format!("/admin/api-tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(revoked.status(), 303);
    let refused = api.get(route, route, Some(&token)).await;
    assert_problem(&refused, 401);
    assert!(refused.body["detail"].as_str().unwrap().contains("revoked"));
}

#[tokio::test]
async fn a_read_token_on_the_import_is_refused_with_403() {
    let app = TestApp::spawn().await;
    let api = Api::new(&app).await;
    let position = app.position("Data engineer").await;
    let token = token_for(&app, TokenScope::Read).await;
    let path = format!("/api/v1/positions/{position}/candidates");
    let answer = api
        .call(
            Method::POST,
            "/api/v1/positions/{id}/candidates",
            &path,
            Some(&token),
            Some(json!([{ "name": "Kari Nordmann" }])),
        )
        .await;
    assert_problem(&answer, 403);
    assert!(answer.body["detail"].as_str().unwrap().contains("write"));
    assert_eq!(
        app.count(
            "select count(*) from candidate where position_id = $1",
            position
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_token_is_shown_once_and_stored_only_as_its_hash() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let nav = app.get_html(&admin, "/").await;
    assert!(
        nav.contains(r#"href="/admin/api-tokens""#),
        "linked from the admin navigation"
    );
    let created = app
        .post_form(
            &admin,
            "/admin/api-tokens",
            &[("name", "HR system"), ("scope", "write")],
        )
        .await;
    assert_eq!(created.status(), 201);
    let html = created.text().await.unwrap();
    let start = html.find("sr_").expect("the page shows the token");
    let secret = &html[start..start + 67];
    assert!(
        secret[3..].bytes().all(|b| b.is_ascii_hexdigit()),
        "{secret}"
    );

    let (hash, prefix, scope): (String, String, String) =
        sqlx::query_as("select token_hash, token_prefix, scope from api_token")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(hash, token::hash(secret));
    assert_ne!(hash, secret);
    assert_eq!(prefix, &secret[..11]);
    assert_eq!(scope, "write");
    let stored_anywhere: bool = sqlx::query_scalar(
        "select exists (select 1 from api_token t where t::text like '%' || $1 || '%')",
    )
    .bind(&secret[11..])
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(!stored_anywhere, "the secret itself is not stored");

    let again = app.get_html(&admin, "/admin/api-tokens").await;
    assert!(again.contains("HR system"));
    assert!(!again.contains(secret), "shown only once");

    let api = Api::new(&app).await;
    let route = "/api/v1/positions";
    assert_eq!(api.get(route, route, Some(secret)).await.status, 200);
    let used: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("select last_used_at from api_token")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(used.is_some(), "the last use is recorded");
}

#[tokio::test]
async fn the_token_form_names_its_errors_and_keeps_the_input() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let response = app
        .post_form(
            &admin,
            "/admin/api-tokens",
            &[("name", "  "), ("scope", "admin")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("This field is required."));
    assert!(html.contains("Choose read or write."));
    let response = app
        .post_form(
            &admin,
            "/admin/api-tokens",
            &[("name", "Payroll"), ("scope", "admin")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains(r#"value="Payroll""#)
    );
    let tokens = app
        .count(
            "select count(*) from api_token where $1::uuid is not null",
            Uuid::nil(),
        )
        .await;
    assert_eq!(tokens, 0);
    let (hr, _) = app.login_as(Role::Hr).await;
    assert_eq!(app.get(&hr, "/admin/api-tokens").await.status(), 403);
}

#[tokio::test]
async fn the_import_is_all_or_nothing_and_names_every_bad_row_and_field() {
    let app = TestApp::spawn().await;
    let api = Api::new(&app).await;
    let position = app.position("Support engineer").await;
    app.candidate(position, "Stored Person", "stored@example.no")
        .await;
    let token = token_for(&app, TokenScope::Write).await;
    let route = "/api/v1/positions/{id}/candidates";
    let path = format!("/api/v1/positions/{position}/candidates");
    let count = || {
        app.count(
            "select count(*) from candidate where position_id = $1",
            position,
        )
    };

    // No Origin header, as from curl: the origin check lets a bearer-token post through.
    let bad = api
        .call(
            Method::POST,
            route,
            &path,
            Some(&token),
            Some(json!([
                { "name": "Kari Nordmann", "email": "kari@example.no" },
                { "name": " ", "email": "nameless@example.no" },
                { "name": "Ola Hansen", "email": "not-an-email" },
                { "name": "Per Berg", "email": "KARI@example.no" },
                { "name": "Lise Dahl", "email": "stored@example.no" },
                { "name": 42 },
            ])),
        )
        .await;
    assert_problem(&bad, 422);
    let named: Vec<(u64, Option<&str>)> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["index"].as_u64().unwrap(), e["field"].as_str()))
        .collect();
    assert_eq!(
        named,
        vec![
            (1, Some("name")),
            (2, Some("email")),
            (3, Some("email")),
            (5, None)
        ],
        "every bad item is named, a wrongly typed one too"
    );
    assert_eq!(count().await, 1);

    let bad = api
        .call(
            Method::POST,
            route,
            &path,
            Some(&token),
            Some(json!([
                { "name": "Kari Nordmann", "email": "kari@example.no" },
                { "name": " ", "email": "nameless@example.no" },
                { "name": "Ola Hansen", "email": "not-an-email" },
                { "name": "Per Berg", "email": "KARI@example.no" },
            ])),
        )
        .await;
    assert_problem(&bad, 422);
    let named: Vec<(u64, &str)> = bad.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["index"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(named, vec![(1, "name"), (2, "email"), (3, "email")]);
    assert!(
        bad.body["errors"][2]["detail"]
            .as_str()
            .unwrap()
            .contains("kari@example.no")
    );
    assert_eq!(count().await, 1, "nothing was imported");

    let clash = api
        .call(Method::POST, route, &path, Some(&token),
            Some(json!([{ "name": "Kari Nordmann" }, { "name": "Lise Dahl", "email": "Stored@example.no" }])))
        .await;
    assert_problem(&clash, 422);
    assert_eq!(clash.body["errors"][0]["index"], 1);
    assert_eq!(clash.body["errors"][0]["field"], "email");
    assert_eq!(count().await, 1);

    let good = api
        .call(
            Method::POST,
            route,
            &path,
            Some(&token),
            Some(json!([
                { "name": "Kari Nordmann", "email": "KARI@example.no", "open_questions": "Notice period?" },
                { "name": "Ola Hansen" },
            ])),
        )
        .await;
    assert_eq!(good.status, 201, "{}", good.body);
    let ids: Vec<Uuid> = serde_json::from_value(good.body["ids"].clone()).unwrap();
    assert_eq!(count().await, 3);
    let (name, email): (String, String) =
        sqlx::query_as("select name, email from candidate where id = $1")
            .bind(ids[0])
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), email.as_str()),
        ("Kari Nordmann", "kari@example.no")
    );

    let not_json = api
        .call(
            Method::POST,
            route,
            &path,
            Some(&token),
            Some(json!({ "name": "x" })),
        )
        .await;
    assert_problem(&not_json, 400);
    let missing = format!("/api/v1/positions/{}/candidates", Uuid::new_v4());
    assert_problem(
        &api.call(
            Method::POST,
            route,
            &missing,
            Some(&token),
            Some(json!([{ "name": "x" }])),
        )
        .await,
        404,
    );
}

#[tokio::test]
async fn the_shortlist_carries_the_flags_of_the_pure_function() {
    let app = TestApp::spawn().await;
    let api = Api::new(&app).await;
    let round = Round::plan(&app).await;
    let member = round.member(&app).await;
    round
        .rate_all(&app, member.member_id, "Explained the failover in detail.")
        .await;
    // Two members who have not submitted: one code, counted twice.
    round.member(&app).await;
    sqlx::query(
        "insert into doubt (candidate_id, category, description, resolution_method)
         values ($1, 'experience', 'Claims to have led the migration.', 'check_references')",
    )
    .bind(round.candidate_id)
    .execute(&app.pool)
    .await
    .unwrap();
    let token = token_for(&app, TokenScope::Read).await;
    let answer = api
        .get(
            "/api/v1/positions/{id}/shortlist",
            &format!("/api/v1/positions/{}/shortlist", round.position_id),
            Some(&token),
        )
        .await;
    assert_eq!(answer.status, 200);
    let entry = &answer.body["candidates"][0];
    assert_eq!(entry["name"], "Ingrid Solberg");
    assert!(
        entry["flags"]
            .as_array()
            .unwrap()
            .contains(&json!({ "code": "open_doubt", "blocker": true, "count": 1 })),
        "{entry}"
    );
    assert!(
        entry["flags"]
            .as_array()
            .unwrap()
            .contains(&json!({ "code": "no_reference_check", "blocker": false, "count": 1 }))
    );
    assert_eq!(entry["decision"], Value::Null);

    let mut conn = app.pool.acquire().await.unwrap();
    let expected = assess(
        &facts::load(&mut conn, Scope::Candidate(round.candidate_id))
            .await
            .unwrap(),
    );
    // Each code once, in the order the pure function first names it, with its count.
    let mut codes: Vec<Value> = Vec::new();
    for flag in &expected.flags {
        match codes.iter_mut().find(|c| c["code"] == flag.code()) {
            Some(code) => code["count"] = json!(code["count"].as_u64().unwrap() + 1),
            None => {
                codes.push(json!({ "code": flag.code(), "blocker": flag.is_blocker(), "count": 1 }))
            }
        }
    }
    assert!(
        codes.contains(&json!({ "code": "not_submitted", "blocker": true, "count": 2 })),
        "{codes:?}"
    );
    assert_eq!(entry["flags"], Value::Array(codes));
    assert_eq!(
        entry["weighted_total"],
        json!(expected.summary.weighted_total)
    );
    assert_eq!(entry["coverage"], json!(expected.summary.coverage));
    assert_eq!(
        entry["criteria"].as_array().unwrap().len(),
        expected.summary.criteria.len()
    );
}

#[tokio::test]
async fn positions_their_profiles_and_decisions_are_read_with_a_read_token() {
    let app = TestApp::spawn().await;
    let api = Api::new(&app).await;
    let round = Round::plan(&app).await;
    let token = token_for(&app, TokenScope::Read).await;
    let list = api
        .get("/api/v1/positions", "/api/v1/positions", Some(&token))
        .await;
    assert_eq!(list.status, 200);
    assert_eq!(list.body[0]["title"], "Backend engineer");
    assert_eq!(list.body[0]["candidates"], 1);

    let route = "/api/v1/positions/{id}";
    let detail = api
        .get(
            route,
            &format!("/api/v1/positions/{}", round.position_id),
            Some(&token),
        )
        .await;
    assert_eq!(detail.status, 200);
    let first = &detail.body["criteria"][0];
    assert_eq!(first["name"], "Technical depth");
    assert_eq!(first["anchors"][4], "Teaches us something precise.");
    assert_eq!(first["must_have_minimum"], Value::Null);
    assert_problem(
        &api.get(
            route,
            &format!("/api/v1/positions/{}", Uuid::new_v4()),
            Some(&token),
        )
        .await,
        404,
    );

    let route = "/api/v1/candidates/{id}/decision";
    let path = format!("/api/v1/candidates/{}/decision", round.candidate_id);
    assert_problem(&api.get(route, &path, Some(&token)).await, 404);
    sqlx::query(
        "insert into decision (candidate_id, outcome, rationale, decided_by)
         values ($1, 'no_hire', 'Did not meet the technical bar.', $2)",
    )
    .bind(round.candidate_id)
    .bind(round.manager.id)
    .execute(&app.pool)
    .await
    .unwrap();
    let decision = api.get(route, &path, Some(&token)).await;
    assert_eq!(decision.status, 200);
    assert_eq!(decision.body["outcome"], "no_hire");
    assert_eq!(
        decision.body["rationale"],
        "Did not meet the technical bar."
    );
}

#[tokio::test]
async fn the_api_creates_no_session_and_sets_no_cookie() {
    let app = TestApp::spawn().await;
    let api = Api::new(&app).await;
    let position = app.position("Analyst").await;
    let token = token_for(&app, TokenScope::Write).await;
    let sessions = || async {
        sqlx::query_scalar::<_, i64>("select count(*) from user_session")
            .fetch_one(&app.pool)
            .await
            .unwrap()
    };
    let before = sessions().await;
    api.get("/api/v1/positions", "/api/v1/positions", Some(&token))
        .await;
    api.get("/api/v1/positions", "/api/v1/positions", None)
        .await;
    let imported = api
        .call(
            Method::POST,
            "/api/v1/positions/{id}/candidates",
            &format!("/api/v1/positions/{position}/candidates"),
            Some(&token),
            Some(json!([{ "name": "Kari Nordmann" }])),
        )
        .await;
    assert_eq!(imported.status, 201, "a bearer post needs no csrf token");
    assert_eq!(sessions().await, before, "no session row was created");
}

#[tokio::test]
async fn refusals_before_the_handler_are_problem_documents_too() {
    let app = TestApp::spawn().await;
    let api = Api::new(&app).await;
    let position = app.position("Analyst").await;
    let token = token_for(&app, TokenScope::Write).await;
    let route = "/api/v1/positions/{id}/candidates";
    let path = format!("/api/v1/positions/{position}/candidates");

    // Over the 16 MiB every request body is held to.
    let oversized = json!([{ "name": "x".repeat(17 * 1024 * 1024) }]);
    let too_large = api
        .call(Method::POST, route, &path, Some(&token), Some(oversized))
        .await;
    assert_problem(&too_large, 413);

    let cross_site = api
        .http
        .post(app.url(&path))
        .bearer_auth(&token)
        .header("origin", "https://elsewhere.example")
        .header("sec-fetch-site", "cross-site")
        .json(&json!([{ "name": "Kari Nordmann" }]))
        .send()
        .await
        .unwrap();
    let answer = Answer::read(cross_site).await;
    assert_problem(&answer, 403);
    conforms(&api.doc, &Method::POST, route, &answer).unwrap();
    let stored: i64 = sqlx::query_scalar("select count(*) from candidate where position_id = $1")
        .bind(position)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "neither refused import stored anything");

    let elsewhere = api
        .http
        .get(app.url("/api/v2/positions"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let answer = Answer::read(elsewhere).await;
    assert_problem(&answer, 404);
}

#[tokio::test]
async fn posting_the_token_form_twice_makes_one_token() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let page = app.get_html(&admin, "/admin/api-tokens").await;
    let marker = r#"name="form_id" value=""#;
    let start = page.find(marker).expect("the form carries its id") + marker.len();
    let form_id = &page[start..start + 36];
    let form = [
        ("name", "HR system"),
        ("scope", "read"),
        ("form_id", form_id),
    ];

    let first = app.post_form(&admin, "/admin/api-tokens", &form).await;
    assert_eq!(first.status(), 201);
    assert!(first.text().await.unwrap().contains(r#"id="new-token""#));
    let again = app.post_form(&admin, "/admin/api-tokens", &form).await;
    assert_eq!(again.status(), 409, "a reload does not make a second token");
    let html = again.text().await.unwrap();
    assert!(html.contains(r#"id="token-already-created""#), "{html}");
    assert!(
        !html.contains(r#"id="new-token""#),
        "no secret is shown again"
    );
    let tokens: i64 = sqlx::query_scalar("select count(*) from api_token")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(tokens, 1);
}

/// The OpenAPI Initiative's schema of 3.1 documents (see the fixture's `$comment`).
fn openapi_31_errors(doc: &Value) -> Vec<String> {
    let schema: Value =
        serde_json::from_str(include_str!("../fixtures/openapi-3.1-schema.json")).unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("the fixture is a schema");
    validator
        .iter_errors(doc)
        .map(|err| format!("{err} at {}", err.instance_path()))
        .collect()
}

#[tokio::test]
async fn the_served_document_is_valid_openapi_3_1() {
    let app = TestApp::spawn().await;
    let api = Api::new(&app).await;
    let errors = openapi_31_errors(&api.doc);
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    // The fixture refuses what the specification forbids, so its silence means something.
    let route = "/api/v1/positions";
    let mut broken = api.doc.clone();
    broken["paths"][route]["get"]["responses"]["200"]
        .as_object_mut()
        .unwrap()
        .remove("description");
    assert!(
        !openapi_31_errors(&broken).is_empty(),
        "a response needs a description"
    );
    let mut broken = api.doc.clone();
    broken["paths"][route]["get"]["responses"]["600"] = json!({ "description": "x" });
    assert!(!openapi_31_errors(&broken).is_empty(), "no status 600");
    let mut broken = api.doc.clone();
    broken["paths"]["positions"] = broken["paths"][route].clone();
    assert!(
        !openapi_31_errors(&broken).is_empty(),
        "a path starts with /"
    );
    let mut broken = api.doc.clone();
    broken["paths"][route]["get"]["summery"] = json!("typo");
    assert!(
        !openapi_31_errors(&broken).is_empty(),
        "no unknown operation field"
    );
    let mut broken = api.doc.clone();
    broken["components"]["schemas"]["Not a name"] = json!({ "type": "object" });
    assert!(
        !openapi_31_errors(&broken).is_empty(),
        "component names are keys"
    );
}

/// The documented schema of the import's body.
fn import_body_schema(doc: &Value) -> Value {
    doc["paths"]["/api/v1/positions/{id}/candidates"]["post"]["requestBody"]["content"]
        ["application/json"]["schema"]
        .clone()
}

#[tokio::test]
async fn the_document_and_the_api_agree_on_ids_bodies_limits_and_content_types() {
    let app = TestApp::spawn().await;
    let api = Api::new(&app).await;
    let position = app.position("Support engineer").await;
    let token = token_for(&app, TokenScope::Write).await;
    let schema = import_body_schema(&api.doc);

    // A path id that is no UUID: 400, documented, with a detail for a script.
    for (route, path) in [
        ("/api/v1/positions/{id}", "/api/v1/positions/null%2Cnull"),
        (
            "/api/v1/positions/{id}/shortlist",
            "/api/v1/positions/null%2Cnull/shortlist",
        ),
        (
            "/api/v1/candidates/{id}/decision",
            "/api/v1/candidates/%FF/decision",
        ),
    ] {
        let answer = api.get(route, path, Some(&token)).await;
        assert_problem(&answer, 400);
        let detail = answer.body["detail"].as_str().unwrap();
        assert!(
            detail.contains("not a UUID") && !detail.contains("Go back"),
            "{detail}"
        );
    }
    let route = "/api/v1/positions/{id}/candidates";
    let answer = api
        .call(
            Method::POST,
            route,
            "/api/v1/positions/null%2Cnull/candidates",
            Some(&token),
            Some(json!([{ "name": "Kari" }])),
        )
        .await;
    assert_problem(&answer, 400);

    // Bodies the schema refuses are refused, with the status it documents.
    let path = format!("/api/v1/positions/{position}/candidates");
    let limit = |n: usize| "å".repeat(n);
    let too_many: Vec<Value> = (0..50_001).map(|_| json!({ "name": "K" })).collect();
    let refused = [
        json!([]),
        json!([{}]),
        json!([{ "name": "" }]),
        json!([{ "name": " \t" }]),
        json!([{ "name": limit(201) }]),
        json!([{ "name": "K", "email": limit(255) }]),
        json!([{ "name": "K", "phone": limit(201) }]),
        json!([{ "name": "K", "source": limit(201) }]),
        json!([{ "name": "K", "first_round_summary": limit(20_001) }]),
        json!([{ "name": "K", "open_questions": limit(4_001) }]),
        Value::Array(too_many),
    ];
    for body in refused {
        assert!(
            validate(&api.doc, &schema, &body).is_err(),
            "the schema refuses {body:.60}"
        );
        let answer = api
            .call(Method::POST, route, &path, Some(&token), Some(body.clone()))
            .await;
        assert_problem(&answer, 422);
    }
    // And over a limit, the item and the field are named, the others let be.
    let answer = api
        .call(
            Method::POST,
            route,
            &path,
            Some(&token),
            Some(json!([
                { "name": "Kari", "phone": limit(200), "open_questions": limit(4_000) },
                { "name": "Ola", "first_round_summary": limit(20_001) },
                { "name": limit(40_000), "source": limit(201) },
            ])),
        )
        .await;
    assert_problem(&answer, 422);
    let named: Vec<(u64, &str)> = answer.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["index"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        named,
        [(1, "first_round_summary"), (2, "name"), (2, "source")]
    );
    assert!(
        answer.body["errors"][1]["detail"]
            .as_str()
            .unwrap()
            .contains("40,000")
    );

    // What the schema allows at its edges is imported.
    let edges = json!([
        { "name": limit(200), "email": format!("{}@example.no", "k".repeat(243)),
          "phone": limit(200), "source": limit(200), "first_round_summary": limit(20_000),
          "open_questions": limit(4_000), "shoe_size": 38 },
    ]);
    assert_eq!(validate(&api.doc, &schema, &edges), Ok(()));
    let answer = api
        .call(Method::POST, route, &path, Some(&token), Some(edges))
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);

    // A body that is not declared JSON: 415, documented.
    let kari = br#"[{ "name": "Kari" }]"#.to_vec();
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let (answer, documented) = api
            .send(
                Method::POST,
                route,
                &path,
                Some(&token),
                Some(Body::Raw(content_type, kari.clone())),
            )
            .await;
        documented.unwrap();
        assert_problem(&answer, 415);
    }
    let (answer, documented) = api
        .send(
            Method::POST,
            route,
            &path,
            Some(&token),
            Some(Body::Raw(Some("application/json; charset=utf-8"), kari)),
        )
        .await;
    documented.unwrap();
    assert_eq!(answer.status, 201, "{}", answer.body);
}

/// One request to one documented operation, made of pieces a client gets wrong.
#[derive(Debug, Clone)]
struct Probe {
    /// Index into the document's operations.
    operation: usize,
    id: ProbeId,
    token: ProbeToken,
    content_type: Option<&'static str>,
    body: ProbeBody,
}

#[derive(Debug, Clone)]
enum ProbeId {
    Existing,
    Unknown,
    /// Percent-encoded into the path whatever it holds.
    Garbage(String),
}

#[derive(Debug, Clone, Copy)]
enum ProbeToken {
    Write,
    Read,
    Missing,
    Malformed,
}

#[derive(Debug, Clone)]
enum ProbeBody {
    Bytes(Vec<u8>),
    Json(Value),
    Candidates(Vec<Value>),
}

/// Arrays of 0 to 3 candidates with values at and around every limit, of the
/// wrong type, blank, missing; an `email` of `"@"` becomes a fresh valid
/// address when sent (see `fresh_emails`).
fn candidates_strategy() -> impl proptest::strategy::Strategy<Value = Vec<Value>> {
    use proptest::prelude::*;
    let text = |max: usize| {
        prop_oneof![
            Just(String::new()),
            Just(" \t".to_owned()),
            "[a-zA-Zæøå .'-]{1,12}",
            (max - 1..=max + 1).prop_map(|n| "å".repeat(n)),
            (max - 1..=max + 1).prop_map(|n| format!(" {}", "x".repeat(n - 1))),
        ]
    };
    let value = move |max: usize| {
        prop_oneof![
            6 => text(max).prop_map(Value::String),
            1 => Just(Value::Null),
            1 => any::<i32>().prop_map(Value::from),
        ]
    };
    let email = prop_oneof![
        3 => Just(Value::String("@".into())),
        1 => Just(Value::String(String::new())),
        1 => Just(Value::String("not-an-email".into())),
        1 => Just(Value::String(format!("{}@example.no", "k".repeat(244)))),
        1 => Just(Value::Bool(true)),
    ];
    let candidate = (
        proptest::option::weighted(0.9, value(200)),
        proptest::option::of(email),
        proptest::option::of(value(200)),
        proptest::option::of(value(200)),
        proptest::option::of(value(20_000)),
        proptest::option::of(value(4_000)),
    )
        .prop_map(|(name, email, phone, source, summary, questions)| {
            let mut item = serde_json::Map::new();
            for (key, value) in [
                ("name", name),
                ("email", email),
                ("phone", phone),
                ("source", source),
                ("first_round_summary", summary),
                ("open_questions", questions),
            ] {
                if let Some(value) = value {
                    item.insert(key.into(), value);
                }
            }
            Value::Object(item)
        });
    proptest::collection::vec(candidate, 0..4)
}

fn probe_strategy(operations: usize) -> impl proptest::strategy::Strategy<Value = Probe> {
    use proptest::prelude::*;
    let garbage = prop_oneof![
        Just("null,null".to_owned()),
        Just("%".to_owned()),
        Just(" ".to_owned()),
        "[a-zA-Z0-9 ,;:{}!*'\"-]{1,40}",
        "\\PC{1,20}",
    ]
    .prop_filter("not a dot segment", |id| id != "." && id != "..");
    let id = prop_oneof![
        2 => Just(ProbeId::Existing),
        1 => Just(ProbeId::Unknown),
        3 => garbage.prop_map(ProbeId::Garbage),
    ];
    let token = prop_oneof![
        6 => Just(ProbeToken::Write),
        1 => Just(ProbeToken::Read),
        1 => Just(ProbeToken::Missing),
        1 => Just(ProbeToken::Malformed),
    ];
    let content_type = prop_oneof![
        3 => Just(Some("application/json")),
        1 => Just(Some("text/plain")),
        1 => Just(Some("application/x-www-form-urlencoded")),
        1 => Just(None),
    ];
    let json = prop_oneof![
        Just(json!({ "name": "Kari" })),
        Just(json!("Kari")),
        Just(json!([1, null])),
        Just(json!([[]])),
        Just(Value::Null),
    ];
    let body = prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..40).prop_map(ProbeBody::Bytes),
        1 => json.prop_map(ProbeBody::Json),
        3 => candidates_strategy().prop_map(ProbeBody::Candidates),
    ];
    (0..operations, id, token, content_type, body).prop_map(
        |(operation, id, token, content_type, body)| Probe {
            operation,
            id,
            token,
            content_type,
            body,
        },
    )
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The candidates with each `"@"` email made a fresh valid address, so a
/// well-formed import does not clash with an earlier case's.
fn fresh_emails(items: &[Value]) -> Value {
    items
        .iter()
        .map(|item| {
            let mut item = item.clone();
            if item["email"] == "@" {
                item["email"] = json!(format!("{}@example.no", Uuid::new_v4().simple()));
            }
            item
        })
        .collect()
}

/// Whether the import takes every candidate of a body the schema allows: each
/// email empty or valid and unique (what no schema keyword says).
fn emails_pass(body: &Value) -> bool {
    let mut seen = std::collections::HashSet::new();
    body.as_array().unwrap().iter().all(|item| {
        let email = item["email"].as_str().unwrap_or("");
        email.trim().is_empty()
            || secondround::auth::email::Email::try_from(email)
                .is_ok_and(|email| seen.insert(email.as_str().to_owned()))
    })
}

/// What the properties send to: the document's operations, a position with a
/// candidate, and tokens.
struct Target<'a> {
    api: Api<'a>,
    operations: Vec<(Method, String)>,
    position: Uuid,
    candidate: Uuid,
    write: String,
    read: String,
}

impl<'a> Target<'a> {
    async fn new(app: &'a TestApp) -> Target<'a> {
        let api = Api::new(app).await;
        let position = app.position("Support engineer").await;
        let candidate = app
            .candidate(position, "Kari Nordmann", "kari@example.no")
            .await;
        let mut operations: Vec<(Method, String)> = Vec::new();
        for (route, item) in api.doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                operations.push((method.to_uppercase().parse().unwrap(), route.clone()));
            }
        }
        assert_eq!(operations.len(), 7, "{operations:?}");
        Target {
            api,
            operations,
            position,
            candidate,
            write: token_for(app, TokenScope::Write).await,
            read: token_for(app, TokenScope::Read).await,
        }
    }

    /// Sends a request from a property's (blocking) case and checks it is documented.
    fn send(
        &self,
        (method, route): &(Method, String),
        path: &str,
        token: Option<&str>,
        body: Option<Body>,
    ) -> Result<Answer, proptest::test_runner::TestCaseError> {
        let (answer, documented) = tokio::runtime::Handle::current().block_on(self.api.send(
            method.clone(),
            route,
            path,
            token,
            body,
        ));
        match documented {
            Ok(()) => Ok(answer),
            Err(why) => Err(proptest::test_runner::TestCaseError::fail(format!(
                "{method} {path} -> {}: {why}\n{}",
                answer.status, answer.body
            ))),
        }
    }
}

/// Runs a property whose cases send requests: they block on the test's runtime
/// from a thread that may block.
fn check_property<S: proptest::strategy::Strategy>(
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), proptest::test_runner::TestCaseError>,
) {
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    if let Err(failure) = tokio::task::block_in_place(|| runner.run(&strategy, test)) {
        panic!("{failure}");
    }
}

/// Every documented operation, given malformed ids, tokens, content types and
/// bodies: each answer is one the document lists for that operation, in its
/// documented form, and nothing not sent as JSON is imported.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_to_malformed_requests_is_one_the_document_lists() {
    let app = TestApp::spawn().await;
    let target = Target::new(&app).await;
    let malformed = format!("sr_{}", "zz".repeat(32));
    check_property(160, probe_strategy(target.operations.len()), |probe| {
        let operation = &target.operations[probe.operation];
        let (method, route) = operation;
        let id = match &probe.id {
            ProbeId::Existing if route.starts_with("/api/v1/candidates") => {
                target.candidate.to_string()
            }
            ProbeId::Existing => target.position.to_string(),
            ProbeId::Unknown => Uuid::new_v4().to_string(),
            ProbeId::Garbage(text) => percent_encode(text),
        };
        let path = route.replace("{id}", &id);
        let token = match probe.token {
            ProbeToken::Write => Some(target.write.as_str()),
            ProbeToken::Read => Some(target.read.as_str()),
            ProbeToken::Missing => None,
            ProbeToken::Malformed => Some(malformed.as_str()),
        };
        let bytes = match &probe.body {
            ProbeBody::Bytes(bytes) => bytes.clone(),
            ProbeBody::Json(value) => serde_json::to_vec(value).unwrap(),
            ProbeBody::Candidates(items) => serde_json::to_vec(&fresh_emails(items)).unwrap(),
        };
        let body = (*method != Method::GET).then_some(Body::Raw(probe.content_type, bytes));
        let answer = target.send(operation, &path, token, body)?;
        if *method == Method::POST && probe.content_type != Some("application/json") {
            proptest::prop_assert_ne!(answer.status, 201, "{} imported", path);
        }
        Ok(())
    });
}

/// An import by a write token is taken exactly when it is sent as JSON and the
/// documented schema allows its body (and its emails are valid and unique,
/// which no schema keyword says); anything else is refused with a documented
/// problem, a 415 when it is not sent as JSON.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_is_taken_exactly_when_the_documented_schema_allows_its_body() {
    let app = TestApp::spawn().await;
    let target = Target::new(&app).await;
    let schema = import_body_schema(&target.api.doc);
    let operation = (Method::POST, "/api/v1/positions/{id}/candidates".to_owned());
    let path = format!("/api/v1/positions/{}/candidates", target.position);
    let content_types = proptest::sample::select(vec![
        Some("application/json"),
        Some("application/json; charset=utf-8"),
        Some("application/problem+json"),
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ]);
    check_property(
        120,
        (candidates_strategy(), content_types),
        |(items, content_type)| {
            let value = fresh_emails(&items);
            let bytes = serde_json::to_vec(&value).unwrap();
            let body = Some(Body::Raw(content_type, bytes));
            let answer = target.send(&operation, &path, Some(&target.write), body)?;
            let json =
                content_type.is_some_and(|t| t.starts_with("application/") && t.contains("json"));
            if !json {
                proptest::prop_assert_eq!(
                    answer.status,
                    415,
                    "{:?}: {}",
                    content_type,
                    answer.body
                );
                return Ok(());
            }
            let allowed = validate(&target.api.doc, &schema, &value).is_ok();
            let expected = allowed && emails_pass(&value);
            proptest::prop_assert_eq!(
                answer.status == 201,
                expected,
                "the schema {} {}; the import answered {}: {}",
                if allowed { "allows" } else { "refuses" },
                value,
                answer.status,
                answer.body
            );
            Ok(())
        },
    );
}
