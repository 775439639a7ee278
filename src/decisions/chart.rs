//! The debrief's chart drawn on the server: each criterion's panel mean as a
//! bar on the 1–5 scale, the lowest and highest member mean as a whisker, and a
//! must-have's minimum as a mark. Pure geometry; the template draws the SVG.

use crate::scoring::flags::CriterionSummary;

pub const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 190.0;
const RIGHT_PAD: f64 = 20.0;
const ROW_HEIGHT: f64 = 34.0;
const TOP: f64 = 10.0;
const AXIS_HEIGHT: f64 = 26.0;
const SCALE_MAX: f64 = 5.0;

pub struct Chart {
    pub height: f64,
    pub rows: Vec<Row>,
    pub ticks: Vec<Tick>,
    pub axis_y: f64,
}

pub struct Row {
    pub label: String,
    pub label_y: f64,
    pub bar_y: f64,
    pub bar_height: f64,
    pub bar_x: f64,
    /// Zero when nobody rated the criterion.
    pub bar_width: f64,
    pub whisker: Option<(f64, f64)>,
    pub whisker_y: f64,
    pub minimum_x: Option<f64>,
    pub below_minimum: bool,
    pub value_text: String,
    pub value_x: f64,
}

pub struct Tick {
    pub x: f64,
    pub label: &'static str,
}

fn x(value: f64) -> f64 {
    LABEL_WIDTH + value.clamp(0.0, SCALE_MAX) / SCALE_MAX * (WIDTH - LABEL_WIDTH - RIGHT_PAD)
}

/// Labels longer than the label column are cut with an ellipsis (the table has them whole).
fn label(name: &str) -> String {
    const MAX: usize = 26;
    if name.chars().count() <= MAX {
        name.to_owned()
    } else {
        let cut: String = name.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

pub fn draw(
    criteria: &[CriterionSummary],
    format_mean: impl Fn(f64) -> String,
    unrated: &str,
) -> Chart {
    let rows: Vec<Row> = criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let top = TOP + i as f64 * ROW_HEIGHT;
            let bar_width = c.mean.map(|mean| x(mean) - x(0.0)).unwrap_or(0.0);
            Row {
                label: label(&c.name),
                label_y: top + ROW_HEIGHT / 2.0 + 4.0,
                bar_y: top + 8.0,
                bar_height: ROW_HEIGHT - 16.0,
                bar_x: x(0.0),
                bar_width,
                whisker: c.min.zip(c.max).map(|(min, max)| (x(min), x(max))),
                whisker_y: top + ROW_HEIGHT / 2.0,
                minimum_x: c.must_have_minimum.map(|m| x(f64::from(m))),
                below_minimum: c.must_have == crate::scoring::flags::MustHave::Below,
                value_text: c
                    .mean
                    .map(&format_mean)
                    .unwrap_or_else(|| unrated.to_owned()),
                value_x: x(0.0) + bar_width + 6.0,
            }
        })
        .collect();
    let axis_y = TOP + rows.len() as f64 * ROW_HEIGHT + 4.0;
    const LABELS: [&str; 6] = ["0", "1", "2", "3", "4", "5"];
    Chart {
        height: axis_y + AXIS_HEIGHT,
        ticks: (0..=5)
            .map(|v| Tick {
                x: x(f64::from(v)),
                label: LABELS[v as usize],
            })
            .collect(),
        rows,
        axis_y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::flags::MustHave;
    use uuid::Uuid;

    fn summary(
        mean: Option<f64>,
        min: Option<f64>,
        max: Option<f64>,
        minimum: Option<i16>,
    ) -> CriterionSummary {
        CriterionSummary {
            criterion_id: Uuid::nil(),
            name: "A criterion with a rather long name indeed".into(),
            weight: 1.0,
            must_have_minimum: minimum,
            member_means: Vec::new(),
            mean,
            min,
            max,
            spread: None,
            rated_by: 0,
            must_have: MustHave::NotRequired,
        }
    }

    #[test]
    fn bars_whiskers_and_minimums_sit_on_the_same_scale() {
        let chart = draw(
            &[
                summary(Some(2.5), Some(2.0), Some(3.0), Some(3)),
                summary(None, None, None, None),
            ],
            |m| format!("{m:.2}"),
            "n/a",
        );
        let full = x(5.0) - x(0.0);
        let row = &chart.rows[0];
        assert!((row.bar_width - full / 2.0).abs() < 1e-9);
        assert_eq!(row.whisker, Some((x(2.0), x(3.0))));
        assert_eq!(row.minimum_x, Some(x(3.0)));
        assert!(row.label.ends_with('…') && row.label.chars().count() == 26);
        assert_eq!(
            (chart.rows[1].bar_width, chart.rows[1].value_text.as_str()),
            (0.0, "n/a")
        );
        assert!(chart.height > chart.axis_y);
        assert!(x(5.0) <= WIDTH);
    }
}
