//! A compact text form of an import's result, so the Web Worker that parses
//! a file can hand it to the page (numbers exact, strings escaped), and of
//! the settings the page sends to the worker. Reading is total.

use std::fmt::Write as _;

use crate::forecast::predict::{Options, Unit};
use crate::formats::decimal;
use crate::import::columns::Mapping;
use crate::import::csv::Delimiter;
use crate::import::dates::DayOrder;
use crate::import::shops::Shop;
use crate::import::{Analysis, ImportError, Inspection, Period, Settings, SkipReason};
use crate::import::{CohortRow, Segment, Totals};

fn esc(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\t', "%09")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
        .replace(',', "%2C")
}

fn unesc(s: &str) -> String {
    s.replace("%2C", ",")
        .replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%09", "\t")
        .replace("%25", "%")
}

fn list<T: ToString>(v: &[T]) -> String {
    v.iter().map(T::to_string).collect::<Vec<_>>().join(",")
}

/// Amounts of a cohort row as the hex of their bits: exact, and read back
/// without the decimal parser's slow path (sums of amounts often need 17
/// digits), which a daily table's quarter million amounts would take.
fn bits_list(v: &[f64]) -> String {
    let mut out = String::with_capacity(v.len() * 17);
    for (i, x) in v.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{:x}", x.to_bits());
    }
    out
}

fn parse_bits_list(s: &str) -> Option<Vec<f64>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    s.split(',')
        .map(|f| {
            let ok = !f.is_empty() && f.bytes().all(|b| b.is_ascii_hexdigit());
            ok.then(|| u64::from_str_radix(f, 16).ok().map(f64::from_bits))
                .flatten()
        })
        .collect()
}

/// A number field: integers by `FromStr`, decimals by [`decimal::parse`]
/// (same result, none of the standard float tables in the page's bundle).
trait Field: Sized {
    fn read(s: &str) -> Option<Self>;

    /// A non-empty comma-separated list.
    fn read_list(s: &str) -> Option<Vec<Self>> {
        s.split(',').map(Self::read).collect()
    }
}

impl Field for f64 {
    fn read(s: &str) -> Option<f64> {
        decimal::parse(s)
    }
}

// Integers are read by the one digit reader below (plain digits, a minus
// for i32), which also keeps `FromStr` of each integer type out of the bundle.
impl Field for usize {
    fn read(s: &str) -> Option<usize> {
        u64::read(s)?.try_into().ok()
    }
}

impl Field for i32 {
    fn read(s: &str) -> Option<i32> {
        match s.strip_prefix('-') {
            Some(rest) => 0i32.checked_sub_unsigned(u64::read(rest)?.try_into().ok()?),
            None => u64::read(s)?.try_into().ok(),
        }
    }
}

impl Field for u64 {
    fn read(s: &str) -> Option<u64> {
        match u64::read_list(s)?.as_slice() {
            [v] => Some(*v),
            _ => None,
        }
    }

    /// Counts are most of a daily table's million numbers: read in one pass
    /// over the bytes (plain digits, as [`encode`] writes them).
    fn read_list(s: &str) -> Option<Vec<u64>> {
        let mut out = Vec::with_capacity(s.len() / 2 + 1);
        let (mut v, mut digits) = (0u64, 0usize);
        for &b in s.as_bytes() {
            if b == b',' {
                if digits == 0 {
                    return None;
                }
                out.push(v);
                (v, digits) = (0, 0);
            } else if b.is_ascii_digit() {
                v = v.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                digits += 1;
            } else {
                return None;
            }
        }
        if digits == 0 {
            return None;
        }
        out.push(v);
        Some(out)
    }
}

fn parse_list<T: Field>(s: &str) -> Option<Vec<T>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    T::read_list(s)
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or("-".to_string(), |x| x.to_string())
}

fn parse_opt<T: Field>(s: &str) -> Option<Option<T>> {
    if s == "-" {
        Some(None)
    } else {
        T::read(s).map(Some)
    }
}

fn delimiter_code(d: Delimiter) -> &'static str {
    match d {
        Delimiter::Comma => "comma",
        Delimiter::Semicolon => "semicolon",
        Delimiter::Tab => "tab",
        Delimiter::Spaces => "spaces",
    }
}

fn delimiter_from(s: &str) -> Option<Delimiter> {
    Some(match s {
        "comma" => Delimiter::Comma,
        "semicolon" => Delimiter::Semicolon,
        "tab" => Delimiter::Tab,
        "spaces" => Delimiter::Spaces,
        _ => return None,
    })
}

