//! The reference checks of a candidate: the list, and the form that records one,
//! raises a doubt from its concerns and settles the doubts it answers, in one
//! transaction.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::doubts::fact::Fact;
use crate::doubts::model::{self as doubt, Category, Method, NewDoubt};
use crate::doubts::settle::{self, Outcome, Settled};
use crate::doubts::view::{self, DoubtView};
use crate::error::Result;
use crate::i18n::Locale;
use crate::positions::access::OwnedCandidate;
use crate::references::form::{
    self, ContactMethod, MAX_NAME, MAX_QUESTIONS, MAX_TEXT, ReferenceForm, ValidReference,
};
use crate::references::queries::{self, ReferenceCheck};
use crate::references::text::ReferenceText;
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::format::DEFAULT_TIME_ZONE;
use crate::web::layout::Layout;
use crate::web::text::CommonText;

/// A reference check as the pages show it.
pub struct ReferenceView {
    pub id: Uuid,
    pub referee_name: String,
    pub relationship: String,
    pub contact: &'static str,
    pub checked_on: String,
    pub questions_answers: String,
    pub summary: String,
    pub concerns: String,
    pub recorded_by: Option<String>,
}

pub fn view(check: &ReferenceCheck, t: &ReferenceText) -> ReferenceView {
    ReferenceView {
        id: check.id,
        referee_name: check.referee_name.clone(),
        relationship: check.relationship.clone(),
        contact: check.contact_method.map_or("", |m| m.label(t)),
        checked_on: check.checked_on.format("%d.%m.%Y").to_string(),
        questions_answers: check.questions_answers.clone(),
        summary: check.summary.clone(),
        concerns: check.concerns.clone(),
        recorded_by: check
            .recorded_by_name
            .as_ref()
            .map(|name| t.recorded_by.replace("{name}", name)),
    }
}

/// The candidate page's references section.
pub struct ReferencesSection {
    pub t: &'static ReferenceText,
    pub items: Vec<ReferenceView>,
    /// Whether the reader may record one (and read what referees said).
    pub can_record: bool,
}

