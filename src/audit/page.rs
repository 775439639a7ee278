//! `GET /audit`: the audit log for admins (everything) and hiring managers
//! (their own positions' candidates), filtered by candidate and person.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::audit::queries::{self, CandidateOption, Cursor, Event, Filter, Scope, UserOption};
use crate::audit::text::AuditText;
use crate::auth::role::ManagerOrAdmin;
use crate::auth::{Authorized, Role};
use crate::error::Result;
use crate::state::AppState;
use crate::web::form::FormErrors;
use crate::web::format::DEFAULT_TIME_ZONE;
use crate::web::layout::Layout;

/// Longer values (an evidence note, a rationale) are cut here in the list.
const MAX_VALUE_CHARS: usize = 300;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LogQuery {
    candidate: String,
    actor: String,
    before: String,
    after: String,
}

/// One changed field of an event; `before` is `None` when the event has no
/// earlier state (a creation), `after` when it has no later one.
#[derive(Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub struct Row {
    pub when: String,
    pub who: String,
    pub what: String,
    pub candidate_id: Option<Uuid>,
    pub candidate_name: Option<String>,
    pub changes: Vec<FieldChange>,
}

#[derive(Template, WebTemplate)]
#[template(path = "audit/log.html")]
struct LogPage {
    layout: Layout,
    t: &'static AuditText,
    query: LogQuery,
    errors: FormErrors,
    manager_only: bool,
    rows: Vec<Row>,
    candidates: Vec<CandidateOption>,
    users: Vec<UserOption>,
    newer: Option<String>,
    older: Option<String>,
}

