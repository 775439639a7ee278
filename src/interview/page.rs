//! The walk-through page: a light page per question (its own question, the jump
//! list and the form), which works on its own without JavaScript. With it, the
//! page fetches the round's other questions once, as one document revalidated by
//! its ETag (`offline`), and the member keeps going from question to question,
//! also without a connection.

use askama::Template;
use askama_web::WebTemplate;
use uuid::Uuid;

use crate::auth::extract::Viewer;
use crate::doubts::form::DoubtForm;
use crate::doubts::model::{Category, Method};
use crate::doubts::text::DoubtText;
use crate::error::{AppError, Result};
use crate::guides::{GuideText, SectionKind, SectionLead};
use crate::interview::queries::QuestionRow;
use crate::interview::seat::{RoundInfo, Seat};
use crate::interview::text::InterviewText;
use crate::rounds::question_edit;
use crate::state::AppState;
use crate::test_results::TestKind;
use crate::test_results::queries::{self as test_results, TestResultRow};
use crate::test_results::record::TestResultForm;
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
    /// In a section the member's panel role leads.
    pub focus: bool,
    /// Takes a score, but its section is led by another role: welcome, not required.
    pub optional: bool,
    pub section_order: i32,
    /// Questions in this section that take a score and that the member has not answered.
    pub section_open: usize,
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
    /// Fresh per render, so a doubt form posted twice raises one doubt.
    pub doubt_form_id: Uuid,
    /// Preselected in the raise-a-doubt form, so raising one takes two taps and a sentence.
    pub doubt_category: &'static str,
    pub error: Option<String>,
}

pub struct JumpItem {
    pub n: usize,
    pub text: String,
    pub rated: bool,
    /// The member must rate it before submitting.
    pub required: bool,
    pub answered: bool,
    /// The member's own saved rating, which the script puts into the question
    /// when it arrives with the round's questions: its version, its score as
    /// the form sends it ("na" for not assessed, "" for a note alone), its note.
    pub version: Option<i32>,
    pub score_code: String,
    pub evidence: String,
}

pub struct JumpSection {
    pub title: String,
    /// Who leads the section, when it is one role rather than everyone.
    pub lead: Option<&'static str>,
    /// Led by the member's own role.
    pub focus: bool,
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
    /// The candidate's papers, in the brief (kept for offline use by the script).
    pub papers: Vec<crate::papers::PaperItem>,
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
    /// The question shown (0 in the offline document, where none is).
    pub current: usize,
    /// The page's own question, or every question in the offline document.
    pub questions: Vec<QuestionView>,
    /// Questions in the round.
    pub total: usize,
    pub sections: Vec<JumpSection>,
    /// Questions this member must rate, and how many of them they have answered.
    pub required: usize,
    pub answered: usize,
    /// Some section of the round is led by the member's own role.
    pub has_focus: bool,
    pub brief_summary: String,
    pub brief_open_questions: Vec<String>,
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
    /// The test form's id: kept from a refused post, so its resend still records once.
    pub test_form_id: String,
    pub test_errors: FormErrors,
    pub test_kinds: Vec<(&'static str, &'static str)>,
}

impl InterviewPage {
    pub fn progress(&self, n: &usize) -> String {
        self.t.progress(*n, self.total)
    }

    pub fn answered_of(&self) -> String {
        self.t.answered_of(self.answered, self.required)
    }

    pub fn skip_section_body(&self, question: &QuestionView) -> String {
        self.t
            .skip_section_body
            .replace("{section}", &question.section_title)
    }
}

pub fn score_label(t: &InterviewText, score: Option<i16>) -> String {
    score.map_or_else(|| t.not_assessed.to_owned(), |s| s.to_string())
}

fn view(n: usize, row: &QuestionRow, seat: &Seat, rows: &[QuestionRow]) -> QuestionView {
    let anchors = row.anchors();
    let first_test = rows
        .iter()
        .position(|row| row.section_kind == SectionKind::TestResults);
    QuestionView {
        n,
        id: row.id,
        section_title: row.section_title.clone(),
        carried_over: row.carried_over,
        text: row.text.clone(),
        guidance: row.guidance.clone(),
        rated: row.rated,
        focus: row.section_led_by.is_focus_of(seat.panel_role),
        optional: row.rated && !row.required_of(seat.panel_role),
        section_order: row.section_order,
        section_open: rows
            .iter()
            .filter(|other| other.section_order == row.section_order)
            .filter(|other| other.rated && !other.answered())
            .count(),
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
        shows_tests: first_test == Some(n - 1),
        save_id: Uuid::new_v4(),
        doubt_form_id: Uuid::new_v4(),
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

fn jump_sections(rows: &[QuestionRow], seat: &Seat, gt: &'static GuideText) -> Vec<JumpSection> {
    let mut sections: Vec<JumpSection> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let item = JumpItem {
            n: i + 1,
            text: row.text.clone(),
            rated: row.rated,
            required: row.required_of(seat.panel_role),
            answered: row.rated && row.answered(),
            version: row.version,
            score_code: match (row.rated, row.score) {
                (false, _) => String::new(),
                (true, Some(score)) => score.to_string(),
                (true, None) => "na".to_owned(),
            },
            evidence: row.evidence.clone().unwrap_or_default(),
        };
        match sections.last_mut() {
            Some(last) if i > 0 && rows[i - 1].section_order == row.section_order => {
                last.items.push(item)
            }
            _ => sections.push(JumpSection {
                title: row.section_title.clone(),
                lead: (row.section_led_by != SectionLead::Everyone)
                    .then(|| gt.lead(&row.section_led_by)),
                focus: row.section_led_by.is_focus_of(seat.panel_role),
                items: vec![item],
            }),
        }
    }
    sections
}

/// The round's questions for the offline document: all of them, as the script
/// clones them into the page, without the member's ratings (the page carries
/// those), so that the document changes only when the questions do.
#[derive(Template)]
#[template(path = "interview/offline.html")]
pub struct OfflineQuestions(InterviewPage);

impl std::ops::Deref for OfflineQuestions {
    type Target = InterviewPage;

    fn deref(&self) -> &InterviewPage {
        &self.0
    }
}

/// The walk-through at question `n` (1-based) for the member in `seat`.
pub async fn render(
    app: &AppState,
    viewer: &Viewer,
    seat: &Seat,
    n: usize,
    extras: Extras,
) -> Result<InterviewPage> {
    let t = InterviewText::get(viewer.locale);
    let rows = app.questions.for_seat(&app.pool, seat).await?;
    if !rows.is_empty() && (n == 0 || n > rows.len()) {
        return Err(AppError::NotFound);
    }
    let layout = viewer
        .layout(format!("{} · {}", t.title, seat.round.candidate_name))
        .await?;
    let questions = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| i + 1 == n)
        .map(|(i, row)| view(i + 1, row, seat, &rows))
        .collect();
    build(
        app,
        viewer,
        seat,
        layout,
        &rows,
        (n.max(1), questions),
        extras,
    )
    .await
}

