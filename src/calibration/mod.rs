//! Interviewer calibration (`/interviewers`): for a period and optionally one
//! position, how each interviewer took part (rounds sat, submissions and how
//! soon after the interview, scores given, evidence behind the extreme scores,
//! their own focus, agreement with the decision) and how they score next to
//! the other members of the same panels (leniency, from `scoring::validity`).
//!
//! Admins and HR see everyone; a hiring manager the members of their
//! positions' panels and themselves; everyone else their own figures. Only
//! submitted scores count: until a member submits, their scores may change
//! and nobody else may compare against them.

mod text;

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::{Router, routing::get};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::{AnyRole, Role};
use crate::error::Result;
use crate::i18n::Locale;
use crate::scoring::validity::{self, Leniency, Paired};
use crate::state::AppState;
use crate::web::form::FormErrors;
use crate::web::format::{self, DEFAULT_TIME_ZONE};
use crate::web::layout::Layout;
pub use text::CalibrationText;

pub fn router() -> Router<AppState> {
    Router::new().route("/interviewers", get(page))
}

/// Who the viewer may see figures of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Everyone,
    /// Members of the panels of the viewer's positions, and the viewer.
    TheirPanels,
    Own,
}

impl Scope {
    fn of(role: Role) -> Scope {
        match role {
            Role::Admin | Role::Hr => Scope::Everyone,
            Role::Manager => Scope::TheirPanels,
            Role::Panelist => Scope::Own,
        }
    }
}

/// The filter as typed, kept on the page when refused.
#[derive(Debug, Default, Deserialize)]
struct FilterQuery {
    from: Option<String>,
    to: Option<String>,
    position: Option<String>,
}

/// The period `[from, to]` in whole days, and the position if one is chosen.
struct Filter {
    from: NaiveDate,
    to: NaiveDate,
    position: Option<Uuid>,
}

impl Filter {
    /// The past twelve months up to today, all positions.
    fn default_until(today: NaiveDate) -> Filter {
        Filter {
            from: today - Duration::days(365),
            to: today,
            position: None,
        }
    }

    /// Reads what was typed; a refused field keeps the default and is named.
    fn read(query: &FilterQuery, today: NaiveDate, t: &CalibrationText) -> (Filter, FormErrors) {
        let mut filter = Filter::default_until(today);
        let mut errors = FormErrors::default();
        let mut date =
            |field: &'static str, value: &Option<String>, into: &mut NaiveDate| match value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
            {
                None => {}
                Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                    Ok(day) => *into = day,
                    Err(_) => errors.add(field, t.date_invalid),
                },
            };
        date("from", &query.from, &mut filter.from);
        date("to", &query.to, &mut filter.to);
        if errors.is_empty() && filter.to < filter.from {
            errors.add("to", t.period_reversed);
            filter = Filter::default_until(today);
        }
        match query
            .position
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            None => {}
            Some(text) => match Uuid::parse_str(text) {
                Ok(id) => filter.position = Some(id),
                Err(_) => errors.add("position", t.position_unknown),
            },
        }
        (filter, errors)
    }

    /// The period's bounds as instants: from the first day's start to the end
    /// of the last, in the organisation's time zone.
    fn bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = |day: NaiveDate| {
            day.and_hms_opt(0, 0, 0)
                .and_then(|at| at.and_local_timezone(DEFAULT_TIME_ZONE).earliest())
                .map(|at| at.with_timezone(&Utc))
                .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN).and_utc())
        };
        (start(self.from), start(self.to + Duration::days(1)))
    }
}

/// One interviewer's figures, as counted in the database.
struct Counts {
    user_id: Uuid,
    name: String,
    rounds_sat: i64,
    submitted: i64,
    hours_to_submit: Option<f64>,
    /// How many 1s … 5s they gave, in submitted rounds.
    scores: [i64; 5],
    extremes: i64,
    extremes_noted: i64,
    rounds_with_focus: i64,
    focus_kept: i64,
    decided: i64,
    agreed: i64,
}

/// One interviewer as the page shows them.
struct Interviewer {
    counts: Counts,
    leniency: Option<Leniency>,
    chart: Chart,
}

