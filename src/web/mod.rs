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
