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
mod native {
    use std::process::ExitCode;
    use std::time::Instant;

    use repurchase_lab::data::{self, dates::DayOrder, Encoding, Granularity, Settings};

    pub fn main() -> ExitCode {
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
        let granularity = match opt("--period").as_deref().map(Granularity::from_code) {
            Some(Some(g)) => g,
            Some(None) => {
                eprintln!("--period must be month, week or day");
                return ExitCode::from(2);
            }
            None => Granularity::Month,
        };
        let day_order = match opt("--date-order").as_deref() {
            Some("dmy") => Some(DayOrder::Dmy),
            Some("mdy") => Some(DayOrder::Mdy),
            _ => None,
        };
        let started = Instant::now();
        // SAFETY: the map is only read, and only while this process runs; a
        // file changed underneath would give wrong numbers, not unsoundness
        // that the parser (total over any bytes) could turn into a crash.
        let map = match std::fs::File::open(path).and_then(|f| unsafe { memmap2::Mmap::map(&f) }) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::from(1);
            }
        };
        let bytes: &[u8] = &map;
        if data::looks_binary(bytes) {
            eprintln!("{path}: not a text file");
            return ExitCode::from(1);
        }
        let text = match data::detect_encoding(bytes) {
            Encoding::Utf8 => {
                std::borrow::Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default())
            }
            Encoding::Gb18030 => encoding_rs::GB18030.decode(bytes).0,
        };
        let inspection = match data::inspect(&text) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{path}: {e:?}");
                return ExitCode::from(1);
            }
        };
        let settings = Settings {
            delimiter: inspection.delimiter,
            has_header: inspection.has_header,
            mapping: inspection.mapping,
            day_order,
            granularity,
        };
        match data::analyze(&text, &settings, &mut |_| true) {
            Ok(a) => {
                let seconds = started.elapsed().as_secs_f64();
                println!("{}", a.to_json(&|r| r.message_en().to_string()));
                eprintln!(
                    "cohort: {} rows, {} customers, {} cohorts in {:.3} s ({:.0} MB/s)",
                    a.totals.rows,
                    a.totals.customers,
                    a.cohorts.len(),
                    seconds,
                    bytes.len() as f64 / 1e6 / seconds
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{path}: {e:?}");
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
