//! `GET /candidates/{id}/export.json`: everything stored about one candidate,
//! for an access request; `export.zip` holds the same document with the
//! candidate's papers. HR and admin only.

use std::io::Write;

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

pub async fn download(
    State(app): State<AppState>,
    auth: Authorized<HrOrAdmin>,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let mut conn = app.pool.acquire().await?;
    let document = document(&mut conn, id).await?;
    record(&mut conn, auth.user.id, id).await?;
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

/// The document and the papers' files in one zip (deflated): the JSON as
/// `candidate-{id}.json`, each paper as `papers/{n}-{name}`.
pub async fn download_zip(
    State(app): State<AppState>,
    auth: Authorized<HrOrAdmin>,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let mut conn = app.pool.acquire().await?;
    let document = document(&mut conn, id).await?;
    let files = sqlx::query!(
        r#"select pa.name, b.bytes from paper pa join paper_blob b on b.sha256 = pa.sha256
           where pa.candidate_id = $1 order by pa.uploaded_at, pa.id"#,
        id,
    )
    .fetch_all(&mut *conn)
    .await?;
    record(&mut conn, auth.user.id, id).await?;
    drop(conn);
    let json = serde_json::to_vec_pretty(&document).map_err(anyhow::Error::from)?;
    let files: Vec<(String, Vec<u8>)> = files.into_iter().map(|f| (f.name, f.bytes)).collect();
    let body = tokio::task::spawn_blocking(move || zip_of(id, &json, &files))
        .await
        .map_err(anyhow::Error::from)??;
    let disposition = format!("attachment; filename=\"candidate-{id}.zip\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

fn zip_of(id: Uuid, json: &[u8], files: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    let mut add = |name: String, bytes: &[u8]| -> zip::result::ZipResult<()> {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    add(format!("candidate-{id}.json"), json).map_err(anyhow::Error::from)?;
    for (n, (name, bytes)) in files.iter().enumerate() {
        // Stored names have no path parts (`papers::kind::clean_name`); the
        // number keeps two papers of one name apart.
        add(format!("papers/{:02}-{name}", n + 1), bytes).map_err(anyhow::Error::from)?;
    }
    let cursor = zip.finish().map_err(anyhow::Error::from)?;
    Ok(cursor.into_inner())
}

/// Who read a person's whole record is itself worth keeping.
async fn record(conn: &mut sqlx::PgConnection, actor_id: Uuid, id: Uuid) -> Result<()> {
    audit::record(
        conn,
        Change {
            actor_id,
            entity: "candidate",
            entity_id: id,
            action: "data_exported",
            before: None,
            after: None,
        },
    )
    .await?;
    Ok(())
}

/// One query, so the document is one consistent picture.
async fn document(conn: &mut sqlx::PgConnection, id: Uuid) -> Result<Value> {
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
    'papers', coalesce((
        select jsonb_agg(jsonb_build_object(
                   'id', pa.id, 'name', pa.name, 'media_type', pa.media_type,
                   'size_bytes', pa.size_bytes, 'sha256', encode(pa.sha256, 'hex'),
                   'round_id', pa.round_id, 'test_result_id', pa.test_result_id,
                   'uploaded_at', pa.uploaded_at) order by pa.uploaded_at, pa.id)
        from paper pa where pa.candidate_id = c.id), '[]'::jsonb),
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
    Ok(document)
}
