//! The scoring rules at every edge.

use super::*;
use crate::scoring::Verdict;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

const TECH: u128 = 100;
const TEAM: u128 = 101;
const ANNE: u128 = 1;
const BJORN: u128 = 2;
const CARI: u128 = 3;

/// One must-have (minimum 3, weight 2) and one plain criterion (weight 1), a
/// submitted panel of three with an expert, one reference check, no doubts.
fn facts() -> Facts {
    Facts {
        candidate_id: id(900),
        round_id: Some(id(800)),
        criteria: vec![
            CriterionFacts {
                id: id(TECH),
                name: "Technical depth".into(),
                weight: 2.0,
                must_have_minimum: Some(3),
            },
            CriterionFacts {
                id: id(TEAM),
                name: "Collaboration".into(),
                weight: 1.0,
                must_have_minimum: None,
            },
        ],
        panel: [ANNE, BJORN, CARI]
            .into_iter()
            .map(|n| MemberFacts {
                user_id: id(n),
                name: format!("Member {n}"),
                is_expert: n == BJORN,
                unsubmitted_round: None,
            })
            .collect(),
        ratings: Vec::new(),
        recommendations: Vec::new(),
        doubts: Vec::new(),
        reference_checks: 1,
    }
}

fn rate(facts: &mut Facts, member: u128, criterion: Option<u128>, score: Option<i64>, note: bool) {
    let n = facts.ratings.len() as u128;
    facts.ratings.push(RatingFacts {
        id: id(10_000 + n),
        user_id: id(member),
        criterion_id: criterion.map(id),
        score: score.map(|s| Score::try_from(s).unwrap()),
        has_note: note,
    });
}

/// Every member gives these scores (with notes) on both criteria.
fn rated(tech: [i64; 3], team: [i64; 3]) -> Facts {
    let mut facts = facts();
    for (member, (t, c)) in [ANNE, BJORN, CARI]
        .into_iter()
        .zip(tech.into_iter().zip(team))
    {
        rate(&mut facts, member, Some(TECH), Some(t), true);
        rate(&mut facts, member, Some(TEAM), Some(c), true);
    }
    facts
}

fn codes(assessment: &Assessment) -> Vec<&'static str> {
    assessment.flags.iter().map(Flag::code).collect()
}

