//! Sorting the comparison by any column through the query string
//! (`?sort=total&dir=desc`), so it works without JavaScript. An unknown column
//! falls back to the rank; an unknown direction to the column's own.

use std::cmp::Ordering;

use serde::Deserialize;
use uuid::Uuid;

use crate::compare::load::{Column, Row};
use crate::scoring::flags::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Rank,
    Name,
    Status,
    Total,
    Coverage,
    Criterion(Uuid),
    MustHaves,
    Doubts,
    Blockers,
    Decision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Asc,
    Desc,
}

impl Dir {
    pub fn code(self) -> &'static str {
        match self {
            Dir::Asc => "asc",
            Dir::Desc => "desc",
        }
    }

    fn flip(self) -> Dir {
        match self {
            Dir::Asc => Dir::Desc,
            Dir::Desc => Dir::Asc,
        }
    }
}

/// The raw query string; anything may arrive here.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SortQuery {
    pub sort: Option<String>,
    pub dir: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: Key,
    pub dir: Dir,
}

impl Key {
    pub fn code(self) -> String {
        match self {
            Key::Rank => "rank".into(),
            Key::Name => "name".into(),
            Key::Status => "status".into(),
            Key::Total => "total".into(),
            Key::Coverage => "coverage".into(),
            Key::Criterion(id) => format!("criterion-{id}"),
            Key::MustHaves => "must_have".into(),
            Key::Doubts => "doubts".into(),
            Key::Blockers => "blockers".into(),
            Key::Decision => "decision".into(),
        }
    }

    fn parse(code: &str, columns: &[Column]) -> Option<Key> {
        let key = match code.trim() {
            "rank" => Key::Rank,
            "name" => Key::Name,
            "status" => Key::Status,
            "total" => Key::Total,
            "coverage" => Key::Coverage,
            "must_have" => Key::MustHaves,
            "doubts" => Key::Doubts,
            "blockers" => Key::Blockers,
            "decision" => Key::Decision,
            other => {
                let id = Uuid::parse_str(other.strip_prefix("criterion-")?).ok()?;
                return columns
                    .iter()
                    .any(|c| c.id == id)
                    .then_some(Key::Criterion(id));
            }
        };
        Some(key)
    }

    /// The direction a first click sorts in: the best first for scores,
    /// the most for counts, A–Z for words.
    fn natural(self) -> Dir {
        match self {
            Key::Total | Key::Coverage | Key::Criterion(_) => Dir::Desc,
            _ => Dir::Asc,
        }
    }
}

impl Sort {
    pub fn parse(query: &SortQuery, columns: &[Column]) -> Sort {
        let key = query
            .sort
            .as_deref()
            .and_then(|code| Key::parse(code, columns))
            .unwrap_or(Key::Rank);
        let dir = match query.dir.as_deref().map(str::trim) {
            Some("asc") => Dir::Asc,
            Some("desc") => Dir::Desc,
            _ => key.natural(),
        };
        Sort { key, dir }
    }

    /// The sort a column header's link asks for: the other direction on the
    /// current column, the column's natural one elsewhere.
    pub fn next(self, key: Key) -> Sort {
        let dir = if key == self.key {
            self.dir.flip()
        } else {
            key.natural()
        };
        Sort { key, dir }
    }

    pub fn query(self) -> String {
        format!("?sort={}&dir={}", self.key.code(), self.dir.code())
    }

    /// `aria-sort` for a header: set only on the column sorted by.
    pub fn aria(self, key: Key) -> &'static str {
        match (key == self.key, self.dir) {
            (false, _) => "none",
            (true, Dir::Asc) => "ascending",
            (true, Dir::Desc) => "descending",
        }
    }

    /// Sorts rows already in rank order; ties and missing values keep rank
    /// order, and a missing value sorts last either way.
    pub fn apply(self, rows: &mut [Row], columns: &[Column]) {
        let index = match self.key {
            Key::Criterion(id) => columns.iter().position(|c| c.id == id),
            _ => None,
        };
        rows.sort_by(|a, b| {
            let ordering = match self.key {
                Key::Rank => by_option(a.rank, b.rank, self.dir, usize::cmp),
                Key::Name => directed(a.name.to_lowercase().cmp(&b.name.to_lowercase()), self.dir),
                Key::Status => directed(a.status.code().cmp(b.status.code()), self.dir),
                Key::Total => by_option(a.weighted_total, b.weighted_total, self.dir, f64_cmp),
                Key::Coverage => directed(a.coverage.total_cmp(&b.coverage), self.dir),
                Key::Criterion(_) => {
                    let mean = |row: &Row| index.and_then(|i| row.means.get(i).copied().flatten());
                    by_option(mean(a), mean(b), self.dir, f64_cmp)
                }
                Key::MustHaves => directed(a.must_haves.cmp(&b.must_haves), self.dir),
                Key::Doubts => directed(a.open_doubts.cmp(&b.open_doubts), self.dir),
                Key::Blockers => directed(a.blockers.len().cmp(&b.blockers.len()), self.dir),
                // By the outcome's code, as when it was read as a string.
                Key::Decision => by_option(
                    a.decision.map(Outcome::code),
                    b.decision.map(Outcome::code),
                    self.dir,
                    |x, y| x.cmp(y),
                ),
            };
            ordering.then_with(|| by_option(a.rank, b.rank, Dir::Asc, usize::cmp))
        });
    }
}

fn f64_cmp(a: &f64, b: &f64) -> Ordering {
    a.total_cmp(b)
}

fn directed(ordering: Ordering, dir: Dir) -> Ordering {
    match dir {
        Dir::Asc => ordering,
        Dir::Desc => ordering.reverse(),
    }
}

/// Present values in the direction asked; missing values after them.
fn by_option<T>(
    a: Option<T>,
    b: Option<T>,
    dir: Dir,
    cmp: impl Fn(&T, &T) -> Ordering,
) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => directed(cmp(&x, &y), dir),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
#[path = "sort_tests.rs"]
mod tests;
