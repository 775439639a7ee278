//! Planning rounds: the panel, the time zone, the snapshot, extra interviews,
//! manual criterion links and the calendar invitation.

use secondround::auth::Role;
use uuid::Uuid;

use crate::support::prep::{TEMPLATE_EN, TEMPLATE_EN_CASE_SECTION};
use crate::support::{TestApp, TestUser};

struct Setup {
    client: reqwest::Client,
    manager: TestUser,
    expert: TestUser,
    position: Uuid,
    candidate: Uuid,
}

async fn setup(app: &TestApp) -> Setup {
    let (client, manager) = app.login_as(Role::Manager).await;
    let expert = app.create_user(Role::Panelist).await;
    let position = app.position_for(&manager, "Backend engineer").await;
    // Matches hints of the English default template.
    app.criterion(position, "Problem solving").await;
    let candidate = app
        .candidate(position, "Kari Nordmann", "kari@example.no")
        .await;
    Setup {
        client,
        manager,
        expert,
        position,
        candidate,
    }
}

async fn plan(app: &TestApp, s: &Setup, extra: &[(&str, &str)]) -> reqwest::Response {
    let candidate = s.candidate.to_string();
    let manager = format!("panel_{}", s.manager.id);
    let expert = format!("panel_{}", s.expert.id);
    let template = TEMPLATE_EN.to_string();
    let mut fields = vec![
        ("candidate_id", candidate.as_str()),
        ("date", "2026-07-01"),
        ("time", "10:30"),
        ("time_zone", "Europe/Oslo"),
        ("duration_minutes", "90"),
        ("location", "Room 4; 2nd floor, Oslo"),
        ("template_id", template.as_str()),
        (manager.as_str(), "hiring_manager"),
        (expert.as_str(), "subject_matter_expert"),
    ];
    for (name, value) in extra {
        fields.retain(|(field, _)| field != name);
        fields.push((name, value));
    }
    app.post_form(
        &s.client,
        &format!("/positions/{}/rounds/new", s.position),
        &fields,
    )
    .await
}

fn round_id(response: &reqwest::Response) -> Uuid {
    let location = response.headers()["location"].to_str().unwrap();
    Uuid::parse_str(location.trim_start_matches("/rounds/")).unwrap()
}

#[tokio::test]
async fn a_planned_round_stores_utc_time_panel_and_snapshot() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let response = plan(&app, &s, &[]).await;
    assert_eq!(response.status(), 303);
    let round = round_id(&response);
    let (at, zone, number): (chrono::DateTime<chrono::Utc>, String, i32) = sqlx::query_as(
        "select scheduled_at, time_zone, round_number from interview_round where id = $1",
    )
    .bind(round)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        at.to_rfc3339(),
        "2026-07-01T08:30:00+00:00",
        "10:30 in Oslo in summer"
    );
    assert_eq!((zone.as_str(), number), ("Europe/Oslo", 2));
    assert_eq!(
        app.count(
            "select count(*) from panel_member where round_id = $1",
            round
        )
        .await,
        2
    );
    let carried = app
        .count(
            "select count(*) from round_question where round_id = $1 and carried_over
               and section_order = 1 and question_order = 2",
            round,
        )
        .await;
    assert_eq!(
        carried, 1,
        "the candidate's open question follows the opening one"
    );
    let linked = app
        .count(
            "select count(*) from round_question where round_id = $1 and criterion_id is not null",
            round,
        )
        .await;
    assert!(linked > 0, "questions matched to the criterion by name");
    let status: String = sqlx::query_scalar("select status from candidate where id = $1")
        .bind(s.candidate)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(status, "in_second_round");
    let html = app.get_html(&s.client, &format!("/rounds/{round}")).await;
    assert!(html.contains("01.07.2026 10:30") && html.contains("Why this job?"));
    assert!(!html.contains("no subject-matter expert"));
}

#[tokio::test]
async fn the_snapshot_survives_a_template_edit() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let round = round_id(&plan(&app, &s, &[]).await);
    let before: Vec<String> =
        sqlx::query_scalar("select text from round_question where round_id = $1 order by section_order, question_order")
            .bind(round)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    sqlx::query("update template_question set text = 'EDITED' where section_id = $1")
        .bind(Uuid::parse_str(TEMPLATE_EN_CASE_SECTION).unwrap())
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("delete from template_section where template_id = $1 and sort_order = 6")
        .bind(TEMPLATE_EN)
        .execute(&app.pool)
        .await
        .unwrap();
    let after: Vec<String> =
        sqlx::query_scalar("select text from round_question where round_id = $1 order by section_order, question_order")
            .bind(round)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(before, after);
    let html = app.get_html(&s.client, &format!("/rounds/{round}")).await;
    assert!(!html.contains("EDITED"));
}

