//! The cohort analysis of a transaction file, natively:
//! `cargo run --release --example cohort -- FILE [--period month|week|day] [--date-order dmy|mdy]`
//! prints the analysis JSON of CONTRACT.md (the same as the page's export).
//! Timing (read + parse + aggregate, one thread) goes to stderr.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod common;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::process::ExitCode;
    use std::time::Instant;

    use super::common;
    use repurchase_lab::import::{self, dates::DayOrder, Period};

    pub(crate) fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let Some(path) = args
            .iter()
            .find(|a| !a.starts_with("--") && !is_value(&args, a))
        else {
            eprintln!("usage: cohort FILE [--period month|week|day] [--date-order dmy|mdy]");
            return ExitCode::from(2);
        };
        let opt = |name: &str| {
            args.iter()
                .position(|a| a == name)
                .and_then(|i| args.get(i + 1))
                .cloned()
        };
        let granularity = match opt("--period").as_deref().map(Period::from_code) {
            Some(Some(g)) => g,
            Some(None) => {
                eprintln!("--period must be month, week or day");
                return ExitCode::from(2);
            }
            None => Period::Month,
        };
        let day_order = match opt("--date-order").as_deref() {
            Some("dmy") => Some(DayOrder::Dmy),
            Some("mdy") => Some(DayOrder::Mdy),
            _ => None,
        };
        let started = Instant::now();
        let result = common::with_text(path, |text| {
            let settings = common::settings(path, text, day_order, granularity)?;
            let a = import::analyze(text, &settings, &mut |_| true)
                .map_err(|e| format!("{path}: {e:?}"))?;
            Ok((a, text.len()))
        });
        match result {
            Ok((a, bytes)) => {
                let seconds = started.elapsed().as_secs_f64();
                println!("{}", a.to_json(&|r| r.message_en().to_string()));
                eprintln!(
                    "cohort: {} rows, {} customers, {} cohorts in {:.3} s ({:.0} MB/s)",
                    a.totals.rows,
                    a.totals.customers,
                    a.cohorts.len(),
                    seconds,
                    bytes as f64 / 1e6 / seconds
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(1)
            }
        }
    }

    fn is_value(args: &[String], a: &String) -> bool {
        args.iter()
            .position(|x| std::ptr::eq(x, a))
            .is_some_and(|i| i > 0 && args[i - 1].starts_with("--"))
    }
}
