//! The audit trail and its log page: status changes audited, filters, paging,
//! who may read what, malformed filters and escaped values.

use secondround::audit::{self, Change};
use secondround::auth::Role;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{TestApp, TestUser};

/// An audited change on `candidate` by `actor`, written the way features do,
/// carrying `marker` so a test can find it on the page.
async fn event(app: &TestApp, actor: &TestUser, candidate: Uuid, marker: &str) {
    let mut conn = app.pool.acquire().await.unwrap();
    audit::record(
        &mut conn,
        Change {
            actor_id: actor.id,
            entity: "candidate",
            entity_id: candidate,
            action: "status_changed",
            before: Some(json!({ "status": "shortlisted" })),
            after: Some(json!({ "status": marker })),
        },
    )
    .await
    .unwrap();
}

/// The markers on a page of the log, top to bottom.
fn markers(html: &str, prefix: &str) -> Vec<String> {
    html.split("<ins>")
        .skip(1)
        .filter_map(|part| part.split("</ins>").next())
        .filter(|value| value.starts_with(prefix))
        .map(str::to_owned)
        .collect()
}

/// The href of the link labelled `label`, unescaped.
fn link(html: &str, label: &str) -> Option<String> {
    let end = html.find(&format!("\">{label}</a>"))?;
    let start = html[..end].rfind("href=\"")? + "href=\"".len();
    Some(html[start..end].replace("&amp;", "&").replace("&#38;", "&"))
}

#[derive(sqlx::FromRow)]
struct StoredEvent {
    actor_id: Option<Uuid>,
    entity: String,
    action: String,
    before: Option<Value>,
    after: Option<Value>,
    candidate_id: Option<Uuid>,
}

#[tokio::test]
async fn a_status_change_is_audited_with_before_and_after() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    let position = app.position_for(&manager, "Backend engineer").await;
    let candidate = app.candidate(position, "Kari Nordmann", "").await;
    let path = format!("/candidates/{candidate}/status");
    for status in ["in_second_round", "in_second_round"] {
        let response = app.post_form(&client, &path, &[("status", status)]).await;
        assert_eq!(response.status(), 303);
    }
    let events: Vec<StoredEvent> = sqlx::query_as(
        "select actor_id, entity, action, before, after, candidate_id from audit_event order by id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(events.len(), 1, "an unchanged status is no change");
    let event = &events[0];
    assert_eq!(
        (event.actor_id, event.entity.as_str(), event.action.as_str()),
        (Some(manager.id), "candidate", "status_changed")
    );
    assert_eq!(event.before, Some(json!({ "status": "shortlisted" })));
    assert_eq!(event.after, Some(json!({ "status": "in_second_round" })));
    assert_eq!(event.candidate_id, Some(candidate));

    let html = app.get_html(&client, "/audit").await;
    assert!(html.contains("Candidate: status changed"));
    assert!(html.contains("<del>shortlisted</del> → <ins>in_second_round</ins>"));
    assert!(html.contains(&format!(
        "<a href=\"/candidates/{candidate}\">Kari Nordmann</a>"
    )));
}

#[tokio::test]
async fn the_log_filters_by_candidate_and_by_person() {
    let app = TestApp::spawn().await;
    let (client, admin) = app.login_as(Role::Admin).await;
    let hr = app
        .create_user_with(Role::Hr, "hr@example.no", "Hanne HR")
        .await;
    let position = app.position("Backend engineer").await;
    let kari = app.candidate(position, "Kari Nordmann", "").await;
    let ola = app.candidate(position, "Ola Nordmann", "").await;
    event(&app, &admin, kari, "m-kari-admin").await;
    event(&app, &hr, kari, "m-kari-hr").await;
    event(&app, &hr, ola, "m-ola-hr").await;

    let all = app.get_html(&client, "/audit").await;
    assert_eq!(
        markers(&all, "m-"),
        ["m-ola-hr", "m-kari-hr", "m-kari-admin"],
        "newest first"
    );
    assert!(all.contains("Hanne HR</option>"), "people to filter by");

    let by_candidate = app
        .get_html(&client, &format!("/audit?candidate={kari}"))
        .await;
    assert_eq!(markers(&by_candidate, "m-"), ["m-kari-hr", "m-kari-admin"]);
    assert!(by_candidate.contains(&format!("<option value=\"{kari}\" selected>")));

    let by_person = app
        .get_html(&client, &format!("/audit?actor={}", hr.id))
        .await;
    assert_eq!(markers(&by_person, "m-"), ["m-ola-hr", "m-kari-hr"]);

    let both = app
        .get_html(&client, &format!("/audit?candidate={kari}&actor={}", hr.id))
        .await;
    assert_eq!(markers(&both, "m-"), ["m-kari-hr"]);
}

