//! The statistics the learning loop reads (issue 22): whether what the panel
//! saw in the interview went with how the hire went (Spearman's rank
//! correlation), and whether one interviewer scores above or below the rest of
//! their panels (leniency). Pure functions over plain numbers; the pages that
//! show them word the numbers and say when there are too few to tell.

/// Hires below this many tell nothing about a criterion.
pub const MIN_HIRES: usize = 8;
/// Paired ratings below this many tell nothing about an interviewer.
pub const MIN_PAIRS: usize = 10;

/// The ranks of `values`, 1 for the smallest; tied values share the mean of
/// the ranks they span (so 10, 20, 20, 30 rank 1, 2.5, 2.5, 4).
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1..=end; their mean:
        let shared = (start + 1 + end) as f64 / 2.0;
        for &index in &order[start..end] {
            ranks[index] = shared;
        }
        start = end;
    }
    ranks
}

/// Pearson's correlation, or `None` when either side does not vary (or there
/// are fewer than two pairs): a constant predicts nothing, in either direction.
fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let n = xs.len();
    if n < 2 || n != ys.len() {
        return None;
    }
    let mean = |values: &[f64]| values.iter().sum::<f64>() / n as f64;
    let (mx, my) = (mean(xs), mean(ys));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        return None;
    }
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Spearman's rank correlation of the pairs: Pearson's over their ranks, which
/// handles ties. `None` when undefined (a constant side, or fewer than two pairs).
pub fn spearman(pairs: &[(f64, f64)]) -> Option<f64> {
    let xs: Vec<f64> = pairs.iter().map(|(x, _)| *x).collect();
    let ys: Vec<f64> = pairs.iter().map(|(_, y)| *y).collect();
    pearson(&ranks(&xs), &ranks(&ys))
}

/// One (candidate, criterion) an interviewer rated alongside others: their own
/// mean score there and the other members' mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paired {
    pub own: f64,
    pub others: f64,
}

/// How far an interviewer scores from the rest of their panels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leniency {
    /// The mean of (own − others); above zero, more generous than the panel.
    pub mean: f64,
    pub pairs: usize,
    /// A 95 % interval around the mean (normal approximation); `None` with
    /// fewer than two pairs.
    pub interval: Option<(f64, f64)>,
}

impl Leniency {
    /// Enough pairs to show the figure at all.
    pub fn tells(&self) -> bool {
        self.pairs >= MIN_PAIRS
    }
}

