//! "Use in the simulator": the simulator's parameters fitted to a data set's
//! observed mean retention by offset (least squares over offsets 1..).
//!
//! The model fitted is the simulator's own chain with p(n, 0) =
//! 1 − (1 − base)(1 − K(n)), K(n) = K_max(1 − e^(−n/τ)), τ = h / ln 20,
//! dormancy decay δ, churn after 6 periods and no win-back: four numbers,
//! each kept in its slider's range.

use crate::calculator::calculate::calculate;
use crate::calculator::repurchase::Lens;
use crate::calculator::scenario::{Param, Period, Scenario};
use crate::calculator::stickiness;
use crate::simulator::{unit_cohort, Markov};

/// The fitted parameters and how well they fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// Base repurchase probability (what a first-time buyer has without habit), 0–1.
    pub base: f64,
    /// Stickiness ceiling K_max, 0–1.
    pub k_max: f64,
    /// Habit forms at purchase h, 1–10.
    pub habit: f64,
    /// Dormancy decay δ, 0–1.
    pub decay: f64,
    /// Root-mean-square error over the fitted offsets (retention share).
    pub rmse: f64,
    /// The fitted curve by offset (offset 0 = 1).
    pub curve: Vec<f64>,
}

impl Fit {
    /// "Use these in the simulator": the chain lens, the loyalty L that gives
    /// the fitted base with the scenario's satisfaction (base = 1 − (1 − ℓ)(1 − L),
    /// so the chain lens carries it), K_max, h, δ, and the data's period.
    pub fn apply_to(&self, s: &mut Scenario, period: Period) {
        let trap = calculate(s).trap_probability;
        let loyalty = if trap < 1.0 {
            1.0 - (1.0 - self.base) / (1.0 - trap)
        } else {
            0.0
        };
        s.lens = Lens::Chain;
        s.set(Param::Loyalty, loyalty.max(0.0));
        s.set(Param::StickinessMax, self.k_max);
        s.set(Param::HabitPurchase, self.habit);
        s.set(Param::Decay, self.decay);
        s.period = period;
    }
}

const CHURN_AFTER: usize = 6;
const MAX_OFFSETS: usize = 36;

fn curve(base: f64, k_max: f64, habit: f64, decay: f64, offsets: usize) -> Vec<f64> {
    let k = stickiness::curve(k_max, habit);
    let chain = Markov {
        p0: k.map(|kn| 1.0 - (1.0 - base) * (1.0 - kn)),
        decay,
        churn_after: CHURN_AFTER,
        sleeping_from: 3,
        win_back: 0.0,
        habit: None,
        reminder: None,
        churn_cut: 0.0,
    };
    unit_cohort(&chain, offsets).active
}

fn error(p: [f64; 4], observed: &[Option<f64>]) -> f64 {
    let c = curve(p[0], p[1], p[2], p[3], observed.len());
    observed
        .iter()
        .zip(&c)
        .skip(1)
        .filter_map(|(o, m)| o.map(|o| (o - m) * (o - m)))
        .sum()
}

/// Fits the four parameters to `observed[k]` (mean retention at offset k;
/// None where unknown). None when fewer than two offsets after 0 are known.
pub fn fit_retention(observed: &[Option<f64>]) -> Option<Fit> {
    let observed = &observed[..observed.len().min(MAX_OFFSETS)];
    let known = observed.iter().skip(1).filter(|o| o.is_some()).count();
    if known < 2 {
        return None;
    }
    let ranges = [(0.0, 0.95), (0.0, 0.95), (1.0, 10.0), (0.05, 1.0)];
    // A coarse grid, then a pattern search that halves its steps.
    let mut best = ([0.2, 0.3, 5.0, 0.7], f64::INFINITY);
    for b in (0..=19).map(|i| i as f64 * 0.05) {
        for km in (0..=9).map(|i| i as f64 * 0.1) {
            for h in [1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0] {
                for d in (1..=10).map(|i| i as f64 * 0.1) {
                    let e = error([b, km, h, d], observed);
                    if e < best.1 {
                        best = ([b, km, h, d], e);
                    }
                }
            }
        }
    }
    let mut step = [0.025, 0.05, 0.5, 0.05];
    for _ in 0..40 {
        let mut improved = false;
        for i in 0..4 {
            for sign in [-1.0, 1.0] {
                let mut p = best.0;
                p[i] = (p[i] + sign * step[i]).clamp(ranges[i].0, ranges[i].1);
                let e = error(p, observed);
                if e < best.1 {
                    best = (p, e);
                    improved = true;
                }
            }
        }
        if !improved {
            step = step.map(|s| s / 2.0);
            if step[0] < 1e-4 {
                break;
            }
        }
    }
    let [base, k_max, habit, decay] = best.0;
    Some(Fit {
        base,
        k_max,
        habit,
        decay,
        rmse: (best.1 / known as f64).sqrt(),
        curve: curve(base, k_max, habit, decay, observed.len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_parameters_it_generated() {
        let truth = curve(0.25, 0.5, 4.0, 0.6, 24);
        let observed: Vec<Option<f64>> = truth.iter().map(|v| Some(*v)).collect();
        let fit = fit_retention(&observed).unwrap();
        assert!(fit.rmse < 0.002, "{fit:?}");
        for (a, b) in fit.curve.iter().zip(&truth) {
            crate::assert_close!(*a, *b, 0.01);
        }
    }

    #[test]
    fn needs_data() {
        assert_eq!(fit_retention(&[Some(1.0), Some(0.3)]), None);
        assert_eq!(fit_retention(&[Some(1.0), None, None]), None);
    }

    #[test]
    fn applying_a_fit_reproduces_its_base_with_todays_satisfaction() {
        let observed: Vec<Option<f64>> = curve(0.3, 0.4, 4.0, 0.6, 13)
            .into_iter()
            .map(Some)
            .collect();
        let fit = fit_retention(&observed).unwrap();
        let mut s = Scenario {
            lens: Lens::Dte,
            ..Scenario::default()
        };
        fit.apply_to(&mut s, Period::Week);
        let trap = calculate(&s).trap_probability;
        assert_eq!((s.lens, s.period), (Lens::Chain, Period::Week));
        crate::assert_close!(1.0 - (1.0 - trap) * (1.0 - s.loyalty), fit.base, 1e-9);
        assert_eq!((s.stickiness_max, s.decay), (fit.k_max, fit.decay));
        assert_eq!(s.habit_purchase, fit.habit);
        // A base below what satisfaction alone gives cannot be reached: L stays 0.
        let low = Fit { base: 0.0, ..fit };
        low.apply_to(&mut s, Period::Month);
        assert_eq!(s.loyalty, 0.0);
    }
}
