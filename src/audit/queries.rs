//! Reads for the audit log: one page of events in the reader's scope, paged by
//! keyset on the event id (newest first), so a page costs the same at any depth.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::{FromRow, PgPool};
use uuid::Uuid;

use crate::error::Result;

pub const PAGE_SIZE: i64 = 50;

/// Whose events a reader may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everything,
    /// Events about candidates of positions this user is the hiring manager of.
    ManagerOf(Uuid),
}

impl Scope {
    fn manager(self) -> Option<Uuid> {
        match self {
            Scope::Everything => None,
            Scope::ManagerOf(id) => Some(id),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    pub candidate: Option<Uuid>,
    pub actor: Option<Uuid>,
}

/// Where a page starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Cursor {
    #[default]
    Newest,
    OlderThan(i64),
    NewerThan(i64),
}

#[derive(Debug, FromRow)]
pub struct Event {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_name: Option<String>,
    pub entity: String,
    pub action: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub candidate_id: Option<Uuid>,
    pub candidate_name: Option<String>,
}

#[derive(Debug)]
pub struct EventPage {
    /// Newest first.
    pub events: Vec<Event>,
    pub has_newer: bool,
    pub has_older: bool,
}

/// The events in scope matching the filter: `$1` candidate, `$2` actor, `$3`
/// hiring manager (each null for "any").
const MATCHING: &str = "from audit_event e
     left join app_user u on u.id = e.actor_id
     left join candidate c on c.id = e.candidate_id
     left join position p on p.id = c.position_id
     where ($1::uuid is null or e.candidate_id = $1)
       and ($2::uuid is null or e.actor_id = $2)
       and ($3::uuid is null or p.hiring_manager_id = $3)";

pub async fn page(
    pool: &PgPool,
    scope: Scope,
    filter: Filter,
    cursor: Cursor,
) -> Result<EventPage> {
    let (older_than, newer_than, order) = match cursor {
        Cursor::Newest => (None, None, "desc"),
        Cursor::OlderThan(id) => (Some(id), None, "desc"),
        Cursor::NewerThan(id) => (None, Some(id), "asc"),
    };
    let sql = format!(
        "select e.id, e.occurred_at, u.display_name as actor_name, e.entity, e.action,
                e.before, e.after, e.candidate_id, c.name as candidate_name
         {MATCHING}
           and ($4::bigint is null or e.id < $4)
           and ($5::bigint is null or e.id > $5)
         order by e.id {order} limit $6"
    );
    // Runtime queries: the sort direction follows the cursor, and both share MATCHING.
    let mut events: Vec<Event> = sqlx::query_as(&sql)
        .bind(filter.candidate)
        .bind(filter.actor)
        .bind(scope.manager())
        .bind(older_than)
        .bind(newer_than)
        .bind(PAGE_SIZE)
        .fetch_all(pool)
        .await?;
    if order == "asc" {
        events.reverse();
    }
    // The ids just past this page on either side; an empty page keeps the cursor's.
    let (newest, oldest) = match (events.first(), events.last(), cursor) {
        (Some(first), Some(last), _) => (first.id, last.id),
        (_, _, Cursor::Newest) => (i64::MAX, i64::MIN),
        (_, _, Cursor::OlderThan(id)) => (id.saturating_sub(1), id),
        (_, _, Cursor::NewerThan(id)) => (id, id.saturating_add(1)),
    };
    let (has_newer, has_older): (bool, bool) = sqlx::query_as(&format!(
        "select exists (select 1 {MATCHING} and e.id > $4), exists (select 1 {MATCHING} and e.id < $5)"
    ))
    .bind(filter.candidate)
    .bind(filter.actor)
    .bind(scope.manager())
    .bind(newest)
    .bind(oldest)
    .fetch_one(pool)
    .await?;
    Ok(EventPage {
        events,
        has_newer,
        has_older,
    })
}

#[derive(Debug)]
pub struct CandidateOption {
    pub id: Uuid,
    pub name: String,
    pub position_title: String,
}

/// The candidates in scope, for the filter.
pub async fn candidates(pool: &PgPool, scope: Scope) -> Result<Vec<CandidateOption>> {
    Ok(sqlx::query_as!(
        CandidateOption,
        "select c.id, c.name, p.title as position_title
         from candidate c join position p on p.id = c.position_id
         where ($1::uuid is null or p.hiring_manager_id = $1)
         order by p.title, c.name, c.id",
        scope.manager(),
    )
    .fetch_all(pool)
    .await?)
}

#[derive(Debug)]
pub struct UserOption {
    pub id: Uuid,
    pub display_name: String,
}

/// Everyone who can have acted, disabled accounts included.
pub async fn users(pool: &PgPool) -> Result<Vec<UserOption>> {
    Ok(sqlx::query_as!(
        UserOption,
        "select id, display_name from app_user order by display_name, id",
    )
    .fetch_all(pool)
    .await?)
}
