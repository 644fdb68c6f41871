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
    let mut reader = RowReader::new(settings, text.len());
    reader.feed(text, false, progress)?;
    reader.finish(progress)
}

/// The smallest window [`RowChunks`] reads while the text goes on: more
/// than a record can be (a longer one is an error either way,
/// [`MAX_LINE_BYTES`]), so a window's first record always ends in it.
pub const MIN_WINDOW: usize = 2 * MAX_LINE_BYTES;

/// A window of the text was not UTF-8 (the caller decodes the whole file
/// another way and reads it with [`analyze_rows`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotUtf8;

/// [`analyze_rows`] fed the bytes of a text of `total` bytes in order, in
/// pieces of any size (a file read piece by piece, the next piece perhaps
/// on its way while this one is read). What a piece cannot settle waits for
/// the next: a record that reaches its end (it may be cut), a character cut
/// in two. So the rows are the same as from the whole text.
pub struct RowChunks<'s> {
    reader: RowReader<'s>,
    /// Bytes received and not yet read (a window, once it is [`MIN_WINDOW`]).
    pending: Vec<u8>,
    received: usize,
    total: usize,
}

impl<'s> RowChunks<'s> {
    pub fn new(settings: &'s Settings, total: usize) -> RowChunks<'s> {
        RowChunks {
            reader: RowReader::new(settings, total),
            pending: Vec::new(),
            received: 0,
            total,
        }
    }

    /// The next bytes of the text.
    pub fn push(
        &mut self,
        bytes: &[u8],
        progress: &mut dyn FnMut(f64) -> bool,
    ) -> Result<Result<(), ImportError>, NotUtf8> {
        self.pending.extend_from_slice(bytes);
        self.received += bytes.len();
        let more = self.received < self.total;
        if more && self.pending.len() < MIN_WINDOW {
            return Ok(Ok(()));
        }
        self.read(more, progress)
    }

    /// Reads the pending bytes as a window (`more`: the text goes on).
    fn read(
        &mut self,
        more: bool,
        progress: &mut dyn FnMut(f64) -> bool,
    ) -> Result<Result<(), ImportError>, NotUtf8> {
        let text = match std::str::from_utf8(&self.pending) {
            Ok(t) => t,
            // A character cut by the window's end: read with the next piece.
            Err(e) if more && e.error_len().is_none() => {
                std::str::from_utf8(&self.pending[..e.valid_up_to()]).map_err(|_| NotUtf8)?
            }
            Err(_) => return Err(NotUtf8),
        };
        let read = match self.reader.feed(text, more, progress) {
            Ok(read) => read,
            Err(e) => return Ok(Err(e)),
        };
        self.pending.drain(..read);
        Ok(Ok(()))
    }

    /// The rows and their analysis, once every piece is pushed (a text
    /// shorter than `total` said is read as it is).
    pub fn finish(
        mut self,
        progress: &mut dyn FnMut(f64) -> bool,
    ) -> Result<(Analysis, Rows), ImportError> {
        if !self.pending.is_empty() {
            match self.read(false, progress) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return Err(e),
                Err(NotUtf8) => return Err(ImportError::NotText),
            }
        }
        self.reader.finish(progress)
    }
}

/// Where an id waiting for [`StrIds::resolve`] is spelled: bit 31 set, in
/// the reader's copy of quoted ids; else at that offset of the window.
const QUOTED: u32 = 1 << 31;

/// The reading's state between windows of the text: every row read so far
/// and what was found on the way. [`RowReader::feed`] reads a window,
/// [`RowReader::finish`] resolves what needed the whole column.
struct RowReader<'s> {
    settings: &'s Settings,
    needed: usize,
    /// Offset and lines of the text before the window being read.
    base: usize,
    base_line: usize,
    total_bytes: f64,
    names: String,
    ends: Vec<u32>,
    ids: StrIds,
    dense: DenseIds,
    /// Ids of this window waiting for their index: (row, key, spelling's
    /// offset — see [`QUOTED`] — and length).
    pending_ids: Vec<(u32, u64, u32, u32)>,
    /// Spellings of this window's ids that are not slices of it.
    quoted: String,
    cust: Vec<u32>,
    day: Vec<i32>,
    amt: Vec<f64>,
    /// (row, line, slash date), resolved once the whole column is seen.
    pending: Vec<(usize, usize, Parsed)>,
    skipped: Vec<(usize, SkipReason)>,
    skipped_count: u64,
    dmy_only: u64,
    mdy_only: u64,
    first: bool,
    title_left: usize,
    /// Fields of the first record (the header's, or the first row's): a row
    /// with more is read and reported.
    width: Option<usize>,
    extra_lines: Vec<usize>,
    extra_count: u64,
    /// Line items of one order (shop layouts): rows after an order's first.
    merge: bool,
    prev_order: String,
    line_items: u64,
    /// Rows left out by their status, counted by status value.
    filtered: Vec<(String, u64)>,
    filtered_count: u64,
    filter: bool,
    filter_index: FxMap<String, usize>,
    filter_values: Vec<(String, u64)>,
    row_filtered: u64,
    seg: Vec<u32>,
    seg_names: Vec<String>,
    seg_index: FxMap<String, u32>,
}

