//! The decision on a candidate and the debrief that leads to it. The gate is
//! `scoring::flags::gate`; this module loads the facts, shows the flags and
//! stores a decision only when the gate lets it through and no final decision
//! (hire, no hire) stands; a final decision is reopened only on purpose.

mod chart;
mod debrief;
mod decide;
pub mod facts;
pub(crate) mod flag_view;
mod panel;
pub mod queries;
mod reopen;
pub(crate) mod text;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;
pub use flag_view::views as flag_views;
pub use panel::{DecisionForm, DecisionPanel};
pub use queries::{doubt_descriptions, doubt_descriptions_of};
pub use text::DecisionText;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/candidates/{id}/decision",
            get(decide::show).post(decide::post),
        )
        .route("/candidates/{id}/decision/reopen", post(reopen::post))
        .route("/rounds/{id}/debrief", get(debrief::show))
}
