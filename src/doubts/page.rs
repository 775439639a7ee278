//! The doubt's own page: what it is, and two forms, to settle it with a fact or
//! to confirm it. Only the position's hiring manager, HR and admin may use them.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::role::Staff;
use crate::auth::{Authorized, SessionUser};
use crate::doubts::fact::{FactForm, FactProblem};
use crate::doubts::queries::{self, DoubtRow, FactChoice};
use crate::doubts::settle::{self, Outcome, Settled};
use crate::doubts::text::DoubtText;
use crate::doubts::view::{self, DoubtView};
use crate::error::{AppError, Result};
use crate::positions::access::{self, OwnedCandidate};
use crate::state::AppState;
use crate::test_results::TestKind;
use crate::web::flash::FlashKind;
use crate::web::form::{Form, FormErrors};
use crate::web::layout::Layout;

/// One of the page's two forms, with what was typed into it after a refusal.
pub struct FactFormView {
    /// Prefixes the field ids, so both forms can be on one page.
    pub prefix: &'static str,
    pub action: String,
    pub heading: &'static str,
    pub hint: &'static str,
    pub submit: &'static str,
    pub button_class: &'static str,
    pub form: FactForm,
    pub errors: FormErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "doubts/show.html")]
pub struct DoubtPage {
    layout: Layout,
    t: &'static DoubtText,
    candidate_name: String,
    candidate_id: Uuid,
    doubt: DoubtView,
    forms: Vec<FactFormView>,
    references: Vec<FactChoice>,
    test_results: Vec<FactChoice>,
    rounds: Vec<FactChoice>,
}

/// One of the three fields describing a check of information.
pub struct InformationField<'a> {
    pub name: &'static str,
    pub label: &'static str,
    pub value: &'a str,
}

impl DoubtPage {
    fn information_fields<'a>(&self, f: &'a FactFormView) -> [InformationField<'a>; 3] {
        [
            InformationField {
                name: "fact_what",
                label: self.t.fact_what,
                value: &f.form.fact_what,
            },
            InformationField {
                name: "fact_source",
                label: self.t.fact_source,
                value: &f.form.fact_source,
            },
            InformationField {
                name: "fact_outcome",
                label: self.t.fact_outcome,
                value: &f.form.fact_outcome,
            },
        ]
    }

    fn round_label(&self, choice: &FactChoice) -> String {
        self.t.round_n.replace("{n}", &choice.label)
    }
}

/// A doubt `{id}` the viewer may settle (they manage its candidate's
/// position), with the candidate's name.
pub struct ManagedDoubt {
    doubt: DoubtRow,
    candidate_name: String,
}

impl ManagedDoubt {
    async fn load(pool: &PgPool, user: &SessionUser, id: Uuid) -> Result<Self> {
        let doubt = queries::find(pool, id).await?;
        OwnedCandidate::load(pool, user, doubt.candidate_id).await?;
        let candidate_name: String = sqlx::query_scalar!(
            "select name from candidate where id = $1",
            doubt.candidate_id,
        )
        .fetch_one(pool)
        .await?;
        Ok(ManagedDoubt {
            doubt,
            candidate_name,
        })
    }
}

impl FromRequestParts<AppState> for ManagedDoubt {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Response> {
        let (user, id) = access::user_and_id(parts, app).await?;
        Self::load(&app.pool, &user, id)
            .await
            .map_err(IntoResponse::into_response)
    }
}

