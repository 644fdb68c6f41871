//! Delimited text: the delimiter is sniffed, records are split with RFC 4180
//! quoting (a quoted field may hold delimiters, doubled quotes and line
//! breaks), CRLF or LF. Fields borrow the text unless they had to be unquoted.

use std::borrow::Cow;

/// The field separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    /// `,`
    Comma,
    /// `;` (European Excel)
    Semicolon,
    /// tab
    Tab,
    /// runs of spaces or tabs (no quoting)
    Spaces,
}

impl Delimiter {
    fn byte(self) -> Option<u8> {
        match self {
            Delimiter::Comma => Some(b','),
            Delimiter::Semicolon => Some(b';'),
            Delimiter::Tab => Some(b'\t'),
            Delimiter::Spaces => None,
        }
    }
}

/// Picks the delimiter that splits the first lines into the same number (≥ 2)
/// of fields most consistently; ties go to comma, then semicolon, tab, spaces.
pub fn sniff(text: &str) -> Delimiter {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (Delimiter::Comma, 0usize);
    for d in [
        Delimiter::Comma,
        Delimiter::Semicolon,
        Delimiter::Tab,
        Delimiter::Spaces,
    ] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| {
                let mut fields = Vec::new();
                split_line(l, d, &mut fields);
                fields.len()
            })
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first < 2 {
            continue;
        }
        let same = counts.iter().filter(|&&c| c == first).count();
        // Most lines must agree, or the split is an accident of the text.
        if same * 2 < counts.len() || (counts.len() > 1 && same < 2) {
            continue;
        }
        if same > best.1 {
            best = (d, same);
        }
    }
    best.0
}

fn split_line<'a>(line: &'a str, d: Delimiter, out: &mut Vec<Cow<'a, str>>) {
    out.clear();
    let mut records = Records::new(line, d);
    records.next_into(out);
}

/// Iterates the records of a text.
#[derive(Clone)]
pub struct Records<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delimiter: Delimiter,
}

impl<'a> Records<'a> {
    /// Records of `text` (a leading BOM is skipped).
    pub fn new(text: &'a str, delimiter: Delimiter) -> Records<'a> {
        let pos = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        Records {
            text,
            pos,
            line: 0,
            delimiter,
        }
    }

    /// Records of a text that goes on from an earlier one (a window of a
    /// file): no BOM is skipped.
    pub fn resume(text: &'a str, delimiter: Delimiter) -> Records<'a> {
        Records {
            text,
            pos: 0,
            line: 0,
            delimiter,
        }
    }

    /// Lines consumed so far (blank lines and lines inside quotes too).
    pub fn lines(&self) -> usize {
        self.line
    }

    /// Bytes consumed so far (for progress).
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Fills `fields` with the next non-empty record and returns its 1-based
    /// line number, or None at the end.
    pub fn next_into(&mut self, fields: &mut Vec<Cow<'a, str>>) -> Option<usize> {
        let bytes = self.text.as_bytes();
        loop {
            fields.clear();
            if self.pos >= bytes.len() {
                return None;
            }
            self.line += 1;
            let start_line = self.line;
            // The usual line (no quote): split on the delimiter in the same
            // pass that finds the line's end (both are ASCII, so every cut is
            // a character boundary).
            if let Some(d) = self.delimiter.byte() {
                let (mut i, mut field_start, mut quote) = (self.pos, self.pos, false);
                let stops = Stops::new(d);
                while i < bytes.len() {
                    // Eight bytes at a time up to the next delimiter, line end or quote.
                    if let Some(word) = bytes.get(i..i + 8) {
                        match stops.first(word) {
                            Some(at) => i += at,
                            None => {
                                i += 8;
                                continue;
                            }
                        }
                    }
                    let b = bytes[i];
                    if b == d {
                        fields.push(Cow::Borrowed(&self.text[field_start..i]));
                        field_start = i + 1;
                    } else if b == b'\n' {
                        break;
                    } else if b == b'"' {
                        quote = true;
                        break;
                    }
                    i += 1;
                }
                if !quote {
                    let mut end = i;
                    if end > field_start && bytes[end - 1] == b'\r' {
                        end -= 1;
                    }
                    fields.push(Cow::Borrowed(&self.text[field_start..end]));
                    let blank = fields.len() == 1 && fields[0].trim().is_empty();
                    self.pos = i + 1;
                    if blank {
                        continue;
                    }
                    return Some(start_line);
                }
                fields.clear();
            } else {
                let rest = &bytes[self.pos..];
                let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
                let line = &self.text[self.pos..self.pos + end];
                let line = line.strip_suffix('\r').unwrap_or(line);
                self.pos += end + 1;
                if line.trim().is_empty() {
                    continue;
                }
                fields.extend(line.split_whitespace().map(Cow::Borrowed));
                return Some(start_line);
            }
            // Quoted: walk byte by byte; a quoted field may span lines.
            let d = self.delimiter.byte().unwrap_or(b',');
            let mut i = self.pos;
            let mut field_start = i;
            let mut quoted = false;
            let mut buf: Option<String> = None;
            loop {
                if i >= bytes.len() {
                    push_field(self.text, field_start, i, quoted, &mut buf, fields);
                    self.pos = i;
                    break;
                }
                let b = bytes[i];
                if b == b'"' && i == field_start && !quoted {
                    quoted = true;
                    buf = Some(String::new());
                    i += 1;
                    field_start = i;
                    // Inside quotes until the closing quote.
                    loop {
                        if i >= bytes.len() {
                            break;
                        }
                        if bytes[i] == b'"' {
                            if bytes.get(i + 1) == Some(&b'"') {
                                if let Some(s) = buf.as_mut() {
                                    s.push_str(&self.text[field_start..i + 1]);
                                }
                                i += 2;
                                field_start = i;
                                continue;
                            }
                            if let Some(s) = buf.as_mut() {
                                s.push_str(&self.text[field_start..i]);
                            }
                            i += 1;
                            field_start = i;
                            break;
                        }
                        if bytes[i] == b'\n' {
                            self.line += 1;
                        }
                        i += 1;
                    }
                    continue;
                }
                if b == d {
                    push_field(self.text, field_start, i, quoted, &mut buf, fields);
                    quoted = false;
                    i += 1;
                    field_start = i;
                    continue;
                }
                if b == b'\n' {
                    let end = if i > field_start && bytes[i - 1] == b'\r' {
                        i - 1
                    } else {
                        i
                    };
                    push_field(self.text, field_start, end, quoted, &mut buf, fields);
                    self.pos = i + 1;
                    break;
                }
                i += 1;
            }
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            return Some(start_line);
        }
    }
}

fn push_field<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    quoted: bool,
    buf: &mut Option<String>,
    out: &mut Vec<Cow<'a, str>>,
) {
    let tail = &text[start.min(end)..end];
    match buf.take() {
        Some(mut s) if quoted => {
            // Anything after the closing quote (malformed) is kept, trimmed of CR.
            s.push_str(tail.strip_suffix('\r').unwrap_or(tail));
            out.push(Cow::Owned(s));
        }
        _ => out.push(Cow::Borrowed(tail)),
    }
}

/// Finds the first delimiter, `\n` or `"` in eight bytes at once (the
/// classic has-zero-byte test on the word XOR each stop byte; the lowest hit
/// is always exact).
struct Stops([u64; 3]);

impl Stops {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;

