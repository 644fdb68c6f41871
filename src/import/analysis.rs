//! From rows to cohorts (SPEC §5, the contract results are checked against):
//! a customer's cohort is the calendar period of their earliest date; offset k
//! is whole periods since then; active = distinct customers with a row in the
//! period; revenue = sum of amounts; orders = rows; occasions = distinct
//! (customer, date) pairs.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::formats::json::Json;
use crate::import::amount;
use crate::import::columns::{self, Mapping};
use crate::import::csv::{self, Delimiter, Records};
use crate::import::dates::{self, DayOrder, Parsed};
use crate::period::Period;

/// Why a row was skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    /// Fewer fields than the mapped columns need.
    MissingField,
    /// No customer id.
    EmptyCustomer,
    /// The date is not a date in any supported format.
    BadDate,
    /// A slash date that does not fit the column's day order.
    WrongDayOrder,
    /// The amount is not a number.
    BadAmount,
}

impl SkipReason {
    /// A stable code (for the JSON and the UI's messages).
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::MissingField => "missing-field",
            SkipReason::EmptyCustomer => "empty-customer",
            SkipReason::BadDate => "bad-date",
            SkipReason::WrongDayOrder => "wrong-day-order",
            SkipReason::BadAmount => "bad-amount",
        }
    }
}

/// Why a file cannot be analysed at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Nothing in the file.
    Empty,
    /// Not text (an image, a spreadsheet, a zip).
    NotText,
    /// Only a header line.
    HeaderOnly,
    /// One column only: a customer id and a date are needed.
    OneColumn,
    /// No column holds dates.
    NoDateColumn,
    /// Every slash date fits both DD/MM and MM/DD: the user must choose.
    NeedsDateOrder,
    /// Every row was skipped.
    NoRows,
    /// A mapped column does not exist.
    BadMapping,
    /// The user cancelled.
    Cancelled,
    /// The browser could not start the background worker that reads files.
    NoWorker,
    /// The background reader is from another version of the page (a cached
    /// worker after an update): reloading fixes it.
    StaleWorker,
}

/// What a first look at the file found (the user can change every choice).
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    /// The delimiter.
    pub delimiter: Delimiter,
    /// Whether the first record is a header.
    pub has_header: bool,
    /// Column names (the header's, or "1", "2", …).
    pub columns: Vec<String>,
    /// The first rows (at most 5), for a preview.
    pub preview: Vec<Vec<String>>,
    /// The guessed mapping.
    pub mapping: Mapping,
    /// Whether slash dates appear in the sample (the day order may need a choice).
    pub slash_dates: bool,
    /// An already-aggregated cohort table (cohort, offset, active[, revenue])
    /// rather than transactions.
    pub table: Option<TableColumns>,
}

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

/// How to read the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Field separator.
    pub delimiter: Delimiter,
    /// Skip the first record.
    pub has_header: bool,
    /// Which column is which.
    pub mapping: Mapping,
    /// Day order for slash dates: None = decide from the data.
    pub day_order: Option<DayOrder>,
    /// Cohort period.
    pub granularity: Period,
}

/// Looks at the start of a text: delimiter, header, columns, a guessed mapping.
pub fn inspect(text: &str) -> Result<Inspection, ImportError> {
    if text.trim_start_matches('\u{FEFF}').trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let delimiter = csv::sniff(text);
    let mut records = Records::new(text, delimiter);
    let mut fields = Vec::new();
    let mut sample: Vec<Vec<String>> = Vec::new();
    while sample.len() < 200 && records.next_into(&mut fields).is_some() {
        sample.push(fields.iter().map(|f| f.trim().to_string()).collect());
    }
    let columns = sample.iter().map(Vec::len).max().unwrap_or(0);
    if columns < 2 {
        return Err(ImportError::OneColumn);
    }
    let has_header = columns::is_header(&sample[0], sample.get(1).map(Vec::as_slice));
    if has_header && sample.len() == 1 {
        return Err(ImportError::HeaderOnly);
    }
    if let Some(table) = detect_table(&sample[0]) {
        return Ok(Inspection {
            delimiter,
            has_header: true,
            columns: sample[0].clone(),
            preview: sample[1..].iter().take(5).cloned().collect(),
            mapping: Mapping {
                customer: table.cohort,
                date: table.offset,
                amount: table.revenue,
                order: None,
            },
            slash_dates: false,
            table: Some(table),
        });
    }
    let body = if has_header {
        &sample[1..]
    } else {
        &sample[..]
    };
    let header = has_header.then(|| sample[0].as_slice());
    let mapping = columns::guess(header, body, columns).ok_or(ImportError::NoDateColumn)?;
    let slash_dates = body
        .iter()
        .filter_map(|r| r.get(mapping.date))
        .any(|v| matches!(dates::parse(v), Some(Parsed::Slash { .. })));
    let names = match header {
        Some(h) => (0..columns)
            .map(|i| h.get(i).cloned().unwrap_or_else(|| (i + 1).to_string()))
            .collect(),
        None => (1..=columns).map(|i| i.to_string()).collect(),
    };
    Ok(Inspection {
        delimiter,
        has_header,
        columns: names,
        preview: body.iter().take(5).cloned().collect(),
        mapping,
        slash_dates,
        table: None,
    })
}

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

