//! Display formats for dates and times, in the interview's time zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// Where interviews happen unless a round says otherwise.
pub const DEFAULT_TIME_ZONE: Tz = chrono_tz::Europe::Oslo;

pub fn date_time(at: DateTime<Utc>, time_zone: &str) -> String {
    let tz: Tz = time_zone.parse().unwrap_or(DEFAULT_TIME_ZONE);
    at.with_timezone(&tz).format("%d.%m.%Y %H:%M").to_string()
}

pub fn date(at: DateTime<Utc>) -> String {
    at.with_timezone(&DEFAULT_TIME_ZONE)
        .format("%d.%m.%Y")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_show_in_the_rounds_time_zone() {
        let at = Utc.with_ymd_and_hms(2026, 7, 1, 8, 30, 0).unwrap();
        assert_eq!(date_time(at, "Europe/Oslo"), "01.07.2026 10:30");
        assert_eq!(date_time(at, "not/a-zone"), "01.07.2026 10:30");
        assert_eq!(date_time(at, "UTC"), "01.07.2026 08:30");
    }
}
