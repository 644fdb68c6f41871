//! `.xlsx` / `.xlsm` sheets read by a scanner of our own: the sheet's XML
//! is inflated a piece at a time and its cells written straight into the
//! CSV text, with the same values calamine gives (`DataRef`, written by the
//! same functions), several times faster — a 500,000-row export spends most
//! of its time here (README, workbook figures).
//!
//! What it reads: the package's relationships to find the workbook and its
//! sheets, `workbookPr date1904`, the shared strings (rich text runs joined,
//! phonetic runs left out, `_xHHHH_` escapes), the cell styles' number
//! formats (which cells are dates), and one sheet's `<sheetData>`. A part it
//! cannot read (not UTF-8, a DOCTYPE, a shape it does not know) is a
//! [`Unread::Other`], and the caller hands the workbook to calamine instead.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};

use super::{push_field, write_cell, write_number, SheetText};
use crate::import::inspect::ImportError;
use xml::{
    attr, attr_text, attrs_iter, bad, each_start, find, local, push_text, unescape_x, Lex, Stop,
    Tok,
};

mod xml;

/// Why this reader gave up.
#[derive(Debug, PartialEq)]
pub(super) enum Unread {
    /// A clear answer for the user (the sheet asked for is not there, it is
    /// empty, a limit was passed): calamine would say no better.
    Final(ImportError),
    /// Something this reader does not handle: let calamine try.
    Other(&'static str),
}

/// The largest row and column Excel has (1,048,576 rows, XFD).
const MAX_ROW: u32 = 1 << 20;
const MAX_COL: u32 = 1 << 14;
/// Inflated XML is scanned in pieces of this size (grown for a longer row).
pub(super) const PIECE: usize = 1 << 20;
/// No row (or shared string) may be longer than this.
const MAX_PIECE: usize = 64 << 20;

/// Reads `sheet` (None: the first sheet with data) as CSV, or says why not.
/// `piece`: how much inflated XML is scanned at a time (tests make it small).
pub(super) fn sheet_text(
    bytes: &[u8],
    sheet: Option<&str>,
    piece: usize,
) -> Result<SheetText, Unread> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Unread::Other("not a zip"))?;
    let book = Book::open(&mut zip, piece)?;
    let names: Vec<String> = book.sheets.iter().map(|(n, _)| n.clone()).collect();
    if names.is_empty() {
        return Err(Unread::Other("no sheets"));
    }
    let wanted: Vec<&(String, String)> = match sheet {
        Some(s) => match book.sheets.iter().find(|(n, _)| n == s) {
            Some(found) => vec![found],
            None => return Err(Unread::Final(ImportError::BadMapping)),
        },
        None => book.sheets.iter().collect(),
    };
    for (name, path) in wanted {
        let text = book.sheet(&mut zip, path, piece)?;
        if !text.trim().is_empty() || sheet.is_some() {
            if text.trim().is_empty() {
                return Err(Unread::Final(ImportError::Empty));
            }
            return Ok(SheetText {
                names,
                name: name.clone(),
                text,
            });
        }
    }
    Err(Unread::Final(ImportError::EmptyWorkbook))
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// What every sheet needs from the rest of the workbook.
struct Book {
    /// (name, part path) in workbook order.
    sheets: Vec<(String, String)>,
    strings: Strings,
    /// Per cell style (`s`): its number format's kind.
    formats: Vec<Kind>,
    is_1904: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Other,
    DateTime,
    TimeDelta,
}

