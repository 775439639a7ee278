//! Test results (personality, ability, work sample): facts about the candidate
//! recorded from tests taken outside the app, by the panel in the walk-through
//! or by HR on the round page; a doubt may be settled with one.

mod kind;
pub(crate) mod queries;
pub(crate) mod record;
pub(crate) mod text;

pub use kind::TestKind;
