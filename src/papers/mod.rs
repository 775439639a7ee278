//! The candidate's papers: CV, test reports and work samples, uploaded by those
//! who manage the position, read by them and the candidate's panels. Kinds are
//! decided by content (`kind`), bytes kept once per content (`queries`), every
//! download and delete audited.

pub mod download;
pub mod kind;
pub mod queries;
mod text;
pub mod upload;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::{AnyRole, Staff};
use crate::error::{AppError, Result};
use crate::i18n::Locale;
use crate::positions::access::{OwnedCandidate, PositionHead, ReadableCandidate};
use crate::state::AppState;
use crate::test_results::TestKind;
use crate::web::flash::FlashKind;
use crate::web::layout::Layout;
pub use text::PaperText;
use upload::{Links, Refusal};

/// Reading and deleting papers; held to the app's usual body limit.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/candidates/{id}/papers/{paper_id}",
            get(download::download),
        )
        .route("/candidates/{id}/papers/{paper_id}/delete", post(delete))
}

/// The papers page and the upload, with a body limit of their own: the largest
/// paper and its form (the app's usual limit is smaller, `app` keeps it off here).
pub fn upload_router(max_bytes: usize) -> Router<AppState> {
    Router::new()
        .route("/candidates/{id}/papers", get(page).post(upload))
        .layer(DefaultBodyLimit::max(max_bytes + upload::FRAMING_BYTES))
}

/// One paper in a list.
pub struct PaperItem {
    pub id: Uuid,
    pub name: String,
    pub kind: &'static str,
    pub size: String,
    pub uploaded: String,
    pub opens_inline: bool,
    pub round_id: Option<Uuid>,
    pub test_result_id: Option<Uuid>,
}

/// A test result a paper may belong to, labelled.
pub struct TestChoice {
    pub id: Uuid,
    pub label: String,
}

/// The papers as the candidate page and the papers page show them.
pub struct PapersSection {
    pub t: &'static PaperText,
    pub candidate_id: Uuid,
    pub items: Vec<PaperItem>,
    pub can_upload: bool,
    pub tests: Vec<TestChoice>,
    pub file_hint: String,
    /// After a refusal: what was wrong and what was chosen.
    pub error: Option<String>,
    pub chosen_test: Option<Uuid>,
    /// On the round page: the round the form attaches papers to.
    pub round_id: Option<Uuid>,
}

impl PapersSection {
    pub fn is_chosen(&self, id: &Uuid) -> bool {
        self.chosen_test == Some(*id)
    }
}

/// "1.2 MB", "34 kB", "512 B".
fn size_label(bytes: i64, locale: Locale) -> String {
    let bytes = bytes as f64;
    let (value, unit) = if bytes >= 1024.0 * 1024.0 {
        (bytes / (1024.0 * 1024.0), "MB")
    } else if bytes >= 1024.0 {
        (bytes / 1024.0, "kB")
    } else {
        return format!("{bytes} B");
    };
    let text = format!("{value:.1}");
    let text = if locale == Locale::Nb {
        text.replace('.', ",")
    } else {
        text
    };
    format!("{text} {unit}")
}

/// The candidate's papers as lists show them, the newest first.
pub async fn items(
    pool: &sqlx::PgPool,
    locale: Locale,
    candidate_id: Uuid,
) -> Result<Vec<PaperItem>> {
    let t = PaperText::get(locale);
    Ok(queries::list(pool, candidate_id)
        .await?
        .into_iter()
        .map(|paper| {
            let kind = paper.kind();
            let by = paper
                .uploaded_by_name
                .as_deref()
                .map(|name| format!(" {}", t.by.replace("{name}", name)))
                .unwrap_or_default();
            PaperItem {
                id: paper.id,
                kind: kind.map_or("?", kind::PaperKind::label),
                size: size_label(paper.size_bytes, locale),
                uploaded: format!("{}{by}", crate::web::format::date(paper.uploaded_at)),
                opens_inline: kind.is_some_and(kind::PaperKind::opens_inline),
                round_id: paper.round_id,
                test_result_id: paper.test_result_id,
                name: paper.name,
            }
        })
        .collect())
}

pub async fn section(
    app: &AppState,
    locale: Locale,
    candidate_id: Uuid,
    can_upload: bool,
) -> Result<PapersSection> {
    let t = PaperText::get(locale);
    let items = items(&app.pool, locale, candidate_id).await?;
    let tests = if can_upload {
        queries::test_results(&app.pool, candidate_id)
            .await?
            .into_iter()
            .map(|test| TestChoice {
                id: test.id,
                label: t
                    .test_result_option
                    .replace(
                        "{kind}",
                        TestKind::parse(&test.kind).map_or(test.kind.as_str(), |k| k.label(locale)),
                    )
                    .replace("{n}", &test.round_number.to_string()),
            })
            .collect()
    } else {
        Vec::new()
    };
    let max_mb = app.config.paper_max_mb;
    Ok(PapersSection {
        t,
        candidate_id,
        items,
        can_upload,
        tests,
        file_hint: t.file_hint.replace("{mb}", &max_mb.to_string()),
        error: None,
        chosen_test: None,
        round_id: None,
    })
}

