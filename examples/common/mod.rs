//! What the native examples share: a transaction file read as the page reads
//! it (mapped rather than copied, binary files refused, UTF-8 or GB18030) and
//! its columns guessed as the page guesses them.

use repurchase_lab::import::{self, dates::DayOrder, Encoding, Period, Settings};

/// Calls `f` with the text of the file at `path`; an error names the file.
pub(crate) fn with_text<R>(
    path: &str,
    f: impl FnOnce(&str) -> Result<R, String>,
) -> Result<R, String> {
    // SAFETY: the map is only read, and only while this process runs; a
    // file changed underneath would give wrong numbers, not unsoundness
    // that the parser (total over any bytes) could turn into a crash.
    let map = std::fs::File::open(path)
        .and_then(|f| unsafe { memmap2::Mmap::map(&f) })
        .map_err(|e| format!("{path}: {e}"))?;
    let bytes: &[u8] = &map;
    if import::looks_binary(bytes) {
        return Err(format!("{path}: not a text file"));
    }
    let text = match import::detect_encoding(bytes) {
        Encoding::Utf8 => {
            std::borrow::Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default())
        }
        Encoding::Gb18030 => encoding_rs::GB18030.decode(bytes).0,
    };
    f(&text)
}

/// The page's guess of delimiter, header and columns for `text` (read from `path`).
pub(crate) fn settings(
    path: &str,
    text: &str,
    day_order: Option<DayOrder>,
    granularity: Period,
) -> Result<Settings, String> {
    let inspection = import::inspect(text).map_err(|e| format!("{path}: {e:?}"))?;
    Ok(inspection
        .guessed_settings()
        .by(granularity)
        .with_day_order(day_order))
}
