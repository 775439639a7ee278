//! Who may do what: one table of routes × roles × answer, checked over HTTP. The
//! table must name every route the router declares (found by reading its
//! source), so a new route fails this test until someone decides who may use it.

use std::collections::BTreeSet;

use secondround::auth::Role;
use uuid::Uuid;

use crate::routes::{declared_routes, ids_for};
use crate::support::TestApp;
use crate::support::walk::Round;

/// Columns: admin, HR, the position's manager, another manager, a panel member
/// on the round (not yet submitted), a panel member not on it, anonymous.
/// `a` allowed (any answer but 401, 403, a sign-in redirect or a server error,
/// which never passes), `d` denied
/// (403), `s` sent to sign in (303 to /login, or 401 for scripts), `-` not sent
/// (signing out would end the walk's own session).
const TABLE: &[(&str, &str, &str)] = &[
    ("get", "/", "aaaaaas"),
    ("get", "/admin/api-tokens", "addddds"),
    ("get", "/admin/outbox", "addddds"),
    ("post", "/admin/outbox/intervals", "addddds"),
    ("post", "/admin/outbox/{id}/retry", "addddds"),
    ("post", "/admin/api-tokens", "addddds"),
    ("post", "/admin/api-tokens/{id}/revoke", "addddds"),
    ("get", "/admin/retention", "addddds"),
    ("get", "/admin/retrospectives", "addddds"),
    ("post", "/admin/retention", "addddds"),
    ("post", "/admin/probation", "addddds"),
    ("get", "/admin/users", "addddds"),
    ("post", "/admin/users", "addddds"),
    ("get", "/admin/users/new", "addddds"),
    ("post", "/admin/users/{id}/disable", "addddds"),
    ("post", "/admin/users/{id}/enable", "addddds"),
    // The API takes bearer tokens only: a browser session opens nothing.
    ("get", "/api/v1/openapi.json", "aaaaaaa"),
    ("get", "/api/v1/positions", "sssssss"),
    ("get", "/api/v1/positions/{id}", "sssssss"),
    ("get", "/api/v1/positions/{id}/shortlist", "sssssss"),
    ("post", "/api/v1/positions/{id}/candidates", "sssssss"),
    ("get", "/api/v1/candidates/{id}/decision", "sssssss"),
    ("get", "/api/v1/candidates/{id}/papers", "sssssss"),
    ("post", "/api/v1/candidates/{id}/papers", "sssssss"),
    ("get", "/audit", "adaadds"),
    ("get", "/candidates/{id}", "aaadads"),
    ("get", "/candidates/{id}/follow-up", "aaaddds"),
    // Across positions: everyone who decides, each over the positions they see.
    ("get", "/follow-up", "aaaadds"),
    ("get", "/candidates/{id}/retrospective", "aaaddds"),
    // Everyone sees calibration figures: each their own, or more by role.
    ("get", "/interviewers", "aaaaaas"),
    // Only a scraper with the bearer token (`SECONDROUND_METRICS_TOKEN`); without
    // one set it is 404 for everyone, which the table would take as allowed.
    ("get", "/metrics", "sssssss"),
    ("post", "/candidates/{id}/follow-up", "aaaddds"),
    ("post", "/candidates/{id}", "aaaddds"),
    ("get", "/candidates/{id}/decision", "adaddds"),
    ("post", "/candidates/{id}/decision", "adaddds"),
    ("post", "/candidates/{id}/decision/reopen", "adaddds"),
    ("post", "/candidates/{id}/doubts", "aaaddds"),
    ("get", "/candidates/{id}/edit", "aaaddds"),
    ("get", "/candidates/{id}/export.json", "aadddds"),
    ("get", "/candidates/{id}/export.zip", "aadddds"),
    // Papers: read by the candidate's panels, changed by who manages the position.
    ("get", "/candidates/{id}/papers", "aaadads"),
    ("post", "/candidates/{id}/papers", "aaaddds"),
    ("get", "/candidates/{id}/papers/{paper_id}", "aaadads"),
    (
        "post",
        "/candidates/{id}/papers/{paper_id}/delete",
        "aaaddds",
    ),
    ("get", "/candidates/{id}/references", "aaaddds"),
    ("post", "/candidates/{id}/references", "aaaddds"),
    ("post", "/candidates/{id}/status", "aaaddds"),
    ("get", "/doubts/{id}", "aaaddds"),
    ("post", "/doubts/{id}/confirm", "aaaddds"),
    ("post", "/doubts/{id}/resolve", "aaaddds"),
    ("get", "/guides", "addddds"),
    ("post", "/guides", "addddds"),
    ("get", "/guides/new", "addddds"),
    ("get", "/guides/{id}", "addddds"),
    ("post", "/guides/{id}", "addddds"),
    ("post", "/guides/{id}/copy", "addddds"),
    ("post", "/guides/{id}/questions/{qid}", "addddds"),
    ("post", "/guides/{id}/questions/{qid}/delete", "addddds"),
    ("get", "/guides/{id}/questions/{qid}/edit", "addddds"),
    ("post", "/guides/{id}/questions/{qid}/move", "addddds"),
    ("post", "/guides/{id}/sections", "addddds"),
    ("post", "/guides/{id}/sections/{sid}", "addddds"),
    ("post", "/guides/{id}/sections/{sid}/delete", "addddds"),
    ("post", "/guides/{id}/sections/{sid}/move", "addddds"),
    ("post", "/guides/{id}/sections/{sid}/questions", "addddds"),
    // Single sign-on: off in this walk, so the start is not found and the
    // callback refuses (no flow under way); both open to anyone, as sign-in is.
    ("post", "/auth/oidc/start", "aaaaaaa"),
    ("get", "/auth/oidc/callback", "aaaaaaa"),
    ("get", "/healthz", "aaaaaaa"),
    ("get", "/readyz", "aaaaaaa"),
    ("post", "/locale", "aaaaaaa"),
    ("get", "/login", "aaaaaaa"),
    ("post", "/login", "aaaaaaa"),
    ("post", "/logout", "-------"),
    ("get", "/positions", "aaaadds"),
    ("post", "/positions", "aaaadds"),
    ("get", "/positions/new", "aaaadds"),
    ("post", "/positions/new", "aaaadds"),
    ("get", "/positions/{id}", "aaaddds"),
    ("get", "/positions/{id}/follow-up", "aaaddds"),
    ("post", "/positions/{id}", "aaaddds"),
    ("post", "/positions/{id}/candidates", "aaaddds"),
    ("get", "/positions/{id}/candidates/import", "aaaddds"),
    ("post", "/positions/{id}/candidates/import", "aaaddds"),
    ("get", "/positions/{id}/candidates/new", "aaaddds"),
    ("post", "/positions/{id}/close", "aaaddds"),
    ("post", "/positions/{id}/reopen", "aaaddds"),
    ("get", "/positions/{id}/compare", "aaaddds"),
    ("post", "/positions/{id}/criteria", "aaaddds"),
    ("get", "/positions/{id}/criteria/new", "aaaddds"),
    ("post", "/positions/{id}/criteria/{cid}", "aaaddds"),
    ("post", "/positions/{id}/criteria/{cid}/delete", "aaaddds"),
    ("get", "/positions/{id}/criteria/{cid}/edit", "aaaddds"),
    ("post", "/positions/{id}/criteria/{cid}/move", "aaaddds"),
    ("get", "/positions/{id}/edit", "aaaddds"),
    ("get", "/positions/{id}/rounds/new", "aaaddds"),
    ("post", "/positions/{id}/rounds/new", "aaaddds"),
    ("get", "/positions/{id}/shortlist.csv", "aaaddds"),
    ("get", "/positions/{id}/shortlist.xlsx", "aaaddds"),
    ("get", "/positions/{id}/shortlist/print", "aaaddds"),
    ("get", "/rounds/{id}", "aaaddds"),
    ("get", "/rounds/{id}/debrief", "aaaddds"),
    ("post", "/rounds/{id}/cancel", "aaaddds"),
    ("get", "/rounds/{id}/change", "aaaddds"),
    ("post", "/rounds/{id}/change", "aaaddds"),
    ("get", "/rounds/{id}/interview", "ddddads"),
    ("get", "/rounds/{id}/interview/offline", "ddddads"),
    ("get", "/rounds/{id}/interview/submit", "ddddads"),
    ("post", "/rounds/{id}/interview/submit", "ddddads"),
    ("get", "/rounds/{id}/interview/{n}", "ddddads"),
    ("post", "/rounds/{id}/interview/{n}", "ddddads"),
    ("post", "/rounds/{id}/interview/{n}/doubts", "ddddads"),
    ("post", "/rounds/{id}/interview/{n}/test-results", "ddddads"),
    (
        "post",
        "/rounds/{id}/interview/sections/{order}/not-assessed",
        "ddddads",
    ),
    ("get", "/rounds/{id}/invite.ics", "aaadads"),
    ("get", "/rounds/{id}/panel", "aaaddds"),
    ("post", "/rounds/{id}/panel/{member_id}/reopen", "ddaddds"),
    ("post", "/rounds/{id}/questions/{qid}/criterion", "aaaddds"),
    // The subject-matter expert may edit too (see round_questions.rs); the
    // panel member here sits in another role.
    ("get", "/rounds/{id}/questions/{qid}/edit", "adaddds"),
    ("post", "/rounds/{id}/questions/{qid}/edit", "adaddds"),
    ("put", "/rounds/{id}/questions/{qid}/rating", "ddddads"),
    ("post", "/rounds/{id}/test-results", "aaaddds"),
    ("get", "/settings", "aaaaaas"),
    // The stylesheet, scripts and icon: the sign-in page needs them too.
    ("get", "/static/{*path}", "aaaaaaa"),
    ("post", "/settings", "aaaaaas"),
    // The API's catch-all answers 404 problem documents to everyone.
    ("delete", "/api/v1/{*rest}", "aaaaaaa"),
    ("delete", "/api/{*rest}", "aaaaaaa"),
];

