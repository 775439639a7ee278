//! Planning a round: the form parsed into a time-zone-aware time, a panel with
//! roles and a template, and the round created with its snapshot in one transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use sqlx::PgPool;
use uuid::Uuid;

use crate::candidates::status::{self, CandidateStatus, Decided};
use crate::i18n::Locale;
use crate::mail::invitations::{self, Notice};
use crate::rounds::snapshot;
use crate::rounds::text::RoundText;
use crate::web::form::{MAX_NAME_CHARS, too_long};
use crate::web::format::DEFAULT_TIME_ZONE;

/// Time zones offered in the form, the default first; any valid IANA name is accepted.
pub const TIME_ZONES: [Tz; 8] = [
    DEFAULT_TIME_ZONE,
    chrono_tz::Europe::Stockholm,
    chrono_tz::Europe::Copenhagen,
    chrono_tz::Europe::Helsinki,
    chrono_tz::Europe::London,
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::UTC,
];

// The panel role is a domain word, below the records that read it.
pub use crate::domain::PanelRole;

/// The planning form as posted. The panel comes as one `panel_{user id}` field
/// per person, so it is read from the raw pairs.
#[derive(Debug, Default, Clone)]
pub struct PlanForm {
    pub candidate_id: String,
    pub date: String,
    pub time: String,
    pub time_zone: String,
    pub duration_minutes: String,
    pub location: String,
    pub template_id: String,
    /// A fresh id per planning form, so posting the same form twice plans once.
    pub plan_id: String,
    /// User id (as posted) → panel role code; empty codes mean "not on the panel".
    pub panel: BTreeMap<String, String>,
}

impl PlanForm {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> PlanForm {
        let mut form = PlanForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "candidate_id" => form.candidate_id = value,
                "date" => form.date = value,
                "time" => form.time = value,
                "time_zone" => form.time_zone = value,
                "duration_minutes" => form.duration_minutes = value,
                "location" => form.location = value,
                "template_id" => form.template_id = value,
                "plan_id" => form.plan_id = value,
                other => {
                    if let Some(user) = other.strip_prefix("panel_")
                        && !value.trim().is_empty()
                    {
                        form.panel.insert(user.to_owned(), value);
                    }
                }
            }
        }
        form
    }

    /// Someone is chosen, and nobody as the subject-matter expert.
    pub fn lacks_expert(&self) -> bool {
        !self.panel.is_empty()
            && !self
                .panel
                .values()
                .any(|role| role == PanelRole::SubjectMatterExpert.code())
    }

    pub fn role_of(&self, user_id: &Uuid) -> &str {
        self.panel
            .get(&user_id.to_string())
            .map(String::as_str)
            .unwrap_or("")
    }
}

#[derive(Debug)]
pub struct ValidPlan {
    pub candidate_id: Uuid,
    pub scheduled_at: DateTime<Utc>,
    pub time_zone: Tz,
    pub duration_minutes: i32,
    pub location: String,
    pub template_id: Uuid,
    pub panel: Vec<(Uuid, PanelRole)>,
    /// Missing or garbled on a hand-made post: then there is nothing to match a repeat by.
    pub plan_id: Option<Uuid>,
}

impl ValidPlan {
    pub fn has_expert(&self) -> bool {
        self.panel
            .iter()
            .any(|(_, role)| *role == PanelRole::SubjectMatterExpert)
    }
}

/// Years a round may be planned in; anything else is a typing error (and
/// far-off years are outside what the database can store).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2999;

/// Why the planning form cannot become a plan, beside the field at fault; the
/// handler says it in the viewer's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanRefusal {
    /// Over `MAX_NAME_CHARS`.
    LocationTooLong,
    /// Not a candidate of the position.
    CandidateInvalid,
    TimeZoneInvalid,
    /// Not a date, or outside `YEARS`.
    DateInvalid,
    TimeInvalid,
    /// A time the clocks skip that day in that time zone.
    TimeMissing,
    /// Not 15 to 600 minutes.
    DurationInvalid,
    TemplateInvalid,
    /// One person twice on the panel.
    PanelTwice,
    /// Not an active user, or not a panel role.
    PanelInvalid,
    PanelEmpty,
}

