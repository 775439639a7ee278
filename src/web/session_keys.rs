//! The session's keys that the shared layers read (who is signed in, the
//! chosen language); `auth` writes them.

pub const USER_ID_KEY: &str = "auth.user_id";
pub const LOCALE_KEY: &str = "locale";
