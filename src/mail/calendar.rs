//! A round as an iCalendar event (RFC 5545, written by the `icalendar` crate, which
//! escapes text and folds long lines): published for download, or sent to one
//! member as a request (a new or changed entry) or a cancellation (RFC 5546).
//! The UID is stable per round and member and SEQUENCE rises with every change,
//! so a calendar replaces its entry instead of adding a second one.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};
use uuid::Uuid;

/// What a calendar says about the round.
#[derive(Debug, Clone)]
pub struct RoundEvent<'a> {
    pub uid: String,
    pub sequence: u32,
    pub start: DateTime<Utc>,
    pub minutes: i64,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    /// A link to the round (the reader signs in to see it).
    pub url: Option<&'a str>,
}

/// A person on the calendar: the organiser or an attendee.
#[derive(Debug, Clone, Copy)]
pub struct Person<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

/// The UID of one member's entry for a round.
pub fn member_uid(round_id: Uuid, user_id: Uuid) -> String {
    format!("round-{round_id}-member-{user_id}@secondround")
}

/// `METHOD:PUBLISH`: the round's event for anyone to import (the download).
pub fn published(event: &RoundEvent) -> String {
    let mut calendar = base("PUBLISH");
    calendar.push(vevent(event).done());
    calendar.done().to_string()
}

/// `METHOD:REQUEST` for one member: a new entry, or a change to it.
pub fn request(event: &RoundEvent, organiser: Person, attendee: Person) -> String {
    let mut calendar = base("REQUEST");
    let mut vevent = vevent(event);
    vevent.status(EventStatus::Confirmed);
    people(&mut vevent, organiser, attendee);
    calendar.push(vevent.done());
    calendar.done().to_string()
}

/// `METHOD:CANCEL` for one member: the entry with this UID is removed.
pub fn cancel(event: &RoundEvent, organiser: Person, attendee: Person) -> String {
    let mut calendar = base("CANCEL");
    let mut vevent = vevent(event);
    vevent.status(EventStatus::Cancelled);
    people(&mut vevent, organiser, attendee);
    calendar.push(vevent.done());
    calendar.done().to_string()
}

fn base(method: &str) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new(
        "PRODID",
        "-//Secondround//Interview rounds//EN",
    ));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    calendar.append_property(Property::new("METHOD", method));
    calendar
}

fn vevent(event: &RoundEvent) -> icalendar::Event {
    let mut vevent = icalendar::Event::new();
    vevent
        .uid(&event.uid)
        .sequence(event.sequence)
        .timestamp(Utc::now())
        .starts(event.start)
        .ends(event.start + Duration::minutes(event.minutes))
        .summary(event.summary)
        .location(event.location)
        .description(event.description);
    if let Some(url) = event.url {
        vevent.url(url);
    }
    vevent
}

fn people(vevent: &mut icalendar::Event, organiser: Person, attendee: Person) {
    vevent.append_property(
        Property::new("ORGANIZER", format!("mailto:{}", organiser.email))
            .add_parameter("CN", organiser.name)
            .done(),
    );
    vevent.append_multi_property(
        Property::new("ATTENDEE", format!("mailto:{}", attendee.email))
            .add_parameter("CN", attendee.name)
            .add_parameter("ROLE", "REQ-PARTICIPANT")
            .add_parameter("PARTSTAT", "NEEDS-ACTION")
            .add_parameter("RSVP", "FALSE")
            .done(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event(summary: &str) -> RoundEvent<'_> {
        RoundEvent {
            uid: "x@secondround".into(),
            sequence: 2,
            start: Utc.with_ymd_and_hms(2026, 7, 1, 8, 30, 0).unwrap(),
            minutes: 90,
            summary,
            location: "Room 1; second floor",
            description: "ø".repeat(100).leak(),
            url: None,
        }
    }

    #[test]
    fn a_request_parses_back_with_its_times_sequence_and_people() {
        let text = request(
            &event("Interview: Kari, Nordmann"),
            Person {
                name: "Maria Berg",
                email: "maria@firma.no",
            },
            Person {
                name: "Ola, Dev",
                email: "ola@firma.no",
            },
        );
        assert!(text.contains("METHOD:REQUEST\r\n"));
        assert!(text.contains("DTSTART:20260701T083000Z\r\n"), "{text}");
        assert!(text.contains("DTEND:20260701T100000Z\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let parsed: Calendar = text.parse().expect("parses");
        let event = parsed.events().next().expect("one event");
        assert_eq!(event.get_summary(), Some("Interview: Kari, Nordmann"));
        assert_eq!(event.get_sequence(), Some(2));
        assert_eq!(event.get_uid(), Some("x@secondround"));
        assert_eq!(event.get_location(), Some("Room 1; second floor"));
        assert_eq!(
            event.get_description().map(|d| d.chars().count()),
            Some(100)
        );
        assert_eq!(parsed.property_value("METHOD"), Some("REQUEST"));
    }

    #[test]
    fn a_cancellation_says_so() {
        let text = cancel(
            &event("x"),
            Person {
                name: "M",
                email: "m@x.no",
            },
            Person {
                name: "A",
                email: "a@x.no",
            },
        );
        let parsed: Calendar = text.parse().expect("parses");
        assert_eq!(parsed.property_value("METHOD"), Some("CANCEL"));
        assert_eq!(
            parsed.events().next().and_then(|e| e.get_status()),
            Some(EventStatus::Cancelled)
        );
    }
}
