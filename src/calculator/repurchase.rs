//! From scores to behaviour (SPEC §2, §3.3): the per-period repurchase
//! probability in both lenses, the literal score R(n), and the diagnosis.

use crate::calculator::clamp;

/// Which lens feeds the simulator (SPEC §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lens {
    /// Satisfaction, stickiness or loyalty (seed 000).
    #[default]
    Chain,
    /// Demand × trust × exposure (seed 004).
    Dte,
}

impl Lens {
    /// The code used in the `lens` select and the share link.
    pub fn code(self) -> &'static str {
        match self {
            Lens::Chain => "chain",
            Lens::Dte => "dte",
        }
    }

    /// Parses a code; unknown is `None`.
    pub fn from_code(code: &str) -> Option<Lens> {
        match code {
            "chain" => Some(Lens::Chain),
            "dte" => Some(Lens::Dte),
            _ => None,
        }
    }
}

/// Chain lens, p(n, 0) = 1 − (1 − ℓ)(1 − K(n))(1 − L): a customer comes back
/// for any of three reasons — satisfaction ℓ(sat5), habit K(n), attitudinal
/// loyalty L (seed 000: "repurchase = satisfaction + stickiness or loyalty").
/// All three are probabilities, clamped to [0, 1]; so is the result.
pub fn chain_probability(trap: f64, stickiness: f64, loyalty: f64) -> f64 {
    let miss = (1.0 - clamp(trap, 0.0, 1.0))
        * (1.0 - clamp(stickiness, 0.0, 1.0))
        * (1.0 - clamp(loyalty, 0.0, 1.0));
    clamp(1.0 - miss, 0.0, 1.0)
}

/// Demand × trust × exposure lens (seed 004: "复购 = 需求 × 信任 × 曝光"):
/// multiplicative, so the weakest link dominates and a zero anywhere means no
/// repurchase. Each factor and the result are probabilities in [0, 1].
pub fn dte_probability(demand: f64, trust: f64, exposure: f64) -> f64 {
    clamp(demand, 0.0, 1.0) * clamp(trust, 0.0, 1.0) * clamp(exposure, 0.0, 1.0)
}

/// The weakest of D, T, X: index 0 = demand, 1 = trust, 2 = exposure (ties
/// go to the first).
pub fn weakest_link(demand: f64, trust: f64, exposure: f64) -> usize {
    let f = [demand, trust, exposure].map(|v| clamp(v, 0.0, 1.0));
    (0..3).fold(0, |best, i| if f[i] < f[best] { i } else { best })
}

/// Recency: p(n, s) = p(n, 0) · δ^s for s periods since the last purchase
/// (SPEC §3.3). `decay` δ in [0, 1]; `periods` clamped to 0..=1000.
pub fn with_recency(p0: f64, decay: f64, periods: f64) -> f64 {
    clamp(p0, 0.0, 1.0) * clamp(decay, 0.0, 1.0).powf(clamp(periods, 0.0, 1000.0))
}

/// The literal score of seed 000, R(n) = S + 100 · max(K(n), L), in points
/// (−200..=200): "repurchase = satisfaction + stickiness or loyalty", taken
/// at its word with stickiness and loyalty on the same 0–100 scale.
pub fn repurchase_score(satisfaction: f64, stickiness: f64, loyalty: f64) -> f64 {
    clamp(satisfaction, -200.0, 100.0)
        + 100.0 * clamp(stickiness, 0.0, 1.0).max(clamp(loyalty, 0.0, 1.0))
}

/// Where the chain breaks (SPEC §2): the first of these that applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Diagnosis {
    /// V ≤ 0: the experience itself is not worth its cost.
    Experience,
    /// V > 0 but S < 0: good, but below what was expected.
    Expectation,
    /// S ≥ 0 but sat5 < 4.5: satisfied, yet in the zone of indifference.
    Trap,
    /// p(1, 0) of the lens in use < 0.5: delighted, yet no habit holds them.
    Stickiness,
    /// Nothing breaks.
    None,
}