impl PlanRefusal {
    /// The form field the refusal is shown beside.
    pub fn field(self) -> &'static str {
        match self {
            PlanRefusal::LocationTooLong => "location",
            PlanRefusal::CandidateInvalid => "candidate_id",
            PlanRefusal::TimeZoneInvalid => "time_zone",
            PlanRefusal::DateInvalid => "date",
            PlanRefusal::TimeInvalid | PlanRefusal::TimeMissing => "time",
            PlanRefusal::DurationInvalid => "duration_minutes",
            PlanRefusal::TemplateInvalid => "template_id",
            PlanRefusal::PanelTwice | PlanRefusal::PanelInvalid | PlanRefusal::PanelEmpty => {
                "panel"
            }
        }
    }
}

/// A local date and time in `tz` as an instant. A time skipped by a clock
/// change is refused; a repeated one means its first occurrence.
pub fn local_to_utc(date: &str, time: &str, tz: Tz) -> Result<DateTime<Utc>, PlanRefusal> {
    let date = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .ok()
        .filter(|date| YEARS.contains(&date.year()))
        .ok_or(PlanRefusal::DateInvalid)?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time.trim(), "%H:%M:%S"))
        .map_err(|_| PlanRefusal::TimeInvalid)?;
    match tz.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => Ok(at.with_timezone(&Utc)),
        LocalResult::None => Err(PlanRefusal::TimeMissing),
    }
}

/// What a posted id must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// A candidate of the position.
    Candidate,
    Template,
    /// An active user.
    User,
}

/// Checks the form's own values; whether the candidate, template and panel
/// exist, as what they are posted as, is checked against the database by the
/// caller (`known`).
pub fn validate(
    form: &PlanForm,
    known: impl Fn(IdKind, &Uuid) -> bool,
) -> Result<ValidPlan, Vec<PlanRefusal>> {
    let mut refusals = Vec::new();
    if too_long(&form.location, MAX_NAME_CHARS) {
        refusals.push(PlanRefusal::LocationTooLong);
    }
    let candidate_id = Uuid::parse_str(form.candidate_id.trim())
        .ok()
        .filter(|id| known(IdKind::Candidate, id));
    if candidate_id.is_none() {
        refusals.push(PlanRefusal::CandidateInvalid);
    }
    let time_zone = form.time_zone.trim().parse::<Tz>().ok();
    if time_zone.is_none() {
        refusals.push(PlanRefusal::TimeZoneInvalid);
    }
    let scheduled_at = match local_to_utc(
        &form.date,
        &form.time,
        time_zone.unwrap_or(DEFAULT_TIME_ZONE),
    ) {
        Ok(at) => Some(at),
        Err(refusal) => {
            refusals.push(refusal);
            None
        }
    };
    let duration = match form.duration_minutes.trim().parse::<i32>() {
        Ok(minutes @ 15..=600) => Some(minutes),
        _ => {
            refusals.push(PlanRefusal::DurationInvalid);
            None
        }
    };
    let template_id = Uuid::parse_str(form.template_id.trim())
        .ok()
        .filter(|id| known(IdKind::Template, id));
    if template_id.is_none() {
        refusals.push(PlanRefusal::TemplateInvalid);
    }
    let mut panel: Vec<(Uuid, PanelRole)> = Vec::new();
    for (user, role) in &form.panel {
        match (
            Uuid::parse_str(user)
                .ok()
                .filter(|id| known(IdKind::User, id)),
            PanelRole::parse(role),
        ) {
            // One id under two spellings (upper and lower case) is one person.
            (Some(user), Some(_)) if panel.iter().any(|(seated, _)| *seated == user) => {
                refusals.push(PlanRefusal::PanelTwice)
            }
            (Some(user), Some(role)) => panel.push((user, role)),
            _ => refusals.push(PlanRefusal::PanelInvalid),
        }
    }
    if form.panel.is_empty() {
        refusals.push(PlanRefusal::PanelEmpty);
    }
    match (candidate_id, scheduled_at, time_zone, duration, template_id) {
        (
            Some(candidate_id),
            Some(scheduled_at),
            Some(time_zone),
            Some(duration_minutes),
            Some(template_id),
        ) if refusals.is_empty() => Ok(ValidPlan {
            candidate_id,
            scheduled_at,
            time_zone,
            duration_minutes,
            location: form.location.trim().to_owned(),
            template_id,
            panel,
            plan_id: Uuid::parse_str(form.plan_id.trim()).ok(),
        }),
        _ => Err(refusals),
    }
}