/// An import error as its code (`bad-workbook:<why>`, `line-too-long:<n>`).
pub fn error_code(e: &ImportError) -> String {
    if let ImportError::LineTooLong { line } = e {
        return format!("line-too-long:{line}");
    }
    if let ImportError::BadWorkbook(why) = e {
        return format!("bad-workbook:{}", esc(why));
    }
    match e {
        ImportError::Empty => "empty",
        ImportError::NotText => "not-text",
        ImportError::HeaderOnly => "header-only",
        ImportError::OneColumn => "one-column",
        ImportError::NoDateColumn => "no-date-column",
        ImportError::NeedsDateOrder => "needs-date-order",
        ImportError::NoRows => "no-rows",
        ImportError::BadMapping => "bad-mapping",
        ImportError::Cancelled => "cancelled",
        ImportError::NoWorker => "no-worker",
        ImportError::StaleWorker => "stale-worker",
        ImportError::TooLarge => "too-large",
        ImportError::LineTooLong { .. } => "line-too-long",
        ImportError::BadWorkbook(_) => "bad-workbook",
        ImportError::EmptyWorkbook => "empty-workbook",
        ImportError::SummaryTable => "summary-table",
    }
    .to_string()
}

/// The import error of a code written by [`error_code`].
pub fn error_from(s: &str) -> ImportError {
    match s {
        "empty" => ImportError::Empty,
        "not-text" => ImportError::NotText,
        "header-only" => ImportError::HeaderOnly,
        "one-column" => ImportError::OneColumn,
        "no-date-column" => ImportError::NoDateColumn,
        "needs-date-order" => ImportError::NeedsDateOrder,
        "no-rows" => ImportError::NoRows,
        "cancelled" => ImportError::Cancelled,
        "no-worker" => ImportError::NoWorker,
        "stale-worker" => ImportError::StaleWorker,
        "too-large" => ImportError::TooLarge,
        "empty-workbook" => ImportError::EmptyWorkbook,
        "summary-table" => ImportError::SummaryTable,
        s if s.starts_with("bad-workbook:") => ImportError::BadWorkbook(unesc(&s[13..])),
        s => match s
            .strip_prefix("line-too-long:")
            .and_then(|n| n.parse().ok())
        {
            Some(line) => ImportError::LineTooLong { line },
            None => ImportError::BadMapping,
        },
    }
}

fn reason_from(s: &str) -> Option<SkipReason> {
    use SkipReason::*;
    [
        MissingField,
        EmptyCustomer,
        BadDate,
        WrongDayOrder,
        BadAmount,
        FieldTooLong,
    ]
    .into_iter()
    .find(|r| r.code() == s)
}

fn order_code(o: Option<DayOrder>) -> &'static str {
    match o {
        Some(DayOrder::Dmy) => "dmy",
        Some(DayOrder::Mdy) => "mdy",
        None => "-",
    }
}

fn order_from(s: &str) -> Option<DayOrder> {
    match s {
        "dmy" => Some(DayOrder::Dmy),
        "mdy" => Some(DayOrder::Mdy),
        _ => None,
    }
}

/// Settings as one line.
pub fn encode_settings(s: &Settings) -> String {
    let m = s.mapping;
    [
        delimiter_code(s.delimiter).to_string(),
        (s.has_header as u8).to_string(),
        m.customer.to_string(),
        m.date.to_string(),
        opt(m.amount),
        opt(m.order),
        order_code(s.day_order).to_string(),
        s.granularity.code().to_string(),
        s.shop.code().to_string(),
        (s.keep_all as u8).to_string(),
        opt(m.status),
        opt(m.cancelled),
        opt(m.segment),
        s.title_rows.to_string(),
        s.filter.as_ref().map_or("-".to_string(), |f| {
            let values: Vec<String> = f.excluded.iter().map(|v| esc(v)).collect();
            format!("{}:{}", f.column, values.join(","))
        }),
        if s.brackets.is_empty() {
            "-".to_string()
        } else {
            crate::import::brackets::write(&s.brackets)
        },
    ]
    .join("\t")
}

