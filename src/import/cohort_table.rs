//! An already-aggregated cohort table (`cohort, offset, active[, revenue]`,
//! as `docs/sql/` writes it) read straight into an [`Analysis`].

use crate::import::aggregate::{Analysis, CohortRow, Totals};
use crate::import::csv::{Delimiter, Records};
use crate::import::inspect::ImportError;
use crate::import::read::SkipReason;
use crate::import::{amount, dates};
use crate::period::Period;
use std::borrow::Cow;

/// The columns of an aggregated cohort table (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableColumns {
    /// Cohort label: `YYYY-MM`, or a `YYYY-MM-DD` day or week start.
    pub cohort: usize,
    /// Offset k in periods.
    pub offset: usize,
    /// Active customers.
    pub active: usize,
    /// Revenue, if any.
    pub revenue: Option<usize>,
}

/// Recognises the header of an aggregated cohort table (as `docs/sql/` writes).
pub fn detect_table(header: &[String]) -> Option<TableColumns> {
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(&h.trim().to_lowercase().as_str()))
    };
    Some(TableColumns {
        cohort: find(&["cohort", "cohort_month", "first_month", "同期群"])?,
        offset: find(&["offset", "k", "period_offset", "months_since_first", "期数"])?,
        active: find(&[
            "active",
            "active_customers",
            "customers",
            "活跃",
            "活跃客户",
        ])?,
        revenue: find(&["revenue", "sales", "amount", "收入", "金额"]),
    })
}

/// A customer summary table, by its header (the models read it, not the
/// importer: `forecast::table`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryKind {
    /// `frequency,recency,T[,monetary_value][,count]`.
    Customers,
    /// `frequency,recency,periods,weights` (BG/BB).
    Patterns,
}

/// Recognises a customer summary table's header.
pub fn detect_summary(header: &[String]) -> Option<SummaryKind> {
    let has = |name: &str| {
        header
            .iter()
            .any(|h| h.trim().trim_matches('\u{feff}').eq_ignore_ascii_case(name))
    };
    if !(has("frequency") && has("recency")) {
        return None;
    }
    if has("periods") && has("weights") {
        Some(SummaryKind::Patterns)
    } else if has("T") {
        Some(SummaryKind::Customers)
    } else {
        None
    }
}

/// Reads an aggregated cohort table into an analysis. Cells absent from the
/// table are zeros; "on or after" equals "on" (the rows are not there), and
/// the repeat curve, tiers, segments and Pareto are unavailable.
pub fn analyze_table(
    text: &str,
    delimiter: Delimiter,
    cols: TableColumns,
    granularity: Period,
) -> Result<Analysis, ImportError> {
    let mut records = Records::new(text, delimiter);
    let mut fields: Vec<Cow<str>> = Vec::new();
    let mut cells: Vec<(i32, usize, u64, f64)> = Vec::new();
    let mut skipped = Vec::new();
    let mut granularity = granularity;
    let needed = cols
        .cohort
        .max(cols.offset)
        .max(cols.active)
        .max(cols.revenue.unwrap_or(0));
    let mut first = true;
    while let Some(line) = records.next_into(&mut fields) {
        if std::mem::take(&mut first) {
            continue;
        }
        if fields.len() <= needed {
            skipped.push((line, SkipReason::MissingField));
            continue;
        }
        let label = fields[cols.cohort].trim();
        let period = if label.len() == 7 {
            granularity = Period::Month;
            dates::parse_iso_fast(format!("{label}-01").as_bytes()).map(|d| Period::Month.of_day(d))
        } else {
            let g = if granularity == Period::Month {
                Period::Day
            } else {
                granularity
            };
            granularity = g;
            dates::parse(label)
                .and_then(|p| p.resolve(None))
                .map(|d| g.of_day(d))
        };
        let Some(period) = period else {
            skipped.push((line, SkipReason::BadDate));
            continue;
        };
        let offset = fields[cols.offset]
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|k| *k < 10_000);
        let active = fields[cols.active].trim().parse::<u64>().ok();
        let revenue = match cols.revenue {
            Some(c) => amount::parse(&fields[c]),
            None => Some(0.0),
        };
        match (offset, active, revenue) {
            (Some(k), Some(a), Some(r)) => cells.push((period, k, a, r)),
            _ => skipped.push((line, SkipReason::BadAmount)),
        }
    }
    if cells.is_empty() {
        return Err(ImportError::NoRows);
    }
    let last_period = cells
        .iter()
        .map(|(p, k, _, _)| p + *k as i32)
        .max()
        .unwrap_or(0);
    let first_period = cells.iter().map(|c| c.0).min().unwrap_or(0);
    let mut by_cohort: std::collections::BTreeMap<i32, (Vec<u64>, Vec<f64>)> = Default::default();
    for (p, k, a, r) in &cells {
        let width = (last_period - p + 1) as usize;
        let entry = by_cohort
            .entry(*p)
            .or_insert_with(|| (vec![0; width], vec![0.0; width]));
        entry.0[*k] += a;
        entry.1[*k] += r;
    }
    let cohorts: Vec<CohortRow> = by_cohort
        .into_iter()
        .map(|(p, (active, revenue))| CohortRow {
            period: p,
            label: granularity.label(p),
            size: active[0],
            active_after: active.clone(),
            orders: vec![0; active.len()],
            revenue: cols.revenue.map(|_| revenue),
            active,
        })
        .collect();
    let customers: u64 = cohorts.iter().map(|c| c.size).sum();
    let revenue: f64 = cells.iter().map(|c| c.3).sum();
    let day_of = |p: i32| match granularity {
        Period::Month => dates::days_from_civil(p.div_euclid(12), (p.rem_euclid(12) + 1) as u32, 1),
        Period::Week => p * 7 - 3,
        Period::Day => p,
    };
    let skipped_count = skipped.len() as u64;
    Ok(Analysis {
        notes: Default::default(),
        segments: Vec::new(),
        brackets: Vec::new(),
        bracket_rows: Vec::new(),
        granularity,
        cohorts,
        last_period,
        repeat_curve: [None; 10],
        tiers: [0; 4],
        lifecycle: [0; 4],
        lorenz: None,
        top20_share: None,
        totals: Totals {
            customers,
            rows: cells.len() as u64,
            occasions: 0,
            revenue: cols.revenue.map(|_| revenue),
            repeat_rate: 0.0,
            first_date: day_of(first_period),
            last_date: day_of(last_period),
        },
        skipped,
        skipped_count,
        day_order: None,
    })
}
