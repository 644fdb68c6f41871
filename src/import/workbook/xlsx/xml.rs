//! The little XML a workbook needs, scanned without a parser: tags (the
//! name without its prefix, the attributes' text), character data, CDATA;
//! comments and processing instructions skipped, a DOCTYPE refused. A scan
//! that reaches the end of its bytes inside a token says [`Stop::More`], and
//! the caller gives it again with more bytes after it.

use super::Unread;
/// Why a scan stopped before the end of its bytes.
pub(super) enum Stop {
    /// The bytes end inside a token: give more.
    More,
    Bad(Unread),
}

impl From<Unread> for Stop {
    fn from(u: Unread) -> Self {
        Stop::Bad(u)
    }
}

pub(super) fn bad(why: &'static str) -> Stop {
    Stop::Bad(Unread::Other(why))
}

#[derive(Clone, Copy)]
pub(super) enum Tok<'a> {
    /// `<name attrs>`: the name without its prefix, the attributes' text.
    Open(&'a [u8], &'a [u8]),
    /// `<name attrs/>`.
    Empty(&'a [u8], &'a [u8]),
    /// `</name>`.
    Close(&'a [u8]),
    /// Character data, entities not yet replaced.
    Text(&'a [u8]),
    /// The inside of `<![CDATA[ … ]]>`.
    CData(&'a [u8]),
}

pub(super) struct Lex<'a> {
    pub(super) b: &'a [u8],
    pub(super) p: usize,
    pub(super) eof: bool,
}

impl<'a> Lex<'a> {
    pub(super) fn next(&mut self) -> Result<Option<Tok<'a>>, Stop> {
        loop {
            let b = self.b;
            let p = self.p;
            if p >= b.len() {
                return if self.eof { Ok(None) } else { Err(Stop::More) };
            }
            if b[p] != b'<' {
                return match find(b'<', &b[p..]) {
                    Some(i) => {
                        self.p = p + i;
                        Ok(Some(Tok::Text(&b[p..p + i])))
                    }
                    None if self.eof => {
                        self.p = b.len();
                        Ok(Some(Tok::Text(&b[p..])))
                    }
                    None => Err(Stop::More),
                };
            }
            let more = |eof: bool| {
                if eof {
                    bad("the XML ends inside a tag")
                } else {
                    Stop::More
                }
            };
            match b.get(p + 1) {
                None => return Err(more(self.eof)),
                Some(b'/') => {
                    let end = find(b'>', &b[p..]).ok_or_else(|| more(self.eof))? + p;
                    self.p = end + 1;
                    return Ok(Some(Tok::Close(local(b[p + 2..end].trim_ascii()))));
                }
                Some(b'?') => {
                    let end = find_seq(&b[p..], b"?>").ok_or_else(|| more(self.eof))? + p;
                    self.p = end + 2;
                }
                Some(b'!') => {
                    let rest = &b[p..];
                    if rest.len() < 9 && !self.eof {
                        return Err(Stop::More);
                    }
                    if rest.starts_with(b"<!--") {
                        let end = find_seq(&rest[4..], b"-->").ok_or_else(|| more(self.eof))?;
                        self.p = p + 4 + end + 3;
                    } else if rest.starts_with(b"<![CDATA[") {
                        let end = find_seq(&rest[9..], b"]]>").ok_or_else(|| more(self.eof))?;
                        self.p = p + 9 + end + 3;
                        return Ok(Some(Tok::CData(&rest[9..9 + end])));
                    } else {
                        // A DOCTYPE: no workbook has one (and entities
                        // declared in it are for a full XML parser).
                        return Err(bad("a DOCTYPE"));
                    }
                }
                Some(_) => {
                    // The tag ends at the first '>' outside quotes.
                    let mut q = p + 1;
                    let end = loop {
                        let i = b[q..]
                            .iter()
                            .position(|&c| matches!(c, b'>' | b'"' | b'\''))
                            .ok_or_else(|| more(self.eof))?
                            + q;
                        if b[i] == b'>' {
                            break i;
                        }
                        let close = find(b[i], &b[i + 1..]).ok_or_else(|| more(self.eof))?;
                        q = i + 1 + close + 1;
                    };
                    self.p = end + 1;
                    let (inner, empty) = match b[end - 1] {
                        b'/' if end - 1 > p => (&b[p + 1..end - 1], true),
                        _ => (&b[p + 1..end], false),
                    };
                    let name_end = inner
                        .iter()
                        .position(|c| c.is_ascii_whitespace())
                        .unwrap_or(inner.len());
                    let name = local(&inner[..name_end]);
                    let attrs = &inner[name_end..];
                    return Ok(Some(if empty {
                        Tok::Empty(name, attrs)
                    } else {
                        Tok::Open(name, attrs)
                    }));
                }
            }
        }
    }

    /// Skips to the end of an element whose start was just read.
    pub(super) fn skip(&mut self) -> Result<(), Stop> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next()? {
                Some(Tok::Open(..)) => depth += 1,
                Some(Tok::Close(_)) => depth -= 1,
                Some(_) => {}
                None => return Err(bad("the XML ends inside an element")),
            }
        }
        Ok(())
    }

    /// The text inside an element whose start was just read (entities
    /// replaced, line ends as XML reads them), up to its end tag; elements
    /// inside it are skipped.
    pub(super) fn text_into(&mut self, out: &mut String) -> Result<(), Stop> {
        loop {
            match self.next()? {
                Some(Tok::Text(t)) => push_text(t, out)?,
                Some(Tok::CData(t)) => push_cdata(t, out)?,
                Some(Tok::Open(..)) => self.skip()?,
                Some(Tok::Close(_)) => return Ok(()),
                Some(Tok::Empty(..)) => {}
                None => return Err(bad("the XML ends inside an element")),
            }
        }
    }

    /// A string item (`<si>` or `<is>`) whose start was just read, as
    /// calamine reads it: the `<t>` runs joined, phonetic runs (`<rPh>`)
    /// left out, each run trimmed unless `xml:space="preserve"`, then its
    /// `_xHHHH_` escapes replaced.
    pub(super) fn string_into(&mut self, out: &mut String, run: &mut String) -> Result<(), Stop> {
        let mut depth = 1usize;
        let mut phonetic = 0usize;
        loop {
            match self.next()? {
                Some(Tok::Open(name, attrs)) => {
                    if name == b"rPh" {
                        phonetic = depth;
                    }
                    if name == b"t" && phonetic == 0 {
                        run.clear();
                        self.text_into(run)?;
                        let keep = attr(attrs, b"xml:space") == Some(b"preserve");
                        let t = if keep {
                            run.as_str()
                        } else {
                            run.trim_matches([' ', '\t', '\r', '\n'])
                        };
                        unescape_x(t, out);
                    } else {
                        depth += 1;
                    }
                }
                Some(Tok::Close(_)) => {
                    depth -= 1;
                    if phonetic == depth {
                        phonetic = 0;
                    }
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Some(_) => {}
                None => return Err(bad("the XML ends inside a string")),
            }
        }
    }
}