impl CohortRow {
    /// Customers active at offset k: "on" (`active`) or "on or after" (`active_after`).
    pub fn active_at(&self, k: usize, on_or_after: bool) -> u64 {
        if on_or_after {
            self.active_after[k]
        } else {
            self.active[k]
        }
    }

    /// Retention at offset k: active over the cohort's size.
    pub fn retention(&self, k: usize, on_or_after: bool) -> f64 {
        self.active_at(k, on_or_after) as f64 / self.size.max(1) as f64
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
}

/// Most skipped rows listed by line (all are counted).
pub const SKIPPED_LISTED: usize = 10_000;

/// FxHash: a fast, non-cryptographic hasher for customer ids.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write_u128(&mut self, i: u128) {
        for v in [i as u64, (i >> 64) as u64] {
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        let mut mix = |v: u64| {
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        };
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            mix(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        // A final avalanche (murmur3's fmix64): the table indexes by the low
        // bits, which the multiply alone leaves tied to the keys' first bytes.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// An id of at most 15 bytes packed into one integer (its length in the top
/// byte, so "A" and "A\0" differ); None for longer ids.
fn pack(id: &str) -> Option<u128> {
    let b = id.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    buf[15] = b.len() as u8;
    Some(u128::from_le_bytes(buf))
}

/// Customer ids made of a fixed prefix and a fixed number of digits — the
/// shape of the first id read, e.g. "C0008992" or "48213" — map to their
/// number's slot in an array: exact (one shape, so one string per number)
/// and with no hashing. Other ids, and numbers past [`DenseIds::LIMIT`], go
/// to the hash tables.
#[derive(Default)]
struct DenseIds {
    /// (prefix, digits) of the first id; None until then, or when it has no digits.
    shape: Option<Option<(String, usize)>>,
    /// Customer index per number, `EMPTY` where none yet.
    table: Vec<u32>,
}

impl DenseIds {
    const EMPTY: u32 = u32::MAX;
    /// Marks a row's customer as a number still to resolve.
    const NUMBER: u32 = 1 << 31;
    /// Numbers at or above this use the hash tables (the array stays ≤ 16 MB).
    const LIMIT: u32 = 1 << 22;

    fn slot(&mut self, id: &str) -> Option<usize> {
        let shape = self.shape.get_or_insert_with(|| {
            let digits = id.bytes().rev().take_while(u8::is_ascii_digit).count();
            (1..=9)
                .contains(&digits)
                .then(|| (id[..id.len() - digits].to_string(), digits))
        });
        let (prefix, digits) = shape.as_ref()?;
        let b = id.as_bytes();
        if b.len() != prefix.len() + digits || !b.starts_with(prefix.as_bytes()) {
            return None;
        }
        let mut n = 0u32;
        for &d in &b[prefix.len()..] {
            if !d.is_ascii_digit() {
                return None;
            }
            n = n * 10 + (d - b'0') as u32;
        }
        if n >= Self::LIMIT {
            return None;
        }
        let slot = n as usize;
        if slot >= self.table.len() {
            let grown = (slot + 1)
                .max(self.table.len() * 2)
                .min(Self::LIMIT as usize);
            self.table.resize(grown, Self::EMPTY);
        }
        Some(slot)
    }

    /// Replaces every `NUMBER | n` in `cust` by the customer index of that
    /// number (new customers in row order, their ids written back from the
    /// shape). A separate pass so the table's cache misses can be fetched
    /// ahead: the rows to come are known here.
    fn resolve(&mut self, cust: &mut [u32], names: &mut String, ends: &mut Vec<u32>) {
        let Some(Some((prefix, digits))) = &self.shape else {
            return;
        };
        const AHEAD: usize = 16;
        let mut buf = [0u8; 9];
        for i in 0..cust.len() {
            if let Some(&later) = cust.get(i + AHEAD) {
                if later & Self::NUMBER != 0 {
                    prefetch(&self.table[(later & !Self::NUMBER) as usize]);
                }
            }
            let c = cust[i];
            if c & Self::NUMBER == 0 {
                continue;
            }
            let slot = (c & !Self::NUMBER) as usize;
            let mut index = self.table[slot];
            if index == Self::EMPTY {
                index = ends.len() as u32;
                self.table[slot] = index;
                let mut n = slot;
                for b in buf[..*digits].iter_mut().rev() {
                    *b = b'0' + (n % 10) as u8;
                    n /= 10;
                }
                names.push_str(prefix);
                names.extend(buf[..*digits].iter().map(|&b| b as char));
                ends.push(names.len() as u32);
            }
            cust[i] = index;
        }
    }
}

/// Asks the CPU to start loading `value`'s cache line (x86-64 only; a no-op elsewhere).
#[inline(always)]
fn prefetch(value: &u32) {
    // SAFETY: a prefetch is only a hint (it never faults, reads nothing into
    // the program) and SSE is part of every x86-64 target.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (value as *const u32).cast(),
        )
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Reads every row and aggregates. `progress(fraction)` is called now and
/// then; returning false cancels. Total: any text gives a result or an error.
pub fn analyze(
    text: &str,
    settings: &Settings,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Analysis, ImportError> {
    analyze_rows(text, settings, progress).map(|(a, _)| a)
}

/// The rows an analysis read, kept for the forecasts: customer index, day and
/// amount per row, and every customer's id (index → id).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    /// The ids one after another; customer c's id ends at `ends[c]`.
    pub names: String,
    /// End of each id in `names`.
    pub ends: Vec<u32>,
    /// Customer index per row.
    pub cust: Vec<u32>,
    /// Day (since 1970-01-01) per row.
    pub day: Vec<i32>,
    /// Amount per row, when an amount column is mapped.
    pub amt: Option<Vec<f64>>,
}

impl Rows {
    /// Number of customers.
    pub fn customers(&self) -> usize {
        self.ends.len()
    }

    /// Customer c's id.
    pub fn name(&self, c: usize) -> &str {
        let start = if c == 0 { 0 } else { self.ends[c - 1] as usize };
        &self.names[start..self.ends[c] as usize]
    }

    /// The index of a customer id (trimmed), if present.
    pub fn find(&self, id: &str) -> Option<usize> {
        let id = id.trim();
        (0..self.customers()).find(|&c| self.name(c) == id)
    }
}

/// [`analyze`], also returning the rows it read.
pub fn analyze_rows(
    text: &str,
    settings: &Settings,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<(Analysis, Rows), ImportError> {
    let m = settings.mapping;
    let needed = m.customer.max(m.date).max(m.amount.unwrap_or(0));
    let mut records = Records::new(text, settings.delimiter);
    let mut fields: Vec<Cow<str>> = Vec::new();
    let mut ids: FxMap<Cow<str>, u32> = FxMap::default();
    let mut names = String::new();
    let mut ends: Vec<u32> = Vec::new();
    // Sized from the text up front (about a third of the rows are new
    // customers in typical exports): growing the table costs more than guessing.
    let approx_rows = text.len() / 24 + 16;
    let mut short_ids: FxMap<u128, u32> =
        FxMap::with_capacity_and_hasher(approx_rows / 3, Default::default());
    let mut dense = DenseIds::default();
    let mut cust: Vec<u32> = Vec::with_capacity(approx_rows);
    let mut day: Vec<i32> = Vec::with_capacity(approx_rows);
    let mut amt: Vec<f64> = Vec::with_capacity(approx_rows);
    let mut pending: Vec<(usize, usize, Parsed)> = Vec::new(); // (row, line, slash date)
    let mut skipped: Vec<(usize, SkipReason)> = Vec::new();
    let mut skipped_count = 0u64;
    let (mut dmy_only, mut mdy_only) = (0u64, 0u64);
    let total_bytes = text.len().max(1) as f64;
    let mut first = settings.has_header;
    let skip = |line: usize,
                reason: SkipReason,
                skipped: &mut Vec<(usize, SkipReason)>,
                count: &mut u64| {
        *count += 1;
        if skipped.len() < SKIPPED_LISTED {
            skipped.push((line, reason));
        }
    };
    while let Some(line) = records.next_into(&mut fields) {
        if first {
            first = false;
            continue;
        }
        if cust.len() % 65_536 == 65_535 && !progress(records.position() as f64 / total_bytes * 0.8)
        {
            return Err(ImportError::Cancelled);
        }
        if fields.len() <= needed {
            skip(
                line,
                SkipReason::MissingField,
                &mut skipped,
                &mut skipped_count,
            );
            continue;
        }
        let id = csv::trim(&fields[m.customer]);
        if id.is_empty() {
            skip(
                line,
                SkipReason::EmptyCustomer,
                &mut skipped,
                &mut skipped_count,
            );
            continue;
        }
        let raw_date = csv::trim(&fields[m.date]);
        let d = match dates::parse_iso_fast(raw_date.as_bytes()) {
            Some(d) => Some(d),
            None => match dates::parse(raw_date) {
                Some(Parsed::Day(d)) => Some(d),
                Some(p @ Parsed::Slash { .. }) => match settings.day_order {
                    Some(order) => match p.resolve(Some(order)) {
                        Some(d) => Some(d),
                        None => {
                            skip(
                                line,
                                SkipReason::WrongDayOrder,
                                &mut skipped,
                                &mut skipped_count,
                            );
                            continue;
                        }
                    },
                    None => {
                        match p.orders() {
                            (true, false) => dmy_only += 1,
                            (false, true) => mdy_only += 1,
                            _ => {}
                        }
                        pending.push((cust.len(), line, p));
                        None
                    }
                },
                None => {
                    skip(line, SkipReason::BadDate, &mut skipped, &mut skipped_count);
                    continue;
                }
            },
        };
        let a = match m.amount {
            Some(col) => match amount::parse(&fields[col]) {
                Some(v) => v,
                None => {
                    skip(
                        line,
                        SkipReason::BadAmount,
                        &mut skipped,
                        &mut skipped_count,
                    );
                    continue;
                }
            },
            None => 0.0,
        };
        let next = ends.len() as u32;
        let mut new_customer = || {
            names.push_str(id);
            ends.push(names.len() as u32);
            next
        };
        let c = match dense.slot(id) {
            // Numbered ids ("C0008992", "48213"): their number for now,
            // resolved after the loop (see `DenseIds::resolve`).
            Some(slot) => DenseIds::NUMBER | slot as u32,
            None => match pack(id) {
                // Short ids (the usual case) are looked up by value: no string
                // compare reaching into the text for every row.
                Some(key) => *short_ids.entry(key).or_insert_with(new_customer),
                None => match ids.get(id) {
                    Some(&c) => c,
                    None => {
                        let key = match &fields[m.customer] {
                            Cow::Borrowed(s) => Cow::Borrowed(s.trim()),
                            Cow::Owned(s) => Cow::Owned(s.trim().to_string()),
                        };
                        ids.insert(key, new_customer());
                        next
                    }
                },
            },
        };
        cust.push(c);
        day.push(d.unwrap_or(i32::MIN));
        amt.push(a);
    }
    drop(ids);
    drop(short_ids);
    dense.resolve(&mut cust, &mut names, &mut ends);

    // Slash dates: the column's order, from rows that fit one order only.
    let mut day_order = settings.day_order;
    if !pending.is_empty() && day_order.is_none() {
        day_order = match (dmy_only > 0, mdy_only > 0) {
            (false, false) => return Err(ImportError::NeedsDateOrder),
            (true, false) => Some(DayOrder::Dmy),
            (false, true) => Some(DayOrder::Mdy),
            (true, true) => Some(if dmy_only >= mdy_only {
                DayOrder::Dmy
            } else {
                DayOrder::Mdy
            }),
        };
    }
    let mut dropped = vec![false; cust.len()];
    for (row, line, p) in pending {
        match p.resolve(day_order) {
            Some(d) => day[row] = d,
            None => {
                dropped[row] = true;
                skip(
                    line,
                    SkipReason::WrongDayOrder,
                    &mut skipped,
                    &mut skipped_count,
                );
            }
        }
    }
    if dropped.iter().any(|d| *d) {
        let keep: Vec<usize> = (0..cust.len()).filter(|&i| !dropped[i]).collect();
        cust = keep.iter().map(|&i| cust[i]).collect();
        day = keep.iter().map(|&i| day[i]).collect();
        amt = keep.iter().map(|&i| amt[i]).collect();
    }
    skipped.sort_unstable();
    if cust.is_empty() {
        return Err(ImportError::NoRows);
    }
    if !progress(0.85) {
        return Err(ImportError::Cancelled);
    }
    let mut result = aggregate(
        &cust,
        &day,
        m.amount.map(|_| amt.as_slice()),
        settings.granularity,
    );
    result.skipped = skipped;
    result.skipped_count = skipped_count;
    result.day_order = day_order;
    progress(1.0);
    let rows = Rows {
        names,
        ends,
        cust,
        day,
        amt: m.amount.map(|_| amt),
    };
    Ok((result, rows))
}

/// What a reading found besides the rows, none of it depending on the
/// period: the skipped lines and the day order.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub skipped: Vec<(usize, SkipReason)>,
    pub skipped_count: u64,
    pub day_order: Option<DayOrder>,
}

impl Analysis {
    /// What [`regroup`] needs of this analysis (not its cohorts).
    pub fn reading(&self) -> Reading {
        Reading {
            skipped: self.skipped.clone(),
            skipped_count: self.skipped_count,
            day_order: self.day_order,
        }
    }
}

/// The same rows by another period: what [`analyze_rows`] would give with
/// `g`, without reading the text again.
pub fn regroup(rows: &Rows, reading: &Reading, g: Period) -> Analysis {
    Analysis {
        skipped: reading.skipped.clone(),
        skipped_count: reading.skipped_count,
        day_order: reading.day_order,
        ..aggregate(&rows.cust, &rows.day, rows.amt.as_deref(), g)
    }
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

    // Rows grouped by customer (counting sort), days sorted within each.
    // u32 offsets (rows < 2^32 — the text is smaller than 4 GB in the
    // browser): half the cache footprint of usize for these random walks.
    let mut start = vec![0u32; n_cust + 1];
    for &c in cust {
        start[c as usize + 1] += 1;
    }
    for i in 0..n_cust {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut days_by = vec![0i32; cust.len()];
    for (i, &c) in cust.iter().enumerate() {
        days_by[fill[c as usize] as usize] = day[i];
        fill[c as usize] += 1;
    }
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
    }
}

impl SkipReason {
    /// The reason in plain English (the page shows it in the user's language).
    pub fn message_en(self) -> &'static str {
        match self {
            SkipReason::MissingField => "fewer fields than the mapped columns need",
            SkipReason::EmptyCustomer => "no customer id",
            SkipReason::BadDate => "the date is not a date",
            SkipReason::WrongDayOrder => "the date does not fit the column's day order",
            SkipReason::BadAmount => "the amount is not a number",
        }
    }
}

impl Analysis {
    /// Whether cohort `c`'s cell at offset k exists and its period is over
    /// (the last period in the data is still in progress).
    pub fn complete(&self, c: &CohortRow, k: usize) -> bool {
        k < c.active.len() && c.period + k as i32 != self.last_period
    }

    /// The analysis JSON of CONTRACT.md (schema version 1); `reason` words a
    /// skip reason.
    pub fn to_json(&self, reason: &dyn Fn(SkipReason) -> String) -> String {
        let counts = |v: &[u64]| Json::Arr(v.iter().map(|x| Json::Num(*x as f64)).collect());
        let cohorts = self
            .cohorts
            .iter()
            .map(|c| {
                Json::obj([
                    ("cohort", Json::Str(c.label.clone())),
                    ("size", Json::Num(c.size as f64)),
                    ("active", counts(&c.active)),
                    (
                        "retention",
                        Json::Arr(
                            c.active
                                .iter()
                                .map(|a| Json::Num(*a as f64 / c.size as f64))
                                .collect(),
                        ),
                    ),
                    (
                        "revenue",
                        c.revenue.as_ref().map_or(Json::Null, |r| Json::nums(r)),
                    ),
                    ("orders", counts(&c.orders)),
                ])
            })
            .collect();
        let t = &self.totals;
        Json::obj([
            ("schema_version", Json::Num(1.0)),
            ("granularity", Json::str(self.granularity.code())),
            ("cohorts", Json::Arr(cohorts)),
            (
                "repeat_curve",
                Json::Arr(
                    self.repeat_curve
                        .iter()
                        .map(|r| r.map_or(Json::Null, Json::Num))
                        .collect(),
                ),
            ),
            (
                "totals",
                Json::obj([
                    ("customers", Json::Num(t.customers as f64)),
                    ("rows", Json::Num(t.rows as f64)),
                    ("occasions", Json::Num(t.occasions as f64)),
                    ("revenue", t.revenue.map_or(Json::Null, Json::Num)),
                    ("repeat_rate", Json::Num(t.repeat_rate)),
                    ("first_date", Json::Str(dates::iso(t.first_date))),
                    ("last_date", Json::Str(dates::iso(t.last_date))),
                ]),
            ),
            (
                "skipped",
                Json::obj([
                    ("count", Json::Num(self.skipped_count as f64)),
                    (
                        "lines",
                        Json::Arr(
                            self.skipped
                                .iter()
                                .map(|(line, r)| {
                                    Json::obj([
                                        ("line", Json::Num(*line as f64)),
                                        ("reason", Json::Str(reason(*r))),
                                    ])
                                })
                                .collect(),
                        ),
                    ),
                ]),
            ),
        ])
        .pretty()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn run(text: &str, g: Period, order: Option<DayOrder>) -> Result<Analysis, ImportError> {
        let i = inspect(text)?;
        let settings = Settings {
            delimiter: i.delimiter,
            has_header: i.has_header,
            mapping: i.mapping,
            day_order: order,
            granularity: g,
        };
        analyze(text, &settings, &mut |_| true)
    }

    const BASIC: &str = "customer,date,amount\nA,2024-01-05,10\nA,2024-01-20,5\nB,2024-01-31,7\nA,2024-02-01,3\nC,2024-02-10,4\nB,2024-03-15,1\nC,2024-02-10,2\n";

    /// Every number below was worked out by hand from the seven rows.
    #[test]
    fn basic_months_by_hand() {
        let a = run(BASIC, Period::Month, None).unwrap();
        assert_eq!(a.cohorts.len(), 2);
        let jan = &a.cohorts[0];
        assert_eq!((jan.label.as_str(), jan.size), ("2024-01", 2));
        assert_eq!(jan.active, vec![2, 1, 1]);
        assert_eq!(jan.active_after, vec![2, 2, 1]);
        assert_eq!(jan.revenue, Some(vec![22.0, 3.0, 1.0]));
        assert_eq!(jan.orders, vec![3, 1, 1]);
        let feb = &a.cohorts[1];
        assert_eq!((feb.label.as_str(), feb.size), ("2024-02", 1));
        assert_eq!(feb.active, vec![1, 0]);
        assert_eq!(feb.revenue, Some(vec![6.0, 0.0]));
        assert_eq!(feb.orders, vec![2, 0]);
        let t = &a.totals;
        assert_eq!(
            (t.customers, t.rows, t.occasions, t.revenue),
            (3, 7, 6, Some(32.0))
        );
        assert!((t.repeat_rate - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(a.repeat_curve[0], Some(2.0 / 3.0));
        assert_eq!(a.repeat_curve[1], Some(0.5));
        assert_eq!(a.repeat_curve[2], Some(0.0));
        assert_eq!(a.repeat_curve[3], None);
        assert_eq!(a.lifecycle, [1, 2, 0, 0]);
        assert_eq!(a.tiers, [1, 1, 1, 0]);
        assert_eq!(a.top20_share, Some(18.0 / 32.0));
        assert_eq!(
            (dates::iso(t.first_date), dates::iso(t.last_date)),
            ("2024-01-05".into(), "2024-03-15".into())
        );
        assert_eq!(a.skipped_count, 0);
    }

    #[test]
    fn weeks_and_days() {
        let w = run(BASIC, Period::Week, None).unwrap();
        // 2024-01-01 is a Monday: A's first week starts 2024-01-01, B's 2024-01-29.
        let labels: Vec<&str> = w.cohorts.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, vec!["2024-01-01", "2024-01-29", "2024-02-05"]);
        assert_eq!(w.cohorts[1].active[0], 1);
        let d = run(BASIC, Period::Day, None).unwrap();
        assert_eq!(d.cohorts[0].label, "2024-01-05");
        assert_eq!(d.cohorts[0].active[15], 1, "A again on 2024-01-20");
    }

    #[test]
    fn chinese_headers_semicolons_decimal_commas_and_dirty_rows() {
        let text = "会员;下单时间;实付金额\r\nM1;2024/01/02 10:00;\"1.234,50\"\r\nM2;bad;5\r\n;2024/01/03;5\r\nM1;2024/02/02;abc\r\nM3;2024/02/05\r\nM2;2024/02/06;12,5\r\n";
        let a = run(text, Period::Month, None).unwrap();
        assert_eq!(
            a.skipped,
            vec![
                (3, SkipReason::BadDate),
                (4, SkipReason::EmptyCustomer),
                (5, SkipReason::BadAmount),
                (6, SkipReason::MissingField)
            ]
        );
        assert_eq!(a.skipped_count, 4);
        assert_eq!(a.totals.rows, 2);
        assert_eq!(a.totals.revenue, Some(1247.0));
        assert_eq!(a.cohorts[0].revenue, Some(vec![1234.5, 0.0]));
    }

    #[test]
    fn gbk_bytes_decode_to_the_same_result() {
        let utf8 = "客户,日期,金额\n张三,2024-01-02,10\n李四,2024-02-03,20\n张三,2024-02-04,5\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(utf8);
        assert_eq!(
            crate::import::detect_encoding(&gbk),
            crate::import::Encoding::Gb18030
        );
        let decoded = encoding_rs::GB18030.decode(&gbk).0;
        assert_eq!(
            run(&decoded, Period::Month, None),
            run(utf8, Period::Month, None)
        );
        let a = run(utf8, Period::Month, None).unwrap();
        assert_eq!(a.cohorts[0].active, vec![1, 1]);
    }

    #[test]
    fn day_order_from_the_data_or_asked() {
        let dmy = "c,d\nA,13/01/2024\nB,05/02/2024\n";
        let a = run(dmy, Period::Month, None).unwrap();
        assert_eq!(a.day_order, Some(DayOrder::Dmy));
        assert_eq!(
            a.cohorts
                .iter()
                .map(|c| c.label.clone())
                .collect::<Vec<_>>(),
            vec!["2024-01", "2024-02"]
        );
        let ambiguous = "c,d\nA,01/02/2024\nB,05/06/2024\n";
        assert_eq!(
            run(ambiguous, Period::Month, None),
            Err(ImportError::NeedsDateOrder)
        );
        let mdy = run(ambiguous, Period::Month, Some(DayOrder::Mdy)).unwrap();
        assert_eq!(mdy.cohorts[0].label, "2024-01");
        let conflicting = "c,d\nA,13/01/2024\nB,14/01/2024\nC,01/31/2024\n";
        let c = run(conflicting, Period::Month, None).unwrap();
        assert_eq!(c.skipped, vec![(4, SkipReason::WrongDayOrder)]);
    }

    #[test]
    fn clear_errors() {
        assert_eq!(inspect(""), Err(ImportError::Empty));
        assert_eq!(inspect("\u{FEFF}  \n"), Err(ImportError::Empty));
        assert_eq!(
            inspect("customer,date,amount\n"),
            Err(ImportError::HeaderOnly)
        );
        assert_eq!(
            inspect("just one column\nC1\nC2\n"),
            Err(ImportError::OneColumn)
        );
        assert_eq!(inspect("a,b\nx,y\nz,w\n"), Err(ImportError::NoDateColumn));
        assert_eq!(
            run(
                "c,date,amount\nA,2024-01-01,x\nB,2024-01-02,y\n",
                Period::Month,
                None
            )
            .map(|_| ()),
            Err(ImportError::NoRows)
        );
    }

    #[test]
    fn an_aggregated_table_equals_the_raw_rows() {
        let raw = run(BASIC, Period::Month, None).unwrap();
        // What docs/sql/duckdb.sql writes for BASIC (zero cells absent).
        let table = "cohort,offset,active,revenue\n2024-01,0,2,22.0\n2024-01,1,1,3.0\n2024-01,2,1,1.0\n2024-02,0,1,6.0\n";
        let i = inspect(table).unwrap();
        let t = i.table.unwrap();
        let a = analyze_table(table, i.delimiter, t, Period::Month).unwrap();
        for (x, y) in raw.cohorts.iter().zip(&a.cohorts) {
            assert_eq!(
                (&x.label, x.size, &x.active, &x.revenue),
                (&y.label, y.size, &y.active, &y.revenue)
            );
        }
        assert_eq!(a.cohorts.len(), raw.cohorts.len());
        assert_eq!(a.last_period, raw.last_period);
        assert_eq!(a.totals.customers, 3);
    }

    #[test]
    fn regrouping_equals_reading_again() {
        let text = "customer,date,amount\nA,05/01/2024,10\nA,20/01/2024,5\nB,31/01/2024,7\nbad,row\nA,01/02/2024,3\nC,10/02/2024,4\nB,15/03/2024,1\n";
        let i = inspect(text).unwrap();
        let settings = |g| Settings {
            delimiter: i.delimiter,
            has_header: i.has_header,
            mapping: i.mapping,
            day_order: None,
            granularity: g,
        };
        let (month, rows) = analyze_rows(text, &settings(Period::Month), &mut |_| true).unwrap();
        assert_eq!(month.skipped_count, 1);
        assert_eq!(month.day_order, Some(DayOrder::Dmy));
        for g in Period::ALL {
            let (direct, _) = analyze_rows(text, &settings(g), &mut |_| true).unwrap();
            assert_eq!(regroup(&rows, &month.reading(), g), direct, "{g:?}");
        }
    }

    #[test]
    fn json_matches_the_contract() {
        let a = run(BASIC, Period::Month, None).unwrap();
        let v: serde_json::Value =
            serde_json::from_str(&a.to_json(&|r| r.code().to_string())).unwrap();
        assert_eq!(v["schema_version"], 1);
        assert_eq!(v["granularity"], "month");
        assert_eq!(v["cohorts"][0]["cohort"], "2024-01");
        assert_eq!(v["cohorts"][0]["retention"][1], 0.5);
        assert_eq!(v["repeat_curve"][3], serde_json::Value::Null);
        assert_eq!(v["totals"]["first_date"], "2024-01-05");
        assert_eq!(v["skipped"]["count"], 0);
    }

    fn rows_strategy() -> impl Strategy<Value = Vec<(u8, i32, u16)>> {
        proptest::collection::vec((0u8..20, 0i32..400, 0u16..1000), 1..80)
    }

    proptest! {
        #[test]
        fn any_text_gives_a_result_or_an_error(s in "(?s).{0,400}") {
            if let Ok(i) = inspect(&s) {
                let settings = Settings { delimiter: i.delimiter, has_header: i.has_header, mapping: i.mapping, day_order: None, granularity: Period::Week };
                let _ = analyze(&s, &settings, &mut |_| true);
            }
        }

        #[test]
        fn every_distinct_id_is_one_customer(picks in proptest::collection::vec(0usize..14, 1..60)) {
            // Same number, other shapes: other widths, prefixes, no prefix,
            // past the array's limit, longer than a packed key, padded.
            const IDS: [&str; 14] = [
                "C0007", "C007", "C07", "C7", "7", "0007", "X0007", "C0008", "C9999",
                "C99999999", "C4194304", "customer-0000000007", " C0007 ", "c0007",
            ];
            let text: String = std::iter::once("customer,date\n".to_string())
                .chain(picks.iter().enumerate().map(|(i, &p)| format!("{},{}\n", IDS[p], dates::iso(19_700 + i as i32))))
                .collect();
            let settings = Settings {
                delimiter: Delimiter::Comma,
                has_header: true,
                mapping: Mapping { customer: 0, date: 1, amount: None, order: None },
                day_order: None,
                granularity: Period::Month,
            };
            let (a, rows) = analyze_rows(&text, &settings, &mut |_| true).unwrap();
            let distinct: std::collections::BTreeSet<&str> = picks.iter().map(|&p| IDS[p].trim()).collect();
            prop_assert_eq!(a.totals.customers, distinct.len() as u64);
            let named: std::collections::BTreeSet<&str> = (0..rows.customers()).map(|c| rows.name(c)).collect();
            prop_assert_eq!(named, distinct);
            for (i, &p) in picks.iter().enumerate() {
                prop_assert_eq!(rows.name(rows.cust[i] as usize), IDS[p].trim());
            }
        }

        #[test]
        fn shuffling_rows_changes_nothing_and_sizes_sum_to_customers(rows in rows_strategy(), seed in any::<u64>()) {
            let line = |(c, d, a): &(u8, i32, u16)| format!("C{c},{},{}.{:02}\n", dates::iso(19_700 + d), a / 100, a % 100);
            let text: String = std::iter::once("customer,date,amount\n".to_string()).chain(rows.iter().map(line)).collect();
            let mut shuffled = rows.clone();
            let mut x = seed | 1;
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            let text2: String = std::iter::once("customer,date,amount\n".to_string()).chain(shuffled.iter().map(line)).collect();
            for g in Period::ALL {
                let a = run(&text, g, None).unwrap();
                let mut b = run(&text2, g, None).unwrap();
                // Sums of amounts may differ in the last bit with another order.
                for (ca, cb) in a.cohorts.iter().zip(b.cohorts.iter_mut()) {
                    if let (Some(ra), Some(rb)) = (&ca.revenue, &mut cb.revenue) {
                        for (x, y) in ra.iter().zip(rb.iter_mut()) {
                            prop_assert!((x - *y).abs() < 1e-6);
                            *y = *x;
                        }
                    }
                }
                b.totals.revenue = a.totals.revenue;
                b.lorenz = a.lorenz.clone();
                b.top20_share = a.top20_share;
                prop_assert_eq!(&a.cohorts, &b.cohorts);
                prop_assert_eq!(a.repeat_curve, b.repeat_curve);
                prop_assert_eq!(a.cohorts.iter().map(|c| c.size).sum::<u64>(), a.totals.customers);
                for c in &a.cohorts {
                    prop_assert_eq!(c.active[0], c.size);
                    prop_assert!(c.active.iter().zip(&c.active_after).all(|(x, y)| x <= y));
                }
            }
        }
    }
}
