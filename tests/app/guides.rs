//! Interview guides: admin only; create, copy and edit without touching rounds.

use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;
use crate::support::prep::TEMPLATE_EN;

#[tokio::test]
async fn only_admins_manage_guides_and_the_defaults_are_listed() {
    let app = TestApp::spawn().await;
    for role in [Role::Hr, Role::Manager, Role::Panelist] {
        let (client, _) = app.login_as(role).await;
        assert_eq!(app.get(&client, "/guides").await.status(), 403, "{role}");
        assert_eq!(
            app.get(&client, &format!("/guides/{TEMPLATE_EN}"))
                .await
                .status(),
            403
        );
    }
    let (admin, _) = app.login_as(Role::Admin).await;
    let html = app.get_html(&admin, "/guides").await;
    assert!(html.contains("Second-round interview (standard)"));
    assert!(html.contains("Annengangsintervju (standard)"));
    let editor = app
        .get_html(&admin, &format!("/guides/{TEMPLATE_EN}"))
        .await;
    assert!(editor.contains("Practical case with the subject-matter expert"));
}

#[tokio::test]
async fn a_guide_is_created_with_a_unique_name_and_a_language() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let taken = app
        .post_form(
            &admin,
            "/guides",
            &[
                ("name", "second-round INTERVIEW (standard)"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(taken.status(), 422);
    assert!(
        taken
            .text()
            .await
            .unwrap()
            .contains("A guide with this name already exists.")
    );
    let bad = app
        .post_form(&admin, "/guides", &[("name", ""), ("language", "de")])
        .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert!(
        html.contains("This field is required.")
            && html.contains("Choose Norwegian (bokmål) or English.")
    );
    let created = app
        .post_form(
            &admin,
            "/guides",
            &[("name", "Sales interview"), ("language", "nb")],
        )
        .await;
    assert_eq!(created.status(), 303);
    let guide = created.headers()["location"].to_str().unwrap().to_owned();
    let section = app
        .post_form(
            &admin,
            &format!("{guide}/sections"),
            &[("title", "Case"), ("kind", "practical_case")],
        )
        .await;
    assert_eq!(section.status(), 303);
    let bad_kind = app
        .post_form(
            &admin,
            &format!("{guide}/sections"),
            &[("title", "X"), ("kind", "party")],
        )
        .await;
    assert_eq!(bad_kind.status(), 422, "the editor again, with the problem");
    let html = bad_kind.text().await.unwrap();
    assert!(
        html.contains("Choose a kind of section."),
        "the refused section says why"
    );
    let section_id: Uuid =
        sqlx::query_scalar("select id from template_section where title = 'Case'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let question = app
        .post_form(
            &admin,
            &format!("{guide}/sections/{section_id}/questions"),
            &[
                ("text", "Sell me this pen."),
                ("guidance", "Listen for questions."),
                ("criterion_hint", "Communication"),
            ],
        )
        .await;
    assert_eq!(question.status(), 303);
    let html = app.get_html(&admin, &guide).await;
    assert!(html.contains("Sell me this pen.") && html.contains("Communication"));
}

#[tokio::test]
async fn a_guide_name_too_long_to_store_is_refused_beside_the_field() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let long: String = (0..3000u32)
        .map(|i| char::from(b'a' + (i * 7919 % 26) as u8))
        .collect();
    let response = app
        .post_form(
            &admin,
            "/guides",
            &[("name", long.as_str()), ("language", "en")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Use at most 200 characters."));
}

#[tokio::test]
async fn a_copy_has_every_section_and_question_and_edits_leave_the_original() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let response = app
        .post_form(&admin, &format!("/guides/{TEMPLATE_EN}/copy"), &[])
        .await;
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let copy = Uuid::parse_str(location.trim_start_matches("/guides/")).unwrap();
    let count = |id: Uuid| {
        let app = &app;
        async move {
            app.count(
                "select count(*) from template_question q join template_section s on s.id = q.section_id where s.template_id = $1",
                id,
            )
            .await
        }
    };
    let original = TEMPLATE_EN;
    assert_eq!(count(copy).await, count(original).await);
    let name: String = sqlx::query_scalar("select name from interview_template where id = $1")
        .bind(copy)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(name, "Second-round interview (standard) (copy)");
    let again = app
        .post_form(&admin, &format!("/guides/{TEMPLATE_EN}/copy"), &[])
        .await;
    assert_eq!(again.status(), 303, "a second copy gets another name");
    let question: Uuid = sqlx::query_scalar(
        "select q.id from template_question q join template_section s on s.id = q.section_id
         where s.template_id = $1 order by s.sort_order, q.sort_order limit 1",
    )
    .bind(copy)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let empty = app
        .post_form(
            &admin,
            &format!("/guides/{copy}/questions/{question}"),
            &[("text", " ")],
        )
        .await;
    assert_eq!(empty.status(), 422);
    let edited = app
        .post_form(
            &admin,
            &format!("/guides/{copy}/questions/{question}"),
            &[("text", "Changed in the copy")],
        )
        .await;
    assert_eq!(edited.status(), 303);
    let original_html = app
        .get_html(&admin, &format!("/guides/{TEMPLATE_EN}"))
        .await;
    assert!(!original_html.contains("Changed in the copy"));
    let wrong_guide = app
        .post_form(
            &admin,
            &format!("/guides/{TEMPLATE_EN}/questions/{question}"),
            &[("text", "x")],
        )
        .await;
    assert_eq!(
        wrong_guide.status(),
        404,
        "a question is edited only under its own guide"
    );
}

#[tokio::test]
async fn a_new_question_without_text_comes_back_with_its_guidance_kept() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let guide = TEMPLATE_EN;
    let section: Uuid = sqlx::query_scalar(
        "select id from template_section where template_id = $1 order by sort_order limit 1",
    )
    .bind(guide)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let before = app
        .count(
            "select count(*) from template_question where section_id = $1",
            section,
        )
        .await;
    let response = app
        .post_form(
            &admin,
            &format!("/guides/{guide}/sections/{section}/questions"),
            &[
                ("text", "  "),
                ("guidance", "Listen for concrete examples, not opinions."),
                ("criterion_hint", "Problem solving"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("A question needs its text."));
    assert!(html.contains("Listen for concrete examples, not opinions."));
    assert!(
        html.contains(&format!(
            "<a href=\"/guides/{guide}#section-{section}\">Back to the guide</a>"
        )),
        "the way back names where it leads"
    );
    assert!(html.contains(&format!(
        "action=\"/guides/{guide}/sections/{section}/questions\""
    )));
    let after = app
        .count(
            "select count(*) from template_question where section_id = $1",
            section,
        )
        .await;
    assert_eq!(after, before, "nothing was added");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn copies_made_at_the_same_moment_each_get_their_own_name() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let url = app.url(&format!("/guides/{TEMPLATE_EN}/copy"));
    let token = app.csrf_token(&admin).await;
    // Four copies released at once, on as many threads.
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(4));
    let copies: Vec<_> = (0..4)
        .map(|_| {
            let (admin, url, token, barrier) =
                (admin.clone(), url.clone(), token.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                admin
                    .post(url)
                    .form(&[("csrf_token", token)])
                    .send()
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    for copy in copies {
        assert_eq!(copy.await.unwrap(), 303);
    }
    let names: i64 = sqlx::query_scalar(
        "select count(distinct name) from interview_template where not is_default",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(names, 4);
}

#[tokio::test]
async fn sections_and_questions_move_without_javascript() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let guide = TEMPLATE_EN;
    let sections = || async {
        let titles: Vec<String> = sqlx::query_scalar(
            "select title from template_section where template_id = $1 order by sort_order",
        )
        .bind(guide)
        .fetch_all(&app.pool)
        .await
        .unwrap();
        titles
    };
    let before = sections().await;
    let second: Uuid = sqlx::query_scalar(
        "select id from template_section where template_id = $1 order by sort_order offset 1 limit 1",
    )
    .bind(guide)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let moved = app
        .post_form(
            &admin,
            &format!("/guides/{guide}/sections/{second}/move"),
            &[("direction", "up")],
        )
        .await;
    assert_eq!(moved.status(), 303);
    let after = sections().await;
    assert_eq!((&after[0], &after[1]), (&before[1], &before[0]));
    let question: Uuid = sqlx::query_scalar(
        "select id from template_question where section_id = $1 order by sort_order limit 1",
    )
    .bind(second)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    app.post_form(
        &admin,
        &format!("/guides/{guide}/questions/{question}/move"),
        &[("direction", "down")],
    )
    .await;
    let first: Uuid = sqlx::query_scalar(
        "select id from template_question where section_id = $1 order by sort_order limit 1",
    )
    .bind(second)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_ne!(first, question, "the question moved down");
}

/// A refused section form comes back in place (422) with what was typed and
/// the problem beside the field, for a new section and for an existing one.
#[tokio::test]
async fn a_refused_section_keeps_what_was_typed_and_names_the_problem() {
    let app = TestApp::spawn().await;
    let (admin, _) = app.login_as(Role::Admin).await;
    let guide: Uuid =
        sqlx::query_scalar("select id from interview_template where is_default limit 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let new = app
        .post_form(
            &admin,
            &format!("/guides/{guide}/sections"),
            &[
                ("title", "Wrap-up <round>"),
                ("kind", "party"),
                ("led_by", "hr"),
            ],
        )
        .await;
    assert_eq!(new.status(), 422);
    let html = new.text().await.unwrap();
    assert!(
        html.contains(
            r#"id="new-section-title" name="title" type="text" value="Wrap-up &#60;round&#62;""#
        ),
        "the typed title is kept, escaped"
    );
    assert!(html.contains(r#"id="new-section-kind-error">Choose a kind of section.</p>"#));
    assert!(
        html.contains(r#"<option value="hr" selected>"#),
        "the chosen lead is kept"
    );

    let (section, title): (Uuid, String) = sqlx::query_as(
        "select id, title from template_section where template_id = $1 order by sort_order limit 1",
    )
    .bind(guide)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let long = "x".repeat(201);
    let edited = app
        .post_form(
            &admin,
            &format!("/guides/{guide}/sections/{section}"),
            &[
                ("title", long.as_str()),
                ("kind", "closing"),
                ("led_by", "nobody"),
            ],
        )
        .await;
    assert_eq!(edited.status(), 422);
    let html = edited.text().await.unwrap();
    assert!(html.contains(&format!(
        r#"id="title-{section}" name="title" type="text" value="{long}""#
    )));
    assert!(html.contains(&format!(
        r#"id="title-{section}-error">Use at most 200 characters.</p>"#
    )));
    assert!(html.contains(&format!(
        r#"id="lead-{section}-error">Choose who leads the section.</p>"#
    )));
    let stored: String = sqlx::query_scalar("select title from template_section where id = $1")
        .bind(section)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(stored, title, "nothing stored");
}
