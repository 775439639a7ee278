//! A candidate's blockers as HR reads them on a shortlist: one line per kind in
//! the reader's language, naming once each whom or what it concerns
//! ("Not submitted: Kari, Ola"), where the flags hold one finding per member,
//! criterion or doubt.

use crate::compare::text::CompareText;
use crate::decisions::flag_view::Names;
use crate::i18n::Locale;
use crate::scoring::flags::Flag;
use crate::web::format;

/// The blockers grouped by kind, kinds in the order the flags first name them.
pub fn lines(blockers: &[Flag], names: &Names, locale: Locale) -> Vec<String> {
    let t = CompareText::get(locale);
    let mut groups: Vec<(&'static str, Vec<String>)> = Vec::new();
    for flag in blockers.iter().filter(|flag| flag.is_blocker()) {
        let subject = subject(flag, names, t, locale);
        match groups.iter_mut().find(|(code, _)| *code == flag.code()) {
            Some((_, subjects)) => {
                if let Some(subject) = subject
                    && !subjects.contains(&subject)
                {
                    subjects.push(subject);
                }
            }
            None => groups.push((flag.code(), subject.into_iter().collect())),
        }
    }
    groups
        .into_iter()
        .map(|(code, subjects)| {
            let label = t.blocker_kind(code, subjects.len());
            if subjects.is_empty() {
                label.to_owned()
            } else {
                format!("{label}: {}", subjects.join(", "))
            }
        })
        .collect()
}

/// Whom or what one blocker concerns, in words; `None` for "no interview".
fn subject(flag: &Flag, names: &Names, t: &CompareText, locale: Locale) -> Option<String> {
    match *flag {
        Flag::OpenDoubt { doubt_id } | Flag::ConfirmedDoubt { doubt_id } => {
            Some(t.quoted.replace("{what}", &names.doubt(doubt_id)))
        }
        Flag::NotSubmitted { user_id, .. } => Some(names.member(user_id).to_owned()),
        Flag::MustHaveBelowMinimum {
            criterion_id,
            mean,
            minimum,
        } => Some(
            t.below_subject
                .replace("{criterion}", names.criterion(criterion_id))
                .replace("{mean}", &format::decimal(mean, locale))
                .replace("{minimum}", &minimum.to_string()),
        ),
        Flag::MustHaveUnrated { criterion_id } => Some(names.criterion(criterion_id).to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use uuid::Uuid;

    use super::*;
    use crate::scoring::flags::{CriterionFacts, Facts, MemberFacts};

    fn member(name: &str) -> MemberFacts {
        MemberFacts {
            user_id: Uuid::new_v4(),
            name: name.into(),
            is_expert: false,
            unsubmitted_round: Some(Uuid::new_v4()),
        }
    }

    #[test]
    fn each_kind_is_one_line_naming_each_subject_once_in_both_languages() {
        let (kari, ola) = (member("Kari"), member("Ola"));
        let criterion = CriterionFacts {
            id: Uuid::new_v4(),
            name: "Problem solving".into(),
            weight: 1.0,
            must_have_minimum: Some(3),
        };
        let doubt = Uuid::new_v4();
        let facts = Facts {
            panel: vec![kari.clone(), ola.clone()],
            criteria: vec![criterion.clone()],
            ..Facts::default()
        };
        let descriptions = HashMap::from([(doubt, "Gap in the CV.".to_owned())]);
        let names = Names::new(&facts, &descriptions);
        let not_submitted = |m: &MemberFacts| Flag::NotSubmitted {
            user_id: m.user_id,
            round_id: m.unsubmitted_round.unwrap(),
        };
        let flags = [
            Flag::OpenDoubt { doubt_id: doubt },
            not_submitted(&kari),
            not_submitted(&ola),
            not_submitted(&ola),
            Flag::MustHaveUnrated {
                criterion_id: criterion.id,
            },
            Flag::NoExpert,
        ];
        assert_eq!(
            lines(&flags, &names, Locale::En),
            [
                "Open doubt: “Gap in the CV.”",
                "Not submitted: Kari, Ola",
                "Must-have unrated: Problem solving",
            ]
        );
        assert_eq!(
            lines(&flags, &names, Locale::Nb),
            [
                "Åpen tvil: «Gap in the CV.»",
                "Ikke levert: Kari, Ola",
                "Absolutt krav ikke vurdert: Problem solving",
            ]
        );
        let below = Flag::MustHaveBelowMinimum {
            criterion_id: criterion.id,
            mean: 2.5,
            minimum: 3,
        };
        assert_eq!(
            lines(&[Flag::NoInterview, below], &names, Locale::Nb),
            [
                "Ikke intervjuet i andre runde",
                "Absolutt krav under minimum: Problem solving (2,50, min. 3)",
            ]
        );
    }
}
