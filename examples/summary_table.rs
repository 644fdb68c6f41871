//! A customer summary table (frequency, recency, T[, count][, monetary_value])
//! fitted natively, model by model, as the page's worker does when such a
//! table is picked: `cargo run --release --example summary_table -- FILE`.
//! Prints each model's estimates and time (stderr), then the whole report's.

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

    use repurchase_lab::forecast::table::{self, SummaryTable};
    use repurchase_lab::forecast::{bgnbd, mbgnbd, pnbd};
    use repurchase_lab::i18n::Lang;
    use repurchase_lab::import::SummaryKind;

    pub(crate) fn main() -> ExitCode {
        let Some(path) = std::env::args().nth(1) else {
            eprintln!("usage: summary_table FILE");
            return ExitCode::from(2);
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::from(1);
            }
        };
        let started = Instant::now();
        let t = match table::read(&text, SummaryKind::Customers) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: line {}, column {}", e.line, e.column);
                return ExitCode::from(1);
            }
        };
        eprintln!("read {:.3} s", started.elapsed().as_secs_f64());
        let SummaryTable::Customers { customers, .. } = &t else {
            eprintln!("{path}: not a customer summary");
            return ExitCode::from(1);
        };
        println!("patterns {}, customers {}", t.patterns(), t.customers());
        let time = |name: &str, f: &mut dyn FnMut() -> String| {
            let started = Instant::now();
            let said = f();
            println!("{name}: {said}");
            eprintln!("{name}: {:.3} s", started.elapsed().as_secs_f64());
        };
        time("BG/NBD", &mut || {
            bgnbd::fit(customers, &mut |_| true).map_or("no fit".into(), |e| {
                let p = e.params;
                format!(
                    "r {:.4} alpha {:.4} a {:.4} b {:.4} LL {:.2} ({} iterations, converged {})",
                    p.r, p.alpha, p.a, p.b, e.ll, e.iterations, e.converged
                )
            })
        });
        time("MBG/NBD", &mut || {
            mbgnbd::fit(customers, &mut |_| true).map_or("no fit".into(), |e| {
                let p = e.params;
                format!(
                    "r {:.4} alpha {:.4} a {:.4} b {:.4} LL {:.2} ({} iterations, converged {}, ran off {})",
                    p.r, p.alpha, p.a, p.b, e.ll, e.iterations, e.converged, e.ran_off
                )
            })
        });
        time("Pareto/NBD", &mut || {
            pnbd::fit(customers, &mut |_| true).map_or("no fit".into(), |e| {
                let p = e.params;
                format!(
                    "r {:.4} alpha {:.4} s {:.4} beta {:.4} LL {:.2} ({} iterations, converged {}, ran off {})",
                    p.r, p.alpha, p.s, p.beta, e.ll, e.iterations, e.converged, e.ran_off
                )
            })
        });
        time("whole report", &mut || {
            let (done, status, html) = table::report(&t, Lang::En, &mut |_| true, &mut |_| {});
            format!("done {done}; {status}; {} KB of HTML", html.len() / 1024)
        });
        ExitCode::SUCCESS
    }
}
