//! The per-customer summary the BTYD models read, from the imported rows at
//! a calibration end, and the grouping that fits identical patterns once.
//!
//! Definitions (Fader, Hardie & Lee 2005): a purchase occasion is a distinct
//! (customer, day); x = occasions up to and including the calibration end − 1;
//! t_x = last occasion − first, T = calibration end − first, in the chosen
//! unit (day, week = 7 days, month = 365.25/12 days). Spend of an occasion is
//! the sum of that day's amounts; m_x is the mean over the repeat occasions.
//! Customers whose first purchase is after the calibration end are not in
//! the model (they have no calibration history).

use crate::forecast::bgnbd::Customer;
use crate::forecast::gamma_gamma::Spender;
use crate::import::{group_by_customer, Rows};

/// The time unit of the models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Unit {
    /// Days.
    Day,
    /// Weeks of 7 days.
    #[default]
    Week,
    /// Months of 365.25 / 12 days.
    Month,
}

impl Unit {
    /// Every unit.
    pub const ALL: [Unit; 3] = [Unit::Day, Unit::Week, Unit::Month];

    /// Days in one unit.
    pub fn days(self) -> f64 {
        match self {
            Unit::Day => 1.0,
            Unit::Week => 7.0,
            Unit::Month => 365.25 / 12.0,
        }
    }

    /// The code in the select.
    pub fn code(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.code() == code)
    }
}

/// One customer's calibration summary (times in days).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    /// Repeat occasions in calibration.
    pub x: u32,
    /// Days from the first to the last occasion in calibration.
    pub t_x_days: i32,
    /// Days from the first occasion to the calibration end.
    pub t_days: i32,
    /// Mean spend of the repeat occasions (0 without any).
    pub mean_spend: f64,
    /// Occasions after the calibration end.
    pub holdout: u32,
}

/// Per-customer summaries (None for customers first seen after the
/// calibration end) and the calibration customers' repeat occasions by day
/// since the first day of the data (for the tracking chart).
pub fn summarise(rows: &Rows, calibration_end: i32) -> (Vec<Option<Summary>>, Vec<i32>) {
    let n = rows.customers();
    // Rows grouped by customer, then each customer's days sorted.
    let (start, order) = group_by_customer(&rows.cust, n, |i| i as u32);
    let mut out = Vec::with_capacity(n);
    let mut repeat_days = Vec::new();
    let mut days: Vec<(i32, f64)> = Vec::new();
    for c in 0..n {
        days.clear();
        days.extend(
            order[start[c] as usize..start[c + 1] as usize]
                .iter()
                .map(|&i| {
                    let i = i as usize;
                    (rows.day[i], rows.amt.as_ref().map_or(0.0, |a| a[i]))
                }),
        );
        days.sort_unstable_by_key(|d| d.0);
        let first = days[0].0;
        if first > calibration_end {
            out.push(None);
            continue;
        }
        let (mut x, mut last, mut holdout) = (0u32, first, 0u32);
        let (mut spend, mut day_spend, mut prev) = (0.0, 0.0, first);
        for &(d, a) in &days {
            if d != prev {
                if prev != first && prev <= calibration_end {
                    spend += day_spend;
                }
                day_spend = 0.0;
                if d <= calibration_end {
                    x += 1;
                    last = d;
                } else {
                    holdout += 1;
                }
                repeat_days.push(d);
                prev = d;
            }
            day_spend += a;
        }
        if prev != first && prev <= calibration_end {
            spend += day_spend;
        }
        out.push(Some(Summary {
            x,
            t_x_days: last - first,
            t_days: calibration_end - first,
            mean_spend: if x > 0 { spend / x as f64 } else { 0.0 },
            holdout,
        }));
    }
    (out, repeat_days)
}

/// Customers with identical (x, t_x, T) in days, sorted: the distinct
/// keys, how many customers share each, and each customer's key index
/// (`u32::MAX` for customers outside the model).
pub struct Groups {
    /// Distinct (x, t_x days, T days).
    pub keys: Vec<(u32, i32, i32)>,
    /// Customers per key.
    pub counts: Vec<u32>,
    /// Key index per customer.
    pub of: Vec<u32>,
}

/// Groups the summaries (see [`Groups`]).
pub fn groups(summaries: &[Option<Summary>]) -> Groups {
    let mut pairs: Vec<((u32, i32, i32), u32)> = summaries
        .iter()
        .enumerate()
        .filter_map(|(c, s)| s.map(|s| ((s.x, s.t_x_days, s.t_days), c as u32)))
        .collect();
    pairs.sort_unstable();
    let mut g = Groups {
        keys: Vec::new(),
        counts: Vec::new(),
        of: vec![u32::MAX; summaries.len()],
    };
    for (k, c) in pairs {
        if g.keys.last() != Some(&k) {
            g.keys.push(k);
            g.counts.push(0);
        }
        let i = g.keys.len() - 1;
        g.counts[i] += 1;
        g.of[c as usize] = i as u32;
    }
    g
}

/// BG/NBD input: one weighted customer per distinct (x, t_x, T).
pub fn bgnbd_customers(g: &Groups, unit: Unit) -> Vec<Customer> {
    let u = unit.days();
    g.keys
        .iter()
        .zip(&g.counts)
        .map(|(k, &n)| Customer {
            x: k.0,
            t_x: k.1 as f64 / u,
            t: k.2 as f64 / u,
            weight: n as f64,
        })
        .collect()
}

/// Gamma-Gamma input: the repeat customers' (x, m_x).
pub fn spenders(summaries: &[Option<Summary>]) -> Vec<Spender> {
    summaries
        .iter()
        .flatten()
        .filter(|s| s.x > 0)
        .map(|s| Spender {
            x: s.x,
            m: s.mean_spend,
            weight: 1.0,
        })
        .collect()
}
