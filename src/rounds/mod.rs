//! Interview rounds: planning, the question snapshot and the panel.

pub mod snapshot;
