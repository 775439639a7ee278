//! Every route, found by reading the router's source (so a new route is covered
//! by itself), given garbage: malformed and unknown ids, bodies that are not
//! UTF-8 or hold NUL bytes, JSON where a form belongs, oversized bodies and
//! methods it does not take. Each answer is a 4xx page or JSON error in the
//! user's language, never a 5xx.

use std::path::Path;

use secondround::auth::Role;
use secondround::config::ServerConfig;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::Round;

/// One `.route(path, handlers)` call: the path and the methods it names.
#[derive(Debug, Clone)]
pub struct Route {
    pub path: String,
    pub methods: Vec<&'static str>,
}

const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

/// Every route declared under `src/`.
pub fn declared_routes() -> Vec<Route> {
    let mut routes = Vec::new();
    collect(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut routes,
    );
    routes.sort_by(|a, b| a.path.cmp(&b.path));
    assert!(
        routes.len() > 40,
        "the route scan found {} routes",
        routes.len()
    );
    routes
}

fn collect(dir: &Path, routes: &mut Vec<Route>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, routes);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            routes.extend(routes_in(&source));
            routes.extend(api_routes_in(&source));
        }
    }
}

fn routes_in(source: &str) -> Vec<Route> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(".route(") {
        let call = &rest[at + ".route(".len()..];
        // The call's arguments: up to the parenthesis that closes it.
        let mut depth = 1;
        let end = call
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map(|(i, _)| i)
            .expect("a route call closes");
        let arguments = &call[..end];
        let path = arguments
            .split('"')
            .nth(1)
            .expect("a route's path is a string literal");
        let handlers = &arguments[arguments.find(',').unwrap()..];
        let methods = METHODS
            .into_iter()
            .filter(|method| {
                handlers.match_indices(&format!("{method}(")).any(|(i, _)| {
                    i == 0
                        || !handlers.as_bytes()[i - 1].is_ascii_alphanumeric()
                            && handlers.as_bytes()[i - 1] != b'_'
                })
            })
            .collect();
        found.push(Route {
            path: path.to_owned(),
            methods,
        });
        rest = &call[end..];
    }
    found
}

/// The API's routes, declared by `#[utoipa::path(method, path = "...")]` and
/// nested under `/api/v1`.
fn api_routes_in(source: &str) -> Vec<Route> {
    source
        .match_indices("#[utoipa::path(")
        .map(|(at, marker)| {
            let rest = &source[at + marker.len()..];
            let method = METHODS
                .into_iter()
                .find(|m| rest.starts_with(m))
                .expect("a utoipa path names its method first");
            let path = rest
                .split("path = \"")
                .nth(1)
                .and_then(|tail| tail.split('"').next())
                .expect("a utoipa path names its path");
            Route {
                path: format!("/api/v1{path}"),
                methods: vec![method],
            }
        })
        .collect()
}

