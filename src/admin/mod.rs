//! Administration: user accounts, API tokens and data retention (interview
//! guides come with their feature).

mod api_tokens;
mod retention;
mod text;
mod users;

use axum::Router;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(users::router())
        .merge(api_tokens::router())
        .merge(retention::router())
}
