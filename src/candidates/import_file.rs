//! Reading a candidate CSV file: UTF-8, comma or semicolon, a header row in
//! English or Norwegian; every bad row is named with its row number.

use crate::candidates::CandidateText;
use crate::candidates::fields::CandidateField;
use crate::candidates::import_rows::{ImportRow, Refusal, RowError, check_rows};
use crate::i18n::{Locale, one_or_many};

/// More rows than any shortlist; a guard against a wrong file.
pub const MAX_ROWS: usize = 50_000;

/// The field a column holds, from its header: the usual English and Norwegian spellings.
fn column(header: &str) -> Option<CandidateField> {
    let key: String = header
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    Some(match key.as_str() {
        "name" | "navn" | "fullname" | "fulltnavn" | "candidate" | "candidatename" | "kandidat"
        | "kandidatnavn" => CandidateField::Name,
        "email" | "emailaddress" | "mail" | "epost" | "epostadresse" => CandidateField::Email,
        "phone" | "phonenumber" | "telephone" | "mobile" | "telefon" | "telefonnummer" | "tlf"
        | "mobil" => CandidateField::Phone,
        "source" | "kilde" => CandidateField::Source,
        "firstroundsummary"
        | "firstinterviewsummary"
        | "firstroundnotes"
        | "summary"
        | "notes"
        | "oppsummering"
        | "sammendrag"
        | "førstegangsintervju"
        | "oppsummeringførstegangsintervju"
        | "oppsummeringavførstegangsintervjuet" => CandidateField::FirstRoundSummary,
        "openquestions"
        | "openquestion"
        | "questions"
        | "åpnespørsmål"
        | "spørsmål"
        | "åpnespørsmålfraførstegangsintervjuet" => CandidateField::OpenQuestions,
        _ => return None,
    })
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
/// checked when storing.
pub fn parse(bytes: &[u8], locale: Locale) -> Result<Vec<ImportRow>, Refusal> {
    let t = CandidateText::get(locale);
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
    // Every non-blank line counts toward the limit, well-formed or not, so a
    // file of short broken lines cannot build millions of errors.
    let mut seen = 0;
    for record in records {
        let record = record.map_err(|err| malformed(t, &err))?;
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        seen += 1;
        if seen > MAX_ROWS {
            let message = t.err_too_many_rows.replace("{n}", &MAX_ROWS.to_string());
            return Err(Refusal::File(message));
        }
        let row_number = record.position().map_or(0, |p| p.line());
        if record.len() != columns.len() {
            errors.push(RowError {
                row: row_number,
                field: None,
                reason: one_or_many(record.len(), t.err_field_count_one, t.err_field_count)
                    .replace("{found}", &record.len().to_string())
                    .replace("{expected}", &columns.len().to_string()),
            });
            continue;
        }
        let mut row = ImportRow {
            row: row_number,
            ..ImportRow::default()
        };
        for (column, value) in columns.iter().zip(record.iter()) {
            let value = value.trim().to_owned();
            if let Some(field) = column {
                *row.values.value_mut(*field) = value;
            }
        }
        rows.push(row);
    }
    let rows = match check_rows(rows, locale) {
        Ok(rows) => rows,
        Err(row_errors) => {
            errors.extend(row_errors);
            Vec::new()
        }
    };
    if !errors.is_empty() {
        errors.sort_by_key(|error| error.row);
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

fn columns(
    header: &csv::StringRecord,
    t: &CandidateText,
) -> Result<Vec<Option<CandidateField>>, Refusal> {
    let columns: Vec<Option<CandidateField>> = header.iter().map(column).collect();
    for (i, column) in columns.iter().enumerate() {
        if column.is_some() && columns[..i].contains(column) {
            let name = header.get(i).unwrap_or("").trim();
            return Err(Refusal::File(
                t.err_duplicate_column.replace("{column}", name),
            ));
        }
    }
    if !columns.contains(&Some(CandidateField::Name)) {
        return Err(Refusal::File(t.err_no_name_column.into()));
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Locale {
        Locale::En
    }

    #[test]
    fn semicolons_and_norwegian_headers_are_understood() {
        let file = "\u{feff}Navn;E-post;Telefon;Kilde;Oppsummering;Åpne spørsmål\nKari Nordmann;KARI@example.no;123;Finn;God;\"Hvorfor?\nNår?\"\n";
        let rows = parse(file.as_bytes(), t()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].row, 2);
        assert_eq!(rows[0].values.email, "kari@example.no");
        assert_eq!(rows[0].values.open_questions, "Hvorfor?\nNår?");
    }

    /// The import page shows these examples; each must import as shown.
    #[test]
    fn the_example_on_the_import_page_imports_in_both_languages() {
        for locale in [Locale::En, Locale::Nb] {
            let text = CandidateText::get(locale);
            let rows = parse(text.csv_example.as_bytes(), locale).unwrap();
            assert_eq!(rows.len(), 1);
            let row = &rows[0].values;
            assert_eq!(row.email, "kari@example.no");
            assert!(!row.phone.is_empty() && !row.source.is_empty());
            assert!(!row.first_round_summary.is_empty() && !row.open_questions.is_empty());
        }
        assert!(CandidateText::NB.csv_example.starts_with("navn;e-post"));
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
        assert_eq!(rows[0].values.name, "Ada");
    }
}
