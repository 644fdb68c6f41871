//! Forecasts from the per-customer summaries: BG/NBD and Gamma-Gamma fitted
//! on them, and everything the page shows from them — P(alive), expected
//! purchases, the holdout check, frequency × recency grids, CLV, the lookup
//! and the customers' CSV. Definitions: [`crate::forecast::summary`].

use std::fmt::Write as _;

use crate::forecast::bands::{delta_se, Bands, Interval, TRACKING_POINTS};
use crate::forecast::bgnbd;
use crate::forecast::gamma_gamma;
use crate::forecast::optimize;
pub use crate::forecast::summary::{
    bgnbd_customers, groups, spenders, summarise, Groups, Summary, Unit,
};
use crate::import::Rows;

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Last day of the calibration period (days since 1970-01-01), inclusive.
    pub calibration_end: i32,
    /// The models' time unit.
    pub unit: Unit,
    /// Units ahead for expected purchases and CLV.
    pub horizon: f64,
    /// Gross margin on spend, 0–1.
    pub margin: f64,
    /// Annual discount rate (0.1 = 10%).
    pub discount: f64,
}

/// A frequency × recency grid of a model quantity for a customer observed
/// for `t` units.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Grid {
    /// T of the hypothetical customer (units).
    pub t: f64,
    /// Row labels: repeat purchases x.
    pub frequency: Vec<u32>,
    /// Column labels: recency t_x (units).
    pub recency: Vec<f64>,
    /// Row-major values.
    pub values: Vec<f64>,
}

/// A top customer.
#[derive(Clone, Debug, PartialEq)]
pub struct Top {
    /// Their id.
    pub id: String,
    /// Repeat purchases in calibration.
    pub x: u32,
    /// Recency (units).
    pub t_x: f64,
    /// Age T (units).
    pub t: f64,
    /// P(alive).
    pub p_alive: f64,
    /// Expected purchases in the horizon.
    pub expected: f64,
    /// Expected spend per purchase (Gamma-Gamma).
    pub spend: f64,
    /// CLV over the horizon (margin, discounted).
    pub clv: f64,
}

/// Everything the Forecasts panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    /// The options used.
    pub options: Options,
    /// First and last day in the data.
    pub first_day: i32,
    /// Last day in the data.
    pub last_day: i32,
    /// Customers in the model (first purchase by the calibration end).
    pub customers: u64,
    /// Of them, with at least one repeat purchase in calibration.
    pub repeaters: u64,
    /// BG/NBD fit.
    pub bgnbd: bgnbd::Estimate,
    /// Gamma-Gamma fit (None without amounts or repeat customers).
    pub gg: Option<gamma_gamma::Estimate>,
    /// Customers by P(alive) in ten bins of 0.1.
    pub alive_hist: Vec<f64>,
    /// Mean P(alive).
    pub mean_alive: f64,
    /// Expected purchases in the horizon, all customers.
    pub expected_total: f64,
    /// Length of the holdout (units) = last day − calibration end.
    pub holdout_units: f64,
    /// Repeat purchases in the holdout: actual, and predicted (conditional).
    pub holdout_actual: f64,
    /// Predicted holdout purchases, Σ E[Y(holdout) | x, t_x, T].
    pub holdout_predicted: f64,
    /// Cumulative repeat purchases per unit since the first day: (unit, actual, model).
    pub tracking: Vec<(f64, f64, f64)>,
    /// Holdout purchases per customer by calibration x = 0..6 and 7+: (customers, actual mean, predicted mean).
    pub by_frequency: Vec<(f64, f64, f64)>,
    /// P(alive) by frequency × recency.
    pub alive_grid: Grid,
    /// Expected purchases in the horizon by frequency × recency.
    pub expected_grid: Grid,
    /// Σ CLV (None without a spend model).
    pub clv_total: Option<f64>,
    /// CLV histogram: upper edges and counts.
    pub clv_hist: Vec<(f64, f64)>,
    /// Top customers by CLV (or expected purchases without spend).
    pub top: Vec<Top>,
    /// BG/NBD's standard errors (r, α, a, b), None when its information
    /// matrix is not positive definite.
    pub bgnbd_se: Option<[f64; 4]>,
    /// Gamma-Gamma's standard errors (p, q, γ), likewise.
    pub gg_se: Option<[f64; 3]>,
    /// Intervals on the forecasts (None without BG/NBD's standard errors).
    pub bands: Option<Bands>,
}

