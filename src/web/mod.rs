//! The HTTP side every feature shares: the page layout, forms, flash messages,
//! error pages, the cross-site token check, formats and common texts, and the
//! codes of statuses and kinds (`coded_enum!`). It names no feature; the app
//! (`app`) assembles the features' routers on top of it.

pub mod assets;
mod coded;
pub(crate) mod csrf;
pub(crate) mod error_pages;
pub(crate) mod flash;
pub mod form;
pub(crate) mod format;
pub(crate) mod layout;
pub(crate) mod problem;
pub(crate) mod security_headers;
pub(crate) mod session_keys;
pub(crate) mod text;

/// Largest request body: room for a 10,000-row candidate import.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Refuses a body over `max` bytes: at once when its length is announced, else
/// when reading passes the limit. Per route, so uploads can have their own.
pub fn body_limit(
    max: usize,
) -> impl tower::Layer<
    axum::routing::Route,
    Service: tower::Service<
        axum::extract::Request,
        Response = axum::response::Response,
        Error = std::convert::Infallible,
        Future: Send + 'static,
    > + Clone
                 + Send
                 + Sync
                 + 'static,
> + Clone
+ Send
+ Sync
+ 'static {
    tower::ServiceBuilder::new()
        .map_response(|response: axum::http::Response<_>| response.map(axum::body::Body::new))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(max))
        .map_request(|request: axum::extract::Request<_>| request.map(axum::body::Body::new))
}
