use uuid::Uuid;

use super::*;
use crate::compare::load::{MustHaves, rank};
use crate::scoring::flags::MustHave;

fn column(n: u128) -> Column {
    Column {
        id: Uuid::from_u128(n),
        name: format!("C{n}"),
        weight: 1.0,
        must_have: false,
        minimum_score: None,
    }
}

fn row(name: &str, total: Option<f64>, mean: Option<f64>, doubts: usize) -> Row {
    Row {
        candidate_id: Uuid::new_v4(),
        name: name.into(),
        email: String::new(),
        status: crate::candidates::status::CandidateStatus::InSecondRound,
        round_id: None,
        means: vec![mean],
        must_have: vec![MustHave::NotRequired],
        weighted_total: total,
        coverage: if total.is_some() { 1.0 } else { 0.0 },
        must_haves: MustHaves::Met,
        rank: None,
        open_doubts: doubts,
        blockers: Vec::new(),
        blocker_texts: Vec::new(),
        blocker_lines: Vec::new(),
        decision: None,
    }
}

fn names(rows: &[Row]) -> Vec<&str> {
    rows.iter().map(|r| r.name.as_str()).collect()
}

fn ranked() -> Vec<Row> {
    let mut rows = vec![
        row("Unrated Ulla", None, None, 0),
        row("Bjørn", Some(3.5), Some(2.0), 1),
        row("anne", Some(3.5), Some(4.0), 0),
        row("Cato", Some(4.25), None, 2),
    ];
    rank(&mut rows);
    rows
}

fn query(sort: &str, dir: &str) -> SortQuery {
    SortQuery {
        sort: Some(sort.into()),
        dir: Some(dir.into()),
    }
}

#[test]
fn rank_is_by_total_then_name_and_the_unrated_come_last_without_a_rank() {
    let rows = ranked();
    assert_eq!(names(&rows), ["Cato", "anne", "Bjørn", "Unrated Ulla"]);
    let ranks: Vec<Option<usize>> = rows.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, [Some(1), Some(2), Some(3), None]);
}

#[test]
fn a_criterion_sorts_best_first_with_missing_means_last_in_either_direction() {
    let columns = [column(1)];
    let mut rows = ranked();
    let key = format!("criterion-{}", column(1).id);
    let sort = Sort::parse(&query(&key, ""), &columns);
    assert_eq!(sort.dir, Dir::Desc);
    sort.apply(&mut rows, &columns);
    assert_eq!(names(&rows), ["anne", "Bjørn", "Cato", "Unrated Ulla"]);
    Sort::parse(&query(&key, "asc"), &columns).apply(&mut rows, &columns);
    assert_eq!(names(&rows), ["Bjørn", "anne", "Cato", "Unrated Ulla"]);
}

#[test]
fn counts_and_names_sort_both_ways() {
    let mut rows = ranked();
    Sort::parse(&query("doubts", "desc"), &[]).apply(&mut rows, &[]);
    assert_eq!(names(&rows), ["Cato", "Bjørn", "anne", "Unrated Ulla"]);
    Sort::parse(&query("name", "asc"), &[]).apply(&mut rows, &[]);
    assert_eq!(names(&rows), ["anne", "Bjørn", "Cato", "Unrated Ulla"]);
}

#[test]
fn unknown_columns_and_directions_fall_back() {
    let columns = [column(1)];
    for bad in [
        "drop table",
        "criterion-not-a-uuid",
        "criterion-00000000-0000-0000-0000-000000000009",
        "",
    ] {
        let sort = Sort::parse(&query(bad, "sideways"), &columns);
        assert_eq!(
            sort,
            Sort {
                key: Key::Rank,
                dir: Dir::Asc
            },
            "{bad}"
        );
    }
    assert_eq!(Sort::parse(&SortQuery::default(), &columns).key, Key::Rank);
    assert_eq!(Sort::parse(&query("total", "x"), &columns).dir, Dir::Desc);
}

#[test]
fn header_links_flip_the_current_column_and_start_others_naturally() {
    let sort = Sort {
        key: Key::Total,
        dir: Dir::Desc,
    };
    assert_eq!(sort.next(Key::Total).query(), "?sort=total&dir=asc");
    assert_eq!(sort.next(Key::Name).query(), "?sort=name&dir=asc");
    assert_eq!(sort.aria(Key::Total), "descending");
    assert_eq!(sort.aria(Key::Name), "none");
}
