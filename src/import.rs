//! Your data (SPEC §5): a transaction export turned into real cohorts, by
//! stage — `inspect` (a first look: delimiter, header, columns, a guessed
//! mapping), `read` (every row through the mapping into kept rows, skipped
//! rows counted by line and reason), `aggregate` (rows to cohorts; another
//! period regroups the kept rows), `json` (the analysis JSON of CONTRACT.md).
//! Helpers: `csv` (delimiter sniffing, RFC 4180 records), `dates`, `amount`,
//! `columns` (header and content guessing), `ids` (customer ids to dense
//! indices), `cohort_table` (an already-aggregated table).
//!
//! The page decodes the file's bytes (UTF-8 or GB18030, with the browser's
//! TextDecoder) and hands the text here; nothing leaves the page. Natively:
//! `cargo run --release --example cohort -- FILE`.
//!
//! May import: `period`, `formats::json` (the analysis JSON). Never a web
//! crate, never the calculator or the models.

pub mod aggregate;
pub mod amount;
pub mod brackets;
pub mod cohort_table;
pub mod columns;
pub mod csv;
pub mod dates;
pub mod drill;
pub(crate) mod ids;
pub mod inspect;
pub mod json;
pub mod read;
pub mod shops;
#[cfg(test)]
mod tests;
mod warm;
pub mod workbook;

pub use crate::period::Period;
pub use aggregate::{
    aggregate, mean_retention, regroup, Analysis, CohortRow, Notes, Reading, Retention, Segment,
    Totals,
};
pub use cohort_table::{analyze_table, detect_summary, detect_table, SummaryKind, TableColumns};
pub use ids::group_by_customer;
pub use inspect::{inspect, ImportError, Inspection, RowFilter, Settings};
pub use read::{analyze, analyze_rows, RowChunks, Rows, SkipReason, SKIPPED_LISTED};
pub use warm::warm_up;

/// The text encoding of a file's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without BOM).
    Utf8,
    /// GB18030 / GBK (Chinese Excel's default).
    Gb18030,
}

/// UTF-8 when the bytes are valid UTF-8, else GB18030 (which decodes any byte
/// sequence a Chinese Excel writes).
pub fn detect_encoding(bytes: &[u8]) -> Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::Gb18030
    }
}

/// Whether the bytes are not text at all (an image, a zip, an Excel .xlsx):
/// a NUL byte or a known binary signature in the first 4 KB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    const SIGNATURES: [&[u8]; 4] = [b"\x89PNG", b"PK\x03\x04", b"%PDF", b"\xD0\xCF\x11\xE0"];
    SIGNATURES.iter().any(|s| head.starts_with(s)) || head.contains(&0)
}

#[cfg(test)]
mod encoding_tests {
    use super::*;

    #[test]
    fn encodings_and_binary() {
        assert_eq!(detect_encoding("客户,日期".as_bytes()), Encoding::Utf8);
        assert_eq!(
            detect_encoding(&[0xBF, 0xCD, 0xBB, 0xA7]),
            Encoding::Gb18030
        ); // 客户 in GBK
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n...."));
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary("C1,2024-01-02,5".as_bytes()));
    }
}
