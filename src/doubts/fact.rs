//! The fact that settles or confirms a doubt, parsed from the form. Opinion is not a
//! fact: a described check needs what was checked, its source and its outcome.

use serde::Deserialize;
use uuid::Uuid;

/// The longest description of an information check, per field, in characters.
pub const MAX_FACT_CHARS: usize = 4000;

#[derive(Deserialize, Default, Clone, Debug)]
#[serde(default)]
pub struct FactForm {
    pub fact_kind: String,
    pub reference_check_id: String,
    pub test_result_id: String,
    pub round_id: String,
    pub fact_what: String,
    pub fact_source: String,
    pub fact_outcome: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    ReferenceCheck(Uuid),
    TestResult(Uuid),
    /// A later round in which every panel member has submitted.
    Round(Uuid),
    Information {
        what: String,
        source: String,
        outcome: String,
    },
}

/// Why a fact was refused, named by the form field it belongs beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactProblem {
    NoKind,
    NoReferenceCheck,
    NoTestResult,
    NoRound,
    WhatMissing,
    SourceMissing,
    OutcomeMissing,
    TooLong(&'static str),
    /// The reference check, test result or round is not this candidate's.
    NotThisCandidate(&'static str),
    RoundNotLater,
    RoundNotSubmitted,
}

impl FactProblem {
    /// The form field the problem is shown beside.
    pub fn field(self) -> &'static str {
        match self {
            FactProblem::NoKind => "fact_kind",
            FactProblem::NoReferenceCheck => "reference_check_id",
            FactProblem::NoTestResult => "test_result_id",
            FactProblem::NoRound | FactProblem::RoundNotLater | FactProblem::RoundNotSubmitted => {
                "round_id"
            }
            FactProblem::WhatMissing => "fact_what",
            FactProblem::SourceMissing => "fact_source",
            FactProblem::OutcomeMissing => "fact_outcome",
            FactProblem::TooLong(field) | FactProblem::NotThisCandidate(field) => field,
        }
    }
}

fn id(raw: &str) -> Option<Uuid> {
    Uuid::parse_str(raw.trim()).ok()
}

impl FactForm {
    /// The fact named by the form, or every problem with it.
    pub fn parse(&self) -> Result<Fact, Vec<FactProblem>> {
        match self.fact_kind.trim() {
            "reference_check" => id(&self.reference_check_id)
                .map(Fact::ReferenceCheck)
                .ok_or_else(|| vec![FactProblem::NoReferenceCheck]),
            "test_result" => id(&self.test_result_id)
                .map(Fact::TestResult)
                .ok_or_else(|| vec![FactProblem::NoTestResult]),
            "round" => id(&self.round_id)
                .map(Fact::Round)
                .ok_or_else(|| vec![FactProblem::NoRound]),
            "information" => self.information(),
            _ => Err(vec![FactProblem::NoKind]),
        }
    }

    fn information(&self) -> Result<Fact, Vec<FactProblem>> {
        let mut problems = Vec::new();
        let fields = [
            ("fact_what", &self.fact_what, FactProblem::WhatMissing),
            ("fact_source", &self.fact_source, FactProblem::SourceMissing),
            (
                "fact_outcome",
                &self.fact_outcome,
                FactProblem::OutcomeMissing,
            ),
        ];
        for (name, value, missing) in fields {
            let value = value.trim();
            if value.is_empty() {
                problems.push(missing);
            } else if value.chars().count() > MAX_FACT_CHARS {
                problems.push(FactProblem::TooLong(name));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Fact::Information {
            what: self.fact_what.trim().to_owned(),
            source: self.fact_source.trim().to_owned(),
            outcome: self.fact_outcome.trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn information(what: &str, source: &str, outcome: &str) -> FactForm {
        FactForm {
            fact_kind: "information".into(),
            fact_what: what.into(),
            fact_source: source.into(),
            fact_outcome: outcome.into(),
            ..FactForm::default()
        }
    }

    #[test]
    fn a_described_check_needs_what_source_and_outcome() {
        assert_eq!(
            information(" Degree ", "University registry", "Confirmed 2019").parse(),
            Ok(Fact::Information {
                what: "Degree".into(),
                source: "University registry".into(),
                outcome: "Confirmed 2019".into()
            })
        );
        assert_eq!(
            information("good feeling", " ", "").parse(),
            Err(vec![
                FactProblem::SourceMissing,
                FactProblem::OutcomeMissing
            ])
        );
        let long = "x".repeat(MAX_FACT_CHARS + 1);
        assert_eq!(
            information("a", "b", &long).parse(),
            Err(vec![FactProblem::TooLong("fact_outcome")])
        );
    }

    #[test]
    fn no_kind_or_a_garbled_id_is_refused() {
        assert_eq!(FactForm::default().parse(), Err(vec![FactProblem::NoKind]));
        let form = FactForm {
            fact_kind: "reference_check".into(),
            reference_check_id: "good feeling".into(),
            ..FactForm::default()
        };
        assert_eq!(form.parse(), Err(vec![FactProblem::NoReferenceCheck]));
        let id = Uuid::new_v4();
        let form = FactForm {
            fact_kind: "round".into(),
            round_id: id.to_string(),
            ..FactForm::default()
        };
        assert_eq!(form.parse(), Ok(Fact::Round(id)));
    }
}
