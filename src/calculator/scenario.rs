//! The one `Scenario`: every input the user can set. The share link, presets
//! and saved scenarios are all forms of it; every number on the page is a
//! function of it (see `model::calculator`).

pub use crate::calculator::inputs::{Param, Unit};
use crate::calculator::presets::{JourneyKind, Preset};
use crate::calculator::repurchase::Lens;
use crate::calculator::stickiness;
use crate::calculator::tools::Tier;
use crate::calculator::trap::{DEFAULT_KNOTS, DEFAULT_POINTS_PER_STEP};
pub use crate::period::Period;

/// Most journey stages a journey has (the restaurant journey has six).
pub const MAX_STAGES: usize = 6;

/// Every input of the page, in model units: points for B, C, E and scores;
/// plain fractions 0–1 for probabilities, shares and rates; currency units
/// for money; counts otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// The preset this scenario started from (the link records only what differs from it).
    pub preset: Preset,
    /// Perceived benefit B (客户感知收益), points 0–100. Default 70 (SPEC §2).
    pub benefit: f64,
    /// Perceived cost C (客户感知成本: money, time, effort, risk), points 0–100. Default 30.
    pub cost: f64,
    /// Expected value E (客户预期价值), points 0–100. Default 35.
    pub expectation: f64,
    /// Take B from the journey builder instead of the slider (SPEC §6.3).
    pub journey_on: bool,
    /// Which journey the builder shows (its stage names and count).
    pub journey: JourneyKind,
    /// Experience score of each stage, points 0–100.
    pub journey_scores: [f64; MAX_STAGES],
    /// Weight of each stage, fraction 0–1 (normalised when used).
    pub journey_weights: [f64; MAX_STAGES],
    /// Take E from the expectation builder instead of the slider (SPEC §6.4).
    pub expectation_on: bool,
    /// Expectation builder: past experience / price signal, points 0–100.
    pub exp_past: f64,
    /// Expectation builder: what marketing promised on top, points 0–100.
    pub exp_promise: f64,
    /// Expectation builder: implicit needs, points 0–100.
    pub exp_implicit: f64,
    /// Expectation builder: customer tier.
    pub tier: Tier,
    /// Attitudinal loyalty L (态度忠诚), probability 0–1. Default 0.10.
    pub loyalty: f64,
    /// Stickiness ceiling K_max, probability 0–1. Default 0.6 (SPEC §3.2).
    pub stickiness_max: f64,
    /// Habit forms at purchase h, count 1–10. Default 5 (seed 000).
    pub habit_purchase: f64,
    /// Trap knots ℓ(1)…ℓ(5), probabilities. Default 2%, 5%, 10%, 12%, 72%.
    pub trap_knots: [f64; 5],
    /// Points of satisfaction per step of the 1–5 scale, 1–100. Default 25.
    pub points_per_step: f64,
    /// Which lens gives p(n, 0) (and feeds the simulator).
    pub lens: Lens,
    /// Demand D (需求), 0–1. Default 0.8 (SPEC §2).
    pub demand: f64,
    /// Trust T (信任), 0–1. Default 0.6.
    pub trust: f64,
    /// Exposure X (曝光), 0–1. Default 0.5.
    pub exposure: f64,
    /// CSAT survey mode: share of answers 1..5, fractions (normalised when used).
    pub csat: [f64; 5],
    /// CSAT survey mode: the share x of a group moved one step up, 0–1.
    pub csat_move: f64,
    /// Average order value, currency units. Default 100.
    pub aov: f64,
    /// Customer value calculator: customers.
    pub cv_customers: f64,
    /// Customer value calculator: purchases per customer.
    pub cv_frequency: f64,
    /// Top-up calculator: today's bill, currency units.
    pub topup_bill: f64,
    /// Top-up calculator: top-up multiple k (bills paid in advance).
    pub topup_multiple: f64,
    /// 5A path: people at aware, appeal, ask, act, advocate.
    pub funnel: [f64; 5],
    /// Simulator period length (labels only: every rate is per period).
    pub period: Period,
    /// Dormancy decay δ per period, 0–1. Default 0.7 (SPEC §3.3).
    pub decay: f64,
    /// A customer away this many periods is churned, 2–24. Default 6.
    pub churn_after: f64,
    /// Sleeping from this many periods away (silent before), 1–23. Default 3.
    pub sleeping_from: f64,
    /// Win-back rate w of churned customers, 0–1. Default 0.
    pub win_back: f64,
    /// New customers per period N. Default 1000.
    pub new_customers: f64,
    /// Growth of N per period g, −1–1. Default 0.
    pub growth: f64,
    /// Cohorts C, 1–120. Default 12.
    pub cohorts: f64,
    /// Window H in periods, 1–120. Default 12.
    pub window: f64,
    /// Gross margin, 0–1. Default 0.4.
    pub margin: f64,
    /// Periods of the per-customer lifetime value L, 1–240. Default 24.
    pub ltv_periods: f64,
    /// Habit programme on (seed 000: stamp card).
    pub habit_on: bool,
    /// Habit programme: target purchase count, 2–10. Default 4.
    pub habit_target: f64,
    /// Habit programme: boost to q below the target, 0–1. Default 0.15.
    pub habit_boost: f64,
    /// Habit programme: cost of one reward, money. Default 5.
    pub habit_reward: f64,
    /// Recall reminder on (seed 000, 优剪).
    pub reminder_on: bool,
    /// Reminder: at recency r periods, 1–23. Default 1.
    pub reminder_at: f64,
    /// Reminder: share reached ρ, 0–1. Default 0.8.
    pub reminder_reach: f64,
    /// Reminder: relative lift of q, 0–10. Default 0.5.
    pub reminder_lift: f64,
    /// Reminder: cost of one message, money. Default 0.1.
    pub reminder_cost: f64,
    /// Churn-reduction check: cut the chance of not buying by this share. Default 0.05.
    pub churn_cut: f64,
    /// Acquisition cost per new customer, money. Default 50 (seed 000: at least 5× keeping one).
    pub cac: f64,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            preset: Preset::Blank,
            benefit: 70.0,
            cost: 30.0,
            expectation: 35.0,
            journey_on: false,
            journey: JourneyKind::Ecommerce,
            journey_scores: [85.0, 80.0, 55.0, 70.0, 70.0, 70.0],
            journey_weights: [0.10, 0.10, 0.20, 0.60, 0.0, 0.0],
            expectation_on: false,
            exp_past: 30.0,
            exp_promise: 0.0,
            exp_implicit: 20.0,
            tier: Tier::New,
            loyalty: 0.10,
            stickiness_max: stickiness::DEFAULT_MAX,
            habit_purchase: stickiness::DEFAULT_HABIT_PURCHASE,
            trap_knots: DEFAULT_KNOTS,
            points_per_step: DEFAULT_POINTS_PER_STEP,
            lens: Lens::Chain,
            demand: 0.8,
            trust: 0.6,
            exposure: 0.5,
            csat: [0.05, 0.10, 0.25, 0.40, 0.20],
            csat_move: 0.10,
            aov: 100.0,
            cv_customers: 1000.0,
            cv_frequency: 2.5,
            topup_bill: 200.0,
            topup_multiple: 3.0,
            funnel: [10_000.0, 4_000.0, 2_000.0, 500.0, 100.0],
            period: Period::Month,
            decay: 0.7,
            churn_after: 6.0,
            sleeping_from: 3.0,
            win_back: 0.0,
            new_customers: 1000.0,
            growth: 0.0,
            cohorts: 12.0,
            window: 12.0,
            margin: 0.4,
            ltv_periods: 24.0,
            habit_on: false,
            habit_target: 4.0,
            habit_boost: 0.15,
            habit_reward: 5.0,
            reminder_on: false,
            reminder_at: 1.0,
            reminder_reach: 0.8,
            reminder_lift: 0.5,
            reminder_cost: 0.1,
            churn_cut: 0.05,
            cac: 50.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_spec() {
        let s = Scenario::default();
        assert_eq!(
            (s.benefit, s.cost, s.expectation, s.loyalty),
            (70.0, 30.0, 35.0, 0.10)
        );
        assert_eq!(
            (s.demand, s.trust, s.exposure, s.aov),
            (0.8, 0.6, 0.5, 100.0)
        );
        assert_eq!(
            (s.stickiness_max, s.habit_purchase, s.points_per_step),
            (0.6, 5.0, 25.0)
        );
        assert_eq!(s.trap_knots, [0.02, 0.05, 0.10, 0.12, 0.72]);
        assert_eq!(s.clone().clamped(), s);
    }

    #[test]
    fn set_clamps_and_reports() {
        let mut s = Scenario::default();
        assert!(!s.set(Param::Benefit, 55.5));
        assert_eq!(s.benefit, 55.5);
        assert!(s.set(Param::Cost, 140.0));
        assert_eq!(s.cost, 100.0);
        assert!(s.set(Param::Expectation, f64::NAN));
        assert_eq!(s.expectation, 0.0);
        assert!(s.set(Param::Loyalty, 60.0), "percent inputs hold fractions");
        assert_eq!(s.loyalty, 1.0);
        assert!(s.set(Param::HabitPurchase, 0.0));
        assert_eq!(s.habit_purchase, 1.0);
    }

    #[test]
    fn units_convert_without_noise() {
        assert_eq!(Unit::Percent.to_field(0.6), 60.0);
        assert_eq!(Unit::Percent.to_field(0.07), 7.0);
        assert_eq!(Unit::Percent.from_field(60.0), 0.6);
        assert_eq!(Unit::Points.to_field(33.3), 33.3);
    }

    #[test]
    fn every_contract_input_is_a_param() {
        // The number fields of CONTRACT.md's input table.
        let contract = [
            "benefit",
            "cost",
            "expectation",
            "loyalty",
            "stickiness-max",
            "habit-purchase",
            "trap-knot-1",
            "trap-knot-5",
            "points-per-step",
            "demand",
            "trust",
            "exposure",
            "decay",
            "churn-after",
            "win-back",
            "new-customers",
            "growth",
            "cohorts",
            "window",
            "aov",
            "margin",
            "habit-target",
            "habit-boost",
            "habit-reward",
            "reminder-at",
            "reminder-reach",
            "reminder-lift",
            "reminder-cost",
        ];
        for id in contract {
            assert!(
                Param::ALL.iter().any(|p| p.testid() == id),
                "{id} is not in Param::ALL"
            );
        }
    }

    #[test]
    fn keys_and_testids_are_unique() {
        for (i, a) in Param::ALL.iter().enumerate() {
            assert_eq!(Param::from_key(&a.key()), Some(*a));
            for b in &Param::ALL[i + 1..] {
                assert_ne!(a.key(), b.key());
                assert_ne!(a.testid(), b.testid());
            }
        }
    }
}
