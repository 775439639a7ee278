//! Mail, end to end: the app writes to its outbox, the sender speaks SMTP over
//! TCP to a real server (aiosmtpd) and every mail is parsed back, with its
//! text, HTML and calendar parts.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use secondround::auth::Role;
use secondround::case::Case;
use secondround::config::MailConfig;
use secondround::domain::{DoubtCategory, DoubtMethod};
use secondround::mail::calendar::member_uid;
use secondround::mail::reminders;
use secondround::mail::sender::Sender;
use secondround::redact::SecretUrl;
use uuid::Uuid;

use crate::support::prep::TEMPLATE_EN;
use crate::support::smtp::{self, Mail, SmtpServer};
use crate::support::walk::{Member, Round};
use crate::support::{TestApp, TestUser};

const PUBLIC_URL: &str = "https://secondround.example";

fn sender_to(url: &str) -> Sender {
    let config = MailConfig {
        smtp_url: Some(SecretUrl::new(url)),
        public_url: PUBLIC_URL.into(),
        mail_first_retry_secs: 1,
        smtp_timeout_secs: 5,
        ..MailConfig::for_tests()
    };
    Sender::from_config(&config).unwrap().expect("configured")
}

struct Planning {
    client: reqwest::Client,
    manager: TestUser,
    expert: TestUser,
    position: Uuid,
    candidate: Uuid,
}

/// A manager signed in, a position with a candidate, and an expert who reads bokmål.
async fn planning(app: &TestApp, expert_email: &str) -> Planning {
    let (client, manager) = app.login_as(Role::Manager).await;
    let expert = app
        .create_user_with(Role::Panelist, expert_email, "Ola Fagekspert")
        .await;
    sqlx::query("update app_user set locale = 'nb' where id = $1")
        .bind(expert.id)
        .execute(&app.pool)
        .await
        .unwrap();
    let position = app.position_for(&manager, "Backend engineer").await;
    let candidate = app
        .candidate(position, "Kari Nordmann", "kari@example.no")
        .await;
    Planning {
        client,
        manager,
        expert,
        position,
        candidate,
    }
}

/// Plans a round through the planning form, as the hiring manager does.
async fn plan(app: &TestApp, p: &Planning) -> Uuid {
    plan_for(app, p, p.candidate).await
}