/// `None` without a single pair.
pub fn leniency(pairs: &[Paired]) -> Option<Leniency> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len();
    let differences: Vec<f64> = pairs.iter().map(|p| p.own - p.others).collect();
    let mean = differences.iter().sum::<f64>() / n as f64;
    let interval = (n >= 2).then(|| {
        let variance = differences
            .iter()
            .map(|d| (d - mean) * (d - mean))
            .sum::<f64>()
            / (n - 1) as f64;
        let half = 1.96 * (variance / n as f64).sqrt();
        (mean - half, mean + half)
    });
    Some(Leniency {
        mean,
        pairs: n,
        interval,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn ties_share_the_mean_of_their_ranks() {
        assert_eq!(ranks(&[10.0, 20.0, 20.0, 30.0]), [1.0, 2.5, 2.5, 4.0]);
        assert_eq!(ranks(&[3.0, 1.0, 2.0]), [3.0, 1.0, 2.0]);
        assert_eq!(ranks(&[5.0, 5.0, 5.0]), [2.0, 2.0, 2.0]);
    }

    /// Worked by hand: interview means 2, 3, 4, 5 against follow-ups 1, 3, 2, 4.
    /// Ranks (1, 2, 3, 4) and (1, 3, 2, 4); d² = 0 + 1 + 1 + 0 = 2;
    /// rho = 1 − 6·2 / (4·15) = 0.8.
    #[test]
    fn spearman_on_a_small_table_worked_by_hand() {
        let rho = spearman(&[(2.0, 1.0), (3.0, 3.0), (4.0, 2.0), (5.0, 4.0)]).unwrap();
        assert!(close(rho, 0.8), "{rho}");
    }

    /// With a tie: x = 1, 2, 2, 3 (ranks 1, 2.5, 2.5, 4), y = 1, 2, 3, 4.
    /// Pearson over the ranks: sxy = 4.5, sxx = 4.5, syy = 5; 4.5 / √22.5 = 0.9487.
    #[test]
    fn spearman_with_a_tie_worked_by_hand() {
        let rho = spearman(&[(1.0, 1.0), (2.0, 2.0), (2.0, 3.0), (3.0, 4.0)]).unwrap();
        assert!(close(rho, 4.5 / 22.5_f64.sqrt()), "{rho}");
    }

    #[test]
    fn a_constant_predicts_nothing() {
        assert_eq!(spearman(&[(3.0, 1.0), (3.0, 2.0), (3.0, 5.0)]), None);
        assert_eq!(spearman(&[(1.0, 4.0)]), None);
        assert_eq!(spearman(&[]), None);
    }

    #[test]
    fn a_member_one_above_the_others_is_plus_one_and_a_panel_in_agreement_zero() {
        let generous: Vec<Paired> = (0..12)
            .map(|i| {
                let others = 1.0 + f64::from(i % 4);
                Paired {
                    own: others + 1.0,
                    others,
                }
            })
            .collect();
        let found = leniency(&generous).unwrap();
        assert!(close(found.mean, 1.0));
        assert_eq!(found.pairs, 12);
        let (low, high) = found.interval.unwrap();
        assert!(close(low, 1.0) && close(high, 1.0), "no spread, no width");
        assert!(found.tells());

        let agreeing: Vec<Paired> = [2.0, 3.0, 4.0]
            .iter()
            .map(|&score| Paired {
                own: score,
                others: score,
            })
            .collect();
        let found = leniency(&agreeing).unwrap();
        assert!(close(found.mean, 0.0));
        assert!(!found.tells(), "three pairs are too few to tell");
    }

    /// Differences 1, 0, 2, 1: mean 1, sample variance 2/3, half width
    /// 1.96·√(2/3 / 4) = 0.8002.
    #[test]
    fn the_interval_worked_by_hand() {
        let pairs = [(4.0, 3.0), (3.0, 3.0), (5.0, 3.0), (3.0, 2.0)]
            .map(|(own, others)| Paired { own, others });
        let found = leniency(&pairs).unwrap();
        let half = 1.96 * (2.0_f64 / 3.0 / 4.0).sqrt();
        let (low, high) = found.interval.unwrap();
        assert!(
            close(low, 1.0 - half) && close(high, 1.0 + half),
            "{low} {high}"
        );
        assert_eq!(leniency(&[]), None);
        assert_eq!(leniency(&pairs[..1]).unwrap().interval, None);
    }

    proptest! {
        #[test]
        fn a_rising_relation_is_one_and_a_falling_one_minus_one(
            xs in proptest::collection::hash_set(-1000i32..1000, 2..30)
        ) {
            let xs: Vec<f64> = xs.into_iter().map(f64::from).collect();
            // Any strictly increasing function keeps the ranks.
            let rising: Vec<(f64, f64)> = xs.iter().map(|&x| (x, x * x * x + 7.0)).collect();
            let falling: Vec<(f64, f64)> = xs.iter().map(|&x| (x, -x.exp2())).collect();
            prop_assert!(close(spearman(&rising).unwrap(), 1.0));
            prop_assert!(close(spearman(&falling).unwrap(), -1.0));
        }

        #[test]
        fn rho_stays_within_minus_one_and_one_and_is_symmetric(
            pairs in proptest::collection::vec((1u8..=5, 1u8..=5), 2..40)
        ) {
            let pairs: Vec<(f64, f64)> =
                pairs.into_iter().map(|(x, y)| (f64::from(x), f64::from(y))).collect();
            let swapped: Vec<(f64, f64)> = pairs.iter().map(|&(x, y)| (y, x)).collect();
            match (spearman(&pairs), spearman(&swapped)) {
                (Some(rho), Some(back)) => {
                    prop_assert!((-1.0..=1.0).contains(&rho));
                    prop_assert!(close(rho, back));
                }
                (None, None) => {}
                other => prop_assert!(false, "asymmetric: {other:?}"),
            }
        }
    }
}