/// The papers of one round (test reports, work samples) for its page, with
/// the form that attaches one to a test result of the round.
pub async fn round_section(
    app: &AppState,
    locale: Locale,
    candidate_id: Uuid,
    round_id: Uuid,
) -> Result<PapersSection> {
    let mut section = section(app, locale, candidate_id, true).await?;
    section
        .items
        .retain(|paper| paper.round_id == Some(round_id));
    let in_round: Vec<Uuid> = queries::test_results(&app.pool, candidate_id)
        .await?
        .into_iter()
        .filter(|test| test.round_id == round_id)
        .map(|test| test.id)
        .collect();
    section.tests.retain(|test| in_round.contains(&test.id));
    section.round_id = Some(round_id);
    Ok(section)
}

#[derive(Template, WebTemplate)]
#[template(path = "papers/page.html")]
struct PapersPage {
    layout: Layout,
    head: PositionHead,
    candidate_name: String,
    papers: PapersSection,
}

async fn render(
    app: &AppState,
    auth: &Authorized<impl crate::auth::role::Policy>,
    candidate: &ReadableCandidate,
    refused: Option<(String, Links)>,
) -> Result<PapersPage> {
    let locale = auth.viewer.locale;
    let t = PaperText::get(locale);
    let name = crate::candidates::queries::find(&app.pool, candidate.id)
        .await?
        .name;
    let mut papers = section(app, locale, candidate.id, candidate.manages).await?;
    if let Some((message, links)) = refused {
        papers.error = Some(message);
        papers.chosen_test = links.test_result_id;
    }
    Ok(PapersPage {
        layout: auth
            .viewer
            .layout(t.page_title.replace("{name}", &name))
            .await?,
        head: candidate.head.clone(),
        candidate_name: name,
        papers,
    })
}

async fn page(
    State(app): State<AppState>,
    auth: Authorized<AnyRole>,
    candidate: ReadableCandidate,
) -> Result<PapersPage> {
    render(&app, &auth, &candidate, None).await
}

async fn upload(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    candidate: OwnedCandidate,
    request: Request,
) -> Result<Response> {
    let t = PaperText::get(auth.viewer.locale);
    let max = app.config.paper_max_bytes();
    let candidate = ReadableCandidate::from(candidate);
    let mut back = format!("/candidates/{}#papers", candidate.id);
    let stored = match upload::read(request, max, t.fallback_name).await {
        Ok(file) => {
            if let Some(round_id) = file.round_id {
                back = format!("/rounds/{round_id}#test-results");
            }
            store(&app, candidate.id, auth.user.id, file).await?
        }
        Err(refused) => Err(refused),
    };
    match stored {
        Ok((_, name, new)) => {
            let template = if new {
                t.uploaded_flash
            } else {
                t.already_stored
            };
            let message = template.replace("{name}", &name);
            auth.viewer.flash(FlashKind::Success, message).await?;
            Ok(Redirect::to(&back).into_response())
        }
        Err((refusal, links)) => {
            tracing::info!(?refusal, candidate_id = %candidate.id, "paper refused");
            let message = refusal.message(t, max);
            let page = render(&app, &auth, &candidate, Some((message, links))).await?;
            Ok((refusal.status(), page).into_response())
        }
    }
}

/// A paper stored: its id, its name and whether it is new.
pub type Stored = (Uuid, String, bool);

/// Stores a read upload if its round or test result is the candidate's, or
/// says why not.
pub async fn store(
    app: &AppState,
    candidate_id: Uuid,
    actor_id: Uuid,
    file: upload::Upload,
) -> Result<std::result::Result<Stored, (Refusal, Links)>> {
    let links = Links {
        round_id: file.round_id,
        test_result_id: file.test_result_id,
    };
    let Some((round_id, test_result_id)) =
        queries::owned_links(&app.pool, candidate_id, file.round_id, file.test_result_id).await?
    else {
        return Ok(Err((Refusal::UnknownLink, links)));
    };
    let (id, new) = queries::store(
        &app.pool,
        queries::NewPaper {
            candidate_id,
            name: &file.name,
            kind: file.kind,
            bytes: &file.bytes,
            round_id,
            test_result_id,
            uploaded_by: actor_id,
        },
    )
    .await?;
    Ok(Ok((id, file.name, new)))
}

#[derive(Deserialize)]
struct DeletePath {
    paper_id: Uuid,
}

async fn delete(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    candidate: OwnedCandidate,
    Path(DeletePath { paper_id }): Path<DeletePath>,
) -> Result<Redirect> {
    let t = PaperText::get(auth.viewer.locale);
    let paper = queries::find(&app.pool, candidate.id, paper_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !queries::delete(&app.pool, auth.user.id, candidate.id, paper_id).await? {
        return Err(AppError::NotFound);
    }
    let message = t.deleted_flash.replace("{name}", &paper.name);
    auth.viewer.flash(FlashKind::Success, message).await?;
    Ok(Redirect::to(&format!(
        "/candidates/{}#papers",
        candidate.id
    )))
}
