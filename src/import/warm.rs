//! Reading made-up rows once, thrown away, so that a real file is read by
//! optimised code. In the browser V8 runs a wasm function's first calls in
//! its baseline compiler and swaps in optimised code only for a later call
//! of a function that has run hot — so the first file read (one long call of
//! the aggregation, a few of the window reader) ran about half as fast as
//! the next one of the same size. The import worker calls [`warm_up`] when
//! it starts, which is while the page is idle (the Your data room mounting),
//! long before a person has picked a file.

use super::{analyze, inspect};

/// Rows of each id shape read by [`warm_up`].
const ROWS: usize = 12_000;

/// Reads a few thousand made-up rows of each customer-id shape (numbered
/// ids take one path, any other shape another) twice; returns the
/// customers found, which the caller may ignore.
pub fn warm_up() -> usize {
    let mut found = 0;
    for email in [false, true] {
        let text = sample(email);
        let Ok(first) = inspect(&text) else {
            continue;
        };
        let settings = first.guessed_settings();
        for _ in 0..2 {
            if let Ok(a) = analyze(&text, &settings, &mut |_| true) {
                found += a.totals.customers as usize;
            }
        }
    }
    found
}

/// A transaction file of [`ROWS`] rows over a year: 1,500 customers, ids
/// numbered (`C0000042`) or shaped like e-mail addresses.
fn sample(email: bool) -> String {
    let mut text = String::from("customer_id,order_date,amount\n");
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let start = super::dates::parse_iso_fast(b"2024-01-01").unwrap_or(19_723);
    for _ in 0..ROWS {
        let (c, d, cents) = (next() % 1_500, next() % 366, next() % 20_000);
        if email {
            text.push_str(&format!("buyer.{c}@example.com,"));
        } else {
            text.push_str(&format!("C{c:07},"));
        }
        text.push_str(&super::dates::iso(start + d as i32));
        text.push_str(&format!(",{}.{:02}\n", cents / 100, cents % 100));
    }
    text
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_made_up_rows_are_read() {
        // Each file read twice: twice its distinct ids, counted here.
        let distinct = |email| {
            let text = super::sample(email);
            let ids: std::collections::HashSet<&str> = text
                .lines()
                .skip(1)
                .filter_map(|l| l.split(',').next())
                .collect();
            ids.len()
        };
        assert_eq!(super::warm_up(), 2 * (distinct(false) + distinct(true)));
        assert!(distinct(true) > 1_400);
    }
}
