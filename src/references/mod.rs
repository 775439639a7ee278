//! Reference checks: conversations with former managers and colleagues, held with
//! the candidate's consent, that raise doubts and settle them with facts.

pub mod form;
mod page;
pub mod queries;
mod text;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub use page::{ReferenceView, ReferencesSection, section};

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/candidates/{id}/references",
        get(page::show).post(page::record),
    )
}
