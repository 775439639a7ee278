//! `GET /positions/{id}/shortlist.csv`: UTF-8 with a byte order mark so Excel
//! reads æøå, `;` and decimal commas by default for Norwegian Excel, `?sep=,`
//! for commas. Rows are ranked before the first is written (rank needs every
//! total); the text is encoded and sent in chunks as it is written.

use std::io::Write;

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::compare::load::{Column, Row};
use crate::compare::text::CompareText;
use crate::error::{ErrorPage, Result};
use crate::export::cells::{self, neutralise};
use crate::export::sheet::{self, Cell};
use crate::export::{Format, stream};
use crate::i18n::Locale;
use crate::positions::access::OwnedPosition;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CsvQuery {
    sep: Option<String>,
}

pub async fn download(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    position: OwnedPosition,
    Query(query): Query<CsvQuery>,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let separator = match query.sep.as_deref() {
        None | Some(";") => b';',
        Some(",") => b',',
        Some(_) => return Ok(bad_separator(locale)),
    };
    let export = crate::export::prepare(&app, &auth, position, Format::Csv { separator }).await?;
    let (writer, body) = stream::channel();
    tokio::task::spawn_blocking(move || {
        let mut writer = writer;
        if let Err(err) = write(
            &mut writer,
            separator,
            &export.columns,
            &export.rows,
            locale,
        ) {
            writer.fail("shortlist CSV", &err);
        }
    });
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                cells::disposition(&export.file_stem, "csv"),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

fn bad_separator(locale: Locale) -> Response {
    let status = StatusCode::BAD_REQUEST;
    let mut response = status.into_response();
    response.extensions_mut().insert(ErrorPage {
        status,
        cross_site: false,
        message: Some(CompareText::get(locale).bad_separator.to_owned()),
    });
    response
}

/// Writes the whole file: byte order mark, header and one row per candidate.
pub fn write(
    out: &mut impl Write,
    separator: u8,
    columns: &[Column],
    rows: &[Row],
    locale: Locale,
) -> anyhow::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut csv = csv::WriterBuilder::new()
        .delimiter(separator)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let headers = sheet::headers(CompareText::get(locale), columns);
    csv.write_record(headers.iter().map(|h| neutralise(h)))?;
    let comma = separator == b';';
    for row in rows {
        let record: Vec<String> = sheet::cells(row, locale)
            .into_iter()
            .map(|cell| match cell {
                Cell::Text(text) | Cell::Missed(text) => neutralise(&text),
                Cell::Count(n) => n.to_string(),
                Cell::Score { value, .. } => cells::decimal(value, comma),
                Cell::Share(share) => format!("{:.0}", share * 100.0),
                Cell::Blank => String::new(),
            })
            .collect();
        csv.write_record(&record)?;
    }
    csv.flush()?;
    Ok(())
}