/// Reads settings written by [`encode_settings`].
pub fn decode_settings(text: &str) -> Option<Settings> {
    let f: Vec<&str> = text.split('\t').collect();
    if f.len() != 16 {
        return None;
    }
    Some(Settings {
        delimiter: delimiter_from(f[0])?,
        has_header: f[1] == "1",
        mapping: Mapping {
            customer: Field::read(f[2])?,
            date: Field::read(f[3])?,
            amount: parse_opt(f[4])?,
            order: parse_opt(f[5])?,
            status: parse_opt(f[10])?,
            cancelled: parse_opt(f[11])?,
            segment: parse_opt(f[12])?,
        },
        day_order: order_from(f[6]),
        granularity: Period::from_code(f[7])?,
        shop: Shop::from_code(f[8])?,
        keep_all: f[9] == "1",
        title_rows: Field::read(f[13])?,
        filter: match f[14] {
            "-" => None,
            v => {
                let (column, values) = v.split_once(':')?;
                Some(crate::import::RowFilter {
                    column: Field::read(column)?,
                    excluded: if values.is_empty() {
                        Vec::new()
                    } else {
                        values.split(',').map(unesc).collect()
                    },
                })
            }
        },
        brackets: match f[15] {
            "-" => Vec::new(),
            b => crate::import::brackets::parse(b).ok()?,
        },
    })
}

/// The version of the result format, its first line. The worker's files are
/// not content-hashed, so a cached worker from before an update can answer a
/// newer page: the page then says to reload instead of misreading numbers.
pub const VERSION: u32 = 4;

/// An inspection and a result as text.
pub fn encode(
    inspection: &Result<Inspection, ImportError>,
    result: &Result<Analysis, ImportError>,
) -> String {
    let mut out = vec![format!("wire\t{VERSION}")];
    match inspection {
        Ok(i) => {
            out.push(format!(
                "inspection\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                delimiter_code(i.delimiter),
                i.has_header as u8,
                i.mapping.customer,
                i.mapping.date,
                opt(i.mapping.amount),
                opt(i.mapping.order),
                i.slash_dates as u8,
                i.table.map_or("-".to_string(), |t| format!(
                    "{},{},{},{}",
                    t.cohort,
                    t.offset,
                    t.active,
                    opt(t.revenue)
                )),
                i.shop.code(),
                opt(i.mapping.status),
                opt(i.mapping.cancelled),
                i.title_rows,
                match i.summary {
                    None => "-",
                    Some(crate::import::SummaryKind::Customers) => "customers",
                    Some(crate::import::SummaryKind::Patterns) => "patterns",
                }
            ));
            out.push(format!(
                "columns\t{}",
                i.columns
                    .iter()
                    .map(|c| esc(c))
                    .collect::<Vec<_>>()
                    .join("\t")
            ));
        }
        Err(e) => out.push(format!("inspection-error\t{}", error_code(e))),
    }
    match result {
        Err(e) => out.push(format!("error\t{}", error_code(e))),
        Ok(a) => {
            let t = &a.totals;
            out.push(format!(
                "analysis\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                a.granularity.code(),
                a.last_period,
                t.customers,
                t.rows,
                t.occasions,
                opt(t.revenue),
                t.repeat_rate,
                t.first_date,
                t.last_date,
                a.skipped_count,
                order_code(a.day_order),
                opt(a.top20_share)
            ));
            out.push(format!(
                "repeat\t{}",
                a.repeat_curve
                    .iter()
                    .map(|r| opt(*r))
                    .collect::<Vec<_>>()
                    .join(",")
            ));
            out.push(format!("tiers\t{}\t{}", list(&a.tiers), list(&a.lifecycle)));
            out.push(format!(
                "lorenz\t{}",
                a.lorenz.as_ref().map_or("-".to_string(), |l| list(l))
            ));
            out.push(format!(
                "skipped\t{}",
                a.skipped
                    .iter()
                    .map(|(l, r)| format!("{l}:{}", r.code()))
                    .collect::<Vec<_>>()
                    .join(",")
            ));
            let n = &a.notes;
            out.push(format!(
                "notes\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                n.shop.code(),
                n.extra_count,
                list(&n.extra_lines),
                n.filtered_count,
                n.filtered
                    .iter()
                    .map(|(v, c)| format!("{c}:{}", esc(v)))
                    .collect::<Vec<_>>()
                    .join(","),
                n.line_items,
                n.row_filtered,
                n.filter_values
                    .iter()
                    .map(|(v, c)| format!("{c}:{}", esc(v)))
                    .collect::<Vec<_>>()
                    .join(",")
            ));
            let cohort = |tag: &str, c: &CohortRow| {
                format!(
                    "{tag}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    c.period,
                    esc(&c.label),
                    c.size,
                    list(&c.active),
                    list(&c.active_after),
                    c.revenue.as_ref().map_or("-".to_string(), |r| bits_list(r)),
                    list(&c.orders)
                )
            };
            for c in &a.cohorts {
                out.push(cohort("cohort", c));
            }
            if !a.brackets.is_empty() {
                out.push(format!(
                    "brackets\t{}",
                    crate::import::brackets::write(&a.brackets)
                ));
                for r in &a.bracket_rows {
                    out.push(format!(
                        "bracket-row\t{}\t{}\t{}\t{}",
                        r.period,
                        esc(&r.label),
                        r.size,
                        list(&r.active)
                    ));
                }
            }
            for s in &a.segments {
                out.push(format!(
                    "segment\t{}\t{}\t{}",
                    esc(&s.name),
                    s.customers,
                    s.other as u8
                ));
                for c in &s.cohorts {
                    out.push(cohort("segment-cohort", c));
                }
            }
        }
    }
    out.join("\n")
}

