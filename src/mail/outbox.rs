//! The outbox: a mail is a row written in the same transaction as the change it
//! tells of, so a change is never made without its mail nor a mail sent for a
//! change that was rolled back. The sender (`mail::sender`) delivers the rows.

use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::i18n::Locale;

crate::coded_enum! {
    /// `mail_outbox.kind`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum MailKind {
        Invitation = "invitation",
        InvitationUpdate = "invitation_update",
        InvitationCancel = "invitation_cancel",
        Reminder = "reminder",
        PanelReady = "panel_ready",
        DoubtDigest = "doubt_digest",
        DoubtRaised = "doubt_raised",
        DoubtSettled = "doubt_settled",
        Decision = "decision",
        FollowUpDue = "follow_up_due",
    }
}

crate::coded_enum! {
    /// `mail_outbox.state`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum MailState {
        Pending = "pending",
        Sent = "sent",
        Failed = "failed",
    }
}

crate::coded_enum! {
    /// `mail_outbox.calendar_method`: a new or changed entry, or its removal.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "UPPERCASE")]
    pub enum CalendarMethod {
        Request = "REQUEST",
        Cancel = "CANCEL",
    }
}

/// What a mail says, rendered to text and HTML when it is sent. Only names,
/// the position, times and places: never ratings, notes, doubts' text or results.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailBody {
    pub intro: String,
    /// Label and value, one line each ("Time", "Tuesday 3 March 09:00 (Europe/Oslo)").
    pub lines: Vec<(String, String)>,
    /// Where the reader goes next, a path in the app (sign-in needed).
    pub link: String,
    pub link_label: String,
    pub outro: String,
}

/// A mail to write to the outbox.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub kind: MailKind,
    pub recipient_id: Uuid,
    pub recipient: String,
    pub locale: Locale,
    pub candidate_id: Option<Uuid>,
    pub round_id: Option<Uuid>,
    pub subject: String,
    pub body: MailBody,
    pub calendar: Option<(CalendarMethod, String)>,
    /// Writes the mail only if none with this key was written before.
    pub dedupe_key: Option<String>,
}

/// Writes the mail; `false` when its dedupe key was taken (already written).
pub async fn enqueue(conn: &mut PgConnection, mail: NewMail) -> sqlx::Result<bool> {
    let id = Uuid::new_v4();
    let (method, calendar) = mail.calendar.unzip();
    let written = sqlx::query!(
        r#"insert into mail_outbox
               (id, kind, recipient_id, recipient, candidate_id, round_id, locale, subject, body,
                calendar, calendar_method, dedupe_key, message_id)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           on conflict (dedupe_key) do nothing"#,
        id,
        mail.kind as MailKind,
        mail.recipient_id,
        mail.recipient,
        mail.candidate_id,
        mail.round_id,
        mail.locale as Locale,
        mail.subject,
        serde_json::to_value(&mail.body).unwrap_or_default(),
        calendar,
        method as Option<CalendarMethod>,
        mail.dedupe_key,
        format!("<{id}@secondround>"),
    )
    .execute(conn)
    .await?
    .rows_affected()
        == 1;
    Ok(written)
}
