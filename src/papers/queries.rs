//! Papers in Postgres: the bytes once per content (`paper_blob`, keyed by
//! SHA-256), the metadata per upload (`paper`); bytes no paper names any more
//! are removed with the last paper that named them.

use chrono::{DateTime, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::error::Result;
use crate::papers::kind::PaperKind;

/// An upload, checked: its kind by content, its name cleaned.
pub struct NewPaper<'a> {
    pub candidate_id: Uuid,
    pub name: &'a str,
    pub kind: PaperKind,
    pub bytes: &'a [u8],
    pub round_id: Option<Uuid>,
    pub test_result_id: Option<Uuid>,
    pub uploaded_by: Uuid,
}

/// A paper as lists and downloads show it.
#[derive(Debug, Clone)]
pub struct Paper {
    pub id: Uuid,
    pub candidate_id: Uuid,
    pub name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: Vec<u8>,
    pub round_id: Option<Uuid>,
    pub test_result_id: Option<Uuid>,
    pub uploaded_by_name: Option<String>,
    pub uploaded_at: DateTime<Utc>,
}

impl Paper {
    pub fn kind(&self) -> Option<PaperKind> {
        PaperKind::parse(&self.media_type)
    }
}

/// Stores an upload and audits it; the same content for the same candidate is
/// the paper already stored (`false`: nothing new).
pub async fn store(pool: &PgPool, paper: NewPaper<'_>) -> Result<(Uuid, bool)> {
    let sha256 = Sha256::digest(paper.bytes).to_vec();
    let size = i64::try_from(paper.bytes.len()).unwrap_or(i64::MAX);
    let mut tx = pool.begin().await?;
    copy_in(&mut tx, &sha256, paper.bytes).await?;
    // Runtime queries: the staging table exists only in this transaction.
    sqlx::query(
        "insert into paper_blob (sha256, bytes) select sha256, bytes from paper_upload
         on conflict (sha256) do nothing",
    )
    .execute(&mut *tx)
    .await?;
    let inserted = sqlx::query_scalar!(
        "insert into paper (candidate_id, sha256, name, media_type, size_bytes, round_id,
                            test_result_id, uploaded_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict on constraint paper_once do nothing
         returning id",
        paper.candidate_id,
        sha256,
        paper.name,
        paper.kind.code(),
        size,
        paper.round_id,
        paper.test_result_id,
        paper.uploaded_by,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = inserted else {
        let id = sqlx::query_scalar!(
            "select id from paper where candidate_id = $1 and sha256 = $2",
            paper.candidate_id,
            sha256,
        )
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        return Ok((id, false));
    };
    audit::record(
        &mut tx,
        Change {
            actor_id: paper.uploaded_by,
            entity: "paper",
            entity_id: id,
            action: "uploaded",
            before: None,
            after: Some(json!({
                "candidate_id": paper.candidate_id,
                "name": paper.name,
                "media_type": paper.kind.code(),
                "size_bytes": size,
                "sha256": hex::encode(&sha256),
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((id, true))
}

/// Bytes sent to Postgres per message.
const PIECE_BYTES: usize = 1024 * 1024;

/// Sends the content into a staging table of the transaction with `COPY … FROM
/// STDIN` a piece at a time. Bound as a query parameter, the bytes would be
/// copied whole twice more on their way (the arguments, then the connection's
/// buffer, each grown by doubling): 60 MB above idle for a 20 MB file instead
/// of the file and a piece (BENCHMARKS.md).
async fn copy_in(conn: &mut PgConnection, sha256: &[u8], bytes: &[u8]) -> Result<()> {
    sqlx::query(
        "create temp table paper_upload (sha256 bytea not null, bytes bytea not null) on commit drop",
    )
    .execute(&mut *conn)
    .await?;
    let length = |n: usize| i32::try_from(n).map_err(|_| anyhow::anyhow!("a paper over 2 GB"));
    // Binary COPY: signature, flags, header extension; one row of two fields.
    let mut head = Vec::with_capacity(64);
    head.extend_from_slice(b"PGCOPY\n\xff\r\n\0");
    head.extend_from_slice(&0i32.to_be_bytes());
    head.extend_from_slice(&0i32.to_be_bytes());
    head.extend_from_slice(&2i16.to_be_bytes());
    head.extend_from_slice(&length(sha256.len())?.to_be_bytes());
    head.extend_from_slice(sha256);
    head.extend_from_slice(&length(bytes.len())?.to_be_bytes());
    let mut copy = conn
        .copy_in_raw("copy paper_upload (sha256, bytes) from stdin (format binary)")
        .await?;
    copy.send(head).await?;
    for piece in bytes.chunks(PIECE_BYTES) {
        copy.send(piece).await?;
    }
    copy.send(&(-1i16).to_be_bytes()[..]).await?;
    copy.finish().await?;
    Ok(())
}

/// The candidate's papers, the newest first.
pub async fn list(pool: &PgPool, candidate_id: Uuid) -> Result<Vec<Paper>> {
    Ok(sqlx::query_as!(
        Paper,
        r#"select p.id, p.candidate_id, p.name, p.media_type, p.size_bytes, p.sha256,
                  p.round_id, p.test_result_id, u.display_name as "uploaded_by_name?",
                  p.uploaded_at as "uploaded_at: _"
           from paper p left join app_user u on u.id = p.uploaded_by
           where p.candidate_id = $1
           order by p.uploaded_at desc, p.name"#,
        candidate_id,
    )
    .fetch_all(pool)
    .await?)
}

/// Paper `id` if it is `candidate_id`'s: another candidate's id is not found.
pub async fn find(pool: &PgPool, candidate_id: Uuid, id: Uuid) -> Result<Option<Paper>> {
    Ok(sqlx::query_as!(
        Paper,
        r#"select p.id, p.candidate_id, p.name, p.media_type, p.size_bytes, p.sha256,
                  p.round_id, p.test_result_id, u.display_name as "uploaded_by_name?",
                  p.uploaded_at as "uploaded_at: _"
           from paper p left join app_user u on u.id = p.uploaded_by
           where p.candidate_id = $1 and p.id = $2"#,
        candidate_id,
        id,
    )
    .fetch_optional(pool)
    .await?)
}

/// `length` bytes of the content from `start` (counted from 0). With the
/// column stored uncompressed, Postgres reads only the chunks asked for.
pub async fn read(pool: &PgPool, sha256: &[u8], start: u64, length: u64) -> Result<Vec<u8>> {
    let from = i32::try_from(start + 1).unwrap_or(i32::MAX);
    let count = i32::try_from(length).unwrap_or(i32::MAX);
    Ok(sqlx::query_scalar!(
        r#"select substring(bytes from $2 for $3) as "bytes!" from paper_blob where sha256 = $1"#,
        sha256,
        from,
        count,
    )
    .fetch_one(pool)
    .await?)
}

/// Audits a download; `conn` so the caller decides the transaction.
pub async fn record_download(conn: &mut PgConnection, actor_id: Uuid, paper: &Paper) -> Result<()> {
    audit::record(
        conn,
        Change {
            actor_id,
            entity: "paper",
            entity_id: paper.id,
            action: "downloaded",
            before: None,
            after: Some(json!({ "candidate_id": paper.candidate_id, "name": paper.name })),
        },
    )
    .await?;
    Ok(())
}

/// Deletes paper `id` of `candidate_id` (audited), then its bytes if no other
/// paper names them. `false` when there was no such paper.
pub async fn delete(pool: &PgPool, actor_id: Uuid, candidate_id: Uuid, id: Uuid) -> Result<bool> {
    let mut tx = pool.begin().await?;
    let deleted = sqlx::query!(
        "delete from paper where candidate_id = $1 and id = $2 returning name, media_type, size_bytes",
        candidate_id,
        id,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(deleted) = deleted else {
        return Ok(false);
    };
    audit::record(
        &mut tx,
        Change {
            actor_id,
            entity: "paper",
            entity_id: id,
            action: "deleted",
            before: Some(json!({
                "candidate_id": candidate_id,
                "name": deleted.name,
                "media_type": deleted.media_type,
                "size_bytes": deleted.size_bytes,
            })),
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    forget_unreferenced(pool).await?;
    Ok(true)
}

/// Removes the bytes no paper names. An upload of the same content committing
/// meanwhile makes the delete fail its foreign key: those bytes are named
/// again and stay, and the rest go at the next delete or purge.
pub async fn forget_unreferenced(pool: &PgPool) -> Result<u64> {
    let result = sqlx::query!(
        "delete from paper_blob b where not exists (select 1 from paper p where p.sha256 = b.sha256)"
    )
    .execute(pool)
    .await;
    match result {
        Ok(done) => Ok(done.rows_affected()),
        Err(sqlx::Error::Database(db)) if db.code().as_deref() == Some("23503") => Ok(0),
        Err(err) => Err(err.into()),
    }
}

/// Whether `round_id` and `test_result_id`, when given, are `candidate_id`'s;
/// the round of a test result is filled in from it.
pub async fn owned_links(
    pool: &PgPool,
    candidate_id: Uuid,
    round_id: Option<Uuid>,
    test_result_id: Option<Uuid>,
) -> Result<Option<(Option<Uuid>, Option<Uuid>)>> {
    if let Some(test_result_id) = test_result_id {
        let round = sqlx::query_scalar!(
            "select t.round_id from test_result t join interview_round r on r.id = t.round_id
             where t.id = $1 and r.candidate_id = $2",
            test_result_id,
            candidate_id,
        )
        .fetch_optional(pool)
        .await?;
        return Ok(round
            .filter(|round| round_id.is_none_or(|given| given == *round))
            .map(|round| (Some(round), Some(test_result_id))));
    }
    if let Some(round_id) = round_id {
        let found = sqlx::query_scalar!(
            r#"select exists (select 1 from interview_round where id = $1 and candidate_id = $2) as "found!""#,
            round_id,
            candidate_id,
        )
        .fetch_one(pool)
        .await?;
        return Ok(found.then_some((Some(round_id), None)));
    }
    Ok(Some((None, None)))
}

/// A test result a paper may be attached to.
pub struct TestResultChoice {
    pub id: Uuid,
    pub round_id: Uuid,
    pub kind: String,
    pub round_number: i32,
}

/// The candidate's test results, by round.
pub async fn test_results(pool: &PgPool, candidate_id: Uuid) -> Result<Vec<TestResultChoice>> {
    Ok(sqlx::query_as!(
        TestResultChoice,
        "select t.id, t.round_id, t.kind, r.round_number from test_result t
         join interview_round r on r.id = t.round_id
         where r.candidate_id = $1 order by r.round_number, t.recorded_at",
        candidate_id,
    )
    .fetch_all(pool)
    .await?)
}
