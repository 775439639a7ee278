//! A candidate's fields and the longest value each may hold: one table for
//! every way a candidate is written (the form, the CSV import, the API, the
//! case builder), so no path can store what another cannot show or save again.

use crate::candidates::CandidateText;
use crate::web::form::{MAX_DOCUMENT_CHARS, MAX_EMAIL_CHARS, MAX_NAME_CHARS, MAX_NOTE_CHARS};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CandidateField {
    Name,
    Email,
    Phone,
    Source,
    FirstRoundSummary,
    OpenQuestions,
}

impl CandidateField {
    pub const ALL: [CandidateField; 6] = [
        CandidateField::Name,
        CandidateField::Email,
        CandidateField::Phone,
        CandidateField::Source,
        CandidateField::FirstRoundSummary,
        CandidateField::OpenQuestions,
    ];

    /// The field's name in the form, the API's JSON and the import's problems.
    pub fn code(self) -> &'static str {
        match self {
            CandidateField::Name => "name",
            CandidateField::Email => "email",
            CandidateField::Phone => "phone",
            CandidateField::Source => "source",
            CandidateField::FirstRoundSummary => "first_round_summary",
            CandidateField::OpenQuestions => "open_questions",
        }
    }

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

/// The values of a candidate, field by field.
pub trait CandidateValues {
    fn value(&self, field: CandidateField) -> &str;

    /// The fields whose value, trimmed as stored, is over its limit.
    fn too_long(&self) -> Vec<CandidateField> {
        CandidateField::ALL
            .into_iter()
            .filter(|field| crate::web::form::too_long(self.value(*field), field.max_chars()))
            .collect()
    }
}

impl CandidateValues for crate::candidates::queries::CandidateInput<'_> {
    fn value(&self, field: CandidateField) -> &str {
        match field {
            CandidateField::Name => self.name,
            CandidateField::Email => self.email,
            CandidateField::Phone => self.phone,
            CandidateField::Source => self.source,
            CandidateField::FirstRoundSummary => self.first_round_summary,
            CandidateField::OpenQuestions => self.open_questions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A candidate named Kari with `value` in one field.
    struct One(CandidateField, String);

    impl CandidateValues for One {
        fn value(&self, field: CandidateField) -> &str {
            match field {
                field if field == self.0 => &self.1,
                CandidateField::Name => "Kari",
                _ => "",
            }
        }
    }

    #[test]
    fn every_field_is_held_to_its_limit_and_no_further() {
        for field in CandidateField::ALL {
            let at_limit = "å".repeat(field.max_chars());
            assert!(
                One(field, at_limit.clone()).too_long().is_empty(),
                "{field:?}"
            );
            assert_eq!(One(field, format!("{at_limit}x")).too_long(), vec![field]);
        }
    }
}
