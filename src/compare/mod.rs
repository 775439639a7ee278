//! The comparison of a position's candidates: the rows every view and export
//! shares (scores and flags from `scoring::flags`), their sorting, the page and
//! its chart.

pub mod blocker_words;
pub mod chart;
pub mod load;
pub(crate) mod page;
pub mod sort;
pub mod text;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;
pub use text::CompareText;

pub fn router() -> Router<AppState> {
    Router::new().route("/positions/{id}/compare", get(page::show))
}
