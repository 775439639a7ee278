//! Flags in words: each finding as a sentence in the user's language with the
//! link to where it is dealt with.

use std::collections::HashMap;

use uuid::Uuid;

use crate::decisions::text::DecisionText;
use crate::i18n::Locale;
use crate::scoring::flags::{Assessment, Facts, Flag};
use crate::web::format;

pub struct FlagView {
    pub blocker: bool,
    pub code: &'static str,
    /// What an acknowledgement of a warning names.
    pub key: String,
    pub text: String,
    pub link: String,
}

/// The names a flag's sentence needs, gathered once from the facts.
pub struct Names<'a> {
    members: HashMap<Uuid, &'a str>,
    criteria: HashMap<Uuid, &'a str>,
    doubts: &'a HashMap<Uuid, String>,
}

impl<'a> Names<'a> {
    /// `doubts` holds each doubt's description by id.
    pub fn new(facts: &'a Facts, doubts: &'a HashMap<Uuid, String>) -> Names<'a> {
        Names {
            members: facts
                .panel
                .iter()
                .map(|m| (m.user_id, m.name.as_str()))
                .collect(),
            criteria: facts
                .criteria
                .iter()
                .map(|c| (c.id, c.name.as_str()))
                .collect(),
            doubts,
        }
    }

    pub fn member(&self, id: Uuid) -> &str {
        self.members.get(&id).copied().unwrap_or("–")
    }

    pub fn criterion(&self, id: Uuid) -> &str {
        self.criteria.get(&id).copied().unwrap_or("–")
    }

    pub fn doubt(&self, id: Uuid) -> String {
        let text = self.doubts.get(&id).map(String::as_str).unwrap_or("–");
        shorten(text, 160)
    }
}

fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

pub fn sentence(flag: &Flag, names: &Names, t: &DecisionText, locale: Locale) -> String {
    match *flag {
        Flag::NoInterview => t.flag_no_interview.to_owned(),
        Flag::OpenDoubt { doubt_id } => t.flag_open_doubt.replace("{what}", &names.doubt(doubt_id)),
        Flag::ConfirmedDoubt { doubt_id } => t
            .flag_confirmed_doubt
            .replace("{what}", &names.doubt(doubt_id)),
        Flag::NotSubmitted { user_id, .. } => t
            .flag_not_submitted
            .replace("{name}", names.member(user_id)),
        Flag::MustHaveBelowMinimum {
            criterion_id,
            mean,
            minimum,
        } => t
            .flag_below_minimum
            .replace("{criterion}", names.criterion(criterion_id))
            .replace("{mean}", &format::decimal(mean, locale))
            .replace("{minimum}", &minimum.to_string()),
        Flag::MustHaveUnrated { criterion_id } => t
            .flag_must_have_unrated
            .replace("{criterion}", names.criterion(criterion_id)),
        Flag::Disagreement {
            criterion_id,
            spread,
        } => t
            .flag_disagreement
            .replace("{criterion}", names.criterion(criterion_id))
            .replace("{spread}", &format::compact(spread, locale)),
        Flag::ExtremeWithoutNote {
            user_id,
            criterion_id,
            score,
            ..
        } => t
            .flag_extreme_without_note
            .replace("{name}", names.member(user_id))
            .replace(
                "{criterion}",
                criterion_id
                    .map(|id| names.criterion(id))
                    .unwrap_or(t.no_criterion),
            )
            .replace("{score}", &score.to_string()),
        Flag::CriterionUnrated { criterion_id } => t
            .flag_criterion_unrated
            .replace("{criterion}", names.criterion(criterion_id)),
        Flag::NoExpert => t.flag_no_expert.to_owned(),
        Flag::NoReferenceCheck => t.flag_no_reference_check.to_owned(),
    }
}

/// Every flag of the assessment in words, blockers first.
pub fn views(
    assessment: &Assessment,
    facts: &Facts,
    doubts: &HashMap<Uuid, String>,
    locale: Locale,
) -> Vec<FlagView> {
    let t = DecisionText::get(locale);
    let names = Names::new(facts, doubts);
    assessment
        .flags
        .iter()
        .map(|flag| FlagView {
            blocker: flag.is_blocker(),
            code: flag.code(),
            key: flag.key(),
            text: sentence(flag, &names, t, locale),
            link: flag.link(facts.candidate_id, facts.round_id),
        })
        .collect()
}
