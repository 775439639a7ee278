//! Mail: invitations with the calendar, reminders, digests and notices, written
//! to an outbox in the transaction of the change they tell of and delivered over
//! SMTP by a task in `serve` (see `sender` for what happens on faults).

pub mod calendar;
pub mod invitations;
pub(crate) mod message;
pub mod notices;
pub mod outbox;
mod pages;
pub mod reminders;
pub mod sender;
pub mod smtp;
pub(crate) mod text;

pub use pages::router;
