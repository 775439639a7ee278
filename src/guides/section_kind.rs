//! What a guide section is for, which the walk-through reads to treat some
//! sections specially (carried-over open questions first, test results recorded).

/// `template_section.kind` and `round_question.section_kind`, read straight from the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum SectionKind {
    OpenQuestions,
    PracticalCase,
    TestResults,
    Expectations,
    Leadership,
    Closing,
    General,
}

impl SectionKind {
    /// Every kind the schema allows, in the order of the default guide.
    pub const ALL: [SectionKind; 7] = [
        SectionKind::OpenQuestions,
        SectionKind::PracticalCase,
        SectionKind::TestResults,
        SectionKind::Expectations,
        SectionKind::Leadership,
        SectionKind::Closing,
        SectionKind::General,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SectionKind::OpenQuestions => "open_questions",
            SectionKind::PracticalCase => "practical_case",
            SectionKind::TestResults => "test_results",
            SectionKind::Expectations => "expectations",
            SectionKind::Leadership => "leadership",
            SectionKind::Closing => "closing",
            SectionKind::General => "general",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.code() == code.trim())
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
