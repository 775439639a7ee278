//! Notices written in the transaction of the change they tell of: the panel is
//! done (to the hiring manager, once per round), a doubt raised (to the hiring
//! manager) or settled (to whoever raised it), a decision (to the panel). They
//! name the candidate and the position, never ratings, notes or a doubt's text.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::i18n::Locale;
use crate::mail::outbox::{self, MailBody, MailKind, NewMail};
use crate::mail::text::MailText;

struct Recipient {
    id: Uuid,
    email: String,
    locale: Locale,
}

struct About {
    candidate_id: Uuid,
    candidate: String,
    position: String,
}

async fn about(conn: &mut PgConnection, candidate_id: Uuid) -> sqlx::Result<About> {
    sqlx::query_as!(
        About,
        r#"select c.id as candidate_id, c.name as candidate, p.title as position
             from candidate c join position p on p.id = c.position_id where c.id = $1"#,
        candidate_id,
    )
    .fetch_one(conn)
    .await
}

async fn hiring_manager(
    conn: &mut PgConnection,
    candidate_id: Uuid,
) -> sqlx::Result<Option<Recipient>> {
    sqlx::query_as!(
        Recipient,
        r#"select u.id, u.email, u.locale as "locale: Locale"
             from candidate c join position p on p.id = c.position_id
             join app_user u on u.id = p.hiring_manager_id
            where c.id = $1 and not u.disabled"#,
        candidate_id,
    )
    .fetch_optional(conn)
    .await
}

struct Notice<'a> {
    kind: MailKind,
    subject: fn(&MailText) -> &'static str,
    intro: fn(&MailText) -> &'static str,
    link: String,
    link_label: fn(&MailText) -> &'static str,
    who: &'a str,
    round_id: Option<Uuid>,
    dedupe_key: Option<String>,
}

async fn send(
    conn: &mut PgConnection,
    to: Recipient,
    about: &About,
    notice: Notice<'_>,
) -> sqlx::Result<()> {
    let t = MailText::get(to.locale);
    let fill = |text: &str| {
        text.replace("{candidate}", &about.candidate)
            .replace("{position}", &about.position)
            .replace("{who}", notice.who)
    };
    let mail = NewMail {
        kind: notice.kind,
        recipient_id: to.id,
        recipient: to.email,
        locale: to.locale,
        candidate_id: Some(about.candidate_id),
        round_id: notice.round_id,
        subject: fill((notice.subject)(t)),
        body: MailBody {
            intro: fill((notice.intro)(t)),
            lines: vec![
                (t.line_candidate.to_owned(), about.candidate.clone()),
                (t.line_position.to_owned(), about.position.clone()),
            ],
            link: notice.link,
            link_label: (notice.link_label)(t).to_owned(),
            outro: String::new(),
        },
        calendar: None,
        dedupe_key: notice.dedupe_key,
    };
    outbox::enqueue(conn, mail).await?;
    Ok(())
}

/// The whole panel has submitted: the hiring manager hears once per round,
/// also when a reopened member submits again.
pub async fn panel_ready(conn: &mut PgConnection, round_id: Uuid) -> sqlx::Result<()> {
    let candidate_id = sqlx::query_scalar!(
        "select candidate_id from interview_round where id = $1",
        round_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let Some(manager) = hiring_manager(conn, candidate_id).await? else {
        return Ok(());
    };
    let about = about(conn, candidate_id).await?;
    let notice = Notice {
        kind: MailKind::PanelReady,
        subject: |t| t.ready_subject,
        intro: |t| t.ready_intro,
        link: format!("/rounds/{round_id}/debrief"),
        link_label: |t| t.open_debrief,
        who: "",
        round_id: Some(round_id),
        dedupe_key: Some(format!("panel_ready:{round_id}")),
    };
    send(conn, manager, &about, notice).await
}

/// A doubt was raised by `raised_by`: the hiring manager hears, unless it was them.
pub async fn doubt_raised(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    raised_by: Uuid,
) -> sqlx::Result<()> {
    let Some(manager) = hiring_manager(conn, candidate_id).await? else {
        return Ok(());
    };
    if manager.id == raised_by {
        return Ok(());
    }
    let who = sqlx::query_scalar!("select display_name from app_user where id = $1", raised_by)
        .fetch_one(&mut *conn)
        .await?;
    let about = about(conn, candidate_id).await?;
    let notice = Notice {
        kind: MailKind::DoubtRaised,
        subject: |t| t.doubt_raised_subject,
        intro: |t| t.doubt_raised_intro,
        link: format!("/candidates/{candidate_id}"),
        link_label: |t| t.open_candidate,
        who: &who,
        round_id: None,
        dedupe_key: None,
    };
    send(conn, manager, &about, notice).await
}

/// A doubt was settled by `settled_by`: whoever raised it hears, unless it was them.
pub async fn doubt_settled(
    conn: &mut PgConnection,
    doubt_id: Uuid,
    settled_by: Uuid,
) -> sqlx::Result<()> {
    let raiser = sqlx::query!(
        r#"select d.candidate_id, u.id as "user_id?", u.email as "email?",
                  u.locale as "locale?: Locale"
             from doubt d left join app_user u on u.id = d.raised_by and not u.disabled
            where d.id = $1"#,
        doubt_id,
    )
    .fetch_one(&mut *conn)
    .await?;
    let (Some(id), Some(email), Some(locale)) = (raiser.user_id, raiser.email, raiser.locale)
    else {
        return Ok(());
    };
    if id == settled_by {
        return Ok(());
    }
    let about = about(conn, raiser.candidate_id).await?;
    let notice = Notice {
        kind: MailKind::DoubtSettled,
        subject: |t| t.doubt_settled_subject,
        intro: |t| t.doubt_settled_intro,
        link: format!("/candidates/{}", raiser.candidate_id),
        link_label: |t| t.open_candidate,
        who: "",
        round_id: None,
        dedupe_key: None,
    };
    send(conn, Recipient { id, email, locale }, &about, notice).await
}

/// A final decision: everyone who sat on one of the candidate's panels hears
/// (not what was decided: they sign in for that).
pub async fn decided(
    conn: &mut PgConnection,
    candidate_id: Uuid,
    decided_by: Uuid,
) -> sqlx::Result<()> {
    let panel = sqlx::query_as!(
        Recipient,
        r#"select distinct u.id, u.email, u.locale as "locale: Locale"
             from panel_member pm
             join interview_round r on r.id = pm.round_id
             join app_user u on u.id = pm.user_id
            where r.candidate_id = $1 and u.id <> $2 and not u.disabled"#,
        candidate_id,
        decided_by,
    )
    .fetch_all(&mut *conn)
    .await?;
    if panel.is_empty() {
        return Ok(());
    }
    let about = about(conn, candidate_id).await?;
    for member in panel {
        let notice = Notice {
            kind: MailKind::Decision,
            subject: |t| t.decision_subject,
            intro: |t| t.decision_intro,
            link: format!("/candidates/{candidate_id}"),
            link_label: |t| t.open_candidate,
            who: "",
            round_id: None,
            dedupe_key: None,
        };
        send(conn, member, &about, notice).await?;
    }
    Ok(())
}
