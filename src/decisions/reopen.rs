//! `POST /candidates/{id}/decision/reopen`: the position's hiring manager or an
//! admin reopens a final decision (an offer declined, a hire withdrawn), with a
//! reason kept on the decision and in the audit trail. Afterwards the candidate
//! takes a new decision and a new round again.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::ManagerOrAdmin;
use crate::candidates::CandidateText;
use crate::candidates::status;
use crate::decisions::decide::render_with;
use crate::decisions::panel::DecisionForm;
use crate::decisions::queries;
use crate::decisions::text::DecisionText;
use crate::error::Result;
use crate::positions::access::OwnedCandidate;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::text::CommonText;

pub const MAX_REASON: usize = 1000;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ReopenForm {
    reason: String,
}

/// The reason, trimmed, or what is wrong with it.
fn validate(reason: &str, t: &DecisionText, common: &CommonText) -> Result<String, FormErrors> {
    let reason = reason.trim();
    let mut errors = FormErrors::default();
    if reason.is_empty() {
        errors.add("reason", common.field_required);
    } else if reason.chars().count() > MAX_REASON {
        errors.add("reason", t.reopen_too_long);
    }
    errors.into_result(reason.to_owned())
}

/// The decision page again with the reason as posted: 409 when nothing stands
/// to reopen, 422 for a bad reason.
async fn refuse(
    app: &AppState,
    auth: &Authorized<ManagerOrAdmin>,
    id: Uuid,
    reason: String,
    errors: FormErrors,
) -> Result<Response> {
    let status = if errors.general().is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::CONFLICT
    };
    let decision = (DecisionForm::fresh(), FormErrors::default());
    let page = render_with(app, auth, id, decision, (reason, errors)).await?;
    Ok((status, page).into_response())
}

pub async fn post(
    State(app): State<AppState>,
    auth: Authorized<ManagerOrAdmin>,
    OwnedCandidate { id, .. }: OwnedCandidate,
    Form(form): Form<ReopenForm>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = DecisionText::get(locale);
    let reason = match validate(&form.reason, t, CommonText::get(locale)) {
        Ok(reason) => reason,
        Err(errors) => return refuse(&app, &auth, id, form.reason, errors).await,
    };
    let mut tx = app.pool.begin().await?;
    queries::lock_candidate(&mut tx, id).await?;
    let Some(decided) = status::decided(&mut tx, id).await? else {
        drop(tx);
        let mut errors = FormErrors::default();
        errors.add_general(t.nothing_to_reopen);
        return refuse(&app, &auth, id, form.reason, errors).await;
    };
    let back = queries::reopen(&mut tx, id, &decided, &reason, auth.user.id).await?;
    tx.commit().await?;
    tracing::info!(candidate_id = %id, outcome = decided.outcome.code(), "decision reopened");
    let label = CandidateText::get(locale).status(&back);
    auth.viewer
        .flash(FlashKind::Success, t.reopen_done.replace("{status}", label))
        .await?;
    Ok(Redirect::to(&format!("/candidates/{id}#decision")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_and_limited() {
        let (t, c) = (&DecisionText::EN, &CommonText::EN);
        assert!(validate("  ", t, c).unwrap_err().has("reason"));
        let long = "x".repeat(MAX_REASON + 1);
        assert!(validate(&long, t, c).unwrap_err().has("reason"));
        let at_limit = "é".repeat(MAX_REASON);
        assert_eq!(validate(&at_limit, t, c).unwrap(), at_limit);
        assert_eq!(
            validate(" The offer was declined. ", t, c).unwrap(),
            "The offer was declined."
        );
    }
}