async fn plan_for(app: &TestApp, p: &Planning, candidate: Uuid) -> Uuid {
    let candidate = candidate.to_string();
    let manager = format!("panel_{}", p.manager.id);
    let expert = format!("panel_{}", p.expert.id);
    let template = TEMPLATE_EN.to_string();
    let response = app
        .post_form(
            &p.client,
            &format!("/positions/{}/rounds/new", p.position),
            &[
                ("candidate_id", candidate.as_str()),
                ("date", "2027-07-01"),
                ("time", "10:30"),
                ("time_zone", "Europe/Oslo"),
                ("duration_minutes", "90"),
                ("location", "Room 4 <2nd floor>"),
                ("template_id", template.as_str()),
                (manager.as_str(), "hiring_manager"),
                (expert.as_str(), "subject_matter_expert"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "the round is planned");
    let location = response.headers()["location"].to_str().unwrap();
    Uuid::parse_str(location.trim_start_matches("/rounds/")).unwrap()
}

async fn states(app: &TestApp) -> Vec<(String, i32)> {
    sqlx::query_as("select state, attempts from mail_outbox order by recipient")
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

fn mail_to<'a>(mails: &'a [Mail], address: &str) -> &'a Mail {
    mails
        .iter()
        .find(|mail| mail.to == address)
        .unwrap_or_else(|| panic!("no mail to {address}"))
}

#[tokio::test]
async fn planning_a_round_mails_each_member_an_invitation_with_the_calendar() {
    let server = SmtpServer::start();
    let app = TestApp::spawn().await;
    let p = planning(&app, "ola@example.no").await;
    let round = plan(&app, &p).await;
    // The request wrote the mails and did not wait for them to be sent.
    assert_eq!(
        states(&app).await,
        [("pending".into(), 0), ("pending".into(), 0)]
    );

    assert_eq!(
        sender_to(&server.url())
            .deliver_due(&app.pool)
            .await
            .unwrap(),
        2
    );
    let mails: Vec<Mail> = server
        .wait_for(2)
        .await
        .iter()
        .map(|raw| smtp::parse(raw))
        .collect();
    assert_eq!(states(&app).await, [("sent".into(), 1), ("sent".into(), 1)]);

    // The expert's, in bokmål, with the time in the round's zone and their part.
    let expert = mail_to(&mails, "ola@example.no");
    assert!(
        expert
            .subject
            .starts_with("Intervju: Kari Nordmann til Backend engineer"),
        "{}",
        expert.subject
    );
    assert!(
        expert.text.contains("Hei Ola Fagekspert,"),
        "{}",
        expert.text
    );
    assert!(
        expert.text.contains("Tid: 01.07.2027 10:30 (Europe/Oslo)"),
        "{}",
        expert.text
    );
    assert!(expert.text.contains("Sted: Room 4 <2nd floor>"));
    assert!(
        expert.text.contains("Din rolle: Fagperson"),
        "{}",
        expert.text
    );
    assert!(
        expert
            .text
            .contains("Du leder: Practical case with the subject-matter expert"),
        "the sections the expert leads: {}",
        expert.text
    );
    let link = format!("{PUBLIC_URL}/rounds/{round}");
    assert!(expert.text.contains(&link));
    assert!(expert.html.contains(&format!("href=\"{link}\"")));
    assert!(
        expert.html.contains("Room 4 &#60;2nd floor&#62;"),
        "escaped in HTML: {}",
        expert.html
    );

    let (method, ics) = expert.calendar.clone().expect("the calendar is attached");
    assert_eq!(method, "REQUEST");
    let calendar: icalendar::Calendar = ics.parse().expect("the calendar parses");
    assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
    let event = calendar.events().next().expect("one event");
    use icalendar::Component;
    assert_eq!(
        event.get_uid(),
        Some(member_uid(round, p.expert.id).as_str())
    );
    assert_eq!(event.get_sequence(), Some(0));
    assert_eq!(event.property_value("DTSTART"), Some("20270701T083000Z"));
    assert_eq!(event.property_value("DTEND"), Some("20270701T100000Z"));
    assert_eq!(
        event.property_value("ORGANIZER"),
        Some(format!("mailto:{}", p.manager.email).as_str())
    );
    let attendees: Vec<&str> = event.multi_properties()["ATTENDEE"]
        .iter()
        .map(|attendee| attendee.value())
        .collect();
    assert_eq!(attendees, ["mailto:ola@example.no"]);

    // The manager's, in English.
    let manager = mail_to(&mails, &p.manager.email);
    assert!(
        manager
            .subject
            .starts_with("Interview: Kari Nordmann for Backend engineer")
    );
    assert!(
        manager.text.contains("Your role: Hiring manager"),
        "{}",
        manager.text
    );
    assert_ne!(manager.message_id, expert.message_id);
}

#[tokio::test]
async fn mail_written_while_the_server_is_down_goes_once_when_it_is_up() {
    // A port nobody listens on, kept for the server that comes up later.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let app = TestApp::spawn().await;
    let p = planning(&app, "ola@example.no").await;
    plan(&app, &p).await;
    let sender = sender_to(&format!("smtp://127.0.0.1:{port}?tls=none"));
    assert_eq!(
        sender.deliver_due(&app.pool).await.unwrap(),
        2,
        "both tried"
    );
    let (attempts, error): (i32, String) = sqlx::query_as(
        "select min(attempts), min(last_error) from mail_outbox where state = 'pending'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(attempts, 1, "kept for another try");
    assert!(!error.is_empty(), "with the reason");
    assert_eq!(
        sender.deliver_due(&app.pool).await.unwrap(),
        0,
        "not before its time"
    );

    let server = SmtpServer::start_on(port);
    // The first retry is due a second after the failure.
    for _ in 0..100 {
        sender.deliver_due(&app.pool).await.unwrap();
        if server.received().len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(
        sender.deliver_due(&app.pool).await.unwrap(),
        0,
        "nothing left"
    );
    let mails: Vec<Mail> = server
        .received()
        .iter()
        .map(|raw| smtp::parse(raw))
        .collect();
    assert_eq!(mails.len(), 2, "each mail once");
    assert_eq!(states(&app).await, [("sent".into(), 2), ("sent".into(), 2)]);
}

#[tokio::test]
async fn a_refused_address_is_kept_with_the_reason_and_an_admin_can_send_it_again() {
    let server = SmtpServer::start();
    let app = TestApp::spawn().await;
    let p = planning(&app, "refused-ola@example.no").await;
    plan(&app, &p).await;
    let sender = sender_to(&server.url());
    sender.deliver_due(&app.pool).await.unwrap();
    let (id, state, error): (Uuid, String, String) = sqlx::query_as(
        "select id, state, last_error from mail_outbox where recipient = 'refused-ola@example.no'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(state, "failed", "a 5xx is permanent");
    assert!(error.contains("550"), "{error}");
    assert_eq!(server.wait_for(1).await.len(), 1, "the manager's went");

    let (admin, _) = app.login_as(Role::Admin).await;
    let page = app.get_html(&admin, "/admin/outbox?state=failed").await;
    assert!(page.contains("refused-ola@example.no"));
    assert!(page.contains("No such mailbox here"), "the reason is shown");
    assert!(page.contains(&format!("/admin/outbox/{id}/retry")));
    let retried = app
        .post_form(&admin, &format!("/admin/outbox/{id}/retry"), &[])
        .await;
    assert_eq!(retried.status(), 303);
    assert_eq!(
        app.count(
            "select count(*) from mail_outbox where id = $1 and state = 'pending'",
            id
        )
        .await,
        1
    );
    // A mail not failed cannot be sent again.
    let again = app
        .post_form(&admin, &format!("/admin/outbox/{id}/retry"), &[])
        .await;
    assert_eq!(again.status(), 409);
    // Only admins see the outbox.
    assert_eq!(app.get(&p.client, "/admin/outbox").await.status(), 403);
}

#[tokio::test]
async fn a_busy_mailbox_is_tried_again() {
    let server = SmtpServer::start();
    let app = TestApp::spawn().await;
    let p = planning(&app, "busy-ola@example.no").await;
    plan(&app, &p).await;
    sender_to(&server.url())
        .deliver_due(&app.pool)
        .await
        .unwrap();
    let (state, error): (String, String) = sqlx::query_as(
        "select state, last_error from mail_outbox where recipient = 'busy-ola@example.no'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(state, "pending", "a 4xx is temporary");
    assert!(error.contains("451"), "{error}");
}

#[tokio::test]
async fn two_instances_draining_one_outbox_send_each_mail_once() {
    let server = SmtpServer::start();
    let app = TestApp::spawn().await;
    let p = planning(&app, "ola@example.no").await;
    for i in 0..10 {
        let candidate = app
            .candidate(
                p.position,
                &format!("Candidate {i}"),
                &format!("c{i}@example.no"),
            )
            .await;
        plan_for(&app, &p, candidate).await;
    }
    assert_eq!(count(&app, "select count(*) from mail_outbox").await, 20);
    let one = sender_to(&server.url());
    let other = sender_to(&server.url());
    let other_pool = app.db.new_pool().await;
    let (a, b) = tokio::join!(one.deliver_due(&app.pool), other.deliver_due(&other_pool));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a + b, 20);
    let mails: Vec<Mail> = server
        .wait_for(20)
        .await
        .iter()
        .map(|raw| smtp::parse(raw))
        .collect();
    let mut ids: Vec<&str> = mails.iter().map(|mail| mail.message_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!((mails.len(), ids.len()), (20, 20), "each mail once");
    assert_eq!(
        count(
            &app,
            "select count(*) from mail_outbox where state = 'sent' and attempts = 1"
        )
        .await,
        20
    );
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

/// An interview that ended Monday 30 November 2026 at 11:30 in Oslo.
async fn past_round(app: &TestApp) -> (Round, Member, Member) {
    let round = Round::plan(app).await;
    let manager = round.manager_member(app).await;
    let member = round.member(app).await;
    sqlx::query(
        "update interview_round set scheduled_at = $2, duration_minutes = 90 where id = $1",
    )
    .bind(round.id)
    .bind(oslo(2026, 11, 30, 10))
    .execute(&app.pool)
    .await
    .unwrap();
    (round, manager, member)
}

fn oslo(y: i32, m: u32, d: u32, h: u32) -> chrono::DateTime<Utc> {
    chrono_tz::Europe::Oslo
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// Looks for due reminders and digests as the scan in `serve` would at `at`; how many mails it wrote.
async fn scan_at(app: &TestApp, at: chrono::DateTime<Utc>) -> usize {
    reminders::scan(&app.pool, at).await.unwrap()
}

async fn reminders_to(app: &TestApp, user: Uuid) -> Vec<String> {
    sqlx::query_scalar(
        "select subject || ' | ' || (body->'lines')::text from mail_outbox
          where kind = 'reminder' and recipient_id = $1 order by created_at",
    )
    .bind(user)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn three_reminders_one_per_working_day_then_none() {
    let app = TestApp::spawn().await;
    let (_round, manager, member) = past_round(&app).await;
    // Monday 20:00: not yet 24 hours after the end.
    assert_eq!(scan_at(&app, oslo(2026, 11, 30, 20)).await, 0);
    // Tuesday noon: the first, to both; not again the same day.
    assert_eq!(scan_at(&app, oslo(2026, 12, 1, 12)).await, 2);
    assert_eq!(scan_at(&app, oslo(2026, 12, 1, 18)).await, 0);
    assert_eq!(scan_at(&app, oslo(2026, 12, 2, 9)).await, 2);
    assert_eq!(scan_at(&app, oslo(2026, 12, 3, 9)).await, 2);
    // No fourth, the next day or ever.
    assert_eq!(scan_at(&app, oslo(2026, 12, 4, 9)).await, 0);
    assert_eq!(scan_at(&app, oslo(2026, 12, 14, 9)).await, 0);
    let sent = reminders_to(&app, member.user.id).await;
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(
        sent[0].contains("1 of 3") && sent[2].contains("3 of 3"),
        "{sent:?}"
    );
    assert!(
        sent[0].starts_with("Reminder: your ratings of Ingrid Solberg are missing"),
        "{sent:?}"
    );
    assert_eq!(reminders_to(&app, manager.user.id).await.len(), 3);
}

#[tokio::test]
async fn no_reminder_after_submitting_nor_over_the_weekend_nor_when_turned_off() {
    let app = TestApp::spawn().await;
    let (round, manager, member) = past_round(&app).await;
    // The member turns reminders off on the settings page (both boxes left unticked).
    let page = app.get_html(&member.client, "/settings").await;
    assert!(page.contains("name=\"reminders\" type=\"checkbox\" value=\"on\" checked"));
    let saved = app.post_form(&member.client, "/settings", &[]).await;
    assert_eq!(saved.status(), 303);
    // The manager submits.
    round.rate_all(&app, manager.member_id, "").await;
    let submitted = app
        .post_form(
            &manager.client,
            &round.path("/interview/submit"),
            &[("verdict", "yes"), ("justification", "Good.")],
        )
        .await;
    assert_eq!(submitted.status(), 303);
    // Saturday 5 December: nobody is reminded on a weekend anyway.
    assert_eq!(scan_at(&app, oslo(2026, 12, 5, 12)).await, 0);
    assert_eq!(scan_at(&app, oslo(2026, 12, 7, 12)).await, 0);
    assert!(
        reminders_to(&app, manager.user.id).await.is_empty(),
        "submitted"
    );
    assert!(
        reminders_to(&app, member.user.id).await.is_empty(),
        "turned off"
    );
}

#[tokio::test]
async fn the_hiring_manager_hears_once_when_the_whole_panel_has_submitted() {
    let app = TestApp::spawn().await;
    let (round, manager, member) = past_round(&app).await;
    let ready = || async {
        app.count(
            "select count(*) from mail_outbox where kind = 'panel_ready' and round_id = $1",
            round.id,
        )
        .await
    };
    for seat in [&manager, &member] {
        assert_eq!(ready().await, 0, "not before the last submission");
        round.rate_all(&app, seat.member_id, "").await;
        let submitted = app
            .post_form(
                &seat.client,
                &round.path("/interview/submit"),
                &[("verdict", "yes"), ("justification", "Good.")],
            )
            .await;
        assert_eq!(submitted.status(), 303);
    }
    assert_eq!(ready().await, 1);
    let to: Uuid =
        sqlx::query_scalar("select recipient_id from mail_outbox where kind = 'panel_ready'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(to, manager.user.id);
    // Reopened and submitted again: still one.
    let reopen = format!("/rounds/{}/panel/{}/reopen", round.id, member.member_id);
    assert_eq!(
        app.post_form(&manager.client, &reopen, &[]).await.status(),
        303
    );
    let again = app
        .post_form(
            &member.client,
            &round.path("/interview/submit"),
            &[("verdict", "yes"), ("justification", "Still good.")],
        )
        .await;
    assert_eq!(again.status(), 303);
    assert_eq!(ready().await, 1, "exactly once");
}

/// A server process, killed when the test ends, however it ends.
struct Serving(std::process::Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `secondround serve` delivering mail to `smtp_url`, looking at the outbox every second.
fn serve_with_mail(database_url: &str, smtp_url: &str) -> Serving {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    std::process::Command::new(env!("CARGO_BIN_EXE_secondround"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", database_url)
        .env("SECONDROUND_SMTP_URL", smtp_url)
        .env("SECONDROUND_MAIL_POLL_SECS", "1")
        .env("RUST_LOG", "off")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(Serving)
        .expect("the binary starts")
}

/// Killed after the SMTP server has a mail and before the outbox row is marked:
/// the row's transaction is rolled back, so after the restart the mail goes
/// again, with the same Message-ID. Nothing is lost; a repeat is recognisable.
#[tokio::test]
async fn killed_between_send_and_mark_the_mail_goes_again_with_its_message_id() {
    let pidfile = std::env::temp_dir().join(format!("secondround-kill-{}", Uuid::new_v4()));
    let server = SmtpServer::start_killing(&pidfile);
    let app = TestApp::spawn().await;
    let p = planning(&app, "ola@example.no").await;
    plan(&app, &p).await;

    let mut first = serve_with_mail(&app.db.url(), &server.url());
    std::fs::write(&pidfile, first.0.id().to_string()).unwrap();
    let mut killed = None;
    for _ in 0..300 {
        if let Some(status) = first.0.try_wait().unwrap() {
            killed = Some(status);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let status = killed.expect("the SMTP server killed the sender after its first mail");
    assert!(!status.success(), "killed: {status:?}");
    let at_server = server.received();
    assert_eq!(at_server.len(), 1, "the server had the mail");

    assert_eq!(
        count(
            &app,
            "select count(*) from mail_outbox where state = 'pending' and attempts = 0"
        )
        .await,
        2,
        "the row was never marked"
    );

    let second = serve_with_mail(&app.db.url(), &server.url());
    for _ in 0..300 {
        if count(
            &app,
            "select count(*) from mail_outbox where state = 'sent'",
        )
        .await
            == 2
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(second);
    assert_eq!(
        count(
            &app,
            "select count(*) from mail_outbox where state = 'sent'"
        )
        .await,
        2
    );
    let mails: Vec<Mail> = server
        .received()
        .iter()
        .map(|raw| smtp::parse(raw))
        .collect();
    assert_eq!(mails.len(), 3, "one mail arrived twice");
    let first_id = smtp::parse(&at_server[0]).message_id;
    assert_eq!(
        mails
            .iter()
            .filter(|mail| mail.message_id == first_id)
            .count(),
        2,
        "sent again as the same message"
    );
}

#[tokio::test]
async fn a_bad_smtp_url_stops_serve_with_the_reason() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_secondround"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .env("SECONDROUND_SMTP_URL", "smtp://relay.example.com?tls=maybe")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("SECONDROUND_SMTP_URL has tls=maybe"),
        "{stderr}"
    );
}

fn calendar_of(mail: &Mail) -> (String, icalendar::Calendar) {
    let (method, text) = mail.calendar.clone().expect("a calendar is attached");
    (method, text.parse().expect("the calendar parses"))
}

fn event_field(calendar: &icalendar::Calendar, name: &str) -> String {
    use icalendar::Component;
    calendar
        .events()
        .next()
        .and_then(|event| event.property_value(name))
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_change_updates_the_panel_and_a_removed_member_gets_a_cancellation() {
    let server = SmtpServer::start();
    let app = TestApp::spawn().await;
    let p = planning(&app, "ola@example.no").await;
    let round = plan(&app, &p).await;
    let sender = sender_to(&server.url());
    sender.deliver_due(&app.pool).await.unwrap();
    let per = app
        .create_user_with(Role::Panelist, "per@example.no", "Per Panel")
        .await;

    // Bad input first: named, and the rest kept.
    let change = format!("/rounds/{round}/change");
    let manager_seat = format!("panel_{}", p.manager.id);
    let per_seat = format!("panel_{}", per.id);
    let mut fields = vec![
        ("date", "2027-13-40"),
        ("time", "11:00"),
        ("time_zone", "Europe/Oslo"),
        ("duration_minutes", "60"),
        ("location", "Room 9"),
        (manager_seat.as_str(), "hiring_manager"),
        (per_seat.as_str(), "other"),
    ];
    let refused = app.post_form(&p.client, &change, &fields).await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.unwrap();
    assert!(page.contains("id=\"date-error\""), "the date is named");
    assert!(page.contains("value=\"Room 9\""), "the place is kept");
    assert_eq!(
        count(&app, "select count(*) from mail_outbox").await,
        2,
        "nothing written"
    );

    fields[0] = ("date", "2027-07-02");
    let changed = app.post_form(&p.client, &change, &fields).await;
    assert_eq!(changed.status(), 303);
    assert_eq!(sender.deliver_due(&app.pool).await.unwrap(), 3);
    let mails: Vec<Mail> = server
        .wait_for(5)
        .await
        .iter()
        .map(|raw| smtp::parse(raw))
        .collect();
    let later = &mails[2..];

    let update = mail_to(later, &p.manager.email);
    assert!(
        update
            .subject
            .starts_with("Changed: interview with Kari Nordmann"),
        "{}",
        update.subject
    );
    let (method, calendar) = calendar_of(update);
    assert_eq!(method, "REQUEST");
    assert_eq!(
        event_field(&calendar, "UID"),
        member_uid(round, p.manager.id)
    );
    assert_eq!(
        event_field(&calendar, "SEQUENCE"),
        "1",
        "raised on the change"
    );
    assert_eq!(event_field(&calendar, "DTSTART"), "20270702T090000Z");
    assert_eq!(event_field(&calendar, "LOCATION"), "Room 9");

    let cancellation = mail_to(later, "ola@example.no");
    assert!(
        cancellation
            .subject
            .starts_with("Avlyst: intervju med Kari Nordmann"),
        "{}",
        cancellation.subject
    );
    let (method, calendar) = calendar_of(cancellation);
    assert_eq!(method, "CANCEL");
    assert_eq!(calendar.property_value("METHOD"), Some("CANCEL"));
    assert_eq!(
        event_field(&calendar, "UID"),
        member_uid(round, p.expert.id)
    );
    assert_eq!(event_field(&calendar, "SEQUENCE"), "1");
    assert_eq!(event_field(&calendar, "STATUS"), "CANCELLED");

    let invitation = mail_to(later, "per@example.no");
    assert!(invitation.subject.starts_with("Interview: Kari Nordmann"));
    let (method, calendar) = calendar_of(invitation);
    assert_eq!(
        (method.as_str(), event_field(&calendar, "SEQUENCE").as_str()),
        ("REQUEST", "0")
    );

    let panel: Vec<Uuid> =
        sqlx::query_scalar("select user_id from panel_member where round_id = $1 order by user_id")
            .bind(round)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let mut expected = vec![p.manager.id, per.id];
    expected.sort();
    assert_eq!(panel, expected);

    // The same form again changes nothing and writes nothing.
    assert_eq!(
        app.post_form(&p.client, &change, &fields).await.status(),
        303
    );
    assert_eq!(count(&app, "select count(*) from mail_outbox").await, 5);
}

#[tokio::test]
async fn a_cancelled_round_is_gone_and_each_member_gets_a_cancellation() {
    let server = SmtpServer::start();
    let app = TestApp::spawn().await;
    let p = planning(&app, "ola@example.no").await;
    let round = plan(&app, &p).await;
    let cancel = format!("/rounds/{round}/cancel");
    let unconfirmed = app.post_form(&p.client, &cancel, &[]).await;
    assert_eq!(unconfirmed.status(), 422);
    assert!(
        unconfirmed
            .text()
            .await
            .unwrap()
            .contains("Tick the box to confirm the cancellation.")
    );
    let cancelled = app
        .post_form(&p.client, &cancel, &[("confirm", "on")])
        .await;
    assert_eq!(cancelled.status(), 303);
    assert_eq!(
        cancelled.headers()["location"].to_str().unwrap(),
        format!("/candidates/{}", p.candidate)
    );
    assert_eq!(
        app.get(&p.client, &format!("/rounds/{round}"))
            .await
            .status(),
        404
    );
    sender_to(&server.url())
        .deliver_due(&app.pool)
        .await
        .unwrap();
    let mails: Vec<Mail> = server
        .wait_for(4)
        .await
        .iter()
        .map(|raw| smtp::parse(raw))
        .collect();
    for address in [p.manager.email.as_str(), "ola@example.no"] {
        let cancellations: Vec<&Mail> = mails
            .iter()
            .filter(|mail| {
                mail.to == address && mail.calendar.as_ref().is_some_and(|(m, _)| m == "CANCEL")
            })
            .collect();
        assert_eq!(cancellations.len(), 1, "{address}");
        let (_, calendar) = calendar_of(cancellations[0]);
        assert_eq!(event_field(&calendar, "SEQUENCE"), "1");
    }
    assert_eq!(
        count(
            &app,
            "select count(*) from mail_outbox where round_id is null and state = 'sent'"
        )
        .await,
        4,
        "the mail about the round stays"
    );
}

#[tokio::test]
async fn a_round_under_way_can_be_neither_changed_nor_cancelled() {
    let app = TestApp::spawn().await;
    let round = Round::plan(&app).await;
    let member = round.member(&app).await;
    round.rate_all(&app, member.member_id, "").await;
    let (client, _) = app.login_as(Role::Admin).await;
    assert_eq!(app.get(&client, &round.path("/change")).await.status(), 409);
    let refused = app
        .post_form(&client, &round.path("/cancel"), &[("confirm", "on")])
        .await;
    assert_eq!(refused.status(), 409);
    assert_eq!(
        app.count(
            "select count(*) from interview_round where id = $1",
            round.id
        )
        .await,
        1
    );
}

/// Doubts count in working days: one raised on Monday 30 November has been
/// open more than three of them on Friday 4 December.
#[tokio::test]
async fn a_doubt_open_more_than_three_working_days_brings_a_daily_digest_unless_turned_off() {
    let app = TestApp::spawn().await;
    let (round, manager, member) = past_round(&app).await;
    let description = "Claims of leading the migration do not match the reference.";
    Case::new(&app.pool)
        .raise_doubt(
            (round.id, member.user.id),
            1,
            (DoubtCategory::Competence, DoubtMethod::CheckReferences),
            description,
        )
        .await
        .unwrap();
    sqlx::query("update doubt set raised_at = $1")
        .bind(oslo(2026, 11, 30, 10))
        .execute(&app.pool)
        .await
        .unwrap();
    let digests = || async {
        sqlx::query_scalar::<_, String>(
            "select subject || ' | ' || body::text from mail_outbox
              where kind = 'doubt_digest' and recipient_id = $1 order by created_at",
        )
        .bind(manager.user.id)
        .fetch_all(&app.pool)
        .await
        .unwrap()
    };
    scan_at(&app, oslo(2026, 12, 3, 12)).await;
    assert!(
        digests().await.is_empty(),
        "three working days are not more than three"
    );
    scan_at(&app, oslo(2026, 12, 4, 8)).await;
    scan_at(&app, oslo(2026, 12, 4, 16)).await;
    scan_at(&app, oslo(2026, 12, 5, 12)).await;
    let sent = digests().await;
    assert_eq!(sent.len(), 1, "once on Friday, none on Saturday: {sent:?}");
    assert!(sent[0].starts_with("Doubts still open: 1"), "{sent:?}");
    assert!(
        sent[0].contains("Ingrid Solberg"),
        "names the candidate: {sent:?}"
    );
    assert!(
        !sent[0].contains("migration"),
        "never the doubt's text: {sent:?}"
    );
    scan_at(&app, oslo(2026, 12, 7, 8)).await;
    assert_eq!(digests().await.len(), 2, "again on Monday");

    // Digests turned off (reminders kept): no more.
    let saved = app
        .post_form(&manager.client, "/settings", &[("reminders", "on")])
        .await;
    assert_eq!(saved.status(), 303);
    scan_at(&app, oslo(2026, 12, 8, 8)).await;
    assert_eq!(digests().await.len(), 2);
}

#[tokio::test]
async fn a_stalling_server_times_out_and_the_mail_waits_for_the_next_try() {
    // Connections are accepted by the kernel, but nobody ever answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let app = TestApp::spawn().await;
    let p = planning(&app, "ola@example.no").await;
    plan(&app, &p).await;
    let config = MailConfig {
        smtp_url: Some(SecretUrl::new(format!("smtp://127.0.0.1:{port}?tls=none"))),
        smtp_timeout_secs: 1,
        ..MailConfig::for_tests()
    };
    let sender = Sender::from_config(&config).unwrap().unwrap();
    assert_eq!(sender.deliver_due(&app.pool).await.unwrap(), 2);
    let rows: Vec<(String, i32, String)> =
        sqlx::query_as("select state, attempts, last_error from mail_outbox")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    for (state, attempts, error) in rows {
        assert_eq!((state.as_str(), attempts), ("pending", 1));
        assert!(error.contains("did not answer within 1 s"), "{error}");
    }
    drop(silent);
}

#[tokio::test]
async fn an_address_that_cannot_be_written_fails_for_good_with_the_reason() {
    let server = SmtpServer::start();
    let app = TestApp::spawn().await;
    let p = planning(&app, "ola@example.no").await;
    sqlx::query("update app_user set email = 'ola at example' where id = $1")
        .bind(p.expert.id)
        .execute(&app.pool)
        .await
        .unwrap();
    plan(&app, &p).await;
    sender_to(&server.url())
        .deliver_due(&app.pool)
        .await
        .unwrap();
    let (state, error): (String, String) = sqlx::query_as(
        "select state, last_error from mail_outbox where recipient = 'ola at example'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(state, "failed");
    assert!(error.contains("not a deliverable address"), "{error}");
    assert_eq!(server.wait_for(1).await.len(), 1, "the manager's went");
}

#[tokio::test]
async fn mail_about_a_candidate_is_in_their_export_and_goes_with_the_purge() {
    let app = TestApp::spawn().await;
    let p = planning(&app, "ola@example.no").await;
    plan(&app, &p).await;
    let (hr, _) = app.login_as(Role::Hr).await;
    let export: serde_json::Value = app
        .get(&hr, &format!("/candidates/{}/export.json", p.candidate))
        .await
        .json()
        .await
        .unwrap();
    let mail = export["mail"].as_array().expect("the export lists mail");
    assert_eq!(mail.len(), 2);
    assert!(
        mail[0]["subject"]
            .as_str()
            .unwrap()
            .contains("Kari Nordmann")
    );

    sqlx::query(
        "update position set status = 'closed', closed_at = now() - interval '13 months' where id = $1",
    )
    .bind(p.position)
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        secondround::privacy::purge::run(&app.pool).await.unwrap(),
        1
    );
    assert_eq!(count(&app, "select count(*) from mail_outbox").await, 0);
}

#[tokio::test]
async fn a_reminder_scan_runs_once_across_instances() {
    let app = TestApp::spawn().await;
    let (_round, manager, member) = past_round(&app).await;
    let tuesday = oslo(2026, 12, 1, 12);

    // While another instance scans, this one leaves it be.
    let (holding_tx, holding) = tokio::sync::oneshot::channel();
    let (release, released) = tokio::sync::oneshot::channel::<()>();
    let pool = app.pool.clone();
    let other = tokio::spawn(async move {
        secondround::db::once(&pool, secondround::db::Job::ReminderScan, || async move {
            holding_tx.send(()).ok();
            released.await.ok();
            Ok(())
        })
        .await
        .unwrap()
    });
    holding.await.expect("the other instance took the scan");
    assert_eq!(
        reminders::scan_once(&app.pool, tuesday).await.unwrap(),
        None
    );
    assert!(reminders_to(&app, member.user.id).await.is_empty());
    drop(release);
    assert_eq!(other.await.unwrap(), Some(()));

    // Two instances ticking at once: one reminder per member.
    let (a, b) = tokio::join!(
        reminders::scan_once(&app.pool, tuesday),
        reminders::scan_once(&app.pool, tuesday)
    );
    let written: usize = [a.unwrap(), b.unwrap()].into_iter().flatten().sum();
    assert_eq!(written, 2);
    assert_eq!(reminders_to(&app, member.user.id).await.len(), 1);
    assert_eq!(reminders_to(&app, manager.user.id).await.len(), 1);
}
