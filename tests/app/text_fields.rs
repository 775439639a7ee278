//! Every free-text field of the app, found by walking every page of the route
//! list as each role and reading the forms as rendered: each states its length
//! limit beside it, the server holds exactly that limit, and script and SQL
//! typed into any of them come back escaped and verbatim on every page.

use std::collections::BTreeSet;

use secondround::auth::Role;

use crate::routes::{Ids, declared_routes, ids_for};
use crate::support::TestApp;
use crate::support::html::{self, Control, Form};
use crate::support::walk::Round;

/// A round with its panel, a doubt and the default guide, and a signed-in
/// client for each role that has forms to fill.
struct World {
    app: TestApp,
    ids: Ids,
    round: Round,
    member_id: uuid::Uuid,
    clients: Vec<(&'static str, reqwest::Client)>,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let member = round.member(&app).await;
    let spare = app.create_user(Role::Panelist).await;
    let ids = ids_for(&app, &round, member.member_id, spare.id).await;
    let member_id = member.member_id;
    let manager = TestApp::client();
    let signed_in = app
        .login(&manager, &round.manager.email, &round.manager.password)
        .await;
    assert_eq!(signed_in.status(), 303);
    let (admin, _) = app.login_as(Role::Admin).await;
    let clients = vec![
        ("admin", admin),
        ("hiring manager", manager),
        ("panel member", member.client.clone()),
        ("anonymous", TestApp::client()),
    ];
    World {
        app,
        ids,
        round,
        member_id,
        clients,
    }
}

/// Every page a GET route shows, with its ids filled in.
fn pages(ids: &Ids) -> Vec<String> {
    declared_routes()
        .into_iter()
        .filter(|route| route.methods.contains(&"get"))
        .filter(|route| !route.path.starts_with("/api") && !route.path.contains("{*"))
        .map(|route| ids.fill(&route.path))
        .collect()
}

async fn fetch(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String, String) {
    let response = app.get(client, path).await;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = response.bytes().await.unwrap();
    (
        status,
        content_type,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// A form with free-text fields, on the page where it was found.
struct Found {
    who: usize,
    page: String,
    html: String,
    form: Form,
}

/// The forms with free-text fields on every page, once per action shape (for
/// the first role that has it: a second role's post would overwrite the first's).
async fn text_forms(world: &World) -> Vec<Found> {
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    for (who, (_, client)) in world.clients.iter().enumerate() {
        for page in pages(&world.ids) {
            let (status, content_type, body) = fetch(&world.app, client, &page).await;
            if status != 200 || !content_type.starts_with("text/html") {
                continue;
            }
            for form in html::forms(&body) {
                let texts: Vec<&Control> = form.controls.iter().filter(|c| c.is_text()).collect();
                if form.method != "post" || texts.is_empty() {
                    continue;
                }
                // The walk-through repeats one form per question; one of each is enough.
                let shape: String = form
                    .action
                    .split('/')
                    .map(|segment| {
                        if segment.chars().all(|c| c.is_ascii_digit()) {
                            "n"
                        } else {
                            segment
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("/");
                let names: Vec<&str> = texts.iter().map(|c| c.name.as_str()).collect();
                if seen.insert(format!("{shape} {names:?}")) {
                    found.push(Found {
                        who,
                        page: page.clone(),
                        html: body.clone(),
                        form,
                    });
                }
            }
        }
    }
    found
}

/// Values for the other controls, so a form fails, if at all, on the field tried.
fn sensible(control: &Control) -> Option<String> {
    let value = match (control.kind.as_str(), control.name.as_str()) {
        // A reference was checked in the past; an interview is planned ahead.
        ("date", "checked_on") if control.value.is_empty() => "2026-01-15",
        ("date", _) if control.value.is_empty() => "2031-05-14",
        ("time", _) if control.value.is_empty() => "10:00",
        ("number", _) if control.value.is_empty() => "60",
        (_, "weight") if control.value.is_empty() => "2",
        // The information fields of a settled doubt count only for that kind of fact.
        ("radio", "fact_kind") => "information",
        // A hire is refused while a doubt is open; the rationale is shown either way.
        ("radio", "decision") => "on_hold",
        // A reference check is recorded only with the candidate's consent.
        ("checkbox", "consent") if control.value.is_empty() => "on",
        ("checkbox", "consent") => return Some(control.value.clone()),
        _ => return None,
    };
    Some(value.to_owned())
}

/// Posts a form and reads the page it leads to (after a redirect, that page).
async fn submit(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    form: &Form,
    fill: &dyn Fn(&Control) -> Option<String>,
) -> (u16, String) {
    let (status, page, _) = submit_to(app, client, page, form, fill).await;
    (status, page)
}

/// Like `submit`, with the page a redirect led to.
async fn submit_to(
    app: &TestApp,
    client: &reqwest::Client,
    page: &str,
    form: &Form,
    fill: &dyn Fn(&Control) -> Option<String>,
) -> (u16, String, Option<String>) {
    let action = if form.action.is_empty() {
        page
    } else {
        &form.action
    };
    let response = client
        .post(app.url(action))
        .form(&form.body(fill))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    if response.status().is_redirection() {
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let location = location.split('#').next().unwrap().to_owned();
        let (_, _, body) = fetch(app, client, &location).await;
        (status, body, Some(location))
    } else {
        (status, response.text().await.unwrap(), None)
    }
}

/// Both ways a count is written in English: 4,000 and 4000.
fn spellings(n: usize) -> [String; 2] {
    [
        secondround::web::form::count(n, secondround::i18n::Locale::En),
        n.to_string(),
    ]
}

/// The limit the field's hint states ("Up to 4,000 characters."), if any.
fn stated_limit(html: &str, control: &Control) -> Option<usize> {
    control.described_by.iter().find_map(|id| {
        let hint = html::text_by_id(html, id)?;
        let after = hint.split("Up to ").nth(1)?;
        let number = after.split(" characters").next()?;
        number.replace(',', "").parse().ok()
    })
}

fn says_too_long(page: &str, n: usize) -> bool {
    spellings(n)
        .iter()
        .any(|count| page.contains(&format!("Use at most {count} characters.")))
}

/// `n` characters the field takes as text (an address for an email field).
fn of_length(control: &Control, n: usize) -> String {
    if control.kind == "email" {
        let domain = "@example.no";
        format!("{}{domain}", "a".repeat(n - domain.len()))
    } else {
        "å".repeat(n)
    }
}

#[tokio::test]
async fn every_text_field_states_its_limit_and_the_server_holds_that_limit() {
    let world = world().await;
    let found = text_forms(&world).await;
    let mut failures = Vec::new();
    let mut probes: Vec<(&Found, &Control, usize)> = Vec::new();
    for f in &found {
        for control in f.form.controls.iter().filter(|c| c.is_text()) {
            if matches!(control.name.as_str(), "weight" | "score") {
                // Numbers: parsed, and refused when they are not one.
                continue;
            }
            match stated_limit(&f.html, control) {
                Some(limit) => probes.push((f, control, limit)),
                None => failures.push(format!(
                    "{} on {}: field {} of {} states no limit",
                    world.clients[f.who].0, f.page, control.name, f.form.action
                )),
            }
        }
    }
    // Over the limit first: nothing is stored, so no probe changes another's page.
    for (f, control, limit) in &probes {
        let client = &world.clients[f.who].1;
        let long = of_length(control, limit + 1);
        let fill = |c: &Control| {
            if c.name == control.name {
                Some(long.clone())
            } else {
                sensible(c)
            }
        };
        let (status, page) = submit(&world.app, client, &f.page, &f.form, &fill).await;
        if !says_too_long(&page, *limit) {
            failures.push(format!(
                "{} {} with {} characters -> {status}, without naming the limit {limit}",
                f.form.action,
                control.name,
                limit + 1
            ));
        }
    }
    for (f, control, limit) in &probes {
        let client = &world.clients[f.who].1;
        let exact = of_length(control, *limit);
        let fill = |c: &Control| {
            if c.name == control.name {
                Some(exact.clone())
            } else {
                sensible(c)
            }
        };
        let (status, page) = submit(&world.app, client, &f.page, &f.form, &fill).await;
        if status >= 500 || says_too_long(&page, *limit) {
            failures.push(format!(
                "{} {} with exactly {limit} characters -> {status}, refused as too long",
                f.form.action, control.name
            ));
        }
    }
    let probed: BTreeSet<&str> = probes.iter().map(|(_, c, _)| c.name.as_str()).collect();
    eprintln!("{} fields probed: {probed:?}", probes.len());
    for expected in [
        "email",
        "display_name",
        "title",
        "department",
        "description",
        "name",
        "anchor_1",
        "first_round_summary",
        "open_questions",
        "source",
        "phone",
        "text",
        "guidance",
        "criterion_hint",
        "evidence",
        "summary",
        "justification",
        "referee_name",
        "questions_answers",
        "concerns",
    ] {
        if !probed.contains(expected) {
            failures.push(format!("the walk found no field {expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Script and SQL, with a number so each field's value can be told apart.
fn payload(n: usize) -> String {
    format!(
        "<script>alert(1)</script> \"><img src=x onerror=alert(1)> '; drop table candidate; -- #{n}"
    )
}

/// What must never reach a page unescaped.
const RAW: [&str; 2] = ["<script>alert(1)", "<img src=x onerror"];

fn raw_payload_in(page: &str) -> Option<&'static str> {
    RAW.into_iter().find(|raw| page.contains(raw))
}

/// Every string in a JSON document.
fn json_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) => out.push(text.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

/// The text cells of an export, by its kind.
fn export_cells(path: &str, bytes: &[u8]) -> Vec<String> {
    if path.ends_with(".csv") {
        let text = String::from_utf8_lossy(bytes);
        // The shortlist is written for spreadsheets set up for Norway: `;` between cells.
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        reader
            .records()
            .flat_map(|record| {
                record
                    .unwrap()
                    .iter()
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect()
    } else if path.ends_with(".json") {
        let mut out = Vec::new();
        json_strings(&serde_json::from_slice(bytes).unwrap(), &mut out);
        out
    } else {
        use calamine::{Reader, Xlsx, open_workbook_from_rs};
        let mut workbook: Xlsx<_> =
            open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let mut out = Vec::new();
        for name in workbook.sheet_names() {
            let range = workbook.worksheet_range(&name).unwrap();
            out.extend(range.cells().map(|(_, _, cell)| cell.to_string()));
        }
        out
    }
}

#[tokio::test]
async fn script_and_sql_typed_into_every_text_field_come_back_escaped_and_verbatim_everywhere() {
    let world = world().await;
    // Everything rated, so the member's submission (with its justification) goes through.
    world.round.rate_all(&world.app, world.member_id, "").await;
    let mut found = text_forms(&world).await;
    // Submitting ratings or deciding closes other forms: those go last.
    found.sort_by_key(|f| f.form.action.ends_with("/submit") || f.form.action.contains("decision"));

    let mut failures = Vec::new();
    let mut posted: Vec<(String, String, String)> = Vec::new();
    let mut answers: Vec<String> = Vec::new();
    // Pages that new entities land on (a new candidate's page, …) are visited too.
    let mut landed: BTreeSet<String> = BTreeSet::new();
    let mut conflicted: Vec<String> = Vec::new();
    for f in &found {
        let client = &world.clients[f.who].1;
        let mut values: Vec<(String, String)> = Vec::new();
        for control in f.form.controls.iter().filter(|c| c.is_text()) {
            if control.kind != "email" && !matches!(control.name.as_str(), "weight" | "score") {
                let value = payload(posted.len() + values.len());
                values.push((control.name.clone(), value));
            }
        }
        let n = posted.len();
        let fill = |c: &Control| {
            if let Some((_, value)) = values.iter().find(|(name, _)| *name == c.name) {
                return Some(value.clone());
            }
            match (c.kind.as_str(), c.value.is_empty()) {
                ("email", true) => Some(format!("payload{n}@example.no")),
                ("password", true) => Some("a long enough password".into()),
                _ => sensible(c),
            }
        };
        let (status, page, location) = submit_to(&world.app, client, &f.page, &f.form, &fill).await;
        let errors: Vec<&str> = page
            .split(r#"class="field-error""#)
            .skip(1)
            .filter_map(|rest| rest.split('>').nth(1)?.split('<').next())
            .collect();
        answers.push(format!(
            "POST {} -> {status} {location:?} {errors:?}",
            f.form.action
        ));
        if status == 409 {
            // The state moved on (a doubt settled by the form before): nothing was stored.
            conflicted.push(f.form.action.clone());
        }
        landed.extend(location);
        if status >= 500 {
            failures.push(format!("POST {} -> {status}", f.form.action));
        }
        if let Some(raw) = raw_payload_in(&page) {
            failures.push(format!("POST {} answered with raw {raw:?}", f.form.action));
        }
        for (name, value) in values {
            posted.push((f.form.action.clone(), name, value));
        }
    }

    let candidate_table: bool = sqlx::query_scalar("select to_regclass('candidate') is not null")
        .fetch_one(&world.app.pool)
        .await
        .unwrap();
    assert!(candidate_table, "the SQL was stored as text, not run");

    // Every page, as every role: nothing raw, and each value verbatim somewhere.
    let mut shown: BTreeSet<String> = BTreeSet::new();
    let mut exported = 0;
    // And every page linked from where the posts landed (a new criterion's edit page, …).
    let mut linked = BTreeSet::new();
    for page in &landed {
        let (_, _, body) = fetch(&world.app, &world.clients[0].1, page).await;
        for link in body.split("href=\"/").skip(1) {
            let path = link.split('"').next().unwrap_or_default();
            let path = html::unescape(path.split('#').next().unwrap_or_default());
            if !path.starts_with("static/") && !path.is_empty() {
                linked.insert(format!("/{path}"));
            }
        }
    }
    let mut every_page = pages(&world.ids);
    every_page.extend(landed);
    every_page.extend(linked);
    for (who, client) in &world.clients {
        for page in &every_page {
            let (status, content_type, body) = fetch(&world.app, client, page).await;
            if status >= 500 {
                failures.push(format!("{who}: GET {page} -> {status}"));
            }
            if status != 200 {
                continue;
            }
            if content_type.starts_with("text/html") {
                if let Some(raw) = raw_payload_in(&body) {
                    failures.push(format!("{who}: GET {page} shows raw {raw:?}"));
                }
                let text = html::unescape(&body);
                for (_, _, value) in &posted {
                    if text.contains(value.as_str()) {
                        shown.insert(value.clone());
                    }
                }
            } else if [".csv", ".xlsx", ".json"]
                .iter()
                .any(|ext| page.ends_with(ext))
            {
                let bytes = world.app.get(client, page).await.bytes().await.unwrap();
                for cell in export_cells(page, &bytes) {
                    if cell.contains("onerror") {
                        exported += 1;
                        if !posted
                            .iter()
                            .any(|(_, _, value)| cell.contains(value.as_str()))
                        {
                            failures.push(format!("{who}: {page} changed a value: {cell:?}"));
                        }
                    }
                }
            }
        }
    }
    for (action, name, value) in &posted {
        if !shown.contains(value) && !conflicted.contains(action) {
            failures.push(format!("{name} of {action} is shown on no page as typed"));
        }
    }
    assert!(posted.len() > 20, "{} fields filled", posted.len());
    assert!(exported > 0, "no export carried a stored value");
    assert!(
        failures.is_empty(),
        "{}\n\nthe posts:\n{}",
        failures.join("\n"),
        answers.join("\n")
    );
}
