//! The stickiness curve (seed 000: GrowingIO data; seed 001): how much of a
//! habit n purchases have built.

use crate::calculator::clamp;

/// Default ceiling K_max, a probability (SPEC §3.2).
pub const DEFAULT_MAX: f64 = 0.6;
/// Default "habit forms at purchase h" (SPEC §3.2; seed 000: around the 5th).
pub const DEFAULT_HABIT_PURCHASE: f64 = 5.0;
/// Purchases counted: 1..=10, where 10 means "10 or more" (SPEC §4).
pub const MAX_PURCHASES: usize = 10;
/// Seed 001: a customer with at least this many purchases deserves attention.
pub const ATTENTION_TIER: usize = 3;
/// Seed 001: a customer with at least this many purchases deserves care.
pub const CARE_TIER: usize = 5;

/// The time constant τ = h / ln 20, in purchases, so that K(h) = 0.95·K_max.
///
/// `habit_purchase` is clamped to 1..=10.
pub fn tau(habit_purchase: f64) -> f64 {
    clamp(habit_purchase, 1.0, MAX_PURCHASES as f64) / 20f64.ln()
}

/// Stickiness after `n` purchases: K(n) = K_max · (1 − exp(−n / τ)), a
/// probability in [0, K_max].
///
/// Seed 000: "the first three purchases add the most; beyond the habit point
/// little changes". `k_max` is clamped to [0, 1], `n` to 0..=10 purchases.
pub fn stickiness(n: f64, k_max: f64, habit_purchase: f64) -> f64 {
    let n = clamp(n, 0.0, MAX_PURCHASES as f64);
    clamp(k_max, 0.0, 1.0) * (1.0 - (-n / tau(habit_purchase)).exp())
}

/// K(1)…K(10), probabilities.
pub fn curve(k_max: f64, habit_purchase: f64) -> [f64; MAX_PURCHASES] {
    std::array::from_fn(|i| stickiness((i + 1) as f64, k_max, habit_purchase))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn hand_computed() {
        // τ = 5 / ln 20 = 1.66907...; K(5) = 0.6 · 0.95 = 0.57.
        assert!(
            (tau(5.0) - 1.669_041_003_476_67).abs() < 1e-9,
            "{}",
            tau(5.0)
        );
        crate::assert_close!(stickiness(5.0, 0.6, 5.0), 0.57);
        // K(1) = 0.6 · (1 − 20^(−1/5)) = 0.6 · (1 − 0.549280...) = 0.270432...
        crate::assert_close!(stickiness(1.0, 0.6, 5.0), 0.6 * (1.0 - 20f64.powf(-0.2)));
        assert_eq!(stickiness(0.0, 0.6, 5.0), 0.0);
        assert_eq!(stickiness(3.0, 0.0, 5.0), 0.0);
        // The first three purchases add most of it.
        let k = curve(0.6, 5.0);
        assert!(k[2] > 0.8 * k[9]);
    }

    proptest! {
        #[test]
        fn rises_and_stays_under_the_ceiling(k_max in 0.0..=1.0f64, h in 1.0..=10.0f64) {
            let k = curve(k_max, h);
            for w in k.windows(2) {
                prop_assert!(w[0] <= w[1]);
            }
            prop_assert!(k.iter().all(|v| (0.0..=k_max).contains(v)));
        }

        #[test]
        fn any_input_gives_a_probability(n in any::<f64>(), k in any::<f64>(), h in any::<f64>()) {
            prop_assert!((0.0..=1.0).contains(&stickiness(n, k, h)));
        }
    }
}
