//! Reminders and digests, looked for every few minutes by `serve` (`scan`):
//!
//! - a member who has not submitted some hours (24 by default) after the
//!   interview's scheduled end gets a reminder with what is missing, then one
//!   each working day (Monday to Friday in the round's zone), at most three by
//!   default; none once they submit or the round is closed;
//! - a hiring manager gets a digest, once a working day, while a candidate of
//!   theirs has a doubt open for more than three working days (by default).
//!
//! Each may be turned off per person (`/settings`); an admin sets the numbers.
//! The rows being reminded are locked (`skip locked`) and every mail carries a
//! dedupe key, so two instances scanning at once write each reminder once.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::{self, Job};
use crate::i18n::Locale;
use crate::mail::outbox::{self, MailBody, MailKind, NewMail};
use crate::mail::text::MailText;
use crate::web::format::{self, DEFAULT_TIME_ZONE};

/// The admin's numbers (`setting`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Intervals {
    pub reminder_after_hours: i32,
    pub reminder_max: i32,
    pub digest_after_working_days: i32,
}

pub const REMINDER_AFTER_HOURS: std::ops::RangeInclusive<i32> = 1..=240;
pub const REMINDER_MAX: std::ops::RangeInclusive<i32> = 0..=10;
pub const DIGEST_AFTER_WORKING_DAYS: std::ops::RangeInclusive<i32> = 1..=30;

pub async fn intervals(pool: &PgPool) -> sqlx::Result<Intervals> {
    sqlx::query_as!(
        Intervals,
        "select reminder_after_hours, reminder_max, digest_after_working_days from setting"
    )
    .fetch_one(pool)
    .await
}

