//! A candidate's fields and the longest value each may hold: one table for
//! every way a candidate is written (the form, the CSV import, the API, the
//! case builder), so no path can store what another cannot show or save again.

use serde::Deserialize;

use crate::candidates::CandidateText;
use crate::candidates::queries::CandidateInput;
use crate::web::form::{MAX_DOCUMENT_CHARS, MAX_EMAIL_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS};

crate::coded_enum! {
    /// A field, coded by its name in the form, the API's JSON and the import's problems.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum CandidateField {
        Name = "name",
        Email = "email",
        Phone = "phone",
        Source = "source",
        FirstRoundSummary = "first_round_summary",
        OpenQuestions = "open_questions",
    }
}

impl CandidateField {
    /// The most characters the field holds.
    pub const fn max_chars(self) -> usize {
        match self {
            CandidateField::Name | CandidateField::Phone | CandidateField::Source => MAX_NAME_CHARS,
            CandidateField::Email => MAX_EMAIL_CHARS,
            CandidateField::FirstRoundSummary => MAX_DOCUMENT_CHARS,
            CandidateField::OpenQuestions => MAX_NOTE_CHARS,
        }
    }

    pub fn label(self, t: &CandidateText) -> &'static str {
        match self {
            CandidateField::Name => t.name,
            CandidateField::Email => t.email,
            CandidateField::Phone => t.phone,
            CandidateField::Source => t.source,
            CandidateField::FirstRoundSummary => t.first_round_summary,
            CandidateField::OpenQuestions => t.open_questions,
        }
    }
}

/// A candidate's values as typed in the form, read from a file's row or sent to
/// the API: one per `CandidateField`, named by its code.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(default, expecting = "a candidate object")]
pub struct CandidateValues {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub source: String,
    pub first_round_summary: String,
    pub open_questions: String,
}

impl CandidateValues {
    pub fn value(&self, field: CandidateField) -> &str {
        match field {
            CandidateField::Name => &self.name,
            CandidateField::Email => &self.email,
            CandidateField::Phone => &self.phone,
            CandidateField::Source => &self.source,
            CandidateField::FirstRoundSummary => &self.first_round_summary,
            CandidateField::OpenQuestions => &self.open_questions,
        }
    }

    pub fn value_mut(&mut self, field: CandidateField) -> &mut String {
        match field {
            CandidateField::Name => &mut self.name,
            CandidateField::Email => &mut self.email,
            CandidateField::Phone => &mut self.phone,
            CandidateField::Source => &mut self.source,
            CandidateField::FirstRoundSummary => &mut self.first_round_summary,
            CandidateField::OpenQuestions => &mut self.open_questions,
        }
    }

    /// The fields whose value, trimmed as stored, is over its limit.
    pub fn too_long(&self) -> Vec<CandidateField> {
        CandidateField::ALL
            .into_iter()
            .filter(|field| crate::web::form::too_long(self.value(*field), field.max_chars()))
            .collect()
    }

    /// Trims every value, as the form and the import store them.
    pub fn trim(&mut self) {
        for field in CandidateField::ALL {
            let value = self.value(field).trim().to_owned();
            *self.value_mut(field) = value;
        }
    }

    /// The values to store, with `email` as checked (normalised, or empty).
    pub fn input<'a>(&'a self, email: &'a str) -> CandidateInput<'a> {
        CandidateInput {
            name: &self.name,
            email,
            phone: &self.phone,
            source: &self.source,
            first_round_summary: &self.first_round_summary,
            open_questions: &self.open_questions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A candidate named Kari with `value` in one field.
    fn one(field: CandidateField, value: String) -> CandidateValues {
        let mut values = CandidateValues {
            name: "Kari".into(),
            ..CandidateValues::default()
        };
        *values.value_mut(field) = value;
        values
    }

    #[test]
    fn every_field_is_held_to_its_limit_and_no_further() {
        for field in CandidateField::ALL {
            let at_limit = "å".repeat(field.max_chars());
            assert!(
                one(field, at_limit.clone()).too_long().is_empty(),
                "{field:?}"
            );
            assert_eq!(one(field, format!("{at_limit}x")).too_long(), vec![field]);
        }
    }
}
