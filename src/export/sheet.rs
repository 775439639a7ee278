//! The shortlist's columns, defined once for the CSV and the workbook: the
//! comparison's columns as header words and typed cells.

use crate::candidates::CandidateText;
use crate::compare::load::{Column, MustHaves, Row};
use crate::compare::text::CompareText;
use crate::decisions::text::DecisionText;
use crate::i18n::Locale;
use crate::scoring::flags::MustHave;

pub enum Cell {
    Text(String),
    Count(usize),
    /// A mean or total; `missed` when it is a must-have under its minimum.
    Score {
        value: f64,
        missed: bool,
    },
    /// A share from 0 to 1.
    Share(f64),
    /// "no" on must-haves met.
    Missed(String),
    Blank,
}

pub fn headers(t: &CompareText, columns: &[Column]) -> Vec<String> {
    let mut headers: Vec<String> = [t.candidate, t.email, t.status, t.rank, t.total]
        .iter()
        .map(|s| s.to_string())
        .collect();
    headers.push(format!("{} %", t.coverage));
    headers.extend(columns.iter().map(|c| c.name.clone()));
    headers.extend(
        [t.must_haves_met, t.open_doubts, t.blockers, t.decision]
            .iter()
            .map(|s| s.to_string()),
    );
    headers
}

pub fn cells(row: &Row, locale: Locale) -> Vec<Cell> {
    let t = CompareText::get(locale);
    let score = |value: Option<f64>, missed: bool| match value {
        Some(value) => Cell::Score { value, missed },
        None => Cell::Blank,
    };
    let mut cells = vec![
        Cell::Text(row.name.clone()),
        Cell::Text(row.email.clone()),
        Cell::Text(CandidateText::get(locale).status(&row.status).into()),
        row.rank.map_or(Cell::Blank, Cell::Count),
        score(row.weighted_total, false),
        Cell::Share(row.coverage),
    ];
    cells.extend(
        row.means
            .iter()
            .zip(&row.must_have)
            .map(|(mean, status)| score(*mean, *status == MustHave::Below)),
    );
    cells.push(match row.must_haves {
        MustHaves::Met => Cell::Text(t.yes.into()),
        _ => Cell::Missed(t.no.into()),
    });
    cells.push(Cell::Count(row.open_doubts));
    cells.push(Cell::Text(row.blocker_lines.join("; ")));
    cells.push(match &row.decision {
        Some(outcome) => Cell::Text(DecisionText::get(locale).outcome(outcome).into()),
        None => Cell::Blank,
    });
    cells
}