impl Book {
    fn open(zip: &mut Zip<'_>, piece: usize) -> Result<Book, Unread> {
        // The package says where the workbook part is (xl/workbook.xml by
        // convention).
        let mut target = None;
        if let Some(rels) = read_part(zip, "_rels/.rels")? {
            each_start(&rels, |name, attrs| {
                if name == b"Relationship" {
                    let typ = attr(attrs, b"Type").unwrap_or(b"");
                    if typ.ends_with(b"/relationships/officeDocument") {
                        if let Some(t) = attr(attrs, b"Target") {
                            target = Some(attr_text(t)?);
                        }
                    }
                }
                Ok(())
            })?;
        }
        let target = target.unwrap_or_else(|| "xl/workbook.xml".to_string());
        let target = target.strip_prefix('/').unwrap_or(&target).to_string();
        if !target.to_ascii_lowercase().ends_with(".xml") {
            // .xlsb: a binary workbook, for calamine.
            return Err(Unread::Other("not an XML workbook"));
        }
        let (dir, file) = match target.rfind('/') {
            Some(i) => target.split_at(i + 1),
            None => ("", target.as_str()),
        };
        let workbook = read_part(zip, &target)?.ok_or(Unread::Other("no workbook part"))?;
        let rels = read_part(zip, &format!("{dir}_rels/{file}.rels"))?
            .ok_or(Unread::Other("no workbook relationships"))?;
        let mut targets: HashMap<Vec<u8>, String> = HashMap::new();
        each_start(&rels, |name, attrs| {
            if name == b"Relationship" {
                if let (Some(id), Some(t)) = (attr(attrs, b"Id"), attr(attrs, b"Target")) {
                    targets.insert(id.to_vec(), attr_text(t)?);
                }
            }
            Ok(())
        })?;
        let mut sheets = Vec::new();
        let mut is_1904 = false;
        each_start(&workbook, |name, attrs| {
            match name {
                b"sheet" => {
                    let sheet =
                        attr(attrs, b"name").ok_or(Unread::Other("a sheet without a name"))?;
                    let id = attrs_iter(attrs)
                        .find(|(k, _)| local(k) == b"id")
                        .map(|(_, v)| v)
                        .ok_or(Unread::Other("a sheet without an id"))?;
                    let t = targets
                        .get(id)
                        .ok_or(Unread::Other("a sheet not in the relationships"))?;
                    let path = match t.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => format!("{dir}{t}"),
                    };
                    sheets.push((attr_text(sheet)?, path));
                }
                b"workbookPr" => {
                    if let Some(v) = attr(attrs, b"date1904") {
                        is_1904 = v == b"1" || v == b"true";
                    }
                }
                _ => {}
            }
            Ok(())
        })?;
        let formats = match read_part(zip, &format!("{dir}styles.xml"))? {
            Some(styles) => cell_formats(&styles)?,
            None => Vec::new(),
        };
        let mut strings = Strings::default();
        if let Some(part) = open_part(zip, &format!("{dir}sharedStrings.xml"))? {
            strings = shared_strings(part, piece)?;
        }
        Ok(Book {
            sheets,
            strings,
            formats,
            is_1904,
        })
    }

    /// One sheet's cells as CSV: row r on line r + 1, column A as field 1.
    fn sheet(&self, zip: &mut Zip<'_>, path: &str, piece: usize) -> Result<String, Unread> {
        let Some(part) = open_part(zip, path)? else {
            return Err(Unread::Other("a sheet part that is not there"));
        };
        let mut scan = SheetScan {
            book: self,
            phase: Phase::Before,
            row_index: 0,
            col_index: 0,
            row: 0,
            last: None,
            text: String::new(),
            value: String::new(),
            cell: String::new(),
        };
        pieces(part, piece, |buf, eof| scan.step(buf, eof))?;
        if scan.last.is_some() {
            scan.text.push('\n');
        }
        Ok(scan.text)
    }
}

/// Every shared string, end to end in one text.
#[derive(Default)]
struct Strings {
    text: String,
    /// String i is `text[ends[i - 1]..ends[i]]`.
    ends: Vec<usize>,
}

impl Strings {
    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }
}

/// A part's bytes, whole (the small parts: relationships, workbook, styles).
fn read_part(zip: &mut Zip<'_>, path: &str) -> Result<Option<Vec<u8>>, Unread> {
    let Some(mut part) = open_part(zip, path)? else {
        return Ok(None);
    };
    let mut out = Vec::new();
    part.read_to_end(&mut out)
        .map_err(|_| Unread::Other("a part that does not inflate"))?;
    Ok(Some(out))
}