pub async fn log(
    State(app): State<AppState>,
    auth: Authorized<ManagerOrAdmin>,
    Query(query): Query<LogQuery>,
) -> Result<Response> {
    let t = AuditText::get(auth.viewer.locale);
    let scope = match auth.user.role {
        Role::Admin => Scope::Everything,
        _ => Scope::ManagerOf(auth.user.id),
    };
    let (mut rows, mut newer, mut older) = (Vec::new(), None, None);
    let errors = match parse(&query, t) {
        Ok((filter, cursor)) => {
            let page = queries::page(&app.pool, scope, filter, cursor).await?;
            if page.has_newer {
                // Past the last page, "newer" goes back to the newest events.
                newer = Some(href(filter, page.events.first().map(|e| ("after", e.id))));
            }
            if page.has_older {
                older = page
                    .events
                    .last()
                    .map(|e| href(filter, Some(("before", e.id))));
            }
            rows = page.events.into_iter().map(|e| row(e, t)).collect();
            FormErrors::default()
        }
        Err(errors) => errors,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = LogPage {
        layout: auth.viewer.layout(t.title).await?,
        t,
        query,
        errors,
        manager_only: scope != Scope::Everything,
        rows,
        candidates: queries::candidates(&app.pool, scope).await?,
        users: queries::users(&app.pool).await?,
        newer,
        older,
    };
    Ok((status, page).into_response())
}

/// The filter and page start as asked for, or the fields that are malformed.
fn parse(query: &LogQuery, t: &AuditText) -> std::result::Result<(Filter, Cursor), FormErrors> {
    let mut errors = FormErrors::default();
    let mut id = |value: &str, field: &'static str, message: &'static str| {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        let parsed = Uuid::parse_str(value).ok();
        if parsed.is_none() {
            errors.add(field, message);
        }
        parsed
    };
    let filter = Filter {
        candidate: id(&query.candidate, "candidate", t.candidate_invalid),
        actor: id(&query.actor, "actor", t.actor_invalid),
    };
    let cursor = match (query.before.trim(), query.after.trim()) {
        ("", "") => Some(Cursor::Newest),
        (before, "") => before.parse().ok().map(Cursor::OlderThan),
        ("", after) => after.parse().ok().map(Cursor::NewerThan),
        _ => None,
    };
    if cursor.is_none() {
        errors.add_general(t.cursor_invalid);
    }
    match cursor {
        Some(cursor) if errors.is_empty() => Ok((filter, cursor)),
        _ => Err(errors),
    }
}

/// A link to the page past event `id` one way, keeping the filters.
fn href(filter: Filter, from: Option<(&str, i64)>) -> String {
    let mut pairs = Vec::new();
    if let Some(candidate) = filter.candidate {
        pairs.push(("candidate", candidate.to_string()));
    }
    if let Some(actor) = filter.actor {
        pairs.push(("actor", actor.to_string()));
    }
    if let Some((direction, id)) = from {
        pairs.push((direction, id.to_string()));
    }
    format!(
        "/audit?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

fn row(event: Event, t: &AuditText) -> Row {
    Row {
        when: event
            .occurred_at
            .with_timezone(&DEFAULT_TIME_ZONE)
            .format("%d.%m.%Y %H:%M:%S")
            .to_string(),
        who: event.actor_name.unwrap_or_else(|| t.unknown_actor.into()),
        what: format!("{}: {}", t.entity(&event.entity), t.action(&event.action)),
        candidate_id: event.candidate_id,
        candidate_name: event.candidate_name,
        changes: field_changes(event.before.as_ref(), event.after.as_ref(), t),
    }
}

/// The fields an event changed, each as text: all of a creation's or a
/// deletion's fields, and of an update only those that differ.
pub fn field_changes(
    before: Option<&Value>,
    after: Option<&Value>,
    t: &AuditText,
) -> Vec<FieldChange> {
    let before = before.filter(|v| !v.is_null()).map(fields);
    let after = after.filter(|v| !v.is_null()).map(fields);
    let mut keys: Vec<&String> = before
        .iter()
        .chain(after.iter())
        .flatten()
        .map(|(k, _)| k)
        .collect();
    keys.sort();
    keys.dedup();
    let value = |side: &Option<Vec<(String, Value)>>, key: &str| {
        side.as_ref().map(|fields| {
            let found = fields.iter().find(|(k, _)| k == key).map(|(_, v)| v);
            show(found.unwrap_or(&Value::Null), t)
        })
    };
    keys.into_iter()
        .map(|key| FieldChange {
            key: key.replace('_', " "),
            before: value(&before, key),
            after: value(&after, key),
        })
        .filter(|change| before.is_none() || after.is_none() || change.before != change.after)
        .collect()
}

/// An object's fields; any other value is one field named "value".
fn fields(value: &Value) -> Vec<(String, Value)> {
    match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        other => vec![("value".into(), other.clone())],
    }
}

/// A value as plain text (the template escapes it), cut when long.
fn show(value: &Value, t: &AuditText) -> String {
    let text = match value {
        Value::Null => "—".to_owned(),
        Value::String(s) if s.trim().is_empty() => t.empty_value.to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > MAX_VALUE_CHARS {
        let cut: String = text.chars().take(MAX_VALUE_CHARS).collect();
        format!("{cut}…")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change(key: &str, before: Option<&str>, after: Option<&str>) -> FieldChange {
        FieldChange {
            key: key.into(),
            before: before.map(Into::into),
            after: after.map(Into::into),
        }
    }

    #[test]
    fn an_update_shows_only_the_fields_that_changed() {
        let before = json!({ "score": 3, "evidence": "Clear", "version": 1 });
        let after = json!({ "score": 4, "evidence": "Clear", "version": 2 });
        let changes = field_changes(Some(&before), Some(&after), &AuditText::EN);
        assert_eq!(
            changes,
            vec![
                change("score", Some("3"), Some("4")),
                change("version", Some("1"), Some("2"))
            ]
        );
    }

    #[test]
    fn a_creation_shows_every_field_with_nulls_and_blanks_in_words() {
        let after = json!({ "round_id": null, "summary": " ", "status_code": "open" });
        let changes = field_changes(None, Some(&after), &AuditText::EN);
        assert_eq!(
            changes,
            vec![
                change("round id", None, Some("—")),
                change("status code", None, Some("open")),
                change("summary", None, Some("(empty)")),
            ]
        );
    }

    #[test]
    fn long_values_are_cut_and_scalars_are_one_field() {
        let long = Value::String("x".repeat(MAX_VALUE_CHARS + 10));
        let changes = field_changes(Some(&json!(true)), Some(&long), &AuditText::EN);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].before.as_deref(), Some("true"));
        assert!(changes[0].after.as_deref().unwrap().ends_with("x…"));
    }

    #[test]
    fn malformed_filters_and_cursors_are_errors_not_queries() {
        let t = &AuditText::EN;
        let query = |candidate: &str, before: &str, after: &str| LogQuery {
            candidate: candidate.into(),
            actor: String::new(),
            before: before.into(),
            after: after.into(),
        };
        assert!(
            parse(&query("not-a-uuid", "", ""), t)
                .unwrap_err()
                .has("candidate")
        );
        assert!(parse(&query("", "ten", ""), t).is_err());
        assert!(parse(&query("", "10", "20"), t).is_err());
        let id = Uuid::new_v4();
        let (filter, cursor) = parse(&query(&id.to_string(), "", "20"), t).unwrap();
        assert_eq!(
            (filter.candidate, cursor),
            (Some(id), Cursor::NewerThan(20))
        );
    }
}
