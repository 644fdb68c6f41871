//! The one `Scenario`: every input the user can set. The share link, presets
//! and saved scenarios are all forms of it; every number on the page is a
//! function of it (see `model::calculator`).

use crate::calculator::clamp;
use crate::calculator::presets::{JourneyKind, Preset};
use crate::calculator::repurchase::Lens;
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
            stickiness_max: 0.6,
            habit_purchase: 5.0,
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

/// How an input is shown and typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Points on the 0–100 scale.
    Points,
    /// A fraction shown and typed as a percent (60 means 0.60).
    Percent,
    /// A count (customers, purchases, people).
    Count,
    /// Currency units.
    Money,
}

impl Unit {
    /// Model value → the number shown in the field.
    pub fn to_field(self, v: f64) -> f64 {
        match self {
            Unit::Percent => round_to(v * 100.0, 1e-9),
            _ => v,
        }
    }

    /// Number typed in the field → model value.
    pub fn from_field(self, x: f64) -> f64 {
        match self {
            Unit::Percent => x / 100.0,
            _ => x,
        }
    }
}

/// Removes float noise such as 60.00000000000001 from a converted value.
fn round_to(x: f64, eps: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if (r - x).abs() < eps.max(x.abs() * 1e-12) {
        r
    } else {
        x
    }
}

/// One user-settable number: its link key, test hook, unit, range and step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Param {
    /// Perceived benefit B, points.
    Benefit,
    /// Perceived cost C, points.
    Cost,
    /// Expectation E, points.
    Expectation,
    /// Journey stage score (0-based stage), points.
    JourneyScore(u8),
    /// Journey stage weight (0-based stage), fraction.
    JourneyWeight(u8),
    /// Expectation builder: past experience, points.
    ExpPast,
    /// Expectation builder: promise, points.
    ExpPromise,
    /// Expectation builder: implicit needs, points.
    ExpImplicit,
    /// Attitudinal loyalty L, fraction.
    Loyalty,
    /// Stickiness ceiling K_max, fraction.
    StickinessMax,
    /// Habit point h, count.
    HabitPurchase,
    /// Trap knot ℓ(i+1) (0-based), fraction.
    TrapKnot(u8),
    /// Points per satisfaction step.
    PointsPerStep,
    /// Demand D, fraction.
    Demand,
    /// Trust T, fraction.
    Trust,
    /// Exposure X, fraction.
    Exposure,
    /// CSAT share of answer i+1 (0-based), fraction.
    Csat(u8),
    /// CSAT share moved up, fraction.
    CsatMove,
    /// Average order value, money.
    Aov,
    /// Customer value: customers, count.
    CvCustomers,
    /// Customer value: purchases per customer, count.
    CvFrequency,
    /// Top-up: bill, money.
    TopUpBill,
    /// Top-up: multiple k, count.
    TopUpMultiple,
    /// 5A path step (0-based), people.
    Funnel(u8),
    /// Dormancy decay δ, fraction.
    Decay,
    /// Churn after s periods, count.
    ChurnAfter,
    /// Sleeping from s periods, count.
    SleepingFrom,
    /// Win-back rate w, fraction.
    WinBack,
    /// New customers per period N, count.
    NewCustomers,
    /// Growth per period g, fraction.
    Growth,
    /// Cohorts C, count.
    Cohorts,
    /// Window H, count.
    Window,
    /// Gross margin, fraction.
    Margin,
    /// LTV periods L, count.
    LtvPeriods,
    /// Habit programme target, count.
    HabitTarget,
    /// Habit programme boost, fraction.
    HabitBoost,
    /// Habit programme reward cost, money.
    HabitReward,
    /// Reminder recency r, count.
    ReminderAt,
    /// Reminder reach ρ, fraction.
    ReminderReach,
    /// Reminder lift, fraction (0.5 = +50%).
    ReminderLift,
    /// Reminder message cost, money.
    ReminderCost,
    /// Churn cut for the profit check, fraction.
    ChurnCut,
    /// Acquisition cost per customer, money.
    Cac,
}

use Param::*;

