//! A final decision stays final: after a hire or a no hire the candidate takes
//! no other decision, no new round and no status by hand until the position's
//! hiring manager (or an admin) reopens it with a reason, which is audited.
//! *Another round* and *on hold* are not final.

use std::time::{Duration, Instant};

use secondround::auth::Role;
use uuid::Uuid;

use crate::decision::{Case, stored};
use crate::support::TestApp;
use crate::support::walk::TEMPLATE_EN;

/// Waits until `n` other backends of this test's database wait on a lock: the
/// requests are then queued behind the lock, whatever the machine's speed.
pub async fn until_waiting_on_locks(app: &TestApp, n: i64) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let waiting: i64 = sqlx::query_scalar(
            "select count(*) from pg_stat_activity
             where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
        )
        .fetch_one(&app.pool)
        .await
        .unwrap();
        if waiting >= n {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{waiting} of {n} requests waiting on a lock"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn decide_fresh(
    app: &TestApp,
    case: &Case,
    client: &reqwest::Client,
    outcome: &str,
) -> reqwest::Response {
    let form_id = Uuid::new_v4().to_string();
    case.decide(app, client, outcome, &[("form_id", form_id.as_str())])
        .await
}

fn reopen_path(case: &Case) -> String {
    format!("/candidates/{}/decision/reopen", case.round.candidate_id)
}

async fn reopen(
    app: &TestApp,
    case: &Case,
    client: &reqwest::Client,
    reason: &str,
) -> reqwest::Response {
    app.post_form(client, &reopen_path(case), &[("reason", reason)])
        .await
}

/// A planning post made by hand, as the manager's own form would send it.
async fn plan(app: &TestApp, case: &Case) -> reqwest::Response {
    let candidate = case.round.candidate_id.to_string();
    let template = TEMPLATE_EN.to_string();
    let seat = format!("panel_{}", case.manager.user.id);
    let plan_id = Uuid::new_v4().to_string();
    app.post_form(
        &case.manager.client,
        &format!("/positions/{}/rounds/new", case.round.position_id),
        &[
            ("candidate_id", candidate.as_str()),
            ("date", "2026-07-01"),
            ("time", "10:30"),
            ("time_zone", "Europe/Oslo"),
            ("duration_minutes", "90"),
            ("template_id", template.as_str()),
            (seat.as_str(), "hiring_manager"),
            ("plan_id", plan_id.as_str()),
        ],
    )
    .await
}

async fn rounds(app: &TestApp, case: &Case) -> i64 {
    app.count(
        "select count(*) from interview_round where candidate_id = $1",
        case.round.candidate_id,
    )
    .await
}

#[tokio::test]
async fn after_a_hire_or_a_no_hire_no_other_decision_is_stored() {
    let app = TestApp::spawn().await;
    let table = [
        ("hire", "hire", "hired"),
        ("hire", "no_hire", "hired"),
        ("hire", "another_round", "hired"),
        ("hire", "on_hold", "hired"),
        ("no_hire", "hire", "rejected"),
        ("no_hire", "no_hire", "rejected"),
    ];
    for (first, then, status) in table {
        let case = Case::new(&app).await;
        let client = &case.manager.client;
        assert_eq!(decide_fresh(&app, &case, client, first).await.status(), 303);
        let second = decide_fresh(&app, &case, client, then).await;
        assert_eq!(second.status(), 409, "{then} after {first}");
        let html = second.text().await.unwrap();
        let label = if first == "hire" { "Hire" } else { "No hire" };
        assert!(
            html.contains(&format!("The decision already stands: {label} by ")),
            "{then} after {first}: the refusal names the decision"
        );
        assert_eq!(
            stored(&app, case.round.candidate_id).await,
            (1, status.to_owned()),
            "{then} after {first}: nothing stored, the status kept"
        );
    }
}

