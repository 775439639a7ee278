//! Administration: user accounts (templates and retention come with their features).

mod text;
mod users;

use axum::Router;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().merge(users::router())
}