const ROLES: [&str; 7] = [
    "admin",
    "HR",
    "the position's manager",
    "another manager",
    "a panel member on the round",
    "a panel member not on it",
    "anonymous",
];

#[test]
fn the_table_names_every_route_the_router_declares_and_no_other() {
    let declared: BTreeSet<(String, String)> = declared_routes()
        .into_iter()
        .flat_map(|route| {
            let methods = if route.methods.is_empty() {
                vec!["delete"]
            } else {
                route.methods
            };
            methods
                .into_iter()
                .map(move |method| (method.to_owned(), route.path.clone()))
        })
        .collect();
    let table: BTreeSet<(String, String)> = TABLE
        .iter()
        .map(|(method, path, _)| (method.to_string(), path.to_string()))
        .collect();
    let missing: Vec<_> = declared.difference(&table).collect();
    let stale: Vec<_> = table.difference(&declared).collect();
    assert!(missing.is_empty(), "routes nobody decided on: {missing:?}");
    assert!(
        stale.is_empty(),
        "the table names routes that do not exist: {stale:?}"
    );
    assert!(TABLE.iter().all(|(_, _, row)| row.len() == ROLES.len()));
}

/// A well-formed request of the kind the route takes, so what answers is the
/// role check and not the body's parser.
async fn answer(
    app: &TestApp,
    client: &reqwest::Client,
    method: &str,
    path: &str,
) -> (u16, String) {
    let token = app.csrf_token(client).await;
    let request = client
        .request(method.to_uppercase().parse().unwrap(), app.url(path))
        .header("x-csrf-token", &token);
    let request = if path.ends_with("/candidates/import") && method == "post" {
        let part = reqwest::multipart::Part::bytes(b"name\nKari\n".to_vec()).file_name("c.csv");
        request.multipart(reqwest::multipart::Form::new().part("file", part))
    } else if method == "put" {
        request
            .header("accept", "application/json")
            .json(&serde_json::json!({ "score": 3, "evidence": "", "base_version": null, "save_id": Uuid::new_v4() }))
    } else {
        request
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
    };
    let response = request.send().await.unwrap();
    let location = response
        .headers()
        .get("location")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (response.status().as_u16(), location)
}

