//! Copies a template's questions into a round, linked to the position's criteria,
//! so that later edits of the template change no planned or held interview.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::{DoubtCategory, DoubtMethod};
use crate::guides::SectionKind;
use crate::i18n::Locale;
use crate::rounds::text::RoundText;

/// Kind and order of the section holding the candidate's open questions from the
/// first round when the guide has no section of its own to take them.
pub const CARRIED_OVER_KIND: SectionKind = SectionKind::OpenQuestions;
pub const CARRIED_OVER_ORDER: i32 = 0;

/// Kind and order of the section holding the candidate's open doubts: an extra
/// interview is there to settle them, so they come before everything else.
pub const DOUBTS_KIND: SectionKind = SectionKind::OpenQuestions;
pub const DOUBTS_ORDER: i32 = -1;

/// Snapshots `template_id` into `round_id`; a question is linked to the criterion
/// of the round's position whose name matches its hint (case-insensitively);
/// a conversation-only question keeps its mark and is linked to none, and every
/// question keeps the role that leads its section.
/// The candidate's open questions from the first round (one per line) join the
/// guide's opening section right after its first question (the one that starts
/// the conversation); a guide without sections gets them under
/// `carried_over_title`. Returns the number of questions copied.
pub async fn take(
    conn: &mut PgConnection,
    round_id: Uuid,
    template_id: Uuid,
    carried_over_title: &str,
) -> sqlx::Result<u64> {
    let open_questions: Vec<String> = sqlx::query_scalar!(
        r#"select trim(line.text) as "text!"
         from interview_round r
         join candidate c on c.id = r.candidate_id
         cross join lateral unnest(regexp_split_to_array(c.open_questions, E'\r?\n')) with ordinality as line(text, n)
         where r.id = $1 and trim(line.text) <> ''
         order by line.n"#,
        round_id,
    )
    .fetch_all(&mut *conn)
    .await?;
    // Room after the opening section's first question for the open questions.
    let room = i32::try_from(open_questions.len()).unwrap_or(i32::MAX);
    let copied = sqlx::query!(
        "insert into round_question
             (round_id, section_title, section_kind, section_led_by, section_order, question_order,
              text, guidance, rated, criterion_id)
         select $1, s.title, s.kind, s.led_by,
                dense_rank() over sections,
                row_number() over questions
                  + case when dense_rank() over sections = 1 and row_number() over questions > 1
                         then $3 else 0 end,
                q.text, q.guidance, q.rated,
                (select cr.id from criterion cr
                   join candidate c on c.position_id = cr.position_id
                   join interview_round r on r.candidate_id = c.id
                  where r.id = $1 and q.rated and q.criterion_hint <> ''
                    and lower(cr.name) = lower(q.criterion_hint)
                  limit 1)
         from template_section s
         join template_question q on q.section_id = s.id
         where s.template_id = $2
         window sections as (order by s.sort_order, s.id),
                questions as (partition by s.id order by q.sort_order, q.id)",
        round_id,
        template_id,
        room,
    )
    .execute(&mut *conn)
    .await?;
    if open_questions.is_empty() {
        return Ok(copied.rows_affected());
    }
    let carried = if copied.rows_affected() > 0 {
        sqlx::query!(
            "insert into round_question
                 (round_id, section_title, section_kind, section_led_by, section_order, question_order,
                  text, guidance, carried_over)
             select $1, first.section_title, first.section_kind, first.section_led_by, first.section_order,
                    first.question_order + line.n, line.text, '', true
             from round_question first
             cross join unnest($2::text[]) with ordinality as line(text, n)
             where first.round_id = $1 and first.section_order = 1 and first.question_order = 1",
            round_id,
            &open_questions,
        )
        .execute(&mut *conn)
        .await?
    } else {
        sqlx::query!(
            "insert into round_question
                 (round_id, section_title, section_kind, section_order, question_order, text, guidance, carried_over)
             select $1, $2, $3, $4, line.n, line.text, '', true
             from unnest($5::text[]) with ordinality as line(text, n)",
            round_id,
            carried_over_title,
            CARRIED_OVER_KIND.code(),
            CARRIED_OVER_ORDER,
            &open_questions,
        )
        .execute(&mut *conn)
        .await?
    };
    Ok(carried.rows_affected() + copied.rows_affected())
}

/// Puts each open doubt about the round's candidate into `round_id` as a
/// question (its description), with its category and the chosen way to settle
/// it as guidance, in `locale` (the guide's language). Returns the number added.
pub async fn take_doubts(
    conn: &mut PgConnection,
    round_id: Uuid,
    locale: Locale,
) -> sqlx::Result<u64> {
    let doubts: Vec<(String, DoubtCategory, DoubtMethod)> = sqlx::query!(
        r#"select d.description, d.category as "category: DoubtCategory",
                d.resolution_method as "resolution_method: DoubtMethod"
         from doubt d join interview_round r on r.candidate_id = d.candidate_id
         where r.id = $1 and d.status = 'open'
         order by d.raised_at, d.id"#,
        round_id,
    )
    .map(|row| (row.description, row.category, row.resolution_method))
    .fetch_all(&mut *conn)
    .await?;
    if doubts.is_empty() {
        return Ok(0);
    }
    let rt = RoundText::get(locale);
    let guidance: Vec<String> = doubts
        .iter()
        .map(|(_, category, method)| {
            rt.doubt_guidance
                .replace("{category}", category.label(locale))
                .replace("{method}", method.label(locale))
        })
        .collect();
    let texts: Vec<&str> = doubts.iter().map(|(text, _, _)| text.as_str()).collect();
    let added = sqlx::query!(
        "insert into round_question (round_id, section_title, section_kind, section_order, question_order, text, guidance)
         select $1, $2, $3, $4, doubt.n, doubt.text, doubt.guidance
         from unnest($5::text[], $6::text[]) with ordinality as doubt(text, guidance, n)",
        round_id,
        rt.doubts_to_settle,
        DOUBTS_KIND.code(),
        DOUBTS_ORDER,
        &texts as &[&str],
        &guidance as &[String],
    )
    .execute(&mut *conn)
    .await?;
    Ok(added.rows_affected())
}