/// The form's plan id, or, when another candidate's round already took it, a key
/// derived from the plan id and this candidate (the same on every repeat).
async fn plan_key(
    conn: &mut sqlx::PgConnection,
    plan_id: Uuid,
    candidate_id: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        r#"select case when exists (select 1 from interview_round where plan_id = $1 and candidate_id <> $2)
                     then md5($1::text || '/' || $2::text)::uuid
                     else $1 end as "key!""#,
        plan_id,
        candidate_id,
    )
    .fetch_one(conn)
    .await
}

/// Why planning refused: a final decision stands for the candidate.
#[derive(Debug)]
pub struct AlreadyDecided {
    pub candidate_name: String,
    /// The candidate's status (hired, rejected) as the decision left it.
    pub status: CandidateStatus,
    pub decided: Decided,
}

/// What planning created.
#[derive(Debug)]
pub struct Planned {
    pub round_id: Uuid,
    pub round_number: i32,
    pub questions: u64,
    pub candidate_name: String,
    /// The same form had already planned this round; nothing new was created.
    pub repeated: bool,
}

/// Creates the round as the candidate's next (2 for the second interview, 3 and
/// up for extra interviews), its panel and its snapshot, all or nothing. The
/// carried-over and the open doubts' sections are in the guide's language, not
/// the planner's. A candidate with a final decision standing (hire, no hire)
/// gets no new round: that decision is answered instead.
pub async fn create(
    pool: &PgPool,
    plan: &ValidPlan,
    by: Uuid,
) -> sqlx::Result<Result<Planned, AlreadyDecided>> {
    let mut tx = pool.begin().await?;
    // Locks the candidate so two planners cannot take the same round number.
    let (candidate_name, current): (String, CandidateStatus) = sqlx::query!(
        r#"select name, status as "status: CandidateStatus" from candidate where id = $1 for update"#,
        plan.candidate_id,
    )
    .map(|row| (row.name, row.status))
    .fetch_one(&mut *tx)
    .await?;
    // The candidate lock above orders repeats of one form behind the first. A
    // form posted again for another candidate (back button, other candidate
    // chosen) plans that candidate's round under a key of its own.
    let plan_id = match plan.plan_id {
        Some(plan_id) => Some(plan_key(&mut tx, plan_id, plan.candidate_id).await?),
        None => None,
    };
    if let Some(plan_id) = plan_id {
        let earlier: Option<(Uuid, i32)> = sqlx::query!(
            "select id, round_number from interview_round where plan_id = $1 and candidate_id = $2",
            plan_id,
            plan.candidate_id,
        )
        .map(|row| (row.id, row.round_number))
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((round_id, round_number)) = earlier {
            return Ok(Ok(Planned {
                round_id,
                round_number,
                questions: 0,
                candidate_name,
                repeated: true,
            }));
        }
    }
    // Under the candidate's lock, like the decision itself.
    if let Some(decided) = status::decided(&mut tx, plan.candidate_id).await? {
        return Ok(Err(AlreadyDecided {
            candidate_name,
            status: current,
            decided,
        }));
    }
    let guide_locale: Locale = sqlx::query_scalar!(
        r#"select language as "language: Locale" from interview_template where id = $1"#,
        plan.template_id,
    )
    .fetch_one(&mut *tx)
    .await?;
    let carried_over_title = RoundText::get(guide_locale).carried_over;
    let (round_id, number): (Uuid, i32) = sqlx::query!(
        "insert into interview_round
             (candidate_id, round_number, scheduled_at, time_zone, duration_minutes, location, template_id, created_by, plan_id)
         values ($1, (select greatest(coalesce(max(round_number), 1) + 1, 2)
                        from interview_round where candidate_id = $1),
                 $2, $3, $4, $5, $6, $7, $8)
         returning id, round_number",
        plan.candidate_id,
        plan.scheduled_at as _, // chrono (see README, "Changing a query")
        plan.time_zone.name(),
        plan.duration_minutes,
        plan.location,
        plan.template_id,
        by,
        plan_id,
    )
    .map(|row| (row.id, row.round_number))
    .fetch_one(&mut *tx)
    .await?;
    let users: Vec<Uuid> = plan.panel.iter().map(|(user, _)| *user).collect();
    let roles: Vec<&str> = plan.panel.iter().map(|(_, role)| role.code()).collect();
    sqlx::query!(
        "insert into panel_member (round_id, user_id, panel_role)
         select $1, * from unnest($2::uuid[], $3::text[])",
        round_id,
        &users,
        &roles as &[&str],
    )
    .execute(&mut *tx)
    .await?;
    let doubts = snapshot::take_doubts(&mut tx, round_id, guide_locale).await?;
    let questions =
        doubts + snapshot::take(&mut tx, round_id, plan.template_id, carried_over_title).await?;
    // After the snapshot: the invitation names the sections each member leads.
    invitations::notify(&mut tx, round_id, &users, Notice::Invited).await?;
    if current == CandidateStatus::Shortlisted {
        status::change(
            &mut tx,
            plan.candidate_id,
            CandidateStatus::InSecondRound,
            by,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Ok(Planned {
        round_id,
        round_number: number,
        questions,
        candidate_name,
        repeated: false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Oslo;

    #[test]
    fn oslo_times_become_utc_across_summer_time() {
        let winter = local_to_utc("2026-01-15", "10:00", Oslo).unwrap();
        assert_eq!(winter.to_rfc3339(), "2026-01-15T09:00:00+00:00");
        let summer = local_to_utc("2026-07-01", "10:30", Oslo).unwrap();
        assert_eq!(summer.to_rfc3339(), "2026-07-01T08:30:00+00:00");
    }

    #[test]
    fn a_skipped_hour_is_refused_and_a_repeated_one_means_the_first() {
        assert_eq!(
            local_to_utc("2026-03-29", "02:30", Oslo),
            Err(PlanRefusal::TimeMissing)
        );
        let repeated = local_to_utc("2026-10-25", "02:30", Oslo).unwrap();
        assert_eq!(repeated.to_rfc3339(), "2026-10-25T00:30:00+00:00");
    }

    #[test]
    fn bad_dates_and_times_name_their_field() {
        let date = Err(PlanRefusal::DateInvalid);
        assert_eq!(local_to_utc("2026-02-30", "10:00", Oslo), date);
        assert_eq!(local_to_utc("", "10:00", Oslo), date);
        let time = Err(PlanRefusal::TimeInvalid);
        assert_eq!(local_to_utc("2026-02-01", "25:00", Oslo), time);
        assert_eq!(local_to_utc("-5000-12-01", "10:00", Oslo), date);
        assert_eq!(local_to_utc("20260-12-01", "10:00", Oslo), date);
    }

    fn form() -> PlanForm {
        PlanForm::from_pairs(vec![
            ("candidate_id".into(), Uuid::nil().to_string()),
            ("date".into(), "2026-12-01".into()),
            ("time".into(), "09:00".into()),
            ("time_zone".into(), DEFAULT_TIME_ZONE.name().into()),
            ("duration_minutes".into(), "90".into()),
            ("template_id".into(), Uuid::nil().to_string()),
            (format!("panel_{}", Uuid::nil()), "hr".into()),
            ("panel_ignored".into(), "".into()),
        ])
    }

    #[test]
    fn a_complete_form_is_a_plan_and_reports_a_missing_expert() {
        let plan = validate(&form(), |_, _| true).unwrap();
        assert_eq!(plan.panel, vec![(Uuid::nil(), PanelRole::Hr)]);
        assert!(!plan.has_expert());
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut bad = form();
        bad.time_zone = "Mars/Olympus".into();
        bad.duration_minutes = "5".into();
        bad.panel.clear();
        assert_eq!(
            validate(&bad, |_, _| false).unwrap_err(),
            [
                PlanRefusal::CandidateInvalid,
                PlanRefusal::TimeZoneInvalid,
                PlanRefusal::DurationInvalid,
                PlanRefusal::TemplateInvalid,
                PlanRefusal::PanelEmpty,
            ]
        );
        let mut role = form();
        role.panel.insert(Uuid::nil().to_string(), "boss".into());
        assert_eq!(
            validate(&role, |_, _| true).unwrap_err(),
            [PlanRefusal::PanelInvalid]
        );
    }
}
