//! Copies a template's questions into a round, linked to the position's criteria,
//! so that later edits of the template change no planned or held interview.

use sqlx::PgConnection;
use uuid::Uuid;

/// Kind and order of the section holding the candidate's open questions from the
/// first round; it comes before every template section.
pub const CARRIED_OVER_KIND: &str = "open_questions";
pub const CARRIED_OVER_ORDER: i32 = 0;

/// Snapshots `template_id` into `round_id`; a question is linked to the criterion
/// of the round's position whose name matches its hint (case-insensitively).
/// The candidate's open questions from the first round (one per line) come first,
/// under `carried_over_title`. Returns the number of questions copied.
pub async fn take(
    conn: &mut PgConnection,
    round_id: Uuid,
    template_id: Uuid,
    carried_over_title: &str,
) -> sqlx::Result<u64> {
    let carried = sqlx::query(
        "insert into round_question (round_id, section_title, section_kind, section_order, question_order, text, guidance)
         select $1, $2, $3, $4, line.n, trim(line.text), ''
         from interview_round r
         join candidate c on c.id = r.candidate_id
         cross join lateral unnest(regexp_split_to_array(c.open_questions, E'\\r?\\n')) with ordinality as line(text, n)
         where r.id = $1 and trim(line.text) <> ''",
    )
    .bind(round_id)
    .bind(carried_over_title)
    .bind(CARRIED_OVER_KIND)
    .bind(CARRIED_OVER_ORDER)
    .execute(&mut *conn)
    .await?;
    let copied = sqlx::query(
        "insert into round_question
             (round_id, section_title, section_kind, section_order, question_order, text, guidance, criterion_id)
         select $1, s.title, s.kind,
                dense_rank() over (order by s.sort_order, s.id),
                row_number() over (partition by s.id order by q.sort_order, q.id),
                q.text, q.guidance,
                (select cr.id from criterion cr
                   join candidate c on c.position_id = cr.position_id
                   join interview_round r on r.candidate_id = c.id
                  where r.id = $1 and q.criterion_hint <> ''
                    and lower(cr.name) = lower(q.criterion_hint)
                  limit 1)
         from template_section s
         join template_question q on q.section_id = s.id
         where s.template_id = $2",
    )
    .bind(round_id)
    .bind(template_id)
    .execute(&mut *conn)
    .await?;
    Ok(carried.rows_affected() + copied.rows_affected())
}
