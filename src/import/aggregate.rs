//! Stage 3, from rows to cohorts (SPEC §5, the contract results are checked
//! against): a customer's cohort is the calendar period of their earliest
//! date; offset k is whole periods since then; active = distinct customers
//! with a row in the period; revenue = sum of amounts; orders = rows;
//! occasions = distinct (customer, date) pairs.

use crate::import::brackets::{Bracket, BracketRow};
use crate::import::dates::DayOrder;
use crate::import::ids::group_by_customer;
use crate::import::read::{Rows, SkipReason};
use crate::import::shops::Shop;
use crate::period::Period;

/// One cohort's row of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct CohortRow {
    /// Period index of the cohort.
    pub period: i32,
    /// `YYYY-MM`, the Monday `YYYY-MM-DD`, or the day.
    pub label: String,
    /// Customers whose first date is in this period (= active at offset 0).
    pub size: u64,
    /// Distinct customers with a row in period c + k, k = 0 .. last period.
    pub active: Vec<u64>,
    /// Distinct customers with a row in period c + k or later ("on or after").
    pub active_after: Vec<u64>,
    /// Sum of amounts (None without an amount column).
    pub revenue: Option<Vec<f64>>,
    /// Rows.
    pub orders: Vec<u64>,
}

/// How a cell's retention is counted (views of the same table).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Retention {
    /// Customers who bought in period k, over the cohort's size.
    #[default]
    On,
    /// Customers who bought in period k or later, over the cohort's size.
    OnOrAfter,
    /// Customers who bought in period k, over those who bought in period
    /// k − 1 (PostHog's "previous period"); 1 at k = 0.
    Previous,
}

impl From<bool> for Retention {
    /// `true`: on or after; `false`: on.
    fn from(on_or_after: bool) -> Retention {
        if on_or_after {
            Retention::OnOrAfter
        } else {
            Retention::On
        }
    }
}

impl Retention {
    /// The stable code (the `retention-mode` select).
    pub fn code(self) -> &'static str {
        match self {
            Retention::On => "on",
            Retention::OnOrAfter => "on-or-after",
            Retention::Previous => "previous",
        }
    }

    /// The view of a code.
    pub fn from_code(code: &str) -> Option<Retention> {
        [Retention::On, Retention::OnOrAfter, Retention::Previous]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

impl CohortRow {
    /// Customers active at offset k: "on" (`active`) or "on or after"
    /// (`active_after`); the previous-period view counts as "on".
    pub fn active_at(&self, k: usize, view: impl Into<Retention>) -> u64 {
        match view.into() {
            Retention::OnOrAfter => self.active_after[k],
            Retention::On | Retention::Previous => self.active[k],
        }
    }

    /// What offset k's retention is a share of: the cohort's size, or, in
    /// the previous-period view, the customers active at k − 1.
    pub fn base(&self, k: usize, view: impl Into<Retention>) -> u64 {
        match view.into() {
            Retention::Previous if k > 0 => self.active[k - 1],
            _ => self.size,
        }
    }

    /// Retention at offset k: active over the base (0 when the base is 0).
    pub fn retention(&self, k: usize, view: impl Into<Retention>) -> f64 {
        let view = view.into();
        let base = self.base(k, view);
        if base == 0 {
            0.0
        } else {
            self.active_at(k, view) as f64 / base as f64
        }
    }
}

/// Totals of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Totals {
    /// Distinct customers.
    pub customers: u64,
    /// Rows used.
    pub rows: u64,
    /// Distinct (customer, date) pairs.
    pub occasions: u64,
    /// Sum of amounts (None without an amount column).
    pub revenue: Option<f64>,
    /// Share of customers with ≥ 2 occasions.
    pub repeat_rate: f64,
    /// Earliest date (days since 1970-01-01).
    pub first_date: i32,
    /// Latest date.
    pub last_date: i32,
}

