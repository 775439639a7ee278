//! Marking the rest of a section "not assessed" in one step: for a section the
//! panel did not get to, or that another role leads. Only questions the member
//! has not answered are marked; a rating already given is never replaced.

use axum::extract::{Path, State};
use axum::response::Redirect;
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::AnyRole;
use crate::error::{AppError, Result};
use crate::i18n::one_or_many;
use crate::interview::save::{self, SaveOutcome, SaveRequest};
use crate::interview::seat;
use crate::interview::text::InterviewText;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::Form;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SkipForm {
    /// The question the member asked from; only used when nothing was left to mark.
    from: String,
}

pub async fn section_not_assessed(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path((round_id, section_order)): Path<(Uuid, i32)>,
    Form(form): Form<SkipForm>,
) -> Result<Redirect> {
    let t = InterviewText::get(auth.viewer.locale);
    let seat = seat::find(&app.pool, round_id, auth.user.id).await?;
    if seat.read_only() {
        return Err(AppError::Conflict(t.already_submitted.into()));
    }
    let rows = app.questions.for_seat(&app.pool, &seat).await?;
    let Some(last) = rows
        .iter()
        .rposition(|row| row.section_order == section_order)
    else {
        return Err(AppError::NotFound);
    };
    let mut marked = 0;
    for question in rows
        .iter()
        .filter(|row| row.section_order == section_order && row.rated && !row.answered())
    {
        let request = SaveRequest {
            score: None,
            evidence: String::new(),
            base_version: None,
            save_id: Uuid::new_v4(),
        };
        // A conflict means it was answered meanwhile (another tablet): that answer stays.
        if let SaveOutcome::Saved(_) =
            save::save(&app.pool, (round_id, auth.user.id), question.id, &request)
                .await?
                .map_err(|refusal| t.refusal(refusal))?
        {
            marked += 1;
        }
    }
    let base = format!("/rounds/{round_id}/interview");
    if marked == 0 {
        auth.viewer
            .flash(FlashKind::Info, t.skip_section_none)
            .await?;
        let from = form
            .from
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=rows.len()).contains(n))
            .unwrap_or(last + 1);
        return Ok(Redirect::to(&format!("{base}/{from}")));
    }
    auth.viewer
        .flash(
            FlashKind::Success,
            one_or_many(marked, t.section_skipped_one, t.section_skipped)
                .replace("{n}", &marked.to_string()),
        )
        .await?;
    // On to the first question after the section, or to submission after the last one.
    Ok(Redirect::to(&match last + 1 < rows.len() {
        true => format!("{base}/{}", last + 2),
        false => format!("{base}/submit"),
    }))
}
