//! CSV import of candidates: all or nothing. A file with any bad row imports
//! nothing and names every bad row; the good file goes in with one statement.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::get};
use sqlx::PgPool;
use uuid::Uuid;

use crate::AppState;
use crate::auth::Authorized;
use crate::auth::email::Email;
use crate::auth::role::Staff;
use crate::candidates::CandidateText;
use crate::error::{AppError, Result, violated_constraint};
use crate::positions::access::PositionHead;
use crate::web::flash::FlashKind;
use crate::web::layout::Layout;

/// More rows than any shortlist; a guard against a wrong file.
pub const MAX_ROWS: usize = 50_000;

pub fn router() -> Router<AppState> {
    Router::new().route("/positions/{id}/candidates/import", get(form).post(upload))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Email,
    Phone,
    Source,
    Summary,
    OpenQuestions,
}

impl Column {
    /// Recognises the usual English and Norwegian spellings of a header.
    fn from_header(header: &str) -> Option<Column> {
        let key: String = header
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        Some(match key.as_str() {
            "name" | "navn" | "fullname" | "fulltnavn" | "candidate" | "candidatename"
            | "kandidat" | "kandidatnavn" => Column::Name,
            "email" | "emailaddress" | "mail" | "epost" | "epostadresse" => Column::Email,
            "phone" | "phonenumber" | "telephone" | "mobile" | "telefon" | "telefonnummer"
            | "tlf" | "mobil" => Column::Phone,
            "source" | "kilde" => Column::Source,
            "firstroundsummary"
            | "firstinterviewsummary"
            | "firstroundnotes"
            | "summary"
            | "notes"
            | "oppsummering"
            | "sammendrag"
            | "førstegangsintervju"
            | "oppsummeringførstegangsintervju"
            | "oppsummeringavførstegangsintervjuet" => Column::Summary,
            "openquestions"
            | "openquestion"
            | "questions"
            | "åpnespørsmål"
            | "spørsmål"
            | "åpnespørsmålfraførstegangsintervjuet" => Column::OpenQuestions,
            _ => return None,
        })
    }
}

/// One candidate read from the file, with its row number in the file.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ImportRow {
    pub row: u64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub source: String,
    pub first_round_summary: String,
    pub open_questions: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub row: u64,
    pub reason: String,
}

/// Why a file was refused: a problem with the whole file, or its bad rows.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    File(String),
    Rows(Vec<RowError>),
}

/// Semicolon when the header row has more semicolons than commas (as
/// spreadsheets in Norwegian locales write), else comma.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Reads and checks a whole file; duplicates against stored candidates are
/// checked separately, by `existing_emails`.
pub fn parse(bytes: &[u8], t: &CandidateText) -> Result<Vec<ImportRow>, Refusal> {
    let text = std::str::from_utf8(bytes).map_err(|_| Refusal::File(t.err_not_utf8.into()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Refusal::File(t.err_empty.into()));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(err)) => return Err(malformed(t, &err)),
        None => return Err(Refusal::File(t.err_empty.into())),
    };
    let columns = columns(&header, t)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in records {
        let record = record.map_err(|err| malformed(t, &err))?;
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            let message = t.err_too_many_rows.replace("{n}", &MAX_ROWS.to_string());
            return Err(Refusal::File(message));
        }
        let row_number = record.position().map_or(0, |p| p.line());
        let mut fail = |reason: String| {
            errors.push(RowError {
                row: row_number,
                reason,
            })
        };
        if record.len() != columns.len() {
            fail(
                t.err_field_count
                    .replace("{found}", &record.len().to_string())
                    .replace("{expected}", &columns.len().to_string()),
            );
            continue;
        }
        let mut row = ImportRow {
            row: row_number,
            ..ImportRow::default()
        };
        for (column, value) in columns.iter().zip(record.iter()) {
            let value = value.trim().to_owned();
            match column {
                Some(Column::Name) => row.name = value,
                Some(Column::Email) => row.email = value,
                Some(Column::Phone) => row.phone = value,
                Some(Column::Source) => row.source = value,
                Some(Column::Summary) => row.first_round_summary = value,
                Some(Column::OpenQuestions) => row.open_questions = value,
                None => {}
            }
        }
        if row.name.is_empty() {
            fail(t.err_name_missing.into());
        }
        if !row.email.is_empty() {
            match Email::try_from(row.email.as_str()) {
                Ok(email) => {
                    row.email = email.as_str().to_owned();
                    match seen.get(&row.email) {
                        Some(other) => fail(
                            t.err_email_in_file
                                .replace("{email}", &row.email)
                                .replace("{other}", &other.to_string()),
                        ),
                        None => {
                            seen.insert(row.email.clone(), row_number);
                        }
                    }
                }
                Err(_) => fail(t.err_email_invalid.replace("{email}", &row.email)),
            }
        }
        rows.push(row);
    }
    if !errors.is_empty() {
        return Err(Refusal::Rows(errors));
    }
    if rows.is_empty() {
        return Err(Refusal::File(t.err_no_rows.into()));
    }
    Ok(rows)
}

