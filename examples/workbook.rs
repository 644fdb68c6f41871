//! A workbook sheet as the importer reads it (CSV on stdout), natively:
//! `cargo run --release --example workbook -- FILE.xlsx [SHEET]`.
//! The time it took goes to stderr.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: workbook FILE.xlsx [SHEET]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let t0 = std::time::Instant::now();
    match repurchase_lab::import::workbook::sheet_text(&bytes, args.get(1).map(String::as_str)) {
        Ok(sheet) => {
            let took = t0.elapsed();
            eprintln!(
                "workbook: sheet {:?} of {:?}, {} lines in {:.3} s",
                sheet.name,
                sheet.names,
                sheet.text.lines().count(),
                took.as_secs_f64()
            );
            print!("{}", sheet.text);
        }
        Err(e) => {
            eprintln!("{path}: {e:?}");
            std::process::exit(1);
        }
    }
}
