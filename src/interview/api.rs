//! The JSON save API used by the walk-through's script (and the load benchmark):
//! `PUT /rounds/{round_id}/questions/{question_id}/rating` with the headers
//! `content-type: application/json`, `accept: application/json` and `x-csrf-token`,
//! and the body `{"score": 1..5 | null, "evidence": "...", "base_version": n | null,
//! "save_id": "<uuid per save>"}` (`null` score: not assessed, or on a
//! conversation-only question the note alone; `null` base: never saw a saved rating).
//!
//! - 200 `{"version", "score", "evidence", "updated_at"}`: saved, or already saved
//!   (a replayed `save_id`, or the same values again), in which case nothing changes.
//! - 409 `{"error", "yours", "theirs": {"version", "score", "evidence", "updated_at"}}`:
//!   `base_version` is stale; nothing changes.
//! - 409 `{"error"}` once the member has submitted or the round is closed; 403 for
//!   anyone not on the panel; 404 for an unknown round or question; 422 for a bad body
//!   or a score for a conversation-only question.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::AnyRole;
use crate::error::{AppError, Result};
use crate::interview::save::{self, SaveOutcome, SaveRequest};
use crate::interview::text::InterviewText;
use crate::scoring::Score;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct SaveBody {
    /// 1–5, or null for "not assessed".
    score: Option<i64>,
    #[serde(default)]
    evidence: String,
    base_version: Option<i32>,
    save_id: Uuid,
}

pub async fn put_rating(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    Path((round_id, question_id)): Path<(Uuid, Uuid)>,
    body: std::result::Result<Json<SaveBody>, JsonRejection>,
) -> Result<Response> {
    let t = InterviewText::get(auth.viewer.locale);
    let Json(body) = body.map_err(|rejection| AppError::Validation(rejection.body_text()))?;
    let score = match body.score {
        None => None,
        Some(raw) => {
            Some(Score::try_from(raw).map_err(|_| AppError::Validation(t.score_invalid.into()))?)
        }
    };
    let request = SaveRequest {
        score,
        evidence: body.evidence,
        base_version: body.base_version,
        save_id: body.save_id,
    };
    let ids = (round_id, auth.user.id);
    Ok(
        match save::save(&app.pool, ids, question_id, &request)
            .await?
            .map_err(|refusal| t.refusal(refusal))?
        {
            SaveOutcome::Saved(state) => Json(state).into_response(),
            SaveOutcome::Conflict(theirs) => {
                let yours: Value = json!({
                    "score": score.map(Score::value),
                    "evidence": request.evidence,
                    "base_version": request.base_version,
                });
                let body = json!({ "error": t.conflict_json, "yours": yours, "theirs": theirs });
                (StatusCode::CONFLICT, Json(body)).into_response()
            }
        },
    )
}
