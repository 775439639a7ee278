//! Focus by panel role: a guide section names the role that leads it; a member
//! must rate the sections their role leads and those everyone rates, sees their
//! focus marked, and may rate the rest, which then counts like any other rating.

use secondround::auth::Role;
use secondround::case::Case;
use secondround::guides::{DEFAULT_EN, DEFAULT_NB};
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::walk::{Member, Round, put_rating, shown_question};

/// A new panelist seated on `round` in `panel_role`, signed in.
async fn seated(app: &TestApp, round: &Round, panel_role: &str) -> Member {
    let (client, user) = app.login_as(Role::Panelist).await;
    let member_id = round.seat(app, &user, panel_role).await;
    Member {
        user,
        member_id,
        client,
    }
}

/// Per question in interview order: (id, rated, the role leading its section).
async fn leads(app: &TestApp, round: &Round) -> Vec<(Uuid, bool, String)> {
    sqlx::query_as(
        "select id, rated, section_led_by from round_question where round_id = $1
         order by section_order, question_order",
    )
    .bind(round.id)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

/// Rates with a 3 every question that takes a score and whose section is led by one of `roles`.
async fn rate_sections(app: &TestApp, round: &Round, member: &Member, roles: &[&str]) {
    let case = Case::new(&app.pool);
    for (id, rated, lead) in leads(app, round).await {
        if rated && roles.contains(&lead.as_str()) {
            case.rate(round.id, member.user.id, id, Some(3), "Said so.")
                .await
                .unwrap();
        }
    }
}

async fn submit(app: &TestApp, round: &Round, member: &Member) -> reqwest::Response {
    app.post_form(
        &member.client,
        &round.path("/interview/submit"),
        &[("verdict", "yes"), ("justification", "Solid facts.")],
    )
    .await
}

async fn text_of(app: &TestApp, question: Uuid) -> String {
    sqlx::query_scalar("select text from round_question where id = $1")
        .bind(question)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_default_guides_give_the_case_to_the_expert_and_expectations_to_the_manager() {
    let app = TestApp::spawn().await;
    for guide in [DEFAULT_EN, DEFAULT_NB] {
        let sections: Vec<(String, String)> = sqlx::query_as(
            "select kind, led_by from template_section where template_id = $1 order by sort_order",
        )
        .bind(guide)
        .fetch_all(&app.pool)
        .await
        .unwrap();
        for (kind, lead) in &sections {
            let expected = match kind.as_str() {
                "practical_case" => "subject_matter_expert",
                "expectations" => "hiring_manager",
                _ => "everyone",
            };
            assert_eq!(lead, expected, "{guide}: {kind}");
        }
        assert_eq!(sections.len(), 6);
    }
    // The round keeps the lead it copied.
    let round = Round::plan(&app).await;
    let copied: Vec<String> = leads(&app, &round)
        .await
        .into_iter()
        .map(|(_, _, lead)| lead)
        .collect();
    assert!(copied.iter().any(|lead| lead == "subject_matter_expert"));
    assert!(copied.iter().any(|lead| lead == "hiring_manager"));
}

#[tokio::test]
async fn the_expert_submits_after_their_focus_and_the_everyone_sections() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let expert = seated(&app, &round, "subject_matter_expert").await;
    rate_sections(&app, &round, &expert, &["everyone"]).await;

    // The practical case is still missing: the expert cannot submit yet.
    let refused = submit(&app, &round, &expert).await;
    assert_eq!(refused.status(), 422);
    let missing = app
        .get_html(&expert.client, &round.path("/interview/submit"))
        .await;
    let all = leads(&app, &round).await;
    let case_question = all
        .iter()
        .find(|(_, rated, lead)| *rated && lead == "subject_matter_expert")
        .unwrap();
    let manager_question = all
        .iter()
        .find(|(_, rated, lead)| *rated && lead == "hiring_manager")
        .unwrap();
    assert!(missing.contains(&text_of(&app, case_question.0).await));
    assert!(
        !missing.contains(&text_of(&app, manager_question.0).await),
        "the hiring manager's section is not asked of the expert"
    );

    rate_sections(&app, &round, &expert, &["subject_matter_expert"]).await;
    assert_eq!(submit(&app, &round, &expert).await.status(), 303);
    let unrated_manager_questions = app
        .count(
            "select count(*) from round_question q where q.round_id = $1 and q.section_led_by = 'hiring_manager'
               and not exists (select 1 from rating r where r.round_question_id = q.id)",
            round.id,
        )
        .await;
    assert!(unrated_manager_questions > 0, "submitted without them");
}

#[tokio::test]
async fn the_hiring_manager_must_rate_expectations_and_other_members_only_the_shared_sections() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let manager = round.manager_member(&app).await;
    // Seated before anyone submits: a round whose whole panel submitted takes no more ratings.
    let other = seated(&app, &round, "other").await;
    rate_sections(
        &app,
        &round,
        &manager,
        &["everyone", "subject_matter_expert"],
    )
    .await;
    let refused = submit(&app, &round, &manager).await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    let manager_question = leads(&app, &round)
        .await
        .into_iter()
        .find(|(_, rated, lead)| *rated && lead == "hiring_manager")
        .unwrap();
    assert!(
        page.contains(&text_of(&app, manager_question.0).await),
        "the refusal names the manager's own section as missing"
    );
    assert!(!submitted(&app, &manager).await);
    rate_sections(&app, &round, &manager, &["hiring_manager"]).await;
    assert_eq!(submit(&app, &round, &manager).await.status(), 303);
    assert!(submitted(&app, &manager).await);

    rate_sections(&app, &round, &other, &["everyone"]).await;
    assert_eq!(submit(&app, &round, &other).await.status(), 303);
    assert!(
        submitted(&app, &other).await,
        "another member submits with the shared sections alone"
    );
}

