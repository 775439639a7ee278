//! What a guide section is for, which the walk-through reads to treat some
//! sections specially (carried-over open questions first, test results recorded).

crate::coded_enum! {
    /// `template_section.kind` and `round_question.section_kind`, read straight from the row.
    /// Listed in the order of the default guide.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum SectionKind {
        OpenQuestions = "open_questions",
        PracticalCase = "practical_case",
        TestResults = "test_results",
        Expectations = "expectations",
        Leadership = "leadership",
        Closing = "closing",
        General = "general",
    }
}

#[cfg(test)]
mod tests {
    use super::SectionKind;

    #[test]
    fn every_kind_parses_back_from_its_code() {
        for kind in SectionKind::ALL {
            assert_eq!(SectionKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(SectionKind::parse("misc"), None);
    }
}