/// The server-drawn chart: the scores given, 1 to 5, as bars, and where the
/// interviewer stands next to the others on a scale from −2 to +2.
struct Chart {
    bars: Vec<Bar>,
    /// x of the mean and of the interval's ends, when there are enough pairs.
    leniency: Option<(f64, f64, f64)>,
}

struct Bar {
    score: usize,
    count: i64,
    x: f64,
    y: f64,
    height: f64,
}

/// The chart's geometry (its `viewBox` is 300 × 130).
const BAR_BASE: f64 = 74.0;
const BAR_MAX: f64 = 56.0;
const STRIP_CENTRE: f64 = 150.0;
const STRIP_PER_POINT: f64 = 60.0;

impl Chart {
    fn draw(scores: &[i64; 5], leniency: Option<&Leniency>) -> Chart {
        let most = scores.iter().copied().max().unwrap_or(0).max(1) as f64;
        let bars = scores
            .iter()
            .enumerate()
            .map(|(index, &count)| {
                let height = BAR_MAX * count as f64 / most;
                Bar {
                    score: index + 1,
                    count,
                    x: 36.0 + index as f64 * 50.0,
                    y: BAR_BASE - height,
                    height,
                }
            })
            .collect();
        let at = |value: f64| STRIP_CENTRE + value.clamp(-2.0, 2.0) * STRIP_PER_POINT;
        let leniency = leniency.filter(|l| l.tells()).map(|l| {
            let (low, high) = l.interval.unwrap_or((l.mean, l.mean));
            (at(l.mean), at(low), at(high))
        });
        Chart { bars, leniency }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "calibration/interviewers.html")]
struct CalibrationPage {
    layout: Layout,
    t: &'static CalibrationText,
    locale: Locale,
    scope: &'static str,
    from: String,
    to: String,
    position: String,
    positions: Vec<(Uuid, String)>,
    errors: FormErrors,
    interviewers: Vec<Interviewer>,
    /// Admins are shown the way to the retrospectives of hires that went wrong.
    admin: bool,
}

impl CalibrationPage {
    fn of(&self, n: &i64, total: &i64) -> String {
        self.t
            .of
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
    }

    fn hours(&self, counts: &Counts) -> String {
        match counts.hours_to_submit {
            None => self.t.not_yet.to_owned(),
            Some(hours) if hours < 0.0 => self.t.before_end.to_owned(),
            Some(hours) => self.t.hours.replace(
                "{n}",
                &format::compact((hours * 10.0).round() / 10.0, self.locale),
            ),
        }
    }

    fn extremes(&self, counts: &Counts) -> String {
        if counts.extremes == 0 {
            return self.t.extremes_none.to_owned();
        }
        self.t
            .extremes_share
            .replace("{n}", &counts.extremes_noted.to_string())
            .replace("{total}", &counts.extremes.to_string())
            .replace(
                "{percent}",
                &format::percent(counts.extremes_noted as f64 / counts.extremes as f64),
            )
    }

    fn focus(&self, counts: &Counts) -> String {
        if counts.rounds_with_focus == 0 {
            return self.t.focus_none.to_owned();
        }
        self.t
            .focus_rounds
            .replace("{n}", &counts.focus_kept.to_string())
            .replace("{total}", &counts.rounds_with_focus.to_string())
    }

    fn agreement(&self, counts: &Counts) -> String {
        if counts.decided == 0 {
            return self.t.agreement_none.to_owned();
        }
        self.t
            .agreement_rounds
            .replace("{n}", &counts.agreed.to_string())
            .replace("{total}", &counts.decided.to_string())
    }

    fn signed(&self, value: f64) -> String {
        let text = format::decimal(value.abs(), self.locale);
        if value >= 0.005 {
            format!("+{text}")
        } else if value <= -0.005 {
            format!("−{text}")
        } else {
            format::decimal(0.0, self.locale)
        }
    }

