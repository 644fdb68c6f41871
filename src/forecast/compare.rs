//! Which model to believe: BG/NBD, Pareto/NBD and MBG/NBD fitted on the same
//! customers, each with its standard errors and 95 % intervals (estimate ±
//! 1.96 SE, as lifetimes' summary prints them), compared by log-likelihood,
//! AIC, BIC and the holdout — total repeat purchases and the mean error by
//! calibration frequency — with a plain recommendation.
//!
//! Honest failure: a fit that did not converge, ran a parameter off towards
//! 0 or ∞, or whose information matrix is not positive definite is reported
//! as failed, with no numbers.

use crate::forecast::bgnbd::{self, Customer};
use crate::forecast::{mbgnbd, optimize, pnbd};

/// A model of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// BG/NBD (Fader, Hardie & Lee 2005).
    BgNbd,
    /// Pareto/NBD (Schmittlein, Morrison & Colombo 1987).
    ParetoNbd,
    /// MBG/NBD (Batislam, Denizel & Filiztekin 2007).
    MbgNbd,
}

impl Model {
    /// Every model, in the table's order.
    pub const ALL: [Model; 3] = [Model::BgNbd, Model::ParetoNbd, Model::MbgNbd];

    /// The hook prefix (CONTRACT: `bgnbd`, `pnbd`, `mbgnbd`).
    pub fn code(self) -> &'static str {
        match self {
            Model::BgNbd => "bgnbd",
            Model::ParetoNbd => "pnbd",
            Model::MbgNbd => "mbgnbd",
        }
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Model::BgNbd => "BG/NBD",
            Model::ParetoNbd => "Pareto/NBD",
            Model::MbgNbd => "MBG/NBD",
        }
    }

    /// Its parameters' names (the hooks' suffixes).
    pub fn parameters(self) -> [&'static str; 4] {
        match self {
            Model::BgNbd | Model::MbgNbd => ["r", "alpha", "a", "b"],
            Model::ParetoNbd => ["r", "alpha", "s", "beta"],
        }
    }
}

/// One model's fit, as the comparison shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Fitted {
    /// Which model.
    pub model: Model,
    /// The estimates (in the order of [`Model::parameters`]).
    pub values: [f64; 4],
    /// Their standard errors.
    pub se: [f64; 4],
    /// The log-likelihood.
    pub ll: f64,
    /// Akaike: 2k − 2 LL.
    pub aic: f64,
    /// Schwarz: k ln n − 2 LL.
    pub bic: f64,
    /// Predicted − actual repeat purchases in the holdout, as a share of the
    /// actual (None without a holdout).
    pub holdout_error: Option<f64>,
    /// Mean absolute error of holdout purchases per customer, by
    /// calibration frequency 0…6, 7+ (weighted by customers).
    pub holdout_mae: Option<f64>,
    /// Predicted holdout purchases per customer group (for the caller's charts).
    pub holdout_predicted: f64,
}

/// Why a model has no result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The optimiser's convergence test did not pass.
    NotConverged,
    /// A parameter ran off towards 0 or ∞ (beyond e^±20, or along a flat
    /// ridge: [`optimize::fit_numeric`]): the likelihood keeps rising there,
    /// the data cannot pin it down.
    Unbounded,
    /// The information matrix is not positive definite: no interval exists.
    Flat,
    /// Stopped by the caller's work budget (Pareto/NBD, fitted last: its
    /// gradient is numerical, and on hundreds of thousands of patterns it
    /// takes longer than the page lets the worker be busy).
    OutOfTime,
}

/// The comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Every model: its fit, or why it failed.
    pub models: Vec<(Model, Result<Fitted, Failure>)>,
    /// The recommended model, if any fitted.
    pub best: Option<Model>,
    /// Whether the recommendation is by the holdout (else by BIC).
    pub by_holdout: bool,
}

/// The holdout: its length (units) and per customer group the actual
/// repeat purchases in it.
pub struct Holdout<'a> {
    /// Units from the calibration end to the last day of the data.
    pub units: f64,
    /// Actual holdout purchases summed over each group's customers.
    pub actual: &'a [f64],
}

/// What an optimiser returned for a model.
struct Raw {
    values: [f64; 4],
    se: Option<[f64; 4]>,
    ll: f64,
    converged: bool,
    ran_off: bool,
}