/// A part by name; as calamine, a name differing in case or written with
/// `\` is the same part.
fn open_part<'z, 'a>(
    zip: &'z mut Zip<'a>,
    path: &str,
) -> Result<Option<zip::read::ZipFile<'z, Cursor<&'a [u8]>>>, Unread> {
    let name = if zip.index_for_name(path).is_some() {
        Some(path.to_string())
    } else {
        zip.file_names()
            .filter_map(Result::ok)
            .find(|n| n.replace('\\', "/").eq_ignore_ascii_case(path))
            .map(|n| n.into_owned())
    };
    let Some(name) = name else {
        return Ok(None);
    };
    zip.by_name(&name)
        .map(Some)
        .map_err(|_| Unread::Other("a part that does not open"))
}

/// Feeds a part to `step` a piece at a time; `step` says how many bytes it
/// used (what it leaves is given again, with more after it).
fn pieces(
    mut part: impl Read,
    piece: usize,
    mut step: impl FnMut(&[u8], bool) -> Result<usize, Unread>,
) -> Result<(), Unread> {
    let mut buf = vec![0u8; piece.max(16)];
    let mut len = 0;
    let mut eof = false;
    loop {
        while len < buf.len() && !eof {
            match part.read(&mut buf[len..]) {
                Ok(0) => eof = true,
                Ok(n) => len += n,
                Err(_) => return Err(Unread::Other("a part that does not inflate")),
            }
        }
        let used = step(&buf[..len], eof)?;
        if eof {
            return Ok(());
        }
        if used == 0 && len == buf.len() {
            if buf.len() >= MAX_PIECE {
                return Err(Unread::Final(ImportError::BadWorkbook(
                    "a row of over 64 MB".to_string(),
                )));
            }
            buf.resize(buf.len() * 2, 0);
        }
        buf.copy_within(used..len, 0);
        len -= used;
    }
}

// ---- the workbook's parts -------------------------------------------------

/// Each cell style's number-format kind (`cellXfs`), as calamine decides it.
fn cell_formats(styles: &[u8]) -> Result<Vec<Kind>, Unread> {
    let mut custom: HashMap<Vec<u8>, String> = HashMap::new();
    let mut formats = Vec::new();
    let mut lex = Lex {
        b: styles,
        p: 0,
        eof: true,
    };
    let mut in_xfs = false;
    loop {
        let tok = match lex.next() {
            Ok(Some(t)) => t,
            Ok(None) => return Ok(formats),
            Err(Stop::Bad(u)) => return Err(u),
            Err(Stop::More) => return Err(Unread::Other("styles end early")),
        };
        match tok {
            Tok::Open(b"numFmt", a) | Tok::Empty(b"numFmt", a) => {
                if let (Some(id), Some(code)) = (attr(a, b"numFmtId"), attr(a, b"formatCode")) {
                    custom.insert(id.to_vec(), attr_text(code)?);
                }
            }
            Tok::Open(b"cellXfs", _) => in_xfs = true,
            Tok::Close(b"cellXfs") => in_xfs = false,
            Tok::Open(b"xf", a) | Tok::Empty(b"xf", a) if in_xfs => {
                formats.push(match attr(a, b"numFmtId") {
                    None => Kind::Other,
                    Some(id) => match custom.get(id) {
                        Some(code) => custom_kind(code),
                        None => builtin_kind(id),
                    },
                });
            }
            _ => {}
        }
    }
}

/// A built-in number format's kind (ECMA-376 18.8.30; calamine's list).
fn builtin_kind(id: &[u8]) -> Kind {
    match std::str::from_utf8(id)
        .ok()
        .and_then(|s| s.parse::<u16>().ok())
    {
        // calamine compares the id's text: "014" is not 14.
        Some(n) if n.to_string().as_bytes() == id => match n {
            14..=22 | 27..=36 | 45 | 47 | 50..=58 => Kind::DateTime,
            46 => Kind::TimeDelta,
            _ => Kind::Other,
        },
        _ => Kind::Other,
    }
}

