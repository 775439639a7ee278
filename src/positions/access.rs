//! Who may open a position, a candidate or a round: HR and admin everything, a
//! hiring manager their own positions, a panel member only the candidates whose
//! panel they sit on. Every position, candidate and round route goes through here.

use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::{Role, SessionUser};
use crate::error::{AppError, Result};
use crate::positions::PositionStatus;

/// The owning position of whatever was opened, as far as access needs it.
#[derive(Debug, Clone)]
pub struct PositionHead {
    pub position_id: Uuid,
    pub title: String,
    pub hiring_manager_id: Uuid,
    pub status: PositionStatus,
}

/// Whether `user` may manage (read and change) a position with this manager.
pub fn may_manage(user: &SessionUser, hiring_manager_id: Uuid) -> bool {
    match user.role {
        Role::Admin | Role::Hr => true,
        Role::Manager => user.id == hiring_manager_id,
        Role::Panelist => false,
    }
}

/// The refusal for a user who may not open this position: a manager is refused
/// because the position is another manager's, anyone else because of the role.
fn refusal(user: &SessionUser) -> AppError {
    match user.role {
        Role::Manager => AppError::OtherPosition,
        _ => AppError::Forbidden,
    }
}

fn check(user: &SessionUser, head: Option<PositionHead>) -> Result<PositionHead> {
    let head = head.ok_or(AppError::NotFound)?;
    if may_manage(user, head.hiring_manager_id) {
        Ok(head)
    } else {
        Err(refusal(user))
    }
}

/// The position, if `user` may manage it.
pub async fn position(
    pool: &PgPool,
    user: &SessionUser,
    position_id: Uuid,
) -> Result<PositionHead> {
    let head = sqlx::query_as!(
        PositionHead,
        r#"select id as position_id, title, hiring_manager_id, status as "status: _"
         from position where id = $1"#,
        position_id,
    )
    .fetch_optional(pool)
    .await?;
    check(user, head)
}

/// A candidate's position, if `user` may manage it.
pub async fn candidate(
    pool: &PgPool,
    user: &SessionUser,
    candidate_id: Uuid,
) -> Result<PositionHead> {
    let head = sqlx::query_as!(
        PositionHead,
        r#"select p.id as position_id, p.title, p.hiring_manager_id, p.status as "status: _"
         from candidate c join position p on p.id = c.position_id where c.id = $1"#,
        candidate_id,
    )
    .fetch_optional(pool)
    .await?;
    check(user, head)
}

struct HeadWithPanel {
    position_id: Uuid,
    title: String,
    hiring_manager_id: Uuid,
    status: PositionStatus,
    on_panel: bool,
}

impl HeadWithPanel {
    fn head(self) -> PositionHead {
        PositionHead {
            position_id: self.position_id,
            title: self.title,
            hiring_manager_id: self.hiring_manager_id,
            status: self.status,
        }
    }
}

/// A candidate's position, if `user` may manage it or sits on one of the
/// candidate's panels (read access for panel members).
pub async fn candidate_read(
    pool: &PgPool,
    user: &SessionUser,
    candidate_id: Uuid,
) -> Result<PositionHead> {
    let row: Option<HeadWithPanel> = sqlx::query_as!(
        HeadWithPanel,
        r#"select p.id as position_id, p.title, p.hiring_manager_id, p.status as "status: _",
                exists (select 1 from panel_member pm join interview_round r on r.id = pm.round_id
                         where r.candidate_id = c.id and pm.user_id = $2) as "on_panel!"
         from candidate c join position p on p.id = c.position_id where c.id = $1"#,
        candidate_id,
        user.id,
    )
    .fetch_optional(pool)
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    if row.on_panel || may_manage(user, row.hiring_manager_id) {
        Ok(row.head())
    } else {
        Err(refusal(user))
    }
}

/// A round's position, if `user` may manage it; with `panel_may_read`, a
/// member of this round's panel may too.
pub async fn round(
    pool: &PgPool,
    user: &SessionUser,
    round_id: Uuid,
    panel_may_read: bool,
) -> Result<PositionHead> {
    let row: Option<HeadWithPanel> = sqlx::query_as!(
        HeadWithPanel,
        r#"select p.id as position_id, p.title, p.hiring_manager_id, p.status as "status: _",
                exists (select 1 from panel_member pm where pm.round_id = r.id and pm.user_id = $2) as "on_panel!"
         from interview_round r
         join candidate c on c.id = r.candidate_id
         join position p on p.id = c.position_id where r.id = $1"#,
        round_id,
        user.id,
    )
    .fetch_optional(pool)
    .await?;
    let row = row.ok_or(AppError::NotFound)?;
    if (panel_may_read && row.on_panel) || may_manage(user, row.hiring_manager_id) {
        Ok(row.head())
    } else {
        Err(refusal(user))
    }
}
