//! The calendar invitation of a round: one iCalendar VEVENT (RFC 5545) in UTC,
//! with escaped text, lines folded at 75 octets and CRLF line endings.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Router, routing::get};
use chrono::{DateTime, Duration, Utc};

use crate::auth::Authorized;
use crate::auth::role::AnyRole;
use crate::error::{AppError, Result};
use crate::positions::access::PanelRound;
use crate::rounds::queries;
use crate::rounds::text::RoundText;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/rounds/{id}/invite.ics", get(invite))
}

pub struct Event<'a> {
    pub uid: String,
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub minutes: i64,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
}

/// Escapes a TEXT value: backslash, semicolon, comma and newlines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.replace("\r\n", "\n").chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line so no line is longer than 75 octets, never splitting a character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out
}

fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

pub fn calendar(event: &Event) -> String {
    let end = event.start + Duration::minutes(event.minutes);
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Secondround//Interview rounds//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", event.uid),
        format!("DTSTAMP:{}", utc(event.stamp)),
        format!("DTSTART:{}", utc(event.start)),
        format!("DTEND:{}", utc(end)),
        format!("SUMMARY:{}", escape(event.summary)),
        format!("LOCATION:{}", escape(event.location)),
        format!("DESCRIPTION:{}", escape(event.description)),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|line| fold(line) + "\r\n").collect()
}

/// For staff who may manage the position and for the round's own panel.
async fn invite(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    PanelRound { id, .. }: PanelRound,
) -> Result<Response> {
    let t = RoundText::get(auth.viewer.locale);
    let round = queries::round(&app.pool, id).await?;
    let start = round
        .scheduled_at
        .ok_or_else(|| AppError::Conflict(t.not_scheduled.into()))?;
    let panel = queries::panel(&app.pool, id).await?;
    let names: Vec<String> = panel
        .iter()
        .map(|m| format!("{} ({})", m.display_name, t.panel_role(&m.panel_role)))
        .collect();
    let summary = t
        .invite_summary
        .replace("{name}", &round.candidate_name)
        .replace("{position}", &round.position_title);
    let description = t
        .invite_description
        .replace("{n}", &round.round_number.to_string())
        .replace("{position}", &round.position_title)
        .replace("{panel}", &names.join(", "));
    let body = calendar(&Event {
        uid: format!("round-{id}@secondround"),
        stamp: Utc::now(),
        start,
        minutes: round.duration_minutes.into(),
        summary: &summary,
        location: &round.location,
        description: &description,
    });
    let disposition = format!("attachment; filename=\"round-{}.ics\"", round.round_number);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\\d\ne\r\nf"), "a\\;b\\,c\\\\d\\ne\\nf");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("DESCRIPTION:{}", "ø".repeat(100));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
    }

    #[test]
    fn an_event_has_utc_times_and_crlf_lines() {
        let start = Utc.with_ymd_and_hms(2026, 7, 1, 8, 30, 0).unwrap();
        let ics = calendar(&Event {
            uid: "x@secondround".into(),
            stamp: start,
            start,
            minutes: 90,
            summary: "Interview: Kari, Nordmann",
            location: "Room 1",
            description: "",
        });
        assert!(ics.contains("DTSTART:20260701T083000Z\r\n"));
        assert!(ics.contains("DTEND:20260701T100000Z\r\n"));
        assert!(ics.contains("SUMMARY:Interview: Kari\\, Nordmann\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'));
    }
}
