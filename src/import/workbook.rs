//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) as the text the
//! importer reads: one sheet written as CSV, one line per sheet row (blank
//! rows kept blank, so a skipped row's line number is its row in Excel),
//! date-formatted cells as `YYYY-MM-DD[ HH:MM:SS]`, numbers as numbers
//! (`48213`, not `48213.0`), errors as Excel writes them (`#N/A`). The same
//! data as CSV and as a workbook then give the same analysis.
//!
//! The reader is calamine (pure Rust). In the browser only the workbook
//! worker (`src/bin/workbook-worker.rs`) calls this, so its code is in that
//! wasm file alone, fetched when a workbook is opened.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, DataRef, Reader, Sheets};

use crate::import::inspect::ImportError;

mod xlsx;

/// One sheet of a workbook, as text.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetText {
    /// Every sheet's name, in workbook order.
    pub names: Vec<String>,
    /// The sheet read.
    pub name: String,
    /// Its rows as CSV.
    pub text: String,
}

/// Whether bytes start like a workbook: a zip (xlsx, xlsb, ods) or an OLE
/// compound file (xls).
pub fn looks_like_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Whether a file name is a workbook's.
pub fn is_workbook_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"]
        .iter()
        .any(|e| n.ends_with(e))
}

/// Reads `sheet` (None: the first sheet with data) of a workbook as CSV.
/// An `.xlsx` / `.xlsm` is read by our own scanner ([`xlsx`]); anything it
/// does not read (`.xls`, `.xlsb`, `.ods`, a part it does not know) by
/// calamine, which gives the same text.
pub fn sheet_text(bytes: &[u8], sheet: Option<&str>) -> Result<SheetText, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        match xlsx::sheet_text(bytes, sheet, xlsx::PIECE) {
            Ok(s) => return Ok(s),
            Err(xlsx::Unread::Final(e)) => return Err(e),
            Err(xlsx::Unread::Other(_)) => {}
        }
    }
    calamine_text(bytes, sheet)
}

/// [`sheet_text`] by calamine alone.
fn calamine_text(bytes: &[u8], sheet: Option<&str>) -> Result<SheetText, ImportError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| ImportError::BadWorkbook(short(&e.to_string())))?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(ImportError::EmptyWorkbook);
    }
    if let Sheets::Xlsx(xlsx) = &mut book {
        // .xlsx / .xlsm: cells streamed straight into the text, never
        // collected into a range of every cell first.
        let wanted: Vec<String> = match sheet {
            Some(s) if names.iter().any(|n| n == s) => vec![s.to_string()],
            Some(_) => return Err(ImportError::BadMapping),
            None => names.clone(),
        };
        for name in wanted {
            let text = stream_xlsx(xlsx, &name)?;
            if !text.trim().is_empty() || sheet.is_some() {
                if text.trim().is_empty() {
                    return Err(ImportError::Empty);
                }
                return Ok(SheetText { names, name, text });
            }
        }
        return Err(ImportError::EmptyWorkbook);
    }
    let mut read = |name: &str| {
        book.worksheet_range(name)
            .map_err(|e| ImportError::BadWorkbook(short(&e.to_string())))
    };
    let (name, range) = match sheet {
        Some(s) if names.iter().any(|n| n == s) => (s.to_string(), read(s)?),
        Some(_) => return Err(ImportError::BadMapping),
        None => {
            let mut found = None;
            for n in &names {
                let r = read(n)?;
                if !r.is_empty() {
                    found = Some((n.clone(), r));
                    break;
                }
            }
            found.ok_or(ImportError::EmptyWorkbook)?
        }
    };
    if range.is_empty() {
        return Err(ImportError::Empty);
    }
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let width = range.width();
    let mut text = String::with_capacity(range.height() * width * 8);
    // Rows above the used range: blank lines, so line n is Excel's row n.
    for _ in 0..first_row {
        text.push('\n');
    }
    let mut cell = String::new();
    for row in range.rows() {
        // Columns left of the used range: empty fields, so column letters
        // keep their place (A is field 1).
        let blank = row.iter().all(|c| matches!(c, Data::Empty));
        if !blank {
            for _ in 0..first_col {
                text.push(',');
            }
            let last = row
                .iter()
                .rposition(|c| !matches!(c, Data::Empty))
                .unwrap_or(0);
            for (i, c) in row[..=last].iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                cell.clear();
                write_cell(c, &mut cell);
                push_field(&mut text, &cell);
            }
        }
        text.push('\n');
    }
    Ok(SheetText { names, name, text })
}