#[tokio::test]
async fn a_panel_without_an_expert_is_warned_about() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let expert = format!("panel_{}", s.expert.id);
    let response = plan(&app, &s, &[(expert.as_str(), "other")]).await;
    assert_eq!(response.status(), 303);
    let html = app
        .get_html(&s.client, &format!("/rounds/{}", round_id(&response)))
        .await;
    assert!(html.contains("The panel has no subject-matter expert."));
}

#[tokio::test]
async fn every_planning_rule_is_checked_and_the_input_kept() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let manager = format!("panel_{}", s.manager.id);
    let expert = format!("panel_{}", s.expert.id);
    /// What is posted, the field the error is shown beside, and the error.
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![("date", "2026-02-30")],
            "date",
            "Enter a date as YYYY-MM-DD.",
        ),
        (vec![("time", "25:00")], "time", "Enter a time as HH:MM."),
        (
            vec![("date", "2026-03-29"), ("time", "02:30")],
            "time",
            "This time does not exist",
        ),
        (
            vec![("time_zone", "Mars/Base")],
            "time_zone",
            "Choose a time zone from the list.",
        ),
        (
            vec![("duration_minutes", "5")],
            "duration_minutes",
            "Enter a duration from 15 to 600 minutes.",
        ),
        (
            vec![("template_id", "nope")],
            "template_id",
            "Choose an interview guide.",
        ),
        (
            vec![("candidate_id", "00000000-0000-0000-0000-000000000000")],
            "candidate_id",
            "Choose a candidate of this position.",
        ),
        (
            vec![(manager.as_str(), ""), (expert.as_str(), "")],
            "panel",
            "Put at least one person on the panel.",
        ),
        (
            vec![(expert.as_str(), "boss")],
            "panel",
            "Someone on the panel is no longer an active user.",
        ),
    ];
    for (extra, field, message) in cases {
        let response = plan(&app, &s, &extra).await;
        assert_eq!(response.status(), 422, "{message}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains(&format!(r#"id="{field}-error">{message}"#)),
            "{message} beside {field}"
        );
        assert!(
            html.contains("Room 4; 2nd floor, Oslo"),
            "input kept for {message}"
        );
    }
    let other = app.position("Other").await;
    let foreign = app.candidate(other, "Foreign", "").await.to_string();
    let response = plan(&app, &s, &[("candidate_id", foreign.as_str())]).await;
    assert_eq!(response.status(), 422, "a candidate of another position");
    assert_eq!(
        app.count(
            "select count(*) from interview_round where candidate_id = $1",
            s.candidate
        )
        .await,
        0
    );
}

#[tokio::test]
async fn an_id_posted_as_something_it_is_not_is_a_form_error_not_a_crash() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let candidate = s.candidate.to_string();
    let manager = s.manager.id.to_string();
    let candidate_on_panel = format!("panel_{candidate}");
    let template = TEMPLATE_EN.to_string();
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![(candidate_on_panel.as_str(), "hr")],
            "Someone on the panel is no longer an active user.",
        ),
        (
            vec![("candidate_id", template.as_str())],
            "Choose a candidate of this position.",
        ),
        (
            vec![("template_id", manager.as_str())],
            "Choose an interview guide.",
        ),
        (vec![("date", "-5000-12-01")], "Enter a date as YYYY-MM-DD."),
        (vec![("date", "20260-07-01")], "Enter a date as YYYY-MM-DD."),
    ];
    for (extra, message) in cases {
        let response = plan(&app, &s, &extra).await;
        assert_eq!(response.status(), 422, "{message}");
        let html = response.text().await.unwrap();
        assert!(html.contains(message), "{message}");
        assert!(html.contains("Room 4; 2nd floor, Oslo"), "input kept");
    }
    assert_eq!(
        app.count(
            "select count(*) from interview_round where candidate_id = $1",
            s.candidate
        )
        .await,
        0
    );
}

#[tokio::test]
async fn an_extra_interview_is_the_next_round() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    plan(&app, &s, &[]).await;
    let third = plan(&app, &s, &[("date", "2026-08-01")]).await;
    assert_eq!(third.status(), 303);
    let number: i32 = sqlx::query_scalar("select round_number from interview_round where id = $1")
        .bind(round_id(&third))
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(number, 3);
    let html = app
        .get_html(&s.client, &format!("/candidates/{}", s.candidate))
        .await;
    assert!(html.contains("Round 3 · extra interview"));
}