#[tokio::test]
async fn every_role_gets_what_the_table_says_on_every_route() {
    // With a metrics token set, so `/metrics` is there to be refused.
    let app = TestApp::spawn_with(secondround::config::ServerConfig {
        metrics_token: Some(secondround::redact::Secret::new("scrape-only")),
        ..secondround::config::ServerConfig::for_tests()
    })
    .await;
    let round = Round::plan(&app).await;
    let on_panel = round.member(&app).await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let owner = TestApp::client();
    let signed_in = app
        .login(&owner, &round.manager.email, &round.manager.password)
        .await;
    assert_eq!(signed_in.status(), 303);
    let (other_manager, _) = app.login_as(Role::Manager).await;
    let (off_panel, _) = app.login_as(Role::Panelist).await;
    let clients = [
        admin,
        hr,
        owner,
        other_manager,
        on_panel.client.clone(),
        off_panel,
        TestApp::client(),
    ];
    let spare = app.create_user(Role::Panelist).await;
    let ids = ids_for(&app, &round, on_panel.member_id, spare.id).await;
    let mut wrong = Vec::new();
    // Reads first, then changes, so a change cannot hide a read's answer.
    let mut rows: Vec<&(&str, &str, &str)> = TABLE.iter().collect();
    rows.sort_by_key(|(method, ..)| *method != "get");
    for (method, path, expected) in rows {
        for ((role, client), want) in ROLES.iter().zip(&clients).zip(expected.chars()) {
            if want == '-' {
                continue;
            }
            let url = ids.fill(path);
            let (status, location) = answer(&app, client, method, &url).await;
            let got = match status {
                403 => 'd',
                401 => 's',
                303 | 302 if location.starts_with("/login") => 's',
                // A fault is no answer: it hides whether access was checked.
                500.. => 'e',
                _ => 'a',
            };
            let want = want.to_ascii_lowercase();
            if got != want {
                wrong.push(format!(
                    "{} {url} as {role}: expected {want}, got {got} ({status} {location})",
                    method.to_uppercase()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
