//! Privacy: the retention purge leaves no personal data of a purged candidate
//! in any table (the audit trail included) and changes nothing when run again;
//! the access-request export has everything and is for HR and admin only.

use secondround::auth::Role;
use serde_json::json;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::{Round, TEMPLATE_EN, put_rating};

/// Every distinctive string carries this, so one search finds any of them.
const MARK: &str = "ZQXPRIV";

fn mark(what: &str) -> String {
    format!("{MARK}-{what}")
}

/// A candidate with a distinctive string in every personal field, entered
/// where the app enters it: a rating saved through the walk-through's API (so
/// its audit event holds the note), the rest as the features store it.
async fn filled_case(app: &TestApp) -> Round {
    let round = Round::plan(app).await;
    let member = round.member(app).await;
    sqlx::query(
        "update candidate set name = $2, email = $3, phone = $4, source = $5,
             first_round_summary = $6, open_questions = $7 where id = $1",
    )
    .bind(round.candidate_id)
    .bind(mark("name"))
    .bind(format!("{}@example.no", mark("email").to_lowercase()))
    .bind(mark("phone"))
    .bind(mark("source"))
    .bind(mark("summary"))
    .bind(mark("openquestion"))
    .execute(&app.pool)
    .await
    .unwrap();
    // The open questions as a later round carries them over.
    let later: Uuid = sqlx::query_scalar(
        "insert into interview_round (candidate_id, round_number) values ($1, 3) returning id",
    )
    .bind(round.candidate_id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let mut conn = app.pool.acquire().await.unwrap();
    secondround::rounds::snapshot::take(&mut conn, later, TEMPLATE_EN, "Open questions")
        .await
        .unwrap();
    let saved = put_rating(
        app,
        &member.client,
        &round.rating_path(1),
        json!({ "score": 5, "evidence": mark("evidence"), "base_version": null, "save_id": Uuid::new_v4() }),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let statements = [
        "insert into recommendation (panel_member_id, verdict, justification)
         select pm.id, 'yes', $2 || '-justification' from panel_member pm where pm.round_id = $1",
        "insert into test_result (round_id, kind, summary) values ($1, 'cognitive', $2 || '-testsummary')",
        "with d as (
             insert into doubt (candidate_id, category, description, resolution_method, status,
                                fact_what, fact_source, fact_outcome, settled_at)
             select r.candidate_id, 'experience', $2 || '-doubt', 'gather_facts', 'resolved',
                    $2 || '-factwhat', $2 || '-factsource', $2 || '-factoutcome', now()
             from interview_round r where r.id = $1 returning id, description, fact_what, fact_source, fact_outcome)
         insert into audit_event (entity, entity_id, action, before, after)
         select 'doubt', id, 'resolved', jsonb_build_object('status', 'open', 'description', description),
                jsonb_build_object('description', description,
                'fact_what', fact_what, 'fact_source', fact_source, 'fact_outcome', fact_outcome, 'status', 'resolved')
         from d",
        "with rc as (
             insert into reference_check (candidate_id, referee_name, relationship, checked_on, summary,
                                          concerns, questions_answers, consent_given)
             select r.candidate_id, $2 || '-referee', $2 || '-relationship', current_date, $2 || '-refsummary',
                    $2 || '-concerns', $2 || '-qa', true
             from interview_round r where r.id = $1 returning *)
         insert into audit_event (entity, entity_id, action, after)
         select 'reference_check', id, 'recorded', jsonb_build_object('candidate_id', candidate_id,
                'referee_name', referee_name, 'relationship', relationship, 'summary', summary,
                'concerns', concerns, 'questions_answers', questions_answers)
         from rc",
        "with d as (
             insert into decision (candidate_id, outcome, rationale, decided_by)
             select r.candidate_id, 'no_hire', $2 || '-rationale', r.created_by
             from interview_round r where r.id = $1 returning *)
         insert into audit_event (entity, entity_id, action, after)
         select 'decision', id, 'recorded', jsonb_build_object('candidate_id', candidate_id,
                'outcome', outcome, 'rationale', rationale) from d",
        // The no hire reopened, with its reason on the decision and in the trail.
        "with d as (
             update decision set reopened_at = now(), reopened_by = decided_by,
                    reopen_reason = $2 || '-reopenreason'
             where candidate_id = (select candidate_id from interview_round where id = $1) returning *)
         insert into audit_event (entity, entity_id, action, after)
         select 'decision', id, 'reopened', jsonb_build_object('candidate_id', candidate_id,
                'outcome', outcome, 'reopen_reason', reopen_reason) from d",
    ];
    for statement in statements {
        sqlx::query(statement)
            .bind(round.id)
            .bind(MARK)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    round
}

/// Closes the candidate's position `months` months ago.
async fn close_position(app: &TestApp, round: &Round, months: i32) {
    sqlx::query(
        "update position set status = 'closed', closed_at = now() - make_interval(months => $2) where id = $1",
    )
    .bind(round.position_id)
    .bind(months)
    .execute(&app.pool)
    .await
    .unwrap();
}

