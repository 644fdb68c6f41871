//! Test support shared by the unit tests, the benches and the examples: one
//! loader per fixture and [`assert_close!`](crate::assert_close). It is
//! compiled into the library so that benches and examples can link it; the
//! page never calls it, so none of it reaches the wasm.

use crate::import::columns::Mapping;
use crate::import::csv::Delimiter;
use crate::import::{analyze_rows, Period, Rows, Settings};

/// Asserts two numbers are within a tolerance: `assert_close!(got, want)`
/// (1e-12), `assert_close!(got, want, 1e-6)` (absolute) or
/// `assert_close!(got, want, rel 1e-5)` (relative to |want|, at least 1).
/// A message may follow, as for `assert!`.
#[macro_export]
macro_rules! assert_close {
    ($got:expr, $want:expr, rel $tol:expr $(, $($msg:tt)+)?) => {{
        let (got, want): (f64, f64) = ($got, $want);
        let tol: f64 = $tol * want.abs().max(1.0);
        assert!(
            (got - want).abs() <= tol,
            "{} = {got}, want {want} ± {tol} {}",
            stringify!($got),
            $crate::close_message!($($($msg)+)?)
        );
    }};
    ($got:expr, $want:expr, $tol:expr $(, $($msg:tt)+)?) => {{
        let (got, want, tol): (f64, f64, f64) = ($got, $want, $tol);
        assert!(
            (got - want).abs() <= tol,
            "{} = {got}, want {want} ± {tol} {}",
            stringify!($got),
            $crate::close_message!($($($msg)+)?)
        );
    }};
    ($got:expr, $want:expr) => {
        $crate::assert_close!($got, $want, 1e-12)
    };
}

/// The message part of [`assert_close!`](crate::assert_close) (none, or `format!`'s arguments).
#[doc(hidden)]
#[macro_export]
macro_rules! close_message {
    () => {
        String::new()
    };
    ($($m:tt)+) => {
        format!($($m)+)
    };
}

/// Checks an analytic gradient against central differences of `f` at
/// `theta` (step 1e-6, relative tolerance 1e-5): the test every likelihood
/// with a hand-written gradient gets.
pub fn assert_gradient(theta: &[f64], gradient: &[f64], f: impl Fn(&[f64]) -> f64) {
    assert_eq!(theta.len(), gradient.len());
    let h = 1e-6;
    for i in 0..theta.len() {
        let (mut up, mut down) = (theta.to_vec(), theta.to_vec());
        up[i] += h;
        down[i] -= h;
        let fd = (f(&up) - f(&down)) / (2.0 * h);
        crate::assert_close!(gradient[i], fd, rel 1e-5, "component {i}");
    }
}

/// Checks a Hessian (row-major) against central differences of the
/// analytic gradient `grad` (relative `rel`, or 1e-7 of the largest entry).
pub fn assert_hessian(
    theta: &[f64; 4],
    hess: &[f64; 16],
    rel: f64,
    grad: impl Fn(&[f64; 4]) -> [f64; 4],
) {
    let h = 1e-5;
    let big = hess.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    for j in 0..4 {
        let (mut up, mut down) = (*theta, *theta);
        up[j] += h;
        down[j] -= h;
        let (gu, gd) = (grad(&up), grad(&down));
        for i in 0..4 {
            let fd = (gu[i] - gd[i]) / (2.0 * h);
            let got = hess[i * 4 + j];
            assert!(
                (got - fd).abs() <= rel * fd.abs() + 1e-7 * big,
                "H[{i}][{j}] = {got}, differences {fd}"
            );
        }
    }
}

/// A fixture's text, by its path under `tests/fixtures/`.
pub fn fixture(path: &str) -> String {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// The CDNOW sample (`tests/fixtures/cdnow/CDNOW_sample.txt`, MIT, from the
/// `lifetimes` package): master id, sample id, YYYYMMDD, CDs, dollars.
pub fn cdnow_text() -> String {
    fixture("cdnow/CDNOW_sample.txt")
}

/// How the CDNOW sample is read: space-separated, no header, the sample id
/// as the customer, the date, the dollars.
pub fn cdnow_settings() -> Settings {
    Settings {
        delimiter: Delimiter::Spaces,
        has_header: false,
        mapping: Mapping {
            customer: 1,
            date: 2,
            amount: Some(4),
            ..Mapping::default()
        },
        day_order: None,
        granularity: Period::Month,
        shop: Default::default(),
        keep_all: false,
        title_rows: 0,
        filter: None,
        brackets: Vec::new(),
    }
}

/// A few weighted customers for a gradient check: no repeats, one, a
/// heavy buyer and a long gap (x, t_x, T, weight).
pub fn gradient_customers() -> Vec<crate::forecast::bgnbd::Customer> {
    [
        (0, 0.0, 30.0, 3.0),
        (1, 4.0, 20.0, 1.0),
        (5, 25.0, 38.0, 2.0),
        (12, 9.5, 39.0, 1.0),
    ]
    .map(|(x, t_x, t, weight)| crate::forecast::bgnbd::Customer { x, t_x, t, weight })
    .to_vec()
}

/// The CDNOW sample as the models read it: calibration to 1997-09-30 (the
/// papers' 39 weeks), in weeks, identical (x, t_x, T) grouped.
pub fn cdnow_customers() -> Vec<crate::forecast::bgnbd::Customer> {
    use crate::forecast::summary::{bgnbd_customers, groups, summarise, Unit};
    let end = crate::import::dates::days_from_civil(1997, 9, 30);
    let (summaries, _) = summarise(&cdnow_rows(), end);
    bgnbd_customers(&groups(&summaries), Unit::Week)
}

/// At least `n` distinct patterns shaped like the CDNOW sample's: each of
/// its (x, t_x, T) again with T a whole number of days later, in turn.
pub fn many_patterns(n: usize) -> Vec<crate::forecast::bgnbd::Customer> {
    let base = cdnow_customers();
    let reps = n.div_ceil(base.len());
    (0..reps)
        .flat_map(|k| {
            base.iter().map(move |c| crate::forecast::bgnbd::Customer {
                t: c.t + k as f64 / 7.0,
                ..*c
            })
        })
        .collect()
}

/// The CDNOW sample's rows, as the page reads them.
pub fn cdnow_rows() -> Rows {
    analyze_rows(&cdnow_text(), &cdnow_settings(), &mut |_| true)
        .expect("the CDNOW sample reads")
        .1
}

#[cfg(test)]
mod tests {
    #[test]
    fn assert_close_takes_both_tolerances() {
        crate::assert_close!(0.1 + 0.2, 0.3);
        crate::assert_close!(1.0005, 1.0, 1e-3, "with a {}", "message");
        crate::assert_close!(1000.5, 1000.0, rel 1e-3);
        let far = std::panic::catch_unwind(|| crate::assert_close!(1.1, 1.0, 1e-3));
        assert!(far.is_err());
    }
}
