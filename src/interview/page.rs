//! The walk-through page: every question of the round is in the page, one shown
//! at a time, so that with JavaScript the member can keep going offline; without
//! it each question is its own URL and form.

use askama::Template;
use askama_web::WebTemplate;
use uuid::Uuid;

use crate::AppState;
use crate::auth::extract::Viewer;
use crate::doubts::form::DoubtForm;
use crate::doubts::model::{Category, Method};
use crate::doubts::text::DoubtText;
use crate::error::{AppError, Result};
use crate::guides::SectionKind;
use crate::interview::TestKind;
use crate::interview::queries::{self, QuestionRow, TestResultRow};
use crate::interview::seat::{RoundInfo, Seat};
use crate::interview::tests::TestResultForm;
use crate::interview::text::InterviewText;
use crate::rounds::question_edit;
use crate::rounds::snapshot::CARRIED_OVER_KIND;
use crate::web::form::FormErrors;
use crate::web::format;
use crate::web::layout::Layout;

pub struct ScoreOption {
    pub value: i16,
    pub anchor: String,
    pub checked: bool,
}

pub struct QuestionView {
    pub n: usize,
    pub id: Uuid,
    pub section_title: String,
    pub carried_over: bool,
    pub text: String,
    pub guidance: String,
    /// False for a conversation-only question: no rating inputs, an optional note.
    pub rated: bool,
    pub criterion_name: Option<String>,
    pub options: Vec<ScoreOption>,
    pub not_assessed: bool,
    pub evidence: String,
    pub version: Option<i32>,
    pub answered: bool,
    /// The first question of the test-results section carries the test-results form.
    pub shows_tests: bool,
    /// Fresh per render, so a form posted twice saves once.
    pub save_id: Uuid,
    /// Preselected in the raise-a-doubt form, so raising one takes two taps and a sentence.
    pub doubt_category: &'static str,
    pub error: Option<String>,
}

pub struct JumpItem {
    pub n: usize,
    pub text: String,
    pub rated: bool,
    pub answered: bool,
}

pub struct JumpSection {
    pub title: String,
    pub items: Vec<JumpItem>,
}

/// Both sides of a stale save, for the member to choose between.
pub struct ConflictView {
    pub n: usize,
    pub mine_value: String,
    pub mine_label: String,
    pub mine_evidence: String,
    pub theirs_label: String,
    pub theirs_evidence: String,
    pub theirs_version: i32,
}

/// What a post left behind for the page to show: a conflict, or a form with errors.
#[derive(Default)]
pub struct Extras {
    pub conflict: Option<ConflictView>,
    /// (question number, score as sent, evidence as sent, message)
    pub rating_error: Option<(usize, String, String, String)>,
    pub doubt: Option<(usize, DoubtForm, FormErrors)>,
    pub test: Option<(TestResultForm, FormErrors)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "interview/walk.html")]
pub struct InterviewPage {
    pub layout: Layout,
    pub t: &'static InterviewText,
    pub dt: &'static DoubtText,
    pub round: RoundInfo,
    /// The position's hiring manager gets a link to the panel's progress.
    pub is_hiring_manager: bool,
    /// The hiring manager and the subject-matter expert may edit the questions until the first rating.
    pub edit_questions: bool,
    /// Keys the browser's offline queue, so a shared tablet never sends one member's saves as another's.
    pub member_id: Uuid,
    pub base: String,
    pub current: usize,
    pub questions: Vec<QuestionView>,
    pub sections: Vec<JumpSection>,
    /// Questions that take a score, and how many of them this member has answered.
    pub rated: usize,
    pub answered: usize,
    pub read_only: bool,
    pub read_only_banner: Option<String>,
    pub conflict: Option<ConflictView>,
    pub doubt_for: usize,
    pub doubt_form: DoubtForm,
    pub doubt_errors: FormErrors,
    pub categories: Vec<(&'static str, &'static str)>,
    pub methods: Vec<(&'static str, &'static str)>,
    pub test_results: Vec<TestResultRow>,
    pub test_form: TestResultForm,
    pub test_errors: FormErrors,
    pub test_kinds: Vec<(&'static str, &'static str)>,
}

impl InterviewPage {
    pub fn progress(&self, n: &usize) -> String {
        self.t.progress(*n, self.questions.len())
    }

    pub fn answered_of(&self) -> String {
        self.t.answered_of(self.answered, self.rated)
    }

    pub fn test_score(&self, result: &TestResultRow) -> String {
        result.score.map(|s| s.to_string()).unwrap_or_default()
    }

    pub fn recorded(&self, result: &TestResultRow) -> String {
        format::date(result.recorded_at)
    }
}

pub fn score_label(t: &InterviewText, score: Option<i16>) -> String {
    score.map_or_else(|| t.not_assessed.to_owned(), |s| s.to_string())
}

