//! Who may do what: accounts, passwords, sessions, roles and sign-in.

pub mod email;
pub(crate) mod extract;
mod layout;
pub mod password;
pub(crate) mod role;
mod routes;
pub(crate) mod session_store;
mod sso;
pub(crate) mod text;
pub(crate) mod throttle;
pub mod users;

pub use extract::{Authorized, SessionUser, Viewer};
pub use role::Role;
pub use routes::{router, safe_return_path};
