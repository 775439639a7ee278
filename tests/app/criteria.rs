//! The requirement profile editor's rules, each with its error beside the field.

use secondround::auth::Role;
use uuid::Uuid;

use crate::support::TestApp;

async fn manager_with_position(app: &TestApp) -> (reqwest::Client, Uuid) {
    let (client, manager) = app.login_as(Role::Manager).await;
    let position = app.position_for(&manager, "Backend engineer").await;
    (client, position)
}

const ANCHORS: [(&str, &str); 5] = [
    ("anchor_1", "Cannot explain their own work."),
    ("anchor_2", "Vocabulary only."),
    ("anchor_3", "Explains trade-offs."),
    ("anchor_4", "Weighs alternatives with evidence."),
    ("anchor_5", "Teaches others; has run it at scale."),
];

#[tokio::test]
async fn a_must_have_criterion_with_anchors_is_stored() {
    let app = TestApp::spawn().await;
    let (client, position) = manager_with_position(&app).await;
    let mut fields = vec![
        ("name", "Technical depth"),
        ("weight", "2,5"),
        ("must_have", "on"),
        ("minimum_score", "3"),
    ];
    fields.extend(ANCHORS);
    let response = app
        .post_form(&client, &format!("/positions/{position}/criteria"), &fields)
        .await;
    assert_eq!(response.status(), 303);
    let (weight, minimum, anchor_5): (f64, Option<i16>, String) = sqlx::query_as(
        "select weight, minimum_score, anchor_5 from criterion where position_id = $1",
    )
    .bind(position)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((weight, minimum), (2.5, Some(3)));
    assert_eq!(anchor_5, ANCHORS[4].1);
    let html = app
        .get_html(&client, &format!("/positions/{position}"))
        .await;
    assert!(html.contains("Technical depth") && html.contains("min. 3"));
}

