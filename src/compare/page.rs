//! `GET /positions/{id}/compare`: candidates × criteria with the weighted total,
//! rank, must-haves, doubts, blockers and decision, sortable by any column
//! through plain links, and the chart.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use uuid::Uuid;

use crate::auth::Authorized;
use crate::auth::role::Staff;
use crate::candidates::CandidateText;
use crate::compare::chart::{self, Chart};
use crate::compare::load::{self, Column, Row};
use crate::compare::sort::{Dir, Key, Sort, SortQuery};
use crate::compare::text::CompareText;
use crate::decisions::text::DecisionText;
use crate::error::Result;
use crate::i18n::Locale;
use crate::positions::access::OwnedPosition;
use crate::scoring::flags::MustHave;
use crate::state::AppState;
use crate::web::format;
use crate::web::layout::Layout;

/// A sortable column header: its words, its link and where the sort stands.
pub struct Header {
    /// The `data-cell` of the column's body cells.
    pub cell: &'static str,
    pub label: String,
    pub note: String,
    pub href: String,
    pub aria: &'static str,
    pub numeric: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "compare/show.html")]
pub struct ComparePage {
    layout: Layout,
    t: &'static CompareText,
    position_id: Uuid,
    columns: Vec<Column>,
    rows: Vec<Row>,
    headers: Vec<Header>,
    sorted_by: String,
    chart: Chart,
    words: RowWords,
}

/// How a comparison row reads, on the page and on paper alike.
pub struct RowWords {
    pub t: &'static CompareText,
    pub locale: Locale,
}

impl RowWords {
    pub fn mean(&self, value: &Option<f64>) -> String {
        value
            .map(|v| format::decimal(v, self.locale))
            .unwrap_or_else(|| "–".into())
    }

    pub fn rank(&self, row: &Row) -> String {
        row.rank
            .map(|r| r.to_string())
            .unwrap_or_else(|| "–".into())
    }

    pub fn coverage(&self, row: &Row) -> String {
        format::percent(row.coverage)
    }

    pub fn status(&self, row: &Row) -> &'static str {
        CandidateText::get(self.locale).status(&row.status)
    }

    pub fn decision(&self, row: &Row) -> &'static str {
        match &row.decision {
            Some(outcome) => DecisionText::get(self.locale).outcome(outcome),
            None => self.t.no_decision,
        }
    }

    pub fn must_haves(&self, row: &Row) -> &'static str {
        self.t.must_haves(row.must_haves.code())
    }

    pub fn below(&self, row: &Row, index: &usize) -> bool {
        row.must_have.get(*index) == Some(&MustHave::Below)
    }
}

/// The `data-cell` name of a column, shared by its header and body cells.
fn cell(key: Key) -> &'static str {
    match key {
        Key::Rank => "rank",
        Key::Name => "name",
        Key::Status => "status",
        Key::Total => "total",
        Key::Coverage => "coverage",
        Key::Criterion(_) => "criterion",
        Key::MustHaves => "must-have",
        Key::Doubts => "doubts",
        Key::Blockers => "blockers",
        Key::Decision => "decision",
    }
}

/// The decision-relevant columns come first and the criteria last, so what
/// blocks a hire is in view on a tablet however many criteria scroll after it.
pub fn headers(t: &CompareText, columns: &[Column], sort: Sort) -> Vec<Header> {
    let mut list: Vec<(Key, String, String, bool)> = vec![
        (Key::Rank, t.rank.into(), String::new(), true),
        (Key::Name, t.candidate.into(), String::new(), false),
        (Key::Total, t.total.into(), String::new(), true),
        (Key::Coverage, t.coverage.into(), String::new(), true),
        (Key::MustHaves, t.must_haves.into(), String::new(), false),
        (Key::Doubts, t.open_doubts.into(), String::new(), true),
        (Key::Blockers, t.blockers.into(), String::new(), false),
        (Key::Decision, t.decision.into(), String::new(), false),
        (Key::Status, t.status.into(), String::new(), false),
    ];
    for column in columns {
        let note = column
            .minimum()
            .map(|m| t.minimum.replace("{n}", &m.to_string()))
            .unwrap_or_default();
        list.push((Key::Criterion(column.id), column.name.clone(), note, true));
    }
    list.into_iter()
        .map(|(key, label, note, numeric)| Header {
            cell: cell(key),
            label,
            note,
            href: sort.next(key).query(),
            aria: sort.aria(key),
            numeric,
        })
        .collect()
}

pub async fn show(
    State(app): State<AppState>,
    auth: Authorized<Staff>,
    OwnedPosition(head): OwnedPosition,
    Query(query): Query<SortQuery>,
) -> Result<ComparePage> {
    let position_id = head.position_id;
    let locale = auth.viewer.locale;
    let t = CompareText::get(locale);
    let mut conn = app.pool.acquire().await?;
    let columns = load::columns(&mut conn, position_id).await?;
    let mut rows = load::rows(&mut conn, &app.facts, position_id, &columns, locale).await?;
    drop(conn);
    // The chart keeps rank order; the table follows the chosen sort.
    let words = RowWords { t, locale };
    let chart = chart::draw(&columns, &rows, |mean| words.mean(&mean));
    let sort = Sort::parse(&query, &columns);
    sort.apply(&mut rows, &columns);
    let headers = headers(t, &columns, sort);
    let sorted_label = headers
        .iter()
        .find(|h| h.aria != "none")
        .map(|h| h.label.clone())
        .unwrap_or_default();
    let sorted_by = t.sorted_by.replace("{column}", &sorted_label).replace(
        "{dir}",
        match sort.dir {
            Dir::Asc => t.ascending,
            Dir::Desc => t.descending,
        },
    );
    Ok(ComparePage {
        layout: auth
            .viewer
            .layout(t.title.replace("{title}", &head.title))
            .await?,
        t,
        position_id,
        columns,
        rows,
        headers,
        sorted_by,
        chart,
        words,
    })
}