impl Param {
    /// Every numeric input, in page order.
    pub const ALL: &'static [Param] = &[
        Benefit,
        Cost,
        Expectation,
        JourneyScore(0),
        JourneyScore(1),
        JourneyScore(2),
        JourneyScore(3),
        JourneyScore(4),
        JourneyScore(5),
        JourneyWeight(0),
        JourneyWeight(1),
        JourneyWeight(2),
        JourneyWeight(3),
        JourneyWeight(4),
        JourneyWeight(5),
        ExpPast,
        ExpPromise,
        ExpImplicit,
        TrapKnot(0),
        TrapKnot(1),
        TrapKnot(2),
        TrapKnot(3),
        TrapKnot(4),
        PointsPerStep,
        Csat(0),
        Csat(1),
        Csat(2),
        Csat(3),
        Csat(4),
        CsatMove,
        Loyalty,
        StickinessMax,
        HabitPurchase,
        Demand,
        Trust,
        Exposure,
        Aov,
        CvCustomers,
        CvFrequency,
        TopUpBill,
        TopUpMultiple,
        Funnel(0),
        Funnel(1),
        Funnel(2),
        Funnel(3),
        Funnel(4),
        Decay,
        ChurnAfter,
        SleepingFrom,
        WinBack,
        NewCustomers,
        Growth,
        Cohorts,
        Window,
        Margin,
        LtvPeriods,
        HabitTarget,
        HabitBoost,
        HabitReward,
        ReminderAt,
        ReminderReach,
        ReminderLift,
        ReminderCost,
        ChurnCut,
        Cac,
    ];

    /// The short, readable key used in the share link (`b=70`).
    pub fn key(self) -> String {
        match self {
            Benefit => "b".into(),
            Cost => "c".into(),
            Expectation => "e".into(),
            JourneyScore(i) => format!("js{}", i + 1),
            JourneyWeight(i) => format!("jw{}", i + 1),
            ExpPast => "ep".into(),
            ExpPromise => "epr".into(),
            ExpImplicit => "ei".into(),
            Loyalty => "l".into(),
            StickinessMax => "km".into(),
            HabitPurchase => "h".into(),
            TrapKnot(i) => format!("k{}", i + 1),
            PointsPerStep => "pps".into(),
            Demand => "d".into(),
            Trust => "t".into(),
            Exposure => "x".into(),
            Csat(i) => format!("cs{}", i + 1),
            CsatMove => "cm".into(),
            Aov => "aov".into(),
            CvCustomers => "cvn".into(),
            CvFrequency => "cvf".into(),
            TopUpBill => "tub".into(),
            TopUpMultiple => "tuk".into(),
            Funnel(i) => format!("f{}", i + 1),
            Decay => "dl".into(),
            ChurnAfter => "sc".into(),
            SleepingFrom => "sf".into(),
            WinBack => "wb".into(),
            NewCustomers => "n".into(),
            Growth => "g".into(),
            Cohorts => "cc".into(),
            Window => "hw".into(),
            Margin => "gm".into(),
            LtvPeriods => "lp".into(),
            HabitTarget => "ht".into(),
            HabitBoost => "hb".into(),
            HabitReward => "hr".into(),
            ReminderAt => "ra".into(),
            ReminderReach => "rr".into(),
            ReminderLift => "rl".into(),
            ReminderCost => "rc".into(),
            ChurnCut => "cut".into(),
            Cac => "cac".into(),
        }
    }

    /// The `data-testid` of the number field (CONTRACT.md); the slider adds `-slider`.
    pub fn testid(self) -> String {
        match self {
            Benefit => "benefit".into(),
            Cost => "cost".into(),
            Expectation => "expectation".into(),
            JourneyScore(i) => format!("journey-score-{}", i + 1),
            JourneyWeight(i) => format!("journey-weight-{}", i + 1),
            ExpPast => "expectation-past".into(),
            ExpPromise => "expectation-promise".into(),
            ExpImplicit => "expectation-implicit".into(),
            Loyalty => "loyalty".into(),
            StickinessMax => "stickiness-max".into(),
            HabitPurchase => "habit-purchase".into(),
            TrapKnot(i) => format!("trap-knot-{}", i + 1),
            PointsPerStep => "points-per-step".into(),
            Demand => "demand".into(),
            Trust => "trust".into(),
            Exposure => "exposure".into(),
            Csat(i) => format!("csat-{}", i + 1),
            CsatMove => "csat-move".into(),
            Aov => "aov".into(),
            CvCustomers => "cv-customers".into(),
            CvFrequency => "cv-frequency".into(),
            TopUpBill => "topup-bill".into(),
            TopUpMultiple => "topup-multiple".into(),
            Funnel(i) => format!("funnel-{}", i + 1),
            Decay => "decay".into(),
            ChurnAfter => "churn-after".into(),
            SleepingFrom => "sleeping-from".into(),
            WinBack => "win-back".into(),
            NewCustomers => "new-customers".into(),
            Growth => "growth".into(),
            Cohorts => "cohorts".into(),
            Window => "window".into(),
            Margin => "margin".into(),
            LtvPeriods => "ltv-periods".into(),
            HabitTarget => "habit-target".into(),
            HabitBoost => "habit-boost".into(),
            HabitReward => "habit-reward".into(),
            ReminderAt => "reminder-at".into(),
            ReminderReach => "reminder-reach".into(),
            ReminderLift => "reminder-lift".into(),
            ReminderCost => "reminder-cost".into(),
            ChurnCut => "churn-cut".into(),
            Cac => "cac".into(),
        }
    }

    /// How the input is shown and typed.
    pub fn unit(self) -> Unit {
        match self {
            Benefit | Cost | Expectation | JourneyScore(_) | ExpPast | ExpPromise | ExpImplicit
            | PointsPerStep => Unit::Points,
            JourneyWeight(_) | Loyalty | StickinessMax | TrapKnot(_) | Demand | Trust
            | Exposure | Csat(_) | CsatMove | Decay | WinBack | Growth | Margin | HabitBoost
            | ReminderReach | ReminderLift | ChurnCut => Unit::Percent,
            HabitPurchase | CvCustomers | CvFrequency | TopUpMultiple | Funnel(_) | ChurnAfter
            | SleepingFrom | NewCustomers | Cohorts | Window | LtvPeriods | HabitTarget
            | ReminderAt => Unit::Count,
            Aov | TopUpBill | HabitReward | ReminderCost | Cac => Unit::Money,
        }
    }

    /// Inclusive range in model units.
    pub fn range(self) -> (f64, f64) {
        match self {
            HabitPurchase => (1.0, 10.0),
            PointsPerStep => (1.0, 100.0),
            TopUpMultiple => (0.0, 20.0),
            CvFrequency => (0.0, 1000.0),
            CvCustomers | Funnel(_) => (0.0, 1e9),
            Aov | TopUpBill | HabitReward | ReminderCost | Cac => (0.0, 1e7),
            ChurnAfter => (2.0, 24.0),
            SleepingFrom | ReminderAt => (1.0, 23.0),
            NewCustomers => (0.0, 1e9),
            Growth => (-1.0, 1.0),
            Cohorts | Window => (1.0, 120.0),
            LtvPeriods => (1.0, 240.0),
            HabitTarget => (2.0, 10.0),
            ReminderLift => (0.0, 10.0),
            _ => (
                0.0,
                if self.unit() == Unit::Percent {
                    1.0
                } else {
                    100.0
                },
            ),
        }
    }

    /// The slider's range in model units (wide-ranging counts get a smaller slider).
    pub fn slider_range(self) -> (f64, f64) {
        match self {
            CvCustomers => (0.0, 100_000.0),
            CvFrequency => (0.0, 20.0),
            Funnel(_) => (0.0, 100_000.0),
            Aov | TopUpBill => (0.0, 2_000.0),
            HabitReward | Cac => (0.0, 500.0),
            ReminderCost => (0.0, 20.0),
            NewCustomers => (0.0, 20_000.0),
            Growth => (-0.2, 0.2),
            Cohorts | Window => (1.0, 60.0),
            LtvPeriods => (1.0, 120.0),
            ReminderLift => (0.0, 3.0),
            _ => self.range(),
        }
    }

    /// Slider step in field units.
    pub fn step(self) -> f64 {
        match self {
            CvFrequency | TopUpMultiple => 0.1,
            CvCustomers | Funnel(_) | NewCustomers => 100.0,
            ReminderCost => 0.1,
            _ => 1.0,
        }
    }

    /// Whether the input only takes whole numbers (periods, cohorts, purchase counts).
    pub fn whole(self) -> bool {
        matches!(
            self,
            ChurnAfter | SleepingFrom | Cohorts | Window | LtvPeriods | HabitTarget | ReminderAt
        )
    }

    /// The input with this link key, if any.
    pub fn from_key(key: &str) -> Option<Param> {
        Param::ALL.iter().copied().find(|p| p.key() == key)
    }
}

