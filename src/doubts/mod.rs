//! Doubts about a candidate: raised by the panel, settled only by facts.

pub mod model;
mod raise;
pub mod text;

use axum::Router;
use axum::routing::post;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/rounds/{id}/interview/{n}/doubts",
        post(raise::from_question),
    )
}
