//! Stage 1, a first look: the delimiter, the header, the columns and a
//! guessed mapping, and the errors that stop an import before any row is
//! read. The user can change every choice (see [`Settings`]).

use crate::import::cohort_table::{detect_table, TableColumns};
use crate::import::columns::{self, Mapping};
use crate::import::csv::{self, Delimiter, Records};
use crate::import::dates::DayOrder;
use crate::import::dates::{self, Parsed};
use crate::import::shops::{self, Shop};
use crate::period::Period;

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
    /// The file is over [`MAX_FILE_BYTES`]: refused before it is read.
    TooLarge,
    /// A record (line) is over [`MAX_LINE_BYTES`] — a file without line
    /// breaks, or a quote never closed; 1-based line where it starts.
    LineTooLong { line: usize },
    /// A workbook the reader cannot open (damaged, password-protected, or
    /// not a workbook at all), with the reader's words.
    BadWorkbook(String),
    /// A workbook without a sheet that has data.
    EmptyWorkbook,
    /// A customer summary table, not transactions: no cohort table; the
    /// forecasts are fitted from it.
    SummaryTable,
}

/// The largest file the importer reads: 512 MiB (about 12 million rows of a
/// typical export; the browser tab holds the text and the rows at once).
pub const MAX_FILE_BYTES: u64 = 512 << 20;
/// The longest record (line) the importer reads: 1 MiB.
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// The longest mapped field (customer id, date, amount, order): 4 KiB; a
/// row with a longer one is skipped and listed.
pub const MAX_FIELD_BYTES: usize = 4096;

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
    /// The export layout the header was recognised as.
    pub shop: Shop,
    /// Records above the header (a report's title lines), left out.
    pub title_rows: usize,
    /// A customer summary table (for the models) rather than transactions.
    pub summary: Option<crate::import::SummaryKind>,
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
    /// The export layout (line items of one order are merged for shops).
    pub shop: Shop,
    /// Keep rows whose status says they are not purchases (default: left out).
    pub keep_all: bool,
    /// Records above the header (title lines), left out.
    pub title_rows: usize,
    /// Rows left out by a column's values (store, country …), if any.
    pub filter: Option<RowFilter>,
    /// Custom offset brackets (a view: regrouped, not read again).
    pub brackets: Vec<crate::import::brackets::Bracket>,
}

/// Keep rows whose `column` has any value but the `excluded` ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFilter {
    /// The column (0-based).
    pub column: usize,
    /// Values (trimmed) whose rows are left out.
    pub excluded: Vec<String>,
}

impl Inspection {
    /// The settings a first look proposes: its delimiter, header and
    /// mapping, the day order decided from the data, monthly cohorts.
    pub fn guessed_settings(&self) -> Settings {
        Settings {
            delimiter: self.delimiter,
            has_header: self.has_header,
            mapping: self.mapping,
            day_order: None,
            granularity: Period::Month,
            shop: self.shop,
            keep_all: false,
            title_rows: self.title_rows,
            filter: None,
            brackets: Vec::new(),
        }
    }
}

impl Settings {
    /// The same reading by another period.
    pub fn by(self, granularity: Period) -> Settings {
        Settings {
            granularity,
            ..self
        }
    }

    /// The same reading with a day order for slash dates (None: from the data).
    pub fn with_day_order(self, day_order: Option<DayOrder>) -> Settings {
        Settings { day_order, ..self }
    }
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
    // Title lines above the header (a report name, a date range, a merged
    // title cell): records with far fewer filled fields than the widest.
    let filled = |r: &Vec<String>| r.iter().filter(|f| !f.is_empty()).count();
    let widest = sample.iter().map(filled).max().unwrap_or(0);
    let title_rows = sample
        .iter()
        .take(30)
        .position(|r| filled(r) >= 2.max(widest.div_ceil(2)))
        .unwrap_or(0);
    sample.drain(..title_rows);
    let columns = sample.iter().map(Vec::len).max().unwrap_or(0);
    if columns < 2 {
        return Err(ImportError::OneColumn);
    }
    let has_header = columns::is_header(&sample[0], sample.get(1).map(Vec::as_slice));
    if has_header && sample.len() == 1 {
        return Err(ImportError::HeaderOnly);
    }
    if let Some(kind) = crate::import::detect_summary(&sample[0]) {
        return Ok(Inspection {
            delimiter,
            has_header: true,
            columns: sample[0].clone(),
            preview: sample[1..].iter().take(5).cloned().collect(),
            mapping: Mapping::default(),
            slash_dates: false,
            table: None,
            shop: Shop::Generic,
            title_rows,
            summary: Some(kind),
        });
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
                ..Mapping::default()
            },
            slash_dates: false,
            table: Some(table),
            shop: Shop::Generic,
            title_rows,
            summary: None,
        });
    }
    let body = if has_header {
        &sample[1..]
    } else {
        &sample[..]
    };
    let header = has_header.then(|| sample[0].as_slice());
    let recognised = header.and_then(|h| {
        let shop = shops::recognise(h);
        shops::mapping(shop, h).map(|m| (shop, m))
    });
    let (shop, mapping) = match recognised {
        Some(found) => found,
        None => (
            Shop::Generic,
            columns::guess(header, body, columns).ok_or(ImportError::NoDateColumn)?,
        ),
    };
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
        shop,
        title_rows,
        summary: None,
    })
}