impl<'s> RowReader<'s> {
    fn new(settings: &'s Settings, total_bytes: usize) -> RowReader<'s> {
        let m = settings.mapping;
        // Sized from the text up front (about a third of the rows are new
        // customers in typical exports): growing the table costs more than guessing.
        let approx_rows = total_bytes / 24 + 16;
        RowReader {
            settings,
            needed: m.customer.max(m.date).max(m.amount.unwrap_or(0)),
            base: 0,
            base_line: 0,
            total_bytes: total_bytes.max(1) as f64,
            names: String::new(),
            ends: Vec::new(),
            ids: StrIds::with_capacity(approx_rows / 3),
            dense: DenseIds::default(),
            pending_ids: Vec::new(),
            quoted: String::new(),
            cust: Vec::with_capacity(approx_rows),
            day: Vec::with_capacity(approx_rows),
            amt: Vec::with_capacity(approx_rows),
            pending: Vec::new(),
            skipped: Vec::new(),
            skipped_count: 0,
            dmy_only: 0,
            mdy_only: 0,
            first: settings.has_header,
            title_left: settings.title_rows,
            width: None,
            extra_lines: Vec::new(),
            extra_count: 0,
            merge: settings.shop.merges_line_items() && m.order.is_some(),
            prev_order: String::new(),
            line_items: 0,
            filtered: Vec::new(),
            filtered_count: 0,
            filter: !settings.keep_all && (m.status.is_some() || m.cancelled.is_some()),
            filter_index: FxMap::default(),
            filter_values: Vec::new(),
            row_filtered: 0,
            seg: Vec::new(),
            seg_names: Vec::new(),
            seg_index: FxMap::default(),
        }
    }

    fn skip(&mut self, line: usize, reason: SkipReason) {
        self.skipped_count += 1;
        if self.skipped.len() < SKIPPED_LISTED {
            self.skipped.push((line, reason));
        }
    }

    /// Reads the records of `text`, the next window of the whole: all of
    /// them, or with `more` (the text goes on) those that end before the
    /// window does (the first one always: it is longer than a record can
    /// be if it does not). Returns the bytes read: the next window starts
    /// there.
    fn feed(
        &mut self,
        text: &str,
        more: bool,
        progress: &mut dyn FnMut(f64) -> bool,
    ) -> Result<usize, ImportError> {
        let m = self.settings.mapping;
        let settings = self.settings;
        let mut records = if self.base == 0 {
            Records::new(text, settings.delimiter)
        } else {
            Records::resume(text, settings.delimiter)
        };
        let mut fields: Vec<Cow<str>> = Vec::new();
        loop {
            let start = records.position();
            let mut ahead = records.clone();
            let Some(line) = ahead.next_into(&mut fields) else {
                break;
            };
            if more && start > 0 && ahead.position() >= text.len() {
                break;
            }
            records = ahead;
            let line = self.base_line + line;
            if records.position() - start > MAX_LINE_BYTES {
                return Err(ImportError::LineTooLong { line });
            }
            if self.title_left > 0 {
                self.title_left -= 1;
                continue;
            }
            let w = *self.width.get_or_insert(fields.len());
            if self.first {
                self.first = false;
                continue;
            }
            if fields.len() > w {
                self.extra_count += 1;
                if self.extra_lines.len() < SKIPPED_LISTED {
                    self.extra_lines.push(line);
                }
            }
            if self.merge {
                let order = fields
                    .get(m.order.unwrap_or(0))
                    .map_or("", |f| csv::trim(f));
                if !order.is_empty() && order == self.prev_order {
                    self.line_items += 1;
                    continue;
                }
                self.prev_order.clear();
                self.prev_order.push_str(order);
            }
            if self.filter {
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
                    self.filtered_count += 1;
                    match self.filtered.iter().position(|(v, _)| v == why) {
                        Some(i) => self.filtered[i].1 += 1,
                        None if self.filtered.len() < 64 => {
                            self.filtered.push((why.to_string(), 1))
                        }
                        None => {}
                    }
                    continue;
                }
            }
            if self.cust.len() % 65_536 == 65_535
                && !progress((self.base + records.position()) as f64 / self.total_bytes * 0.8)
            {
                return Err(ImportError::Cancelled);
            }
            if let Some(f) = &settings.filter {
                let value = fields.get(f.column).map_or("", |v| csv::trim(v));
                match self.filter_index.get(value) {
                    Some(&i) => self.filter_values[i].1 += 1,
                    None => {
                        self.filter_index
                            .insert(value.to_string(), self.filter_values.len());
                        self.filter_values.push((value.to_string(), 1));
                    }
                }
                if f.excluded.iter().any(|e| e == value) {
                    self.row_filtered += 1;
                    continue;
                }
            }
            if fields.len() <= self.needed {
                self.skip(line, SkipReason::MissingField);
                continue;
            }
            let long = |k: usize| fields.get(k).is_some_and(|f| f.len() > MAX_FIELD_BYTES);
            if long(m.customer)
                || long(m.date)
                || m.amount.is_some_and(long)
                || m.order.is_some_and(long)
            {
                self.skip(line, SkipReason::FieldTooLong);
                continue;
            }
            let id = csv::trim(&fields[m.customer]);
            if id.is_empty() {
                self.skip(line, SkipReason::EmptyCustomer);
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
                                self.skip(line, SkipReason::WrongDayOrder);
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
                        self.skip(line, SkipReason::BadDate);
                        continue;
                    }
                },
            };
            let a = match m.amount {
                Some(col) => match amount::parse(&fields[col]) {
                    Some(v) => v,
                    None => {
                        self.skip(line, SkipReason::BadAmount);
                        continue;
                    }
                },
                None => 0.0,
            };
            let c = match self.dense.slot(id) {
                // Numbered ids ("C0008992", "48213"): their number for now,
                // resolved after the last window (see `DenseIds::resolve`).
                Some(slot) => DenseIds::NUMBER | slot as u32,
                // Any other shape: one table for all (see `StrIds`), looked
                // up at the window's end with the slots fetched ahead, in row
                // order; an id that is not a slice of the text (a quoted
                // field with "" in it) is copied aside first.
                None => {
                    let at = (id.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
                    let spelled = if at < text.len() {
                        // A text over 2 GB (natively): past that, at once.
                        Some(at).filter(|&at| at < QUOTED as usize)
                    } else {
                        let copied = self.quoted.len() | QUOTED as usize;
                        self.quoted.push_str(id);
                        Some(copied)
                    };
                    match spelled {
                        Some(spelled) => {
                            self.pending_ids.push((
                                self.cust.len() as u32,
                                StrIds::key(id),
                                spelled as u32,
                                id.len() as u32,
                            ));
                            PENDING_ID
                        }
                        None => self.ids.index(id, &mut self.names, &mut self.ends),
                    }
                }
            };
            if let Some(p) = slash {
                match p.orders() {
                    (true, false) => self.dmy_only += 1,
                    (false, true) => self.mdy_only += 1,
                    _ => {}
                }
                self.pending.push((self.cust.len(), line, p));
            }
            self.cust.push(c);
            self.day.push(d.unwrap_or(i32::MIN));
            self.amt.push(a);
            if let Some(k) = m.segment {
                let value = fields.get(k).map_or("", |f| csv::trim(f));
                let next = self.seg_names.len() as u32;
                let s = match self.seg_index.get(value) {
                    Some(&s) => s,
                    None => {
                        self.seg_index.insert(value.to_string(), next);
                        self.seg_names.push(value.to_string());
                        next
                    }
                };
                self.seg.push(s);
            }
        }
        // Before `dense.resolve`: PENDING_ID has its NUMBER bit set.
        self.ids.resolve(
            text,
            &self.quoted,
            &self.pending_ids,
            &mut self.cust,
            &mut self.names,
            &mut self.ends,
        );
        self.pending_ids.clear();
        self.quoted.clear();
        let read = records.position().min(text.len());
        self.base += read;
        self.base_line += records.lines();
        Ok(read)
    }

    /// The rows and their analysis, once every window is read.
    fn finish(
        self,
        progress: &mut dyn FnMut(f64) -> bool,
    ) -> Result<(Analysis, Rows), ImportError> {
        let RowReader {
            settings,
            mut names,
            mut ends,
            mut dense,
            mut cust,
            mut day,
            mut amt,
            pending,
            mut skipped,
            mut skipped_count,
            dmy_only,
            mdy_only,
            extra_lines,
            extra_count,
            line_items,
            mut filtered,
            filtered_count,
            filter_index,
            mut filter_values,
            row_filtered,
            mut seg,
            seg_names,
            seg_index,
            ..
        } = self;
        let m = settings.mapping;
        drop(seg_index);
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
                    skipped_count += 1;
                    if skipped.len() < SKIPPED_LISTED {
                        skipped.push((line, SkipReason::WrongDayOrder));
                    }
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
}

#[cfg(test)]
mod window_tests;
