//! The window of cohorts: every cohort is the unit cohort times its size,
//! cut at the window's edge; totals, revenue, programme cost and LTV.

use crate::calculator::clamp;
use crate::simulator::markov::{unit_cohort, Markov, Mix, MAX_PERIODS};

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
pub fn simulate(chain: &Markov, w: &Window) -> Simulation {
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
        customer_value: crate::calculator::tools::customer_value(customers, aov, frequency),
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