/// The analysis of a transaction file.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// Cohort period.
    pub granularity: Period,
    /// Cohorts in period order (periods without a new customer are left out).
    pub cohorts: Vec<CohortRow>,
    /// Period index of the last date in the data (cells at it are in progress).
    pub last_period: i32,
    /// repeat_curve[n − 1] = customers with ≥ n+1 occasions ÷ with ≥ n, n = 1..10.
    pub repeat_curve: [Option<f64>; 10],
    /// Customers by number of occasions: 1, 2, 3–4, 5+ (seed 001's tiers).
    pub tiers: [u64; 4],
    /// Customers by periods since their last purchase, at the data's end:
    /// active 0, silent 1–2, sleeping 3–5, churned ≥ 6 (SPEC §3.3).
    pub lifecycle: [u64; 4],
    /// Lorenz curve of revenue: share of revenue of the top x% of customers,
    /// x = 0, 5, …, 100 (None without amounts).
    pub lorenz: Option<Vec<f64>>,
    /// Share of revenue from the top 20% of customers (None without amounts).
    pub top20_share: Option<f64>,
    /// Totals.
    pub totals: Totals,
    /// Skipped rows: (1-based line, reason), at most 10,000 listed.
    pub skipped: Vec<(usize, SkipReason)>,
    /// Number of skipped rows (all of them).
    pub skipped_count: u64,
    /// The day order used for slash dates, if any appeared.
    pub day_order: Option<DayOrder>,
    /// What the reading found besides the rows (shop layout, rows left out
    /// by status, rows with extra fields, merged line items).
    pub notes: Notes,
    /// The cohorts split by the segment column (empty without one).
    pub segments: Vec<Segment>,
    /// The custom offset brackets asked for (empty: none).
    pub brackets: Vec<Bracket>,
    /// Customers per cohort and bracket.
    pub bracket_rows: Vec<BracketRow>,
}

/// What a reading noticed besides skipped rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notes {
    /// The export layout read.
    pub shop: Shop,
    /// Lines (1-based) of rows with more fields than the header, at most
    /// 10,000 listed; they were read.
    pub extra_lines: Vec<usize>,
    /// Rows with more fields than the header (all of them).
    pub extra_count: u64,
    /// Rows left out by their status: (status value, rows), most first.
    pub filtered: Vec<(String, u64)>,
    /// Rows left out by their status (all of them).
    pub filtered_count: u64,
    /// Line-item rows merged into the order above them.
    pub line_items: u64,
    /// The filter column's values and their rows (before the filter), most
    /// rows first, at most [`FILTER_VALUES_LISTED`].
    pub filter_values: Vec<(String, u64)>,
    /// Rows left out by the row filter.
    pub row_filtered: u64,
}

/// Values of the filter column listed (the rest are always kept).
pub const FILTER_VALUES_LISTED: usize = 40;

/// Segments listed by name; more values than this are listed as the
/// largest `SEGMENTS_LISTED - 1` and one "other".
pub const SEGMENTS_LISTED: usize = 12;

/// The customers whose first purchase had one segment value.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// The value ("" when blank); for the "other" group, "(other)".
    pub name: String,
    /// Whether this is the group of the values not listed.
    pub other: bool,
    /// Customers in it.
    pub customers: u64,
    /// Its cohorts, same shape as the top level (offsets to the data's last
    /// period).
    pub cohorts: Vec<CohortRow>,
}

/// Customer-weighted mean retention by offset over cohorts' complete cells
/// (the period in progress left out): Σ active ÷ Σ base; None where no
/// cohort has one.
pub fn mean_retention(
    cohorts: &[CohortRow],
    last_period: i32,
    view: impl Into<Retention>,
) -> Vec<Option<f64>> {
    let view = view.into();
    let len = cohorts.iter().map(|c| c.active.len()).max().unwrap_or(0);
    (0..len)
        .map(|k| {
            let (mut active, mut size) = (0u64, 0u64);
            for c in cohorts {
                if k < c.active.len() && c.period + k as i32 != last_period {
                    active += c.active_at(k, view);
                    size += c.base(k, view);
                }
            }
            (size > 0).then(|| active as f64 / size as f64)
        })
        .collect()
}

/// What a reading found besides the rows, none of it depending on the
/// period: the skipped lines and the day order.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub skipped: Vec<(usize, SkipReason)>,
    pub skipped_count: u64,
    pub day_order: Option<DayOrder>,
    pub notes: Notes,
    /// The brackets to count (a view of the rows).
    pub brackets: Vec<Bracket>,
}

impl Analysis {
    /// What [`regroup`] needs of this analysis (not its cohorts).
    pub fn reading(&self) -> Reading {
        Reading {
            skipped: self.skipped.clone(),
            skipped_count: self.skipped_count,
            day_order: self.day_order,
            notes: self.notes.clone(),
            brackets: self.brackets.clone(),
        }
    }
}

/// The same rows by another period: what [`analyze_rows`] would give with
/// `g`, without reading the text again.
pub fn regroup(rows: &Rows, reading: &Reading, g: Period) -> Analysis {
    let all = aggregate(&rows.cust, &rows.day, rows.amt.as_deref(), g);
    let segments = match &rows.seg {
        Some(seg) => segments(rows, seg, g, all.last_period),
        None => Vec::new(),
    };
    Analysis {
        skipped: reading.skipped.clone(),
        skipped_count: reading.skipped_count,
        day_order: reading.day_order,
        notes: reading.notes.clone(),
        segments,
        brackets: reading.brackets.clone(),
        bracket_rows: crate::import::brackets::table(rows, g, &reading.brackets),
        ..all
    }
}