#[tokio::test]
async fn another_round_and_on_hold_are_not_final() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    let client = &case.manager.client;
    for outcome in ["on_hold", "another_round", "hire"] {
        assert_eq!(
            decide_fresh(&app, &case, client, outcome).await.status(),
            303,
            "{outcome}"
        );
    }
    assert_eq!(
        stored(&app, case.round.candidate_id).await,
        (3, "hired".into())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hires_posted_at_once_store_exactly_one() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    // Hold the candidate, so both posts are inside their transactions, queued
    // on its lock, before either decides.
    let mut holder = app.pool.begin().await.unwrap();
    sqlx::query("select id from candidate where id = $1 for update")
        .bind(case.round.candidate_id)
        .execute(&mut *holder)
        .await
        .unwrap();
    let token = app.csrf_token(&case.manager.client).await;
    let posts: Vec<_> = (0..2)
        .map(|_| {
            let form_id = Uuid::new_v4().to_string();
            let request = case
                .manager
                .client
                .post(app.url(&case.decision_path()))
                .form(&[
                    ("decision", "hire"),
                    ("rationale", "All clear."),
                    ("form_id", form_id.as_str()),
                    ("csrf_token", token.as_str()),
                ])
                .send();
            tokio::spawn(request)
        })
        .collect();
    until_waiting_on_locks(&app, 2).await;
    holder.rollback().await.unwrap();
    let mut statuses = Vec::new();
    for post in posts {
        statuses.push(post.await.unwrap().unwrap().status().as_u16());
    }
    statuses.sort();
    assert_eq!(statuses, [303, 409], "one hire stored, the other refused");
    assert_eq!(
        stored(&app, case.round.candidate_id).await,
        (1, "hired".into())
    );
}

#[tokio::test]
async fn a_hand_made_planning_post_for_a_decided_candidate_is_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    let before = rounds(&app, &case).await;
    let client = &case.manager.client;
    assert_eq!(
        decide_fresh(&app, &case, client, "hire").await.status(),
        303
    );
    let refused = plan(&app, &case).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("has a final decision (status: Hired), so no new round can be planned."),
        "the reason is named"
    );
    assert_eq!(rounds(&app, &case).await, before, "no round planned");
    // Reopened, the same post plans the round.
    assert_eq!(
        reopen(&app, &case, client, "The offer was declined.")
            .await
            .status(),
        303
    );
    assert_eq!(plan(&app, &case).await.status(), 303);
    assert_eq!(rounds(&app, &case).await, before + 1);
}

