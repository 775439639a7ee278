//! One-time messages carried in the session across a redirect.

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::error::Result;

const FLASH_KEY: &str = "flash";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlashKind {
    Success,
    Info,
    Error,
}

impl FlashKind {
    pub fn css_class(self) -> &'static str {
        match self {
            FlashKind::Success => "flash-success",
            FlashKind::Info => "flash-info",
            FlashKind::Error => "flash-error",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flash {
    pub kind: FlashKind,
    pub message: String,
}

pub async fn push(session: &Session, kind: FlashKind, message: impl Into<String>) -> Result<()> {
    let mut flashes: Vec<Flash> = session.get(FLASH_KEY).await?.unwrap_or_default();
    flashes.push(Flash {
        kind,
        message: message.into(),
    });
    session.insert(FLASH_KEY, flashes).await?;
    Ok(())
}

pub async fn take(session: &Session) -> Result<Vec<Flash>> {
    // Removing marks the session changed (a database write), so only when there is something.
    if session.get::<Vec<Flash>>(FLASH_KEY).await?.is_none() {
        return Ok(Vec::new());
    }
    Ok(session.remove(FLASH_KEY).await?.unwrap_or_default())
}
