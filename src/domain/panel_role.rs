//! A panel member's role on a round: who leads which part of the interview.

/// `panel_member.panel_role`, read straight from the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type, serde::Deserialize)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum PanelRole {
    HiringManager,
    SubjectMatterExpert,
    Hr,
    Other,
}

impl PanelRole {
    pub const ALL: [PanelRole; 4] = [
        PanelRole::HiringManager,
        PanelRole::SubjectMatterExpert,
        PanelRole::Hr,
        PanelRole::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PanelRole::HiringManager => "hiring_manager",
            PanelRole::SubjectMatterExpert => "subject_matter_expert",
            PanelRole::Hr => "hr",
            PanelRole::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|role| role.code() == code.trim())
    }
}
