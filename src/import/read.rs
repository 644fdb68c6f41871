//! Stage 2, reading: every row through the mapping into (customer index,
//! day, amount), with skipped rows counted by line and reason. The rows are
//! kept (the forecasts and a period switch read them again).

use std::borrow::Cow;

use crate::import::aggregate::{regroup, Analysis, Notes, Reading};
use crate::import::amount;
use crate::import::csv::{self, Records};
use crate::import::dates::{self, DayOrder, Parsed};
use crate::import::ids::{DenseIds, FxMap, StrIds};
use crate::import::inspect::{ImportError, Settings, MAX_FIELD_BYTES, MAX_LINE_BYTES};
use crate::import::shops;

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
    /// A mapped field is over [`MAX_FIELD_BYTES`](crate::import::inspect::MAX_FIELD_BYTES).
    FieldTooLong,
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
            SkipReason::FieldTooLong => "field-too-long",
        }
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
            SkipReason::FieldTooLong => "a field is longer than 4,096 bytes",
        }
    }
}

/// A row whose customer is still to be looked up (see `StrIds::resolve`).
const PENDING_ID: u32 = u32::MAX;

/// Most skipped rows listed by line (all are counted).
pub const SKIPPED_LISTED: usize = 10_000;

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
    /// Segment value index per row, when a segment column is mapped.
    pub seg: Option<Vec<u32>>,
    /// The segment values (index → value, trimmed; "" when blank).
    pub seg_names: Vec<String>,
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
    let mut names = String::new();
    let mut ends: Vec<u32> = Vec::new();
    // Sized from the text up front (about a third of the rows are new
    // customers in typical exports): growing the table costs more than guessing.
    let approx_rows = text.len() / 24 + 16;
    let mut ids = StrIds::with_capacity(approx_rows / 3);
    let mut dense = DenseIds::default();
    let mut pending_ids: Vec<(u32, u64, u32, u32)> = Vec::new();
    let mut cust: Vec<u32> = Vec::with_capacity(approx_rows);
    let mut day: Vec<i32> = Vec::with_capacity(approx_rows);
    let mut amt: Vec<f64> = Vec::with_capacity(approx_rows);
    let mut pending: Vec<(usize, usize, Parsed)> = Vec::new(); // (row, line, slash date)
    let mut skipped: Vec<(usize, SkipReason)> = Vec::new();
    let mut skipped_count = 0u64;
    let (mut dmy_only, mut mdy_only) = (0u64, 0u64);
    let total_bytes = text.len().max(1) as f64;
    let mut first = settings.has_header;
    let mut title_left = settings.title_rows;
    // Fields of the first record (the header's, or the first row's): a row
    // with more is read and reported.
    let mut width: Option<usize> = None;
    let (mut extra_lines, mut extra_count) = (Vec::new(), 0u64);
    // Line items of one order (shop layouts): rows after an order's first.
    let merge = settings.shop.merges_line_items() && m.order.is_some();
    let mut prev_order = String::new();
    let mut line_items = 0u64;
    // Rows left out by their status, counted by status value.
    let mut filtered: Vec<(String, u64)> = Vec::new();
    let mut filtered_count = 0u64;
    let filter = !settings.keep_all && (m.status.is_some() || m.cancelled.is_some());
    let mut filter_index: FxMap<String, usize> = FxMap::default();
    let mut filter_values: Vec<(String, u64)> = Vec::new();
    let mut row_filtered = 0u64;
    let mut seg: Vec<u32> = Vec::new();
    let mut seg_names: Vec<String> = Vec::new();
    let mut seg_index: FxMap<String, u32> = FxMap::default();
    let skip = |line: usize,
                reason: SkipReason,
                skipped: &mut Vec<(usize, SkipReason)>,
                count: &mut u64| {
        *count += 1;
        if skipped.len() < SKIPPED_LISTED {
            skipped.push((line, reason));
        }
    };
    loop {
        let start = records.position();
        let Some(line) = records.next_into(&mut fields) else {
            break;
        };
        if records.position() - start > MAX_LINE_BYTES {
            return Err(ImportError::LineTooLong { line });
        }
        if title_left > 0 {
            title_left -= 1;
            continue;
        }
        let w = *width.get_or_insert(fields.len());
        if first {
            first = false;
            continue;
        }
        if fields.len() > w {
            extra_count += 1;
            if extra_lines.len() < SKIPPED_LISTED {
                extra_lines.push(line);
            }
        }
        if merge {
            let order = fields
                .get(m.order.unwrap_or(0))
                .map_or("", |f| csv::trim(f));
            if !order.is_empty() && order == prev_order {
                line_items += 1;
                continue;
            }
            prev_order.clear();
            prev_order.push_str(order);
        }
        if filter {
            let field =
                |k: Option<usize>| k.and_then(|k| fields.get(k)).map_or("", |f| csv::trim(f));
            let status = field(m.status);
            let cancelled = field(m.cancelled);
            let why = if shops::status_excluded(status) {
                Some(status)
            } else if shops::cancelled(cancelled) {
                Some(if dates::parse(cancelled).is_some() {
                    "cancelled"
                } else {
                    cancelled
                })
            } else {
                None
            };
            if let Some(why) = why {
                filtered_count += 1;
                match filtered.iter().position(|(v, _)| v == why) {
                    Some(i) => filtered[i].1 += 1,
                    None if filtered.len() < 64 => filtered.push((why.to_string(), 1)),
                    None => {}
                }
                continue;
            }
        }
        if cust.len() % 65_536 == 65_535 && !progress(records.position() as f64 / total_bytes * 0.8)
        {
            return Err(ImportError::Cancelled);
        }
        if let Some(f) = &settings.filter {
            let value = fields.get(f.column).map_or("", |v| csv::trim(v));
            match filter_index.get(value) {
                Some(&i) => filter_values[i].1 += 1,
                None => {
                    filter_index.insert(value.to_string(), filter_values.len());
                    filter_values.push((value.to_string(), 1));
                }
            }
            if f.excluded.iter().any(|e| e == value) {
                row_filtered += 1;
                continue;
            }
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
        let long = |k: usize| fields.get(k).is_some_and(|f| f.len() > MAX_FIELD_BYTES);
        if long(m.customer)
            || long(m.date)
            || m.amount.is_some_and(long)
            || m.order.is_some_and(long)
        {
            skip(
                line,
                SkipReason::FieldTooLong,
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
        let mut slash = None;
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
                        // Resolved once the whole column is seen; kept only
                        // if the row is (a bad amount below still skips it).
                        slash = Some(p);
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
        let c = match dense.slot(id) {
            // Numbered ids ("C0008992", "48213"): their number for now,
            // resolved after the loop (see `DenseIds::resolve`).
            Some(slot) => DenseIds::NUMBER | slot as u32,
            // Any other shape: one table for all (see `StrIds`), looked up
            // after the loop with the slots fetched ahead; an id that is not
            // a slice of the text (a quoted field with "" in it) at once.
            None => {
                let at = (id.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
                if at < text.len() {
                    pending_ids.push((
                        cust.len() as u32,
                        StrIds::key(id),
                        at as u32,
                        id.len() as u32,
                    ));
                    PENDING_ID
                } else {
                    ids.index(id, &mut names, &mut ends)
                }
            }
        };
        if let Some(p) = slash {
            match p.orders() {
                (true, false) => dmy_only += 1,
                (false, true) => mdy_only += 1,
                _ => {}
            }
            pending.push((cust.len(), line, p));
        }
        cust.push(c);
        day.push(d.unwrap_or(i32::MIN));
        amt.push(a);
        if let Some(k) = m.segment {
            let value = fields.get(k).map_or("", |f| csv::trim(f));
            let next = seg_names.len() as u32;
            let s = match seg_index.get(value) {
                Some(&s) => s,
                None => {
                    seg_index.insert(value.to_string(), next);
                    seg_names.push(value.to_string());
                    next
                }
            };
            seg.push(s);
        }
    }
    drop(seg_index);
    // Before `dense.resolve`: PENDING_ID has its NUMBER bit set.
    ids.resolve(text, &pending_ids, &mut cust, &mut names, &mut ends);
    drop(pending_ids);
    drop(ids);
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
        if !seg.is_empty() {
            seg = keep.iter().map(|&i| seg[i]).collect();
        }
    }
    skipped.sort_unstable();
    if cust.is_empty() {
        return Err(ImportError::NoRows);
    }
    if !progress(0.85) {
        return Err(ImportError::Cancelled);
    }
    filtered.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    drop(filter_index);
    filter_values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    filter_values.truncate(crate::import::aggregate::FILTER_VALUES_LISTED);
    let rows = Rows {
        names,
        ends,
        cust,
        day,
        amt: m.amount.map(|_| amt),
        seg: m.segment.map(|_| seg),
        seg_names,
    };
    let reading = Reading {
        skipped,
        skipped_count,
        day_order,
        notes: Notes {
            shop: settings.shop,
            extra_lines,
            extra_count,
            filtered,
            filtered_count,
            line_items,
            filter_values,
            row_filtered,
        },
        brackets: settings.brackets.clone(),
    };
    let result = regroup(&rows, &reading, settings.granularity);
    progress(1.0);
    Ok((result, rows))
}
