//! What the walk-through reads. Every rating query is filtered to the asking
//! member: no query here can return another member's ratings or notes.

use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::PanelRole;
use crate::error::Result;
use crate::guides::{SectionKind, SectionLead};

#[derive(Debug, Clone)]
pub struct QuestionRow {
    pub id: Uuid,
    pub section_title: String,
    pub section_kind: SectionKind,
    pub section_order: i32,
    /// The panel role that leads the question's section, or everyone.
    pub section_led_by: SectionLead,
    /// One of the candidate's open questions from the first interview.
    pub carried_over: bool,
    pub text: String,
    pub guidance: String,
    /// False for a conversation-only question: a note, no score, never missing.
    pub rated: bool,
    pub criterion_id: Option<Uuid>,
    pub criterion_name: Option<String>,
    pub anchor_1: Option<String>,
    pub anchor_2: Option<String>,
    pub anchor_3: Option<String>,
    pub anchor_4: Option<String>,
    pub anchor_5: Option<String>,
    /// The asking member's own rating, if any.
    pub score: Option<i16>,
    pub evidence: Option<String>,
    pub version: Option<i32>,
}

impl QuestionRow {
    pub fn answered(&self) -> bool {
        self.version.is_some()
    }

    /// Whether a member in `panel_role` must rate it (or mark it not assessed)
    /// before submitting: it takes a score, and its section is led by their role or by everyone.
    pub fn required_of(&self, panel_role: PanelRole) -> bool {
        self.rated && self.section_led_by.requires(panel_role)
    }

    /// Still wants a score (or "not assessed") from a member in `panel_role` before they can submit.
    pub fn outstanding_for(&self, panel_role: PanelRole) -> bool {
        self.required_of(panel_role) && !self.answered()
    }

    pub fn anchors(&self) -> [&str; 5] {
        [
            self.anchor_1.as_deref().unwrap_or(""),
            self.anchor_2.as_deref().unwrap_or(""),
            self.anchor_3.as_deref().unwrap_or(""),
            self.anchor_4.as_deref().unwrap_or(""),
            self.anchor_5.as_deref().unwrap_or(""),
        ]
    }
}

/// The round's questions in interview order, each with `member_id`'s own rating.
pub async fn questions(pool: &PgPool, round_id: Uuid, member_id: Uuid) -> Result<Vec<QuestionRow>> {
    read_questions(pool, round_id, Some(member_id)).await
}

/// The round's questions in interview order, without anyone's rating.
pub async fn questions_without_ratings(pool: &PgPool, round_id: Uuid) -> Result<Vec<QuestionRow>> {
    read_questions(pool, round_id, None).await
}

async fn read_questions(
    pool: &PgPool,
    round_id: Uuid,
    member_id: Option<Uuid>,
) -> Result<Vec<QuestionRow>> {
    Ok(sqlx::query_as!(
        QuestionRow,
        r#"select q.id, q.section_title, q.section_kind as "section_kind: _", q.section_order,
                q.section_led_by as "section_led_by: _", q.carried_over, q.text, q.guidance,
                q.rated, q.criterion_id, c.name as "criterion_name?",
                c.anchor_1 as "anchor_1?", c.anchor_2 as "anchor_2?", c.anchor_3 as "anchor_3?", c.anchor_4 as "anchor_4?", c.anchor_5 as "anchor_5?",
                r.score, r.evidence as "evidence?", r.version as "version?"
         from round_question q
         left join criterion c on c.id = q.criterion_id
         left join rating r on r.round_question_id = q.id and r.panel_member_id = $2
         where q.round_id = $1
         order by q.section_order, q.question_order"#,
        round_id,
        member_id,
    )
    .fetch_all(pool)
    .await?)
}
