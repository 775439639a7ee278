//! Doubts about a candidate: raised by the panel or the people who decide, settled
//! only by facts, or confirmed by them.

pub(crate) mod fact;
pub(crate) mod form;
pub mod model;
mod page;
pub mod queries;
pub mod settle;
pub(crate) mod text;
pub(crate) mod view;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/doubts/{id}", get(page::show))
        .route("/doubts/{id}/resolve", post(page::resolve))
        .route("/doubts/{id}/confirm", post(page::confirm))
}