    /// The leniency in words: too few to tell, in line, higher or lower.
    fn leniency(&self, interviewer: &Interviewer) -> String {
        let pairs = interviewer.leniency.map_or(0, |l| l.pairs);
        let Some(leniency) = interviewer.leniency.filter(Leniency::tells) else {
            return self
                .t
                .too_few
                .replace("{n}", &pairs.to_string())
                .replace("{min}", &validity::MIN_PAIRS.to_string());
        };
        let (low, high) = leniency.interval.unwrap_or((leniency.mean, leniency.mean));
        let reading = if low > 0.0 {
            self.t.higher
        } else if high < 0.0 {
            self.t.lower
        } else {
            self.t.in_line
        };
        reading
            .replace("{mean}", &self.signed(leniency.mean))
            .replace("{low}", &self.signed(low))
            .replace("{high}", &self.signed(high))
            .replace("{n}", &leniency.pairs.to_string())
    }

    fn chart_title(&self, interviewer: &Interviewer) -> String {
        self.t
            .chart_title
            .replace("{name}", &interviewer.counts.name)
    }

    fn chart_desc(&self, interviewer: &Interviewer) -> String {
        let counts = interviewer
            .counts
            .scores
            .iter()
            .enumerate()
            .map(|(index, count)| format!("{}: {count}", index + 1))
            .collect::<Vec<_>>()
            .join(", ");
        let leniency = match interviewer.leniency.filter(Leniency::tells) {
            Some(leniency) => self.signed(leniency.mean),
            None => self.t.chart_no_leniency.to_owned(),
        };
        self.t
            .chart_desc
            .replace("{counts}", &counts)
            .replace("{leniency}", &leniency)
    }

    /// The period's two fields: name, label and the value as typed.
    fn dates(&self) -> [(&'static str, &'static str, &str); 2] {
        [
            ("from", self.t.from, &self.from),
            ("to", self.t.to, &self.to),
        ]
    }

    fn position_selected(&self, id: &Uuid) -> bool {
        self.position == id.to_string()
    }
}

async fn page(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Query(query): Query<FilterQuery>,
) -> Result<Response> {
    let t = CalibrationText::get(auth.viewer.locale);
    let scope = Scope::of(auth.user.role);
    let today = Utc::now().with_timezone(&DEFAULT_TIME_ZONE).date_naive();
    let (filter, mut errors) = Filter::read(&query, today, t);
    let (from, until) = filter.bounds();

    let seats = sqlx::query!(
        r#"select pm.id, p.id as position_id, p.title
             from panel_member pm
             join interview_round r on r.id = pm.round_id
             join candidate c on c.id = r.candidate_id
             join position p on p.id = c.position_id
            where coalesce(r.scheduled_at, r.created_at) >= $1
              and coalesce(r.scheduled_at, r.created_at) < $2
              and c.purged_at is null
              and ($3 or (p.hiring_manager_id = $4 and $5) or pm.user_id = $4)"#,
        from as _,
        until as _,
        scope == Scope::Everyone,
        auth.user.id,
        scope == Scope::TheirPanels,
    )
    .fetch_all(&app.pool)
    .await?;
    let positions: BTreeMap<Uuid, String> = seats
        .iter()
        .map(|seat| (seat.position_id, seat.title.clone()))
        .collect();
    let mut position = filter.position;
    if let Some(id) = position.filter(|id| !positions.contains_key(id)) {
        // A position out of sight, or with nobody interviewed in the period.
        errors.add("position", t.position_unknown);
        tracing::debug!(%id, "calibration filter names a position out of scope");
        position = None;
    }
    let seat_ids: Vec<Uuid> = seats
        .iter()
        .filter(|seat| position.is_none_or(|id| seat.position_id == id))
        .map(|seat| seat.id)
        .collect();

    let counts = counts(&app.pool, &seat_ids).await?;
    let mut pairs = paired_scores(&app.pool, &seat_ids).await?;
    let interviewers = counts
        .into_iter()
        .map(|counts| {
            let leniency = validity::leniency(&pairs.remove(&counts.user_id).unwrap_or_default());
            let chart = Chart::draw(&counts.scores, leniency.as_ref());
            Interviewer {
                counts,
                leniency,
                chart,
            }
        })
        .collect();

    let mut titled: Vec<(Uuid, String)> = positions.into_iter().collect();
    titled.sort_by(|a, b| a.1.cmp(&b.1));
    let page = CalibrationPage {
        layout: auth.viewer.layout(t.title).await?,
        t,
        admin: auth.user.role == Role::Admin,
        locale: auth.viewer.locale,
        scope: match scope {
            Scope::Everyone => t.scope_all,
            Scope::TheirPanels => t.scope_panels,
            Scope::Own => t.scope_own,
        },
        from: query.from.unwrap_or_else(|| filter.from.to_string()),
        to: query.to.unwrap_or_else(|| filter.to.to_string()),
        position: query.position.unwrap_or_default(),
        positions: titled,
        errors,
        interviewers,
    };
    Ok((page.errors.status(), page).into_response())
}

