//! Property tests over every parser at the boundary: whatever a form, a file
//! or a script sends, parsing never panics, refuses what it must and keeps
//! what it accepts; and the decision gate's promise holds for any panel.

use std::collections::HashSet;

use chrono::{Datelike, TimeZone, Timelike};
use proptest::prelude::*;
use uuid::Uuid;

use crate::decisions::DecisionForm;
use crate::rounds::plan::PlanRefusal;
use crate::scoring::flags::{
    self, CriterionFacts, DoubtFacts, DoubtState, Facts, MemberFacts, Outcome, RatingFacts,
};
use crate::scoring::{Score, ScoreChoice, Verdict};

proptest! {
    #[test]
    fn a_score_choice_is_one_to_five_or_not_assessed_or_nothing(raw in "\\PC{0,8}") {
        match ScoreChoice::parse(&raw) {
            Ok(ScoreChoice::Unanswered) => prop_assert_eq!(raw.trim(), ""),
            Ok(ScoreChoice::NotAssessed) => prop_assert_eq!(raw.trim(), "na"),
            Ok(ScoreChoice::Rated(score)) => {
                prop_assert!((1..=5).contains(&score.value()));
                prop_assert_eq!(raw.trim().parse::<i64>().ok(), Some(i64::from(score.value())));
            }
            Err(_) => {}
        }
    }

    #[test]
    fn scores_exist_only_from_one_to_five(value in any::<i64>()) {
        prop_assert_eq!(Score::try_from(value).is_ok(), (1..=5).contains(&value));
    }

    #[test]
    fn verdicts_and_outcomes_parse_only_from_their_codes(raw in "\\PC{0,16}") {
        if let Some(verdict) = Verdict::parse(&raw) {
            prop_assert_eq!(verdict.code(), raw.trim());
        }
        if let Some(outcome) = Outcome::parse(&raw) {
            prop_assert_eq!(outcome.code(), raw.trim());
        }
    }

    #[test]
    fn a_decision_form_keeps_what_was_posted(
        pairs in proptest::collection::vec(("(decision|rationale|ack|form_id|other)", "\\PC{0,12}"), 0..12)
    ) {
        let form = DecisionForm::from_pairs(pairs.clone());
        let acks: HashSet<String> = pairs.iter().filter(|(k, _)| k == "ack").map(|(_, v)| v.clone()).collect();
        prop_assert_eq!(form.acknowledged, acks);
        if let Some((_, last)) = pairs.iter().rev().find(|(k, _)| k == "rationale") {
            prop_assert_eq!(&form.rationale, last);
        }
    }

    #[test]
    fn an_oslo_time_is_refused_only_in_the_hour_summer_time_skips(
        year in 2000i32..2100, ordinal in 1u32..366, hour in 0u32..24, minute in 0u32..60
    ) {
        let Some(date) = chrono::NaiveDate::from_yo_opt(year, ordinal) else { return Ok(()); };
        let oslo = chrono_tz::Europe::Oslo;
        let at = crate::rounds::plan::local_to_utc(
            &date.format("%Y-%m-%d").to_string(),
            &format!("{hour:02}:{minute:02}"),
            oslo,
        );
        match at {
            Ok(utc) => {
                let local = utc.with_timezone(&oslo);
                prop_assert_eq!((local.year(), local.ordinal(), local.hour(), local.minute()), (year, ordinal, hour, minute));
            }
            Err(reason) => {
                prop_assert_eq!(reason, PlanRefusal::TimeMissing);
                // Only the last Sunday of March, from 02:00 to 02:59.
                prop_assert!(date.month() == 3 && date.weekday() == chrono::Weekday::Sun && date.day() > 24 && hour == 2);
                prop_assert!(oslo.from_local_datetime(&date.and_hms_opt(hour, minute, 0).unwrap()).single().is_none());
            }
        }
    }

    #[test]
    fn a_planning_date_or_time_that_is_not_one_is_named_not_a_panic(date in "\\PC{0,12}", time in "\\PC{0,8}") {
        let result = crate::rounds::plan::local_to_utc(&date, &time, chrono_tz::Europe::Oslo);
        if let Err(reason) = result {
            prop_assert!([PlanRefusal::DateInvalid, PlanRefusal::TimeInvalid, PlanRefusal::TimeMissing].contains(&reason));
        }
    }

    #[test]
    fn any_bytes_as_a_candidate_file_are_rows_or_named_problems(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let lines = bytes.split(|b| *b == b'\n').count();
        if let Ok(rows) = crate::candidates::import_file::parse(&bytes, crate::i18n::Locale::En) {
            prop_assert!(!rows.is_empty() && rows.len() < lines);
            prop_assert!(rows.iter().all(|row| !row.values.name.trim().is_empty()));
        }
    }

    #[test]
    fn well_formed_csv_rows_come_back_as_written(
        names in proptest::collection::vec("[A-Za-zæøåÆØÅ][A-Za-zæøåÆØÅ ,\"'-]{0,20}", 1..20)
    ) {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(["name", "phone"]).unwrap();
        for (n, name) in names.iter().enumerate() {
            writer.write_record([name.as_str(), &n.to_string()]).unwrap();
        }
        let bytes = writer.into_inner().unwrap();
        let rows = crate::candidates::import_file::parse(&bytes, crate::i18n::Locale::En).unwrap();
        let read: Vec<&str> = rows.iter().map(|row| row.values.name.as_str()).collect();
        let written: Vec<&str> = names.iter().map(|name| name.trim()).collect();
        prop_assert_eq!(read, written);
    }
}

