//! The retention-cohort simulator (SPEC §4, §4.1): an expected-value Markov
//! chain on (purchases so far n, periods since the last purchase s). No
//! random numbers: results are exact and reproducible.
//!
//! Every cohort follows the same chain, scaled by its size, so the chain is
//! run once per customer ("unit cohort") and each cohort is that run times
//! its size, cut at the window's edge. This is exact, not an approximation.

use super::clamp;
use super::stickiness::MAX_PURCHASES;

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
pub struct Chain {
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

impl Chain {
    /// The repurchase probability of a cell (n = 1..10, s = 0..=churn_after),
    /// with the programmes applied in SPEC order: habit, then reminder.
    pub fn q(&self, n: usize, s: usize) -> f64 {
        let churn_after = self.churn_after();
        let q = if s >= churn_after {
            clamp(self.win_back, 0.0, 1.0)
        } else {
            let mut q = super::repurchase::with_recency(
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
pub fn unit_cohort(chain: &Chain, offsets: usize) -> UnitCohort {
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

/// The window: cohorts, sizes and money.
#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    /// Number of cohorts C, 1..=120.
    pub cohorts: usize,
    /// Window H in periods, 1..=120 (at least C).
    pub periods: usize,
    /// New customers per period N.
    pub new_customers: f64,
    /// Growth of N per period g, −1..=1.
    pub growth: f64,
    /// Average order value, money.
    pub aov: f64,
    /// Gross margin, 0..=1.
    pub margin: f64,
    /// Periods of the lifetime value L, 1..=240.
    pub ltv_periods: usize,
}

/// One cell of the cohort triangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// Customers who bought (expected).
    pub active: f64,
    /// active / size, 0..=1.
    pub retention: f64,
    /// active × AOV, money.
    pub revenue: f64,
}

/// The simulated cohorts of one set of programmes.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    /// Size of each cohort.
    pub sizes: Vec<f64>,
    /// cells[c][k] for k = 0 ..= H − 1 − c.
    pub cells: Vec<Vec<Cell>>,
    /// Retention of the unit cohort by offset (every cohort shares it).
    pub retention: Vec<f64>,
    /// Lifecycle mix summed over cohorts for each calendar period, customers.
    pub mix_by_period: Vec<Mix>,
    /// Σ sizes.
    pub customers: f64,
    /// Σ active over the triangle.
    pub purchases: f64,
    /// purchases × AOV.
    pub revenue: f64,
    /// purchases ÷ customers.
    pub frequency: f64,
    /// customers × AOV × frequency (seed 000), money.
    pub customer_value: f64,
    /// Rewards and messages paid over the window, money.
    pub programme_cost: f64,
    /// Expected purchases of one customer over L periods.
    pub ltv_purchases: f64,
    /// AOV × margin × ltv_purchases − programme cost per customer over L.
    pub ltv: f64,
    /// revenue × margin − programme cost, money (before acquisition).
    pub gross_profit: f64,
}

/// Runs the whole window for one chain.
pub fn simulate(chain: &Chain, w: &Window) -> Simulation {
    let periods = w.periods.clamp(1, MAX_PERIODS);
    let cohorts = w.cohorts.clamp(1, periods);
    let ltv_periods = w.ltv_periods.clamp(1, 240);
    let aov = clamp(w.aov, 0.0, 1e9);
    let margin = clamp(w.margin, 0.0, 1.0);
    let message_cost = chain.reminder.map_or(0.0, |r| clamp(r.cost, 0.0, 1e9));
    let unit = unit_cohort(chain, periods.max(ltv_periods));
    let growth = clamp(w.growth, -1.0, 1.0);
    let n0 = clamp(w.new_customers, 0.0, 1e12);
    let sizes: Vec<f64> = (0..cohorts)
        .map(|c| n0 * (1.0 + growth).powi(c as i32))
        .collect();
    let unit_cost: Vec<f64> = (0..unit.active.len())
        .map(|k| unit.rewards[k] + unit.messages[k] * message_cost)
        .collect();

    let mut cells = Vec::with_capacity(cohorts);
    let mut mix_by_period = vec![Mix::default(); periods];
    let (mut purchases, mut programme_cost) = (0.0, 0.0);
    for (c, &size) in sizes.iter().enumerate() {
        let row: Vec<Cell> = (0..periods - c)
            .map(|k| {
                let active = size * unit.active[k];
                purchases += active;
                programme_cost += size * unit_cost[k];
                let m = unit.mix[k];
                let t = &mut mix_by_period[c + k];
                t.active += size * m.active;
                t.silent += size * m.silent;
                t.sleeping += size * m.sleeping;
                t.churned += size * m.churned;
                Cell {
                    active,
                    retention: unit.active[k],
                    revenue: active * aov,
                }
            })
            .collect();
        cells.push(row);
    }
    let customers: f64 = sizes.iter().sum();
    let frequency = if customers > 0.0 {
        purchases / customers
    } else {
        0.0
    };
    let revenue = purchases * aov;
    let ltv_purchases: f64 = unit.active[..ltv_periods].iter().sum();
    let ltv_cost: f64 = unit_cost[..ltv_periods].iter().sum();
    Simulation {
        sizes,
        cells,
        retention: unit.active[..periods].to_vec(),
        mix_by_period,
        customers,
        purchases,
        revenue,
        frequency,
        customer_value: super::calculators::customer_value(customers, aov, frequency),
        programme_cost,
        ltv_purchases,
        ltv: aov * margin * ltv_purchases - ltv_cost,
        gross_profit: revenue * margin - programme_cost,
    }
}

/// Weighted (by cohort size) mean retention at each offset, over the cohorts
/// that have reached it.
pub fn mean_retention(sim: &Simulation) -> Vec<f64> {
    let periods = sim.cells.first().map_or(0, Vec::len);
    (0..periods)
        .map(|k| {
            let (mut a, mut n) = (0.0, 0.0);
            for (c, row) in sim.cells.iter().enumerate() {
                if let Some(cell) = row.get(k) {
                    a += cell.active;
                    n += sim.sizes[c];
                }
            }
            if n > 0.0 {
                a / n
            } else {
                0.0
            }
        })
        .collect()
}

/// Baseline and scenario side by side, with the numbers a manager asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// No programmes.
    pub baseline: Simulation,
    /// With the programmes that are switched on.
    pub scenario: Simulation,
    /// The baseline with churn cut by `churn_cut` (seed 000's claim).
    pub churn_cut: Simulation,
    /// Mean retention by offset, baseline (weighted by cohort size).
    pub mean_baseline: Vec<f64>,
    /// Mean retention by offset, scenario.
    pub mean_scenario: Vec<f64>,
    /// Baseline profit: gross profit − CAC × new customers, money.
    pub profit_baseline: f64,
    /// Scenario profit after programme costs, money.
    pub profit_scenario: f64,
    /// Profit with churn cut, money.
    pub profit_churn_cut: f64,
    /// (profit_churn_cut − profit_baseline) / |profit_baseline|; 0 when the baseline is 0.
    pub churn_cut_lift: f64,
}

/// The scenario's chain without programmes.
fn baseline(s: &super::scenario::Scenario, p0: [f64; MAX_PURCHASES]) -> Chain {
    let churn_after = s.churn_after.round().clamp(2.0, MAX_CHURN_AFTER as f64) as usize;
    Chain {
        p0,
        decay: s.decay,
        churn_after,
        sleeping_from: s.sleeping_from.round().clamp(1.0, churn_after as f64) as usize,
        win_back: s.win_back,
        habit: None,
        reminder: None,
        churn_cut: 0.0,
    }
}

/// Survivors of a cohort of 1,000 in the baseline: customers not (yet)
/// churned after each offset 0..periods, as a running minimum (win-back can
/// bring churned customers back; survivors for the sBG never rise).
pub fn survivors(
    s: &super::scenario::Scenario,
    p0: [f64; MAX_PURCHASES],
    periods: usize,
) -> Vec<f64> {
    let unit = unit_cohort(&baseline(s, p0), periods);
    let mut low = 1000.0f64;
    unit.mix
        .iter()
        .take(periods)
        .map(|m| {
            low = low.min(1000.0 * (1.0 - m.churned));
            low
        })
        .collect()
}

/// What the simulator reads of a scenario: the three chains, the window and
/// the acquisition cost. A page memoises on this rather than on the whole
/// scenario, so inputs the simulator does not read (the calculator's tools)
/// do not run it again.
#[derive(Clone, Debug, PartialEq)]
pub struct Inputs {
    pub baseline: Chain,
    pub scenario: Chain,
    pub churn_cut: Chain,
    pub window: Window,
    pub cac: f64,
}

/// Builds the chains and the window from a scenario and p(n, 0) of the lens
/// in use, and runs baseline, scenario and the churn-cut check.
pub fn run(s: &super::scenario::Scenario, p0: [f64; MAX_PURCHASES]) -> Outcome {
    Inputs::of(s, p0).run()
}

impl Inputs {
    /// The simulator's inputs from a scenario and p(n, 0) of the lens in use.
    pub fn of(s: &super::scenario::Scenario, p0: [f64; MAX_PURCHASES]) -> Inputs {
        let baseline_chain = baseline(s, p0);
        let churn_after = baseline_chain.churn_after;
        let scenario_chain = Chain {
            habit: s.habit_on.then_some(Habit {
                target: s.habit_target.round().clamp(2.0, MAX_PURCHASES as f64) as usize,
                boost: s.habit_boost,
                reward: s.habit_reward,
            }),
            reminder: s.reminder_on.then_some(Reminder {
                at: s.reminder_at.round().clamp(1.0, churn_after as f64 - 1.0) as usize,
                reach: s.reminder_reach,
                lift: s.reminder_lift,
                cost: s.reminder_cost,
            }),
            ..baseline_chain.clone()
        };
        let cut_chain = Chain {
            churn_cut: s.churn_cut,
            ..baseline_chain.clone()
        };
        let window = Window {
            cohorts: s.cohorts.round().clamp(1.0, MAX_PERIODS as f64) as usize,
            periods: s.window.round().clamp(1.0, MAX_PERIODS as f64) as usize,
            new_customers: s.new_customers,
            growth: s.growth,
            aov: s.aov,
            margin: s.margin,
            ltv_periods: s.ltv_periods.round().clamp(1.0, 240.0) as usize,
        };
        Inputs {
            baseline: baseline_chain,
            scenario: scenario_chain,
            churn_cut: cut_chain,
            window,
            cac: clamp(s.cac, 0.0, 1e9),
        }
    }