/// Each interviewer's figures over the given seats, by name.
async fn counts(pool: &sqlx::PgPool, seat_ids: &[Uuid]) -> Result<Vec<Counts>> {
    let rows = sqlx::query!(
        r#"select pm.user_id, u.display_name,
                  count(*) as "rounds_sat!",
                  count(pm.submitted_at) as "submitted!",
                  percentile_cont(0.5) within group (order by
                      (extract(epoch from pm.submitted_at
                          - (r.scheduled_at + make_interval(mins => r.duration_minutes))) / 3600)::float8)
                      as hours_to_submit,
                  coalesce(sum(s.ones), 0)::bigint as "ones!",
                  coalesce(sum(s.twos), 0)::bigint as "twos!",
                  coalesce(sum(s.threes), 0)::bigint as "threes!",
                  coalesce(sum(s.fours), 0)::bigint as "fours!",
                  coalesce(sum(s.fives), 0)::bigint as "fives!",
                  coalesce(sum(s.extremes), 0)::bigint as "extremes!",
                  coalesce(sum(s.extremes_noted), 0)::bigint as "extremes_noted!",
                  count(*) filter (where f.questions > 0) as "rounds_with_focus!",
                  count(*) filter (where f.questions > 0 and f.scored = f.questions) as "focus_kept!",
                  count(a.agrees) as "decided!",
                  count(*) filter (where a.agrees) as "agreed!"
             from panel_member pm
             join app_user u on u.id = pm.user_id
             join interview_round r on r.id = pm.round_id
             cross join lateral (
                 select count(*) filter (where ra.score = 1) as ones,
                        count(*) filter (where ra.score = 2) as twos,
                        count(*) filter (where ra.score = 3) as threes,
                        count(*) filter (where ra.score = 4) as fours,
                        count(*) filter (where ra.score = 5) as fives,
                        count(*) filter (where ra.score in (1, 2, 5)) as extremes,
                        count(*) filter (where ra.score in (1, 2, 5)
                                           and length(trim(ra.evidence)) > 0) as extremes_noted
                   from rating ra
                  where ra.panel_member_id = pm.id and pm.submitted_at is not null
             ) s
             cross join lateral (
                 select count(*) as questions, count(ra.score) as scored
                   from round_question q
                   left join rating ra on ra.round_question_id = q.id and ra.panel_member_id = pm.id
                  where q.round_id = pm.round_id and q.rated and q.section_led_by = pm.panel_role
                    and pm.submitted_at is not null
             ) f
             left join lateral (
                 select (rec.verdict in ('yes', 'strong_yes')) = (d.outcome = 'hire') as agrees
                   from recommendation rec
                   join lateral (select d.outcome from decision d
                                  where d.candidate_id = r.candidate_id and d.reopened_at is null
                                    and d.outcome in ('hire', 'no_hire')
                                  order by d.decided_at desc limit 1) d on true
                  where rec.panel_member_id = pm.id
             ) a on true
            where pm.id = any($1)
            group by pm.user_id, u.display_name
            order by u.display_name, pm.user_id"#,
        seat_ids,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Counts {
            user_id: row.user_id,
            name: row.display_name,
            rounds_sat: row.rounds_sat,
            submitted: row.submitted,
            hours_to_submit: row.hours_to_submit,
            scores: [row.ones, row.twos, row.threes, row.fours, row.fives],
            extremes: row.extremes,
            extremes_noted: row.extremes_noted,
            rounds_with_focus: row.rounds_with_focus,
            focus_kept: row.focus_kept,
            decided: row.decided,
            agreed: row.agreed,
        })
        .collect())
}