async fn render(
    app: &AppState,
    auth: &Authorized<Staff>,
    doubt: DoubtRow,
    candidate_name: String,
    posted: Option<(Outcome, FactForm, FormErrors)>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let t = DoubtText::get(locale);
    let base = format!("/doubts/{}", doubt.id);
    let mut forms = vec![
        FactFormView {
            prefix: "resolve",
            action: format!("{base}/resolve"),
            heading: t.resolve_heading,
            hint: t.resolve_hint,
            submit: t.resolve_submit,
            button_class: "button-primary",
            form: FactForm::default(),
            errors: FormErrors::default(),
        },
        FactFormView {
            prefix: "confirm",
            action: format!("{base}/confirm"),
            heading: t.confirm_heading,
            hint: t.confirm_hint,
            submit: t.confirm_submit,
            button_class: "button-danger",
            form: FactForm::default(),
            errors: FormErrors::default(),
        },
    ];
    let status = match posted {
        Some((outcome, form, errors)) => {
            let at = usize::from(outcome == Outcome::Confirmed);
            forms[at].form = form;
            forms[at].errors = errors;
            StatusCode::UNPROCESSABLE_ENTITY
        }
        None => StatusCode::OK,
    };
    let mut test_results = queries::test_result_choices(&app.pool, doubt.candidate_id).await?;
    for choice in &mut test_results {
        if let Some(kind) = TestKind::parse(&choice.label) {
            choice.label = kind.label(locale).to_owned();
        }
    }
    let page = DoubtPage {
        layout: auth
            .viewer
            .layout(t.page_title.replace("{name}", &candidate_name))
            .await?,
        t,
        candidate_id: doubt.candidate_id,
        references: queries::reference_choices(&app.pool, doubt.candidate_id).await?,
        test_results,
        rounds: queries::round_choices(&app.pool, &doubt).await?,
        doubt: view::view(&doubt, locale, None),
        candidate_name,
        forms,
    };
    Ok((status, page).into_response())
}

pub async fn show(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    ManagedDoubt {
        doubt,
        candidate_name,
    }: ManagedDoubt,
) -> Result<Response> {
    render(&app, &auth, doubt, candidate_name, None).await
}

pub async fn resolve(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    doubt: ManagedDoubt,
    Form(form): Form<FactForm>,
) -> Result<Response> {
    post(app, auth, doubt, Outcome::Resolved, form).await
}

pub async fn confirm(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    doubt: ManagedDoubt,
    Form(form): Form<FactForm>,
) -> Result<Response> {
    post(app, auth, doubt, Outcome::Confirmed, form).await
}

fn errors_for(problems: &[FactProblem], t: &DoubtText) -> FormErrors {
    let mut errors = FormErrors::default();
    for problem in problems {
        errors.add(problem.field(), t.fact_problem(*problem));
    }
    errors
}

async fn post(
    app: AppState,
    auth: Authorized<Staff>,
    ManagedDoubt {
        doubt,
        candidate_name: name,
    }: ManagedDoubt,
    outcome: Outcome,
    form: FactForm,
) -> Result<Response> {
    let t = DoubtText::get(auth.viewer.locale);
    let id = doubt.id;
    if !doubt.is_open() {
        return Err(AppError::Conflict(t.already_settled.into()));
    }
    let fact = match form.parse() {
        Ok(fact) => fact,
        Err(problems) => {
            let errors = errors_for(&problems, t);
            return render(&app, &auth, doubt, name, Some((outcome, form, errors))).await;
        }
    };
    let mut tx = app.pool.begin().await?;
    let settled = settle::settle(
        &mut tx,
        id,
        doubt.candidate_id,
        outcome,
        &fact,
        auth.user.id,
    )
    .await?;
    match settled {
        Settled::Done => tx.commit().await?,
        Settled::AlreadySettled => return Err(AppError::Conflict(t.already_settled.into())),
        Settled::NoSuchDoubt => return Err(AppError::NotFound),
        Settled::FactRefused(problem) => {
            drop(tx);
            let errors = errors_for(&[problem], t);
            return render(&app, &auth, doubt, name, Some((outcome, form, errors))).await;
        }
    }
    tracing::info!(doubt_id = %id, ?outcome, "doubt settled");
    let message = match outcome {
        Outcome::Resolved => t.resolved_flash,
        Outcome::Confirmed => t.confirmed_flash,
    };
    auth.viewer.flash(FlashKind::Success, message).await?;
    Ok(Redirect::to(&format!("/candidates/{}#doubt-{id}", doubt.candidate_id)).into_response())
}
