//! The interview walk-through: one question per screen, independent ratings
//! that autosave, submission with a recommendation, and test results (`test_results`).

mod api;
mod page;
mod panel;
pub(crate) mod queries;
mod question_cache;
mod raise_doubt;
pub(crate) mod save;
pub(crate) mod seat;
mod skip;
pub(crate) mod submit;
mod test_result;
pub(crate) mod text;
mod walk;

use axum::Router;
use axum::routing::{get, post, put};

use crate::state::AppState;

pub use page::{Extras, InterviewPage, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rounds/{id}/interview", get(walk::start))
        .route("/rounds/{id}/interview/offline", get(walk::offline))
        .route(
            "/rounds/{id}/interview/submit",
            get(submit::show).post(submit::post),
        )
        .route(
            "/rounds/{id}/interview/{n}",
            get(walk::show).post(walk::post),
        )
        .route(
            "/rounds/{id}/interview/{n}/doubts",
            post(raise_doubt::from_question),
        )
        .route(
            "/rounds/{id}/interview/sections/{order}/not-assessed",
            post(skip::section_not_assessed),
        )
        .route(
            "/rounds/{id}/interview/{n}/test-results",
            post(test_result::record),
        )
        .route("/rounds/{id}/questions/{qid}/rating", put(api::put_rating))
        .route("/rounds/{id}/panel", get(panel::show))
        .route("/rounds/{id}/panel/{member_id}/reopen", post(panel::reopen))
}
