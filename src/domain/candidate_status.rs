//! A candidate's status: where the candidate stands in the process.

crate::coded_enum! {
    /// `candidate.status` (and the history's `from_status`, `to_status`), read straight from the row.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
    #[sqlx(type_name = "text", rename_all = "snake_case")]
    pub enum CandidateStatus {
        Shortlisted = "shortlisted",
        InSecondRound = "in_second_round",
        Offer = "offer",
        Hired = "hired",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
}

impl CandidateStatus {
    /// What the status form offers: an offer or a hire comes only from a decision,
    /// which the gate guards.
    pub const SETTABLE: [CandidateStatus; 4] = [
        CandidateStatus::Shortlisted,
        CandidateStatus::InSecondRound,
        CandidateStatus::Rejected,
        CandidateStatus::Withdrawn,
    ];

    pub fn settable_by_hand(self) -> bool {
        Self::SETTABLE.contains(&self)
    }
}
