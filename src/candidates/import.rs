//! CSV import of candidates: all or nothing. A file with any bad row imports
//! nothing and names every bad row (checked and stored by `import_rows`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get};

use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::candidates::CandidateText;
use crate::candidates::import_file::parse;
use crate::candidates::import_rows::{Refusal, RowError, store};
use crate::error::{AppError, Result};
use crate::i18n::one_or_many;
use crate::positions::access::{OpenPosition, PositionHead};
use crate::state::AppState;
use crate::web::flash::FlashKind;
use crate::web::layout::Layout;

pub fn router() -> Router<AppState> {
    Router::new().route("/positions/{id}/candidates/import", get(form).post(upload))
}

#[derive(Template, WebTemplate)]
#[template(path = "candidates/import.html")]
struct ImportPage {
    layout: Layout,
    t: &'static CandidateText,
    position: PositionHead,
    file_error: Option<String>,
    row_errors: Vec<RowError>,
    more_errors: String,
    has_more_errors: bool,
}

impl ImportPage {
    fn row_label(&self, error: &RowError) -> String {
        self.t.row.replace("{n}", &error.row.to_string())
    }
}

/// Row errors shown on the page; the rest are counted.
const MAX_SHOWN_ERRORS: usize = 100;

async fn render(
    auth: &Authorized<Staff>,
    position: PositionHead,
    refusal: Option<Refusal>,
) -> Result<Response> {
    let t = CandidateText::get(auth.viewer.locale);
    let status = if refusal.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (file_error, mut row_errors) = match refusal {
        Some(Refusal::File(message)) => (Some(message), Vec::new()),
        Some(Refusal::Rows(errors)) => (None, errors),
        None => (None, Vec::new()),
    };
    // A page of a hundred problems is enough to start fixing the file.
    let more_errors = row_errors.len().saturating_sub(MAX_SHOWN_ERRORS);
    row_errors.truncate(MAX_SHOWN_ERRORS);
    let page = ImportPage {
        layout: auth.viewer.layout(t.import_title).await?,
        t,
        position,
        file_error,
        row_errors,
        more_errors: one_or_many(more_errors, t.err_more_one, t.err_more)
            .replace("{n}", &more_errors.to_string()),
        has_more_errors: more_errors > 0,
    };
    Ok((status, page).into_response())
}

async fn form(auth: Authorized<Staff>, OpenPosition(position): OpenPosition) -> Result<Response> {
    render(&auth, position, None).await
}

/// The bytes of the upload's `file` field; `None` when no file was chosen.
async fn file_bytes(mut multipart: Multipart, t: &CandidateText) -> Result<Option<Vec<u8>>> {
    let invalid = |err: axum::extract::multipart::MultipartError| {
        tracing::info!(error = %err.body_text(), "unreadable upload");
        AppError::Validation(t.err_unreadable.into())
    };
    while let Some(field) = multipart.next_field().await.map_err(invalid)? {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(invalid)?;
            return Ok((!bytes.is_empty()).then(|| bytes.to_vec()));
        }
    }
    Ok(None)
}

async fn upload(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OpenPosition(position): OpenPosition,
    multipart: Multipart,
) -> Result<Response> {
    let id = position.position_id;
    let t = CandidateText::get(auth.viewer.locale);
    let Some(bytes) = file_bytes(multipart, t).await? else {
        return render(&auth, position, Some(Refusal::File(t.err_no_file.into()))).await;
    };
    let rows = match parse(&bytes, auth.viewer.locale) {
        Ok(rows) => rows,
        Err(refusal) => return render(&auth, position, Some(refusal)).await,
    };
    match store(&app.pool, id, &rows, Some(auth.user.id), t).await? {
        Ok(ids) => {
            let count = ids.len();
            tracing::info!(position_id = %id, count, "candidates imported");
            let message =
                one_or_many(count, t.imported_one, t.imported).replace("{n}", &count.to_string());
            auth.viewer.flash(FlashKind::Success, message).await?;
            Ok(Redirect::to(&format!("/positions/{id}#candidates")).into_response())
        }
        Err(refusal) => render(&auth, position, Some(refusal)).await,
    }
}