fn judged(
    model: Model,
    raw: Raw,
    customers: &[Customer],
    holdout: &Holdout,
    expected: &dyn Fn(&Customer) -> f64,
) -> Result<Fitted, Failure> {
    let Raw {
        values,
        se,
        ll,
        converged,
        ran_off,
    } = raw;
    if ran_off
        || values
            .iter()
            .any(|v| !v.is_finite() || v.ln().abs() > optimize::RUNAWAY)
    {
        return Err(Failure::Unbounded);
    }
    if !converged {
        return Err(Failure::NotConverged);
    }
    let se = se
        .filter(|s| s.iter().all(|v| v.is_finite() && *v > 0.0))
        .ok_or(Failure::Flat)?;
    let n: f64 = customers.iter().map(|c| c.weight).sum();
    let k = 4.0;
    let (mut predicted, mut actual) = (0.0, 0.0);
    let mut buckets = [(0.0f64, 0.0f64, 0.0f64); 8];
    if holdout.units > 0.0 {
        for (c, a) in customers.iter().zip(holdout.actual) {
            let p = c.weight * expected(c);
            predicted += p;
            actual += a;
            let b = &mut buckets[(c.x as usize).min(7)];
            b.0 += c.weight;
            b.1 += a;
            b.2 += p;
        }
    }
    let with_holdout = holdout.units > 0.0 && actual > 0.0;
    let mae = with_holdout.then(|| {
        let (sum, weight) = buckets
            .iter()
            .filter(|b| b.0 > 0.0)
            .fold((0.0, 0.0), |(s, w), b| (s + (b.2 - b.1).abs(), w + b.0));
        sum / weight
    });
    Ok(Fitted {
        model,
        values,
        se,
        ll,
        aic: 2.0 * k - 2.0 * ll,
        bic: k * n.ln() - 2.0 * ll,
        holdout_error: with_holdout.then(|| (predicted - actual) / actual),
        holdout_mae: mae,
        holdout_predicted: predicted,
    })
}

