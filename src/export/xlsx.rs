//! `GET /positions/{id}/shortlist.xlsx`: a real workbook with a frozen header,
//! column widths, number formats for scores (0.00) and coverage (0%), and
//! must-have misses filled red. The sheet is written in rust_xlsxwriter's
//! constant-memory mode (rows go to a temporary file as they are written) and
//! the zip is streamed to the client as it is built, once every cell is
//! written. Text is written as text, never as a formula, so no cell needs
//! neutralising.

use std::io::Write;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};
use tokio::sync::oneshot;

use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::compare::load::{Column, Row};
use crate::compare::text::CompareText;
use crate::error::{AppError, Result};
use crate::export::cells;
use crate::export::sheet::{self, Cell};
use crate::export::stream;
use crate::i18n::Locale;
use crate::positions::access::OwnedPosition;
use crate::state::AppState;

/// An Excel sheet's rows (the header is one) and columns.
const EXCEL_ROWS: usize = 1_048_576;
const EXCEL_COLUMNS: usize = 16_384;

pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

crate::texts! {
    XlsxText {
        clipped: " … [cut here: an Excel cell holds at most 32,767 characters; Secondround has the whole text]", " … [kuttet her: en Excel-celle rommer høyst 32 767 tegn; Secondround har hele teksten]";
        too_big: "This shortlist has more rows or columns than an Excel workbook holds. Download it as CSV instead: it holds the same data.", "Denne kortlisten har flere rader eller kolonner enn en Excel-arbeidsbok rommer. Last den ned som CSV i stedet: den har de samme dataene.";
    }
}

pub async fn download(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    position: OwnedPosition,
) -> Result<Response> {
    let locale = auth.viewer.locale;
    let export = crate::export::prepare(&app, &auth, position, crate::export::Format::Xlsx).await?;
    let disposition = cells::disposition(&export.file_stem, "xlsx");
    // The sheet is built before the response starts, so whatever the stored
    // data cannot become refuses the download with a page; only the finished
    // workbook's zip is streamed, and only I/O can cut that short.
    let (writer, body) = stream::channel();
    let (built_tx, built) = oneshot::channel();
    tokio::task::spawn_blocking(move || {
        let built = build(&export.title, &export.columns, &export.rows, locale);
        let mut workbook = match built {
            Ok(workbook) => workbook,
            Err(err) => {
                let _ = built_tx.send(Err(err));
                return;
            }
        };
        if built_tx.send(Ok(())).is_err() {
            return;
        }
        let mut writer = writer;
        if let Err(err) = workbook.save_to_writer(&mut writer) {
            writer.fail("shortlist workbook", &err.into());
        }
    });
    match built.await {
        Ok(Ok(())) => {}
        Ok(Err(XlsxError::RowColumnLimitError)) => {
            return Err(AppError::Conflict(XlsxText::get(locale).too_big.into()));
        }
        Ok(Err(err)) => {
            return Err(anyhow::Error::from(err)
                .context("building the shortlist workbook")
                .into());
        }
        Err(_) => return Err(anyhow::anyhow!("the workbook's builder stopped").into()),
    }
    Ok((
        [
            (header::CONTENT_TYPE, CONTENT_TYPE.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// Writes the whole workbook.
pub fn write(
    out: &mut (impl Write + Send),
    title: &str,
    columns: &[Column],
    rows: &[Row],
    locale: Locale,
) -> anyhow::Result<()> {
    build(title, columns, rows, locale)?.save_to_writer(out)?;
    Ok(())
}

/// The workbook with every cell written, ready to save. Text over Excel's
/// limit is cut with a marker rather than refused: a value stored before the
/// fields had limits should not keep HR from the whole shortlist, and the
/// marker says where the full text is.
fn build(
    title: &str,
    columns: &[Column],
    rows: &[Row],
    locale: Locale,
) -> Result<Workbook, XlsxError> {
    let marker = XlsxText::get(locale).clipped;
    let fit = |text| cells::fit_excel(text, marker);
    let missed_fill = Color::RGB(0xF8D7DA);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border_bottom(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xE8EEF7));
    let score = Format::new().set_num_format("0.00");
    let score_missed = score.clone().set_background_color(missed_fill).set_bold();
    let share = Format::new().set_num_format("0%");
    let missed = Format::new().set_background_color(missed_fill).set_bold();

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(cells::sheet_name(title))?;
    let headers = sheet::headers(CompareText::get(locale), columns);
    // Checked here, not left to the writer, so no index can wrap around.
    if rows.len() >= EXCEL_ROWS || headers.len() > EXCEL_COLUMNS {
        return Err(XlsxError::RowColumnLimitError);
    }
    // Widths: name, email, status, rank, total, coverage, criteria…, then the rest.
    let mut widths = vec![28.0, 30.0, 16.0, 8.0, 14.0, 12.0];
    widths.extend(columns.iter().map(|_| 14.0));
    widths.extend([14.0, 12.0, 40.0, 18.0]);
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.set_row_height(0, 32)?;
    for (col, text) in headers.into_iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, fit(text), &header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (index, row) in rows.iter().enumerate() {
        let r = index as u32 + 1;
        for (col, cell) in sheet::cells(row, locale).into_iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(r, col, fit(text))?;
                }
                Cell::Missed(text) => {
                    sheet.write_string_with_format(r, col, fit(text), &missed)?;
                }
                Cell::Count(n) => {
                    sheet.write_number(r, col, n as f64)?;
                }
                Cell::Score { value, missed } => {
                    let format = if missed { &score_missed } else { &score };
                    sheet.write_number_with_format(r, col, value, format)?;
                }
                Cell::Share(value) => {
                    sheet.write_number_with_format(r, col, value, &share)?;
                }
                Cell::Blank => {}
            }
        }
    }
    Ok(workbook)
}
