//! A candidate's status: where the candidate stands in the process.

/// `candidate.status` (and the history's `from_status`, `to_status`), read straight from the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum CandidateStatus {
    Shortlisted,
    InSecondRound,
    Offer,
    Hired,
    Rejected,
    Withdrawn,
}

impl CandidateStatus {
    pub const ALL: [CandidateStatus; 6] = [
        CandidateStatus::Shortlisted,
        CandidateStatus::InSecondRound,
        CandidateStatus::Offer,
        CandidateStatus::Hired,
        CandidateStatus::Rejected,
        CandidateStatus::Withdrawn,
    ];

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

    pub fn code(self) -> &'static str {
        match self {
            CandidateStatus::Shortlisted => "shortlisted",
            CandidateStatus::InSecondRound => "in_second_round",
            CandidateStatus::Offer => "offer",
            CandidateStatus::Hired => "hired",
            CandidateStatus::Rejected => "rejected",
            CandidateStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.code() == code.trim())
    }
}
