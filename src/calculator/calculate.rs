//! Everything the calculator page shows, computed from one [`Scenario`]
//! (SPEC §2, §3, §6). The page only formats these numbers.

use crate::calculator::chain::{self, ValueChain};
use crate::calculator::repurchase::{self, Diagnosis, Lens, TRAP_THRESHOLD};
use crate::calculator::scenario::Scenario;
use crate::calculator::stickiness::{self, MAX_PURCHASES};
use crate::calculator::tools::{self, Stage, TopUp};
use crate::calculator::trap::{self, MixLift, Pchip};

/// What would move the customer past the break the diagnosis names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Advice {
    /// Raise B or cut C by `by` points so the experience is worth its cost.
    RaiseValue {
        /// Points needed (V must exceed 0).
        by: f64,
    },
    /// Lower E (promise less) or raise V by `by` points.
    CloseGap {
        /// Points needed (S must reach 0).
        by: f64,
    },
    /// Raise S by `by` points to reach delight (sat5 4.5), where ℓ is `to`.
    Delight {
        /// Points of satisfaction needed.
        by: f64,
        /// ℓ at sat5 = 4.5, probability.
        to: f64,
    },
    /// Chain lens: build habit — p at the 3rd purchase is `p3`; or raise
    /// loyalty to `loyalty` (None: loyalty alone cannot get there).
    Habit {
        /// p(3, 0), probability.
        p3: f64,
        /// Loyalty that gives p(1, 0) = 0.5, probability.
        loyalty: Option<f64>,
    },
    /// D × T × X lens: the weakest factor (0 D, 1 T, 2 X) must reach `to`
    /// (None: even 100% is not enough alone).
    WeakestLink {
        /// Index of the weakest factor.
        factor: usize,
        /// Level needed for D·T·X = 0.5.
        to: Option<f64>,
    },
    /// Nothing breaks: p(1, 0) is `p1`.
    Holds {
        /// p(1, 0), probability.
        p1: f64,
    },
}

/// All outputs of the calculator.
#[derive(Clone, Debug, PartialEq)]
pub struct Calculation {
    /// B from the journey builder (whether or not it is used), points.
    pub journey_benefit: f64,
    /// The journey stage that would raise B most per point (0-based).
    pub journey_lever: Option<usize>,
    /// E from the expectation builder (whether or not it is used), points.
    pub built_expectation: f64,
    /// S for a promise of 0, 25, 50, 75 and 100 points, all else equal.
    pub promise_sweep: [(f64, f64); 5],
    /// The chain B, C, E → V, S with the B and E in use.
    pub chain: ValueChain,
    /// Satisfaction on the 1–5 scale.
    pub sat5: f64,
    /// The trap curve.
    pub curve: Pchip,
    /// ℓ(sat5), probability.
    pub trap_probability: f64,
    /// K(1)…K(10), probabilities.
    pub stickiness: [f64; MAX_PURCHASES],
    /// p(n, 0) by the chain lens, n = 1..10.
    pub chain_probability: [f64; MAX_PURCHASES],
    /// p(n, 0) by the D × T × X lens (the same for every n).
    pub dte_probability: f64,
    /// p(n, 0) of the lens in use.
    pub repurchase: [f64; MAX_PURCHASES],
    /// R(1) = S + 100·max(K(1), L), points.
    pub repurchase_score: f64,
    /// The weakest of D, T, X (0, 1, 2).
    pub weakest: usize,
    /// Where the chain breaks.
    pub diagnosis: Diagnosis,
    /// What would help most.
    pub advice: Advice,
    /// The CSAT survey mode.
    pub csat: MixLift,
    /// Customers × AOV × frequency, money.
    pub customer_value: f64,
    /// The top-up calculator.
    pub topup: TopUp,
    /// 5A conversion of each step.
    pub funnel_rates: [f64; 4],
    /// The leakiest 5A step (1..=4).
    pub funnel_leak: usize,
}

