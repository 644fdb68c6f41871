//! The smaller calculators of the seeds (SPEC §6): customer value, top-up
//! discount, the journey builder, the expectation builder and the 5A path.

use crate::calculator::clamp;

/// Customer value = customers × average order value × purchase frequency
/// (seed 000: "客户价值 = 客户数 × 客单价 × 购买频次"), in currency units.
/// Negative or non-finite inputs count as 0.
pub fn customer_value(customers: f64, aov: f64, frequency: f64) -> f64 {
    let f = |x: f64| clamp(x, 0.0, 1e15);
    f(customers) * f(aov) * f(frequency)
}

/// Prepaid top-up (seed 000, 霸王餐: "top up 3× today's bill and today's meal
/// is free"): topping up `k` times the bill gets this bill free, an effective
/// discount of 1/(k+1) on the k+1 bills paid for (k = 3 → 25%).
/// `k` clamped to 0..=100; returns a fraction in [0, 1].
pub fn top_up_discount(k: f64) -> f64 {
    1.0 / (clamp(k, 0.0, 100.0) + 1.0)
}

/// What a top-up of `k` bills of size `bill` does, in currency units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TopUp {
    /// Effective discount, a fraction.
    pub discount: f64,
    /// Cash collected today (k bills in advance).
    pub cash_today: f64,
    /// Cost of the free bill.
    pub discount_cost: f64,
    /// Future visits locked in.
    pub visits_locked: f64,
}

/// The top-up calculator for a bill of `bill` currency units and multiple `k`.
pub fn top_up(bill: f64, k: f64) -> TopUp {
    let bill = clamp(bill, 0.0, 1e12);
    let k = clamp(k, 0.0, 100.0);
    TopUp {
        discount: top_up_discount(k),
        cash_today: k * bill,
        discount_cost: bill,
        visits_locked: k,
    }
}

/// One stage of a customer journey (seed 002, seed 003).
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// Experience score of the stage, points 0..=100.
    pub score: f64,
    /// Weight of the stage in the whole experience (any non-negative number;
    /// the weights are normalised).
    pub weight: f64,
}

/// Journey builder: perceived benefit B = Σ weight · score with the weights
/// normalised to sum to 1 (seed 003: the arrival of the parcel weighs 60%,
/// waiting 20%, browsing and buying 10% each). Points 0..=100; no stages or
/// all-zero weights give 0.
pub fn journey_benefit(stages: &[Stage]) -> f64 {
    let weights: Vec<f64> = stages.iter().map(|s| clamp(s.weight, 0.0, 1e9)).collect();
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    let b: f64 = stages
        .iter()
        .zip(&weights)
        .map(|(s, w)| w / total * clamp(s.score, 0.0, 100.0))
        .sum();
    clamp(b, 0.0, 100.0)
}

/// The stage whose improvement by one point raises B most: the largest
/// normalised weight among stages below 100 (ties to the first).
pub fn journey_lever(stages: &[Stage]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, s) in stages.iter().enumerate() {
        if s.score < 100.0 && s.weight > 0.0 && best.is_none_or(|b| s.weight > stages[b].weight) {
            best = Some(i);
        }
    }
    best
}

/// Customer tier for the expectation builder (seed 003).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tier {
    /// First-time customer.
    #[default]
    New,
    /// Has bought before.
    Returning,
    /// A VIP expects more.
    Vip,
}

impl Tier {
    /// Every tier.
    pub const ALL: [Tier; 3] = [Tier::New, Tier::Returning, Tier::Vip];

    /// The code in the select and the link (`tier=vip`).
    pub fn code(self) -> &'static str {
        match self {
            Tier::New => "new",
            Tier::Returning => "returning",
            Tier::Vip => "vip",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// Expectation builder (seed 003): E from what shapes it, in points 0..=100.
///
/// - `past` — past experience / price signal, points 0..=100: the baseline;
/// - `promise` — what marketing promised above that baseline, points 0..=100;
///   half of a promise is believed (customers discount advertising);
/// - `tier` — returning customers add 5 points, VIPs 15;
/// - `implicit` — implicit needs the customer will not say but will miss,
///   points 0..=100, counted at a quarter.
///
/// Seed 000: "able to deliver 100, promise 99" — every point promised raises
/// E, so over-promising turns a good experience into a disappointment.
pub fn expectation(past: f64, promise: f64, tier: Tier, implicit: f64) -> f64 {
    let tier_points = match tier {
        Tier::New => 0.0,
        Tier::Returning => 5.0,
        Tier::Vip => 15.0,
    };
    clamp(
        clamp(past, 0.0, 100.0)
            + 0.5 * clamp(promise, 0.0, 100.0)
            + tier_points
            + 0.25 * clamp(implicit, 0.0, 100.0),
        0.0,
        100.0,
    )
}

/// The 5A path (seed 001): aware → appeal → ask → act → advocate.
/// `counts` are people at each step; returns the conversion of each step from
/// the one before (4 rates, each in [0, 1]; 0 when the step before is empty).
pub fn funnel_rates(counts: [f64; 5]) -> [f64; 4] {
    let c = counts.map(|v| clamp(v, 0.0, 1e15));
    std::array::from_fn(|i| {
        if c[i] > 0.0 {
            clamp(c[i + 1] / c[i], 0.0, 1.0)
        } else {
            0.0
        }
    })
}

/// Where the 5A funnel leaks most: the step (1..=4, into appeal, ask, act,
/// advocate) with the lowest conversion.
pub fn funnel_leak(counts: [f64; 5]) -> usize {
    let r = funnel_rates(counts);
    (0..4).fold(0, |best, i| if r[i] < r[best] { i } else { best }) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customer_value_and_top_up() {
        assert_eq!(customer_value(1000.0, 100.0, 2.5), 250_000.0);
        assert_eq!(customer_value(-5.0, 100.0, 2.0), 0.0);
        assert_eq!(top_up_discount(3.0), 0.25);
        let t = top_up(200.0, 3.0);
        assert_eq!(
            (t.cash_today, t.discount_cost, t.visits_locked),
            (600.0, 200.0, 3.0)
        );
    }

    #[test]
    fn journey_with_the_seed_003_weights() {
        let stages = [(90.0, 10.0), (80.0, 10.0), (50.0, 20.0), (70.0, 60.0)]
            .map(|(score, weight)| Stage { score, weight });
        // 0.1·90 + 0.1·80 + 0.2·50 + 0.6·70 = 69
        crate::assert_close!(journey_benefit(&stages), 69.0);
        assert_eq!(journey_lever(&stages), Some(3));
        assert_eq!(journey_benefit(&[]), 0.0);
    }

    #[test]
    fn expectation_and_over_promising() {
        assert_eq!(expectation(30.0, 0.0, Tier::New, 0.0), 30.0);
        assert_eq!(expectation(30.0, 20.0, Tier::Vip, 20.0), 60.0);
        assert_eq!(expectation(90.0, 100.0, Tier::Vip, 100.0), 100.0);
    }

    #[test]
    fn funnel() {
        let counts = [10_000.0, 4_000.0, 2_000.0, 500.0, 100.0];
        assert_eq!(funnel_rates(counts), [0.4, 0.5, 0.25, 0.2]);
        assert_eq!(funnel_leak(counts), 4);
        assert_eq!(funnel_rates([0.0; 5]), [0.0; 4]);
    }
}
