//! Checking and storing imported candidates, whatever they came in (a CSV upload
//! or the JSON API): all or nothing, every bad row named with the field at fault.

use std::collections::HashMap;

use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::email::Email;
use crate::candidates::CandidateText;
use crate::candidates::fields::{CandidateField, CandidateValues};
use crate::error::{Result, violated_constraint};
use crate::i18n::Locale;
use crate::web::form::count;

/// One candidate to import, with where it came from: the line of a CSV file, or
/// the index in an API request's array.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ImportRow {
    pub row: u64,
    pub values: CandidateValues,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    pub row: u64,
    /// The field at fault; `None` for the row as a whole.
    pub field: Option<CandidateField>,
    pub reason: String,
}

/// Why an import was refused: a problem with the whole input, or its bad rows.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    File(String),
    Rows(Vec<RowError>),
}

/// Checks every row (a name, every field within its limit, a valid email
/// unique within the input), trims every field and normalises emails; returns
/// the rows, or every error found. Clashes with stored candidates are checked
/// by `store`.
pub fn check_rows(
    mut rows: Vec<ImportRow>,
    locale: Locale,
) -> Result<Vec<ImportRow>, Vec<RowError>> {
    let t = CandidateText::get(locale);
    let mut errors = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in &mut rows {
        let number = row.row;
        let mut fail = |field: CandidateField, reason: String| {
            errors.push(RowError {
                row: number,
                field: Some(field),
                reason,
            })
        };
        let mut unusable = Vec::new();
        for field in CandidateField::ALL {
            let value = row.values.value(field);
            // Measured as sent, before trimming, so the API's schema (`maxLength`)
            // refuses exactly what this does; a CSV's values arrive trimmed.
            let chars = value.chars().count();
            let reason = if chars > field.max_chars() {
                t.err_too_long
                    .replace("{field}", field.label(t))
                    .replace("{found}", &count(chars, locale))
                    .replace("{n}", &count(field.max_chars(), locale))
            } else if value.contains('\0') {
                t.err_nul.replace("{field}", field.label(t))
            } else {
                continue;
            };
            fail(field, reason);
            unusable.push(field);
        }
        let values = &mut row.values;
        values.trim();
        if values.name.is_empty() {
            fail(CandidateField::Name, t.err_name_missing.into());
        }
        if values.email.is_empty() || unusable.contains(&CandidateField::Email) {
            continue;
        }
        match Email::try_from(values.email.as_str()) {
            Ok(email) => {
                values.email = email.as_str().to_owned();
                match seen.get(&values.email) {
                    Some(other) => fail(
                        CandidateField::Email,
                        t.err_email_in_file
                            .replace("{email}", &values.email)
                            .replace("{other}", &other.to_string()),
                    ),
                    None => {
                        seen.insert(values.email.clone(), number);
                    }
                }
            }
            Err(_) => fail(
                CandidateField::Email,
                t.err_email_invalid.replace("{email}", &values.email),
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
        .filter(|row| !row.values.email.is_empty() && existing.contains(&row.values.email))
        .map(|row| RowError {
            row: row.row,
            field: Some(CandidateField::Email),
            reason: t.err_email_exists.replace("{email}", &row.values.email),
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
    let column = |field: CandidateField| -> Vec<&str> {
        rows.iter().map(|row| row.values.value(field)).collect()
    };
    let emails = column(CandidateField::Email);
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
        &column(CandidateField::Name) as &[&str],
        &emails as &[&str],
        &column(CandidateField::Phone) as &[&str],
        &column(CandidateField::Source) as &[&str],
        &column(CandidateField::FirstRoundSummary) as &[&str],
        &column(CandidateField::OpenQuestions) as &[&str],
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
            values: CandidateValues {
                name: name.into(),
                email: email.into(),
                ..CandidateValues::default()
            },
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
        let errors = check_rows(rows, Locale::En).unwrap_err();
        let named: Vec<(u64, Option<&str>)> = errors
            .iter()
            .map(|e| (e.row, e.field.map(CandidateField::code)))
            .collect();
        assert_eq!(
            named,
            vec![(1, Some("name")), (2, Some("email")), (3, Some("email"))]
        );
    }

    #[test]
    fn good_rows_come_back_trimmed_with_emails_normalised() {
        let mut ada = row(0, " Ada ", " ADA@example.no ");
        ada.values.phone = " +47 900 ".into();
        let rows = check_rows(vec![ada], Locale::En).unwrap();
        assert_eq!(rows[0].values.name, "Ada");
        assert_eq!(rows[0].values.email, "ada@example.no");
        assert_eq!(rows[0].values.phone, "+47 900");
    }

    #[test]
    fn a_value_over_its_limit_or_holding_a_nul_is_named_by_row_and_field() {
        let mut long = row(0, &"x".repeat(40_000), "");
        long.values.first_round_summary = "y".repeat(20_000);
        long.values.open_questions = "z".repeat(4_001);
        let mut nul = row(1, "Bo", &format!("{}@example.no", "b".repeat(250)));
        nul.values.source = "Finn\0".into();
        let errors = check_rows(vec![long, nul], Locale::En).unwrap_err();
        let named: Vec<(u64, Option<&str>)> = errors
            .iter()
            .map(|e| (e.row, e.field.map(CandidateField::code)))
            .collect();
        assert_eq!(
            named,
            vec![
                (0, Some("name")),
                (0, Some("open_questions")),
                (1, Some("email")),
                (1, Some("source")),
            ]
        );
        assert_eq!(
            errors[0].reason,
            "the field \u{201c}Name\u{201d} has 40,000 characters; at most 200 are allowed."
        );
        assert!(errors[3].reason.contains("NUL"), "{:?}", errors[3]);
        let nb = check_rows(vec![row(0, &"x".repeat(20_001), "")], Locale::Nb).unwrap_err();
        assert!(nb[0].reason.contains("20\u{a0}001 tegn"), "{:?}", nb[0]);
    }
}