pub async fn section(
    pool: &sqlx::PgPool,
    locale: Locale,
    candidate_id: Uuid,
    can_record: bool,
) -> Result<ReferencesSection> {
    let t = ReferenceText::get(locale);
    // What referees said is for the people who decide; panel members see the doubts only.
    let items = if can_record {
        queries::for_candidate(pool, candidate_id).await?
    } else {
        Vec::new()
    };
    Ok(ReferencesSection {
        t,
        items: items.iter().map(|check| view(check, t)).collect(),
        can_record,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "references/show.html")]
pub struct ReferencesPage {
    layout: Layout,
    t: &'static ReferenceText,
    candidate_id: Uuid,
    candidate_name: String,
    references: ReferencesSection,
    open_doubts: Vec<DoubtView>,
    form: ReferenceForm,
    errors: FormErrors,
    methods: Vec<(&'static str, &'static str)>,
    today: String,
    max_name: String,
    max_text: String,
    max_questions: String,
    concerns_hint: String,
}

async fn render(
    app: &AppState,
    auth: &Authorized<Staff>,
    candidate_id: Uuid,
    form: ReferenceForm,
    errors: FormErrors,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = ReferenceText::get(locale);
    let name: String =
        sqlx::query_scalar!("select name from candidate where id = $1", candidate_id,)
            .fetch_one(&app.pool)
            .await?;
    let status = errors.status();
    let doubts = crate::doubts::queries::open_for_candidate(&app.pool, candidate_id).await?;
    let checks = queries::for_candidate(&app.pool, candidate_id).await?;
    let max = |n: usize| {
        t.max_chars
            .replace("{n}", &crate::web::form::count(n, locale))
    };
    let page = ReferencesPage {
        layout: auth.viewer.layout(t.title.replace("{name}", &name)).await?,
        t,
        candidate_id,
        candidate_name: name,
        references: ReferencesSection {
            t,
            items: checks.iter().map(|check| view(check, t)).collect(),
            can_record: true,
        },
        open_doubts: doubts
            .iter()
            .map(|row| view::view(row, locale, None))
            .collect(),
        form,
        errors,
        methods: ContactMethod::ALL
            .iter()
            .map(|m| (m.code(), m.label(t)))
            .collect(),
        today: today().format("%Y-%m-%d").to_string(),
        max_name: max(MAX_NAME),
        max_text: max(MAX_TEXT),
        max_questions: max(MAX_QUESTIONS),
        concerns_hint: format!("{} {}", t.concerns_hint, max(MAX_TEXT)),
    };
    Ok((status, page).into_response())
}

fn today() -> chrono::NaiveDate {
    Utc::now().with_timezone(&DEFAULT_TIME_ZONE).date_naive()
}

pub async fn show(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedCandidate {
        id: candidate_id, ..
    }: OwnedCandidate,
) -> Result<Response> {
    let form = ReferenceForm {
        form_id: Uuid::new_v4().to_string(),
        checked_on: today().format("%Y-%m-%d").to_string(),
        ..ReferenceForm::default()
    };
    render(&app, &auth, candidate_id, form, FormErrors::default()).await
}

/// What recording did: stored (with or without a doubt from its concerns), found
/// already recorded, or refused because a ticked doubt could not be settled.
enum Recording {
    Stored {
        raised_doubt: bool,
    },
    AlreadyRecorded,
    /// A ticked doubt could not be settled; nothing was stored.
    DoubtNotSettled(Settled),
}

async fn record_check(
    app: &AppState,
    candidate_id: Uuid,
    check: &ValidReference,
    by: Uuid,
) -> Result<Recording> {
    let mut tx = app.pool.begin().await?;
    let Some(id) = queries::insert(&mut tx, candidate_id, check, by).await? else {
        return Ok(Recording::AlreadyRecorded);
    };
    for doubt_id in &check.settles {
        let fact = Fact::ReferenceCheck(id);
        let settled = settle::settle(
            &mut tx,
            *doubt_id,
            candidate_id,
            Outcome::Resolved,
            &fact,
            by,
        )
        .await?;
        if settled != Settled::Done {
            return Ok(Recording::DoubtNotSettled(settled));
        }
    }
    let raised_doubt = !check.concerns.is_empty();
    if raised_doubt {
        let new = NewDoubt {
            candidate_id,
            round_id: None,
            round_question_id: None,
            criterion_id: None,
            category: Category::Other,
            description: &check.concerns,
            method: Method::CheckReferences,
            raised_by: by,
            form_id: None,
        };
        doubt::raise(&mut tx, new).await?;
    }
    tx.commit().await?;
    tracing::info!(reference_check_id = %id, %candidate_id, "reference check recorded");
    Ok(Recording::Stored { raised_doubt })
}

pub async fn record(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedCandidate {
        id: candidate_id, ..
    }: OwnedCandidate,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = ReferenceText::get(locale);
    let form = ReferenceForm::from_pairs(pairs);
    let check = match form::validate(&form, today(), t, CommonText::get(locale)) {
        Ok(check) => check,
        Err(errors) => return render(&app, &auth, candidate_id, form, errors).await,
    };
    let message = match record_check(&app, candidate_id, &check, auth.user.id).await? {
        Recording::Stored { raised_doubt: true } => t.recorded_with_concern,
        Recording::Stored {
            raised_doubt: false,
        } => t.recorded,
        Recording::AlreadyRecorded => t.already_recorded,
        Recording::DoubtNotSettled(why) => {
            let reason = match why {
                Settled::AlreadySettled => t.settled_meanwhile,
                _ => t.settles_stale,
            };
            let mut errors = FormErrors::default();
            errors.add("settles", reason);
            return render(&app, &auth, candidate_id, form, errors).await;
        }
    };
    auth.viewer.flash(FlashKind::Success, message).await?;
    Ok(Redirect::to(&format!("/candidates/{candidate_id}#references")).into_response())
}