/// Why there is no forecast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForecastError {
    /// No customer's first purchase is on or before the calibration end.
    NoCustomers,
    /// No customer repeated in calibration: the model cannot be identified.
    NoRepeats,
    /// The optimiser found no finite likelihood.
    NoFit,
    /// BG/NBD did not converge, or a parameter ran off towards 0 or ∞: too
    /// few repeat customers or too short a calibration to estimate it. No
    /// number is shown as a result.
    NoConvergence,
    /// The user cancelled.
    Cancelled,
}

/// One customer's numbers under fitted models.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    /// P(alive).
    pub p_alive: f64,
    /// Expected purchases in the horizon.
    pub expected: f64,
    /// Expected spend per purchase (0 without a spend model).
    pub spend: f64,
    /// CLV over the horizon (0 without a spend model).
    pub clv: f64,
}

/// CLV steps: the horizon is cut into at most this many equal steps, each
/// step's expected purchases discounted at its end.
const CLV_STEPS: usize = 24;

/// Discounted expected purchases over the horizon (the CLV's purchase part):
/// the horizon in at most [`CLV_STEPS`] equal steps, each step's expected
/// purchases discounted at the annual rate from its end.
fn discounted_purchases(bg: &bgnbd::Params, o: &Options, x: u32, t_x: f64, t: f64) -> f64 {
    let steps = (o.horizon.ceil() as usize).clamp(1, CLV_STEPS);
    let mut prev = 0.0;
    let mut discounted = 0.0;
    for k in 1..=steps {
        let h = o.horizon * k as f64 / steps as f64;
        let e = bg.expected(h, x, t_x, t);
        let years = h * o.unit.days() / 365.25;
        discounted += (e - prev) / (1.0 + o.discount).powf(years);
        prev = e;
    }
    discounted
}