/// Where `needle` first starts in `b`.
fn find_seq(b: &[u8], needle: &[u8]) -> Option<usize> {
    b.windows(needle.len()).position(|w| w == needle)
}

/// The first `c` in `b`: a plain loop, faster than `memchr`'s set-up on the
/// few bytes between a sheet's tags.
#[inline]
pub(super) fn find(c: u8, b: &[u8]) -> Option<usize> {
    b.iter().position(|&x| x == c)
}

/// A name without its namespace prefix.
pub(super) fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&c| c == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// A tag's attributes as (name, raw value).
pub(super) fn attrs_iter(mut a: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    std::iter::from_fn(move || {
        a = a.trim_ascii_start();
        let eq = find(b'=', a)?;
        let name = a[..eq].trim_ascii_end();
        let rest = a[eq + 1..].trim_ascii_start();
        let q = *rest.first()?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let close = find(q, &rest[1..])?;
        let value = &rest[1..1 + close];
        a = &rest[close + 2..];
        Some((name, value))
    })
}

/// One attribute's raw value, by its exact name.
pub(super) fn attr<'a>(attrs: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    attrs_iter(attrs).find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// An attribute's value as text, entities replaced.
pub(super) fn attr_text(raw: &[u8]) -> Result<String, Unread> {
    let mut s = String::new();
    push_text(raw, &mut s).map_err(|e| match e {
        Stop::Bad(u) => u,
        Stop::More => Unread::Other("an attribute"),
    })?;
    Ok(s)
}