/// Computes every output of the calculator from the scenario.
pub fn calculate(s: &Scenario) -> Calculation {
    let stages: Vec<Stage> = (0..s.journey.stages())
        .map(|i| Stage {
            score: s.journey_scores[i],
            weight: s.journey_weights[i],
        })
        .collect();
    let journey_benefit = tools::journey_benefit(&stages);
    let built_expectation = tools::expectation(s.exp_past, s.exp_promise, s.tier, s.exp_implicit);
    let benefit = if s.journey_on {
        journey_benefit
    } else {
        s.benefit
    };
    let expectation = if s.expectation_on {
        built_expectation
    } else {
        s.expectation
    };
    let chain = chain::evaluate(benefit, s.cost, expectation);
    let promise_sweep = [0.0, 25.0, 50.0, 75.0, 100.0].map(|promise| {
        let e = tools::expectation(s.exp_past, promise, s.tier, s.exp_implicit);
        (promise, chain::evaluate(benefit, s.cost, e).satisfaction)
    });

    let sat5 = trap::sat5(chain.satisfaction, s.points_per_step);
    let curve = Pchip::new(s.trap_knots);
    let trap_probability = curve.eval(sat5);
    let k = stickiness::curve(s.stickiness_max, s.habit_purchase);
    let chain_probability =
        k.map(|kn| repurchase::chain_probability(trap_probability, kn, s.loyalty));
    let dte_probability = repurchase::dte_probability(s.demand, s.trust, s.exposure);
    let repurchase = match s.lens {
        Lens::Chain => chain_probability,
        Lens::Dte => [dte_probability; MAX_PURCHASES],
    };
    let weakest = repurchase::weakest_link(s.demand, s.trust, s.exposure);
    let diagnosis = repurchase::diagnose(chain.value, chain.satisfaction, sat5, repurchase[0]);
    let advice = match diagnosis {
        Diagnosis::Experience => Advice::RaiseValue {
            by: -chain.value + 1.0,
        },
        Diagnosis::Expectation => Advice::CloseGap {
            by: -chain.satisfaction,
        },
        Diagnosis::Trap => Advice::Delight {
            by: (TRAP_THRESHOLD - sat5) * crate::calculator::clamp(s.points_per_step, 1.0, 100.0),
            to: curve.eval(TRAP_THRESHOLD),
        },
        Diagnosis::Stickiness => match s.lens {
            Lens::Chain => {
                let rest = (1.0 - trap_probability) * (1.0 - k[0]);
                let loyalty = if rest > 0.0 { 1.0 - 0.5 / rest } else { 0.0 };
                Advice::Habit {
                    p3: chain_probability[2],
                    loyalty: (loyalty <= 1.0).then_some(loyalty.max(0.0)),
                }
            }
            Lens::Dte => {
                let f =
                    [s.demand, s.trust, s.exposure].map(|v| crate::calculator::clamp(v, 0.0, 1.0));
                let others: f64 = (0..3).filter(|i| *i != weakest).map(|i| f[i]).product();
                let to = if others > 0.0 {
                    0.5 / others
                } else {
                    f64::INFINITY
                };
                Advice::WeakestLink {
                    factor: weakest,
                    to: (to <= 1.0).then_some(to),
                }
            }
        },
        Diagnosis::None => Advice::Holds { p1: repurchase[0] },
    };
    let lift = trap::mix_lift(&curve, s.csat, s.csat_move);
    Calculation {
        journey_benefit,
        journey_lever: tools::journey_lever(&stages),
        built_expectation,
        promise_sweep,
        chain,
        sat5,
        trap_probability,
        stickiness: k,
        chain_probability,
        dte_probability,
        repurchase,
        repurchase_score: repurchase::repurchase_score(chain.satisfaction, k[0], s.loyalty),
        weakest,
        diagnosis,
        advice,
        csat: lift,
        customer_value: tools::customer_value(s.cv_customers, s.aov, s.cv_frequency),
        topup: tools::top_up(s.topup_bill, s.topup_multiple),
        funnel_rates: tools::funnel_rates(s.funnel),
        funnel_leak: tools::funnel_leak(s.funnel),
        curve,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::calculator::presets::Preset;
    use crate::calculator::scenario::Param;

    #[test]
    fn defaults_hand_computed() {
        let c = calculate(&Scenario::default());
        assert_eq!((c.chain.value, c.chain.satisfaction), (40.0, 5.0));
        crate::assert_close!(c.sat5, 3.2);
        // ℓ(3.2) from SciPy's PchipInterpolator on the default knots.
        crate::assert_close!(c.trap_probability, 0.1044984331797235);
        // K(1) = 0.6 (1 − 20^(−1/5)); p = 1 − (1 − ℓ)(1 − K1)(1 − 0.1).
        let k1 = 0.6 * (1.0 - 20f64.powf(-0.2));
        crate::assert_close!(c.stickiness[0], k1);
        let p1 = 1.0 - (1.0 - 0.1044984331797235) * (1.0 - k1) * 0.9;
        crate::assert_close!(c.repurchase[0], p1);
        crate::assert_close!(c.dte_probability, 0.24);
        crate::assert_close!(c.repurchase_score, (5.0 + 100.0 * k1), 1e-9);
        assert_eq!(c.diagnosis, Diagnosis::Trap);
        // sat5 3.2 → 4.5 needs 1.3 steps of 25 points.
        match c.advice {
            Advice::Delight { by, to } => {
                crate::assert_close!(by, 32.5, 1e-9);
                crate::assert_close!(to, 0.31358870967741936);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(c.customer_value, 250_000.0);
        assert_eq!(c.weakest, 2);
    }

    #[test]
    fn every_diagnosis_is_reachable() {
        let with = |f: &dyn Fn(&mut Scenario)| {
            let mut s = Scenario::default();
            f(&mut s);
            calculate(&s)
        };
        assert_eq!(with(&|s| s.cost = 80.0).diagnosis, Diagnosis::Experience);
        assert_eq!(
            with(&|s| s.expectation = 60.0).diagnosis,
            Diagnosis::Expectation
        );
        let stuck = with(&|s| {
            s.benefit = 100.0;
            s.cost = 0.0;
            s.expectation = 50.0;
            s.lens = Lens::Dte;
        });
        assert_eq!(stuck.diagnosis, Diagnosis::Stickiness);
        // D·T = 0.48 < 0.5: even 100% exposure cannot reach p = 0.5 alone.
        assert_eq!(
            stuck.advice,
            Advice::WeakestLink {
                factor: 2,
                to: None
            }
        );
        let holds = with(&|s| {
            s.benefit = 100.0;
            s.cost = 0.0;
            s.expectation = 50.0;
        });
        assert_eq!(holds.diagnosis, Diagnosis::None);
    }

    #[test]
    fn journey_and_expectation_builders_feed_the_chain() {
        let s = Preset::Ecommerce.scenario();
        let c = calculate(&s);
        // 0.1·85 + 0.1·80 + 0.2·45 + 0.6·70 = 67.5
        crate::assert_close!(c.chain.benefit, 67.5);
        assert_eq!(c.journey_lever, Some(3));
        let h = calculate(&Preset::Hotel.scenario());
        // 30 + 10/2 + 5 (returning) + 20/4 = 45
        assert_eq!(h.chain.expectation, 45.0);
        assert!(
            h.promise_sweep[4].1 < h.promise_sweep[0].1,
            "over-promising lowers S"
        );
    }

    proptest! {
        #[test]
        fn outputs_are_finite_probabilities(values in proptest::collection::vec(any::<f64>(), Param::ALL.len())) {
            let mut s = Scenario::default();
            for (p, v) in Param::ALL.iter().zip(values) {
                s.set(*p, v);
            }
            let c = calculate(&s);
            prop_assert!(c.repurchase.iter().chain(&c.chain_probability).chain(&c.stickiness)
                .all(|p| (0.0..=1.0).contains(p)));
            prop_assert!((0.0..=1.0).contains(&c.trap_probability));
            prop_assert!(c.repurchase_score.is_finite() && c.customer_value.is_finite());
            prop_assert!(c.csat.base.is_finite() && c.sat5.is_finite());
        }

        #[test]
        fn better_inputs_never_lower_p(
            b in 0.0..=100.0f64, c in 0.0..=100.0f64, e in 0.0..=100.0f64, l in 0.0..=1.0f64, d in 0.0..=30.0f64,
        ) {
            let base = Scenario { benefit: b, cost: c, expectation: e, loyalty: l, ..Scenario::default() };
            let p = calculate(&base).repurchase;
            for better in [
                Scenario { benefit: (b + d).min(100.0), ..base.clone() },
                Scenario { cost: (c - d).max(0.0), ..base.clone() },
                Scenario { expectation: (e - d).max(0.0), ..base.clone() },
                Scenario { loyalty: (l + d / 100.0).min(1.0), ..base.clone() },
            ] {
                let q = calculate(&better).repurchase;
                for n in 0..MAX_PURCHASES {
                    prop_assert!(q[n] >= p[n] - 1e-15, "n={n}: {} < {}", q[n], p[n]);
                }
            }
        }
    }
}