/// Every question of the round for the member in `seat`, blank, for the offline document.
pub async fn render_offline(
    app: &AppState,
    viewer: &Viewer,
    seat: &Seat,
) -> Result<OfflineQuestions> {
    let rows = app.questions.of_round(&app.pool, seat).await?;
    // No flash is taken here (the next page shows it). The session's token is in
    // the forms as on any page; it changes only at sign-in, so the document does too.
    let mut layout = Layout::bare(viewer.locale, String::new());
    layout.csrf_token =
        crate::web::csrf::token(&viewer.session, viewer.sign_in_token.as_ref()).await?;
    let questions = rows
        .iter()
        .enumerate()
        .map(|(i, row)| view(i + 1, row, seat, &rows))
        .collect();
    let mut page = build(
        app,
        viewer,
        seat,
        layout,
        &rows,
        (0, questions),
        Extras::default(),
    )
    .await?;
    // The document must not change from one fetch to the next: no fresh ids (the
    // script makes its own for every send; only forms posted without it use these).
    for question in &mut page.questions {
        (question.save_id, question.doubt_form_id) = (Uuid::nil(), Uuid::nil());
    }
    page.test_form_id = Uuid::nil().to_string();
    Ok(OfflineQuestions(page))
}

async fn build(
    app: &AppState,
    viewer: &Viewer,
    seat: &Seat,
    layout: Layout,
    rows: &[QuestionRow],
    (current, mut questions): (usize, Vec<QuestionView>),
    extras: Extras,
) -> Result<InterviewPage> {
    let locale = viewer.locale;
    let (t, dt) = (InterviewText::get(locale), DoubtText::get(locale));
    if let Some((at, score, evidence, message)) = extras.rating_error
        && let Some(question) = questions.iter_mut().find(|q| q.n == at)
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
    // Asked of the database only when it could be yes: a planned round, and the
    // hiring manager, the expert or an admin at the tablet.
    let edit_questions = match &viewer.user {
        Some(user)
            if seat.round.round_status.plan_editable()
                && (seat.round.hiring_manager_id == user.id
                    || seat.panel_role == crate::domain::PanelRole::SubjectMatterExpert
                    || user.role == crate::auth::Role::Admin) =>
        {
            question_edit::access(&app.pool, user, seat.round.round_id)
                .await?
                .editable()
        }
        _ => false,
    };
    // Only the test-results question lists them.
    let test_results = match questions.iter().any(|q| q.shows_tests) {
        true => test_results::test_results(&app.pool, seat.round.round_id).await?,
        false => Vec::new(),
    };
    Ok(InterviewPage {
        layout,
        t,
        dt,
        round: seat.round.clone(),
        member_id: seat.member_id,
        is_hiring_manager: seat.round.hiring_manager_id == seat.user_id,
        edit_questions,
        base: format!("/rounds/{}/interview", seat.round.round_id),
        current,
        total: rows.len(),
        sections: jump_sections(rows, seat, GuideText::get(locale)),
        required: rows
            .iter()
            .filter(|row| row.required_of(seat.panel_role))
            .count(),
        answered: rows
            .iter()
            .filter(|row| row.required_of(seat.panel_role) && row.answered())
            .count(),
        has_focus: rows
            .iter()
            .any(|row| row.section_led_by.is_focus_of(seat.panel_role)),
        brief_summary: seat.round.first_round_summary.trim().to_owned(),
        papers: crate::papers::items(&app.pool, locale, seat.round.candidate_id).await?,
        brief_open_questions: seat
            .round
            .open_questions
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect(),
        questions,
        read_only: seat.read_only(),
        read_only_banner: seat.submitted_at.map(|at| {
            t.read_only_banner
                .replace("{when}", &format::date_time(at, &seat.round.time_zone))
        }),
        conflict: extras.conflict,
        doubt_for,
        doubt_form,
        doubt_errors,
        categories: Category::PICKABLE
            .iter()
            .map(|c| (c.code(), c.label(locale)))
            .collect(),
        methods: Method::ALL
            .iter()
            .map(|m| (m.code(), m.label(locale)))
            .collect(),
        test_results,
        test_form_id: match test_form.form_id.trim() {
            "" => Uuid::new_v4().to_string(),
            kept => kept.to_owned(),
        },
        test_form,
        test_errors,
        test_kinds: TestKind::ALL
            .iter()
            .map(|k| (k.code(), k.label(viewer.locale)))
            .collect(),
    })
}
