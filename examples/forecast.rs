//! BG/NBD + Gamma-Gamma on a transaction file, natively:
//! `cargo run --release --example forecast -- FILE --end YYYY-MM-DD [--unit day|week|month] [--horizon N]`
//! prints the estimates (the page's Forecasts panel fits the same code in its
//! worker). Columns are guessed as on the page. Timing goes to stderr.
//! `--compare` also fits Pareto/NBD and MBG/NBD with their standard errors
//! (the page's "compare models") and times each model.

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
    use repurchase_lab::forecast::predict;
    use repurchase_lab::import::{self, dates, Period};

    pub(crate) fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let opt = |name: &str| {
            args.iter()
                .position(|a| a == name)
                .and_then(|i| args.get(i + 1))
                .cloned()
        };
        let (Some(path), Some(end)) = (args.first(), opt("--end")) else {
            eprintln!(
                "usage: forecast FILE --end YYYY-MM-DD [--unit day|week|month] [--horizon N]"
            );
            return ExitCode::from(2);
        };
        let Some(end) = dates::parse_iso_fast(end.as_bytes()) else {
            eprintln!("--end must be YYYY-MM-DD");
            return ExitCode::from(2);
        };
        let unit = opt("--unit")
            .and_then(|u| predict::Unit::from_code(&u))
            .unwrap_or_default();
        let horizon = opt("--horizon")
            .and_then(|h| h.parse().ok())
            .unwrap_or(52.0);
        let started = Instant::now();
        let rows = common::with_text(path, |text| {
            let settings = common::settings(path, text, None, Period::Month)?;
            import::analyze_rows(text, &settings, &mut |_| true)
                .map(|(_, rows)| rows)
                .map_err(|e| format!("{path}: {e:?}"))
        });
        let rows = match rows {
            Ok(rows) => rows,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
        };
        let read = started.elapsed();
        let options = predict::Options {
            calibration_end: end,
            unit,
            horizon,
            margin: 1.0,
            discount: 0.0,
        };
        let started = Instant::now();
        let (summaries, _) = predict::summarise(&rows, end);
        let grouped = predict::bgnbd_customers(&predict::groups(&summaries), unit);
        let fit = repurchase_lab::forecast::bgnbd::fit(&grouped, &mut |_| true);
        let fit_time = started.elapsed();
        let started = Instant::now();
        let f = match predict::forecast(&rows, &options, &mut |_| true) {
            Ok(f) => f,
            Err(e) => {
                eprintln!(
                    "{path}: {}",
                    repurchase_lab::i18n::forecast_error(repurchase_lab::i18n::Lang::En, e)
                );
                return ExitCode::from(1);
            }
        };
        let all = started.elapsed();
        let b = f.bgnbd;
        println!(
            "customers {} (repeat {}), grouped into {} distinct (x, t_x, T)",
            f.customers,
            f.repeaters,
            grouped.len()
        );
        println!(
            "BG/NBD r {:.4} alpha {:.4} a {:.4} b {:.4} LL {:.2} ({} iterations, converged {})",
            b.params.r, b.params.alpha, b.params.a, b.params.b, b.ll, b.iterations, b.converged
        );
        if let Some(g) = f.gg {
            println!(
                "Gamma-Gamma p {:.4} q {:.4} gamma {:.4} LL {:.2}",
                g.params.p, g.params.q, g.params.v, g.ll
            );
        }
        println!(
            "holdout {:.1} {}s: actual {} predicted {:.1}; expected in the next {} {}s: {:.1}",
            f.holdout_units,
            unit.code(),
            f.holdout_actual,
            f.holdout_predicted,
            horizon,
            unit.code(),
            f.expected_total
        );
        if let Some(b) = &f.bands {
            println!(
                "95% intervals (delta method): expected {:.1}-{:.1}, holdout {:.1}-{:.1}{}",
                b.expected_total.lower,
                b.expected_total.upper,
                b.holdout_predicted.lower,
                b.holdout_predicted.upper,
                b.clv_total.map_or(String::new(), |c| format!(
                    ", CLV {:.0}-{:.0}",
                    c.lower, c.upper
                ))
            );
        }
        eprintln!(
            "read {:.3} s; summary + BG/NBD fit {:.3} s (fit ok: {}); whole forecast {:.3} s",
            read.as_secs_f64(),
            fit_time.as_secs_f64(),
            fit.is_some(),
            all.as_secs_f64()
        );
        if args.iter().any(|a| a == "--compare") {
            compare(&grouped);
        }
        ExitCode::SUCCESS
    }

    /// Each model's fit and standard errors, timed.
    fn compare(grouped: &[repurchase_lab::forecast::bgnbd::Customer]) {
        use repurchase_lab::forecast::{bgnbd, mbgnbd, pnbd};
        let started = Instant::now();
        let bg = bgnbd::fit(grouped, &mut |_| true);
        let se = bg.as_ref().and_then(|e| bgnbd::standard_errors(e, grouped));
        eprintln!("BG/NBD fit + SE {:.3} s", started.elapsed().as_secs_f64());
        println!("BG/NBD SE {se:?}");
        let started = Instant::now();
        let pn = pnbd::fit(grouped, &mut |_| true);
        let fit = started.elapsed();
        let se = pn.as_ref().and_then(|e| pnbd::standard_errors(e, grouped));
        eprintln!(
            "Pareto/NBD fit {:.3} s, + SE {:.3} s",
            fit.as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
        if let Some(e) = pn {
            let p = e.params;
            println!(
                "Pareto/NBD r {:.4} alpha {:.4} s {:.4} beta {:.4} LL {:.2} ({} iterations, converged {}) SE {se:?}",
                p.r, p.alpha, p.s, p.beta, e.ll, e.iterations, e.converged
            );
        }
        let started = Instant::now();
        let mb = mbgnbd::fit(grouped, &mut |_| true);
        let fit = started.elapsed();
        let se = mb
            .as_ref()
            .and_then(|e| mbgnbd::standard_errors(e, grouped));
        eprintln!(
            "MBG/NBD fit {:.3} s, + SE {:.3} s",
            fit.as_secs_f64(),
            started.elapsed().as_secs_f64()
        );
        if let Some(e) = mb {
            let p = e.params;
            println!(
                "MBG/NBD r {:.4} alpha {:.4} a {:.4} b {:.4} LL {:.2} ({} iterations, converged {}) SE {se:?}",
                p.r, p.alpha, p.a, p.b, e.ll, e.iterations, e.converged
            );
        }
    }
}
