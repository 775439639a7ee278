//! The calendar file of a round, for anyone on its panel or managing it to
//! import by hand: one event, `METHOD:PUBLISH`, written by `mail::calendar`
//! (the same writer as the invitations mailed to each member).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::{Router, routing::get};

use crate::auth::Authorized;
use crate::auth::role::AnyRole;
use crate::error::{AppError, Result};
use crate::mail::calendar::{self, RoundEvent};
use crate::positions::access::PanelRound;
use crate::rounds::queries;
use crate::rounds::text::RoundText;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/rounds/{id}/invite.ics", get(invite))
}

/// For staff who may manage the position and for the round's own panel.
async fn invite(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    PanelRound { id, .. }: PanelRound,
) -> Result<Response> {
    let t = RoundText::get(auth.viewer.locale);
    let round = queries::round(&app.pool, id).await?;
    let start = round
        .scheduled_at
        .ok_or_else(|| AppError::Conflict(t.not_scheduled.into()))?;
    let panel = queries::panel(&app.pool, id).await?;
    let names: Vec<String> = panel
        .iter()
        .map(|m| format!("{} ({})", m.display_name, t.panel_role(&m.panel_role)))
        .collect();
    let summary = t
        .invite_summary
        .replace("{name}", &round.candidate_name)
        .replace("{position}", &round.position_title);
    let description = t
        .invite_description
        .replace("{n}", &round.round_number.to_string())
        .replace("{position}", &round.position_title)
        .replace("{panel}", &names.join(", "));
    let body = calendar::published(&RoundEvent {
        uid: format!("round-{id}@secondround"),
        sequence: 0,
        start,
        minutes: round.duration_minutes.into(),
        summary: &summary,
        location: &round.location,
        description: &description,
        url: None,
    });
    let disposition = format!("attachment; filename=\"round-{}.ics\"", round.round_number);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
