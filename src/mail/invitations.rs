//! Invitations: each panel member gets the round in their own language with
//! the calendar entry attached; a change sends an update to those concerned,
//! a member taken off the panel gets a cancellation.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::{PanelRole, RoundLabels};
use crate::i18n::Locale;
use crate::mail::calendar::{self, Person, RoundEvent};
use crate::mail::outbox::{self, CalendarMethod, MailBody, MailKind, NewMail};
use crate::mail::text::MailText;
use crate::web::format;

/// What every invitation of a round says.
struct Round {
    id: Uuid,
    candidate_id: Uuid,
    candidate: String,
    position: String,
    scheduled_at: Option<DateTime<Utc>>,
    time_zone: String,
    duration_minutes: i32,
    location: String,
    organiser_name: String,
    organiser_email: String,
}

struct Member {
    user_id: Uuid,
    email: String,
    name: String,
    locale: Locale,
    role: Option<PanelRole>,
    /// The sections this member's role leads in the interview.
    leads: Vec<String>,
}

/// Why a member hears about the round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// A new round, or a member newly on its panel.
    Invited,
    /// The time, place or panel changed.
    Changed,
    /// Taken off the panel.
    Removed,
    /// The round is cancelled (before it is deleted).
    Cancelled,
}

/// Writes one mail per member in `members`, each with its calendar entry.
pub async fn notify(
    conn: &mut PgConnection,
    round_id: Uuid,
    members: &[Uuid],
    notice: Notice,
) -> sqlx::Result<()> {
    if members.is_empty() {
        return Ok(());
    }
    let round = sqlx::query_as!(
        Round,
        r#"select r.id, r.candidate_id, c.name as candidate, p.title as position,
                  r.scheduled_at as "scheduled_at: _", r.time_zone, r.duration_minutes, r.location,
                  hm.display_name as organiser_name, hm.email as organiser_email
             from interview_round r
             join candidate c on c.id = r.candidate_id
             join position p on p.id = c.position_id
             join app_user hm on hm.id = p.hiring_manager_id
            where r.id = $1"#,
        round_id,
    )
    .fetch_one(&mut *conn)
    .await?;
    let people = sqlx::query!(
        r#"select u.id, u.email, u.display_name, u.locale as "locale: Locale",
                  pm.panel_role as "panel_role?: PanelRole",
                  array(select distinct q.section_title from round_question q
                         where q.round_id = $1 and q.section_led_by = pm.panel_role
                         order by q.section_title) as "leads!"
             from app_user u
             left join panel_member pm on pm.user_id = u.id and pm.round_id = $1
            where u.id = any($2)
            order by u.display_name"#,
        round_id,
        members,
    )
    .fetch_all(&mut *conn)
    .await?;
    for person in people {
        let member = Member {
            user_id: person.id,
            email: person.email,
            name: person.display_name,
            locale: person.locale,
            role: person.panel_role,
            leads: person.leads,
        };
        let sequence = next_sequence(conn, round.id, member.user_id).await?;
        outbox::enqueue(conn, mail(&round, &member, notice, sequence)).await?;
    }
    Ok(())
}

/// The entry's SEQUENCE: 0 for the first mail, one more for every mail after.
async fn next_sequence(
    conn: &mut PgConnection,
    round_id: Uuid,
    user_id: Uuid,
) -> sqlx::Result<i32> {
    sqlx::query_scalar!(
        "insert into round_invitation (round_id, user_id) values ($1, $2)
         on conflict (round_id, user_id) do update set sequence = round_invitation.sequence + 1
         returning sequence",
        round_id,
        user_id,
    )
    .fetch_one(conn)
    .await
}

fn mail(round: &Round, member: &Member, notice: Notice, sequence: i32) -> NewMail {
    let t = MailText::get(member.locale);
    let fill = |text: &str| {
        text.replace("{candidate}", &round.candidate)
            .replace("{position}", &round.position)
    };
    let when = round.scheduled_at.map(|at| {
        format!(
            "{} ({})",
            format::date_time(at, &round.time_zone),
            round.time_zone
        )
    });
    let short_when = round
        .scheduled_at
        .map(|at| format::date_time(at, &round.time_zone))
        .unwrap_or_default();
    let (kind, subject, intro, method) = match notice {
        Notice::Invited => (
            MailKind::Invitation,
            fill(t.invite_subject).replace("{when}", &short_when),
            fill(t.invite_intro),
            CalendarMethod::Request,
        ),
        Notice::Changed => (
            MailKind::InvitationUpdate,
            fill(t.update_subject).replace("{when}", &short_when),
            fill(t.update_intro),
            CalendarMethod::Request,
        ),
        Notice::Removed => (
            MailKind::InvitationCancel,
            fill(t.cancel_subject),
            fill(t.cancel_removed_intro),
            CalendarMethod::Cancel,
        ),
        Notice::Cancelled => (
            MailKind::InvitationCancel,
            fill(t.cancel_subject),
            fill(t.cancel_round_intro),
            CalendarMethod::Cancel,
        ),
    };
    let mut lines = vec![
        (t.line_candidate.to_owned(), round.candidate.clone()),
        (t.line_position.to_owned(), round.position.clone()),
    ];
    if let Some(when) = &when {
        lines.push((t.line_time.to_owned(), when.clone()));
    }
    lines.push((
        t.line_duration.to_owned(),
        t.minutes
            .replace("{n}", &round.duration_minutes.to_string()),
    ));
    let place = if round.location.trim().is_empty() {
        t.place_not_set.to_owned()
    } else {
        round.location.clone()
    };
    lines.push((t.line_place.to_owned(), place));
    let cancels = method == CalendarMethod::Cancel;
    if !cancels {
        if let Some(role) = member.role {
            lines.push((
                t.line_role.to_owned(),
                RoundLabels::get(member.locale)
                    .panel_role(role.code())
                    .to_owned(),
            ));
        }
        if !member.leads.is_empty() {
            lines.push((t.line_lead.to_owned(), member.leads.join(", ")));
        }
    }
    let link = format!("/rounds/{}", round.id);
    let calendar = round.scheduled_at.map(|start| {
        let description = lines
            .iter()
            .map(|(label, value)| format!("{label}: {value}"))
            .collect::<Vec<_>>()
            .join("\n");
        let event = RoundEvent {
            uid: calendar::member_uid(round.id, member.user_id),
            sequence: u32::try_from(sequence).unwrap_or(0),
            start,
            minutes: round.duration_minutes.into(),
            summary: &subject,
            location: &round.location,
            description: &description,
            url: None,
        };
        let organiser = Person {
            name: &round.organiser_name,
            email: &round.organiser_email,
        };
        let attendee = Person {
            name: &member.name,
            email: &member.email,
        };
        match method {
            CalendarMethod::Request => (method, calendar::request(&event, organiser, attendee)),
            CalendarMethod::Cancel => (method, calendar::cancel(&event, organiser, attendee)),
        }
    });
    NewMail {
        kind,
        recipient_id: member.user_id,
        recipient: member.email.clone(),
        locale: member.locale,
        candidate_id: Some(round.candidate_id),
        round_id: Some(round.id),
        subject: subject.clone(),
        body: MailBody {
            intro,
            lines,
            link: if notice == Notice::Removed {
                String::new()
            } else {
                link
            },
            link_label: t.open_round.to_owned(),
            outro: String::new(),
        },
        calendar,
        dedupe_key: None,
    }
}