/// Calls `f` with the (local) name and attributes of each start tag of a
/// small part.
pub(super) fn each_start(
    part: &[u8],
    mut f: impl FnMut(&[u8], &[u8]) -> Result<(), Unread>,
) -> Result<(), Unread> {
    let mut lex = Lex {
        b: part,
        p: 0,
        eof: true,
    };
    loop {
        match lex.next() {
            Ok(Some(Tok::Open(name, attrs) | Tok::Empty(name, attrs))) => f(name, attrs)?,
            Ok(Some(_)) => {}
            Ok(None) => return Ok(()),
            Err(Stop::Bad(u)) => return Err(u),
            Err(Stop::More) => return Err(Unread::Other("a part that ends early")),
        }
    }
}

/// Character data as text: UTF-8 checked, the five entities and character
/// references replaced, CR LF and CR read as LF (XML's end-of-line rule).
pub(super) fn push_text(raw: &[u8], out: &mut String) -> Result<(), Stop> {
    let s = std::str::from_utf8(raw).map_err(|_| bad("text that is not UTF-8"))?;
    if !raw.iter().any(|&c| c == b'&' || c == b'\r') {
        out.push_str(s);
        return Ok(());
    }
    let mut rest = s;
    while let Some(i) = rest.find(['&', '\r']) {
        out.push_str(&rest[..i]);
        if rest.as_bytes()[i] == b'\r' {
            out.push('\n');
            rest = &rest[i + 1..];
            if rest.starts_with('\n') {
                rest = &rest[1..];
            }
            continue;
        }
        let end = rest[i..].find(';').ok_or(bad("an entity without ';'"))? + i;
        let name = &rest[i + 1..end];
        let c = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "apos" => '\'',
            "quot" => '"',
            _ => {
                let code = if let Some(h) = name.strip_prefix("#x") {
                    u32::from_str_radix(h, 16).ok()
                } else if let Some(d) = name.strip_prefix('#') {
                    d.parse().ok()
                } else {
                    None
                };
                code.and_then(char::from_u32)
                    .ok_or(bad("an unknown entity"))?
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(())
}

pub(super) fn push_cdata(raw: &[u8], out: &mut String) -> Result<(), Stop> {
    let s = std::str::from_utf8(raw).map_err(|_| bad("text that is not UTF-8"))?;
    out.push_str(&s.replace("\r\n", "\n").replace('\r', "\n"));
    Ok(())
}

/// OOXML's `_xHHHH_` escapes (a UTF-16 unit each; a pair for characters
/// beyond the BMP, U+FFFD for a lone half), as calamine replaces them.
pub(super) fn unescape_x(s: &str, out: &mut String) {
    fn unit(s: &str, i: usize) -> Option<u16> {
        let b = s.as_bytes().get(i..i + 7)?;
        if b[0] != b'_'
            || b[1] != b'x'
            || b[6] != b'_'
            || !b[2..6].iter().all(u8::is_ascii_hexdigit)
        {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&b[2..6]).ok()?, 16).ok()
    }
    if !s.contains("_x") {
        out.push_str(s);
        return;
    }
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = s[i..].find('_') {
        let at = i + off;
        let Some(u) = unit(s, at) else {
            i = at + 1;
            continue;
        };
        out.push_str(&s[copied..at]);
        let mut next = at + 7;
        match u {
            0xD800..=0xDBFF => match unit(s, next) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let c = 0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                    next += 7;
                }
                _ => out.push(char::REPLACEMENT_CHARACTER),
            },
            0xDC00..=0xDFFF => out.push(char::REPLACEMENT_CHARACTER),
            _ => out.push(char::from_u32(u32::from(u)).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
        copied = next;
        i = next;
    }
    out.push_str(&s[copied..]);
}