fn facts_strategy() -> impl Strategy<Value = (Facts, HashSet<String>)> {
    let criteria = proptest::collection::vec((0.5f64..10.0, proptest::option::of(1i16..=5)), 1..5);
    let members = proptest::collection::vec((any::<bool>(), any::<bool>()), 0..4);
    let scores = proptest::collection::vec(
        (
            0usize..4,
            0usize..5,
            proptest::option::of(1i64..=5),
            any::<bool>(),
        ),
        0..40,
    );
    let doubts = proptest::collection::vec(0u8..3, 0..3);
    (criteria, members, scores, doubts, 0usize..2, any::<u64>()).prop_map(
        |(criteria, members, scores, doubts, references, seed)| {
            let criteria: Vec<CriterionFacts> = criteria
                .into_iter()
                .enumerate()
                .map(|(i, (weight, minimum))| CriterionFacts {
                    id: Uuid::from_u128(100 + i as u128),
                    name: format!("Criterion {i}"),
                    weight,
                    must_have_minimum: minimum,
                })
                .collect();
            let panel: Vec<MemberFacts> = members
                .iter()
                .enumerate()
                .map(|(i, (expert, submitted))| MemberFacts {
                    user_id: Uuid::from_u128(i as u128 + 1),
                    name: format!("Member {i}"),
                    is_expert: *expert,
                    unsubmitted_round: (!submitted).then(|| Uuid::from_u128(900)),
                })
                .collect();
            let ratings = scores
                .into_iter()
                .filter(|(member, ..)| *member < panel.len())
                .enumerate()
                .map(|(n, (member, criterion, score, note))| RatingFacts {
                    id: Uuid::from_u128(10_000 + n as u128),
                    user_id: panel[member].user_id,
                    criterion_id: criteria.get(criterion).map(|c| c.id),
                    score: score.map(|s| Score::try_from(s).unwrap()),
                    has_note: note,
                })
                .collect();
            let doubts = doubts
                .into_iter()
                .enumerate()
                .map(|(n, state)| DoubtFacts {
                    id: Uuid::from_u128(500 + n as u128),
                    state: [
                        DoubtState::Open,
                        DoubtState::Resolved,
                        DoubtState::Confirmed,
                    ][state as usize],
                })
                .collect();
            let facts = Facts {
                candidate_id: Uuid::from_u128(7),
                round_id: Some(Uuid::from_u128(900)),
                criteria,
                panel,
                ratings,
                recommendations: Vec::new(),
                doubts,
                reference_checks: references,
            };
            // Acknowledge a pseudo-random subset of the warnings.
            let acknowledged = flags::assess(&facts)
                .warnings()
                .enumerate()
                .filter(|(i, _)| seed >> (i % 64) & 1 == 1)
                .map(|(_, flag)| flag.key())
                .collect();
            (facts, acknowledged)
        },
    )
}

proptest! {
    #[test]
    fn the_gate_lets_a_hire_through_exactly_when_nothing_blocks_and_every_warning_is_acknowledged(
        (facts, acknowledged) in facts_strategy()
    ) {
        let assessment = flags::assess(&facts);
        let open_or_confirmed = facts.doubts.iter().any(|d| d.state != DoubtState::Resolved);
        let unsubmitted = facts.panel.iter().any(|m| !m.submitted());
        if open_or_confirmed || unsubmitted || facts.panel.is_empty() {
            prop_assert!(assessment.has_blockers());
        }
        let all_acknowledged = assessment.warnings().all(|flag| acknowledged.contains(&flag.key()));
        let hire = flags::gate(Outcome::Hire, &assessment, &acknowledged);
        prop_assert_eq!(hire.is_ok(), !assessment.has_blockers() && all_acknowledged);
        prop_assert!(flags::gate(Outcome::NoHire, &assessment, &HashSet::new()).is_ok());
        for criterion in &assessment.summary.criteria {
            if let (Some(mean), Some(min), Some(max)) = (criterion.mean, criterion.min, criterion.max) {
                prop_assert!(min - 1e-9 <= mean && mean <= max + 1e-9 && (1.0..=5.0).contains(&min));
                prop_assert!((criterion.spread.unwrap() - (max - min)).abs() < 1e-9);
            }
        }
        prop_assert!((0.0..=1.0 + 1e-9).contains(&assessment.summary.coverage));
        if let Some(total) = assessment.summary.weighted_total {
            prop_assert!((1.0 - 1e-9..=5.0 + 1e-9).contains(&total));
        }
    }
}
