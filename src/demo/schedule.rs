//! When the demo's interviews are held: on weekdays in office hours, on whole
//! quarter hours in the rounds' time zone, placed around the moment of seeding
//! so one round lies behind, one is under way and one is ahead.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;

/// The first and the last start of an interview in the day (90 minutes long).
pub const FIRST_START: (u32, u32) = (8, 0);
pub const LAST_START: (u32, u32) = (15, 0);

/// Ingrid's round two working days ago at 10:00, Jonas's at the latest office
/// quarter hour at or before `now`, Sofia's three working days ahead at 10:00.
pub fn demo_times(now: DateTime<Utc>, zone: Tz) -> [DateTime<Utc>; 3] {
    let today = now.with_timezone(&zone).date_naive();
    [
        at(zone, working_days(today, -2), (10, 0)),
        latest_slot(now, zone),
        at(zone, working_days(today, 3), (10, 0)),
    ]
}

fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Noon `n` working days after `now`'s day.
pub fn working_noon(now: DateTime<Utc>, zone: Tz, n: i32) -> DateTime<Utc> {
    at(
        zone,
        working_days(now.with_timezone(&zone).date_naive(), n),
        (12, 0),
    )
}

/// `n` working days after `date` (before it when `n` is negative).
fn working_days(date: NaiveDate, n: i32) -> NaiveDate {
    let step = Duration::days(if n < 0 { -1 } else { 1 });
    let mut date = date;
    for _ in 0..n.unsigned_abs() {
        date += step;
        while !is_working_day(date) {
            date += step;
        }
    }
    date
}

fn time((hour, minute): (u32, u32)) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("a time of day")
}

/// The local time on that date in `zone`; office hours are never in a DST gap.
fn at(zone: Tz, date: NaiveDate, hour_minute: (u32, u32)) -> DateTime<Utc> {
    zone.from_local_datetime(&date.and_time(time(hour_minute)))
        .earliest()
        .expect("office hours exist on every day")
        .with_timezone(&Utc)
}

/// The last start in office hours at or before `now`: now's quarter hour in the
/// working day, else the previous working day's last start.
fn latest_slot(now: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
    let local = now.with_timezone(&zone);
    let (date, clock) = (local.date_naive(), local.time());
    if is_working_day(date) && clock >= time(FIRST_START) {
        let quarter = (clock.hour(), clock.minute() / 15 * 15);
        return at(zone, date, quarter.min(LAST_START));
    }
    at(zone, working_days(date, -1), LAST_START)
}

#[cfg(test)]
mod tests {
    use chrono_tz::Europe::Oslo;

    use super::*;

    fn oslo(text: &str) -> DateTime<Utc> {
        let local = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap();
        Oslo.from_local_datetime(&local)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn shown(times: [DateTime<Utc>; 3]) -> [String; 3] {
        times.map(|t| {
            t.with_timezone(&Oslo)
                .format("%a %Y-%m-%d %H:%M:%S")
                .to_string()
        })
    }

    #[test]
    fn at_night_the_rounds_are_still_in_office_hours_on_quarter_hours() {
        // Wednesday 04:11:02 in winter.
        assert_eq!(
            shown(demo_times(oslo("2026-01-14 04:11:02"), Oslo)),
            [
                "Mon 2026-01-12 10:00:00",
                "Tue 2026-01-13 15:00:00",
                "Mon 2026-01-19 10:00:00",
            ]
        );
    }

    #[test]
    fn in_the_day_the_round_under_way_starts_on_the_last_quarter_hour() {
        // Monday 10:37:45 in summer time: the weekend is skipped both ways.
        assert_eq!(
            shown(demo_times(oslo("2026-06-15 10:37:45"), Oslo)),
            [
                "Thu 2026-06-11 10:00:00",
                "Mon 2026-06-15 10:30:00",
                "Thu 2026-06-18 10:00:00",
            ]
        );
        assert_eq!(
            shown(demo_times(oslo("2026-06-15 19:02:00"), Oslo))[1],
            "Mon 2026-06-15 15:00:00"
        );
        // Sunday: Friday's last start.
        assert_eq!(
            shown(demo_times(oslo("2026-06-14 12:00:00"), Oslo))[1],
            "Fri 2026-06-12 15:00:00"
        );
    }
}