/// A custom number format's kind: a date if its first section has a date
/// or time token outside quotes and brackets (calamine's rule, from
/// openpyxl).
fn custom_kind(format: &str) -> Kind {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return Kind::Other,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return Kind::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return Kind::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return Kind::DateTime
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    Kind::Other
}

/// The shared-string table, read a piece at a time.
fn shared_strings(part: impl Read, piece: usize) -> Result<Strings, Unread> {
    let mut strings = Strings::default();
    let mut run = String::new();
    let mut started = false;
    pieces(part, piece, |buf, eof| {
        let mut lex = Lex { b: buf, p: 0, eof };
        loop {
            let at = lex.p;
            let mark = strings.text.len();
            let step = (|| -> Result<bool, Stop> {
                match lex.next()? {
                    None => return Ok(false),
                    Some(Tok::Open(b"sst", _)) => started = true,
                    Some(Tok::Open(b"si", _)) if started => {
                        lex.string_into(&mut strings.text, &mut run)?;
                        strings.ends.push(strings.text.len());
                    }
                    Some(Tok::Empty(b"si", _)) if started => strings.ends.push(strings.text.len()),
                    Some(_) => {}
                }
                Ok(true)
            })();
            match step {
                Ok(true) => {}
                Ok(false) => return Ok(lex.p),
                Err(Stop::More) => {
                    strings.text.truncate(mark);
                    return Ok(at);
                }
                Err(Stop::Bad(u)) => return Err(u),
            }
        }
    })?;
    Ok(strings)
}

// ---- a sheet --------------------------------------------------------------

#[derive(PartialEq)]
enum Phase {
    Before,
    Data,
    After,
}

struct SheetScan<'b> {
    book: &'b Book,
    phase: Phase,
    /// Where a cell without `r` is (calamine's rule: the row's `r`, else
    /// one past the last row; one past the last cell).
    row_index: u32,
    col_index: u32,
    /// The line being written, and the column of its last field.
    row: u32,
    last: Option<u32>,
    text: String,
    value: String,
    cell: String,
}

/// A cell's value before it is written.
enum Val {
    Empty,
    /// `<v>`'s text, to be read by the cell's type.
    V,
    /// An inline string (in `cell`).
    Inline,
}

impl Val {
    /// What a `<v>` gives a cell of type `t` (an inline string's `<v>` is
    /// ignored, as calamine ignores it).
    fn of_v(t: Option<&[u8]>) -> Val {
        match t {
            Some(b"inlineStr" | b"is") => Val::Empty,
            _ => Val::V,
        }
    }
}

