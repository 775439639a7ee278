//! `GET /positions/{id}/shortlist/print`: the comparison on A4 paper, with each
//! candidate's blockers in words; no navigation and no buttons.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use uuid::Uuid;

use crate::AppState;
use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::candidates::CandidateText;
use crate::compare::load::{Column, Row, Words};
use crate::compare::text::CompareText;
use crate::decisions::text::DecisionText;
use crate::error::Result;
use crate::export::Format;
use crate::i18n::Locale;
use crate::scoring::flags::MustHave;
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
    locale: Locale,
}

impl PrintPage {
    fn lang(&self) -> &'static str {
        self.locale.code()
    }

    fn mean(&self, value: &Option<f64>) -> String {
        value
            .map(|v| format::decimal(v, self.locale))
            .unwrap_or_else(|| "–".into())
    }

    fn rank(&self, row: &Row) -> String {
        row.rank
            .map(|r| r.to_string())
            .unwrap_or_else(|| "–".into())
    }

    fn coverage(&self, row: &Row) -> String {
        format::percent(row.coverage)
    }

    fn status(&self, row: &Row) -> &'static str {
        CandidateText::get(self.locale).status(&row.status)
    }

    fn decision(&self, row: &Row) -> &'static str {
        match &row.decision {
            Some(code) => DecisionText::get(self.locale).outcome(code),
            None => self.t.no_decision,
        }
    }

    fn below(&self, row: &Row, index: &usize) -> bool {
        row.must_have.get(*index) == Some(&MustHave::Below)
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
    Path(position_id): Path<Uuid>,
) -> Result<PrintPage> {
    let locale = auth.viewer.locale;
    let export = crate::export::prepare(
        &app,
        &auth,
        position_id,
        Format::Print,
        Words::Sentences(locale),
    )
    .await?;
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
        locale,
    })
}