/// One segment group's rows: customer (dense), day, amount; its customers.
type GroupRows = (Vec<u32>, Vec<i32>, Vec<f64>, u32);

/// The rows split by each customer's segment: the value on their earliest
/// row (the first such row in the file when several share that date).
fn segments(rows: &Rows, seg: &[u32], g: Period, last_period: i32) -> Vec<Segment> {
    let n_cust = rows.customers();
    let mut best = vec![(i32::MAX, 0u32); n_cust];
    for (i, &c) in rows.cust.iter().enumerate() {
        let b = &mut best[c as usize];
        if rows.day[i] < b.0 {
            *b = (rows.day[i], seg[i]);
        }
    }
    let mut size = vec![0u64; rows.seg_names.len()];
    for &(d, s) in &best {
        if d != i32::MAX {
            size[s as usize] += 1;
        }
    }
    let mut order: Vec<usize> = (0..size.len()).filter(|&s| size[s] > 0).collect();
    order.sort_by(|&a, &b| {
        size[b]
            .cmp(&size[a])
            .then_with(|| rows.seg_names[a].cmp(&rows.seg_names[b]))
    });
    let listed = if order.len() > SEGMENTS_LISTED {
        SEGMENTS_LISTED - 1
    } else {
        order.len()
    };
    // Group of every segment value: its place in the list, or the last ("other").
    let mut group = vec![listed as u32; size.len()];
    for (place, &s) in order.iter().take(listed).enumerate() {
        group[s] = place as u32;
    }
    let groups = if order.len() > listed {
        listed + 1
    } else {
        listed
    };
    let cust_group: Vec<u32> = best.iter().map(|&(_, s)| group[s as usize]).collect();
    // Every group's rows in one pass, its customers numbered densely.
    let mut dense = vec![u32::MAX; n_cust];
    let mut split: Vec<GroupRows> = (0..groups).map(|_| Default::default()).collect();
    for (i, &c) in rows.cust.iter().enumerate() {
        let (cust, day, amt, customers) = &mut split[cust_group[c as usize] as usize];
        let d = &mut dense[c as usize];
        if *d == u32::MAX {
            *d = *customers;
            *customers += 1;
        }
        cust.push(*d);
        day.push(rows.day[i]);
        if let Some(a) = &rows.amt {
            amt.push(a[i]);
        }
    }
    drop(dense);
    split
        .into_iter()
        .enumerate()
        .map(|(gi, (cust, day, amt, customers))| {
            let mut cohorts =
                aggregate(&cust, &day, rows.amt.as_ref().map(|_| amt.as_slice()), g).cohorts;
            for c in &mut cohorts {
                let len = (last_period - c.period + 1) as usize;
                c.active.resize(len, 0);
                c.active_after.resize(len, 0);
                c.orders.resize(len, 0);
                if let Some(r) = c.revenue.as_mut() {
                    r.resize(len, 0.0);
                }
            }
            let other = gi == listed;
            Segment {
                name: if other {
                    "(other)".to_string()
                } else {
                    rows.seg_names[order[gi]].clone()
                },
                other,
                customers: customers as u64,
                cohorts,
            }
        })
        .collect()
}