#[tokio::test]
async fn the_log_pages_fifty_events_at_a_time_and_keeps_the_filter() {
    let app = TestApp::spawn().await;
    let (client, admin) = app.login_as(Role::Admin).await;
    let position = app.position("Backend engineer").await;
    let kari = app.candidate(position, "Kari Nordmann", "").await;
    let ola = app.candidate(position, "Ola Nordmann", "").await;
    for n in 1..=120 {
        event(&app, &admin, kari, &format!("p-{n:03}")).await;
        if n % 10 == 0 {
            event(&app, &admin, ola, &format!("q-{n:03}")).await;
        }
    }
    let expected = |from: u32, to: u32| -> Vec<String> {
        (to..=from).rev().map(|n| format!("p-{n:03}")).collect()
    };

    let first = app
        .get_html(&client, &format!("/audit?candidate={kari}"))
        .await;
    assert_eq!(markers(&first, "p-"), expected(120, 71));
    assert!(markers(&first, "q-").is_empty(), "the filter holds");
    assert!(
        link(&first, "← Newer").is_none(),
        "nothing is newer than the newest"
    );
    let older = link(&first, "Older →").expect("an older page");
    assert!(older.contains(&format!("candidate={kari}")), "{older}");

    let second = app.get_html(&client, &older).await;
    assert_eq!(markers(&second, "p-"), expected(70, 21));
    let third = app
        .get_html(&client, &link(&second, "Older →").unwrap())
        .await;
    assert_eq!(markers(&third, "p-"), expected(20, 1));
    assert!(
        link(&third, "Older →").is_none(),
        "the oldest page ends the log"
    );

    let back = app
        .get_html(&client, &link(&second, "← Newer").unwrap())
        .await;
    assert_eq!(markers(&back, "p-"), expected(120, 71));

    let everything = app.get_html(&client, "/audit").await;
    assert_eq!(
        markers(&everything, "p-").len() + markers(&everything, "q-").len(),
        50
    );
}

#[tokio::test]
async fn a_manager_sees_only_their_positions_events_and_hr_and_panel_are_refused() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    let mine = app.position_for(&manager, "Mine").await;
    let theirs = app.position("Theirs").await;
    let kari = app.candidate(mine, "Kari Nordmann", "").await;
    let ola = app.candidate(theirs, "Ola Nordmann", "").await;
    let admin = app.create_user(Role::Admin).await;
    event(&app, &admin, kari, "m-mine").await;
    event(&app, &admin, ola, "m-theirs").await;

    let html = app.get_html(&client, "/audit").await;
    assert_eq!(markers(&html, "m-"), ["m-mine"]);
    assert!(
        !html.contains("Ola Nordmann"),
        "not even in the candidate filter"
    );
    assert!(html.contains("<a href=\"/audit\" aria-current=\"page\">Audit log</a>"));
    let foreign = app
        .get_html(&client, &format!("/audit?candidate={ola}"))
        .await;
    assert!(markers(&foreign, "m-").is_empty());

    let (admin_client, _) = app.login_as(Role::Admin).await;
    let everything = app.get_html(&admin_client, "/audit").await;
    assert_eq!(markers(&everything, "m-"), ["m-theirs", "m-mine"]);

    for role in [Role::Hr, Role::Panelist] {
        let (other, _) = app.login_as(role).await;
        assert_eq!(app.get(&other, "/audit").await.status(), 403, "{role}");
        let dashboard = app.get_html(&other, "/").await;
        assert!(!dashboard.contains("href=\"/audit\""), "no link for {role}");
    }
    let anonymous = app.get(&TestApp::client(), "/audit?actor=x").await;
    assert_eq!(anonymous.status(), 303);
    assert_eq!(
        anonymous.headers()["location"],
        "/login?next=%2Faudit%3Factor%3Dx"
    );
}

#[tokio::test]
async fn a_malformed_filter_is_a_form_error_not_a_server_error() {
    let app = TestApp::spawn().await;
    let (client, admin) = app.login_as(Role::Admin).await;
    let position = app.position("Backend engineer").await;
    let kari = app.candidate(position, "Kari Nordmann", "").await;
    event(&app, &admin, kari, "m-kari").await;
    let cases = [
        (
            "/audit?candidate=not-a-uuid",
            "The candidate filter is not a valid candidate id.",
        ),
        (
            "/audit?actor=12345",
            "The person filter is not a valid user id.",
        ),
        ("/audit?before=yesterday", "The page link is damaged."),
        ("/audit?before=1&after=2", "The page link is damaged."),
        (
            "/audit?after=99999999999999999999999",
            "The page link is damaged.",
        ),
    ];
    for (path, message) in cases {
        let response = app.get(&client, path).await;
        assert_eq!(response.status(), 400, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains(message), "{path}");
        assert!(
            markers(&html, "m-").is_empty(),
            "no events under a broken filter"
        );
    }
    for path in [
        "/audit?before=-9223372036854775808",
        "/audit?after=9223372036854775807",
        "/audit?candidate=",
    ] {
        assert_eq!(app.get(&client, path).await.status(), 200, "{path}");
    }
    let twice = app.get(&client, "/audit?actor=a&actor=b").await;
    assert!(twice.status().is_client_error(), "a repeated filter");
}

#[tokio::test]
async fn markup_in_audited_values_is_shown_as_text() {
    let app = TestApp::spawn().await;
    let (client, admin) = app.login_as(Role::Admin).await;
    let position = app.position("Backend engineer").await;
    let candidate = app.candidate(position, "<b>Kari</b>", "").await;
    event(&app, &admin, candidate, "<script>alert(1)</script>").await;
    let html = app.get_html(&client, "/audit").await;
    assert!(!html.contains("<script>alert("), "no stored script runs");
    assert!(!html.contains("<b>Kari</b>"));
    assert!(
        html.contains("<ins>&#60;script&#62;alert(1)&#60;/script&#62;</ins>"),
        "shown as text"
    );
    assert!(html.contains("&#60;b&#62;Kari&#60;/b&#62;</a>"));
}