fn view(n: usize, row: &QuestionRow, shows_tests: bool) -> QuestionView {
    let anchors = row.anchors();
    QuestionView {
        n,
        id: row.id,
        section_title: row.section_title.clone(),
        carried_over: row.section_kind == CARRIED_OVER_KIND && row.section_order == 0,
        text: row.text.clone(),
        guidance: row.guidance.clone(),
        rated: row.rated,
        criterion_name: row.criterion_name.clone(),
        options: (1..=5)
            .map(|value| ScoreOption {
                value,
                anchor: anchors[(value - 1) as usize].to_owned(),
                checked: row.score == Some(value),
            })
            .collect(),
        not_assessed: row.answered() && row.score.is_none(),
        evidence: row.evidence.clone().unwrap_or_default(),
        version: row.version,
        answered: row.answered(),
        shows_tests,
        save_id: Uuid::new_v4(),
        doubt_category: likely_category(row.section_kind).code(),
        error: None,
    }
}

/// The doubt a question's section most often raises; the member can change it.
fn likely_category(section_kind: SectionKind) -> Category {
    match section_kind {
        SectionKind::OpenQuestions => Category::Experience,
        SectionKind::PracticalCase | SectionKind::TestResults => Category::Competence,
        SectionKind::Expectations => Category::Motivation,
        SectionKind::Leadership => Category::Collaboration,
        SectionKind::Closing | SectionKind::General => Category::Other,
    }
}

fn jump_sections(rows: &[QuestionRow]) -> Vec<JumpSection> {
    let mut sections: Vec<JumpSection> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let item = JumpItem {
            n: i + 1,
            text: row.text.clone(),
            rated: row.rated,
            answered: row.rated && row.answered(),
        };
        match sections.last_mut() {
            Some(last) if i > 0 && rows[i - 1].section_order == row.section_order => {
                last.items.push(item)
            }
            _ => sections.push(JumpSection {
                title: row.section_title.clone(),
                items: vec![item],
            }),
        }
    }
    sections
}

/// The walk-through at question `n` (1-based) for the member in `seat`.
pub async fn render(
    app: &AppState,
    viewer: &Viewer,
    seat: &Seat,
    n: usize,
    extras: Extras,
) -> Result<InterviewPage> {
    let locale = viewer.locale;
    let (t, dt) = (InterviewText::get(locale), DoubtText::get(locale));
    let rows = queries::questions(&app.pool, seat.round.round_id, seat.member_id).await?;
    if !rows.is_empty() && (n == 0 || n > rows.len()) {
        return Err(AppError::NotFound);
    }
    let first_test = rows
        .iter()
        .position(|row| row.section_kind == SectionKind::TestResults);
    let mut questions: Vec<QuestionView> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| view(i + 1, row, Some(i) == first_test))
        .collect();
    if let Some((at, score, evidence, message)) = extras.rating_error
        && let Some(question) = questions.get_mut(at - 1)
    {
        for option in &mut question.options {
            option.checked = score == option.value.to_string();
        }
        question.not_assessed = score == "na";
        question.evidence = evidence;
        question.error = Some(message);
    }
    let (doubt_for, doubt_form, doubt_errors) = extras.doubt.unwrap_or_default();
    let (test_form, test_errors) = extras.test.unwrap_or_default();
    let edit_questions = match &viewer.user {
        Some(user) => question_edit::access(&app.pool, user, seat.round.round_id)
            .await?
            .editable(),
        None => false,
    };
    Ok(InterviewPage {
        layout: viewer
            .layout(format!("{} · {}", t.title, seat.round.candidate_name))
            .await?,
        t,
        dt,
        round: seat.round.clone(),
        member_id: seat.member_id,
        is_hiring_manager: seat.round.hiring_manager_id == seat.user_id,
        edit_questions,
        base: format!("/rounds/{}/interview", seat.round.round_id),
        current: n.max(1),
        sections: jump_sections(&rows),
        rated: rows.iter().filter(|row| row.rated).count(),
        answered: rows
            .iter()
            .filter(|row| row.rated && row.answered())
            .count(),
        questions,
        read_only: seat.read_only(),
        read_only_banner: seat.submitted_at.map(|at| {
            t.read_only_banner
                .replace("{when}", &format::date_time(at, "Europe/Oslo"))
        }),
        conflict: extras.conflict,
        doubt_for,
        doubt_form,
        doubt_errors,
        categories: Category::PICKABLE
            .iter()
            .map(|c| (c.code(), c.label(dt)))
            .collect(),
        methods: Method::ALL
            .iter()
            .map(|m| (m.code(), m.label(dt)))
            .collect(),
        test_results: queries::test_results(&app.pool, seat.round.round_id).await?,
        test_form,
        test_errors,
        test_kinds: TestKind::ALL
            .iter()
            .map(|k| (k.code(), t.test_kind(k)))
            .collect(),
    })
}