impl SheetScan<'_> {
    /// Reads what it can of `buf`; returns the bytes used (up to the last
    /// whole row).
    fn step(&mut self, buf: &[u8], eof: bool) -> Result<usize, Unread> {
        let mut lex = Lex { b: buf, p: 0, eof };
        loop {
            let at = lex.p;
            let saved = (
                self.text.len(),
                self.row_index,
                self.col_index,
                self.row,
                self.last,
            );
            match self.token(&mut lex) {
                Ok(true) => {}
                Ok(false) => return Ok(lex.p),
                Err(Stop::More) => {
                    (_, self.row_index, self.col_index, self.row, self.last) = saved;
                    self.text.truncate(saved.0);
                    return Ok(at);
                }
                Err(Stop::Bad(u)) => return Err(u),
            }
        }
    }

    /// One token outside rows, or one whole row. False at the end.
    fn token(&mut self, lex: &mut Lex<'_>) -> Result<bool, Stop> {
        if self.phase == Phase::After {
            // Nothing after the cells is read.
            lex.p = lex.b.len();
            return Ok(false);
        }
        let Some(tok) = lex.next()? else {
            return Ok(false);
        };
        match (&self.phase, tok) {
            (Phase::Before, Tok::Open(b"sheetData", _)) => self.phase = Phase::Data,
            (Phase::Before, Tok::Empty(b"sheetData", _)) => self.phase = Phase::After,
            (Phase::Data, Tok::Close(b"sheetData")) => self.phase = Phase::After,
            (Phase::Data, Tok::Open(b"row", a)) => {
                self.row_start(a)?;
                self.row_cells(lex)?;
            }
            (Phase::Data, Tok::Empty(b"row", a)) => {
                self.row_start(a)?;
                self.row_end();
            }
            (Phase::Data, Tok::Open(..)) => lex.skip()?,
            _ => {}
        }
        Ok(true)
    }

    fn row_start(&mut self, attrs: &[u8]) -> Result<(), Stop> {
        if let Some(r) = attr(attrs, b"r") {
            let n = digits(r).ok_or(bad("a row number"))?;
            if n == 0 || n > MAX_ROW {
                return Err(limit());
            }
            self.row_index = n - 1;
        }
        Ok(())
    }

    fn row_end(&mut self) {
        self.row_index += 1;
        self.col_index = 0;
    }

    fn row_cells(&mut self, lex: &mut Lex<'_>) -> Result<(), Stop> {
        loop {
            match lex.next()? {
                Some(Tok::Open(b"c", a)) => self.cell(lex, a, false)?,
                Some(Tok::Empty(b"c", a)) => self.cell(lex, a, true)?,
                Some(Tok::Close(b"row")) => {
                    self.row_end();
                    return Ok(());
                }
                Some(Tok::Open(..)) => lex.skip()?,
                Some(_) => {}
                None => return Err(bad("the sheet ends inside a row")),
            }
        }
    }

    fn cell(&mut self, lex: &mut Lex<'_>, attrs: &[u8], empty: bool) -> Result<(), Stop> {
        let (mut r, mut s, mut t) = (None, None, None);
        for (k, v) in attrs_iter(attrs) {
            match k {
                b"r" => r = Some(v),
                b"s" => s = Some(v),
                b"t" => t = Some(v),
                _ => {}
            }
        }
        let (row, col) = match r {
            Some(r) => {
                let (row, col) = cell_ref(r)?;
                self.col_index = col;
                (row, col)
            }
            None => (self.row_index, self.col_index),
        };
        self.col_index += 1;
        let mut val = Val::Empty;
        if !empty {
            // The shapes every writer uses, read at once; anything else (or
            // a cell cut by the piece's end) by the general loop.
            match self.quick_cell(lex, t) {
                Some(v) => val = v,
                None => self.cell_children(lex, t, &mut val)?,
            }
        }
        if matches!(val, Val::V) {
            self.cell.clear();
            if !self.read_v(s, t)? {
                return Ok(());
            }
        } else if matches!(val, Val::Empty) {
            return Ok(());
        }
        self.emit(row, col)
    }

    /// A cell's children, up to its end tag.
    fn cell_children(
        &mut self,
        lex: &mut Lex<'_>,
        t: Option<&[u8]>,
        val: &mut Val,
    ) -> Result<(), Stop> {
        loop {
            match lex.next()? {
                Some(Tok::Open(b"v", _)) => {
                    self.value.clear();
                    lex.text_into(&mut self.value)?;
                    *val = Val::of_v(t);
                }
                Some(Tok::Empty(b"v", _)) => {
                    self.value.clear();
                    *val = Val::of_v(t);
                }
                Some(Tok::Open(b"is", _)) => {
                    self.cell.clear();
                    lex.string_into(&mut self.cell, &mut self.value)?;
                    *val = Val::Inline;
                }
                Some(Tok::Close(b"c")) => return Ok(()),
                Some(Tok::Open(..)) => lex.skip()?,
                Some(_) => {}
                None => return Err(bad("the sheet ends inside a cell")),
            }
        }
    }

    /// `<v>x</v></c>` or `<is><t>x</t></is></c>` right after the cell's
    /// start tag: the value read and the lexer moved past `</c>`.
    fn quick_cell(&mut self, lex: &mut Lex<'_>, t: Option<&[u8]>) -> Option<Val> {
        let rest = &lex.b[lex.p..];
        if let Some(after) = rest.strip_prefix(b"<v>") {
            let i = find(b'<', after)?;
            if !after[i..].starts_with(b"</v></c>") {
                return None;
            }
            self.value.clear();
            push_text(&after[..i], &mut self.value).ok()?;
            lex.p += 3 + i + 8;
            return Some(Val::of_v(t));
        }
        let after = rest.strip_prefix(b"<is><t>")?;
        let i = find(b'<', after)?;
        if !after[i..].starts_with(b"</t></is></c>") {
            return None;
        }
        self.value.clear();
        push_text(&after[..i], &mut self.value).ok()?;
        self.cell.clear();
        unescape_x(
            self.value.trim_matches([' ', '\t', '\r', '\n']),
            &mut self.cell,
        );
        lex.p += 7 + i + 13;
        Some(Val::Inline)
    }

    /// `<v>`'s text (in `value`) read by the cell's type into `cell`; false
    /// for an empty cell.
    fn read_v(&mut self, s: Option<&[u8]>, t: Option<&[u8]>) -> Result<bool, Stop> {
        let v = self.value.as_str();
        if v.is_empty() && !matches!(t, Some(b"str" | b"d")) {
            return Ok(false);
        }
        match t {
            Some(b"s") => {
                let i = v
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.book.strings.get(i))
                    .ok_or(bad("a shared string that is not there"))?;
                self.cell.push_str(i);
            }
            Some(b"b") => match v.trim() {
                "" => return Ok(false),
                "0" => self.cell.push_str("FALSE"),
                "1" => self.cell.push_str("TRUE"),
                x if x.eq_ignore_ascii_case("false") => self.cell.push_str("FALSE"),
                x if x.eq_ignore_ascii_case("true") => self.cell.push_str("TRUE"),
                _ => return Err(bad("a boolean cell")),
            },
            Some(b"d" | b"e") => self.cell.push_str(v),
            Some(b"str") => unescape_x(v, &mut self.cell),
            Some(b"n") | None => match v.parse::<f64>() {
                Ok(f) => {
                    let kind = match s {
                        None => Some(Kind::Other),
                        Some(s) => {
                            let i = digits(s).unwrap_or(0) as usize;
                            self.book.formats.get(i).copied()
                        }
                    };
                    match kind {
                        Some(Kind::DateTime) => {
                            let dt = ExcelDateTime::new(
                                f,
                                ExcelDateTimeType::DateTime,
                                self.book.is_1904,
                            );
                            write_cell(&Data::DateTime(dt), &mut self.cell);
                        }
                        _ => write_number(f, &mut self.cell),
                    }
                }
                Err(_) if t.is_none() => self.cell.push_str(v),
                Err(_) => return Err(bad("a number cell")),
            },
            Some(_) => return Err(bad("a cell type")),
        }
        Ok(true)
    }

    /// Writes `cell` at (row, col), as `stream_xlsx` does.
    fn emit(&mut self, row: u32, col: u32) -> Result<(), Stop> {
        if row < self.row || (row == self.row && self.last.is_some_and(|p| col <= p)) {
            // calamine's reader says so too.
            return Err(bad("cells out of order"));
        }
        while self.row < row {
            self.text.push('\n');
            self.row += 1;
            self.last = None;
        }
        let commas = match self.last {
            None => col,
            Some(p) => col - p,
        };
        for _ in 0..commas {
            self.text.push(',');
        }
        push_field(&mut self.text, &self.cell);
        self.last = Some(col);
        Ok(())
    }
}

fn limit() -> Stop {
    Stop::Bad(Unread::Final(ImportError::BadWorkbook(
        "a cell beyond Excel's last row or column".to_string(),
    )))
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
}

/// `B7` as (row 6, column 1).
fn cell_ref(r: &[u8]) -> Result<(u32, u32), Stop> {
    let letters = r.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return Err(if letters > 3 {
            limit()
        } else {
            bad("a cell reference")
        });
    }
    let col = r[..letters].iter().fold(0u32, |n, c| {
        n * 26 + u32::from(c.to_ascii_uppercase() - b'A') + 1
    });
    let row = digits(&r[letters..]).ok_or(bad("a cell reference"))?;
    if row == 0 || row > MAX_ROW || col > MAX_COL {
        return Err(limit());
    }
    Ok((row - 1, col - 1))
}

#[cfg(test)]
mod tests;