async fn submitted(app: &TestApp, member: &Member) -> bool {
    sqlx::query_scalar("select submitted_at is not null from panel_member where id = $1")
        .bind(member.member_id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_walk_through_marks_the_focus_and_what_is_optional() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let expert = seated(&app, &round, "subject_matter_expert").await;
    let all = leads(&app, &round).await;
    let number_of = |role: &str| {
        1 + all
            .iter()
            .position(|(_, rated, lead)| *rated && lead == role)
            .unwrap()
    };
    let required = all
        .iter()
        .filter(|(_, rated, lead)| {
            *rated && (lead == "everyone" || lead == "subject_matter_expert")
        })
        .count();

    let case_page = app
        .get_html(
            &expert.client,
            &round.path(&format!(
                "/interview/{}",
                number_of("subject_matter_expert")
            )),
        )
        .await;
    let case_question = shown_question(&case_page);
    assert!(case_question.contains("Your focus"));
    assert!(!case_question.contains("Optional for you"));
    assert!(case_page.contains(&format!("0 of {required} answered")));
    assert!(case_page.contains("Led by: Hiring manager"));

    let manager_number = number_of("hiring_manager");
    let manager_page = app
        .get_html(
            &expert.client,
            &round.path(&format!("/interview/{manager_number}")),
        )
        .await;
    let manager_question = shown_question(&manager_page);
    assert!(manager_question.contains("Optional for you"));
    assert!(!manager_question.contains("Your focus"));

    // A rating there is welcome: stored, and not counted towards what is required.
    let (question, _, _) = &all[manager_number - 1];
    let saved = put_rating(
        &app,
        &expert.client,
        &format!("/rounds/{}/questions/{question}/rating", round.id),
        serde_json::json!({ "score": 4, "evidence": "Clear plan.", "base_version": null, "save_id": Uuid::new_v4() }),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let after = app
        .get_html(&expert.client, &round.path("/interview/1"))
        .await;
    assert!(after.contains(&format!("0 of {required} answered")));

    // Someone in no leading role has no focus to mark.
    let other = seated(&app, &round, "other").await;
    let page = app
        .get_html(&other.client, &round.path("/interview/1"))
        .await;
    assert!(!page.contains("Your focus"));
}

#[tokio::test]
async fn the_guide_editor_sets_who_leads_a_section_and_a_copy_keeps_it() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let created = app
        .post_form(&admin, "/guides", &[("name", "Sales"), ("language", "en")])
        .await;
    let guide = created.headers()["location"].to_str().unwrap().to_owned();
    let added = app
        .post_form(
            &admin,
            &format!("{guide}/sections"),
            &[
                ("title", "Pitch"),
                ("kind", "practical_case"),
                ("led_by", "hr"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let (section, lead): (Uuid, String) = sqlx::query_as(
        "select s.id, s.led_by from template_section s join interview_template t on t.id = s.template_id
         where t.name = 'Sales'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(lead, "hr");
    let editor = app.get_html(&admin, &guide).await;
    assert!(editor.contains(r#"<option value="hr" selected>HR</option>"#));

    let refused = app
        .post_form(
            &admin,
            &format!("{guide}/sections/{section}"),
            &[
                ("title", "Pitch"),
                ("kind", "practical_case"),
                ("led_by", "boss"),
            ],
        )
        .await;
    assert_eq!(
        refused.status(),
        422,
        "the editor again, the section as typed"
    );
    let editor = refused.text().await.unwrap();
    assert!(editor.contains("Choose who leads the section."));
    assert!(editor.contains(r#"name="title" type="text" value="Pitch""#));
    let changed = app
        .post_form(
            &admin,
            &format!("{guide}/sections/{section}"),
            &[
                ("title", "Pitch"),
                ("kind", "practical_case"),
                ("led_by", "subject_matter_expert"),
            ],
        )
        .await;
    assert_eq!(changed.status(), 303);

    let copied = app.post_form(&admin, &format!("{guide}/copy"), &[]).await;
    assert_eq!(copied.status(), 303);
    let leads: Vec<String> = sqlx::query_scalar(
        "select s.led_by from template_section s join interview_template t on t.id = s.template_id
         where t.name like 'Sales%' order by t.name",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(leads, ["subject_matter_expert", "subject_matter_expert"]);
}

#[tokio::test]
async fn the_planning_form_shows_who_leads_what() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let form = app
        .get_html(
            &admin,
            &format!("/positions/{}/rounds/new", round.position_id),
        )
        .await;
    assert!(form.contains("Who leads what"));
    assert!(form.contains("Practical case with the subject-matter expert — Subject-matter expert"));
    assert!(form.contains("Expectations and development — Hiring manager"));
}
