//! Raising a doubt on the candidate page, by the people who decide: stored on
//! the candidate at once, and the chosen way of settling it opens its next step.
//! A form with errors re-renders the candidate page, so this sits above it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::doubts::form::DoubtForm;
use crate::doubts::model::{self, Method};
use crate::doubts::text::DoubtText;
use crate::error::Result;
use crate::positions::access::OwnedCandidate;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::Form;

/// Where the chosen way of settling a doubt on `candidate_id` continues.
fn next_step(method: Method, candidate_id: Uuid, position_id: Uuid) -> String {
    match method {
        Method::CheckReferences => format!("/candidates/{candidate_id}/references"),
        Method::ExtraInterview => {
            format!("/positions/{position_id}/rounds/new?candidate={candidate_id}")
        }
        Method::GatherFacts | Method::PracticalTest => {
            format!("/candidates/{candidate_id}#doubts")
        }
    }
}

pub async fn from_candidate(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    candidate: OwnedCandidate,
    Form(form): Form<DoubtForm>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let (candidate_id, position_id) = (candidate.id, candidate.head.position_id);
    let (category, method) = match form.validate(locale) {
        Ok(valid) => valid,
        Err(errors) => {
            let page = crate::pages::candidate::render(
                &app,
                &auth.viewer,
                &auth.user,
                candidate.into(),
                form,
                errors,
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = app.pool.begin().await?;
    let id = model::raise(
        &mut tx,
        form.doubt((category, method), candidate_id, auth.user.id),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(doubt_id = %id, %candidate_id, "doubt raised on the candidate page");
    auth.viewer
        .flash(FlashKind::Success, DoubtText::get(locale).raised)
        .await?;
    let to = next_step(method, candidate_id, position_id);
    Ok(Redirect::to(&to).into_response())
}
