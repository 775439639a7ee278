//! A panel member's role on a round: who leads which part of the interview.

crate::coded_enum! {
    /// `panel_member.panel_role`, read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type, serde::Deserialize)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    #[serde(rename_all = "snake_case")]
    pub enum PanelRole {
        HiringManager = "hiring_manager",
        SubjectMatterExpert = "subject_matter_expert",
        Hr = "hr",
        Other = "other",
    }
}
