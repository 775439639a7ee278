//! The domain's own words, pure (no database, no HTTP): statuses and kinds as
//! enums with their labels and the rules for how they change. Every layer above
//! may use them; they use nothing but `i18n` (and `coded_enum!` from `web`,
//! which writes plain Rust). (`scoring`, beside it, holds the flags, the gate
//! and the statistics.)

pub(crate) mod candidate_status;
mod doubt_kind;
pub(crate) mod panel_role;
mod round_labels;
pub(crate) mod round_status;

pub use candidate_status::CandidateStatus;
pub use doubt_kind::{DoubtCategory, DoubtLabels, DoubtMethod};
pub use panel_role::PanelRole;
pub use round_labels::RoundLabels;
pub use round_status::RoundStatus;