impl Scenario {
    /// The value of one input, in model units.
    pub fn get(&self, param: Param) -> f64 {
        match param {
            Benefit => self.benefit,
            Cost => self.cost,
            Expectation => self.expectation,
            JourneyScore(i) => self.journey_scores[(i as usize).min(MAX_STAGES - 1)],
            JourneyWeight(i) => self.journey_weights[(i as usize).min(MAX_STAGES - 1)],
            ExpPast => self.exp_past,
            ExpPromise => self.exp_promise,
            ExpImplicit => self.exp_implicit,
            Loyalty => self.loyalty,
            StickinessMax => self.stickiness_max,
            HabitPurchase => self.habit_purchase,
            TrapKnot(i) => self.trap_knots[(i as usize).min(4)],
            PointsPerStep => self.points_per_step,
            Demand => self.demand,
            Trust => self.trust,
            Exposure => self.exposure,
            Csat(i) => self.csat[(i as usize).min(4)],
            CsatMove => self.csat_move,
            Aov => self.aov,
            CvCustomers => self.cv_customers,
            CvFrequency => self.cv_frequency,
            TopUpBill => self.topup_bill,
            TopUpMultiple => self.topup_multiple,
            Funnel(i) => self.funnel[(i as usize).min(4)],
            Decay => self.decay,
            ChurnAfter => self.churn_after,
            SleepingFrom => self.sleeping_from,
            WinBack => self.win_back,
            NewCustomers => self.new_customers,
            Growth => self.growth,
            Cohorts => self.cohorts,
            Window => self.window,
            Margin => self.margin,
            LtvPeriods => self.ltv_periods,
            HabitTarget => self.habit_target,
            HabitBoost => self.habit_boost,
            HabitReward => self.habit_reward,
            ReminderAt => self.reminder_at,
            ReminderReach => self.reminder_reach,
            ReminderLift => self.reminder_lift,
            ReminderCost => self.reminder_cost,
            ChurnCut => self.churn_cut,
            Cac => self.cac,
        }
    }

