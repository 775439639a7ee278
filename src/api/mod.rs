//! The integration API under `/api/v1`: bearer tokens instead of sessions, JSON
//! in and out, problem documents for errors, and an OpenAPI 3.1 document built
//! from the handlers' own types so it cannot drift from them.

mod candidates;
mod papers;
mod path;
mod positions;
pub mod token;

use std::sync::Arc;

use axum::http::{Method, Uri};
use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;
use crate::web::problem::{ApiError, FieldError, Problem};

pub const BASE: &str = "/api/v1";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Secondround API",
        version = "1",
        description = "Positions, requirement profiles, shortlists with scores and flags, candidate import and decisions. Authenticate with `Authorization: Bearer sr_…`; an admin creates tokens at /admin/api-tokens."
    ),
    modifiers(&BearerAuth),
    components(schemas(Problem, FieldError))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every route but the uploads, held to the app's usual body limit.
fn limited() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(positions::list))
        .routes(routes!(positions::show))
        .routes(routes!(positions::shortlist))
        .routes(routes!(candidates::import))
        .routes(routes!(candidates::decision))
}

/// The papers, whose uploads have a limit of their own.
fn uploads() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(papers::list, papers::upload))
}

fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest(BASE, limited().merge(uploads()))
}

/// The API's OpenAPI document.
pub fn openapi() -> OpenApiDoc {
    routes().into_openapi()
}

/// The API's routes. They sit outside the session layer and the per-session
/// token check: a bearer token is no ambient credential another site could
/// borrow, and an API call must never create a session.
pub fn router(paper_max_bytes: usize) -> Router<AppState> {
    let doc = Arc::new(openapi());
    let (limited, _) = OpenApiRouter::<AppState>::new()
        .nest(BASE, limited())
        .split_for_parts();
    let (uploads, _) = OpenApiRouter::<AppState>::new()
        .nest(BASE, uploads())
        .split_for_parts();
    limited
        .layer(crate::web::body_limit(crate::web::MAX_BODY_BYTES))
        .merge(
            uploads
                .layer(axum::middleware::from_fn(move |request, next| {
                    papers::refuse_too_large(paper_max_bytes, request, next)
                }))
                .layer(axum::extract::DefaultBodyLimit::max(
                    paper_max_bytes + crate::papers::upload::FRAMING_BYTES,
                )),
        )
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let doc = doc.clone();
                async move { Json(doc.as_ref().clone()) }
            }),
        )
        .route("/api/v1/{*rest}", axum::routing::any(not_found))
        // Another version or a typo under /api still gets a problem document.
        .route("/api/{*rest}", axum::routing::any(not_found))
}

async fn not_found(method: Method, uri: Uri) -> ApiError {
    tracing::debug!(%method, %uri, "no such API route");
    ApiError::NotFound("No such API endpoint.")
}