/// Fits the three models on `customers` (BG/NBD's estimate given) and
/// compares them. `progress(fraction)` returning false cancels: None, unless
/// only Pareto/NBD (fitted last) was still running — then it is reported
/// as [`Failure::OutOfTime`] and the others stand.
pub fn compare(
    customers: &[Customer],
    bg: &bgnbd::Estimate,
    holdout: &Holdout,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Option<Comparison> {
    let h = holdout.units;
    let bp = bg.params;
    let bg_fit = judged(
        Model::BgNbd,
        Raw {
            values: [bp.r, bp.alpha, bp.a, bp.b],
            se: bgnbd::standard_errors(bg, customers),
            ll: bg.ll,
            converged: bg.converged,
            ran_off: bg.ran_off,
        },
        customers,
        holdout,
        &|c| bp.expected(h, c.x, c.t_x, c.t),
    );
    if !progress(0.2) {
        return None;
    }
    // MBG/NBD (analytic gradient, quick) first; Pareto/NBD last, so a work
    // budget running out costs only it.
    let mb = mbgnbd::fit(customers, &mut |i| {
        progress(0.2 + 0.2 * (i as f64 / 60.0).min(1.0))
    })?;
    let mp = mb.params;
    let mb_fit = judged(
        Model::MbgNbd,
        Raw {
            values: [mp.r, mp.alpha, mp.a, mp.b],
            se: (mb.converged && !mb.ran_off)
                .then(|| mbgnbd::standard_errors(&mb, customers))
                .flatten(),
            ll: mb.ll,
            converged: mb.converged,
            ran_off: mb.ran_off,
        },
        customers,
        holdout,
        &|c| mp.expected(h, c.x, c.t_x, c.t),
    );
    let pn_fit = match pnbd::fit(customers, &mut |i| {
        progress(0.4 + 0.6 * (i as f64 / 60.0).min(1.0))
    }) {
        None => Err(Failure::OutOfTime),
        Some(pn) => {
            let pp = pn.params;
            judged(
                Model::ParetoNbd,
                Raw {
                    values: [pp.r, pp.alpha, pp.s, pp.beta],
                    se: (pn.converged && !pn.ran_off)
                        .then(|| pnbd::standard_errors(&pn, customers))
                        .flatten(),
                    ll: pn.ll,
                    converged: pn.converged,
                    ran_off: pn.ran_off,
                },
                customers,
                holdout,
                &|c| pp.expected(h, c.x, c.t_x, c.t),
            )
        }
    };
    let models = vec![
        (Model::BgNbd, bg_fit),
        (Model::ParetoNbd, pn_fit),
        (Model::MbgNbd, mb_fit),
    ];
    let fitted: Vec<&Fitted> = models.iter().filter_map(|(_, f)| f.as_ref().ok()).collect();
    let by_holdout = fitted.iter().all(|f| f.holdout_error.is_some()) && !fitted.is_empty();
    let best = if by_holdout {
        fitted
            .iter()
            .min_by(|a, b| {
                let e = |f: &Fitted| f.holdout_error.unwrap_or(f64::INFINITY).abs();
                e(a).total_cmp(&e(b))
            })
            .map(|f| f.model)
    } else {
        fitted
            .iter()
            .min_by(|a, b| a.bic.total_cmp(&b.bic))
            .map(|f| f.model)
    };
    Some(Comparison {
        models,
        best,
        by_holdout,
    })
}

/// The comparison as CSV (UTF-8 with a BOM, for Excel), one row per model
/// and quantity: `model,status,quantity,value,se,lower,upper` — every
/// estimate with its SE and 95 % interval, then ll, aic, bic,
/// holdout_error and holdout_mae (no SE); a failed model has one row with
/// its status (`not_converged`, `ran_off`, `flat`) and nothing else.
pub fn comparison_csv(c: &Comparison) -> String {
    use std::fmt::Write as _;
    let mut out = format!(
        "{}model,status,quantity,value,se,lower,upper\r\n",
        crate::formats::export::BOM
    );
    for (model, fit) in &c.models {
        let code = model.code();
        match fit {
            Ok(f) => {
                for (k, name) in model.parameters().iter().enumerate() {
                    let (v, se) = (f.values[k], f.se[k]);
                    let _ = write!(
                        out,
                        "{code},fitted,{name},{v},{se},{},{}\r\n",
                        v - 1.96 * se,
                        v + 1.96 * se
                    );
                }
                for (name, v) in [
                    ("ll", Some(f.ll)),
                    ("aic", Some(f.aic)),
                    ("bic", Some(f.bic)),
                    ("holdout_error", f.holdout_error),
                    ("holdout_mae", f.holdout_mae),
                ] {
                    if let Some(v) = v {
                        let _ = write!(out, "{code},fitted,{name},{v},,,\r\n");
                    }
                }
            }
            Err(e) => {
                let status = match e {
                    Failure::NotConverged => "not_converged",
                    Failure::Unbounded => "ran_off",
                    Failure::Flat => "flat",
                    Failure::OutOfTime => "out_of_time",
                };
                let _ = write!(out, "{code},{status},,,,,\r\n");
            }
        }
    }
    if let Some(best) = c.best {
        let _ = write!(out, "{},best,,,,,\r\n", best.code());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::summary::{bgnbd_customers, groups, summarise, Unit};
    use crate::import::dates::days_from_civil;

    #[test]
    fn cdnow_compares_the_three_models_on_the_holdout() {
        let rows = crate::testing::cdnow_rows();
        let end = days_from_civil(1997, 9, 30);
        let (summaries, _) = summarise(&rows, end);
        let g = groups(&summaries);
        let customers = bgnbd_customers(&g, Unit::Week);
        let mut actual = vec![0.0; customers.len()];
        for (c, s) in summaries.iter().enumerate() {
            if let Some(s) = s {
                actual[g.of[c] as usize] += s.holdout as f64;
            }
        }
        let bg = bgnbd::fit(&customers, &mut |_| true).unwrap();
        let holdout = Holdout {
            units: 39.0,
            actual: &actual,
        };
        let c = compare(&customers, &bg, &holdout, &mut |_| true).unwrap();
        assert!(c.by_holdout);
        let fits: Vec<&Fitted> = c.models.iter().map(|(_, f)| f.as_ref().unwrap()).collect();
        // The papers' log-likelihoods; the BIC penalty is the same for all three.
        assert_eq!(format!("{:.1}", fits[0].ll), "-9582.4");
        assert_eq!(format!("{:.2}", fits[1].ll), "-9594.98");
        for f in &fits {
            assert!(f.holdout_error.unwrap().abs() < 0.2, "{f:?}");
            crate::assert_close!(f.bic - f.aic, 4.0 * (2357f64.ln() - 2.0), 1e-9);
        }
        assert!(c.best.is_some());
        let csv = comparison_csv(&c);
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}model,status,quantity,value,se,lower,upper"
        );
        // 3 models × (4 estimates + 5 measures) + the recommendation.
        assert_eq!(lines.len(), 1 + 3 * 9 + 1);
        let r = lines
            .iter()
            .find(|l| l.starts_with("pnbd,fitted,r,"))
            .unwrap();
        let v: Vec<f64> = r.split(',').skip(3).map(|f| f.parse().unwrap()).collect();
        assert_eq!(format!("{:.3}", v[0]), "0.553");
        crate::assert_close!(v[3] - v[2], 2.0 * 1.96 * v[1], rel 1e-9);
    }

    #[test]
    fn a_model_that_runs_off_reports_failure_not_numbers() {
        let customers = [Customer {
            x: 0,
            t_x: 0.0,
            t: 10.0,
            weight: 30.0,
        }];
        let holdout = Holdout {
            units: 0.0,
            actual: &[0.0],
        };
        let r = judged(
            Model::BgNbd,
            Raw {
                values: [2.2e9, 1.0, 1.0, 1.0],
                se: Some([1.0; 4]),
                ll: -1.0,
                converged: true,
                ran_off: false,
            },
            &customers,
            &holdout,
            &|_| 0.0,
        );
        assert_eq!(r, Err(Failure::Unbounded));
    }
}