fn malformed(t: &CandidateText, err: &csv::Error) -> Refusal {
    let reason = match err.position() {
        Some(position) => format!(
            "{} {}",
            t.row.replace("{n}", &position.line().to_string()),
            err
        ),
        None => err.to_string(),
    };
    Refusal::File(t.err_malformed.replace("{reason}", &reason))
}

fn columns(header: &csv::StringRecord, t: &CandidateText) -> Result<Vec<Option<Column>>, Refusal> {
    let columns: Vec<Option<Column>> = header.iter().map(Column::from_header).collect();
    for (i, column) in columns.iter().enumerate() {
        if column.is_some() && columns[..i].contains(column) {
            let name = header.get(i).unwrap_or("").trim();
            return Err(Refusal::File(
                t.err_duplicate_column.replace("{column}", name),
            ));
        }
    }
    if !columns.contains(&Some(Column::Name)) {
        return Err(Refusal::File(t.err_no_name_column.into()));
    }
    Ok(columns)
}

/// Rows whose email another candidate of the position already has.
fn existing_emails(rows: &[ImportRow], existing: &[String], t: &CandidateText) -> Vec<RowError> {
    rows.iter()
        .filter(|row| !row.email.is_empty() && existing.contains(&row.email))
        .map(|row| RowError {
            row: row.row,
            reason: t.err_email_exists.replace("{email}", &row.email),
        })
        .collect()
}

/// Checks against stored candidates and inserts every row, in one transaction;
/// returns how many were imported, or the rows that clash.
async fn store(
    pool: &PgPool,
    position_id: Uuid,
    rows: &[ImportRow],
    by: Uuid,
    t: &CandidateText,
) -> Result<Result<u64, Refusal>> {
    let column = |get: fn(&ImportRow) -> &String| -> Vec<&str> {
        rows.iter().map(|row| get(row).as_str()).collect()
    };
    let emails = column(|row| &row.email);
    let mut tx = pool.begin().await?;
    let existing: Vec<String> = sqlx::query_scalar(
        "select lower(email) from candidate where position_id = $1 and lower(email) = any($2)",
    )
    .bind(position_id)
    .bind(&emails)
    .fetch_all(&mut *tx)
    .await?;
    let clashes = existing_emails(rows, &existing, t);
    if !clashes.is_empty() {
        return Ok(Err(Refusal::Rows(clashes)));
    }
    let inserted = sqlx::query(
        "with new as (
             insert into candidate (position_id, name, email, phone, source, first_round_summary, open_questions)
             select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
             returning id, status)
         insert into candidate_status_change (candidate_id, to_status, changed_by)
         select id, status, $8 from new",
    )
    .bind(position_id)
    .bind(column(|row| &row.name))
    .bind(&emails)
    .bind(column(|row| &row.phone))
    .bind(column(|row| &row.source))
    .bind(column(|row| &row.first_round_summary))
    .bind(column(|row| &row.open_questions))
    .bind(by)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(done) => {
            tx.commit().await?;
            Ok(Ok(done.rows_affected()))
        }
        Err(err) if violated_constraint(&err) == Some("candidate_email_key") => {
            Ok(Err(Refusal::File(t.err_conflict.into())))
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "candidates/import.html")]
struct ImportPage {
    layout: Layout,
    t: &'static CandidateText,
    position: PositionHead,
    file_error: Option<String>,
    row_errors: Vec<RowError>,
}

impl ImportPage {
    fn row_label(&self, error: &RowError) -> String {
        self.t.row.replace("{n}", &error.row.to_string())
    }
}

