//! The satisfaction trap (seed 000: Xerox; Jones & Sasser 1995): repurchase
//! probability as a function of satisfaction on the 1–5 survey scale.

use crate::calculator::clamp;

/// Default knots ℓ(1)…ℓ(5), probabilities in [0, 1] (SPEC §3.1): flat between
/// 3 and 4 (the zone of indifference), steep from 4 to 5 ("totally satisfied
/// customers were six times more likely to repurchase than merely satisfied
/// ones": 0.72 / 0.12 = 6).
pub const DEFAULT_KNOTS: [f64; 5] = [0.02, 0.05, 0.10, 0.12, 0.72];

/// Default points of satisfaction per step of the 1–5 scale (SPEC §3.1).
pub const DEFAULT_POINTS_PER_STEP: f64 = 25.0;

/// Satisfaction on the 1–5 survey scale: `clamp(3 + S / points_per_step, 1, 5)`.
///
/// `satisfaction` in points (−200..=100); `points_per_step` in points, clamped
/// to 1..=100. S = 0 (exactly what was expected) is a 3, "neutral".
pub fn sat5(satisfaction: f64, points_per_step: f64) -> f64 {
    let step = clamp(points_per_step, 1.0, 100.0);
    clamp(3.0 + clamp(satisfaction, -200.0, 100.0) / step, 1.0, 5.0)
}

/// A monotone piecewise-cubic Hermite interpolant (PCHIP) through knots at
/// x = 1, 2, 3, 4, 5, with the Fritsch–Butland slopes SciPy's
/// `PchipInterpolator` uses: it passes through every knot, never overshoots
/// between two of them, and keeps monotone knots monotone.
#[derive(Clone, Debug, PartialEq)]
pub struct Pchip {
    y: [f64; 5],
    slope: [f64; 5],
}

impl Pchip {
    /// The curve through `knots` (probabilities; each clamped to [0, 1]).
    pub fn new(knots: [f64; 5]) -> Pchip {
        let y = knots.map(|k| clamp(k, 0.0, 1.0));
        // Secants on unit spacing.
        let d: [f64; 4] = std::array::from_fn(|i| y[i + 1] - y[i]);
        let mut slope = [0.0; 5];
        for k in 1..4 {
            // Equal spacing: the weighted harmonic mean is the plain one.
            slope[k] = if d[k - 1] * d[k] > 0.0 {
                2.0 / (1.0 / d[k - 1] + 1.0 / d[k])
            } else {
                0.0
            };
        }
        slope[0] = edge_slope(d[0], d[1]);
        slope[4] = edge_slope(d[3], d[2]);
        Pchip { y, slope }
    }

    /// ℓ(x) for x on the 1–5 scale (clamped), a probability in [0, 1].
    pub fn eval(&self, x: f64) -> f64 {
        let x = clamp(x, 1.0, 5.0);
        let i = ((x - 1.0).floor() as usize).min(3);
        let t = x - 1.0 - i as f64;
        let (y0, y1, m0, m1) = (self.y[i], self.y[i + 1], self.slope[i], self.slope[i + 1]);
        let t2 = t * t;
        let t3 = t2 * t;
        let v = (2.0 * t3 - 3.0 * t2 + 1.0) * y0
            + (t3 - 2.0 * t2 + t) * m0
            + (-2.0 * t3 + 3.0 * t2) * y1
            + (t3 - t2) * m1;
        clamp(v, 0.0, 1.0)
    }

    /// The knots as used (clamped to [0, 1]).
    pub fn knots(&self) -> [f64; 5] {
        self.y
    }
}

/// SciPy's one-sided, shape-preserving end slope (`_edge_case`) for unit
/// spacing: `d0` is the end secant, `d1` its neighbour.
fn edge_slope(d0: f64, d1: f64) -> f64 {
    // numpy's sign: 0 for 0 (Rust's signum gives ±1 there).
    let sign = |x: f64| if x == 0.0 { 0.0 } else { x.signum() };
    let m = (3.0 * d0 - d1) / 2.0;
    if sign(m) != sign(d0) {
        0.0
    } else if sign(d0) != sign(d1) && m.abs() > 3.0 * d0.abs() {
        3.0 * d0
    } else {
        m
    }
}

/// Expected repurchase of a CSAT answer mix: Σ share_i · ℓ(i), a probability.
///
/// `shares` are the shares of answers 1..5 (any non-negative weights; they are
/// normalised to sum to 1; all zero gives 0). SPEC §3.1 "survey mode".
pub fn mix_expectation(curve: &Pchip, shares: [f64; 5]) -> f64 {
    let w = shares.map(|s| clamp(s, 0.0, f64::MAX));
    let total: f64 = w.iter().sum();
    if total <= 0.0 || !total.is_finite() {
        return 0.0;
    }
    let knots = curve.knots();
    clamp(
        w.iter().zip(knots).map(|(w, k)| w / total * k).sum(),
        0.0,
        1.0,
    )
}

/// What moving a share `x` (0..=1) of one answer group up one step brings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MixLift {
    /// Expected repurchase of the mix as it is, probability.
    pub base: f64,
    /// After moving x of the 4s to 5s, probability.
    pub fours_to_fives: f64,
    /// After moving x of the 3s to 4s, probability.
    pub threes_to_fours: f64,
}

