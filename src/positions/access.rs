//! Who may open a position, a candidate or a round: HR and admin everything, a
//! hiring manager their own positions, a panel member only the candidates whose
//! panel they sit on. Each is an extractor that loads the path's `{id}` with its
//! position and refuses the viewer before the handler runs, so no handler can
//! forget to ask: a malformed id is a 400, an unknown one a 404, another
//! manager's a 403 that says so, anyone else's a 403.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::role::AnyRole;
use crate::auth::{Authorized, Role, SessionUser};
use crate::error::{AppError, Result};
use crate::positions::PositionStatus;
use crate::positions::text::PositionText;
use crate::state::AppState;

/// The owning position of whatever was opened, as far as access needs it.
#[derive(Debug, Clone)]
pub struct PositionHead {
    pub position_id: Uuid,
    pub title: String,
    pub hiring_manager_id: Uuid,
    pub status: PositionStatus,
}

impl PositionHead {
    /// The position, if it still takes changes; a closed one is a conflict
    /// that says why, in `user`'s language.
    pub fn require_open(self, user: &SessionUser) -> Result<Self> {
        if self.status.is_open() {
            Ok(self)
        } else {
            let t = PositionText::get(user.locale);
            Err(AppError::Conflict(t.position_closed_error.into()))
        }
    }
}

/// A position `{id}` the viewer may manage.
pub struct OwnedPosition(pub PositionHead);

/// A position `{id}` the viewer may manage and that is still open (else a 409).
pub struct OpenPosition(pub PositionHead);

/// A candidate `{id}` whose position the viewer may manage.
pub struct OwnedCandidate {
    pub id: Uuid,
    pub head: PositionHead,
}

/// A candidate `{id}` the viewer may read: they manage its position or sit on
/// one of the candidate's panels.
pub struct ReadableCandidate {
    pub id: Uuid,
    pub head: PositionHead,
    /// Whether the viewer manages the position, not only reads as a panel member.
    pub manages: bool,
}

/// A round `{id}` whose position the viewer may manage.
pub struct OwnedRound {
    pub id: Uuid,
    pub head: PositionHead,
}

/// A round `{id}` the viewer may manage or sits on the panel of.
pub struct PanelRound {
    pub id: Uuid,
    /// Whether the viewer manages the position, not only sits on the panel.
    pub manages: bool,
}

/// Whether `user` may manage (read and change) a position with this manager.
pub fn may_manage(user: &SessionUser, hiring_manager_id: Uuid) -> bool {
    match user.role {
        Role::Admin | Role::Hr => true,
        Role::Manager => user.id == hiring_manager_id,
        Role::Panelist => false,
    }
}

/// A position as access reads it, with whether the user sits on a panel that
/// opens the resource to them.
struct HeadRow {
    position_id: Uuid,
    title: String,
    hiring_manager_id: Uuid,
    status: PositionStatus,
    on_panel: bool,
}

/// Lets `user` in to a resource of `row`'s position, or refuses: unknown is a
/// 404; a manager is refused because the position is another manager's, anyone
/// else because of the role. Gives the head and whether `user` manages it.
fn admit(
    user: &SessionUser,
    row: Option<HeadRow>,
    panel_may_read: bool,
) -> Result<(PositionHead, bool)> {
    let row = row.ok_or(AppError::NotFound)?;
    let manages = may_manage(user, row.hiring_manager_id);
    let admitted = manages || (panel_may_read && row.on_panel);
    if !admitted {
        return Err(match user.role {
            Role::Manager => AppError::OtherPosition,
            _ => AppError::Forbidden,
        });
    }
    let head = PositionHead {
        position_id: row.position_id,
        title: row.title,
        hiring_manager_id: row.hiring_manager_id,
        status: row.status,
    };
    Ok((head, manages))
}

async fn position_row(pool: &PgPool, position_id: Uuid) -> Result<Option<HeadRow>> {
    Ok(sqlx::query_as!(
        HeadRow,
        r#"select id as position_id, title, hiring_manager_id, status as "status: _",
                false as "on_panel!"
         from position where id = $1"#,
        position_id,
    )
    .fetch_optional(pool)
    .await?)
}