#[tokio::test]
async fn reopening_needs_a_reason_is_audited_and_allows_a_new_decision() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    let candidate = case.round.candidate_id;
    let client = &case.manager.client;
    let nothing = reopen(&app, &case, client, "Too early.").await;
    assert_eq!(nothing.status(), 409, "nothing to reopen before a decision");
    assert!(
        nothing
            .text()
            .await
            .unwrap()
            .contains("there is nothing to reopen")
    );
    assert_eq!(
        decide_fresh(&app, &case, client, "hire").await.status(),
        303
    );
    let blank = reopen(&app, &case, client, "   ").await;
    assert_eq!(blank.status(), 422);
    assert!(
        blank
            .text()
            .await
            .unwrap()
            .contains(r#"id="reopen-reason-error">This field is required."#)
    );
    let long = "x".repeat(1001);
    let too_long = reopen(&app, &case, client, &long).await;
    assert_eq!(too_long.status(), 422);
    assert!(
        too_long
            .text()
            .await
            .unwrap()
            .contains("Use at most 1,000 characters.")
    );
    let no_token = client
        .post(app.url(&reopen_path(&case)))
        .form(&[("reason", "No token.")])
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), 403, "cross-site protection");
    let (hr, _) = app.login_as(Role::Hr).await;
    let (other_manager, _) = app.login_as(Role::Manager).await;
    for (who, outsider) in [
        ("HR", &hr),
        ("another manager", &other_manager),
        ("a panel member", &case.member.client),
    ] {
        let refused = reopen(&app, &case, outsider, "Not mine to reopen.").await;
        assert_eq!(refused.status(), 403, "{who}");
    }
    assert_eq!(stored(&app, candidate).await, (1, "hired".into()));
    let reason = "The candidate declined the offer.";
    let reopened = reopen(&app, &case, client, reason).await;
    assert_eq!(reopened.status(), 303);
    assert_eq!(
        reopened.headers()["location"],
        format!("/candidates/{candidate}#decision").as_str()
    );
    assert_eq!(stored(&app, candidate).await, (1, "in_second_round".into()));
    let (stored_reason, by): (String, Uuid) =
        sqlx::query_as("select reopen_reason, reopened_by from decision where candidate_id = $1")
            .bind(candidate)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((stored_reason.as_str(), by), (reason, case.manager.user.id));
    let audited: Vec<(String, serde_json::Value)> = sqlx::query_as(
        "select action, after from audit_event where entity = 'decision' and candidate_id = $1 order by id",
    )
    .bind(candidate)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let (action, after) = audited.last().unwrap();
    assert_eq!(action, "reopened");
    assert_eq!(after["reopen_reason"], reason);
    assert_eq!(after["outcome"], "hire");
    let page = app
        .get_html(client, &format!("/candidates/{candidate}"))
        .await;
    assert!(page.contains("Reopened by ") && page.contains(reason));
    assert!(page.contains(&format!(r#"action="/candidates/{candidate}/decision""#)));
    // Decided again, by an admin this time, and reopened by the admin.
    assert_eq!(
        decide_fresh(&app, &case, client, "no_hire").await.status(),
        303
    );
    assert_eq!(stored(&app, candidate).await, (2, "rejected".into()));
    let (admin, _) = app.login_as(Role::Admin).await;
    assert_eq!(
        reopen(
            &app,
            &case,
            &admin,
            "Rejected by mistake: the wrong candidate."
        )
        .await
        .status(),
        303
    );
    assert_eq!(stored(&app, candidate).await.1, "in_second_round");
}

#[tokio::test]
async fn the_candidate_page_says_who_decided_and_shows_no_blockers_beside_a_hire() {
    let app = TestApp::spawn().await;
    let case = Case::new(&app).await;
    let candidate = case.round.candidate_id;
    let path = format!("/candidates/{candidate}");
    let decision_form = format!(r#"action="/candidates/{candidate}/decision""#);
    let reopen_form = format!(r#"action="/candidates/{candidate}/decision/reopen""#);
    let plan_link = format!("/rounds/new?candidate={candidate}");
    let status_form = format!(r#"action="/candidates/{candidate}/status""#);
    let client = &case.manager.client;
    assert_eq!(
        decide_fresh(&app, &case, client, "hire").await.status(),
        303
    );
    // A doubt raised after the hire would block a hire that was not yet made.
    case.doubt(&app, "open").await;
    let name: String = sqlx::query_scalar("select display_name from app_user where id = $1")
        .bind(case.manager.user.id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let page = app.get_html(client, &path).await;
    assert!(page.contains(r#"data-decided="hire""#));
    assert!(page.contains(&format!("data-standing>Hire by {name}, ")));
    assert!(page.contains("A hire or a no hire is final"));
    assert!(page.contains(&reopen_form), "the manager may reopen");
    for absent in ["Hire is blocked", &decision_form, &plan_link, &status_form] {
        assert!(!page.contains(absent), "no {absent:?} beside a hire");
    }
    let (hr, _) = app.login_as(Role::Hr).await;
    let hr_page = app.get_html(&hr, &path).await;
    assert!(hr_page.contains(&format!("data-standing>Hire by {name}, ")));
    assert!(
        hr_page
            .contains("Only the position&#39;s hiring manager or an administrator can reopen it.")
    );
    assert!(!hr_page.contains(&reopen_form));
    let by_hand = app
        .post_form(&hr, &format!("{path}/status"), &[("status", "withdrawn")])
        .await;
    assert_eq!(by_hand.status(), 409, "the status follows the decision");
    assert_eq!(stored(&app, candidate).await, (1, "hired".into()));
    // The same page without the decision: the blocker, the form and the link are there.
    let reason = "The offer was declined.";
    assert_eq!(reopen(&app, &case, client, reason).await.status(), 303);
    let open = app.get_html(client, &path).await;
    for present in ["Hire is blocked", &decision_form, &plan_link, &status_form] {
        assert!(open.contains(present), "{present:?} once reopened");
    }
    assert!(!open.contains("data-decided="));
}