async fn render(
    auth: &Authorized<Staff>,
    position: PositionHead,
    refusal: Option<Refusal>,
) -> Result<Response> {
    let t = CandidateText::get(auth.viewer.locale);
    let status = if refusal.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (file_error, row_errors) = match refusal {
        Some(Refusal::File(message)) => (Some(message), Vec::new()),
        Some(Refusal::Rows(errors)) => (None, errors),
        None => (None, Vec::new()),
    };
    let page = ImportPage {
        layout: auth.viewer.layout(t.import_title).await?,
        t,
        position,
        file_error,
        row_errors,
    };
    Ok((status, page).into_response())
}

async fn form(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    Path(id): Path<Uuid>,
) -> Result<Response> {
    let position = crate::positions::open_position(&app.pool, &auth, id).await?;
    render(&auth, position, None).await
}

/// The bytes of the upload's `file` field; `None` when no file was chosen.
async fn file_bytes(mut multipart: Multipart) -> Result<Option<Vec<u8>>> {
    let invalid =
        |err: axum::extract::multipart::MultipartError| AppError::Validation(err.body_text());
    while let Some(field) = multipart.next_field().await.map_err(invalid)? {
        if field.name() == Some("file") {
            let bytes = field.bytes().await.map_err(invalid)?;
            return Ok((!bytes.is_empty()).then(|| bytes.to_vec()));
        }
    }
    Ok(None)
}

async fn upload(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    Path(id): Path<Uuid>,
    multipart: Multipart,
) -> Result<Response> {
    let position = crate::positions::open_position(&app.pool, &auth, id).await?;
    let t = CandidateText::get(auth.viewer.locale);
    let Some(bytes) = file_bytes(multipart).await? else {
        return render(&auth, position, Some(Refusal::File(t.err_no_file.into()))).await;
    };
    let rows = match parse(&bytes, t) {
        Ok(rows) => rows,
        Err(refusal) => return render(&auth, position, Some(refusal)).await,
    };
    match store(&app.pool, id, &rows, auth.user.id, t).await? {
        Ok(count) => {
            tracing::info!(position_id = %id, count, "candidates imported");
            let message = t.imported.replace("{n}", &count.to_string());
            auth.viewer.flash(FlashKind::Success, message).await?;
            Ok(Redirect::to(&format!("/positions/{id}#candidates")).into_response())
        }
        Err(refusal) => render(&auth, position, Some(refusal)).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> &'static CandidateText {
        &CandidateText::EN
    }

    #[test]
    fn semicolons_and_norwegian_headers_are_understood() {
        let file = "\u{feff}Navn;E-post;Telefon;Kilde;Oppsummering;Åpne spørsmål\nKari Nordmann;KARI@example.no;123;Finn;God;\"Hvorfor?\nNår?\"\n";
        let rows = parse(file.as_bytes(), t()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].row, 2);
        assert_eq!(rows[0].email, "kari@example.no");
        assert_eq!(rows[0].open_questions, "Hvorfor?\nNår?");
    }

    #[test]
    fn every_bad_row_is_named_with_its_number() {
        let file = "name,email\nAda,ada@example.no\n,no-name@example.no\nBo,not-an-email\nCy,ADA@example.no\nDi\n";
        let Err(Refusal::Rows(errors)) = parse(file.as_bytes(), t()) else {
            panic!("refused by rows");
        };
        let rows: Vec<u64> = errors.iter().map(|e| e.row).collect();
        assert_eq!(rows, vec![3, 4, 5, 6]);
        assert!(errors[2].reason.contains("row 2"), "{:?}", errors[2]);
    }

    #[test]
    fn a_file_without_a_name_column_or_rows_is_refused() {
        assert!(matches!(
            parse(b"email\nx@example.no\n", t()),
            Err(Refusal::File(_))
        ));
        assert!(matches!(parse(b"name,email\n", t()), Err(Refusal::File(_))));
        assert!(matches!(parse(b"", t()), Err(Refusal::File(_))));
        assert!(matches!(
            parse(b"name\n\xff\xfe\n", t()),
            Err(Refusal::File(_))
        ));
        assert!(matches!(
            parse(b"name,navn\nA,B\n", t()),
            Err(Refusal::File(_))
        ));
    }

    #[test]
    fn blank_lines_and_unknown_columns_are_skipped() {
        let rows = parse(b"name,shoe size\nAda,38\n,\n\n", t()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].name, "Ada");
    }
}
