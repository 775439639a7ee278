//! Test results (personality, ability, work sample): facts about the candidate
//! recorded from tests taken outside the app, by the panel in the walk-through
//! or by HR on the round page; a doubt may be settled with one.

pub mod kind;
pub mod queries;
pub mod record;
pub mod text;

pub use kind::TestKind;
