//! The dashboard's decision board: per open position, the candidates blocked
//! from a hire (with why) and those ready for a decision; and the doubts the
//! owner follows up by gathering facts or a practical test. A panel member who
//! has not submitted sees nothing here that reveals the others' views.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::queries::Scope;
use crate::decisions::facts;
use crate::decisions::flag_view;
use crate::error::Result;
use crate::i18n::Locale;
use crate::scoring::flags;
use crate::state::AppState;

struct InPlay {
    candidate_id: Uuid,
    candidate_name: String,
    position_title: String,
    /// The viewer sits on one of the candidate's panels and has not submitted.
    viewer_unsubmitted: bool,
    /// Candidates in play on the viewer's positions, shown or not.
    in_play: i64,
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
    /// Candidates in play in all, when more than the board shows.
    pub in_play_beyond: Option<i64>,
}

/// Candidates the board shows at most: those interviewed last. A page costs
/// what it shows; each position's comparison has all of its candidates.
pub const BOARD_SHOWN: i64 = 20;

/// Candidates still in play (interviewed, no final decision) on the viewer's open
/// positions within `scope`: the `BOARD_SHOWN` interviewed last, each judged on
/// facts kept in memory while unchanged (`facts::from_memory`).
pub async fn board(app: &AppState, user_id: Uuid, scope: Scope, locale: Locale) -> Result<Board> {
    let mut conn = app.pool.acquire().await?;
    let rows: Vec<InPlay> = sqlx::query_as!(
        InPlay,
        r#"select shown.candidate_id as "candidate_id!", shown.candidate_name as "candidate_name!",
                shown.position_title as "position_title!", shown.in_play as "in_play!",
                exists (select 1 from panel_member pm join interview_round r on r.id = pm.round_id
                         where r.candidate_id = shown.candidate_id and pm.user_id = $1
                           and pm.submitted_at is null) as "viewer_unsubmitted!"
         from (select c.id as candidate_id, c.name as candidate_name, p.title as position_title,
                      count(*) over () as in_play
               from candidate c join position p on p.id = c.position_id
               -- The latest round's time, one index row per candidate.
               join lateral (select coalesce(r.scheduled_at, r.created_at) as last
                             from interview_round r where r.candidate_id = c.id
                             order by r.round_number desc limit 1) latest on true
               where p.status = 'open' and ($2 or p.hiring_manager_id = $1)
                 and c.status in ('shortlisted', 'in_second_round')
               order by latest.last desc, c.id
               limit $3) shown
         order by shown.position_title, shown.candidate_name, shown.candidate_id"#,
        user_id,
        scope.all(),
        BOARD_SHOWN,
    )
    .fetch_all(&mut *conn)
    .await?;
    let in_play = rows.first().map_or(0, |row| row.in_play);
    let mut board = Board {
        ready: Vec::new(),
        blocked: Vec::new(),
        in_play_beyond: (in_play > rows.len() as i64).then_some(in_play),
    };
    let judged: Vec<Uuid> = rows
        .iter()
        .filter(|row| !row.viewer_unsubmitted)
        .map(|row| row.candidate_id)
        .collect();
    let versions = sqlx::query!(
        r#"select c.id as "id!", coalesce(v.version, 0) as "version!"
         from unnest($1::uuid[]) c(id) left join candidate_facts_version v on v.candidate_id = c.id"#,
        &judged,
    )
    .map(|row| (row.id, row.version))
    .fetch_all(&mut *conn)
    .await?;
    let known = facts::from_memory(&mut conn, &app.facts, versions).await?;
    for row in rows {
        let facts = match known.get(&row.candidate_id) {
            Some(known) if !row.viewer_unsubmitted => known.facts(row.candidate_id, None),
            _ => {
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
        };
        let assessment = flags::assess(&facts);
        let descriptions = known
            .get(&row.candidate_id)
            .map(|known| known.doubt_descriptions())
            .unwrap_or_default();
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