fn criterion(assessment: &Assessment, n: u128) -> &CriterionSummary {
    assessment
        .summary
        .criteria
        .iter()
        .find(|c| c.criterion_id == id(n))
        .unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn a_clean_panel_has_no_flags_and_a_hire_passes_the_gate() {
    let assessment = assess(&rated([3, 4, 4], [3, 3, 4]));
    assert!(assessment.flags.is_empty(), "{:?}", assessment.flags);
    assert_eq!(gate(Outcome::Hire, &assessment, &HashSet::new()), Ok(()));
}

#[test]
fn a_mean_just_under_the_minimum_blocks_and_at_or_over_it_does_not() {
    // 2.67 < 3: blocked.
    let under = assess(&rated([2, 3, 3], [3, 3, 3]));
    let tech = criterion(&under, TECH);
    assert!(close(tech.mean.unwrap(), 8.0 / 3.0));
    assert_eq!(tech.must_have, MustHave::Below);
    assert!(matches!(
        under.flags[0],
        Flag::MustHaveBelowMinimum { minimum: 3, .. }
    ));
    // 3.00: met.
    let at = assess(&rated([3, 3, 3], [3, 3, 3]));
    assert_eq!(criterion(&at, TECH).must_have, MustHave::Met);
    assert!(!at.has_blockers());
    // 3.33: met.
    let over = assess(&rated([3, 3, 4], [3, 3, 3]));
    assert_eq!(criterion(&over, TECH).must_have, MustHave::Met);
}

#[test]
fn a_mean_of_means_that_lands_on_the_minimum_through_fractions_is_met() {
    // Member means 2.5, 3.5 and 3.0: the panel mean is 3.0 exactly.
    let mut facts = rated([3, 3, 3], [3, 3, 3]);
    facts.ratings.retain(|r| r.criterion_id != Some(id(TECH)));
    for (member, scores) in [(ANNE, [2, 3]), (BJORN, [3, 4]), (CARI, [3, 3])] {
        for score in scores {
            rate(&mut facts, member, Some(TECH), Some(score), true);
        }
    }
    let assessment = assess(&facts);
    let tech = criterion(&assessment, TECH);
    assert!(close(tech.mean.unwrap(), 3.0));
    assert_eq!(tech.must_have, MustHave::Met);
}

#[test]
fn spread_of_one_is_fine_and_spread_of_two_is_disagreement() {
    let one = assess(&rated([3, 4, 4], [3, 4, 4]));
    assert!(close(criterion(&one, TEAM).spread.unwrap(), 1.0));
    assert!(!codes(&one).contains(&"disagreement"));
    let two = assess(&rated([3, 4, 4], [3, 4, 5]));
    assert!(close(criterion(&two, TEAM).spread.unwrap(), 2.0));
    assert!(two.flags.contains(&Flag::Disagreement {
        criterion_id: id(TEAM),
        spread: 2.0
    }));
    assert!(!two.has_blockers(), "disagreement is a warning");
}

#[test]
fn not_assessed_is_not_a_zero_and_does_not_count_in_a_mean() {
    let mut facts = rated([4, 4, 4], [3, 3, 3]);
    rate(&mut facts, ANNE, Some(TECH), None, false);
    let assessment = assess(&facts);
    let tech = criterion(&assessment, TECH);
    assert!(close(tech.mean.unwrap(), 4.0));
    assert_eq!(tech.rated_by, 3);
}

#[test]
fn a_must_have_rated_only_not_assessed_blocks_as_unrated() {
    let mut facts = rated([3, 3, 3], [3, 3, 3]);
    facts.ratings.retain(|r| r.criterion_id != Some(id(TECH)));
    for member in [ANNE, BJORN, CARI] {
        rate(&mut facts, member, Some(TECH), None, false);
    }
    let assessment = assess(&facts);
    let tech = criterion(&assessment, TECH);
    assert_eq!((tech.mean, tech.rated_by), (None, 0));
    assert_eq!(tech.must_have, MustHave::Unrated);
    assert_eq!(
        assessment.blockers().collect::<Vec<_>>(),
        vec![&Flag::MustHaveUnrated {
            criterion_id: id(TECH)
        }]
    );
}

#[test]
fn another_criterion_nobody_rated_is_a_warning() {
    let mut facts = rated([3, 3, 3], [3, 3, 3]);
    facts.ratings.retain(|r| r.criterion_id != Some(id(TEAM)));
    let assessment = assess(&facts);
    assert_eq!(codes(&assessment), vec!["criterion_unrated"]);
    assert!(!assessment.has_blockers());
}

#[test]
fn a_five_without_a_note_is_a_warning_and_with_a_note_it_is_not() {
    let mut facts = rated([3, 3, 3], [3, 3, 3]);
    rate(&mut facts, ANNE, None, Some(5), true);
    assert!(assess(&facts).flags.is_empty());
    rate(&mut facts, BJORN, Some(TEAM), Some(5), false);
    rate(&mut facts, CARI, Some(TEAM), Some(4), false);
    rate(&mut facts, CARI, Some(TEAM), Some(1), false);
    rate(&mut facts, ANNE, Some(TEAM), Some(2), false);
    rate(&mut facts, ANNE, Some(TEAM), Some(3), false);
    let flagged: Vec<i16> = assess(&facts)
        .flags
        .iter()
        .filter_map(|flag| match flag {
            Flag::ExtremeWithoutNote { score, .. } => Some(*score),
            _ => None,
        })
        .collect();
    assert_eq!(flagged, vec![5, 1, 2], "a 3 or 4 needs no note");
}

#[test]
fn weights_that_do_not_sum_to_anything_special_give_a_weighted_mean_and_coverage() {
    let mut facts = rated([4, 4, 4], [2, 2, 2]);
    facts.criteria[0].weight = 0.7;
    facts.criteria[1].weight = 2.2;
    let summary = assess(&facts).summary;
    let expected = (0.7 * 4.0 + 2.2 * 2.0) / 2.9;
    assert!(close(summary.weighted_total.unwrap(), expected));
    assert!(close(summary.coverage, 1.0));
    // Only the second criterion rated: the total is its mean, covering 2.2 / 2.9.
    facts.ratings.retain(|r| r.criterion_id == Some(id(TEAM)));
    let summary = assess(&facts).summary;
    assert!(close(summary.weighted_total.unwrap(), 2.0));
    assert!(close(summary.coverage, 2.2 / 2.9));
}

#[test]
fn a_member_with_no_ratings_on_a_criterion_has_no_mean_there_and_is_not_counted() {
    let mut facts = rated([3, 3, 3], [3, 3, 3]);
    facts
        .ratings
        .retain(|r| !(r.user_id == id(CARI) && r.criterion_id == Some(id(TEAM))));
    let assessment = assess(&facts);
    let team = criterion(&assessment, TEAM);
    assert_eq!(team.rated_by, 2);
    assert_eq!(team.member_means[2].mean, None);
    assert_eq!(team.member_means[0].mean, Some(3.0));
}

#[test]
fn doubts_block_while_open_and_for_good_when_confirmed_but_not_once_resolved() {
    let mut facts = rated([3, 3, 3], [3, 3, 3]);
    facts.doubts = vec![
        DoubtFacts {
            id: id(50),
            state: DoubtState::Open,
        },
        DoubtFacts {
            id: id(51),
            state: DoubtState::Confirmed,
        },
        DoubtFacts {
            id: id(52),
            state: DoubtState::Resolved,
        },
    ];
    assert_eq!(
        codes(&assess(&facts)),
        vec!["open_doubt", "confirmed_doubt"]
    );
}

#[test]
fn an_unsubmitted_member_blocks_and_a_missing_expert_or_reference_warns() {
    let mut facts = rated([3, 3, 3], [3, 3, 3]);
    facts.panel[0].unsubmitted_round = Some(id(800));
    facts.panel[1].is_expert = false;
    facts.reference_checks = 0;
    let assessment = assess(&facts);
    assert_eq!(
        codes(&assessment),
        vec!["not_submitted", "no_expert", "no_reference_check"]
    );
}

#[test]
fn a_candidate_never_interviewed_cannot_be_hired() {
    let mut facts = facts();
    facts.panel.clear();
    let assessment = assess(&facts);
    assert_eq!(assessment.flags[0], Flag::NoInterview);
    assert!(gate(Outcome::Hire, &assessment, &HashSet::new()).is_err());
}

#[test]
fn the_gate_refuses_a_hire_with_blockers_or_unacknowledged_warnings_only() {
    let mut facts = rated([2, 3, 3], [3, 4, 5]);
    facts.recommendations.push(RecommendationFacts {
        user_id: id(ANNE),
        verdict: Verdict::No,
    });
    let assessment = assess(&facts);
    let refusal = gate(Outcome::Hire, &assessment, &HashSet::new()).unwrap_err();
    assert_eq!(refusal.blockers.len(), 1);
    assert_eq!(refusal.unacknowledged.len(), 1);
    for outcome in [Outcome::NoHire, Outcome::AnotherRound, Outcome::OnHold] {
        assert_eq!(gate(outcome, &assessment, &HashSet::new()), Ok(()));
    }
    // Warnings acknowledged by key, blockers never.
    let acknowledged: HashSet<String> = assessment.flags.iter().map(Flag::key).collect();
    let refusal = gate(Outcome::Hire, &assessment, &acknowledged).unwrap_err();
    assert!(refusal.unacknowledged.is_empty());
    assert_eq!(refusal.blockers.len(), 1);
    let clean = assess(&rated([3, 3, 3], [3, 4, 5]));
    let acknowledged: HashSet<String> = clean.flags.iter().map(Flag::key).collect();
    assert_eq!(gate(Outcome::Hire, &clean, &acknowledged), Ok(()));
}

#[test]
fn flags_link_to_where_they_are_fixed() {
    let candidate = id(900);
    let round = Some(id(800));
    let doubt = Flag::OpenDoubt { doubt_id: id(5) };
    assert_eq!(doubt.link(candidate, round), format!("/doubts/{}", id(5)));
    let must = Flag::MustHaveUnrated {
        criterion_id: id(TECH),
    };
    assert_eq!(
        must.link(candidate, round),
        format!("/rounds/{}/debrief#criterion-{}", id(800), id(TECH))
    );
    assert_eq!(
        Flag::NoReferenceCheck.link(candidate, round),
        format!("/candidates/{}/references", id(900))
    );
    assert_eq!(must.key(), format!("must_have_unrated:{}", id(TECH)));
}

#[test]
fn outcomes_parse_from_their_codes_only() {
    for outcome in Outcome::ALL {
        assert_eq!(Outcome::parse(outcome.code()), Some(outcome));
    }
    assert_eq!(Outcome::parse("offer"), None);
}

#[test]
fn hire_and_no_hire_are_final_another_round_and_on_hold_are_not() {
    let finals: Vec<Outcome> = Outcome::ALL
        .into_iter()
        .filter(|outcome| outcome.is_final())
        .collect();
    assert_eq!(finals, vec![Outcome::Hire, Outcome::NoHire]);
}
