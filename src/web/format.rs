//! Display formats for dates and times, in the interview's time zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::i18n::Locale;

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

/// A mean or total with two decimals, with the decimal comma in bokmål.
pub fn decimal(value: f64, locale: Locale) -> String {
    let text = format!("{value:.2}");
    match locale {
        Locale::Nb => text.replace('.', ","),
        Locale::En => text,
    }
}

/// Up to two decimals without trailing zeros: 3, 2.5, 2.67.
pub fn compact(value: f64, locale: Locale) -> String {
    let text = decimal(value, locale);
    let separator = if locale == Locale::Nb { ',' } else { '.' };
    text.trim_end_matches('0')
        .trim_end_matches(separator)
        .to_owned()
}

/// A share (0–1) as a whole percentage.
pub fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
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

    #[test]
    fn decimals_use_the_languages_separator() {
        assert_eq!(decimal(8.0 / 3.0, Locale::En), "2.67");
        assert_eq!(decimal(3.0, Locale::Nb), "3,00");
        assert_eq!(percent(2.2 / 2.9), "76 %");
        assert_eq!(compact(3.0, Locale::En), "3");
        assert_eq!(compact(2.5, Locale::Nb), "2,5");
        assert_eq!(compact(8.0 / 3.0, Locale::En), "2.67");
        assert_eq!(compact(10.0, Locale::En), "10");
    }
}
