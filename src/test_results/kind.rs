//! What kind of test a recorded test result comes from, with its label.

use crate::i18n::Locale;
use crate::test_results::text::TestResultText;

crate::coded_enum! {
    /// `test_result.kind`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum TestKind {
        Personality = "personality",
        Cognitive = "cognitive",
        WorkSample = "work_sample",
        Other = "other",
    }
}

impl TestKind {
    pub fn label(self, locale: Locale) -> &'static str {
        let t = TestResultText::get(locale);
        match self {
            TestKind::Personality => t.kind_personality,
            TestKind::Cognitive => t.kind_cognitive,
            TestKind::WorkSample => t.kind_work_sample,
            TestKind::Other => t.kind_other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TestKind;

    #[test]
    fn every_kind_parses_back_from_its_code() {
        for kind in TestKind::ALL {
            assert_eq!(TestKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(TestKind::parse("iq"), None);
    }
}