#[tokio::test]
async fn unmatched_questions_can_be_linked_by_hand() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let criterion = app.criterion(s.position, "Curiosity").await;
    let round = round_id(&plan(&app, &s, &[]).await);
    let question: Uuid = sqlx::query_scalar(
        "select id from round_question where round_id = $1 and criterion_id is null and rated
         order by section_order, question_order limit 1",
    )
    .bind(round)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let html = app.get_html(&s.client, &format!("/rounds/{round}")).await;
    assert!(html.contains("Not linked to a criterion"));
    let path = format!("/rounds/{round}/questions/{question}/criterion");
    let foreign = app
        .criterion(app.position("Other").await, "Foreign")
        .await
        .to_string();
    let linked_to = || async {
        sqlx::query_scalar::<_, Option<Uuid>>(
            "select criterion_id from round_question where id = $1",
        )
        .bind(question)
        .fetch_one(&app.pool)
        .await
        .unwrap()
    };
    let refused = app
        .post_form(&s.client, &path, &[("criterion_id", foreign.as_str())])
        .await;
    assert_eq!(refused.status(), 303);
    assert_eq!(
        linked_to().await,
        None,
        "another position's criterion is not linked"
    );
    let told = app.get_html(&s.client, &format!("/rounds/{round}")).await;
    assert!(
        told.contains("Choose one of the position&#39;s criteria."),
        "{told}"
    );
    let linked = app
        .post_form(
            &s.client,
            &path,
            &[("criterion_id", criterion.to_string().as_str())],
        )
        .await;
    assert_eq!(linked.status(), 303);
    let stored: Option<Uuid> =
        sqlx::query_scalar("select criterion_id from round_question where id = $1")
            .bind(question)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored, Some(criterion));
}

#[tokio::test]
async fn the_invitation_is_a_valid_icalendar_event_in_utc() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let round = round_id(&plan(&app, &s, &[]).await);
    let response = app
        .get(&s.client, &format!("/rounds/{round}/invite.ics"))
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = response.text().await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(ics.contains("BEGIN:VEVENT\r\n"));
    assert!(ics.contains("DTSTART:20260701T083000Z\r\n"));
    assert!(ics.contains("DTEND:20260701T100000Z\r\n"));
    assert!(ics.contains("LOCATION:Room 4\\; 2nd floor\\, Oslo\r\n"));
    assert!(ics.contains(&format!("UID:round-{round}@secondround\r\n")));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "CRLF line endings only"
    );
    assert!(ics.split("\r\n").all(|line| line.len() <= 75));
    let panel_client = TestApp::client();
    app.login(&panel_client, &s.expert.email, &s.expert.password)
        .await;
    assert_eq!(
        app.get(&panel_client, &format!("/rounds/{round}/invite.ics"))
            .await
            .status(),
        200
    );
    assert_eq!(
        app.get(&panel_client, &format!("/rounds/{round}"))
            .await
            .status(),
        403
    );
    let dashboard = app.get_html(&panel_client, "/").await;
    assert!(
        dashboard.contains(&format!("/rounds/{round}/invite.ics")),
        "the panel member's dashboard offers the invitation"
    );
    assert!(
        dashboard.contains("01.07.2026 10:30"),
        "the interview's time, in the round's own time zone"
    );
    let (stranger, _) = app.login_as(Role::Panelist).await;
    assert_eq!(
        app.get(&stranger, &format!("/rounds/{round}/invite.ics"))
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn a_manager_cannot_plan_or_open_rounds_of_another_managers_position() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let round = round_id(&plan(&app, &s, &[]).await);
    let (other, _) = app.login_as(Role::Manager).await;
    assert_eq!(
        app.get(&other, &format!("/rounds/{round}")).await.status(),
        403
    );
    assert_eq!(
        app.get(&other, &format!("/positions/{}/rounds/new", s.position))
            .await
            .status(),
        403
    );
}

/// The candidate's open questions join the guide's opening section right after
/// its first question ("start here"), in the guide's language, not a section of their own.
#[tokio::test]
async fn the_open_questions_join_the_opening_section_after_its_first_question() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let nb = &secondround::guides::DEFAULT_NB.to_string();
    let round = round_id(&plan(&app, &s, &[("template_id", nb)]).await);
    let opening: Vec<(String, bool, String)> = sqlx::query_as(
        "select text, carried_over, section_title from round_question
         where round_id = $1 order by section_order, question_order limit 3",
    )
    .bind(round)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let sections: i64 = app
        .count(
            "select count(distinct section_order) from round_question where round_id = $1",
            round,
        )
        .await;
    assert_eq!(
        sections, 6,
        "the default guide's six sections, and no seventh"
    );
    assert!(
        opening[0].0.starts_with("Hvilke spørsmål om stillingen") && !opening[0].1,
        "the guide's first question stays first: {opening:?}"
    );
    assert_eq!(
        (opening[1].0.as_str(), opening[1].1),
        ("Why this job?", true),
        "then the candidate's open question, marked as carried over"
    );
    assert!(
        !opening[2].1,
        "then the guide's second question: {opening:?}"
    );
    for (_, _, title) in &opening {
        assert_eq!(title, "Åpne spørsmål siden førstegangsintervjuet");
    }
}