/// One .xlsx sheet as CSV from calamine's cell reader (cells arrive in row
/// order): row r on line r + 1, column A as field 1 — the same text the
/// range path writes, without building every cell first.
fn stream_xlsx<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Result<String, ImportError> {
    let bad = |e: calamine::XlsxError| ImportError::BadWorkbook(short(&e.to_string()));
    let mut cells = xlsx.worksheet_cells_reader(name).map_err(bad)?;
    let mut text = String::new();
    let mut row = 0u32;
    // The column of the last field written on this row.
    let mut last: Option<u32> = None;
    let mut cell = String::new();
    while let Some(c) = cells.next_cell().map_err(bad)? {
        if matches!(c.get_value(), DataRef::Empty) {
            continue;
        }
        let (r, k) = c.get_position();
        if r < row || (r == row && last.is_some_and(|p| k <= p)) {
            return Err(ImportError::BadWorkbook("cells out of order".to_string()));
        }
        while row < r {
            text.push('\n');
            row += 1;
            last = None;
        }
        let commas = match last {
            None => k,
            Some(p) => k - p,
        };
        for _ in 0..commas {
            text.push(',');
        }
        cell.clear();
        write_cell_ref(c.get_value(), &mut cell);
        push_field(&mut text, &cell);
        last = Some(k);
    }
    if last.is_some() {
        text.push('\n');
    }
    Ok(text)
}

/// A streamed cell's value, as [`write_cell`] writes it.
fn write_cell_ref(c: &DataRef<'_>, out: &mut String) {
    match c {
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::String(s) => out.push_str(s),
        DataRef::Empty => {}
        DataRef::Int(i) => write_cell(&Data::Int(*i), out),
        DataRef::Float(f) => write_number(*f, out),
        DataRef::Bool(b) => write_cell(&Data::Bool(*b), out),
        DataRef::DateTime(dt) => write_cell(&Data::DateTime(*dt), out),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::Error(e) => write_cell(&Data::Error(e.clone()), out),
    }
}

/// A library message, shortened for the page.
fn short(message: &str) -> String {
    message.chars().take(200).collect()
}

/// A cell's value as the importer reads it.
fn write_cell(c: &Data, out: &mut String) {
    use std::fmt::Write as _;
    match c {
        Data::Empty => {}
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => out.push_str(s),
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => write_number(*f, out),
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let _ = write!(out, "{y:04}-{m:02}-{d:02}");
            if (h, mi, s) != (0, 0, 0) {
                let _ = write!(out, " {h:02}:{mi:02}:{s:02}");
            }
        }
        Data::DateTime(dt) => write_number(dt.as_f64(), out),
        Data::Error(e) => {
            let _ = write!(out, "{e}");
        }
    }
}

/// A number as Excel shows it in General format, near enough: whole
/// numbers without a decimal point, others in the shortest exact form.
fn write_number(f: f64, out: &mut String) {
    use std::fmt::Write as _;
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// A CSV field, quoted when it must be (RFC 4180).
fn push_field(text: &mut String, field: &str) {
    if field
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        text.push('"');
        text.push_str(&field.replace('"', "\"\""));
        text.push('"');
    } else {
        text.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_workbook_is_a_clear_error() {
        assert_eq!(sheet_text(b"", None), Err(ImportError::Empty));
        assert!(matches!(
            sheet_text(b"PK\x03\x04garbage", None),
            Err(ImportError::BadWorkbook(_))
        ));
        assert!(is_workbook_name("Orders 2024.XLSX"));
        assert!(!is_workbook_name("orders.csv"));
        assert!(looks_like_workbook(b"PK\x03\x04...."));
    }

    #[test]
    fn cells_as_the_importer_reads_them() {
        let mut s = String::new();
        write_cell(&Data::Float(48213.0), &mut s);
        assert_eq!(s, "48213");
        s.clear();
        write_cell(&Data::Float(12.5), &mut s);
        assert_eq!(s, "12.5");
        s.clear();
        let dt =
            calamine::ExcelDateTime::new(45296.0, calamine::ExcelDateTimeType::DateTime, false);
        write_cell(&Data::DateTime(dt), &mut s);
        assert_eq!(s, "2024-01-05");
        s.clear();
        let dt =
            calamine::ExcelDateTime::new(45296.5, calamine::ExcelDateTimeType::DateTime, false);
        write_cell(&Data::DateTime(dt), &mut s);
        assert_eq!(s, "2024-01-05 12:00:00");
        let mut t = String::new();
        push_field(&mut t, "a,\"b\"");
        assert_eq!(t, "\"a,\"\"b\"\"\"");
    }
}
