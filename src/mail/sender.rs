//! Delivering the outbox. One mail at a time: its row is locked
//! (`for update skip locked`, so a second instance takes the next one and no mail
//! is sent twice by two instances), the mail is handed to the SMTP server, and the
//! row is marked in the same transaction.
//!
//! If the process dies after the server accepted a mail and before the row is
//! marked, the transaction is rolled back, the row is pending again and the mail is
//! sent once more after the restart, with the same Message-ID: delivery is at least
//! once, never lost, and a repeat is recognisable as the same mail.
//!
//! A temporary failure (no connection, a timeout, a 4xx answer) is tried again
//! after a growing pause; a permanent one (a 5xx answer, an address that cannot
//! be written) is kept as failed with its reason, for an admin to send again.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sqlx::PgPool;
use uuid::Uuid;

use crate::config::MailConfig;
use crate::i18n::Locale;
use crate::mail::message::{self, ComposeError, Letter};
use crate::mail::outbox::{CalendarMethod, MailBody};
use crate::mail::smtp::SmtpSettings;
use crate::redact::SecretUrl;

/// Everything the sender needs, built once at start.
#[derive(Clone)]
pub struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: Arc<str>,
    first_retry: Duration,
    /// The most one mail may take, however the server stalls.
    timeout: Duration,
}

/// The pause before attempt `attempts + 1`: the first retry within 30 seconds,
/// then three times longer each time, at most 15 minutes.
pub fn retry_after(attempts: i32, first: Duration) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(10);
    first
        .saturating_mul(3u32.saturating_pow(exponent))
        .min(MAX_RETRY)
}

pub const MAX_RETRY: Duration = Duration::from_secs(15 * 60);

enum Failure {
    Temporary(String),
    Permanent(String),
}

impl Sender {
    /// `None` when no SMTP server is configured: mail then stays in the outbox.
    pub fn from_config(config: &MailConfig) -> anyhow::Result<Option<Sender>> {
        let Some(url) = config
            .smtp_url
            .as_ref()
            .map(SecretUrl::expose)
            .filter(|_| config.sends())
        else {
            return Ok(None);
        };
        let settings = SmtpSettings::parse(url)?;
        let transport = settings
            .transport(config.smtp_timeout())
            .map_err(|err| anyhow::anyhow!("SECONDROUND_SMTP_URL: {err}"))?;
        let from = config.mail_from.parse().map_err(|err| {
            anyhow::anyhow!(
                "SECONDROUND_MAIL_FROM is not an address ({err}): write e.g. \"Secondround <rekruttering@firma.no>\""
            )
        })?;
        Ok(Some(Sender {
            transport,
            from,
            public_url: config.public_url.as_str().into(),
            first_retry: config.first_retry(),
            timeout: config.smtp_timeout(),
        }))
    }

    /// Delivers every mail that is due; returns how many were handled (sent or not).
    pub async fn deliver_due(&self, pool: &PgPool) -> sqlx::Result<usize> {
        let mut handled = 0;
        while self.deliver_next(pool).await? {
            handled += 1;
        }
        Ok(handled)
    }

    /// Takes the next due mail no other instance holds, tries it and records the outcome.
    async fn deliver_next(&self, pool: &PgPool) -> sqlx::Result<bool> {
        let mut tx = pool.begin().await?;
        let Some(row) = sqlx::query!(
            r#"select m.id, m.recipient, coalesce(u.display_name, m.recipient) as "recipient_name!",
                      m.locale as "locale: Locale", m.subject, m.body, m.calendar,
                      m.calendar_method as "calendar_method: CalendarMethod",
                      m.message_id, m.attempts
                 from mail_outbox m left join app_user u on u.id = m.recipient_id
                where m.state = 'pending' and m.next_attempt_at <= now()
                order by m.next_attempt_at, m.created_at
                limit 1
                for update of m skip locked"#
        )
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(false);
        };
        let letter = Letter {
            recipient: row.recipient,
            recipient_name: row.recipient_name,
            locale: row.locale,
            subject: row.subject,
            body: serde_json::from_value::<MailBody>(row.body).unwrap_or_default(),
            calendar: row.calendar_method.zip(row.calendar),
            message_id: row.message_id,
        };
        let outcome = self.send(&letter).await;
        let attempts = row.attempts + 1;
        match outcome {
            Ok(()) => {
                sqlx::query!(
                    "update mail_outbox set state = 'sent', sent_at = now(), attempts = $2, last_error = ''
                     where id = $1",
                    row.id,
                    attempts,
                )
                .execute(&mut *tx)
                .await?;
            }
            Err(Failure::Permanent(reason)) => {
                tracing::warn!(mail = %row.id, %reason, "mail refused for good");
                mark_failed(&mut tx, row.id, attempts, &reason).await?;
            }
            Err(Failure::Temporary(reason)) => {
                let pause = retry_after(attempts, self.first_retry);
                tracing::info!(mail = %row.id, %reason, retry_in_secs = pause.as_secs(), "mail not sent yet");
                let next = Utc::now()
                    + chrono::Duration::from_std(pause).unwrap_or(chrono::Duration::minutes(15));
                sqlx::query!(
                    "update mail_outbox set attempts = $2, last_error = $3, next_attempt_at = $4
                     where id = $1",
                    row.id,
                    attempts,
                    reason,
                    next as _,
                )
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn send(&self, letter: &Letter) -> Result<(), Failure> {
        let message =
            message::compose(letter, &self.from, &self.public_url).map_err(|err| match err {
                ComposeError::Address(_) | ComposeError::Build(_) => {
                    Failure::Permanent(err.to_string())
                }
            })?;
        // lettre bounds each step; this bounds the whole conversation, so a
        // server that accepts the connection and then says nothing cannot hold
        // the sender (and the row's lock) for longer.
        match tokio::time::timeout(self.timeout, self.transport.send(message)).await {
            Err(_) => Err(Failure::Temporary(format!(
                "the mail server did not answer within {} s",
                self.timeout.as_secs()
            ))),
            Ok(Ok(_)) => Ok(()),
            Ok(Err(err)) if err.is_permanent() => Err(Failure::Permanent(err.to_string())),
            Ok(Err(err)) => Err(Failure::Temporary(err.to_string())),
        }
    }
}

async fn mark_failed(
    conn: &mut sqlx::PgConnection,
    id: Uuid,
    attempts: i32,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update mail_outbox set state = 'failed', attempts = $2, last_error = $3 where id = $1",
        id,
        attempts,
        reason,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Runs in `serve`: delivers what is due, then waits a little, until the process ends.
pub fn spawn(pool: PgPool, sender: Sender, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match sender.deliver_due(&pool).await {
                Ok(_) => crate::monitoring::job_run("mail_delivery", "done"),
                Err(err) => {
                    crate::monitoring::job_run("mail_delivery", "failed");
                    tracing::warn!(error = %err, "mail delivery paused");
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_start_within_thirty_seconds_and_stop_growing_at_fifteen_minutes() {
        let first = Duration::from_secs(20);
        assert_eq!(retry_after(1, first), Duration::from_secs(20));
        assert_eq!(retry_after(2, first), Duration::from_secs(60));
        assert_eq!(retry_after(3, first), Duration::from_secs(180));
        assert_eq!(retry_after(4, first), Duration::from_secs(540));
        assert_eq!(retry_after(5, first), MAX_RETRY);
        assert_eq!(retry_after(500, first), MAX_RETRY);
    }
}
