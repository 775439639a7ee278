//! Raising a doubt from a question of the walk-through: stored on the candidate
//! at once, with the round, the question and its criterion. (On the candidate
//! page: `pages::candidate_doubt`.)

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::AnyRole;
use crate::doubts::form::DoubtForm;
use crate::doubts::model::{self, NewDoubt};
use crate::doubts::text::DoubtText;
use crate::error::{AppError, Result};
use crate::interview::text::InterviewText;
use crate::interview::{self, Extras, seat};
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, wants_json};

pub async fn from_question(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path((round_id, n)): Path<(Uuid, usize)>,
    headers: HeaderMap,
    Form(form): Form<DoubtForm>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let seat = seat::find(&app.pool, round_id, auth.user.id).await?;
    if seat.round.round_status.is_closed() {
        return Err(AppError::Conflict(
            InterviewText::get(locale).round_closed.into(),
        ));
    }
    let rows = app.questions.for_seat(&app.pool, &seat).await?;
    let question = rows.get(n.wrapping_sub(1)).ok_or(AppError::NotFound)?;
    let valid = match form.validate(locale) {
        Ok(valid) => valid,
        Err(errors) => {
            let extras = Extras {
                doubt: Some((n, form, errors)),
                ..Extras::default()
            };
            let page = interview::render(&app, &auth.viewer, &seat, n, extras).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = app.pool.begin().await?;
    let doubt = NewDoubt {
        round_id: Some(round_id),
        round_question_id: Some(question.id),
        criterion_id: question.criterion_id,
        ..form.doubt(valid, seat.round.candidate_id, auth.user.id)
    };
    let id = model::raise(&mut tx, doubt).await?;
    tx.commit().await?;
    tracing::info!(doubt_id = %id, %round_id, "doubt raised");
    if wants_json(&headers) {
        return Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response());
    }
    auth.viewer
        .flash(FlashKind::Success, DoubtText::get(locale).raised)
        .await?;
    Ok(Redirect::to(&format!("/rounds/{round_id}/interview/{n}")).into_response())
}
