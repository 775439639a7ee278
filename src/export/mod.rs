//! Shortlist exports of a position's comparison: CSV, XLSX and a print view.
//! Each is for HR, admin and the position's manager, and each is an audit
//! event saying who exported which position in which format.

mod cells;
mod csv;
mod print;
mod sheet;
mod stream;
pub mod xlsx;

use axum::Router;
use axum::routing::get;
use serde_json::json;

use crate::audit::{self, Change};
use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::compare::load::{self, Column, Row};
use crate::compare::text::CompareText;
use crate::error::Result;
use crate::positions::access::OwnedPosition;
use crate::state::AppState;

pub use cells::{disposition, neutralise, sheet_name};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/positions/{id}/shortlist.csv", get(csv::download))
        .route("/positions/{id}/shortlist.xlsx", get(xlsx::download))
        .route("/positions/{id}/shortlist/print", get(print::show))
}

#[derive(Debug, Clone, Copy)]
pub enum Format {
    Csv { separator: u8 },
    Xlsx,
    Print,
}

impl Format {
    fn details(self) -> serde_json::Value {
        match self {
            Format::Csv { separator } => {
                json!({ "format": "csv", "separator": (separator as char).to_string() })
            }
            Format::Xlsx => json!({ "format": "xlsx" }),
            Format::Print => json!({ "format": "print" }),
        }
    }
}

/// What every export writes out.
pub struct Export {
    pub title: String,
    pub file_stem: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// Loads the ranked rows on one connection and records the export.
pub async fn prepare(
    app: &AppState,
    auth: &Authorized<Staff>,
    OwnedPosition(head): OwnedPosition,
    format: Format,
) -> Result<Export> {
    let position_id = head.position_id;
    let mut conn = app.pool.acquire().await?;
    let columns = load::columns(&mut conn, position_id).await?;
    let rows = load::rows(
        &mut conn,
        &app.facts,
        position_id,
        &columns,
        auth.viewer.locale,
    )
    .await?;
    let mut details = format.details();
    details["candidates"] = json!(rows.len());
    audit::record(
        &mut conn,
        Change {
            actor_id: auth.user.id,
            entity: "position",
            entity_id: position_id,
            action: "exported",
            before: None,
            after: Some(details),
        },
    )
    .await?;
    let t = CompareText::get(auth.viewer.locale);
    Ok(Export {
        file_stem: t.print_title.replace("{title}", &head.title),
        title: head.title,
        columns,
        rows,
    })
}
