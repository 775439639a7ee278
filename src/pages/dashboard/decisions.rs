//! The dashboard's decision board: per open position, the candidates blocked
//! from a hire (with why) and those ready for a decision; and the doubts the
//! owner follows up by gathering facts or a practical test. A panel member who
//! has not submitted sees nothing here that reveals the others' views.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::queries::Scope;
use crate::decisions::facts::{self, PositionFacts};
use crate::decisions::flag_view;
use crate::error::Result;
use crate::i18n::Locale;
use crate::scoring::flags;

struct InPlay {
    candidate_id: Uuid,
    candidate_name: String,
    position_id: Uuid,
    position_title: String,
    /// The viewer sits on one of the candidate's panels and has not submitted.
    viewer_unsubmitted: bool,
}

pub struct BoardRow {
    pub candidate_id: Uuid,
    pub candidate_name: String,
    pub position_title: String,
    pub blockers: Vec<String>,
    pub warnings: usize,
    /// Hidden until the viewer submits their own ratings.
    pub hidden: bool,
}

pub struct Board {
    pub ready: Vec<BoardRow>,
    pub blocked: Vec<BoardRow>,
}

/// Candidates still in play (interviewed, no final decision) on the viewer's open
/// positions within `scope`.
pub async fn board(pool: &PgPool, user_id: Uuid, scope: Scope, locale: Locale) -> Result<Board> {
    let rows: Vec<InPlay> = sqlx::query_as!(
        InPlay,
        r#"select c.id as candidate_id, c.name as candidate_name, p.id as position_id,
                p.title as position_title,
                exists (select 1 from panel_member pm join interview_round r on r.id = pm.round_id
                         where r.candidate_id = c.id and pm.user_id = $1 and pm.submitted_at is null) as "viewer_unsubmitted!"
         from candidate c join position p on p.id = c.position_id
         where p.status = 'open' and ($2 or p.hiring_manager_id = $1)
           and c.status in ('shortlisted', 'in_second_round')
           and exists (select 1 from interview_round r where r.candidate_id = c.id)
         order by p.title, p.id, c.name"#,
        user_id,
        scope.all(),
    )
    .fetch_all(pool)
    .await?;
    let mut board = Board {
        ready: Vec::new(),
        blocked: Vec::new(),
    };
    let mut conn = pool.acquire().await?;
    // One batched read per position, not one per candidate.
    let mut position: Option<(Uuid, PositionFacts)> = None;
    for row in rows {
        if row.viewer_unsubmitted {
            board.blocked.push(BoardRow {
                candidate_id: row.candidate_id,
                candidate_name: row.candidate_name,
                position_title: row.position_title,
                blockers: Vec::new(),
                warnings: 0,
                hidden: true,
            });
            continue;
        }
        if position.as_ref().map(|(id, _)| *id) != Some(row.position_id) {
            let loaded = facts::load_position(&mut conn, row.position_id).await?;
            position = Some((row.position_id, loaded));
        }
        let Some((_, loaded)) = position.as_mut() else {
            continue;
        };
        let facts = loaded.take(row.candidate_id).whole;
        let assessment = flags::assess(&facts);
        let descriptions = if facts.doubts.is_empty() {
            HashMap::new()
        } else {
            crate::decisions::doubt_descriptions(&mut conn, row.candidate_id).await?
        };
        let views = flag_view::views(&assessment, &facts, &descriptions, locale);
        let blockers: Vec<String> = views
            .iter()
            .filter(|v| v.blocker)
            .map(|v| v.text.clone())
            .collect();
        let entry = BoardRow {
            candidate_id: row.candidate_id,
            candidate_name: row.candidate_name,
            position_title: row.position_title,
            warnings: views.len() - blockers.len(),
            hidden: false,
            blockers,
        };
        if entry.blockers.is_empty() {
            board.ready.push(entry);
        } else {
            board.blocked.push(entry);
        }
    }
    Ok(board)
}

#[derive(Debug)]
pub struct FollowUp {
    pub doubt_id: Uuid,
    pub candidate_id: Uuid,
    pub candidate_name: String,
    pub position_title: String,
    pub description: String,
    pub resolution_method: crate::doubts::model::Method,
    pub raised_at: DateTime<Utc>,
}

/// Open doubts to be settled by gathering facts or a practical test, on the
/// viewer's positions within `scope`, except those raised by others on a
/// panel where the viewer has not submitted yet.
pub async fn follow_ups(pool: &PgPool, user_id: Uuid, scope: Scope) -> Result<Vec<FollowUp>> {
    Ok(sqlx::query_as!(
        FollowUp,
        r#"select d.id as doubt_id, c.id as candidate_id, c.name as candidate_name,
                p.title as position_title, d.description,
                d.resolution_method as "resolution_method: _", d.raised_at as "raised_at: _"
         from doubt d
         join candidate c on c.id = d.candidate_id
         join position p on p.id = c.position_id
         where d.status = 'open' and d.resolution_method in ('gather_facts', 'practical_test')
           and p.status = 'open' and ($2 or p.hiring_manager_id = $1)
           and not (d.raised_by is distinct from $1 and exists (
               select 1 from panel_member pm
               where pm.round_id = d.round_id and pm.user_id = $1 and pm.submitted_at is null))
         order by d.raised_at"#,
        user_id,
        scope.all(),
    )
    .fetch_all(pool)
    .await?)
}