impl Diagnosis {
    /// The code in `data-value` of the `diagnosis` hook.
    pub fn code(self) -> &'static str {
        match self {
            Diagnosis::Experience => "experience",
            Diagnosis::Expectation => "expectation",
            Diagnosis::Trap => "trap",
            Diagnosis::Stickiness => "stickiness",
            Diagnosis::None => "none",
        }
    }
}

/// The sat5 below which a satisfied customer is still in the trap.
pub const TRAP_THRESHOLD: f64 = 4.5;

/// The diagnosis rule of SPEC §2. `value`, `satisfaction` in points, `sat5`
/// on 1..=5, `p1` = p(1, 0) of the lens in use.
pub fn diagnose(value: f64, satisfaction: f64, sat5: f64, p1: f64) -> Diagnosis {
    if value <= 0.0 {
        Diagnosis::Experience
    } else if satisfaction < 0.0 {
        Diagnosis::Expectation
    } else if sat5 < TRAP_THRESHOLD {
        Diagnosis::Trap
    } else if p1 < 0.5 {
        Diagnosis::Stickiness
    } else {
        Diagnosis::None
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn hand_computed() {
        // 1 − 0.9 · 0.7 · 0.8 = 0.496
        crate::assert_close!(chain_probability(0.1, 0.3, 0.2), 0.496);
        assert_eq!(chain_probability(0.0, 0.0, 0.0), 0.0);
        assert_eq!(chain_probability(1.0, 0.0, 0.0), 1.0);
        // SPEC defaults: 0.8 · 0.6 · 0.5 = 0.24, exposure is the weakest link.
        crate::assert_close!(dte_probability(0.8, 0.6, 0.5), 0.24);
        assert_eq!(weakest_link(0.8, 0.6, 0.5), 2);
        assert_eq!(weakest_link(0.3, 0.6, 0.3), 0);
        assert_eq!(dte_probability(0.0, 1.0, 1.0), 0.0);
        crate::assert_close!(with_recency(0.5, 0.7, 2.0), 0.245);
        assert_eq!(repurchase_score(5.0, 0.27, 0.10), 32.0);
        assert_eq!(repurchase_score(-20.0, 0.05, 0.10), -10.0);
    }

    #[test]
    fn diagnosis_takes_the_first_that_applies() {
        assert_eq!(diagnose(0.0, -35.0, 1.6, 0.9), Diagnosis::Experience);
        assert_eq!(diagnose(40.0, -20.0, 2.2, 0.9), Diagnosis::Expectation);
        assert_eq!(diagnose(40.0, 5.0, 3.2, 0.9), Diagnosis::Trap);
        assert_eq!(diagnose(60.0, 40.0, 4.6, 0.4), Diagnosis::Stickiness);
        assert_eq!(diagnose(60.0, 40.0, 4.6, 0.5), Diagnosis::None);
    }

    proptest! {
        #[test]
        fn more_of_any_reason_never_lowers_p(
            l in 0.0..=1.0f64, k in 0.0..=1.0f64, y in 0.0..=1.0f64, d in 0.0..=1.0f64,
        ) {
            let p = chain_probability(l, k, y);
            prop_assert!((0.0..=1.0).contains(&p));
            prop_assert!(chain_probability((l + d).min(1.0), k, y) >= p);
            prop_assert!(chain_probability(l, (k + d).min(1.0), y) >= p);
            prop_assert!(chain_probability(l, k, (y + d).min(1.0)) >= p);
            let q = dte_probability(l, k, y);
            prop_assert!(dte_probability((l + d).min(1.0), k, y) >= q);
        }

        #[test]
        fn any_input_gives_a_probability(a in any::<f64>(), b in any::<f64>(), c in any::<f64>()) {
            prop_assert!((0.0..=1.0).contains(&chain_probability(a, b, c)));
            prop_assert!((0.0..=1.0).contains(&dte_probability(a, b, c)));
            prop_assert!((0.0..=1.0).contains(&with_recency(a, b, c)));
            prop_assert!(repurchase_score(a, b, c).is_finite());
        }
    }
}