/// Per distinct (x, t_x, T): [P(alive), expected purchases in the horizon,
/// expected purchases in the holdout, discounted purchases (CLV's part, 0
/// when `clv` is false)]. None when `progress(fraction)` cancels.
fn per_group(
    grouped: &[bgnbd::Customer],
    bg: &bgnbd::Params,
    o: &Options,
    holdout_units: f64,
    clv: bool,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Option<Vec<[f64; 4]>> {
    let n = grouped.len().max(1);
    let mut out = Vec::with_capacity(grouped.len());
    for (i, c) in grouped.iter().enumerate() {
        if i % 4096 == 4095 && !progress(i as f64 / n as f64) {
            return None;
        }
        out.push([
            bg.p_alive(c.x, c.t_x, c.t),
            bg.expected(o.horizon, c.x, c.t_x, c.t),
            bg.expected(holdout_units, c.x, c.t_x, c.t),
            if clv {
                discounted_purchases(bg, o, c.x, c.t_x, c.t)
            } else {
                0.0
            },
        ]);
    }
    Some(out)
}

/// Every customer in the model as CSV (UTF-8 with a BOM, so Excel reads it):
/// id, x, t_x and T in the forecast's unit, P(alive), expected purchases in the
/// horizon and, with a spend model, expected spend per purchase and CLV — the
/// numbers [`predict`] gives for one customer.
///
/// After a comparison (`compared`), every model that fitted adds its own
/// P(alive) and expected purchases: `pnbd_p_alive`, `pnbd_expected_…`,
/// `mbgnbd_…` (a model that failed adds nothing).
pub fn customers_csv(
    rows: &Rows,
    summaries: &[Option<Summary>],
    f: &Forecast,
    compared: Option<&crate::forecast::compare::Comparison>,
) -> String {
    let o = f.options;
    let (u, unit) = (o.unit.days(), o.unit.code());
    let bg = f.bgnbd.params;
    let gg = f.gg.map(|g| g.params);
    let g = groups(summaries);
    let grouped = bgnbd_customers(&g, o.unit);
    let values = per_group(&grouped, &bg, &o, 0.0, gg.is_some(), &mut |_| true).unwrap_or_default();
    // The other models' P(alive) and expected purchases, per group.
    let others: Vec<(&str, Vec<[f64; 2]>)> = compared
        .map(|c| {
            use crate::forecast::compare::Model;
            use crate::forecast::{mbgnbd, pnbd};
            c.models
                .iter()
                .filter_map(|(m, fit)| Some((*m, fit.as_ref().ok()?)))
                .filter(|(m, _)| *m != Model::BgNbd)
                .map(|(m, fit)| {
                    let [a, b, c, d] = fit.values;
                    let each =
                        |f: &dyn Fn(&bgnbd::Customer) -> [f64; 2]| grouped.iter().map(f).collect();
                    let per: Vec<[f64; 2]> = match m {
                        Model::ParetoNbd => {
                            let p = pnbd::Params {
                                r: a,
                                alpha: b,
                                s: c,
                                beta: d,
                            };
                            each(&|g| {
                                [
                                    p.p_alive(g.x, g.t_x, g.t),
                                    p.expected(o.horizon, g.x, g.t_x, g.t),
                                ]
                            })
                        }
                        _ => {
                            let p = mbgnbd::Params {
                                r: a,
                                alpha: b,
                                a: c,
                                b: d,
                            };
                            each(&|g| {
                                [
                                    p.p_alive(g.x, g.t_x, g.t),
                                    p.expected(o.horizon, g.x, g.t_x, g.t),
                                ]
                            })
                        }
                    };
                    (m.code(), per)
                })
                .collect()
        })
        .unwrap_or_default();
    let mut out = String::with_capacity(64 * f.customers as usize + 256);
    let _ = write!(
        out,
        "{}customer,x,t_x_{unit}s,T_{unit}s,p_alive,expected_purchases_{}_{unit}s",
        crate::formats::export::BOM,
        o.horizon
    );
    if gg.is_some() {
        out.push_str(",expected_spend,clv");
    }
    for (code, _) in &others {
        let _ = write!(
            out,
            ",{code}_p_alive,{code}_expected_purchases_{}_{unit}s",
            o.horizon
        );
    }
    out.push_str("\r\n");
    for (c, s) in summaries.iter().enumerate() {
        let (Some(s), Some(v)) = (s, values.get(g.of[c] as usize)) else {
            continue;
        };
        let [p_alive, expected, _, discounted] = *v;
        let _ = write!(
            out,
            "{},{},{},{},{p_alive},{expected}",
            crate::formats::export::field(rows.name(c)),
            s.x,
            s.t_x_days as f64 / u,
            s.t_days as f64 / u
        );
        if let Some(gp) = &gg {
            let spend = gp.expected_spend(s.x, s.mean_spend);
            let _ = write!(out, ",{spend},{}", o.margin * spend * discounted);
        }
        for (_, per) in &others {
            let [alive, expected] = per[g.of[c] as usize];
            let _ = write!(out, ",{alive},{expected}");
        }
        out.push_str("\r\n");
    }
    out
}

/// A customer's prediction.
pub fn predict(
    s: &Summary,
    bg: &bgnbd::Params,
    gg: Option<&gamma_gamma::Params>,
    o: &Options,
) -> Prediction {
    let u = o.unit.days();
    let (t_x, t) = (s.t_x_days as f64 / u, s.t_days as f64 / u);
    let (spend, clv) = match gg {
        Some(g) => {
            let spend = g.expected_spend(s.x, s.mean_spend);
            (
                spend,
                o.margin * spend * discounted_purchases(bg, o, s.x, t_x, t),
            )
        }
        None => (0.0, 0.0),
    };
    Prediction {
        p_alive: bg.p_alive(s.x, t_x, t),
        expected: bg.expected(o.horizon, s.x, t_x, t),
        spend,
        clv,
    }
}

fn grid(t: f64, max_x: u32, f: impl Fn(u32, f64) -> f64) -> Grid {
    let cols = 20;
    let frequency: Vec<u32> = (0..=max_x).collect();
    let recency: Vec<f64> = (0..cols)
        .map(|j| t * (j as f64 + 0.5) / cols as f64)
        .collect();
    let values = frequency
        .iter()
        .flat_map(|&x| recency.iter().map(move |&r| (x, r)))
        .map(|(x, r)| f(x, if x == 0 { 0.0 } else { r }))
        .collect();
    Grid {
        t,
        frequency,
        recency,
        values,
    }
}

/// Fits and predicts. `progress(fraction)` returning false cancels.
pub fn forecast(
    rows: &Rows,
    options: &Options,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Forecast, ForecastError> {
    forecast_with_summaries(rows, options, progress).map(|(f, _)| f)
}

/// [`forecast`], also returning the per-customer summaries it used (the
/// worker keeps them for lookups rather than computing them again).
pub fn forecast_with_summaries(
    rows: &Rows,
    options: &Options,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<(Forecast, Vec<Option<Summary>>), ForecastError> {
    let o = *options;
    let u = o.unit.days();
    let (first_day, last_day) = rows
        .day
        .iter()
        .fold((i32::MAX, i32::MIN), |(lo, hi), &d| (lo.min(d), hi.max(d)));
    let (summaries, repeat_days) = summarise(rows, o.calibration_end);
    let customers = summaries.iter().flatten().count() as u64;
    let repeaters = summaries.iter().flatten().filter(|s| s.x > 0).count() as u64;
    if customers == 0 {
        return Err(ForecastError::NoCustomers);
    }
    if repeaters == 0 {
        return Err(ForecastError::NoRepeats);
    }
    if !progress(0.1) {
        return Err(ForecastError::Cancelled);
    }
    let g = groups(&summaries);
    let grouped = bgnbd_customers(&g, o.unit);
    let est = bgnbd::fit(&grouped, &mut |i| {
        progress(0.1 + 0.5 * (i as f64 / 60.0).min(1.0))
    })
    .ok_or(if progress(0.6) {
        ForecastError::NoFit
    } else {
        ForecastError::Cancelled
    })?;
    // Honest failure: a fit that did not converge, or ran a parameter off
    // towards 0 or ∞, is not shown as a result.
    let p = est.params;
    let unbounded = [p.r, p.alpha, p.a, p.b]
        .iter()
        .any(|v| !v.is_finite() || v.ln().abs() > optimize::RUNAWAY);
    if !est.converged || unbounded {
        return Err(ForecastError::NoConvergence);
    }
    let bg = est.params;
    let gg = match rows.amt {
        Some(_) => gamma_gamma::fit(&spenders(&summaries), &mut |i| {
            progress(0.6 + 0.1 * (i as f64 / 40.0).min(1.0))
        }),
        None => None,
    };
    if !progress(0.7) {
        return Err(ForecastError::Cancelled);
    }
    let ggp = gg.as_ref().map(|g| g.params);

    // Per distinct (x, t_x, T), then per customer (spend differs).
    let holdout_units = ((last_day - o.calibration_end).max(0)) as f64 / u;
    let per_group = per_group(&grouped, &bg, &o, holdout_units, ggp.is_some(), &mut |f| {
        progress(0.7 + 0.25 * f)
    })
    .ok_or(ForecastError::Cancelled)?;
    let mut alive_hist = vec![0.0; 10];
    let (mut alive_sum, mut expected_total, mut holdout_actual, mut holdout_predicted) =
        (0.0, 0.0, 0.0, 0.0);
    let mut by_freq = vec![(0.0, 0.0, 0.0); 8];
    let mut clvs: Vec<(f64, usize)> = Vec::with_capacity(customers as usize);
    // Per group: Σ margin · expected spend of its customers (CLV's weight).
    let mut spend_weight = vec![0.0; grouped.len()];
    for (c, s) in summaries.iter().enumerate() {
        let Some(s) = s else { continue };
        let [p_alive, expected, in_holdout, det] = per_group[g.of[c] as usize];
        if let Some(gp) = &ggp {
            spend_weight[g.of[c] as usize] += o.margin * gp.expected_spend(s.x, s.mean_spend);
        }
        alive_hist[((p_alive * 10.0) as usize).min(9)] += 1.0;
        alive_sum += p_alive;
        expected_total += expected;
        holdout_actual += s.holdout as f64;
        holdout_predicted += in_holdout;
        let b = &mut by_freq[(s.x as usize).min(7)];
        b.0 += 1.0;
        b.1 += s.holdout as f64;
        b.2 += in_holdout;
        let value = match &ggp {
            Some(gp) => o.margin * gp.expected_spend(s.x, s.mean_spend) * det,
            None => expected,
        };
        clvs.push((value, c));
    }
    let by_frequency = by_freq
        .into_iter()
        .map(|(n, a, p)| {
            if n > 0.0 {
                (n, a / n, p / n)
            } else {
                (0.0, 0.0, 0.0)
            }
        })
        .collect();

    // Its standard errors (observed information), for the intervals.
    let bgnbd_cov = bgnbd::covariance(&est, &grouped);
    let bgnbd_se = bgnbd_cov.map(|c| bgnbd::se_from_covariance(&est, &c));
    let gg_spenders = spenders(&summaries);
    let gg_cov = gg
        .as_ref()
        .and_then(|e| gamma_gamma::covariance(e, &gg_spenders));
    let gg_se = gg
        .as_ref()
        .zip(gg_cov)
        .map(|(e, c)| gamma_gamma::se_from_covariance(e, &c));

    // Tracking: cumulative repeat purchases per unit, data vs model.
    let mut births: Vec<i32> = summaries
        .iter()
        .flatten()
        .map(|s| o.calibration_end - s.t_days)
        .collect();
    births.sort_unstable();
    let mut birth_counts: Vec<(i32, f64)> = Vec::new();
    for b in births {
        match birth_counts.last_mut() {
            Some(last) if last.0 == b => last.1 += 1.0,
            _ => birth_counts.push((b, 1.0)),
        }
    }
    let mut repeat_days = repeat_days;
    repeat_days.sort_unstable();
    let span_units = ((last_day - first_day) as f64 / u).ceil().max(1.0) as usize;
    let stride = span_units.div_ceil(400).max(1);
    let mut tracking = Vec::new();
    let mut seen = 0usize;
    let edge_of = |k: f64| first_day as f64 + k * u;
    let ks: Vec<usize> = (0..=span_units).step_by(stride).collect();
    let edges: Vec<f64> = ks.iter().map(|&k| edge_of(k as f64)).collect();
    let models = tracking_model(&bg, &birth_counts, &edges, u);
    for ((&k, &edge), model) in ks.iter().zip(&edges).zip(models) {
        while seen < repeat_days.len() && (repeat_days[seen] as f64) <= edge {
            seen += 1;
        }
        tracking.push((k as f64, seen as f64, model));
    }

    // Intervals on the forecasts (delta method: crate::forecast::bands).
    let bands = bgnbd_cov.map(|cov| {
        use crate::forecast::optimize::FourParams;
        let theta = bg.to_log();
        // Each group's discounted / undiscounted purchases, held at θ̂.
        let ratio: Vec<f64> = per_group
            .iter()
            .map(|v| if v[1] > 0.0 { v[3] / v[1] } else { 1.0 })
            .collect();
        let totals = |t: &[f64]| {
            let p = bgnbd::Params::from_log(t);
            // The ₂F₁ part depends on (x, T) only: once per pair.
            let mut numerators: std::collections::HashMap<(u32, u64), (f64, f64)> =
                std::collections::HashMap::with_capacity(grouped.len());
            let (mut e, mut h, mut c) = (0.0, 0.0, 0.0);
            for (i, cu) in grouped.iter().enumerate() {
                let (nh, nd) = *numerators.entry((cu.x, cu.t.to_bits())).or_insert_with(|| {
                    (
                        p.expected_numerator(o.horizon, cu.x, cu.t),
                        p.expected_numerator(holdout_units, cu.x, cu.t),
                    )
                });
                let alive = p.p_alive(cu.x, cu.t_x, cu.t);
                let finite = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
                let (eh, ed) = (finite(nh * alive), finite(nd * alive));
                e += cu.weight * eh;
                h += cu.weight * ed;
                c += spend_weight[i] * ratio[i] * eh;
            }
            vec![e, h, c]
        };
        let se = delta_se(&theta, &cov, &totals);
        let clv_total = clv_total_of(&clvs, ggp.is_some()).map(|total| {
            // The spend model's part, BG/NBD held at θ̂.
            let gg_part = match (&gg, &gg_cov) {
                (Some(e), Some(gcov)) => {
                    let gt = [e.params.p.ln(), e.params.q.ln(), e.params.v.ln()];
                    let spend_total = |t: &[f64]| {
                        let gp = gamma_gamma::Params {
                            p: t[0].exp(),
                            q: t[1].exp(),
                            v: t[2].exp(),
                        };
                        let mut v = 0.0;
                        for (c, s) in summaries.iter().enumerate() {
                            if let Some(s) = s {
                                let det = per_group[g.of[c] as usize][3];
                                v += o.margin * gp.expected_spend(s.x, s.mean_spend) * det;
                            }
                        }
                        vec![v]
                    };
                    delta_se(&gt, gcov, &spend_total)[0]
                }
                _ => 0.0,
            };
            Interval::around(total, (se[2] * se[2] + gg_part * gg_part).sqrt())
        });
        let step = tracking.len().div_ceil(TRACKING_POINTS).max(1);
        let mut at: Vec<usize> = (0..tracking.len()).step_by(step).collect();
        if at.last() != Some(&(tracking.len() - 1)) {
            at.push(tracking.len() - 1);
        }
        let band_edges: Vec<f64> = at.iter().map(|&i| edge_of(tracking[i].0)).collect();
        let curve =
            |t: &[f64]| tracking_model(&bgnbd::Params::from_log(t), &birth_counts, &band_edges, u);
        let curve_se = delta_se(&theta, &cov, &curve);
        Bands {
            expected_total: Interval::around(expected_total, se[0]),
            holdout_predicted: Interval::around(holdout_predicted, se[1]),
            clv_total,
            tracking: at
                .iter()
                .zip(&curve_se)
                .map(|(&i, se)| {
                    let band = Interval::around(tracking[i].2, *se);
                    (tracking[i].0, band.lower.max(0.0), band.upper)
                })
                .collect(),
        }
    });

    // Grids for a customer observed as long as the oldest one.
    let t_max = summaries
        .iter()
        .flatten()
        .map(|s| s.t_days)
        .max()
        .unwrap_or(0) as f64
        / u;
    let mut xs: Vec<u32> = summaries.iter().flatten().map(|s| s.x).collect();
    xs.sort_unstable();
    let max_x = xs[(xs.len() * 99 / 100).min(xs.len() - 1)].clamp(3, 30);
    let alive_grid = grid(t_max, max_x, |x, r| bg.p_alive(x, r, t_max));
    let expected_grid = grid(t_max, max_x, |x, r| bg.expected(o.horizon, x, r, t_max));

    // CLV: distribution and the top customers.
    let clv_total = clv_total_of(&clvs, ggp.is_some());
    let mut sorted: Vec<f64> = clvs.iter().map(|v| v.0).collect();
    sorted.sort_unstable_by(f64::total_cmp);
    let hi = sorted[(sorted.len() * 99 / 100).min(sorted.len() - 1)].max(1e-9);
    let bins = 20;
    let mut clv_hist: Vec<(f64, f64)> = (1..=bins)
        .map(|i| (hi * i as f64 / bins as f64, 0.0))
        .collect();
    for v in &sorted {
        let i = ((v / hi * bins as f64) as usize).min(bins - 1);
        clv_hist[i].1 += 1.0;
    }
    clvs.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let top = clvs
        .iter()
        .take(20)
        .filter_map(|&(_, c)| {
            let s = summaries[c]?;
            let p = predict(&s, &bg, ggp.as_ref(), &o);
            Some(Top {
                id: rows.name(c).to_string(),
                x: s.x,
                t_x: s.t_x_days as f64 / u,
                t: s.t_days as f64 / u,
                p_alive: p.p_alive,
                expected: p.expected,
                spend: p.spend,
                clv: p.clv,
            })
        })
        .collect();
    progress(1.0);
    let forecast = Forecast {
        options: o,
        first_day,
        last_day,
        customers,
        repeaters,
        bgnbd: est,
        gg,
        alive_hist,
        mean_alive: alive_sum / customers as f64,
        expected_total,
        holdout_units,
        holdout_actual,
        holdout_predicted,
        tracking,
        by_frequency,
        bgnbd_se,
        gg_se,
        bands,
        alive_grid,
        expected_grid,
        clv_total,
        clv_hist,
        top,
    };
    Ok((forecast, summaries))
}

/// The tracking curve's model line: at each edge (a day number), Σ over
/// the customers born before it of E[X(edge − birth)] (BG/NBD's purchases
/// in the first t units). Edges and births are whole days plus multiples of
/// the unit, and every unit is a whole number of sixteenths of a day (1, 7,
/// 365.25/12 = 487/16), so E[X] is computed once per distinct age in
/// sixteenths — a few thousand ₂F₁ instead of edges × birth days.
fn tracking_model(p: &bgnbd::Params, births: &[(i32, f64)], edges: &[f64], u: f64) -> Vec<f64> {
    let mut table: Vec<f64> = Vec::new();
    edges
        .iter()
        .map(|&edge| {
            let mut total = 0.0;
            for &(b, n) in births {
                let age = edge - b as f64;
                if age <= 0.0 {
                    break;
                }
                let key = (age * 16.0).round() as usize;
                if key >= table.len() {
                    table.resize(key + 1, f64::NAN);
                }
                if table[key].is_nan() {
                    table[key] = p.expected_new(age / u);
                }
                total += n * table[key];
            }
            total
        })
        .collect()
}

/// Σ CLV over the customers, with a spend model.
fn clv_total_of(clvs: &[(f64, usize)], with_spend: bool) -> Option<f64> {
    with_spend.then(|| clvs.iter().map(|v| v.0).sum())
}

/// Pareto/NBD and MBG/NBD fitted beside the forecast's BG/NBD on the same
/// customers and compared (see [`crate::forecast::compare`]). None when
/// `progress` cancels (the worker stops a comparison that runs too long).
pub fn compare_models(
    summaries: &[Option<Summary>],
    f: &Forecast,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Option<crate::forecast::compare::Comparison> {
    let g = groups(summaries);
    let customers = bgnbd_customers(&g, f.options.unit);
    let mut actual = vec![0.0; customers.len()];
    for (c, s) in summaries.iter().enumerate() {
        if let Some(s) = s {
            actual[g.of[c] as usize] += s.holdout as f64;
        }
    }
    let holdout = crate::forecast::compare::Holdout {
        units: f.holdout_units,
        actual: &actual,
    };
    crate::forecast::compare::compare(&customers, &f.bgnbd, &holdout, progress)
}

/// A customer lookup's answer: their summary (units) and prediction.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    /// No such id in the file.
    Unknown,
    /// First purchase after the calibration end: not in the model.
    AfterCalibration,
    /// The customer's numbers.
    Found {
        /// Repeat purchases in calibration.
        x: u32,
        /// Recency (units).
        t_x: f64,
        /// Age T (units).
        t: f64,
        /// The prediction.
        prediction: Prediction,
    },
}

/// Looks a customer up by id in the rows and their summaries.
pub fn lookup(rows: &Rows, summaries: &[Option<Summary>], f: &Forecast, id: &str) -> Lookup {
    let Some(c) = rows.find(id) else {
        return Lookup::Unknown;
    };
    let Some(s) = summaries.get(c).copied().flatten() else {
        return Lookup::AfterCalibration;
    };
    let u = f.options.unit.days();
    Lookup::Found {
        x: s.x,
        t_x: s.t_x_days as f64 / u,
        t: s.t_days as f64 / u,
        prediction: predict(
            &s,
            &f.bgnbd.params,
            f.gg.as_ref().map(|g| &g.params),
            &f.options,
        ),
    }
}

#[cfg(test)]
#[path = "predict_tests.rs"]
mod tests;
