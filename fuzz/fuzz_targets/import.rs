//! The importer: any bytes, as the worker takes them (UTF-8, else lossy),
//! through the first look, a reading with the guessed settings, another
//! period, a reading with every mapping the columns allow, and the analysis
//! JSON. Never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use repurchase_lab::import::{self, columns::Mapping, Period};

fuzz_target!(|bytes: &[u8]| {
    if import::looks_binary(bytes) {
        return;
    }
    let text = String::from_utf8_lossy(bytes);
    let Ok(i) = import::inspect(&text) else { return };
    let settings = i.guessed_settings();
    if let Ok((a, rows)) = import::analyze_rows(&text, &settings, &mut |_| true) {
        let _ = a.to_json(&|r| r.code().to_string());
        let _ = import::regroup(&rows, &a.reading(), Period::Week);
        let _ = repurchase_lab::formats::export::analysis_csv(&a, true);
    }
    let n = i.columns.len().min(4);
    for customer in 0..n {
        for date in 0..n {
            if customer == date {
                continue;
            }
            let mapping = Mapping { customer, date, amount: (n > 2).then_some(n - 1), order: None };
            let s = import::Settings { mapping, ..settings.clone() };
            let _ = import::analyze(&text, &s, &mut |_| true);
        }
    }
    if let Some(t) = i.table {
        let _ = import::analyze_table(&text, i.delimiter, t, Period::Month);
    }
});