/// The candidate's position; `on_panel` when `user_id` sits on any of its panels.
async fn candidate_row(
    pool: &PgPool,
    user_id: Uuid,
    candidate_id: Uuid,
) -> Result<Option<HeadRow>> {
    Ok(sqlx::query_as!(
        HeadRow,
        r#"select p.id as position_id, p.title, p.hiring_manager_id, p.status as "status: _",
                exists (select 1 from panel_member pm join interview_round r on r.id = pm.round_id
                         where r.candidate_id = c.id and pm.user_id = $2) as "on_panel!"
         from candidate c join position p on p.id = c.position_id where c.id = $1"#,
        candidate_id,
        user_id,
    )
    .fetch_optional(pool)
    .await?)
}

/// The round's position; `on_panel` when `user_id` sits on this round's panel.
async fn round_row(pool: &PgPool, user_id: Uuid, round_id: Uuid) -> Result<Option<HeadRow>> {
    Ok(sqlx::query_as!(
        HeadRow,
        r#"select p.id as position_id, p.title, p.hiring_manager_id, p.status as "status: _",
                exists (select 1 from panel_member pm where pm.round_id = r.id and pm.user_id = $2) as "on_panel!"
         from interview_round r
         join candidate c on c.id = r.candidate_id
         join position p on p.id = c.position_id where r.id = $1"#,
        round_id,
        user_id,
    )
    .fetch_optional(pool)
    .await?)
}

impl OwnedPosition {
    async fn load(pool: &PgPool, user: &SessionUser, id: Uuid) -> Result<Self> {
        let (head, _) = admit(user, position_row(pool, id).await?, false)?;
        Ok(OwnedPosition(head))
    }
}

impl OpenPosition {
    async fn load(pool: &PgPool, user: &SessionUser, id: Uuid) -> Result<Self> {
        let OwnedPosition(head) = OwnedPosition::load(pool, user, id).await?;
        Ok(OpenPosition(head.require_open(user)?))
    }
}

impl OwnedCandidate {
    /// The candidate `id`, if `user` may manage its position; for extractors
    /// of what hangs on a candidate (its doubts).
    pub async fn load(pool: &PgPool, user: &SessionUser, id: Uuid) -> Result<Self> {
        let (head, _) = admit(user, candidate_row(pool, user.id, id).await?, false)?;
        Ok(OwnedCandidate { id, head })
    }
}

impl ReadableCandidate {
    async fn load(pool: &PgPool, user: &SessionUser, id: Uuid) -> Result<Self> {
        let (head, manages) = admit(user, candidate_row(pool, user.id, id).await?, true)?;
        Ok(ReadableCandidate { id, head, manages })
    }
}

/// Whoever may manage a candidate may read it.
impl From<OwnedCandidate> for ReadableCandidate {
    fn from(candidate: OwnedCandidate) -> Self {
        ReadableCandidate {
            id: candidate.id,
            head: candidate.head,
            manages: true,
        }
    }
}

impl OwnedRound {
    async fn load(pool: &PgPool, user: &SessionUser, id: Uuid) -> Result<Self> {
        let (head, _) = admit(user, round_row(pool, user.id, id).await?, false)?;
        Ok(OwnedRound { id, head })
    }
}

impl PanelRound {
    async fn load(pool: &PgPool, user: &SessionUser, id: Uuid) -> Result<Self> {
        let (_, manages) = admit(user, round_row(pool, user.id, id).await?, true)?;
        Ok(PanelRound { id, manages })
    }
}

/// The path's `{id}`, whatever other parameters the route has.
#[derive(Deserialize)]
struct IdParam {
    id: Uuid,
}

/// The signed-in user and the path's `{id}`: anonymous visitors are sent to
/// sign in as by `Authorized`, a malformed id is axum's own 400.
pub async fn user_and_id(
    parts: &mut Parts,
    app: &AppState,
) -> Result<(SessionUser, Uuid), Response> {
    let auth = Authorized::<AnyRole>::from_request_parts(parts, app)
        .await
        .map_err(IntoResponse::into_response)?;
    let Path(IdParam { id }) = Path::<IdParam>::from_request_parts(parts, app)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok((auth.user, id))
}

macro_rules! from_path_id {
    ($($resource:ty),+) => {$(
        impl FromRequestParts<AppState> for $resource {
            type Rejection = Response;

            async fn from_request_parts(
                parts: &mut Parts,
                app: &AppState,
            ) -> Result<Self, Response> {
                let (user, id) = user_and_id(parts, app).await?;
                Self::load(&app.pool, &user, id)
                    .await
                    .map_err(IntoResponse::into_response)
            }
        }
    )+};
}

from_path_id!(
    OwnedPosition,
    OpenPosition,
    OwnedCandidate,
    ReadableCandidate,
    OwnedRound,
    PanelRound
);