/// Every text, varchar and jsonb column of every table, as `table.column`,
/// where `needle` occurs.
async fn places_holding(app: &TestApp, needle: &str) -> Vec<String> {
    let columns: Vec<(String, String)> = sqlx::query_as(
        "select table_name::text, column_name::text from information_schema.columns
         where table_schema = 'public'
           and data_type in ('text', 'character varying', 'jsonb', 'json')
           and table_name in (select table_name from information_schema.tables
                              where table_schema = 'public' and table_type = 'BASE TABLE')",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(columns.len() > 40, "the search covers the whole schema");
    let mut found = Vec::new();
    for (table, column) in columns {
        let sql = format!(
            r#"select count(*) from "{table}" where "{column}"::text ilike '%' || $1 || '%'"#
        );
        let hits: i64 = sqlx::query_scalar(&sql)
            .bind(needle)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        if hits > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

/// Everything the purge could change, as one text.
async fn snapshot(app: &TestApp) -> String {
    let tables = [
        "candidate",
        "rating",
        "recommendation",
        "test_result",
        "round_question",
        "doubt",
        "reference_check",
        "decision",
        "audit_event",
    ];
    let mut all = String::new();
    for table in tables {
        let sql = format!(
            "select coalesce(string_agg(t::text, '|' order by t::text), '') from {table} t"
        );
        let rows: String = sqlx::query_scalar(&sql).fetch_one(&app.pool).await.unwrap();
        all.push_str(&rows);
    }
    all
}

#[tokio::test]
async fn after_the_purge_no_personal_data_of_the_candidate_remains_anywhere() {
    let app = TestApp::spawn().await;
    let round = filled_case(&app).await;
    let before = places_holding(&app, MARK).await;
    for place in [
        "candidate.name",
        "candidate.phone",
        "candidate.first_round_summary",
        "round_question.text",
        "rating.evidence",
        "recommendation.justification",
        "test_result.summary",
        "doubt.description",
        "doubt.fact_source",
        "reference_check.referee_name",
        "reference_check.questions_answers",
        "decision.rationale",
        "decision.reopen_reason",
        "audit_event.before",
        "audit_event.after",
    ] {
        assert!(
            before.contains(&place.to_owned()),
            "{place} holds the mark before: {before:?}"
        );
    }
    close_position(&app, &round, 13).await;
    let purged = secondround::privacy::purge::run(&app.pool).await.unwrap();
    assert_eq!(purged, 1);
    assert_eq!(places_holding(&app, MARK).await, Vec::<String>::new());

    let (name, purged_at): (String, Option<chrono::DateTime<chrono::Utc>>) =
        sqlx::query_as("select name, purged_at from candidate where id = $1")
            .bind(round.candidate_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(name, "[slettet]");
    assert!(purged_at.is_some());
    let (score, evidence): (Option<i16>, String) =
        sqlx::query_as("select score, evidence from rating where evidence <> ''")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (score, evidence.as_str()),
        (Some(5), "[slettet]"),
        "scores stay, the note is gone"
    );
    let events: Vec<(String, Option<serde_json::Value>)> = sqlx::query_as(
        "select action, after from audit_event where entity = 'candidate' and entity_id = $1 and action = 'purged'",
    )
    .bind(round.candidate_id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(events.len(), 1, "one audit event per purged candidate");
    let outcome: String =
        sqlx::query_scalar("select outcome from decision where candidate_id = $1")
            .bind(round.candidate_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(outcome, "no_hire", "decisions stay for statistics");
}

#[tokio::test]
async fn a_second_purge_changes_nothing_and_recent_positions_are_kept() {
    let app = TestApp::spawn().await;
    let round = filled_case(&app).await;
    let recent = Round::plan(&app).await;
    sqlx::query("update candidate set phone = 'KEEP-THIS-PHONE' where id = $1")
        .bind(recent.candidate_id)
        .execute(&app.pool)
        .await
        .unwrap();
    close_position(&app, &round, 13).await;
    close_position(&app, &recent, 11).await;
    assert_eq!(
        secondround::privacy::purge::run(&app.pool).await.unwrap(),
        1
    );
    let after_first = snapshot(&app).await;
    assert_eq!(
        secondround::privacy::purge::run(&app.pool).await.unwrap(),
        0
    );
    assert_eq!(
        snapshot(&app).await,
        after_first,
        "the second purge changed nothing"
    );
    assert_eq!(
        places_holding(&app, "KEEP-THIS-PHONE").await,
        vec!["candidate.phone".to_owned()]
    );

    // A shorter retention brings the other candidate's turn.
    secondround::privacy::set_retention_months(&app.pool, 6)
        .await
        .unwrap();
    assert_eq!(
        secondround::privacy::purge::run(&app.pool).await.unwrap(),
        1
    );
    assert!(places_holding(&app, "KEEP-THIS-PHONE").await.is_empty());
}

#[tokio::test]
async fn the_purge_command_anonymises_and_reports() {
    let app = TestApp::spawn().await;
    let round = filled_case(&app).await;
    close_position(&app, &round, 24).await;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_secondround"))
        .arg("purge")
        .env("DATABASE_URL", app.db.url())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "purged 1 candidate(s)"
    );
    assert!(places_holding(&app, MARK).await.is_empty());
}

#[tokio::test]
async fn closing_a_position_starts_the_retention_clock() {
    let app = TestApp::spawn().await;
    let (client, manager) = app.login_as(Role::Manager).await;
    let position = app.position_for(&manager, "Tester").await;
    let response = app
        .post_form(&client, &format!("/positions/{position}/close"), &[])
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let closed: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("select closed_at from position where id = $1")
            .bind(position)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(closed.is_some());
}

#[tokio::test]
async fn the_retention_setting_is_validated_and_kept() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let page = app.get_html(&admin, "/admin/retention").await;
    assert!(page.contains(r#"value="12""#), "twelve months by default");
    let refused = app
        .post_form(&admin, "/admin/retention", &[("months", "0")])
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Use a whole number of months from 1 to 120."));
    assert!(html.contains(r#"value="0""#), "the input is kept");
    let saved = app
        .post_form(&admin, "/admin/retention", &[("months", "24")])
        .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(
        secondround::privacy::retention_months(&app.pool)
            .await
            .unwrap(),
        24
    );
    let (hr, _) = app.login_as(Role::Hr).await;
    assert_eq!(app.get(&hr, "/admin/retention").await.status(), 403);
}

#[tokio::test]
async fn the_export_holds_everything_about_the_candidate_and_is_refused_to_a_manager() {
    let app = TestApp::spawn().await;
    let round = filled_case(&app).await;
    let path = format!("/candidates/{}/export.json", round.candidate_id);
    let (hr, hr_user) = app.login_as(Role::Hr).await;
    let response = app.get(&hr, &path).await;
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let document: serde_json::Value = response.json().await.unwrap();
    let text = document.to_string();
    for what in [
        "name",
        "phone",
        "source",
        "summary",
        "openquestion",
        "evidence",
        "-justification",
        "-testsummary",
        "-doubt",
        "-factwhat",
        "-referee",
        "-qa",
        "-concerns",
        "-rationale",
    ] {
        let needle = if what.starts_with('-') {
            format!("{MARK}{what}")
        } else {
            mark(what)
        };
        assert!(text.contains(&needle), "the export holds {needle}");
    }
    assert_eq!(document["candidate"]["id"], json!(round.candidate_id));
    let history: Vec<&str> = document["status_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| change["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["shortlisted", "in_second_round"]);
    assert_eq!(document["rounds"].as_array().unwrap().len(), 2);
    let exports: Vec<(Option<Uuid>,)> = sqlx::query_as(
        "select actor_id from audit_event
         where entity = 'candidate' and entity_id = $1 and action = 'data_exported'",
    )
    .bind(round.candidate_id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        exports,
        vec![(Some(hr_user.id),)],
        "the export is audited as HR's"
    );

    let manager = TestApp::client();
    app.login(&manager, &round.manager.email, &round.manager.password)
        .await;
    assert_eq!(app.get(&manager, &path).await.status(), 403);
    let (admin, _) = app.login_as(Role::Admin).await;
    assert_eq!(app.get(&admin, &path).await.status(), 200);
}

/// Holds `job` as another instance doing it would, until the returned sender is
/// dropped; returns once the lock is held.
async fn held_elsewhere(
    app: &TestApp,
    job: secondround::db::Job,
) -> (
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let (holding_tx, holding) = tokio::sync::oneshot::channel();
    let (release, released) = tokio::sync::oneshot::channel::<()>();
    let pool = app.pool.clone();
    let other = tokio::spawn(async move {
        let ran = secondround::db::once(&pool, job, || async move {
            holding_tx.send(()).ok();
            released.await.ok();
            Ok(())
        })
        .await
        .unwrap();
        assert_eq!(ran, Some(()), "the other instance got the job");
    });
    holding.await.expect("the other instance took the job");
    (release, other)
}

#[tokio::test]
async fn a_purge_runs_once_across_instances() {
    let app = TestApp::spawn().await;
    let round = filled_case(&app).await;
    close_position(&app, &round, 13).await;
    let purged_events =
        "select count(*) from audit_event where entity = 'candidate' and action = 'purged'";

    // While another instance purges, this one leaves it be.
    let (release, other) = held_elsewhere(&app, secondround::db::Job::Purge).await;
    assert_eq!(
        secondround::privacy::purge::run_once(&app.pool)
            .await
            .unwrap(),
        None
    );
    let events: i64 = sqlx::query_scalar(purged_events)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        events, 0,
        "nothing purged while the other instance holds the job"
    );
    drop(release);
    other.await.unwrap();

    // Two instances ticking at once: one audit event, one purge.
    let (a, b) = tokio::join!(
        secondround::privacy::purge::run_once(&app.pool),
        secondround::privacy::purge::run_once(&app.pool)
    );
    let total: u64 = [a.unwrap(), b.unwrap()].into_iter().flatten().sum();
    assert_eq!(total, 1);
    let events: i64 = sqlx::query_scalar(purged_events)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(events, 1, "one audit event for the one purge");
}
