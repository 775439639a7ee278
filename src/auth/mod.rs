//! Who may do what: accounts, passwords, sessions, roles and sign-in.

pub mod email;
pub mod extract;
mod layout;
pub mod password;
pub mod role;
mod routes;
pub mod session_store;
pub mod text;
pub mod throttle;
pub mod users;

pub use extract::{Authorized, SessionUser, Viewer};
pub use role::Role;
pub use routes::{router, safe_return_path};