/// Per interviewer, every (candidate, criterion) of the given seats that they
/// and at least one other member scored (submitted scores only): their mean
/// there, and the mean of the other members' means.
async fn paired_scores(
    pool: &sqlx::PgPool,
    seat_ids: &[Uuid],
) -> Result<BTreeMap<Uuid, Vec<Paired>>> {
    let rows = sqlx::query!(
        r#"with mine as (
               select distinct pm.user_id, r.candidate_id
                 from panel_member pm join interview_round r on r.id = pm.round_id
                where pm.id = any($1) and pm.submitted_at is not null
           ), means as (
               select pm.user_id, r.candidate_id, q.criterion_id, avg(ra.score)::float8 as mean
                 from rating ra
                 join panel_member pm on pm.id = ra.panel_member_id
                 join interview_round r on r.id = pm.round_id
                 join round_question q on q.id = ra.round_question_id
                where pm.submitted_at is not null and ra.score is not null
                  and q.criterion_id is not null
                  and r.candidate_id in (select candidate_id from mine)
                group by pm.user_id, r.candidate_id, q.criterion_id
           )
           select own.user_id as "user_id!", own.mean as "own!",
                  avg(other.mean)::float8 as "others!"
             from means own
             join mine on mine.user_id = own.user_id and mine.candidate_id = own.candidate_id
             join means other on other.candidate_id = own.candidate_id
                             and other.criterion_id = own.criterion_id
                             and other.user_id <> own.user_id
            group by own.user_id, own.candidate_id, own.criterion_id, own.mean"#,
        seat_ids,
    )
    .fetch_all(pool)
    .await?;
    let mut pairs: BTreeMap<Uuid, Vec<Paired>> = BTreeMap::new();
    for row in rows {
        pairs.entry(row.user_id).or_default().push(Paired {
            own: row.own,
            others: row.others,
        });
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_filter_keeps_a_good_period_and_names_a_bad_one() {
        let t = CalibrationText::get(Locale::En);
        let today = day("2026-12-04");
        let query = FilterQuery {
            from: Some("2026-01-01".into()),
            to: Some(" 2026-06-30 ".into()),
            position: None,
        };
        let (filter, errors) = Filter::read(&query, today, t);
        assert!(errors.is_empty());
        assert_eq!(
            (filter.from, filter.to),
            (day("2026-01-01"), day("2026-06-30"))
        );

        let query = FilterQuery {
            from: Some("2026-13-01".into()),
            to: Some("2026-06-30".into()),
            position: Some("nope".into()),
        };
        let (filter, errors) = Filter::read(&query, today, t);
        assert_eq!(errors.get("from"), Some(t.date_invalid));
        assert_eq!(errors.get("position"), Some(t.position_unknown));
        assert_eq!(filter.from, day("2025-12-04"), "the default stays");

        let query = FilterQuery {
            from: Some("2026-06-30".into()),
            to: Some("2026-01-01".into()),
            position: None,
        };
        let (_, errors) = Filter::read(&query, today, t);
        assert_eq!(errors.get("to"), Some(t.period_reversed));
    }

    #[test]
    fn the_period_runs_from_the_first_days_start_to_the_last_days_end_in_oslo() {
        let filter = Filter {
            from: day("2026-01-01"),
            to: day("2026-06-30"),
            position: None,
        };
        let (from, until) = filter.bounds();
        assert_eq!(from.to_rfc3339(), "2025-12-31T23:00:00+00:00");
        assert_eq!(until.to_rfc3339(), "2026-06-30T22:00:00+00:00");
    }

    #[test]
    fn the_chart_scales_bars_to_the_most_given_score_and_places_the_leniency() {
        let leniency = validity::leniency(
            &[Paired {
                own: 4.0,
                others: 3.0,
            }; 12],
        )
        .unwrap();
        let chart = Chart::draw(&[0, 2, 4, 8, 0], Some(&leniency));
        assert_eq!(chart.bars[3].height, BAR_MAX);
        assert_eq!(chart.bars[1].height, BAR_MAX / 4.0);
        assert_eq!(chart.bars[0].height, 0.0);
        assert_eq!(chart.leniency, Some((210.0, 210.0, 210.0)));
        let few = validity::leniency(&[Paired {
            own: 4.0,
            others: 3.0,
        }])
        .unwrap();
        assert_eq!(
            Chart::draw(&[0; 5], Some(&few)).leniency,
            None,
            "too few pairs"
        );
    }
}
