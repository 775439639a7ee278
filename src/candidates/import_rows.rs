//! Checking and storing imported candidates, whatever they came in (a CSV upload
//! or the JSON API): all or nothing, every bad row named with the field at fault.

use std::collections::HashMap;

use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::email::Email;
use crate::candidates::CandidateText;
use crate::error::{Result, violated_constraint};

/// One candidate to import, with where it came from: the line of a CSV file, or
/// the index in an API request's array.
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

/// The field of a row that is at fault; `None` for the row as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportField {
    Name,
    Email,
}

impl ImportField {
    pub fn code(self) -> &'static str {
        match self {
            ImportField::Name => "name",
            ImportField::Email => "email",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub row: u64,
    pub field: Option<ImportField>,
    pub reason: String,
}

/// Why an import was refused: a problem with the whole input, or its bad rows.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    File(String),
    Rows(Vec<RowError>),
}

/// Checks every row (a name, a valid email unique within the input) and
/// normalises emails; returns the rows, or every error found. Clashes with
/// stored candidates are checked by `store`.
pub fn check_rows(
    mut rows: Vec<ImportRow>,
    t: &CandidateText,
) -> Result<Vec<ImportRow>, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in &mut rows {
        let mut fail = |field: ImportField, reason: String| {
            errors.push(RowError {
                row: row.row,
                field: Some(field),
                reason,
            })
        };
        row.name = row.name.trim().to_owned();
        row.email = row.email.trim().to_owned();
        if row.name.is_empty() {
            fail(ImportField::Name, t.err_name_missing.into());
        }
        if row.email.is_empty() {
            continue;
        }
        match Email::try_from(row.email.as_str()) {
            Ok(email) => {
                row.email = email.as_str().to_owned();
                match seen.get(&row.email) {
                    Some(other) => fail(
                        ImportField::Email,
                        t.err_email_in_file
                            .replace("{email}", &row.email)
                            .replace("{other}", &other.to_string()),
                    ),
                    None => {
                        seen.insert(row.email.clone(), row.row);
                    }
                }
            }
            Err(_) => fail(
                ImportField::Email,
                t.err_email_invalid.replace("{email}", &row.email),
            ),
        }
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Rows whose email another candidate of the position already has.
fn existing_emails(rows: &[ImportRow], existing: &[String], t: &CandidateText) -> Vec<RowError> {
    rows.iter()
        .filter(|row| !row.email.is_empty() && existing.contains(&row.email))
        .map(|row| RowError {
            row: row.row,
            field: Some(ImportField::Email),
            reason: t.err_email_exists.replace("{email}", &row.email),
        })
        .collect()
}

/// Checks checked rows against stored candidates and inserts every one, in one
/// transaction; returns the new candidates' ids in the rows' order, or the rows
/// that clash.
pub async fn store(
    pool: &PgPool,
    position_id: Uuid,
    rows: &[ImportRow],
    by: Option<Uuid>,
    t: &CandidateText,
) -> Result<Result<Vec<Uuid>, Refusal>> {
    let column = |get: fn(&ImportRow) -> &String| -> Vec<&str> {
        rows.iter().map(|row| get(row).as_str()).collect()
    };
    let emails = column(|row| &row.email);
    let mut tx = pool.begin().await?;
    let existing: Vec<String> = sqlx::query_scalar!(
        r#"select lower(email) as "email!" from candidate where position_id = $1 and lower(email) = any($2)"#,
        position_id,
        &emails as &[&str],
    )
    .fetch_all(&mut *tx)
    .await?;
    let clashes = existing_emails(rows, &existing, t);
    if !clashes.is_empty() {
        return Ok(Err(Refusal::Rows(clashes)));
    }
    // Ids made here, so they can be returned in the rows' order.
    let ids: Vec<Uuid> = rows.iter().map(|_| Uuid::new_v4()).collect();
    let inserted = sqlx::query!(
        "with new as (
             insert into candidate (id, position_id, name, email, phone, source, first_round_summary, open_questions)
             select u.id, $1, u.name, u.email, u.phone, u.source, u.summary, u.questions
             from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                  as u(id, name, email, phone, source, summary, questions)
             returning id, status)
         insert into candidate_status_change (candidate_id, to_status, changed_by)
         select id, status, $9 from new",
        position_id,
        &ids,
        &column(|row| &row.name) as &[&str],
        &emails as &[&str],
        &column(|row| &row.phone) as &[&str],
        &column(|row| &row.source) as &[&str],
        &column(|row| &row.first_round_summary) as &[&str],
        &column(|row| &row.open_questions) as &[&str],
        by,
    )
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {
            tx.commit().await?;
            Ok(Ok(ids))
        }
        Err(err) if violated_constraint(&err) == Some("candidate_email_key") => {
            Ok(Err(Refusal::File(t.err_conflict.into())))
        }
        Err(err) => Err(err.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(row: u64, name: &str, email: &str) -> ImportRow {
        ImportRow {
            row,
            name: name.into(),
            email: email.into(),
            ..ImportRow::default()
        }
    }

    #[test]
    fn every_bad_row_is_named_with_its_field() {
        let rows = vec![
            row(0, "Ada", "ADA@example.no"),
            row(1, " ", "bo@example.no"),
            row(2, "Cy", "not-an-email"),
            row(3, "Di", "ada@example.no"),
        ];
        let errors = check_rows(rows, &CandidateText::EN).unwrap_err();
        let named: Vec<(u64, Option<&str>)> = errors
            .iter()
            .map(|e| (e.row, e.field.map(ImportField::code)))
            .collect();
        assert_eq!(
            named,
            vec![(1, Some("name")), (2, Some("email")), (3, Some("email"))]
        );
    }

    #[test]
    fn good_rows_come_back_trimmed_with_emails_normalised() {
        let rows = check_rows(
            vec![row(0, " Ada ", " ADA@example.no ")],
            &CandidateText::EN,
        )
        .unwrap();
        assert_eq!(rows[0].name, "Ada");
        assert_eq!(rows[0].email, "ada@example.no");
    }
}