/// Reads what [`encode`] wrote; None if the text is not such a result, a
/// [`ImportError::StaleWorker`] if it came from another version of the page.
#[allow(clippy::type_complexity)]
pub fn decode(
    text: &str,
) -> Option<(
    Result<Inspection, ImportError>,
    Result<Analysis, ImportError>,
)> {
    let mut inspection = None;
    let mut columns = Vec::new();
    let mut result: Option<Result<Analysis, ImportError>> = None;
    let mut analysis: Option<Analysis> = None;
    let mut lines = text.lines();
    if lines.next() != Some(&format!("wire\t{VERSION}")) {
        let stale = ImportError::StaleWorker;
        return Some((Err(stale.clone()), Err(stale)));
    }
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "inspection" if f.len() == 14 => {
                inspection = Some(Ok(Inspection {
                    delimiter: delimiter_from(f[1])?,
                    has_header: f[2] == "1",
                    columns: Vec::new(),
                    preview: Vec::new(),
                    mapping: Mapping {
                        customer: Field::read(f[3])?,
                        date: Field::read(f[4])?,
                        amount: parse_opt(f[5])?,
                        order: parse_opt(f[6])?,
                        status: parse_opt(f[10])?,
                        cancelled: parse_opt(f[11])?,
                        segment: None,
                    },
                    shop: Shop::from_code(f[9])?,
                    title_rows: Field::read(f[12])?,
                    summary: match f[13] {
                        "customers" => Some(crate::import::SummaryKind::Customers),
                        "patterns" => Some(crate::import::SummaryKind::Patterns),
                        _ => None,
                    },
                    slash_dates: f[7] == "1",
                    table: if f[8] == "-" {
                        None
                    } else {
                        let t: Vec<&str> = f[8].split(',').collect();
                        if t.len() != 4 {
                            return None;
                        }
                        Some(crate::import::TableColumns {
                            cohort: Field::read(t[0])?,
                            offset: Field::read(t[1])?,
                            active: Field::read(t[2])?,
                            revenue: parse_opt(t[3])?,
                        })
                    },
                }))
            }
            "inspection-error" if f.len() == 2 => inspection = Some(Err(error_from(f[1]))),
            "columns" => columns = f[1..].iter().map(|c| unesc(c)).collect(),
            "error" if f.len() == 2 => result = Some(Err(error_from(f[1]))),
            "analysis" if f.len() == 13 => {
                analysis = Some(Analysis {
                    granularity: Period::from_code(f[1])?,
                    last_period: Field::read(f[2])?,
                    cohorts: Vec::new(),
                    repeat_curve: [None; 10],
                    tiers: [0; 4],
                    lifecycle: [0; 4],
                    lorenz: None,
                    top20_share: parse_opt(f[12])?,
                    totals: Totals {
                        customers: Field::read(f[3])?,
                        rows: Field::read(f[4])?,
                        occasions: Field::read(f[5])?,
                        revenue: parse_opt(f[6])?,
                        repeat_rate: Field::read(f[7])?,
                        first_date: Field::read(f[8])?,
                        last_date: Field::read(f[9])?,
                    },
                    skipped: Vec::new(),
                    skipped_count: Field::read(f[10])?,
                    day_order: order_from(f[11]),
                    notes: Default::default(),
                    segments: Vec::new(),
                    brackets: Vec::new(),
                    bracket_rows: Vec::new(),
                })
            }
            "repeat" if f.len() == 2 => {
                let a = analysis.as_mut()?;
                let values: Vec<Option<f64>> =
                    f[1].split(',').map(parse_opt).collect::<Option<_>>()?;
                a.repeat_curve = values.try_into().ok()?;
            }
            "tiers" if f.len() == 3 => {
                let a = analysis.as_mut()?;
                a.tiers = parse_list::<u64>(f[1])?.try_into().ok()?;
                a.lifecycle = parse_list::<u64>(f[2])?.try_into().ok()?;
            }
            "lorenz" if f.len() == 2 => {
                analysis.as_mut()?.lorenz = if f[1] == "-" {
                    None
                } else {
                    Some(parse_list(f[1])?)
                };
            }
            "skipped" if f.len() == 2 => {
                let a = analysis.as_mut()?;
                if !f[1].is_empty() {
                    for item in f[1].split(',') {
                        let (l, r) = item.split_once(':')?;
                        a.skipped.push((Field::read(l)?, reason_from(r)?));
                    }
                }
            }
            "notes" if f.len() == 9 => {
                let n = &mut analysis.as_mut()?.notes;
                n.shop = Shop::from_code(f[1])?;
                n.extra_count = Field::read(f[2])?;
                n.extra_lines = if f[3].is_empty() {
                    Vec::new()
                } else {
                    parse_list(f[3])?
                };
                n.filtered_count = Field::read(f[4])?;
                if !f[5].is_empty() {
                    for item in f[5].split(',') {
                        let (c, v) = item.split_once(':')?;
                        n.filtered.push((unesc(v), Field::read(c)?));
                    }
                }
                n.line_items = Field::read(f[6])?;
                n.row_filtered = Field::read(f[7])?;
                if !f[8].is_empty() {
                    for item in f[8].split(',') {
                        let (c, v) = item.split_once(':')?;
                        n.filter_values.push((unesc(v), Field::read(c)?));
                    }
                }
            }
            "brackets" if f.len() == 2 => {
                analysis.as_mut()?.brackets = crate::import::brackets::parse(f[1]).ok()?;
            }
            "bracket-row" if f.len() == 5 => {
                analysis
                    .as_mut()?
                    .bracket_rows
                    .push(crate::import::brackets::BracketRow {
                        period: Field::read(f[1])?,
                        label: unesc(f[2]),
                        size: Field::read(f[3])?,
                        active: if f[4].is_empty() {
                            Vec::new()
                        } else {
                            parse_list(f[4])?
                        },
                    });
            }
            "segment" if f.len() == 4 => analysis.as_mut()?.segments.push(Segment {
                name: unesc(f[1]),
                customers: Field::read(f[2])?,
                other: f[3] == "1",
                cohorts: Vec::new(),
            }),
            tag @ ("cohort" | "segment-cohort") if f.len() == 8 => {
                let row = CohortRow {
                    period: Field::read(f[1])?,
                    label: unesc(f[2]),
                    size: Field::read(f[3])?,
                    active: parse_list(f[4])?,
                    active_after: parse_list(f[5])?,
                    revenue: if f[6] == "-" {
                        None
                    } else {
                        Some(parse_bits_list(f[6])?)
                    },
                    orders: parse_list(f[7])?,
                };
                // One value per offset in every list (the views index them).
                let n = row.active.len();
                let same = row.active_after.len() == n
                    && row.orders.len() == n
                    && row.revenue.as_ref().is_none_or(|r| r.len() == n);
                if !same {
                    return None;
                }
                let a = analysis.as_mut()?;
                if tag == "cohort" {
                    a.cohorts.push(row);
                } else {
                    a.segments.last_mut()?.cohorts.push(row);
                }
            }
            _ => return None,
        }
    }
    if let Some(Ok(i)) = inspection.as_mut() {
        i.columns = columns;
    }
    let result = match (result, analysis) {
        (Some(r), _) => r,
        (None, Some(a)) => Ok(a),
        (None, None) => return None,
    };
    Some((inspection?, result))
}

/// Forecast options as one line.
pub fn encode_options(o: &Options) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}",
        o.calibration_end,
        o.unit.code(),
        o.horizon,
        o.margin,
        o.discount
    )
}

/// Reads options written by [`encode_options`].
pub fn decode_options(text: &str) -> Option<Options> {
    let f: Vec<&str> = text.split('\t').collect();
    if f.len() != 5 {
        return None;
    }
    Some(Options {
        calibration_end: Field::read(f[0])?,
        unit: Unit::from_code(f[1])?,
        horizon: Field::read(f[2])?,
        margin: Field::read(f[3])?,
        discount: Field::read(f[4])?,
    })
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;
