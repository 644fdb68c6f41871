//! The formula chain of seed 000 and seed 003: benefit − cost = value;
//! value − expectation = satisfaction. Every "value" is in points (0–100 scale).

use crate::calculator::clamp;

/// Perceived experience value V = B − C, in points, −100..=100.
///
/// Seed 003: "体验感知价值 = 客户感知收益 − 客户感知成本" (perceived value is
/// what the customer feels they got minus what it cost them in money, time,
/// effort and risk). `benefit` and `cost` are points 0..=100 and are clamped.
pub fn perceived_value(benefit: f64, cost: f64) -> f64 {
    clamp(benefit, 0.0, 100.0) - clamp(cost, 0.0, 100.0)
}

/// Satisfaction S = V − E, in points, −200..=100.
///
/// Seed 000: "满意度 = 体验感知价值 − 客户预期价值" — a good experience (V > 0)
/// still disappoints when it falls short of what was expected. `value` is
/// clamped to −100..=100 and `expectation` to 0..=100.
pub fn satisfaction(value: f64, expectation: f64) -> f64 {
    clamp(value, -100.0, 100.0) - clamp(expectation, 0.0, 100.0)
}

/// The two outputs of the chain for one set of inputs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValueChain {
    /// Perceived benefit B, points 0..=100 (as used, after clamping).
    pub benefit: f64,
    /// Perceived cost C, points 0..=100.
    pub cost: f64,
    /// Expectation E, points 0..=100.
    pub expectation: f64,
    /// Perceived value V = B − C, points −100..=100.
    pub value: f64,
    /// Satisfaction S = V − E, points −200..=100.
    pub satisfaction: f64,
}

/// Evaluates the chain B, C, E → V, S (all points; inputs clamped to 0..=100).
pub fn evaluate(benefit: f64, cost: f64, expectation: f64) -> ValueChain {
    let (benefit, cost, expectation) = (
        clamp(benefit, 0.0, 100.0),
        clamp(cost, 0.0, 100.0),
        clamp(expectation, 0.0, 100.0),
    );
    let value = perceived_value(benefit, cost);
    ValueChain {
        benefit,
        cost,
        expectation,
        value,
        satisfaction: satisfaction(value, expectation),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[track_caller]
    fn check(b: f64, c: f64, e: f64, v: f64, s: f64) {
        let chain = evaluate(b, c, e);
        assert_eq!(
            (chain.value, chain.satisfaction),
            (v, s),
            "B={b} C={c} E={e}"
        );
    }

    #[test]
    fn hand_computed_cases() {
        check(70.0, 30.0, 35.0, 40.0, 5.0); // SPEC defaults
        check(70.0, 30.0, 60.0, 40.0, -20.0); // good experience, still disappointing
        check(20.0, 50.0, 0.0, -30.0, -30.0); // the experience is not worth its cost
        check(100.0, 0.0, 0.0, 100.0, 100.0); // upper bound
        check(0.0, 100.0, 100.0, -100.0, -200.0); // lower bound
        check(150.0, -5.0, 200.0, 100.0, 0.0); // out-of-range inputs are clamped
        check(f64::NAN, 10.0, 5.0, -10.0, -15.0); // NaN counts as the range minimum
    }

    proptest! {
        #[test]
        fn outputs_stay_in_range(b in any::<f64>(), c in any::<f64>(), e in any::<f64>()) {
            let chain = evaluate(b, c, e);
            prop_assert!((-100.0..=100.0).contains(&chain.value));
            prop_assert!((-200.0..=100.0).contains(&chain.satisfaction));
        }

        #[test]
        fn more_benefit_never_lowers_satisfaction(
            b in 0.0..100.0f64, db in 0.0..100.0f64, c in 0.0..100.0f64, e in 0.0..100.0f64,
        ) {
            prop_assert!(evaluate(b + db, c, e).satisfaction >= evaluate(b, c, e).satisfaction);
            prop_assert!(evaluate(b, c + db, e).satisfaction <= evaluate(b, c, e).satisfaction);
            prop_assert!(evaluate(b, c, e + db).satisfaction <= evaluate(b, c, e).satisfaction);
        }
    }
}
