//! The retention-cohort simulator (SPEC §4, §4.1): an expected-value Markov
//! chain on (purchases so far n, periods since the last purchase s). No
//! random numbers: results are exact and reproducible.
//!
//! Every cohort follows the same chain, scaled by its size, so the chain is
//! run once per customer ("unit cohort") and each cohort is that run times
//! its size, cut at the window's edge. This is exact, not an approximation.

use crate::calculator::clamp;
use crate::calculator::stickiness::MAX_PURCHASES;

/// Most periods a customer can be away before counting as churned.
pub const MAX_CHURN_AFTER: usize = 24;
/// Most cohorts or periods in the window.
pub const MAX_PERIODS: usize = 120;

/// The habit programme (seed 000: a stamp card, "buy 3–5 times within about a
/// month"): for n < target, q ← min(1, q + boost); a reward costing `reward`
/// is paid each time a customer reaches n = target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Habit {
    /// Purchase count the programme leads to, 2..=10.
    pub target: usize,
    /// Added to the repurchase probability below the target, 0..=1.
    pub boost: f64,
    /// Cost of one reward, money.
    pub reward: f64,
}

/// The recall reminder (seed 000, 优剪: a message on day 20 of a 20–30 day
/// cycle): at recency s = r a share ρ of the cell is reached and
/// q ← (1 − ρ)·q + ρ·min(1, q·(1 + lift)); each message costs `cost`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reminder {
    /// Recency at which the message goes out, 1..s_churn−1 periods.
    pub at: usize,
    /// Share of the cell reached, 0..=1.
    pub reach: f64,
    /// Relative lift of q for those reached, 0..=10 (0.5 = +50%).
    pub lift: f64,
    /// Cost of one message, money.
    pub cost: f64,
}

/// Everything the chain needs, in model units.
#[derive(Clone, Debug, PartialEq)]
pub struct Markov {
    /// p(n, 0) for n = 1..10 (index n − 1), probabilities.
    pub p0: [f64; MAX_PURCHASES],
    /// Dormancy decay δ per period, 0..=1.
    pub decay: f64,
    /// A customer away this many periods is churned (2..=24).
    pub churn_after: usize,
    /// Silent is 1 ≤ s < this; sleeping is this ≤ s < churn_after.
    pub sleeping_from: usize,
    /// Win-back rate w for churned customers, 0..=1.
    pub win_back: f64,
    /// The habit programme, if on.
    pub habit: Option<Habit>,
    /// The recall reminder, if on.
    pub reminder: Option<Reminder>,
    /// Cut the chance of not buying by this share (0..=1): q ← 1 − (1 − q)(1 − cut).
    /// Used to check "cutting churn by 5% lifts profit 20–40%".
    pub churn_cut: f64,
}

impl Markov {
    /// The repurchase probability of a cell (n = 1..10, s = 0..=churn_after),
    /// with the programmes applied in SPEC order: habit, then reminder.
    pub fn q(&self, n: usize, s: usize) -> f64 {
        let churn_after = self.churn_after();
        let q = if s >= churn_after {
            clamp(self.win_back, 0.0, 1.0)
        } else {
            let mut q = crate::calculator::repurchase::with_recency(
                self.p0[n.clamp(1, MAX_PURCHASES) - 1],
                self.decay,
                s as f64,
            );
            if let Some(h) = self.habit {
                if n < h.target {
                    q = (q + clamp(h.boost, 0.0, 1.0)).min(1.0);
                }
            }
            if let Some(r) = self.reminder {
                if s == r.at {
                    let reach = clamp(r.reach, 0.0, 1.0);
                    q = (1.0 - reach) * q + reach * (q * (1.0 + clamp(r.lift, 0.0, 10.0))).min(1.0);
                }
            }
            q
        };
        clamp(
            1.0 - (1.0 - q) * (1.0 - clamp(self.churn_cut, 0.0, 1.0)),
            0.0,
            1.0,
        )
    }

    fn churn_after(&self) -> usize {
        self.churn_after.clamp(2, MAX_CHURN_AFTER)
    }
}

/// Lifecycle mix of a cohort after an offset, as shares of its size.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Mix {
    /// s = 0: bought in the period.
    pub active: f64,
    /// 1 ≤ s < sleeping_from.
    pub silent: f64,
    /// sleeping_from ≤ s < churn_after.
    pub sleeping: f64,
    /// s = churn_after.
    pub churned: f64,
}

/// One customer followed through the chain, offset by offset.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitCohort {
    /// Probability of buying at each offset (retention), 0..=1; offset 0 is 1.
    pub active: Vec<f64>,
    /// Lifecycle mix after each offset.
    pub mix: Vec<Mix>,
    /// Expected rewards paid per customer at each offset.
    pub rewards: Vec<f64>,
    /// Expected messages sent per customer at each offset.
    pub messages: Vec<f64>,
}

/// Runs the chain for one customer over `offsets` offsets (at least 1).
pub fn unit_cohort(chain: &Markov, offsets: usize) -> UnitCohort {
    let offsets = offsets.clamp(1, MAX_PERIODS.max(240));
    let churn_after = chain.churn_after();
    let sleeping_from = chain.sleeping_from.clamp(1, churn_after);
    // Cell (n, s) at index (n − 1) * (churn_after + 1) + s.
    let width = churn_after + 1;
    let mut cells = vec![0.0f64; MAX_PURCHASES * width];
    let mut next = cells.clone();
    // q is the same at every offset: compute it once per cell.
    let q: Vec<f64> = (0..MAX_PURCHASES * width)
        .map(|i| chain.q(i / width + 1, i % width))
        .collect();
    cells[0] = 1.0; // offset 0: everyone bought once, in (1, 0)
    let mut out = UnitCohort {
        active: Vec::with_capacity(offsets),
        mix: Vec::with_capacity(offsets),
        rewards: Vec::with_capacity(offsets),
        messages: Vec::with_capacity(offsets),
    };
    let target = chain.habit.map(|h| h.target.clamp(2, MAX_PURCHASES));
    let reminder_at = chain.reminder.map(|r| r.at);
    for k in 0..offsets {
        let (mut bought, mut rewards, mut messages) = (0.0, 0.0, 0.0);
        if k == 0 {
            bought = 1.0;
            if target == Some(1) {
                rewards = 1.0;
            }
        } else {
            next.iter_mut().for_each(|c| *c = 0.0);
            for (i, &m) in cells.iter().enumerate() {
                if m == 0.0 {
                    continue;
                }
                let (n, s) = (i / width + 1, i % width);
                if Some(s) == reminder_at && s < churn_after {
                    messages += m * chain.reminder.map_or(0.0, |r| clamp(r.reach, 0.0, 1.0));
                }
                let buyers = m * q[i];
                let n2 = (n + 1).min(MAX_PURCHASES);
                next[(n2 - 1) * width] += buyers;
                next[(n - 1) * width + (s + 1).min(churn_after)] += m - buyers;
                bought += buyers;
                if Some(n + 1) == target {
                    rewards += buyers;
                }
            }
            std::mem::swap(&mut cells, &mut next);
        }
        let mut mix = Mix::default();
        for (i, &m) in cells.iter().enumerate() {
            match i % width {
                0 => mix.active += m,
                s if s < sleeping_from => mix.silent += m,
                s if s < churn_after => mix.sleeping += m,
                _ => mix.churned += m,
            }
        }
        out.active.push(clamp(bought, 0.0, 1.0));
        out.mix.push(mix);
        out.rewards
            .push(rewards * chain.habit.map_or(0.0, |h| clamp(h.reward, 0.0, 1e9)));
        out.messages.push(messages);
    }
    out
}