    /// Sets one input, clamped into its range (a NaN becomes the minimum).
    /// Returns whether the value had to be clamped.
    pub fn set(&mut self, param: Param, value: f64) -> bool {
        let (lo, hi) = param.range();
        let mut v = clamp(value, lo, hi);
        if param.whole() {
            v = v.round();
        }
        *self.slot(param) = v;
        v != value
    }

    fn slot(&mut self, param: Param) -> &mut f64 {
        match param {
            Benefit => &mut self.benefit,
            Cost => &mut self.cost,
            Expectation => &mut self.expectation,
            JourneyScore(i) => &mut self.journey_scores[(i as usize).min(MAX_STAGES - 1)],
            JourneyWeight(i) => &mut self.journey_weights[(i as usize).min(MAX_STAGES - 1)],
            ExpPast => &mut self.exp_past,
            ExpPromise => &mut self.exp_promise,
            ExpImplicit => &mut self.exp_implicit,
            Loyalty => &mut self.loyalty,
            StickinessMax => &mut self.stickiness_max,
            HabitPurchase => &mut self.habit_purchase,
            TrapKnot(i) => &mut self.trap_knots[(i as usize).min(4)],
            PointsPerStep => &mut self.points_per_step,
            Demand => &mut self.demand,
            Trust => &mut self.trust,
            Exposure => &mut self.exposure,
            Csat(i) => &mut self.csat[(i as usize).min(4)],
            CsatMove => &mut self.csat_move,
            Aov => &mut self.aov,
            CvCustomers => &mut self.cv_customers,
            CvFrequency => &mut self.cv_frequency,
            TopUpBill => &mut self.topup_bill,
            TopUpMultiple => &mut self.topup_multiple,
            Funnel(i) => &mut self.funnel[(i as usize).min(4)],
            Decay => &mut self.decay,
            ChurnAfter => &mut self.churn_after,
            SleepingFrom => &mut self.sleeping_from,
            WinBack => &mut self.win_back,
            NewCustomers => &mut self.new_customers,
            Growth => &mut self.growth,
            Cohorts => &mut self.cohorts,
            Window => &mut self.window,
            Margin => &mut self.margin,
            LtvPeriods => &mut self.ltv_periods,
            HabitTarget => &mut self.habit_target,
            HabitBoost => &mut self.habit_boost,
            HabitReward => &mut self.habit_reward,
            ReminderAt => &mut self.reminder_at,
            ReminderReach => &mut self.reminder_reach,
            ReminderLift => &mut self.reminder_lift,
            ReminderCost => &mut self.reminder_cost,
            ChurnCut => &mut self.churn_cut,
            Cac => &mut self.cac,
        }
    }

    /// A copy with every number clamped into its range (for scenarios read
    /// from storage or JSON).
    pub fn clamped(mut self) -> Scenario {
        for p in Param::ALL {
            let v = self.get(*p);
            self.set(*p, v);
        }
        self
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
