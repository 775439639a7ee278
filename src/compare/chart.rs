//! The comparison's chart drawn on the server: one row per candidate, one small
//! bar per criterion for the panel's mean on the 1–5 scale, a must-have's
//! minimum as a mark. Pure geometry in a fixed view box the SVG scales to any
//! width; the template draws it.

use crate::compare::load::{Column, Row};
use crate::scoring::flags::MustHave;

pub const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 150.0;
const RIGHT_PAD: f64 = 6.0;
const HEAD_HEIGHT: f64 = 24.0;
const ROW_HEIGHT: f64 = 26.0;
const GAP: f64 = 8.0;
const SCALE_MAX: f64 = 5.0;

pub struct Chart {
    pub height: f64,
    pub heads: Vec<Head>,
    pub rows: Vec<ChartRow>,
}

pub struct Head {
    pub x: f64,
    pub label: String,
    pub full: String,
}

pub struct ChartRow {
    pub label: String,
    pub label_y: f64,
    pub bars: Vec<Bar>,
}

pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub track_width: f64,
    pub height: f64,
    /// Zero when nobody rated the criterion.
    pub width: f64,
    pub minimum_x: Option<f64>,
    pub below_minimum: bool,
    /// What a pointer or screen reader gets: "Name · Criterion: 3.50".
    pub title: String,
}

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let kept: String = text.chars().take(max.saturating_sub(1).max(1)).collect();
        format!("{}…", kept.trim_end())
    }
}

pub fn draw(
    columns: &[Column],
    rows: &[Row],
    format_mean: impl Fn(Option<f64>) -> String,
) -> Chart {
    let cell = if columns.is_empty() {
        0.0
    } else {
        (WIDTH - LABEL_WIDTH - RIGHT_PAD) / columns.len() as f64
    };
    let track = (cell - GAP).max(4.0);
    // About 6.5 units per character at the chart's font size.
    let head_chars = ((cell - 2.0) / 6.5).floor().max(2.0) as usize;
    let heads = columns
        .iter()
        .enumerate()
        .map(|(i, column)| Head {
            x: LABEL_WIDTH + i as f64 * cell,
            label: cut(&column.name, head_chars),
            full: column.name.clone(),
        })
        .collect();
    let rows: Vec<ChartRow> = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let top = HEAD_HEIGHT + r as f64 * ROW_HEIGHT;
            let bars = columns
                .iter()
                .enumerate()
                .map(|(i, column)| {
                    let x = LABEL_WIDTH + i as f64 * cell;
                    let mean = row.means.get(i).copied().flatten();
                    let scale = |v: f64| v.clamp(0.0, SCALE_MAX) / SCALE_MAX * track;
                    Bar {
                        x,
                        y: top + 6.0,
                        track_width: track,
                        height: ROW_HEIGHT - 12.0,
                        width: mean.map(scale).unwrap_or(0.0),
                        minimum_x: column.minimum().map(|m| x + scale(f64::from(m))),
                        below_minimum: row.must_have.get(i) == Some(&MustHave::Below),
                        title: format!("{} · {}: {}", row.name, column.name, format_mean(mean)),
                    }
                })
                .collect();
            ChartRow {
                label: cut(&row.name, 22),
                label_y: top + ROW_HEIGHT / 2.0 + 4.0,
                bars,
            }
        })
        .collect();
    Chart {
        height: HEAD_HEIGHT + rows.len() as f64 * ROW_HEIGHT + 6.0,
        heads,
        rows,
    }
}
