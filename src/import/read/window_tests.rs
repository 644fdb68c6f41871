//! Reading in windows gives what reading the whole text gives: the rows,
//! the skipped lines and their numbers, the errors.

use crate::import::read::{analyze_rows, Analysis, NotUtf8, RowChunks, Rows, MIN_WINDOW};
use crate::import::{inspect, ImportError, Settings};

/// [`analyze_rows`] on a text of `total` bytes read one window at a time
/// (`fetch(start, end, buffer)` appends those bytes to the buffer; false if
/// it cannot), through [`RowChunks`]: only about a window of the text is in
/// memory at once, beside the rows.
fn analyze_windows(
    total: usize,
    settings: &Settings,
    window: usize,
    fetch: &mut dyn FnMut(usize, usize, &mut Vec<u8>) -> bool,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Result<(Analysis, Rows), ImportError>, NotUtf8> {
    let mut chunks = RowChunks::new(settings, total);
    let mut buffer = Vec::new();
    let mut at = 0;
    while at < total {
        let end = (at + window.max(1)).min(total);
        buffer.clear();
        if !fetch(at, end, &mut buffer) || buffer.len() != end - at {
            return Ok(Err(ImportError::NotText));
        }
        if let Err(e) = chunks.push(&buffer, progress)? {
            return Ok(Err(e));
        }
        at = end;
    }
    Ok(chunks.finish(progress))
}

/// A text of a few megabytes with every shape that crosses a window's edge:
/// numbered, e-mail and nickname ids, ids quoted with "" inside, notes
/// quoted over several lines and one of almost a megabyte, slash dates
/// resolved at the end, blank lines, rows with extra fields, bad rows (their
/// line numbers count).
fn windowed_text() -> String {
    let mut text = String::from("\u{FEFF}customer,date,amount,note\n");
    let mut x = 7u64;
    let mut next = || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) as usize
    };
    for i in 0..200_000 {
        let n = next();
        let id = match n % 6 {
            0 | 1 => format!("C{:07}", n % 20_000),
            2 => format!("user{}@mail.example.com", n % 9_000),
            3 => format!("小明{}号", n % 5_000),
            4 => format!("\"q\"\"{}\"\"\"", n % 700),
            _ => format!("{:08x}-aa", n % 4_000),
        };
        let day = 1 + n % 28;
        let month = 1 + (n / 28) % 12;
        let date = match n % 5 {
            0 => format!("{day:02}/{month:02}/2024"),
            _ => format!("2024-{month:02}-{day:02}"),
        };
        let note = match i % 997 {
            0 => "\"two\nlines, \"\"quoted\"\"\"".to_string(),
            1 => "plain,extra".to_string(),
            2 if i == 997 * 45 + 2 => format!("\"{}\"", "长".repeat(300_000)),
            _ => "n".to_string(),
        };
        let amount = match i % 1_999 {
            5 => "ten".to_string(),
            _ => format!("{}.{:02}", n % 300, n % 100),
        };
        text.push_str(&format!("{id},{date},{amount},{note}\n"));
        if i % 4_001 == 0 {
            text.push_str("\n  \n");
        }
    }
    text
}

#[test]
fn windows_read_what_the_whole_text_reads() {
    let text = windowed_text();
    assert!(text.len() > 2 * MIN_WINDOW);
    let settings = inspect(&text).unwrap().guessed_settings();
    let whole = analyze_rows(&text, &settings, &mut |_| true).unwrap();
    assert!(whole.0.skipped_count > 0 && whole.0.notes.extra_count > 0);
    assert!(whole.1.customers() > 20_000);
    // Window sizes that cut records, quoted lines and characters at
    // different places.
    for window in [777_777, MIN_WINDOW + 1, MIN_WINDOW + 4_093, 3_333_333] {
        let mut reads = 0;
        let got = analyze_windows(
            text.len(),
            &settings,
            window,
            &mut |a, b, buffer| {
                reads += 1;
                buffer.extend_from_slice(&text.as_bytes()[a..b]);
                true
            },
            &mut |_| true,
        )
        .unwrap()
        .unwrap();
        assert!(reads > 2, "window {window}: {reads} reads");
        assert_eq!(got.1, whole.1, "window {window}");
        assert_eq!(got.0, whole.0, "window {window}");
    }
}

#[test]
fn a_window_that_is_not_utf8_says_so() {
    let mut bytes = windowed_text().into_bytes();
    let at = bytes.len() - 1_000;
    bytes[at] = 0xFF;
    let text = String::from_utf8_lossy(&bytes[..4_096]).into_owned();
    let settings = inspect(&text).unwrap().guessed_settings();
    let got = analyze_windows(
        bytes.len(),
        &settings,
        100_000,
        &mut |a, b, buffer| {
            buffer.extend_from_slice(&bytes[a..b]);
            true
        },
        &mut |_| true,
    );
    assert_eq!(got.err(), Some(NotUtf8));
}

#[test]
fn a_record_too_long_is_the_same_error_in_windows() {
    let mut text = String::from("customer,date,amount,note\n");
    for i in 0..40_000 {
        text.push_str(&format!(
            "C{:05},2024-01-{:02},1.00,n\n",
            i % 900,
            1 + i % 28
        ));
        if i == 30_000 {
            text.push_str(&format!(
                "C1,2024-01-01,1.00,\"{}\"\n",
                "x".repeat(1_500_000)
            ));
        }
    }
    let settings = inspect(&text).unwrap().guessed_settings();
    let whole = analyze_rows(&text, &settings, &mut |_| true).unwrap_err();
    assert!(
        matches!(whole, ImportError::LineTooLong { line: 30_003 }),
        "{whole:?}"
    );
    for window in [65_536, MIN_WINDOW + 99, 1_000_000 + MIN_WINDOW] {
        let got = analyze_windows(
            text.len(),
            &settings,
            window,
            &mut |a, b, buffer| {
                buffer.extend_from_slice(&text.as_bytes()[a..b]);
                true
            },
            &mut |_| true,
        )
        .unwrap()
        .unwrap_err();
        assert_eq!(got, whole, "window {window}");
    }
}
