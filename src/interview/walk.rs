//! The walk-through's page routes: open it, show question n, and the plain form
//! post that saves a rating and moves on (the path without JavaScript).

use axum::extract::{Path, State};
use std::hash::{Hash, Hasher};

use askama::Template;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::AnyRole;
use crate::error::{AppError, Result};
use crate::interview::page::{self, ConflictView, Extras};
use crate::interview::save::{self, SaveOutcome, SaveRequest};
use crate::interview::seat;
use crate::interview::text::InterviewText;
use crate::scoring::ScoreChoice;
use crate::state::AppState;
use crate::web::form::Form;

/// Opens the walk-through at its first question for a member who has answered
/// nothing yet (the guide's opening question starts the conversation, rated or
/// not), and later at the first question they still must answer.
pub async fn start(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path(round_id): Path<Uuid>,
) -> Result<Redirect> {
    let seat = seat::find(&app.pool, round_id, auth.user.id).await?;
    let rows = app.questions.for_seat(&app.pool, &seat).await?;
    let first_open = match rows.iter().any(|row| row.answered()) {
        true => rows
            .iter()
            .position(|row| row.outstanding_for(seat.panel_role))
            .unwrap_or(0),
        false => 0,
    };
    Ok(Redirect::to(&format!(
        "/rounds/{round_id}/interview/{}",
        first_open + 1
    )))
}

/// The round's questions as one document for the walk-through's script. It is
/// fetched once per page load and revalidated by its ETag (`304` when nothing
/// changed), so a tablet downloads it again only when the questions did.
pub async fn offline(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path(round_id): Path<Uuid>,
    headers: HeaderMap,
) -> Result<Response> {
    let seat = seat::find(&app.pool, round_id, auth.user.id).await?;
    let body = page::render_offline(&app, &auth.viewer, &seat)
        .await?
        .render()?;
    let tag = etag(&body);
    let cache = [
        (header::CACHE_CONTROL, "private, no-cache".to_owned()),
        (header::ETAG, tag.clone()),
    ];
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .any(|seen| seen.trim().trim_start_matches("W/") == tag.trim_start_matches("W/"))
        });
    if unchanged {
        return Ok((StatusCode::NOT_MODIFIED, cache).into_response());
    }
    Ok((cache, Html(body)).into_response())
}

/// A weak tag (the compression layer may re-encode the body) from the body's hash.
fn etag(body: &str) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    body.hash(&mut hasher);
    format!("W/\"{:016x}-{:x}\"", hasher.finish(), body.len())
}

pub async fn show(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path((round_id, n)): Path<(Uuid, usize)>,
) -> Result<page::InterviewPage> {
    let seat = seat::find(&app.pool, round_id, auth.user.id).await?;
    page::render(&app, &auth.viewer, &seat, n, Extras::default()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RatingForm {
    base_version: String,
    save_id: String,
    score: String,
    evidence: String,
    /// Where to go after saving: "prev", "stay", "submit" or (default) the next question.
    go: String,
}

pub async fn post(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path((round_id, n)): Path<(Uuid, usize)>,
    Form(form): Form<RatingForm>,
) -> Result<Response> {
    let t = InterviewText::get(auth.viewer.locale);
    let seat = seat::find(&app.pool, round_id, auth.user.id).await?;
    if seat.read_only() {
        return Err(AppError::Conflict(t.already_submitted.into()));
    }
    let rows = app.questions.for_seat(&app.pool, &seat).await?;
    let question = rows.get(n.wrapping_sub(1)).ok_or(AppError::NotFound)?;
    let choice = match ScoreChoice::parse(&form.score) {
        // A conversation-only question has no rating inputs: only its note is kept,
        // and a note never saved before that is still empty is nothing to keep.
        Ok(ScoreChoice::Unanswered) if !question.rated => {
            if form.evidence.trim().is_empty() && !question.answered() {
                return Ok(Redirect::to(&target(round_id, n, rows.len(), &form.go)).into_response());
            }
            Ok(ScoreChoice::Unanswered)
        }
        Ok(_) if !question.rated => Err(t.not_rated_score),
        Ok(ScoreChoice::Unanswered) if form.evidence.trim().is_empty() => {
            return Ok(Redirect::to(&target(round_id, n, rows.len(), &form.go)).into_response());
        }
        Ok(ScoreChoice::Unanswered) => Err(t.choose_score),
        Ok(choice) => Ok(choice),
        Err(_) => Err(t.score_invalid),
    };
    let score = match choice {
        Ok(ScoreChoice::Rated(score)) => Some(score),
        Ok(_) => None,
        Err(message) => {
            let error = (n, form.score, form.evidence, message.to_owned());
            let extras = Extras {
                rating_error: Some(error),
                ..Extras::default()
            };
            let page = page::render(&app, &auth.viewer, &seat, n, extras).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let request = SaveRequest {
        score,
        evidence: form.evidence.clone(),
        base_version: form.base_version.trim().parse().ok(),
        // The nil id stands in the shared offline document: it names no save of its own.
        save_id: Uuid::parse_str(form.save_id.trim())
            .ok()
            .filter(|id| !id.is_nil())
            .unwrap_or_else(Uuid::new_v4),
    };
    let ids = (round_id, auth.user.id);
    match save::save(&app.pool, ids, question.id, &request)
        .await?
        .map_err(|refusal| t.refusal(refusal))?
    {
        SaveOutcome::Saved(_) => {
            Ok(Redirect::to(&target(round_id, n, rows.len(), &form.go)).into_response())
        }
        SaveOutcome::Conflict(theirs) => {
            let conflict = ConflictView {
                n,
                // A conversation-only question keeps its note with no score at all.
                mine_value: if question.rated {
                    score.map_or_else(|| "na".to_owned(), |s| s.value().to_string())
                } else {
                    String::new()
                },
                mine_label: page::score_label(t, score.map(|s| s.value())),
                mine_evidence: form.evidence,
                theirs_label: page::score_label(t, theirs.score),
                theirs_evidence: theirs.evidence,
                theirs_version: theirs.version,
            };
            let extras = Extras {
                conflict: Some(conflict),
                ..Extras::default()
            };
            let page = page::render(&app, &auth.viewer, &seat, n, extras).await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
    }
}

fn target(round_id: Uuid, n: usize, total: usize, go: &str) -> String {
    let base = format!("/rounds/{round_id}/interview");
    match go {
        "prev" => format!("{base}/{}", n.saturating_sub(1).max(1)),
        "stay" => format!("{base}/{n}"),
        "submit" => format!("{base}/submit"),
        _ if n >= total => format!("{base}/submit"),
        _ => format!("{base}/{}", n + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_answer_moves_where_the_member_asked() {
        let id = Uuid::nil();
        let base = format!("/rounds/{id}/interview");
        assert_eq!(target(id, 3, 10, "next"), format!("{base}/4"));
        assert_eq!(target(id, 3, 10, ""), format!("{base}/4"));
        assert_eq!(target(id, 3, 10, "prev"), format!("{base}/2"));
        assert_eq!(target(id, 1, 10, "prev"), format!("{base}/1"));
        assert_eq!(target(id, 3, 10, "stay"), format!("{base}/3"));
        assert_eq!(target(id, 10, 10, "next"), format!("{base}/submit"));
        assert_eq!(target(id, 4, 10, "submit"), format!("{base}/submit"));
    }
}