#[test]
fn the_route_scan_reads_chained_and_multi_line_routes() {
    let source = r#"
        Router::new()
            .route("/a/{id}", get(page::show).post(page::update))
            .route(
                "/b",
                put(api::put_rating),
            )
            .route("/c", post(forget_old_posts))
    "#;
    let routes = routes_in(source);
    let summary: Vec<(String, Vec<&str>)> =
        routes.into_iter().map(|r| (r.path, r.methods)).collect();
    assert_eq!(
        summary,
        vec![
            ("/a/{id}".to_owned(), vec!["get", "post"]),
            ("/b".to_owned(), vec!["put"]),
            ("/c".to_owned(), vec!["post"]),
        ]
    );
    let api =
        api_routes_in(r#"#[utoipa::path(post, path = "/positions/{id}/candidates", tag = "x")]"#);
    assert_eq!(
        (api[0].path.as_str(), api[0].methods.clone()),
        ("/api/v1/positions/{id}/candidates", vec!["post"])
    );
}

/// Real ids for every path parameter, by what the path is about.
pub struct Ids {
    position: Uuid,
    candidate: Uuid,
    round: Uuid,
    round_question: Uuid,
    criterion: Uuid,
    guide: Uuid,
    guide_section: Uuid,
    guide_question: Uuid,
    doubt: Uuid,
    user: Uuid,
    member: Uuid,
    paper: Uuid,
}

impl Ids {
    pub fn fill(&self, path: &str) -> String {
        let segments: Vec<&str> = path.split('/').skip(1).collect();
        let area = segments.first().copied().unwrap_or("");
        let filled: Vec<String> = segments
            .iter()
            .enumerate()
            .map(|(i, segment)| {
                // A parameter is named by the segment before it.
                let of = if i == 0 { "" } else { segments[i - 1] };
                match (*segment, of) {
                    (param, _) if !param.starts_with('{') => param.to_owned(),
                    ("{*rest}", _) => "nothing/here".to_owned(),
                    ("{*path}", "static") => "app.css".to_owned(),
                    ("{n}", _) | ("{order}", _) => "1".to_owned(),
                    (_, "positions") => self.position.to_string(),
                    (_, "candidates") => self.candidate.to_string(),
                    (_, "rounds") => self.round.to_string(),
                    (_, "guides") => self.guide.to_string(),
                    (_, "doubts") => self.doubt.to_string(),
                    (_, "users") => self.user.to_string(),
                    (_, "criteria") => self.criterion.to_string(),
                    (_, "sections") => self.guide_section.to_string(),
                    (_, "questions") if area == "guides" => self.guide_question.to_string(),
                    (_, "questions") => self.round_question.to_string(),
                    (_, "panel") => self.member.to_string(),
                    (_, "papers") => self.paper.to_string(),
                    // No token is issued in this walk: an unknown one is a fine test.
                    (_, "api-tokens") => Uuid::new_v4().to_string(),
                    // Nor is any mail written: an unknown one is as good.
                    (_, "outbox") => Uuid::new_v4().to_string(),
                    (param, of) => {
                        panic!(
                            "no value for {param} after /{of} in {path}: add it to the route walk"
                        )
                    }
                }
            })
            .collect();
        format!("/{}", filled.join("/"))
    }
}

fn with_params(path: &str, value: &str) -> String {
    path.split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                value
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

async fn ids(app: &TestApp) -> Ids {
    let round = Round::plan(app).await;
    let member = round.member(app).await;
    let spare = app.create_user(Role::Panelist).await;
    ids_for(app, &round, member.member_id, spare.id).await
}

/// Ids around `round`: its position, candidate and questions, a doubt on it,
/// the default guide's parts, `member` for the panel seat and `user` for the
/// user routes (a spare account: disabling it harms nobody's walk).
pub async fn ids_for(app: &TestApp, round: &Round, member: Uuid, user: Uuid) -> Ids {
    let one = |sql: &'static str| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_scalar::<_, Uuid>(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let doubt: Uuid = sqlx::query_scalar(
        "insert into doubt (candidate_id, round_id, category, description, resolution_method)
         values ($1, $2, 'other', 'A doubt to walk over.', 'gather_facts') returning id",
    )
    .bind(round.candidate_id)
    .bind(round.id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let criterion: Uuid =
        sqlx::query_scalar("select id from criterion where position_id = $1 limit 1")
            .bind(round.position_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    sqlx::query(
        "insert into paper_blob (sha256, bytes) values (sha256('%PDF-1.4 walk'), '%PDF-1.4 walk')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let paper: Uuid = sqlx::query_scalar(
        "insert into paper (candidate_id, sha256, name, media_type, size_bytes)
         values ($1, sha256('%PDF-1.4 walk'), 'walk.pdf', 'application/pdf', 13) returning id",
    )
    .bind(round.candidate_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    Ids {
        position: round.position_id,
        candidate: round.candidate_id,
        round: round.id,
        round_question: round.questions[2],
        criterion,
        guide: one("select id from interview_template where is_default limit 1").await,
        guide_section: one(
            "select s.id from template_section s join interview_template t on t.id = s.template_id
             where t.is_default order by s.sort_order limit 1",
        )
        .await,
        guide_question: one(
            "select q.id from template_question q join template_section s on s.id = q.section_id
             join interview_template t on t.id = s.template_id where t.is_default limit 1",
        )
        .await,
        doubt,
        user,
        member,
        paper,
    }
}

/// Bodies nobody's form sends.
fn garbage_bodies() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "application/x-www-form-urlencoded",
            b"title=\xff\xfe\x00%00&score=\xc3\x28&&=&%zz".to_vec(),
        ),
        (
            "application/x-www-form-urlencoded",
            b"name=a\x00b&email=\x00&decision=hire&ack=\x00".to_vec(),
        ),
        (
            "application/json",
            b"{\"score\": \"\x00\", \"save_id\": 12".to_vec(),
        ),
        (
            "multipart/form-data; boundary=x",
            b"--x\r\nContent-Disposition: form-data\r\n\r\n\xff\r\n".to_vec(),
        ),
    ]
}

async fn walk(app: &TestApp, client: &reqwest::Client, who: &str, paths: &[(String, &Route)]) {
    let token = app.csrf_token(client).await;
    let mut failures = Vec::new();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    for (path, route) in paths {
        let mut methods: Vec<&str> = route.methods.clone();
        // One method the route does not take.
        methods.push(if route.methods.contains(&"delete") {
            "patch"
        } else {
            "delete"
        });
        for method in methods {
            for (content_type, body) in garbage_bodies() {
                if method == "get" && content_type != "application/x-www-form-urlencoded" {
                    continue;
                }
                let request = client
                    .request(method.to_uppercase().parse().unwrap(), app.url(path))
                    .header("x-csrf-token", &token)
                    .header("content-type", content_type)
                    .body(body);
                let response = request.send().await.unwrap();
                let status = response.status();
                *statuses.entry(status.as_u16()).or_default() += 1;
                let text = response.text().await.unwrap_or_default();
                if status.is_server_error() {
                    failures.push(format!(
                        "{who}: {} {path} ({content_type}) -> {status}",
                        method.to_uppercase()
                    ));
                } else if status.is_client_error()
                    && !(text.contains("<html lang=\"en\"")
                        || text.contains("\"error\"")
                        || text.contains("\"detail\""))
                {
                    failures.push(format!(
                        "{who}: {} {path} -> {status} without a page: {text:.80}",
                        method.to_uppercase()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{who}: {statuses:?}");
    if who == "admin" {
        // The walk reached the handlers: their validation answered, not only the router.
        let validated =
            statuses.get(&422).copied().unwrap_or(0) + statuses.get(&400).copied().unwrap_or(0);
        assert!(validated > 20, "{who}: {statuses:?}");
    }
}

#[tokio::test]
async fn every_route_answers_garbage_with_a_clear_4xx_never_a_5xx() {
    let app = TestApp::spawn().await;
    let ids = ids(&app).await;
    let routes: Vec<Route> = declared_routes()
        .into_iter()
        // Signing out would end the walk's own session; it has no body to misread.
        .filter(|route| route.path != "/logout")
        .collect();
    let mut paths: Vec<(String, &Route)> = Vec::new();
    for route in &routes {
        paths.push((ids.fill(&route.path), route));
        if route.path.contains('{') {
            paths.push((with_params(&route.path, "not-an-id"), route));
            paths.push((with_params(&route.path, &Uuid::new_v4().to_string()), route));
            paths.push((with_params(&route.path, "%00%ff"), route));
        }
    }
    let (admin, _) = app.login_as(Role::Admin).await;
    walk(&app, &admin, "admin", &paths).await;
    let (panelist, _) = app.login_as(Role::Panelist).await;
    walk(&app, &panelist, "panelist", &paths).await;
    walk(&app, &TestApp::client(), "anonymous", &paths).await;
}

#[tokio::test]
async fn every_state_changing_route_refuses_an_oversized_body_with_413() {
    let app = TestApp::spawn().await;
    let ids = ids(&app).await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let token = app.csrf_token(&admin).await;
    let huge = vec![b'a'; secondround::web::MAX_BODY_BYTES + 1];
    // Papers are uploaded with a limit of their own (tests in papers.rs).
    let paper_limit = ServerConfig::for_tests().paper_max_bytes();
    let huge_paper = vec![b'a'; paper_limit + 1024 * 1024];
    let mut failures = Vec::new();
    for route in declared_routes() {
        for method in route.methods.iter().filter(|m| **m != "get") {
            let path = ids.fill(&route.path);
            let body = if route.path.ends_with("/papers") {
                huge_paper.clone()
            } else {
                huge.clone()
            };
            let response = admin
                .request(method.to_uppercase().parse().unwrap(), app.url(&path))
                .header("x-csrf-token", &token)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .unwrap();
            if response.status() != 413 {
                failures.push(format!("{method} {path} -> {}", response.status()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An id nobody has is looked up on purpose and answered 404 (a missing row
/// the handler did not ask about would be a 500): every page and every
/// state-changing route of the HTML app, as an admin who may see everything,
/// with a well-formed body that reaches the lookup.
#[tokio::test]
async fn every_route_answers_an_unknown_id_with_404() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let token = app.csrf_token(&admin).await;
    let mut failures = Vec::new();
    let mut asked = 0;
    for route in declared_routes() {
        // The API answers its own problem documents; its unknown ids are in `api.rs`.
        if !route.path.contains('{') || route.path.starts_with("/api") {
            continue;
        }
        let unknown = Uuid::new_v4().to_string();
        let path = route
            .path
            .split('/')
            .map(|segment| match segment {
                "{n}" | "{order}" => "1",
                param if param.starts_with('{') => &unknown,
                literal => literal,
            })
            .collect::<Vec<_>>()
            .join("/");
        // A body each route's extractor takes, so the handler gets to the id.
        let (content_type, body) = if path.ends_with("/rating") {
            (
                "application/json",
                format!(r#"{{"score": 3, "save_id": "{}"}}"#, Uuid::new_v4()),
            )
        } else if path.ends_with("/import") {
            ("multipart/form-data; boundary=x", "--x--\r\n".to_owned())
        } else if path.ends_with("/move") {
            (
                "application/x-www-form-urlencoded",
                "direction=up".to_owned(),
            )
        } else {
            ("application/x-www-form-urlencoded", String::new())
        };
        for method in &route.methods {
            let response = admin
                .request(method.to_uppercase().parse().unwrap(), app.url(&path))
                .header("x-csrf-token", &token)
                .header("content-type", content_type)
                .body(body.clone())
                .send()
                .await
                .unwrap();
            asked += 1;
            if response.status() != 404 {
                failures.push(format!(
                    "{} {path} -> {}",
                    method.to_uppercase(),
                    response.status()
                ));
            }
        }
    }
    assert!(asked > 40, "only {asked} requests");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