/// Seed 000's lesson in numbers: moving x% of the merely satisfied (4) to
/// totally satisfied (5) is worth far more than moving x% of the neutral (3)
/// to satisfied (4), because ℓ is flat between 3 and 4.
pub fn mix_lift(curve: &Pchip, shares: [f64; 5], x: f64) -> MixLift {
    let x = clamp(x, 0.0, 1.0);
    let moved = |from: usize| {
        let mut s = shares.map(|v| clamp(v, 0.0, f64::MAX));
        let m = s[from] * x;
        s[from] -= m;
        s[from + 1] += m;
        mix_expectation(curve, s)
    };
    MixLift {
        base: mix_expectation(curve, shares),
        fours_to_fives: moved(3),
        threes_to_fours: moved(2),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const XS: [f64; 15] = [
        1.0, 1.25, 1.5, 2.0, 2.5, 2.75, 3.0, 3.2, 3.5, 3.9, 4.0, 4.3, 4.5, 4.8, 5.0,
    ];

    /// Values printed by SciPy 1.x `PchipInterpolator([1,2,3,4,5], knots)(XS)`.
    #[track_caller]
    fn matches_scipy(knots: [f64; 5], scipy: [f64; 15]) {
        let curve = Pchip::new(knots);
        for (x, want) in XS.iter().zip(scipy) {
            let got = curve.eval(*x);
            assert!(
                (got - want).abs() < 1e-12,
                "knots {knots:?} x={x}: {got} vs SciPy {want}"
            );
        }
    }

    #[test]
    fn pchip_matches_scipy() {
        matches_scipy(
            DEFAULT_KNOTS,
            [
                0.02,
                0.025742187500000003,
                0.0328125,
                0.05,
                0.07611607142857144,
                0.08992745535714286,
                0.1,
                0.1044984331797235,
                0.1087327188940092,
                0.1165616589861751,
                0.12,
                0.19922032258064507,
                0.31358870967741936,
                0.5449187096774192,
                0.72,
            ],
        );
        matches_scipy(
            [0.1, 0.1, 0.5, 0.4, 0.9],
            [
                0.1,
                0.1,
                0.1,
                0.1,
                0.30000000000000004,
                0.4375,
                0.5,
                0.4896,
                0.45000000000000007,
                0.40280000000000005,
                0.4,
                0.45759999999999995,
                0.5499999999999999,
                0.7455999999999998,
                0.9000000000000001,
            ],
        );
        matches_scipy(
            [0.9, 0.6, 0.6, 0.3, 0.0],
            [
                0.9,
                0.78984375,
                0.6937500000000001,
                0.6,
                0.6,
                0.6,
                0.6,
                0.5783999999999999,
                0.48749999999999993,
                0.3327,
                0.3,
                0.21000000000000005,
                0.14999999999999997,
                0.06000000000000004,
                0.0,
            ],
        );
        matches_scipy(
            [0.0, 0.0, 0.0, 0.0, 1.0],
            [
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                0.12149999999999986,
                0.3125,
                0.7039999999999997,
                1.0,
            ],
        );
    }

    #[test]
    fn sat5_hand_computed() {
        assert_eq!(sat5(5.0, 25.0), 3.2);
        assert_eq!(sat5(0.0, 25.0), 3.0);
        assert_eq!(sat5(50.0, 25.0), 5.0);
        assert_eq!(sat5(-200.0, 25.0), 1.0);
        assert_eq!(sat5(30.0, 20.0), 4.5);
        assert_eq!(sat5(f64::NAN, 25.0), 1.0);
    }

    #[test]
    fn csat_mix_and_the_four_to_five_lesson() {
        let curve = Pchip::new(DEFAULT_KNOTS);
        let shares = [0.05, 0.10, 0.25, 0.40, 0.20];
        // 0.05·0.02 + 0.10·0.05 + 0.25·0.10 + 0.40·0.12 + 0.20·0.72 = 0.223
        let base = mix_expectation(&curve, shares);
        crate::assert_close!(base, 0.223, 1e-12, "{base}");
        // Percentages work too: the shares are normalised.
        crate::assert_close!(mix_expectation(&curve, shares.map(|s| s * 100.0)), 0.223);
        let lift = mix_lift(&curve, shares, 0.10);
        // 10% of the 4s (0.04) gain 0.72 − 0.12: +0.024; of the 3s (0.025) gain 0.02: +0.0005.
        crate::assert_close!(lift.fours_to_fives, 0.247);
        crate::assert_close!(lift.threes_to_fours, 0.2235);
        assert_eq!(mix_expectation(&curve, [0.0; 5]), 0.0);
    }

    proptest! {
        #[test]
        fn passes_every_knot(knots in proptest::array::uniform5(0.0..=1.0f64)) {
            let curve = Pchip::new(knots);
            for (i, k) in knots.iter().enumerate() {
                prop_assert!((curve.eval(i as f64 + 1.0) - k).abs() < 1e-12);
            }
        }

        #[test]
        fn monotone_knots_give_a_monotone_curve(
            mut knots in proptest::array::uniform5(0.0..=1.0f64),
            a in 1.0..=5.0f64, b in 1.0..=5.0f64,
        ) {
            knots.sort_by(f64::total_cmp);
            let curve = Pchip::new(knots);
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(curve.eval(lo) <= curve.eval(hi) + 1e-12);
        }

        #[test]
        fn stays_a_probability(knots in proptest::array::uniform5(any::<f64>()), x in any::<f64>()) {
            let v = Pchip::new(knots).eval(x);
            prop_assert!((0.0..=1.0).contains(&v));
        }
    }
}
