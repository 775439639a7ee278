//! Pages that compose several features, above the features they compose: the
//! dashboard, the position page (its profile, candidates and rounds), the
//! candidate page (rounds, doubts, references, the decision, and a doubt raised there) and the round page
//! (panel, questions, test results). Features never name this module.

mod candidate;
mod candidate_doubt;
mod dashboard;
mod position;
mod round;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(dashboard::router())
        .route("/positions/{id}", get(position::show))
        .route("/candidates/{id}", get(candidate::show))
        .route("/candidates/{id}/status", post(candidate::change_status))
        .route(
            "/candidates/{id}/doubts",
            post(candidate_doubt::from_candidate),
        )
        .merge(round::router())
}
