//! Who leads a guide section in the interview: everyone, or one panel role. A
//! member must rate the sections their role leads and those everyone leads;
//! the rest are welcome but optional for them.

use crate::domain::PanelRole;

crate::coded_enum! {
    /// `template_section.led_by` and `round_question.section_led_by`, read straight from the row.
    /// A role's code is the same as its `panel_member.panel_role`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum SectionLead {
        Everyone = "everyone",
        HiringManager = "hiring_manager",
        SubjectMatterExpert = "subject_matter_expert",
        Hr = "hr",
    }
}

impl SectionLead {
    /// Whether a member in `panel_role` must rate this section's questions.
    pub fn requires(self, panel_role: PanelRole) -> bool {
        self == SectionLead::Everyone || self.code() == panel_role.code()
    }

    /// Whether this section is the focus of a member in `panel_role`: led by
    /// their role, not by everyone.
    pub fn is_focus_of(self, panel_role: PanelRole) -> bool {
        self != SectionLead::Everyone && self.code() == panel_role.code()
    }
}

#[cfg(test)]
mod tests {
    use super::{PanelRole, SectionLead};

    #[test]
    fn every_lead_parses_back_from_its_code() {
        for lead in SectionLead::ALL {
            assert_eq!(SectionLead::parse(lead.code()), Some(lead));
        }
        assert_eq!(SectionLead::parse("other"), None);
    }

    #[test]
    fn a_member_must_rate_their_own_role_s_sections_and_everyone_s() {
        let expert = PanelRole::SubjectMatterExpert;
        assert!(SectionLead::Everyone.requires(expert));
        assert!(SectionLead::SubjectMatterExpert.requires(expert));
        assert!(!SectionLead::HiringManager.requires(expert));
        assert!(!SectionLead::Hr.requires(PanelRole::Other));
        assert!(SectionLead::SubjectMatterExpert.is_focus_of(expert));
        assert!(!SectionLead::Everyone.is_focus_of(expert));
        assert!(!SectionLead::HiringManager.is_focus_of(expert));
    }
}