    fn new(delimiter: u8) -> Stops {
        Stops([delimiter, b'\n', b'"'].map(|b| b as u64 * Self::ONES))
    }

    fn first(&self, word: &[u8]) -> Option<usize> {
        let w = u64::from_le_bytes(word.try_into().ok()?);
        let hits = self.0.iter().fold(0, |m, s| {
            let x = w ^ s;
            m | (x.wrapping_sub(Self::ONES) & !x & Self::HIGHS)
        });
        (hits != 0).then(|| hits.trailing_zeros() as usize / 8)
    }
}

/// `s.trim()`, without the Unicode scan when both ends are visible ASCII
/// (nearly every field).
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&z)) if (b'!'..=b'~').contains(&a) && (b'!'..=b'~').contains(&z) => s,
        _ => s.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, d: Delimiter) -> Vec<(usize, Vec<String>)> {
        let mut r = Records::new(text, d);
        let mut f = Vec::new();
        let mut out = Vec::new();
        while let Some(line) = r.next_into(&mut f) {
            out.push((line, f.iter().map(|s| s.to_string()).collect()));
        }
        out
    }

    #[test]
    fn sniffs_the_delimiter() {
        assert_eq!(sniff("a,b,c\n1,2,3\n"), Delimiter::Comma);
        assert_eq!(sniff("a;b;c\n1;2,5;3\n"), Delimiter::Semicolon);
        assert_eq!(sniff("a\tb\n1\t2\n"), Delimiter::Tab);
        assert_eq!(
            sniff("C1  2024-01-02   12.5\nC2 2024-01-03 7\n"),
            Delimiter::Spaces
        );
        assert_eq!(sniff("\"x, y\",2\n\"z, w\",3\n"), Delimiter::Comma);
    }

    #[test]
    fn rfc_4180_quoting_crlf_and_lines() {
        let text =
            "\u{FEFF}id,note,amt\r\nC1,\"a, \"\"b\"\"\",1\r\n\r\nC2,\"multi\nline\",2\r\nC3,,3";
        let r = all(text, Delimiter::Comma);
        assert_eq!(r[0], (1, vec!["id".into(), "note".into(), "amt".into()]));
        assert_eq!(r[1], (2, vec!["C1".into(), "a, \"b\"".into(), "1".into()]));
        assert_eq!(
            r[2],
            (4, vec!["C2".into(), "multi\nline".into(), "2".into()])
        );
        assert_eq!(r[3], (6, vec!["C3".into(), "".into(), "3".into()]));
        assert_eq!(r.len(), 4);
    }

    #[test]
    fn unterminated_quote_does_not_panic() {
        let r = all("a,\"open\nb,c", Delimiter::Comma);
        assert_eq!(r.len(), 1);
    }
}
