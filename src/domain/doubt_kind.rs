//! What a doubt is about and how facts are to settle it, with their labels:
//! the doubts' own pages, the walk-through, the dashboard and a later round's
//! snapshot (which turns a candidate's open doubts into questions) name them.

use crate::i18n::Locale;

crate::coded_enum! {
    /// `doubt.category`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum DoubtCategory {
        Competence = "competence",
        Experience = "experience",
        Motivation = "motivation",
        Collaboration = "collaboration",
        Integrity = "integrity",
        Recommendation = "recommendation",
        Other = "other",
    }
}

impl DoubtCategory {
    /// The categories a panel member picks from; `Recommendation` is raised by a "no".
    pub const PICKABLE: [DoubtCategory; 6] = [
        DoubtCategory::Competence,
        DoubtCategory::Experience,
        DoubtCategory::Motivation,
        DoubtCategory::Collaboration,
        DoubtCategory::Integrity,
        DoubtCategory::Other,
    ];

    pub fn parse_pickable(code: &str) -> Option<Self> {
        Self::PICKABLE.into_iter().find(|c| c.code() == code.trim())
    }

    pub fn label(self, locale: Locale) -> &'static str {
        DoubtLabels::get(locale).category(self)
    }
}

crate::coded_enum! {
    /// How the doubt is to be settled: always by facts, never by opinion.
    /// `doubt.resolution_method`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum DoubtMethod {
        CheckReferences = "check_references",
        GatherFacts = "gather_facts",
        ExtraInterview = "extra_interview",
        PracticalTest = "practical_test",
    }
}

impl DoubtMethod {
    pub fn label(self, locale: Locale) -> &'static str {
        DoubtLabels::get(locale).method(self)
    }
}

crate::texts! {
    DoubtLabels {
        cat_competence: "Competence", "Kompetanse";
        cat_experience: "Experience", "Erfaring";
        cat_motivation: "Motivation", "Motivasjon";
        cat_collaboration: "Collaboration", "Samarbeid";
        cat_integrity: "Integrity", "Integritet";
        cat_recommendation: "Recommendation", "Anbefaling";
        cat_other: "Other", "Annet";
        method_check_references: "Check references", "Sjekk referanser";
        method_gather_facts: "Gather facts", "Innhent fakta";
        method_extra_interview: "Extra interview", "Ekstra intervju";
        method_practical_test: "Practical test", "Praktisk prøve";
    }
}

impl DoubtLabels {
    pub fn category(&self, category: DoubtCategory) -> &'static str {
        match category {
            DoubtCategory::Competence => self.cat_competence,
            DoubtCategory::Experience => self.cat_experience,
            DoubtCategory::Motivation => self.cat_motivation,
            DoubtCategory::Collaboration => self.cat_collaboration,
            DoubtCategory::Integrity => self.cat_integrity,
            DoubtCategory::Recommendation => self.cat_recommendation,
            DoubtCategory::Other => self.cat_other,
        }
    }

    pub fn method(&self, method: DoubtMethod) -> &'static str {
        match method {
            DoubtMethod::CheckReferences => self.method_check_references,
            DoubtMethod::GatherFacts => self.method_gather_facts,
            DoubtMethod::ExtraInterview => self.method_extra_interview,
            DoubtMethod::PracticalTest => self.method_practical_test,
        }
    }
}
