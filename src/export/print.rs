//! `GET /positions/{id}/shortlist/print`: the comparison on A4 paper, with each
//! candidate's blockers in words; no navigation and no buttons.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::compare::load::{Column, Row};
use crate::compare::page::RowWords;
use crate::compare::text::CompareText;
use crate::error::Result;
use crate::export::Format;
use crate::positions::access::OwnedPosition;
use crate::state::AppState;
use crate::web::format;

#[derive(Template, WebTemplate)]
#[template(path = "export/print.html")]
pub struct PrintPage {
    t: &'static CompareText,
    title: String,
    position_id: Uuid,
    printed: String,
    columns: Vec<Column>,
    rows: Vec<Row>,
    words: RowWords,
}

impl PrintPage {
    fn lang(&self) -> &'static str {
        self.words.locale.code()
    }

    fn minimum(&self, column: &Column) -> String {
        column
            .minimum()
            .map(|m| self.t.minimum.replace("{n}", &m.to_string()))
            .unwrap_or_default()
    }
}

pub async fn show(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    position: OwnedPosition,
) -> Result<PrintPage> {
    let locale = auth.viewer.locale;
    let position_id = position.0.position_id;
    let export = crate::export::prepare(&app, &auth, position, Format::Print).await?;
    let t = CompareText::get(locale);
    Ok(PrintPage {
        t,
        title: t.print_title.replace("{title}", &export.title),
        position_id,
        printed: t
            .printed
            .replace("{date}", &format::date(chrono::Utc::now())),
        columns: export.columns,
        rows: export.rows,
        words: RowWords { t, locale },
    })
}