/// Aggregates rows (customer index, day, amount) into the analysis.
pub fn aggregate(cust: &[u32], day: &[i32], amt: Option<&[f64]>, g: Period) -> Analysis {
    let n_cust = cust.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    let (min_day, max_day) = day
        .iter()
        .fold((i32::MAX, i32::MIN), |(lo, hi), &d| (lo.min(d), hi.max(d)));
    // Period of every day in the range, computed once.
    let period_of: Vec<i32> = (min_day..=max_day).map(|d| g.of_day(d)).collect();
    let per = |d: i32| period_of[(d - min_day) as usize];
    let (p0, p_last) = (per(min_day), per(max_day));
    let span = (p_last - p0 + 1) as usize;

    // Rows grouped by customer, days sorted within each.
    let (start, mut days_by) = group_by_customer(cust, n_cust, |i| day[i]);
    let mut first_period = vec![0i32; n_cust];
    let mut occasions_of = vec![0u32; n_cust];
    let mut active = vec![vec![0u64; 0]; span];
    let mut last_hist = vec![vec![0u64; 0]; span];
    for (ci, row) in active.iter_mut().enumerate() {
        row.resize(span - ci, 0);
        last_hist[ci].resize(span - ci, 0);
    }
    let mut size = vec![0u64; span];
    let (mut lifecycle, mut tiers) = ([0u64; 4], [0u64; 4]);
    let mut occasions = 0u64;
    for c in 0..n_cust {
        let slice = &mut days_by[start[c] as usize..start[c + 1] as usize];
        if slice.is_empty() {
            continue;
        }
        slice.sort_unstable();
        let coh = per(slice[0]);
        first_period[c] = coh;
        let ci = (coh - p0) as usize;
        size[ci] += 1;
        let (mut last_day, mut last_p, mut occ) = (i32::MIN, i32::MIN, 0u32);
        for &d in slice.iter() {
            if d != last_day {
                occ += 1;
                last_day = d;
                let p = per(d);
                if p != last_p {
                    active[ci][(p - coh) as usize] += 1;
                    last_p = p;
                }
            }
        }
        occasions += occ as u64;
        occasions_of[c] = occ;
        last_hist[ci][(last_p - coh) as usize] += 1;
        let recency = p_last - last_p;
        lifecycle[match recency {
            0 => 0,
            1..=2 => 1,
            3..=5 => 2,
            _ => 3,
        }] += 1;
        tiers[match occ {
            1 => 0,
            2 => 1,
            3..=4 => 2,
            _ => 3,
        }] += 1;
    }

    // Revenue and orders per cell, straight from the rows.
    let mut orders: Vec<Vec<u64>> = (0..span).map(|ci| vec![0; span - ci]).collect();
    let mut revenue: Option<Vec<Vec<f64>>> =
        amt.map(|_| (0..span).map(|ci| vec![0.0; span - ci]).collect());
    let mut cust_revenue = amt.map(|_| vec![0.0f64; n_cust]);
    for (i, &c) in cust.iter().enumerate() {
        let coh = first_period[c as usize];
        let ci = (coh - p0) as usize;
        let k = (per(day[i]) - coh) as usize;
        orders[ci][k] += 1;
        if let (Some(rev), Some(a), Some(cr)) = (revenue.as_mut(), amt, cust_revenue.as_mut()) {
            rev[ci][k] += a[i];
            cr[c as usize] += a[i];
        }
    }

    let mut cohorts = Vec::new();
    for ci in 0..span {
        if size[ci] == 0 {
            continue;
        }
        let mut after = last_hist[ci].clone();
        for k in (0..after.len().saturating_sub(1)).rev() {
            after[k] += after[k + 1];
        }
        let period = p0 + ci as i32;
        cohorts.push(CohortRow {
            period,
            label: g.label(period),
            size: size[ci],
            active: std::mem::take(&mut active[ci]),
            active_after: after,
            revenue: revenue.as_mut().map(|r| std::mem::take(&mut r[ci])),
            orders: std::mem::take(&mut orders[ci]),
        });
    }

    // Repeat curve from the occasion counts.
    let mut at_least = [0u64; 12];
    for &o in &occasions_of {
        for slot in at_least.iter_mut().take((o as usize).min(11) + 1).skip(1) {
            *slot += 1;
        }
    }
    let repeat_curve: [Option<f64>; 10] = std::array::from_fn(|i| {
        (at_least[i + 1] > 0).then(|| at_least[i + 2] as f64 / at_least[i + 1] as f64)
    });

    let customers = n_cust as u64;
    let total_revenue = amt.map(|a| a.iter().sum::<f64>());
    let (lorenz, top20_share) = match cust_revenue {
        Some(mut cr) => {
            cr.sort_unstable_by(|a, b| b.total_cmp(a));
            let total: f64 = cr.iter().sum();
            let share_of_top = |x: f64| {
                let n = ((cr.len() as f64) * x).round() as usize;
                if total != 0.0 {
                    cr[..n.min(cr.len())].iter().sum::<f64>() / total
                } else {
                    0.0
                }
            };
            let lorenz: Vec<f64> = (0..=20).map(|i| share_of_top(i as f64 / 20.0)).collect();
            (Some(lorenz), Some(share_of_top(0.2)))
        }
        None => (None, None),
    };
    Analysis {
        granularity: g,
        cohorts,
        last_period: p_last,
        repeat_curve,
        tiers,
        lifecycle,
        lorenz,
        top20_share,
        totals: Totals {
            customers,
            rows: cust.len() as u64,
            occasions,
            revenue: total_revenue,
            repeat_rate: if customers > 0 {
                at_least[2] as f64 / customers as f64
            } else {
                0.0
            },
            first_date: min_day,
            last_date: max_day,
        },
        skipped: Vec::new(),
        skipped_count: 0,
        day_order: None,
        notes: Notes::default(),
        segments: Vec::new(),
        brackets: Vec::new(),
        bracket_rows: Vec::new(),
    }
}

impl Analysis {
    /// Whether cohort `c`'s cell at offset k exists and its period is over
    /// (the last period in the data is still in progress).
    pub fn complete(&self, c: &CohortRow, k: usize) -> bool {
        k < c.active.len() && c.period + k as i32 != self.last_period
    }
}
