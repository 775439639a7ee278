//! Recording a test result from the test-results section of the walk-through;
//! a form with errors re-renders the question it was sent from.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::AnyRole;
use crate::error::{AppError, Result};
use crate::interview::page::{self, Extras};
use crate::interview::seat;
use crate::interview::text::InterviewText;
use crate::state::AppState;
use crate::test_results::record::{TestResultForm, store, validate};
use crate::test_results::text::TestResultText;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, wants_json};

pub async fn record(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path((round_id, n)): Path<(Uuid, usize)>,
    headers: HeaderMap,
    Form(form): Form<TestResultForm>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = InterviewText::get(locale);
    let tt = TestResultText::get(locale);
    let seat = seat::find(&app.pool, round_id, auth.user.id).await?;
    if seat.round.round_status.is_closed() {
        return Err(AppError::Conflict(t.round_closed.into()));
    }
    let valid = match validate(&form, locale) {
        Ok(valid) => valid,
        Err(errors) => {
            let extras = Extras {
                test: Some((form, errors)),
                ..Extras::default()
            };
            let page = page::render(&app, &auth.viewer, &seat, n, extras).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let id = store(&app.pool, round_id, auth.user.id, &valid).await?;
    if wants_json(&headers) {
        return Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response());
    }
    auth.viewer.flash(FlashKind::Success, tt.test_added).await?;
    Ok(Redirect::to(&format!("/rounds/{round_id}/interview/{n}#test-results")).into_response())
}
