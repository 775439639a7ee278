//! The demo is built through the app's own write paths, in English or bokmål:
//! audited ratings with save ids, statuses the panel's work produced, texts in
//! the demo's language, and one copy however often it is seeded.

use std::collections::BTreeSet;

use secondround::demo::content::{self, Content};
use secondround::i18n::Locale;
use sqlx::PgPool;
use uuid::Uuid;

use crate::support::TestApp;

const PASSWORD: &str = "demo password 2026";

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// Every note the demo content writes, for comparing with what is stored.
fn notes(content: &Content) -> BTreeSet<String> {
    let ingrid = content.ingrid.iter().flat_map(|(_, notes)| notes.iter());
    let jonas = content
        .jonas_expert
        .iter()
        .chain(content.jonas_panelist)
        .map(|(_, note)| note);
    ingrid
        .chain(jonas)
        .filter(|note| !note.is_empty())
        .map(|note| note.to_string())
        .collect()
}

#[tokio::test]
async fn the_demo_has_audit_events_and_save_ids_like_real_data_in_both_languages() {
    for locale in [Locale::Nb, Locale::En] {
        let app = TestApp::spawn().await;
        secondround::demo::seed(&app.pool, Some(PASSWORD.into()), locale)
            .await
            .unwrap();
        let pool = &app.pool;
        let ratings = count(pool, "select count(*) from rating").await;
        assert!(ratings > 75, "{locale:?}: three panels' worth of ratings");
        assert_eq!(
            count(
                pool,
                "select count(*) from rating where last_save_id is null"
            )
            .await,
            0,
            "{locale:?}: every rating has a save id"
        );
        assert_eq!(
            count(pool, "select count(*) from rating_save").await,
            ratings
        );
        assert_eq!(
            count(
                pool,
                "select count(*) from rating r where not exists (
                     select 1 from audit_event a
                     where a.entity = 'rating' and a.entity_id = r.id and a.action = 'created')"
            )
            .await,
            0,
            "{locale:?}: every rating has its audit event"
        );
        let audited: (i64, i64, i64, i64) = sqlx::query_as(
            "select count(*) filter (where entity = 'panel_member' and action = 'submitted'),
                    count(*) filter (where entity = 'doubt' and action = 'raised'),
                    count(*) filter (where entity = 'test_result' and action = 'recorded'),
                    count(*) filter (where entity = 'candidate' and action = 'status_changed')
             from audit_event",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        // Last year's nine hires add three submissions each, and two status
        // changes each (into their round, hired).
        assert_eq!(
            audited,
            (3 + 27, 1, 2, 3 + 18),
            "{locale:?}: submissions, doubt, tests, planning"
        );
        let statuses: Vec<String> = sqlx::query_scalar(
            "select status from interview_round where status <> 'closed' order by scheduled_at",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        assert_eq!(
            statuses,
            ["scoring", "in_progress", "planned"],
            "{locale:?}"
        );
        let unsubmitted = count(
            pool,
            "select count(*) from panel_member pm join interview_round r on r.id = pm.round_id
             where r.status = 'scoring' and pm.submitted_at is null",
        )
        .await;
        assert_eq!(unsubmitted, 0);
    }
}

#[tokio::test]
async fn the_bokmal_demo_speaks_norwegian_and_the_english_demo_english() {
    for (locale, content, guide_title) in [
        (Locale::Nb, &content::NB, "Praktisk case med fagpersonen"),
        (
            Locale::En,
            &content::EN,
            "Practical case with the subject-matter expert",
        ),
    ] {
        let app = TestApp::spawn().await;
        secondround::demo::seed(&app.pool, Some(PASSWORD.into()), locale)
            .await
            .unwrap();
        let pool = &app.pool;
        let title: String = sqlx::query_scalar("select title from position where status = 'open'")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(title, content.position_title);
        let guides = count(
            pool,
            &format!("select count(distinct round_id) from round_question where section_title = '{guide_title}'"),
        )
        .await;
        assert_eq!(
            guides,
            3 + 9,
            "{locale:?}: every round (last year's too) follows the guide in the demo's language"
        );
        let stored: BTreeSet<String> =
            sqlx::query_scalar("select evidence from rating where evidence <> ''")
                .fetch_all(pool)
                .await
                .unwrap()
                .into_iter()
                .collect();
        assert_eq!(
            stored,
            notes(content),
            "{locale:?}: the notes are the demo's own"
        );
        let doubt: String = sqlx::query_scalar("select description from doubt")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(doubt, content.doubt.2);
        let locales: Vec<String> = sqlx::query_scalar("select distinct locale from app_user")
            .fetch_all(pool)
            .await
            .unwrap();
        assert_eq!(locales, [locale.code()]);

        let client = TestApp::client();
        let response = app
            .login(&client, "manager@demo.secondround.no", PASSWORD)
            .await;
        assert_eq!(response.status(), 303);
        let dashboard = app.get_html(&client, "/").await;
        assert!(
            dashboard.contains(&format!(r#"<html lang="{}""#, locale.code())),
            "{locale:?}: the demo manager reads the app in the demo's language"
        );
        assert!(dashboard.contains(content.position_title));
    }
}

/// The doubt sits on the question it is about, and each note on the question
/// it answers: the carried-over migration question gets the migration notes.
#[tokio::test]
async fn the_demos_doubt_and_notes_sit_on_the_question_they_are_about() {
    let app = TestApp::spawn().await;
    secondround::demo::seed(&app.pool, Some(PASSWORD.into()), Locale::Nb)
        .await
        .unwrap();
    let (question, doubt): (String, String) = sqlx::query_as(
        "select q.text, d.description from doubt d join round_question q on q.id = d.round_question_id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(question.contains("migreringen") && doubt.contains("migreringen"));
    let notice: String = sqlx::query_scalar(
        "select q.text from rating r join round_question q on q.id = r.round_question_id
         where r.evidence like 'Tre måneders oppsigelsestid%'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(notice.contains("oppsigelsestid"), "{notice}");
}

#[tokio::test]
async fn seeding_the_demo_twice_keeps_one_copy() {
    let app = TestApp::spawn().await;
    let first = secondround::demo::seed(&app.pool, Some(PASSWORD.into()), Locale::Nb)
        .await
        .unwrap();
    assert!(first.contains("loaded"), "{first}");
    let totals = "select (select count(*) from position), (select count(*) from rating),
                         (select count(*) from audit_event), (select count(*) from interview_round)";
    let before: (i64, i64, i64, i64) = sqlx::query_as(totals).fetch_one(&app.pool).await.unwrap();
    let again = secondround::demo::seed(&app.pool, Some("another password".into()), Locale::Nb)
        .await
        .unwrap();
    assert!(again.contains("already loaded"), "{again}");
    let after: (i64, i64, i64, i64) = sqlx::query_as(totals).fetch_one(&app.pool).await.unwrap();
    assert_eq!(before, after);
    let client = TestApp::client();
    let response = app
        .login(&client, "expert@demo.secondround.no", "another password")
        .await;
    assert_eq!(response.status(), 303, "the password is reset");
}

#[tokio::test]
async fn a_demo_that_fails_halfway_leaves_nothing_and_the_next_run_loads_it() {
    let app = TestApp::spawn().await;
    // An admin edited the default guide: the demo's notes no longer fit it,
    // which is found only after the position and its rounds are made.
    let guide = secondround::guides::default_guide(Locale::En);
    let added: Uuid = sqlx::query_scalar(
        "insert into template_question (section_id, text, sort_order)
         select id, 'An extra question', 99 from template_section
         where template_id = $1 order by sort_order limit 1
         returning id",
    )
    .bind(guide)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let failed = secondround::demo::seed(&app.pool, Some(PASSWORD.into()), Locale::En).await;
    assert!(
        failed.is_err(),
        "the demo's notes do not fit the edited guide"
    );
    assert_eq!(count(&app.pool, "select count(*) from position").await, 0);
    assert_eq!(count(&app.pool, "select count(*) from candidate").await, 0);

    sqlx::query("delete from template_question where id = $1")
        .bind(added)
        .execute(&app.pool)
        .await
        .unwrap();
    let loaded = secondround::demo::seed(&app.pool, Some(PASSWORD.into()), Locale::En)
        .await
        .unwrap();
    assert!(!loaded.contains("already loaded"), "{loaded}");
    assert!(count(&app.pool, "select count(*) from rating").await > 0);
}

#[tokio::test]
async fn the_demos_interviews_are_on_weekdays_in_office_hours_on_whole_quarter_hours() {
    use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};

    let app = TestApp::spawn().await;
    secondround::demo::seed(&app.pool, Some(PASSWORD.into()), Locale::En)
        .await
        .unwrap();
    let rounds: Vec<(DateTime<Utc>, String)> = sqlx::query_as(
        "select r.scheduled_at, r.time_zone from interview_round r
               join candidate c on c.id = r.candidate_id
               join position p on p.id = c.position_id
              where p.status = 'open' order by r.scheduled_at",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(rounds.len(), 3);
    let now = Utc::now();
    assert!(
        rounds[0].0 < now && rounds[1].0 <= now && rounds[2].0 > now,
        "{rounds:?}"
    );
    for (at, zone) in &rounds {
        // Read in the round's own time zone, as the invitation and the pages show it.
        let zone: chrono_tz::Tz = zone.parse().unwrap();
        let local = at.with_timezone(&zone);
        let shown = local.format("%a %H:%M:%S %Z").to_string();
        assert!(
            !matches!(local.weekday(), Weekday::Sat | Weekday::Sun),
            "{shown}"
        );
        assert!((8..=15).contains(&local.hour()), "{shown}");
        assert!(local.hour() < 15 || local.minute() == 0, "{shown}");
        assert_eq!(local.minute() % 15, 0, "{shown}");
        assert_eq!((local.second(), local.nanosecond()), (0, 0), "{shown}");
    }
}

/// The demo has no mail server: its outbox shows what would have gone, the
/// invitations of its three rounds and a reminder for Jonas's hiring manager,
/// who has not rated yet.
#[tokio::test]
async fn the_demos_outbox_holds_its_invitations_and_a_reminder() {
    let app = TestApp::spawn().await;
    secondround::demo::seed(&app.pool, Some(PASSWORD.into()), Locale::En)
        .await
        .unwrap();
    let pool = &app.pool;
    assert_eq!(
        count(
            pool,
            "select count(*) from mail_outbox where kind = 'invitation' and state = 'pending'"
        )
        .await,
        9,
        "three rounds of three members"
    );
    assert_eq!(
        count(
            pool,
            "select count(*) from mail_outbox m join app_user u on u.id = m.recipient_id
              where m.kind = 'reminder' and u.role = 'manager'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            pool,
            "select count(*) from mail_outbox where kind = 'panel_ready' and state = 'pending'"
        )
        .await,
        1,
        "Ingrid's panel is done"
    );
    let client = TestApp::client();
    assert_eq!(
        app.login(&client, "admin@demo.secondround.no", PASSWORD)
            .await
            .status(),
        303
    );
    let page = app.get_html(&client, "/admin/outbox").await;
    assert!(page.contains("No mail server is configured"), "{page}");
    assert!(page.contains("Reminder: your ratings of"));
    assert!(page.contains("Interview: "));
}

/// `seed-demo --scale N` grows the organisation around the demo: N positions,
/// each with a manager and a panel of its own and five candidates in every
/// state, two rounds for one of them. The demo manager's pages stay as they
/// were; HR's list grows; running it again adds N more.
#[tokio::test]
async fn scaling_the_demo_adds_positions_around_it_and_leaves_the_demo_managers_pages_alone() {
    let app = TestApp::spawn().await;
    secondround::demo::seed(&app.pool, Some(PASSWORD.into()), Locale::En)
        .await
        .unwrap();
    let manager = TestApp::client();
    let signed_in = app
        .login(&manager, "manager@demo.secondround.no", PASSWORD)
        .await;
    assert_eq!(signed_in.status(), 303);
    let demo_position: Uuid =
        sqlx::query_scalar("select id from position where title = 'Senior backend engineer'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let pages = [
        "/".to_owned(),
        "/positions".to_owned(),
        format!("/positions/{demo_position}"),
    ];
    // The pages as they read, without the per-session token.
    let read = |html: String| -> String {
        html.lines()
            .filter(|line| !line.contains("csrf"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut before = Vec::new();
    for page in &pages {
        before.push(read(app.get_html(&manager, page).await));
    }

    let report = secondround::demo::scale(&app.pool, 2, Locale::En)
        .await
        .unwrap();
    assert!(report.contains("2 positions added"), "{report}");
    for (page, was) in pages.iter().zip(&before) {
        assert_eq!(&read(app.get_html(&manager, page).await), was, "{page}");
    }
    let per_position: Vec<(String, i64, i64, i64, i64, i64)> = sqlx::query_as(
        "select p.title, count(distinct c.id),
                (select count(*) from interview_round r join candidate k on k.id = r.candidate_id where k.position_id = p.id),
                (select count(*) from decision d join candidate k on k.id = d.candidate_id where k.position_id = p.id),
                (select count(*) from doubt d join candidate k on k.id = d.candidate_id where k.position_id = p.id and d.status = 'open'),
                (select count(distinct pm.user_id) from panel_member pm join interview_round r on r.id = pm.round_id
                   join candidate k on k.id = r.candidate_id where k.position_id = p.id)
           from position p join candidate c on c.position_id = p.id
          where p.title like 'Senior backend engineer %'
          group by p.id order by p.title",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        per_position,
        [
            ("Senior backend engineer 1".to_owned(), 5, 6, 3, 1, 3),
            ("Senior backend engineer 2".to_owned(), 5, 6, 3, 1, 3),
        ]
    );
    let managers: i64 = sqlx::query_scalar(
        "select count(distinct hiring_manager_id) from position where title like 'Senior backend engineer %'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(managers, 2, "each its own manager");
    let (hr, _) = app.login_as(secondround::auth::Role::Hr).await;
    let list = app.get_html(&hr, "/positions").await;
    assert!(list.contains("Senior backend engineer 2"), "{list}");

    let again = secondround::demo::scale(&app.pool, 2, Locale::En)
        .await
        .unwrap();
    assert!(again.contains("(4 in all)"), "{again}");
}