#[tokio::test]
async fn weight_must_be_greater_than_zero() {
    let app = TestApp::spawn().await;
    let (client, position) = manager_with_position(&app).await;
    for weight in ["0", "-1", "abc", "", "101"] {
        let response = app
            .post_form(
                &client,
                &format!("/positions/{position}/criteria"),
                &[("name", "Communication"), ("weight", weight)],
            )
            .await;
        assert_eq!(response.status(), 422, "weight {weight:?}");
        let html = response.text().await.unwrap();
        assert!(
            html.contains(r#"id="weight-error">Enter a weight greater than 0"#),
            "weight {weight:?}, beside the weight"
        );
        assert!(html.contains(r#"value="Communication""#), "name kept");
    }
    assert_eq!(
        app.count(
            "select count(*) from criterion where position_id = $1",
            position
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_must_have_needs_a_minimum_from_1_to_5_and_all_anchors() {
    let app = TestApp::spawn().await;
    let (client, position) = manager_with_position(&app).await;
    let path = format!("/positions/{position}/criteria");
    for minimum in ["", "0", "6", "x"] {
        let response = app
            .post_form(
                &client,
                &path,
                &[
                    ("name", "Ownership"),
                    ("weight", "1"),
                    ("must_have", "on"),
                    ("minimum_score", minimum),
                ],
            )
            .await;
        assert_eq!(response.status(), 422);
        let html = response.text().await.unwrap();
        assert!(
            html.contains(r#"id="minimum_score-error">Choose a minimum score from 1 to 5."#),
            "{minimum:?}"
        );
        assert_eq!(
            html.matches("A must-have needs an anchor for this score.")
                .count(),
            5
        );
        for level in 1..=5 {
            assert!(
                html.contains(&format!(
                    r#"id="anchor_{level}-error">A must-have needs an anchor for this score."#
                )),
                "anchor {level}"
            );
        }
    }
    let mut partial = vec![
        ("name", "Ownership"),
        ("weight", "1"),
        ("must_have", "on"),
        ("minimum_score", "4"),
    ];
    partial.extend(&ANCHORS[..4]);
    let html = app
        .post_form(&client, &path, &partial)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        html.matches("A must-have needs an anchor for this score.")
            .count(),
        1
    );
    assert!(
        html.contains("Weighs alternatives with evidence."),
        "anchors kept"
    );
    assert_eq!(
        app.count(
            "select count(*) from criterion where position_id = $1",
            position
        )
        .await,
        0
    );
}

#[tokio::test]
async fn names_are_unique_within_a_position_ignoring_case() {
    let app = TestApp::spawn().await;
    let (client, position) = manager_with_position(&app).await;
    app.criterion(position, "Communication").await;
    let response = app
        .post_form(
            &client,
            &format!("/positions/{position}/criteria"),
            &[("name", "COMMUNICATION"), ("weight", "1")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("This position already has a criterion with this name."));
    let elsewhere = app.position("Other").await;
    app.criterion(elsewhere, "Communication").await;
}

#[tokio::test]
async fn a_name_too_long_to_store_is_refused_beside_the_field() {
    let app = TestApp::spawn().await;
    let (client, position) = manager_with_position(&app).await;
    // Varied text, as a paste would be: it does not compress to fit an index.
    let long: String = (0..3000u32)
        .map(|i| char::from(b'a' + (i * 7919 % 26) as u8))
        .collect();
    let response = app
        .post_form(
            &client,
            &format!("/positions/{position}/criteria"),
            &[("name", long.as_str()), ("weight", "1")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("Use at most 200 characters."));
    assert!(html.contains(&long[..200]), "the input is kept");
    assert_eq!(
        app.count(
            "select count(*) from criterion where position_id = $1",
            position
        )
        .await,
        0
    );
}

#[tokio::test]
async fn a_criterion_is_edited_and_deleted() {
    let app = TestApp::spawn().await;
    let (client, position) = manager_with_position(&app).await;
    let id = app.criterion(position, "Teamwork").await;
    let edit = app
        .get_html(
            &client,
            &format!("/positions/{position}/criteria/{id}/edit"),
        )
        .await;
    assert!(edit.contains(r#"value="Teamwork""#));
    let saved = app
        .post_form(
            &client,
            &format!("/positions/{position}/criteria/{id}"),
            &[("name", "Collaboration"), ("weight", "3")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    let name: String = sqlx::query_scalar("select name from criterion where id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(name, "Collaboration");
    let deleted = app
        .post_form(
            &client,
            &format!("/positions/{position}/criteria/{id}/delete"),
            &[],
        )
        .await;
    assert_eq!(deleted.status(), 303);
    assert_eq!(
        app.count(
            "select count(*) from criterion where position_id = $1",
            position
        )
        .await,
        0
    );
}

#[tokio::test]
async fn criteria_move_up_and_down_without_javascript() {
    let app = TestApp::spawn().await;
    let (client, position) = manager_with_position(&app).await;
    let a = app.criterion(position, "Alpha").await;
    app.criterion(position, "Bravo").await;
    let c = app.criterion(position, "Charlie").await;
    let order = || async {
        let names: Vec<String> = sqlx::query_scalar(
            "select name from criterion where position_id = $1 order by sort_order",
        )
        .bind(position)
        .fetch_all(&app.pool)
        .await
        .unwrap();
        names
    };
    let path = |id: Uuid| format!("/positions/{position}/criteria/{id}/move");
    app.post_form(&client, &path(c), &[("direction", "up")])
        .await;
    assert_eq!(order().await, ["Alpha", "Charlie", "Bravo"]);
    app.post_form(&client, &path(a), &[("direction", "down")])
        .await;
    assert_eq!(order().await, ["Charlie", "Alpha", "Bravo"]);
    app.post_form(&client, &path(c), &[("direction", "up")])
        .await;
    assert_eq!(
        order().await,
        ["Charlie", "Alpha", "Bravo"],
        "the first stays first"
    );
    let bad = app
        .post_form(&client, &path(c), &[("direction", "sideways")])
        .await;
    assert_eq!(bad.status(), 422);
    let html = app
        .get_html(&client, &format!("/positions/{position}"))
        .await;
    let (charlie, bravo) = (html.find("Charlie").unwrap(), html.find("Bravo").unwrap());
    assert!(charlie < bravo, "the page shows the new order");
}

#[tokio::test]
async fn a_criterion_that_rounds_ask_about_cannot_be_deleted() {
    let app = TestApp::spawn().await;
    let (client, position) = manager_with_position(&app).await;
    let id = app.criterion(position, "Problem solving").await;
    let candidate = app.candidate(position, "Kari", "").await;
    let panelist = app.create_user(Role::Panelist).await;
    let round = app.round_with(candidate, &panelist).await;
    sqlx::query(
        "insert into round_question (round_id, section_title, section_order, question_order, text, criterion_id)
         values ($1, 'Case', 1, 1, 'Solve this.', $2)",
    )
    .bind(round)
    .bind(id)
    .execute(&app.pool)
    .await
    .unwrap();
    let response = app
        .post_form(
            &client,
            &format!("/positions/{position}/criteria/{id}/delete"),
            &[],
        )
        .await;
    assert_eq!(response.status(), 409);
    assert!(response.text().await.unwrap().contains("cannot be deleted"));
    assert_eq!(
        app.count("select count(*) from criterion where id = $1", id)
            .await,
        1
    );
}

#[tokio::test]
async fn another_managers_criterion_is_not_found_whether_rounds_ask_about_it_or_not() {
    let app = TestApp::spawn().await;
    let (owner, position) = manager_with_position(&app).await;
    let asked = app.criterion(position, "Problem solving").await;
    let unasked = app.criterion(position, "Teamwork").await;
    let candidate = app.candidate(position, "Kari", "").await;
    let panelist = app.create_user(Role::Panelist).await;
    let round = app.round_with(candidate, &panelist).await;
    sqlx::query(
        "insert into round_question (round_id, section_title, section_order, question_order, text, criterion_id)
         values ($1, 'Case', 1, 1, 'Solve this.', $2)",
    )
    .bind(round)
    .bind(asked)
    .execute(&app.pool)
    .await
    .unwrap();
    // Another hiring manager, through a position of their own.
    let (other, theirs) = manager_with_position(&app).await;
    let unknown = Uuid::new_v4();
    for cid in [asked, unasked, unknown] {
        let base = format!("/positions/{theirs}/criteria/{cid}");
        let deleted = app.post_form(&other, &format!("{base}/delete"), &[]).await;
        assert_eq!(deleted.status(), 404, "delete {cid}");
        let moved = app
            .post_form(&other, &format!("{base}/move"), &[("direction", "up")])
            .await;
        assert_eq!(moved.status(), 404, "move {cid}");
        let edited = app.get(&other, &format!("{base}/edit")).await;
        assert_eq!(edited.status(), 404, "edit {cid}");
        let updated = app
            .post_form(&other, &base, &[("name", "Taken over"), ("weight", "1")])
            .await;
        assert_eq!(updated.status(), 404, "update {cid}");
    }
    assert_eq!(
        app.count(
            "select count(*) from criterion where position_id = $1 and name <> 'Taken over'",
            position
        )
        .await,
        2,
        "both criteria are untouched"
    );
    // The owner is still told why the asked-about one stays.
    let refused = app
        .post_form(
            &owner,
            &format!("/positions/{position}/criteria/{asked}/delete"),
            &[],
        )
        .await;
    assert_eq!(refused.status(), 409);
}
