//! The comparison's chart drawn on the server: one row per candidate, one small
//! bar per criterion for the panel's mean on the 1–5 scale, a must-have's
//! minimum as a mark. Pure geometry in a fixed view box the SVG scales to any
//! width; the template draws it. Criterion names head their columns, wrapped
//! by words; when a name does not fit its column in three lines (many criteria,
//! long words), every column is headed by its number and a legend names them.

use crate::compare::load::{Column, Row};
use crate::scoring::flags::MustHave;

pub const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 150.0;
const RIGHT_PAD: f64 = 6.0;
/// Space above the first head line and below the last.
const HEAD_PAD: f64 = 8.0;
const HEAD_LINE: f64 = 14.0;
const MAX_HEAD_LINES: usize = 3;
/// A generous width of one character at the heads' 12px (wide fonts, capitals).
const HEAD_CHAR: f64 = 7.6;
const ROW_HEIGHT: f64 = 26.0;
const GAP: f64 = 8.0;
const SCALE_MAX: f64 = 5.0;

pub struct Chart {
    pub height: f64,
    pub heads: Vec<Head>,
    pub rows: Vec<ChartRow>,
    /// The names in column order when the heads are numbers; empty otherwise.
    pub legend: Vec<String>,
}

pub struct Head {
    /// The middle of the column: heads are centred on it.
    pub x: f64,
    /// The first line's baseline; each further line is one `line_height` below.
    pub y: f64,
    pub line_height: f64,
    pub lines: Vec<String>,
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
    let head_chars = (track / HEAD_CHAR).floor().max(1.0) as usize;
    let wrapped: Option<Vec<Vec<String>>> = columns
        .iter()
        .map(|column| wrap(&column.name, head_chars))
        .collect();
    let legend = if wrapped.is_some() {
        Vec::new()
    } else {
        columns.iter().map(|column| column.name.clone()).collect()
    };
    let lines =
        wrapped.unwrap_or_else(|| (1..=columns.len()).map(|n| vec![n.to_string()]).collect());
    let head_lines = lines.iter().map(Vec::len).max().unwrap_or(1);
    let head_height = HEAD_PAD * 2.0 + head_lines as f64 * HEAD_LINE;
    let heads = columns
        .iter()
        .zip(lines)
        .enumerate()
        .map(|(i, (column, lines))| Head {
            x: LABEL_WIDTH + i as f64 * cell + track / 2.0,
            // Heads of fewer lines sit on the bars, under the longer ones' first lines.
            y: HEAD_PAD + (head_lines - lines.len()) as f64 * HEAD_LINE + HEAD_LINE - 3.0,
            line_height: HEAD_LINE,
            lines,
            full: column.name.clone(),
        })
        .collect();
    let rows: Vec<ChartRow> = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let top = head_height + r as f64 * ROW_HEIGHT;
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
        height: head_height + rows.len() as f64 * ROW_HEIGHT + 6.0,
        heads,
        rows,
        legend,
    }
}

/// The name in lines of at most `width` characters, broken between words; `None`
/// when a word is longer than a line or the name needs more than three lines.
fn wrap(name: &str, width: usize) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    for word in name.split_whitespace() {
        let length = word.chars().count();
        if length > width {
            return None;
        }
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + length <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.len() > MAX_HEAD_LINES {
        return None;
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    Some(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_between_words_within_the_width() {
        assert_eq!(wrap("Problem solving under pressure", 10), None);
        assert_eq!(
            wrap("Problem solving", 10),
            Some(vec!["Problem".into(), "solving".into()])
        );
        assert_eq!(wrap("Team work", 10), Some(vec!["Team work".into()]));
        assert_eq!(wrap("Kommunikasjonsevne", 10), None);
        assert_eq!(wrap("a b c d e f g", 1), None);
    }
}
