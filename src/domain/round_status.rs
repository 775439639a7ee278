//! A round's status and the one rule for how it may change: a pure function
//! from (status, event) to the next status, which every write of
//! `interview_round.status` goes through (see `rounds::progress`).

crate::coded_enum! {
    /// `interview_round.status`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type, serde::Deserialize)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    #[serde(rename_all = "snake_case")]
    pub enum RoundStatus {
        Planned = "planned",
        InProgress = "in_progress",
        Scoring = "scoring",
        Closed = "closed",
    }
}

impl RoundStatus {
    /// The plan (questions linked to criteria) may change only before anyone rated.
    pub fn plan_editable(self) -> bool {
        self == RoundStatus::Planned
    }

    pub fn is_closed(self) -> bool {
        self == RoundStatus::Closed
    }
}

/// What happened to a round that may move its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundEvent {
    /// A panel member stored a rating.
    RatingStored,
    /// The last member of the panel submitted.
    PanelSubmitted,
    /// The hiring manager reopened one member's submission.
    MemberReopened,
    /// A final decision (hire or no hire) on the candidate.
    Decided,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a {} round cannot take {event:?}", from.code())]
pub struct LifecycleError {
    pub from: RoundStatus,
    pub event: RoundEvent,
}

/// The next status after `event`, or a refusal when the event cannot happen
/// in `from`. An event that leaves the status as it is returns `from`.
pub fn transition(from: RoundStatus, event: RoundEvent) -> Result<RoundStatus, LifecycleError> {
    use RoundEvent::*;
    use RoundStatus::*;
    match (from, event) {
        (Planned | InProgress, RatingStored) => Ok(InProgress),
        (Planned | InProgress, PanelSubmitted) => Ok(Scoring),
        // A round without questions can be submitted and reopened before anyone rated.
        (Planned, MemberReopened) => Ok(Planned),
        (InProgress | Scoring, MemberReopened) => Ok(InProgress),
        (Planned | InProgress | Scoring, Decided) => Ok(Closed),
        // Scoring means every member submitted, so nobody is left to rate or submit;
        // a closed round takes nothing.
        (Scoring, RatingStored | PanelSubmitted) | (Closed, _) => {
            Err(LifecycleError { from, event })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RoundEvent::*;
    use super::RoundStatus::*;
    use super::*;

    /// Every (status, event) pair: the next status, or `None` when refused.
    const TABLE: [(RoundStatus, RoundEvent, Option<RoundStatus>); 16] = [
        (Planned, RatingStored, Some(InProgress)),
        (Planned, PanelSubmitted, Some(Scoring)),
        (Planned, MemberReopened, Some(Planned)),
        (Planned, Decided, Some(Closed)),
        (InProgress, RatingStored, Some(InProgress)),
        (InProgress, PanelSubmitted, Some(Scoring)),
        (InProgress, MemberReopened, Some(InProgress)),
        (InProgress, Decided, Some(Closed)),
        (Scoring, RatingStored, None),
        (Scoring, PanelSubmitted, None),
        (Scoring, MemberReopened, Some(InProgress)),
        (Scoring, Decided, Some(Closed)),
        (Closed, RatingStored, None),
        (Closed, PanelSubmitted, None),
        (Closed, MemberReopened, None),
        (Closed, Decided, None),
    ];

    #[test]
    fn every_status_and_event_gives_the_tabled_outcome() {
        for (from, event, expected) in TABLE {
            let got = transition(from, event);
            match expected {
                Some(to) => assert_eq!(got, Ok(to), "{from:?} + {event:?}"),
                None => assert_eq!(
                    got,
                    Err(LifecycleError { from, event }),
                    "{from:?} + {event:?}"
                ),
            }
        }
    }

    #[test]
    fn the_table_covers_every_pair_once() {
        let events = [RatingStored, PanelSubmitted, MemberReopened, Decided];
        for from in RoundStatus::ALL {
            for event in events {
                let rows = TABLE.iter().filter(|(f, e, _)| *f == from && *e == event);
                assert_eq!(rows.count(), 1, "{from:?} + {event:?}");
            }
        }
    }

    #[test]
    fn only_a_planned_round_takes_plan_edits() {
        for status in RoundStatus::ALL {
            assert_eq!(status.plan_editable(), status == Planned, "{status:?}");
        }
    }
}