#[tokio::test]
async fn a_planning_form_posted_twice_plans_one_round() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let form_page = app
        .get_html(&s.client, &format!("/positions/{}/rounds/new", s.position))
        .await;
    let marker = r#"name="plan_id" value=""#;
    let start = form_page.find(marker).expect("the form carries a plan id") + marker.len();
    let plan_id = form_page[start..start + 36].to_owned();

    let first = plan(&app, &s, &[("plan_id", plan_id.as_str())]).await;
    let again = plan(&app, &s, &[("plan_id", plan_id.as_str())]).await;
    assert_eq!(first.status(), 303);
    assert_eq!(again.status(), 303);
    assert_eq!(
        round_id(&first),
        round_id(&again),
        "the repeat lands on the same round"
    );
    let rounds = app
        .count(
            "select count(*) from interview_round where candidate_id = $1",
            s.candidate,
        )
        .await;
    assert_eq!(rounds, 1);

    let fresh = plan(&app, &s, &[("plan_id", &Uuid::new_v4().to_string())]).await;
    assert_ne!(
        round_id(&fresh),
        round_id(&first),
        "a new form plans an extra interview"
    );
}

/// The panel role chosen for `user` on a planning form, if any.
fn chosen_role(form: &str, user: Uuid) -> Option<String> {
    let start = form.find(&format!("<select id=\"panel_{user}\""))?;
    let select = &form[start..start + form[start..].find("</select>")?];
    let marker = "\" selected>";
    let end = select.find(marker)?;
    let value = select[..end].rfind("value=\"")? + "value=\"".len();
    Some(select[value..end].to_owned())
}

#[tokio::test]
async fn planning_another_round_starts_with_the_latest_rounds_panel() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let hr = app.create_user(Role::Hr).await;
    let form_path = format!(
        "/positions/{}/rounds/new?candidate={}",
        s.position, s.candidate
    );
    let fresh = app.get_html(&s.client, &form_path).await;
    assert_eq!(
        chosen_role(&fresh, s.manager.id).as_deref(),
        Some("hiring_manager")
    );
    assert_eq!(
        chosen_role(&fresh, s.expert.id),
        None,
        "no round yet: the manager alone"
    );

    let hr_field = format!("panel_{}", hr.id);
    plan(&app, &s, &[(hr_field.as_str(), "hr")]).await;
    let expert_field = format!("panel_{}", s.expert.id);
    let latest = plan(&app, &s, &[(expert_field.as_str(), "other")]).await;
    assert_eq!(latest.status(), 303);

    let again = app.get_html(&s.client, &form_path).await;
    assert_eq!(
        chosen_role(&again, s.manager.id).as_deref(),
        Some("hiring_manager")
    );
    assert_eq!(
        chosen_role(&again, s.expert.id).as_deref(),
        Some("other"),
        "as in the latest round"
    );
    assert_eq!(
        chosen_role(&again, hr.id),
        None,
        "HR sat on an earlier round only"
    );
    assert!(again.contains(&format!("<option value=\"{}\" selected>", s.candidate)));

    let other = app.candidate(s.position, "Ola Nordmann", "").await;
    let unrelated = app
        .get_html(
            &s.client,
            &format!("/positions/{}/rounds/new?candidate={other}", s.position),
        )
        .await;
    assert_eq!(
        chosen_role(&unrelated, s.expert.id),
        None,
        "another candidate's panel is not copied"
    );
    let garbled = app
        .get(
            &s.client,
            &format!("/positions/{}/rounds/new?candidate=nope", s.position),
        )
        .await;
    assert_eq!(garbled.status(), 200);
}