pub async fn set_intervals(pool: &PgPool, intervals: Intervals) -> sqlx::Result<()> {
    sqlx::query!(
        "update setting set reminder_after_hours = $1, reminder_max = $2, digest_after_working_days = $3",
        intervals.reminder_after_hours,
        intervals.reminder_max,
        intervals.digest_after_working_days,
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Working days after `from` up to and including `to` (0 when `to` is not later).
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    from.iter_days()
        .skip(1)
        .take_while(|day| *day <= to)
        .filter(|day| is_working_day(*day))
        .count() as i64
}

/// Whether reminder number `sent + 1` is due at `now`: the first once
/// `first_due` has passed, each next one on a later working day than the last,
/// all of them on working days in the round's zone.
pub fn reminder_due(
    sent: i32,
    last: Option<DateTime<Utc>>,
    first_due: DateTime<Utc>,
    tz: Tz,
    now: DateTime<Utc>,
) -> bool {
    let today = now.with_timezone(&tz).date_naive();
    if now < first_due || !is_working_day(today) {
        return false;
    }
    match (sent, last) {
        (0, _) | (_, None) => true,
        (_, Some(last)) => last.with_timezone(&tz).date_naive() < today,
    }
}

/// What `serve` runs: the scan, unless another instance is scanning right now
/// (`None`). The scan alone writes each mail once anyway (locked rows, dedupe
/// keys); the lock spares the second instance the work.
pub async fn scan_once(pool: &PgPool, now: DateTime<Utc>) -> sqlx::Result<Option<usize>> {
    db::once(pool, Job::ReminderScan, || scan(pool, now)).await
}

/// Writes every reminder and digest due at `now`; returns how many mails it wrote.
pub async fn scan(pool: &PgPool, now: DateTime<Utc>) -> sqlx::Result<usize> {
    let intervals = intervals(pool).await?;
    Ok(remind(pool, now, intervals).await?
        + digest(pool, now, intervals).await?
        + follow_ups(pool, now).await?)
}

/// A hire's follow-up that has fallen due tells the hiring manager, once.
async fn follow_ups(pool: &PgPool, now: DateTime<Utc>) -> sqlx::Result<usize> {
    let due = sqlx::query!(
        r#"select c.id as candidate_id, c.name as candidate, p.title as position,
                  u.id as manager_id, u.email, u.locale as "locale: Locale",
                  m.milestone as "milestone!"
             from candidate c
             join position p on p.id = c.position_id
             join app_user u on u.id = p.hiring_manager_id
             cross join setting s
             join lateral (select d.decided_at from decision d
                            where d.candidate_id = c.id and d.outcome = 'hire' and d.reopened_at is null
                            order by d.decided_at desc limit 1) h on true
             cross join lateral (values
                 ('probation', h.decided_at + make_interval(months => s.probation_months)),
                 ('twelve_months', h.decided_at + interval '12 months')) as m (milestone, due)
            where c.purged_at is null and not u.disabled and m.due <= $1
              and not exists (select 1 from follow_up f
                               where f.candidate_id = c.id and f.milestone = m.milestone)"#,
        now as _,
    )
    .fetch_all(pool)
    .await?;
    let mut written = 0;
    let mut conn = pool.acquire().await?;
    for hire in due {
        let t = MailText::get(hire.locale);
        let milestone = if hire.milestone == "probation" {
            t.follow_up_probation
        } else {
            t.follow_up_twelve_months
        };
        let mail = NewMail {
            kind: MailKind::FollowUpDue,
            recipient_id: hire.manager_id,
            recipient: hire.email,
            locale: hire.locale,
            candidate_id: Some(hire.candidate_id),
            round_id: None,
            subject: t.follow_up_subject.replace("{candidate}", &hire.candidate),
            body: MailBody {
                intro: t
                    .follow_up_intro
                    .replace("{candidate}", &hire.candidate)
                    .replace("{position}", &hire.position)
                    .replace("{milestone}", milestone),
                lines: vec![
                    (t.line_candidate.to_owned(), hire.candidate.clone()),
                    (t.line_position.to_owned(), hire.position.clone()),
                ],
                link: format!("/candidates/{}/follow-up", hire.candidate_id),
                link_label: t.open_follow_up.to_owned(),
                outro: String::new(),
            },
            calendar: None,
            dedupe_key: Some(format!(
                "follow_up:{}:{}",
                hire.candidate_id, hire.milestone
            )),
        };
        if outbox::enqueue(&mut conn, mail).await? {
            written += 1;
        }
    }
    Ok(written)
}

async fn remind(pool: &PgPool, now: DateTime<Utc>, intervals: Intervals) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    // Only rows whose first reminder is due; the working-day rule is applied below.
    let waiting = sqlx::query!(
        r#"select pm.id, pm.round_id, pm.reminders_sent,
                  pm.last_reminded_at as "last_reminded_at: DateTime<Utc>",
                  r.scheduled_at as "scheduled_at!: DateTime<Utc>", r.duration_minutes, r.time_zone,
                  r.candidate_id, c.name as candidate, p.title as position,
                  u.id as user_id, u.email, u.locale as "locale: Locale",
                  (select count(*) from round_question q
                    where q.round_id = pm.round_id and q.rated
                      and q.section_led_by in ('everyone', pm.panel_role)
                      and not exists (select 1 from rating ra
                                       where ra.round_question_id = q.id and ra.panel_member_id = pm.id)
                  ) as "missing!"
             from panel_member pm
             join interview_round r on r.id = pm.round_id
             join candidate c on c.id = r.candidate_id
             join position p on p.id = c.position_id
             join app_user u on u.id = pm.user_id
            where pm.submitted_at is null and r.status in ('planned', 'in_progress')
              and r.scheduled_at is not null and u.mail_reminders and not u.disabled
              and pm.reminders_sent < $1
              and r.scheduled_at + make_interval(mins => r.duration_minutes)
                  + make_interval(hours => $2) <= $3
            order by pm.id
            for update of pm skip locked"#,
        intervals.reminder_max,
        intervals.reminder_after_hours,
        now as _,
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut written = 0;
    for member in waiting {
        let tz: Tz = member.time_zone.parse().unwrap_or(DEFAULT_TIME_ZONE);
        let end = member.scheduled_at + Duration::minutes(member.duration_minutes.into());
        let first_due = end + Duration::hours(intervals.reminder_after_hours.into());
        if !reminder_due(
            member.reminders_sent,
            member.last_reminded_at,
            first_due,
            tz,
            now,
        ) {
            continue;
        }
        let number = member.reminders_sent + 1;
        let t = MailText::get(member.locale);
        let missing = if member.missing > 0 {
            t.questions_missing
                .replace("{n}", &member.missing.to_string())
        } else {
            t.recommendation_missing.to_owned()
        };
        let mail = NewMail {
            kind: MailKind::Reminder,
            recipient_id: member.user_id,
            recipient: member.email,
            locale: member.locale,
            candidate_id: Some(member.candidate_id),
            round_id: Some(member.round_id),
            subject: t.reminder_subject.replace("{candidate}", &member.candidate),
            body: MailBody {
                intro: t
                    .reminder_intro
                    .replace("{candidate}", &member.candidate)
                    .replace("{position}", &member.position)
                    .replace("{when}", &format::date_time(end, &member.time_zone)),
                lines: vec![
                    (t.line_candidate.to_owned(), member.candidate.clone()),
                    (t.line_position.to_owned(), member.position.clone()),
                    (t.line_missing.to_owned(), missing),
                    (
                        t.line_reminder.to_owned(),
                        t.reminder_count
                            .replace("{n}", &number.to_string())
                            .replace("{max}", &intervals.reminder_max.to_string()),
                    ),
                ],
                link: format!("/rounds/{}/interview", member.round_id),
                link_label: t.open_walk.to_owned(),
                outro: String::new(),
            },
            calendar: None,
            dedupe_key: Some(format!("reminder:{}:{number}", member.id)),
        };
        if outbox::enqueue(&mut tx, mail).await? {
            written += 1;
        }
        sqlx::query!(
            "update panel_member set reminders_sent = $2, last_reminded_at = $3 where id = $1",
            member.id,
            number,
            now as _,
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(written)
}

struct OpenDoubt {
    manager_id: Uuid,
    email: String,
    locale: Locale,
    candidate: String,
    position: String,
    raised_at: DateTime<Utc>,
}

async fn digest(pool: &PgPool, now: DateTime<Utc>, intervals: Intervals) -> sqlx::Result<usize> {
    // Digests count working days in the installation's zone.
    let today = now.with_timezone(&DEFAULT_TIME_ZONE).date_naive();
    if !is_working_day(today) {
        return Ok(0);
    }
    let open = sqlx::query_as!(
        OpenDoubt,
        r#"select u.id as manager_id, u.email, u.locale as "locale: Locale",
                  c.name as candidate, p.title as position,
                  min(d.raised_at) as "raised_at!: DateTime<Utc>"
             from doubt d
             join candidate c on c.id = d.candidate_id
             join position p on p.id = c.position_id
             join app_user u on u.id = p.hiring_manager_id
            where d.status = 'open' and u.mail_digests and not u.disabled
              and c.purged_at is null and d.raised_at <= $1
            group by u.id, c.id, p.id
            order by u.id, min(d.raised_at)"#,
        now as _,
    )
    .fetch_all(pool)
    .await?;
    let mut by_manager: BTreeMap<Uuid, Vec<OpenDoubt>> = BTreeMap::new();
    for doubt in open {
        let raised = doubt
            .raised_at
            .with_timezone(&DEFAULT_TIME_ZONE)
            .date_naive();
        if working_days_between(raised, today) > i64::from(intervals.digest_after_working_days) {
            by_manager.entry(doubt.manager_id).or_default().push(doubt);
        }
    }
    let mut written = 0;
    let mut conn = pool.acquire().await?;
    for (manager_id, doubts) in by_manager {
        let first = &doubts[0];
        let t = MailText::get(first.locale);
        let lines = doubts
            .iter()
            .map(|d| {
                (
                    format!("{} — {}", d.candidate, d.position),
                    format!("{} {}", t.line_open_since, format::date(d.raised_at)),
                )
            })
            .collect();
        let mail = NewMail {
            kind: MailKind::DoubtDigest,
            recipient_id: manager_id,
            recipient: first.email.clone(),
            locale: first.locale,
            // A digest names several candidates; it is kept with none of them
            // and purged by age with the rest of the outbox.
            candidate_id: None,
            round_id: None,
            subject: t.digest_subject.replace("{n}", &doubts.len().to_string()),
            body: MailBody {
                intro: t
                    .digest_intro
                    .replace("{days}", &intervals.digest_after_working_days.to_string()),
                lines,
                link: "/".to_owned(),
                link_label: t.open_dashboard.to_owned(),
                outro: String::new(),
            },
            calendar: None,
            dedupe_key: Some(format!("digest:{manager_id}:{today}")),
        };
        if outbox::enqueue(&mut conn, mail).await? {
            written += 1;
        }
    }
    Ok(written)
}

/// Runs in `serve`: looks for due reminders and digests every `every`.
pub fn spawn(pool: PgPool, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(err) = scan_once(&pool, Utc::now()).await {
                tracing::warn!(error = %err, "reminder scan failed");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn oslo(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        DEFAULT_TIME_ZONE
            .with_ymd_and_hms(y, m, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn working_days_skip_the_weekend() {
        let friday = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let monday = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let wednesday = NaiveDate::from_ymd_opt(2026, 12, 9).unwrap();
        assert_eq!(working_days_between(friday, monday), 1);
        assert_eq!(working_days_between(friday, wednesday), 3);
        assert_eq!(working_days_between(monday, friday), 0);
    }

    #[test]
    fn reminders_wait_for_the_first_due_time_then_one_per_working_day() {
        let tz = DEFAULT_TIME_ZONE;
        // The interview ended Thursday 3 December 10:00; the first is due Friday 10:00.
        let first_due = oslo(2026, 12, 4, 10);
        assert!(!reminder_due(0, None, first_due, tz, oslo(2026, 12, 4, 9)));
        assert!(reminder_due(0, None, first_due, tz, oslo(2026, 12, 4, 10)));
        let first_sent = oslo(2026, 12, 4, 10);
        // Not again on Friday, nor over the weekend; Monday it is.
        assert!(!reminder_due(
            1,
            Some(first_sent),
            first_due,
            tz,
            oslo(2026, 12, 4, 23)
        ));
        assert!(!reminder_due(
            1,
            Some(first_sent),
            first_due,
            tz,
            oslo(2026, 12, 5, 12)
        ));
        assert!(!reminder_due(
            1,
            Some(first_sent),
            first_due,
            tz,
            oslo(2026, 12, 6, 12)
        ));
        assert!(reminder_due(
            1,
            Some(first_sent),
            first_due,
            tz,
            oslo(2026, 12, 7, 8)
        ));
    }

    #[test]
    fn a_first_reminder_due_on_saturday_waits_for_monday() {
        let tz = DEFAULT_TIME_ZONE;
        let first_due = oslo(2026, 12, 5, 10);
        assert!(!reminder_due(0, None, first_due, tz, oslo(2026, 12, 5, 11)));
        assert!(!reminder_due(0, None, first_due, tz, oslo(2026, 12, 6, 11)));
        assert!(reminder_due(0, None, first_due, tz, oslo(2026, 12, 7, 7)));
    }
}
