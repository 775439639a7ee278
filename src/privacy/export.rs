//! `GET /candidates/{id}/export.json`: everything stored about one candidate,
//! for an access request. HR and admin only.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::auth::Authorized;
use crate::auth::role::HrOrAdmin;
use crate::error::{AppError, Result};
use crate::state::AppState;

/// One query, so the document is one consistent picture.
pub async fn download(
    State(app): State<AppState>,
    auth: Authorized<HrOrAdmin>,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let mut conn = app.pool.acquire().await?;
    let document: Value = sqlx::query_scalar!(
        r#"
select jsonb_build_object(
    'exported_at', now(),
    'candidate', to_jsonb(c),
    'position', jsonb_build_object('id', p.id, 'title', p.title, 'department', p.department),
    'status_history', coalesce((
        select jsonb_agg(to_jsonb(s) order by s.changed_at)
        from candidate_status_change s where s.candidate_id = c.id), '[]'::jsonb),
    'rounds', coalesce((
        select jsonb_agg(to_jsonb(r) - 'plan_id' order by r.round_number)
        from interview_round r where r.candidate_id = c.id), '[]'::jsonb),
    'ratings', coalesce((
        select jsonb_agg(jsonb_build_object(
                   'round_id', q.round_id, 'question', q.text, 'panel_member', u.display_name,
                   'score', ra.score, 'evidence', ra.evidence, 'updated_at', ra.updated_at)
               order by r.round_number, q.section_order, q.question_order, u.display_name)
        from rating ra
        join round_question q on q.id = ra.round_question_id
        join interview_round r on r.id = q.round_id
        join panel_member pm on pm.id = ra.panel_member_id
        join app_user u on u.id = pm.user_id
        where r.candidate_id = c.id), '[]'::jsonb),
    'recommendations', coalesce((
        select jsonb_agg(jsonb_build_object(
                   'round_id', pm.round_id, 'panel_member', u.display_name,
                   'verdict', rec.verdict, 'justification', rec.justification,
                   'created_at', rec.created_at) order by rec.created_at)
        from recommendation rec
        join panel_member pm on pm.id = rec.panel_member_id
        join interview_round r on r.id = pm.round_id
        join app_user u on u.id = pm.user_id
        where r.candidate_id = c.id), '[]'::jsonb),
    'test_results', coalesce((
        select jsonb_agg(to_jsonb(t) order by t.recorded_at)
        from test_result t join interview_round r on r.id = t.round_id
        where r.candidate_id = c.id), '[]'::jsonb),
    'doubts', coalesce((
        select jsonb_agg(to_jsonb(d) order by d.raised_at)
        from doubt d where d.candidate_id = c.id), '[]'::jsonb),
    'reference_checks', coalesce((
        select jsonb_agg(to_jsonb(rc) - 'form_id' order by rc.checked_on, rc.created_at)
        from reference_check rc where rc.candidate_id = c.id), '[]'::jsonb),
    'follow_ups', coalesce((
        select jsonb_agg(to_jsonb(f) || jsonb_build_object('scores', (
                   select coalesce(jsonb_agg(jsonb_build_object('criterion_id', s.criterion_id, 'score', s.score)), '[]'::jsonb)
                   from follow_up_score s where s.follow_up_id = f.id)) order by f.written_at)
        from follow_up f where f.candidate_id = c.id), '[]'::jsonb),
    'mail', coalesce((
        select jsonb_agg(jsonb_build_object(
                   'kind', m.kind, 'to', m.recipient, 'subject', m.subject, 'state', m.state,
                   'written_at', m.created_at, 'sent_at', m.sent_at) order by m.created_at)
        from mail_outbox m where m.candidate_id = c.id), '[]'::jsonb),
    'decisions', coalesce((
        select jsonb_agg(to_jsonb(d) - 'form_id' order by d.decided_at)
        from decision d where d.candidate_id = c.id), '[]'::jsonb)
) as "document!"
from candidate c join position p on p.id = c.position_id
where c.id = $1"#,
        id,
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    // Who read a person's whole record is itself worth keeping.
    audit::record(
        &mut conn,
        Change {
            actor_id: auth.user.id,
            entity: "candidate",
            entity_id: id,
            action: "data_exported",
            before: None,
            after: None,
        },
    )
    .await?;
    let body = serde_json::to_vec_pretty(&document).map_err(anyhow::Error::from)?;
    let disposition = format!("attachment; filename=\"candidate-{id}.json\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