async fn doubt(app: &TestApp, s: &Setup, category: &str, description: &str, method: &str) {
    sqlx::query(
        "insert into doubt (candidate_id, category, description, resolution_method, raised_by)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(s.candidate)
    .bind(category)
    .bind(description)
    .bind(method)
    .bind(s.expert.id)
    .execute(&app.pool)
    .await
    .unwrap();
}

async fn sections(app: &TestApp, round: Uuid) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "select section_title, text, guidance from round_question where round_id = $1
         order by section_order, question_order",
    )
    .bind(round)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn open_doubts_are_the_first_questions_of_the_next_round() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    plan(&app, &s, &[]).await;
    doubt(
        &app,
        &s,
        "competence",
        "Did she lead the migration herself?",
        "extra_interview",
    )
    .await;
    doubt(
        &app,
        &s,
        "motivation",
        "Why leave after a year?",
        "check_references",
    )
    .await;
    sqlx::query(
        "insert into doubt (candidate_id, category, description, resolution_method, status,
                            settled_at, fact_what, fact_outcome)
         values ($1, 'integrity', 'Settled already', 'gather_facts', 'resolved', now(), 'Diploma', 'Genuine')",
    )
    .bind(s.candidate)
    .execute(&app.pool)
    .await
    .unwrap();

    let round = round_id(&plan(&app, &s, &[("date", "2026-08-01")]).await);
    let questions = sections(&app, round).await;
    let doubts: Vec<_> = questions
        .iter()
        .take_while(|(title, _, _)| title == "Doubts to settle")
        .collect();
    assert_eq!(
        doubts.len(),
        2,
        "each open doubt, and only open ones: {questions:?}"
    );
    assert_eq!(doubts[0].1, "Did she lead the migration herself?");
    assert_eq!(
        doubts[0].2,
        "Category: Competence. To be settled by: Extra interview. Ask for facts, not impressions."
    );
    assert_eq!(doubts[1].1, "Why leave after a year?");
    assert!(doubts[1].2.contains("Motivation") && doubts[1].2.contains("Check references"));
    assert_eq!(
        questions[2].0, "Open questions since the first interview",
        "then the guide's opening section"
    );
    assert!(
        !questions
            .iter()
            .any(|(_, text, _)| text == "Settled already")
    );

    let first = app
        .get_html(&s.client, &format!("/rounds/{round}/interview/1"))
        .await;
    assert!(
        first.contains("Doubts to settle") && first.contains("Did she lead the migration herself?")
    );

    let nb = &secondround::guides::DEFAULT_NB.to_string();
    let norwegian = round_id(&plan(&app, &s, &[("template_id", nb), ("date", "2026-09-01")]).await);
    let (title, _, guidance) = sections(&app, norwegian).await.remove(0);
    assert_eq!(title, "Tvil som skal avklares");
    assert!(
        guidance.contains("Kompetanse") && guidance.contains("Ekstra intervju"),
        "{guidance}"
    );
}

#[tokio::test]
async fn without_open_doubts_a_round_has_no_doubts_section() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    plan(&app, &s, &[]).await;
    let round = round_id(&plan(&app, &s, &[("date", "2026-08-01")]).await);
    let questions = sections(&app, round).await;
    assert_eq!(questions[0].0, "Open questions since the first interview");
    assert!(
        !questions
            .iter()
            .any(|(title, _, _)| title == "Doubts to settle")
    );
}

#[tokio::test]
async fn one_panel_member_posted_under_two_spellings_is_a_form_error_not_a_500() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let upper = format!("panel_{}", s.expert.id.to_string().to_uppercase());
    let response = plan(&app, &s, &[(upper.as_str(), "other")]).await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("The same person is on the panel twice"),
        "named beside the panel"
    );
    assert_eq!(
        app.count(
            "select count(*) from interview_round where candidate_id = $1",
            s.candidate
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_planning_form_posted_again_for_another_candidate_plans_that_candidates_round_once() {
    let app = TestApp::spawn().await;
    let s = setup(&app).await;
    let other = app
        .candidate(s.position, "Ola Nordmann", "ola@example.no")
        .await;
    let plan_id = Uuid::new_v4().to_string();
    let first = plan(&app, &s, &[("plan_id", plan_id.as_str())]).await;
    assert_eq!(first.status(), 303);
    let other_id = other.to_string();
    let fields = [
        ("plan_id", plan_id.as_str()),
        ("candidate_id", other_id.as_str()),
    ];
    let second = plan(&app, &s, &fields).await;
    let repeat = plan(&app, &s, &fields).await;
    assert_eq!(
        (second.status().as_u16(), repeat.status().as_u16()),
        (303, 303)
    );
    assert_eq!(
        round_id(&second),
        round_id(&repeat),
        "the repeat lands on the same round"
    );
    assert_ne!(round_id(&first), round_id(&second));
    for candidate in [s.candidate, other] {
        let rounds = app
            .count(
                "select count(*) from interview_round where candidate_id = $1",
                candidate,
            )
            .await;
        assert_eq!(rounds, 1);
    }
}
