//! The comparison of a position's candidates: the rows every view and export
//! shares (scores and flags from `scoring::flags`), their sorting, the page and
//! its chart.

mod blocker_words;
mod chart;
pub(crate) mod load;
pub(crate) mod page;
mod sort;
pub(crate) mod text;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;
pub use text::CompareText;

pub fn router() -> Router<AppState> {
    Router::new().route("/positions/{id}/compare", get(page::show))
}