    /// Runs baseline, scenario and the churn-cut check.
    pub fn run(&self) -> Outcome {
        let (window, cac) = (&self.window, self.cac);
        let baseline = simulate(&self.baseline, window);
        let scenario = simulate(&self.scenario, window);
        let churn_cut = simulate(&self.churn_cut, window);
        let profit = |sim: &Simulation| sim.gross_profit - cac * sim.customers;
        let (pb, ps, pc) = (profit(&baseline), profit(&scenario), profit(&churn_cut));
        Outcome {
            mean_baseline: mean_retention(&baseline),
            mean_scenario: mean_retention(&scenario),
            baseline,
            scenario,
            churn_cut,
            profit_baseline: pb,
            profit_scenario: ps,
            profit_churn_cut: pc,
            churn_cut_lift: if pb != 0.0 { (pc - pb) / pb.abs() } else { 0.0 },
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn chain(p: f64) -> Chain {
        Chain {
            p0: [p; MAX_PURCHASES],
            decay: 0.5,
            churn_after: 2,
            sleeping_from: 1,
            win_back: 0.0,
            habit: None,
            reminder: None,
            churn_cut: 0.0,
        }
    }

    fn window() -> Window {
        Window {
            cohorts: 2,
            periods: 3,
            new_customers: 100.0,
            growth: 0.5,
            aov: 10.0,
            margin: 0.5,
            ltv_periods: 3,
        }
    }

    #[track_caller]
    fn near(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} vs {b}");
    }

    #[test]
    fn two_cohorts_three_offsets_by_hand() {
        // p = 0.4, δ = 0.5, churn after 2.
        // k=1: (1,0) buys 0.4 → (2,0) 0.4, (1,1) 0.6.
        // k=2: (2,0) buys 0.16; (1,1) buys 0.6·0.2 = 0.12 → active 0.28.
        let sim = simulate(&chain(0.4), &window());
        assert_eq!(sim.sizes, vec![100.0, 150.0]);
        let r: Vec<f64> = sim.cells[0].iter().map(|c| c.retention).collect();
        near(r[0], 1.0);
        near(r[1], 0.4);
        near(r[2], 0.28);
        assert_eq!(
            sim.cells[1].len(),
            2,
            "a triangle: cohort 1 sees two offsets"
        );
        near(sim.cells[1][1].active, 60.0);
        near(sim.purchases, 100.0 + 40.0 + 28.0 + 150.0 + 60.0);
        near(sim.revenue, 3780.0);
        near(sim.frequency, 378.0 / 250.0);
        near(sim.customer_value, 3780.0);
        // Mix at offset 2: active 0.28; (2,1) 0.24 silent-or-sleeping; (1,2) 0.48 churned.
        let m = unit_cohort(&chain(0.4), 3).mix[2];
        near(m.active, 0.28);
        near(m.sleeping, 0.24);
        near(m.churned, 0.48);
        near(sim.ltv, 10.0 * 0.5 * (1.0 + 0.4 + 0.28));
    }

    #[test]
    fn habit_programme_by_hand() {
        // Target 3, boost 0.2, reward 5: q = 0.6 for n < 3 at s = 0, 0.2 + 0.2 = 0.4 at s = 1.
        let mut c = chain(0.4);
        c.habit = Some(Habit {
            target: 3,
            boost: 0.2,
            reward: 5.0,
        });
        let u = unit_cohort(&c, 3);
        // k=1: 0.6 → (2,0); 0.4 → (1,1).
        // k=2: (2,0) buys 0.6·0.6 = 0.36 (reaching n = 3: rewarded); (1,1) buys 0.4·0.4 = 0.16.
        near(u.active[1], 0.6);
        near(u.active[2], 0.52);
        near(u.rewards[2], 0.36 * 5.0);
        near(u.rewards[1], 0.0);
        let sim = simulate(&c, &window());
        near(sim.programme_cost, 100.0 * 1.8);
    }

    #[test]
    fn reminder_by_hand() {
        // At s = 1, reach 0.5, lift 1.0: q = 0.5·0.2 + 0.5·0.4 = 0.3; cost 2 per message.
        let mut c = chain(0.4);
        c.reminder = Some(Reminder {
            at: 1,
            reach: 0.5,
            lift: 1.0,
            cost: 2.0,
        });
        let u = unit_cohort(&c, 3);
        near(u.active[2], 0.4 * 0.4 + 0.6 * 0.3);
        near(u.messages[2], 0.6 * 0.5);
        let sim = simulate(&c, &window());
        near(sim.programme_cost, 100.0 * 0.3 * 2.0);
    }

    #[test]
    fn inputs_leave_out_what_the_simulator_does_not_read() {
        use crate::model::scenario::Scenario;
        let s = Scenario::default();
        let p0 = crate::model::calculator::calculate(&s).repurchase;
        let base = Inputs::of(&s, p0);
        // The calculator's tools: CSAT, top-up, customer value.
        let tools = Scenario {
            csat_move: s.csat_move + 0.5,
            topup_bill: s.topup_bill + 10.0,
            cv_customers: s.cv_customers + 100.0,
            ..s.clone()
        };
        assert_eq!(Inputs::of(&tools, p0), base);
        // What it reads changes them.
        for changed in [
            Scenario {
                decay: s.decay / 2.0,
                ..s.clone()
            },
            Scenario {
                cac: s.cac + 1.0,
                ..s.clone()
            },
            Scenario {
                reminder_on: !s.reminder_on,
                ..s.clone()
            },
            Scenario {
                window: s.window + 1.0,
                ..s.clone()
            },
        ] {
            assert_ne!(Inputs::of(&changed, p0), base);
        }
        assert_eq!(Inputs::of(&s, p0).run(), run(&s, p0));
    }

    #[test]
    fn outcome_from_the_default_scenario() {
        let s = crate::model::scenario::Scenario {
            habit_on: true,
            reminder_on: true,
            ..Default::default()
        };
        let p0 = crate::model::calculator::calculate(&s).repurchase;
        let o = run(&s, p0);
        assert_eq!(o.baseline.cells.len(), 12);
        assert_eq!(o.baseline.cells[11].len(), 1);
        near(o.baseline.customers, 12_000.0);
        assert!(o.scenario.purchases > o.baseline.purchases);
        assert!(o.scenario.programme_cost > 0.0);
        assert_eq!(o.baseline.programme_cost, 0.0);
        assert!(o.churn_cut_lift > 0.0);
        for (a, b) in o.mean_baseline.iter().zip(&o.mean_scenario) {
            assert!(b >= a);
        }
    }

    #[test]
    fn win_back_and_churn_cut() {
        let mut c = chain(0.4);
        c.win_back = 0.1;
        near(c.q(1, 2), 0.1);
        c.churn_cut = 0.5;
        near(c.q(1, 0), 1.0 - 0.6 * 0.5);
    }

    fn arb_chain() -> impl Strategy<Value = Chain> {
        (
            proptest::array::uniform10(0.0..=1.0f64),
            0.0..=1.0f64,
            2usize..10,
            0.0..=0.5f64,
            proptest::option::of((2usize..6, 0.0..=1.0f64)),
            proptest::option::of((1usize..3, 0.0..=1.0f64, 0.0..=2.0f64)),
        )
            .prop_map(|(mut p0, decay, churn_after, win_back, habit, reminder)| {
                // Both lenses give p(n, 0) non-decreasing in n (K(n) rises).
                p0.sort_by(f64::total_cmp);
                // Being churned is no better than sleeping (the default w = 0).
                let win_back = win_back.min(p0[0] * decay.powi(churn_after as i32 - 1));
                Chain {
                    p0,
                    decay,
                    churn_after,
                    sleeping_from: 3.min(churn_after),
                    win_back,
                    habit: habit.map(|(target, boost)| Habit {
                        target,
                        boost,
                        reward: 1.0,
                    }),
                    reminder: reminder.map(|(at, reach, lift)| Reminder {
                        at,
                        reach,
                        lift,
                        cost: 0.1,
                    }),
                    churn_cut: 0.0,
                }
            })
    }

    proptest! {
        #[test]
        fn mass_is_conserved_and_retention_is_a_share(c in arb_chain(), k in 1usize..40) {
            let u = unit_cohort(&c, k);
            for m in &u.mix {
                prop_assert!((m.active + m.silent + m.sleeping + m.churned - 1.0).abs() < 1e-9);
            }
            prop_assert!(u.active.iter().all(|a| (0.0..=1.0).contains(a)));
        }

        #[test]
        fn programmes_never_lower_retention(c in arb_chain(), boost in 0.0..=1.0f64, reach in 0.0..=1.0f64) {
            let mut base = c.clone();
            base.habit = None;
            base.reminder = None;
            let mut with = base.clone();
            with.habit = Some(Habit { target: 4, boost, reward: 1.0 });
            with.reminder = Some(Reminder { at: 1, reach, lift: 0.5, cost: 1.0 });
            let (a, b) = (unit_cohort(&base, 24), unit_cohort(&with, 24));
            for k in 0..24 {
                prop_assert!(b.active[k] >= a.active[k] - 1e-12, "k={k}");
            }
        }

        #[test]
        fn higher_p_never_lowers_retention(c in arb_chain(), d in 0.0..=0.5f64) {
            // The baseline chain (SPEC §4's invariant). With a strong habit
            // programme, reaching its target ends the boost, so there a higher
            // p can lower a later offset: the programme's cliff, shown on the page.
            let mut c = c;
            c.habit = None;
            c.reminder = None;
            let mut better = c.clone();
            better.p0 = c.p0.map(|p| (p + d).min(1.0));
            let (a, b) = (unit_cohort(&c, 24), unit_cohort(&better, 24));
            for k in 0..24 {
                prop_assert!(b.active[k] >= a.active[k] - 1e-12);
            }
        }
    }
}
