//! BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
//!
//! While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α);
//! after every purchase they drop out with probability p ~ Beta(a, b). A
//! customer is summarised by x (repeat purchases), t_x (time of the last
//! purchase) and T (time since the first purchase), all in one time unit.

use crate::forecast::special::hyp2f1;
use crate::forecast::{newton, optimize};

/// One customer (or `weight` identical customers): x repeat purchases, the
/// last at t_x, observed for T units since their first purchase.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Customer {
    /// Repeat purchases (distinct purchase days − 1).
    pub x: u32,
    /// Time of the last purchase since the first (units).
    pub t_x: f64,
    /// Time from the first purchase to the calibration end (units).
    pub t: f64,
    /// How many customers share these numbers.
    pub weight: f64,
}

/// The four BG/NBD parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Shape of the purchase-rate gamma.
    pub r: f64,
    /// Scale of the purchase-rate gamma (in units).
    pub alpha: f64,
    /// Beta shape a of the dropout probability.
    pub a: f64,
    /// Beta shape b of the dropout probability.
    pub b: f64,
}

/// A fitted model.
pub type Estimate = optimize::Estimate<Params>;

impl Params {
    /// P(alive | x, t_x, T).
    pub fn p_alive(&self, x: u32, t_x: f64, t: f64) -> f64 {
        if x == 0 {
            return 1.0;
        }
        let x = x as f64;
        let odds = self.a / (self.b + x - 1.0)
            * ((self.r + x) * ((self.alpha + t) / (self.alpha + t_x)).ln()).exp();
        1.0 / (1.0 + odds)
    }

    /// E[purchases in (T, T + h] | x, t_x, T] (eq. 10 of the paper).
    pub fn expected(&self, h: f64, x: u32, t_x: f64, t: f64) -> f64 {
        let v = self.expected_numerator(h, x, t) * self.p_alive(x, t_x, t);
        if v.is_finite() {
            v.max(0.0)
        } else {
            0.0
        }
    }

    /// Eq. 10's numerator, the part of [`Params::expected`] that does not
    /// depend on t_x (expected = numerator · P(alive)); 0 for h ≤ 0.
    pub fn expected_numerator(&self, h: f64, x: u32, t: f64) -> f64 {
        if h <= 0.0 {
            return 0.0;
        }
        let Params { r, alpha, a, b } = *self;
        let xf = x as f64;
        let z = h / (alpha + t + h);
        let f = hyp2f1(r + xf, b + xf, a + b + xf - 1.0, z);
        (a + b + xf - 1.0) / (a - 1.0)
            * (1.0 - ((r + xf) * ((alpha + t) / (alpha + t + h)).ln()).exp() * f)
    }

    /// E[X(t)]: purchases in the first t units after a first purchase (eq. 9).
    pub fn expected_new(&self, h: f64) -> f64 {
        if h <= 0.0 {
            return 0.0;
        }
        let Params { r, alpha, a, b } = *self;
        let f = hyp2f1(r, b, a + b - 1.0, h / (alpha + h));
        let v = (a + b - 1.0) / (a - 1.0) * (1.0 - (r * (alpha / (alpha + h)).ln()).exp() * f);
        if v.is_finite() {
            v.max(0.0)
        } else {
            0.0
        }
    }
}

/// Per-x terms of the log-likelihood, its gradient and Hessian, by
/// recurrence in x.
struct Tables {
    /// ln Γ(r+x) − ln Γ(r) + ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x)
    constant: Vec<f64>,
    d_r: Vec<f64>,
    d_a: Vec<f64>,
    d_b: Vec<f64>,
    /// ln(b + x − 1), x ≥ 1.
    ln_bx1: Vec<f64>,
    /// Σ_{j<x} 1/(r+j)², 1/(b+j)², 1/(a+b+j)²: the constant's second
    /// derivatives.
    squares: Vec<[f64; 3]>,
}

fn tables(p: &Params, max_x: u32) -> Tables {
    let Params { r, a, b, .. } = *p;
    let n = max_x as usize + 1;
    let mut t = Tables {
        constant: Vec::with_capacity(n),
        d_r: Vec::with_capacity(n),
        d_a: Vec::with_capacity(n),
        d_b: Vec::with_capacity(n),
        ln_bx1: Vec::with_capacity(n),
        squares: Vec::with_capacity(n),
    };
    let (mut c, mut dr, mut dab_x, mut db_x) = (0.0, 0.0, 0.0, 0.0);
    let mut sq = [0.0f64; 3];
    // At x = 0 every difference is zero; each step adds ln or 1/ of (· + x).
    for x in 0..n {
        let xf = x as f64;
        if x > 0 {
            let prev = xf - 1.0;
            c += (r + prev).ln() + (b + prev).ln() - (a + b + prev).ln();
            let (ir, ib, iab) = (1.0 / (r + prev), 1.0 / (b + prev), 1.0 / (a + b + prev));
            dr += ir;
            dab_x += iab;
            db_x += ib;
            sq[0] += ir * ir;
            sq[1] += ib * ib;
            sq[2] += iab * iab;
        }
        t.constant.push(c);
        t.d_r.push(dr);
        t.d_a.push(-dab_x);
        t.d_b.push(db_x - dab_x);
        t.ln_bx1.push(if x > 0 { (b + xf - 1.0).ln() } else { 0.0 });
        t.squares.push(sq);
    }
    t
}

/// The customers' distinct times (t_x and T) and each customer's index into
/// them. Times in whole days repeat — a million patterns have a few hundred
/// distinct times — so ln(α + t) and 1/(α + t) are then computed once per
/// time and looked up, not once per customer ([`TimeIndex::of`] says when).
pub(crate) struct TimeIndex {
    values: Vec<f64>,
    /// Per customer: the index of its t_x and of its T.
    at: Vec<(u32, u32)>,
}

impl TimeIndex {
    /// The index, or None when more than a quarter as many distinct times as
    /// customers (or above 64) make it no saving.
    pub(crate) fn of(customers: &[Customer]) -> Option<TimeIndex> {
        let limit = (customers.len() / 4).max(64);
        let mut seen: crate::import::ids::FxMap<u64, u32> = Default::default();
        let mut values = Vec::new();
        let mut at = Vec::with_capacity(customers.len());
        let mut index = |t: f64, values: &mut Vec<f64>| {
            let n = seen.len() as u32;
            let i = *seen.entry(t.to_bits()).or_insert(n);
            if i == n {
                values.push(t);
            }
            i
        };
        // A sorted table (as SQL's GROUP BY often leaves it) repeats the
        // previous customer's t_x or T.
        let mut last: [Option<(u64, u32)>; 2] = [None; 2];
        let mut lookup = |k: usize, t: f64, values: &mut Vec<f64>| match last[k] {
            Some((bits, i)) if bits == t.to_bits() => i,
            _ => {
                let i = index(t, values);
                last[k] = Some((t.to_bits(), i));
                i
            }
        };
        for c in customers {
            let pair = (lookup(0, c.t_x, &mut values), lookup(1, c.t, &mut values));
            if values.len() > limit {
                return None;
            }
            at.push(pair);
        }
        Some(TimeIndex { values, at })
    }

    /// How many distinct times.
    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    /// Customer i's indices of t_x and of T.
    pub(crate) fn indices(&self, i: usize) -> (u32, u32) {
        self.at[i]
    }

    /// Per distinct time: (ln(s + t), 1/(s + t)).
    pub(crate) fn logs(&self, s: f64) -> Vec<(f64, f64)> {
        self.values
            .iter()
            .map(|&t| ((s + t).ln(), 1.0 / (s + t)))
            .collect()
    }

    /// Customer i's (ln(s + T), 1/(s + T), ln(s + t_x), 1/(s + t_x)) from [`Self::logs`].
    #[inline]
    pub(crate) fn get(&self, logs: &[(f64, f64)], i: usize) -> (f64, f64, f64, f64) {
        let (ix, it) = self.at[i];
        let ((lt, vt), (lx, vx)) = (logs[it as usize], logs[ix as usize]);
        (lt, vt, lx, vx)
    }
}

/// (ln(s + T), 1/(s + T), ln(s + t_x), 1/(s + t_x)) of customer i: looked up
/// in `logs` when there is an index, else computed.
#[inline]
pub(crate) fn time_logs(
    times: Option<(&TimeIndex, &[(f64, f64)])>,
    i: usize,
    c: &Customer,
    s: f64,
) -> (f64, f64, f64, f64) {
    match times {
        Some((index, logs)) => index.get(logs, i),
        // Without repeats t_x = 0 and no model reads its terms.
        None if c.x == 0 => ((s + c.t).ln(), 1.0 / (s + c.t), 0.0, 0.0),
        None => (
            (s + c.t).ln(),
            1.0 / (s + c.t),
            (s + c.t_x).ln(),
            1.0 / (s + c.t_x),
        ),
    }
}

/// The log-likelihood and its gradient in (ln r, ln α, ln a, ln b); `times`
/// (from [`TimeIndex::of`]) spares the logarithms of shared times.
fn ll_and_gradient(
    p: &Params,
    customers: &[Customer],
    max_x: u32,
    times: Option<&TimeIndex>,
    grad: &mut [f64; 4],
) -> f64 {
    let s = ll_sums::<false>(p, customers, max_x, times);
    *grad = s.grad;
    s.ll
}

/// The log-likelihood, gradient and Hessian in (ln r, ln α, ln a, ln b).
fn second(
    p: &Params,
    customers: &[Customer],
    max_x: u32,
    times: Option<&TimeIndex>,
) -> newton::Second {
    ll_sums::<true>(p, customers, max_x, times)
}

/// One pass over the customers: ln L and its gradient, and with `HESS` its
/// Hessian. Per customer ln L = C(x) + r ln α + ln(e^l3 + e^l4) with
/// l3 = −(r+x) ln(α+T), l4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x) (x > 0);
/// with w = e^l4/(e^l3 + e^l4) the last term's gradient is
/// (1−w)∇l3 + w∇l4 and its Hessian (1−w)∇²l3 + w∇²l4 + w(1−w) D Dᵀ,
/// D = ∇l4 − ∇l3 (in r, α, a, b; the log-parameters at the end).
fn ll_sums<const HESS: bool>(
    p: &Params,
    customers: &[Customer],
    max_x: u32,
    times: Option<&TimeIndex>,
) -> newton::Second {
    let t = tables(p, max_x);
    let Params { r, alpha, a, b } = *p;
    let (ln_alpha, ln_a) = (alpha.ln(), a.ln());
    let logs = times.map(|ti| ti.logs(alpha));
    let shared = times.zip(logs.as_deref());
    let mut ll = 0.0;
    let mut g = [0.0; 4];
    let mut h = newton::Sym::default();
    let mut per_x = vec![0.0f64; if HESS { max_x as usize + 1 } else { 0 }];
    for (i, c) in customers.iter().enumerate() {
        let x = c.x as usize;
        let rx = r + c.x as f64;
        let (ln_at, inv_at, ln_atx_all, inv_atx) = time_logs(shared, i, c, alpha);
        let l3 = -rx * ln_at;
        let (li, w, ln_atx, inv_bx1) = if c.x > 0 {
            let ln_atx = ln_atx_all;
            let l4 = ln_a - t.ln_bx1[x] - rx * ln_atx;
            // ln(e^l3 + e^l4) and w = e^l4 / (e^l3 + e^l4) from one
            // exponential: with e = e^−|l4 − l3|, the larger + ln(1 + e),
            // and w = 1/(1 + e) or e/(1 + e).
            let e = (-(l4 - l3).abs()).exp();
            let (li, w) = if l4 > l3 {
                (l4 + e.ln_1p(), 1.0 / (1.0 + e))
            } else {
                (l3 + e.ln_1p(), e / (1.0 + e))
            };
            (li, w, ln_atx, 1.0 / (b + c.x as f64 - 1.0))
        } else {
            (l3, 0.0, 0.0, 0.0)
        };
        let wt = c.weight;
        ll += wt * (t.constant[x] + r * ln_alpha + li);
        g[0] += wt * (t.d_r[x] + ln_alpha - (1.0 - w) * ln_at - w * ln_atx);
        g[1] += wt * (r / alpha - rx * ((1.0 - w) * inv_at + w * inv_atx));
        g[2] += wt * (t.d_a[x] + w / a);
        g[3] += wt * (t.d_b[x] - w * inv_bx1);
        if HESS {
            per_x[x] += wt;
            let v = 1.0 - w;
            h.add(0, 1, -wt * (v * inv_at + w * inv_atx));
            h.add(
                1,
                1,
                wt * rx * (v * inv_at * inv_at + w * inv_atx * inv_atx),
            );
            h.add(2, 2, -wt * w / (a * a));
            h.add(3, 3, wt * w * inv_bx1 * inv_bx1);
            if c.x > 0 {
                let d = [ln_at - ln_atx, rx * (inv_at - inv_atx), 1.0 / a, -inv_bx1];
                h.add_outer(wt * w * v, &d);
            }
        }
    }
    if HESS {
        // C(x) + r ln α, once per x.
        for (&wt, &sums) in per_x.iter().zip(&t.squares) {
            h.add_gamma_terms(wt, r, alpha, sums);
        }
    }
    newton::in_logs([r, alpha, a, b], ll, g, &h)
}

/// The log-likelihood of the customers under `p` (the paper's LL).
pub fn log_likelihood(p: &Params, customers: &[Customer]) -> f64 {
    let max_x = customers.iter().map(|c| c.x).max().unwrap_or(0);
    ll_and_gradient(p, customers, max_x, None, &mut [0.0; 4])
}

/// ln(ΣT / Σ(x + 1)): the starting scale of the purchase rate (so that r/α
/// is about the observed rate whatever the time unit), clamped to ±20.
pub fn ln_scale(customers: &[Customer]) -> f64 {
    let (time, purchases) = customers.iter().fold((0.0, 0.0), |(t, n), c| {
        (t + c.weight * c.t, n + c.weight * (c.x as f64 + 1.0))
    });
    let s = (time / purchases).ln();
    if s.is_finite() {
        s.clamp(-20.0, 20.0)
    } else {
        0.0
    }
}

/// A model of customers summarised as (x, t_x, T) without a hand-written
/// gradient (Pareto/NBD, MBG/NBD): its per-customer log-likelihood is all
/// the fit, the total and the standard errors need.
pub trait SummaryModel: optimize::FourParams {
    /// ln L for one customer.
    fn ln_likelihood(&self, x: u32, t_x: f64, t: f64) -> f64;
}

/// Σ weight · ln L over the customers.
pub fn weighted_log_likelihood<P: SummaryModel>(p: &P, customers: &[Customer]) -> f64 {
    customers
        .iter()
        .map(|c| c.weight * p.ln_likelihood(c.x, c.t_x, c.t))
        .sum()
}

/// Maximum likelihood of a [`SummaryModel`] ([`optimize::fit_numeric`]),
/// from `start(ln(ΣT / Σ(x + 1)))`. None without customers or when cancelled.
pub fn fit_summary_model<P: SummaryModel>(
    customers: &[Customer],
    start: impl FnOnce(f64) -> [f64; 4],
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<optimize::Estimate<P>> {
    let n: f64 = customers.iter().map(|c| c.weight).sum();
    if customers.is_empty() || n.is_nan() || n <= 0.0 {
        return None;
    }
    optimize::fit_numeric(
        &|p| weighted_log_likelihood(p, customers),
        n,
        start(ln_scale(customers)),
        progress,
    )
}

/// Standard errors of a [`SummaryModel`]'s estimate, in its parameters' order.
pub fn summary_model_standard_errors<P: SummaryModel>(
    e: &optimize::Estimate<P>,
    customers: &[Customer],
) -> Option<[f64; 4]> {
    optimize::standard_errors_of(e, &|p| weighted_log_likelihood(p, customers))
}

/// The starting point in log-parameters: r = a = b = 1, α = ΣT / Σ(x + 1).
fn start(customers: &[Customer]) -> [f64; 4] {
    [0.0, ln_scale(customers), 0.0, 0.0]
}

impl optimize::FourParams for Params {
    fn from_log(theta: &[f64]) -> Params {
        Params {
            r: theta[0].exp(),
            alpha: theta[1].exp(),
            a: theta[2].exp(),
            b: theta[3].exp(),
        }
    }

    fn to_log(&self) -> [f64; 4] {
        [self.r.ln(), self.alpha.ln(), self.a.ln(), self.b.ln()]
    }
}

/// Maximum likelihood in log-parameters, from r = a = b = 1 and α = ΣT / Σ(x + 1)
/// (so that r/α is about the observed purchase rate, whatever the time unit:
/// the same data in days or weeks take the same steps). None without
/// customers. `progress(iteration)` returning false cancels (returns None).
/// On many patterns, from a subsample's optimum by Newton steps
/// ([`newton::fit_warm`]).
pub fn fit(customers: &[Customer], progress: &mut dyn FnMut(usize) -> bool) -> Option<Estimate> {
    if customers.is_empty() || customers.iter().all(|c| c.weight <= 0.0) {
        return None;
    }
    let max_x = customers.iter().map(|c| c.x).max().unwrap_or(0);
    let times = std::cell::OnceCell::new();
    newton::fit_warm(
        customers,
        &fit_bfgs,
        &|p| {
            let times = times.get_or_init(|| TimeIndex::of(customers));
            second(p, customers, max_x, times.as_ref())
        },
        progress,
    )
}

/// [`fit`] by BFGS on every customer.
fn fit_bfgs(customers: &[Customer], progress: &mut dyn FnMut(usize) -> bool) -> Option<Estimate> {
    let max_x = customers.iter().map(|c| c.x).max().unwrap_or(0);
    let times = TimeIndex::of(customers);
    let m = optimize::max_likelihood(
        &mut |theta, g| {
            let mut grad = [0.0; 4];
            let ll = ll_and_gradient(
                &<Params as optimize::FourParams>::from_log(theta),
                customers,
                max_x,
                times.as_ref(),
                &mut grad,
            );
            g.copy_from_slice(&grad);
            ll
        },
        &start(customers),
        progress,
    )?;
    Some(Estimate {
        params: <Params as optimize::FourParams>::from_log(&m.x),
        ll: -m.value,
        iterations: m.iterations,
        converged: m.converged,
        ran_off: m.x.iter().any(|v| v.abs() > optimize::RUNAWAY),
        hessian: None,
    })
}

/// Standard errors of the estimate (observed information, delta method; see
/// [`optimize::standard_errors`]), in the order r, α, a, b.
pub fn standard_errors(e: &Estimate, customers: &[Customer]) -> Option<[f64; 4]> {
    Some(se_from_covariance(e, &covariance(e, customers)?))
}

/// SE(pᵢ) = pᵢ · √Σᵢᵢ from the log-parameters' covariance (delta method).
pub fn se_from_covariance(e: &Estimate, cov: &[f64; 16]) -> [f64; 4] {
    let p = [e.params.r, e.params.alpha, e.params.a, e.params.b];
    std::array::from_fn(|i| cov[i * 4 + i].sqrt() * p[i])
}

/// The covariance of the log-parameters (ln r, ln α, ln a, ln b) from the
/// observed information (the analytic Hessian: the fit's own when it kept
/// one), row-major 4 × 4 (for
/// intervals on forecasts).
pub fn covariance(e: &Estimate, customers: &[Customer]) -> Option<[f64; 16]> {
    newton::covariance(&newton::hessian_at(e, |p| {
        let max_x = customers.iter().map(|c| c.x).max().unwrap_or(0);
        second(p, customers, max_x, TimeIndex::of(customers).as_ref())
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_times_give_the_same_likelihood_and_gradient() {
        // Whole days: many customers share t_x and T.
        let cs: Vec<Customer> = (0..400)
            .map(|i| {
                let t = f64::from(7 + i % 37);
                let x = (i * 7) % 5;
                let t_x = if x == 0 { 0.0 } else { f64::from(i % 7).min(t) };
                Customer {
                    x,
                    t_x,
                    t,
                    weight: f64::from(1 + i % 3),
                }
            })
            .collect();
        let index = TimeIndex::of(&cs).expect("few distinct times");
        for theta in [[-0.4f64, 1.2, -0.3, 0.8], [0.5, 2.0, 1.5, -1.0]] {
            let (mut g1, mut g2) = ([0.0; 4], [0.0; 4]);
            let p = from_log(&theta);
            let a = ll_and_gradient(&p, &cs, 4, None, &mut g1);
            let b = ll_and_gradient(&p, &cs, 4, Some(&index), &mut g2);
            crate::assert_close!(a, b, rel 1e-13);
            for k in 0..4 {
                crate::assert_close!(g1[k], g2[k], rel 1e-12);
            }
        }
        // Distinct times (a continuous clock): no index.
        let spread: Vec<Customer> = (0..400)
            .map(|i| Customer {
                x: 1,
                t_x: f64::from(i) * 0.013,
                t: 10.0 + f64::from(i) * 0.017,
                weight: 1.0,
            })
            .collect();
        assert!(TimeIndex::of(&spread).is_none());
    }
    use crate::forecast::optimize::FourParams;

    fn from_log(theta: &[f64]) -> Params {
        Params::from_log(theta)
    }

    #[test]
    fn cdnow_standard_errors_match_lifetimes_summary() {
        // lifetimes' BetaGeoFitter.summary on its CDNOW summary (2,357 customers):
        // se(coef) r 0.012557, alpha 0.378221, a 0.185719, b 0.705345.
        let customers = crate::testing::cdnow_customers();
        let e = fit(&customers, &mut |_| true).unwrap();
        let se = standard_errors(&e, &customers).unwrap();
        // Within 0.1 % of every one (lifetimes' own estimate differs from ours
        // in the fourth digit of a and b; the SEs scale with it), and the two
        // decimals lifetimes prints: 0.01, 0.38, 0.19, 0.71.
        for (got, want) in se.iter().zip([0.012557, 0.378221, 0.185719, 0.705345]) {
            assert!((got / want - 1.0).abs() < 1e-3, "{got} vs {want}");
        }
        assert_eq!(
            format!("{:.2} {:.2} {:.2} {:.2}", se[0], se[1], se[2], se[3]),
            "0.01 0.38 0.19 0.71"
        );
    }

    const PAPER: Params = Params {
        r: 0.243,
        alpha: 4.414,
        a: 0.793,
        b: 2.426,
    };

    #[test]
    fn conditional_expectation_matches_the_paper() {
        // "a customer who made 2 repeat purchases, the last at 30.43 weeks, T = 38.86:
        // 1.226 purchases expected in the next 39 weeks".
        let e = PAPER.expected(39.0, 2, 30.43, 38.86);
        crate::assert_close!(e, 1.226, 0.0005, "{e}");
        assert_eq!(PAPER.p_alive(0, 0.0, 10.0), 1.0);
        assert!(PAPER.p_alive(2, 30.43, 38.86) < PAPER.p_alive(2, 38.0, 38.86));
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let cs = [
            Customer {
                x: 0,
                t_x: 0.0,
                t: 30.0,
                weight: 3.0,
            },
            Customer {
                x: 1,
                t_x: 4.0,
                t: 20.0,
                weight: 1.0,
            },
            Customer {
                x: 5,
                t_x: 25.0,
                t: 38.0,
                weight: 2.0,
            },
            Customer {
                x: 12,
                t_x: 9.5,
                t: 39.0,
                weight: 1.0,
            },
        ];
        let theta = [-0.4f64, 1.2, -0.3, 0.8];
        let mut g = [0.0; 4];
        ll_and_gradient(&from_log(&theta), &cs, 12, None, &mut g);
        crate::testing::assert_gradient(&theta, &g, |t| log_likelihood(&from_log(t), &cs));
    }

    #[test]
    fn hessian_matches_differences_of_the_gradient() {
        let cs = crate::testing::gradient_customers();
        let index = TimeIndex::of(&cs);
        for theta in [[-0.4f64, 1.2, -0.3, 0.8], [0.5, 2.0, 1.5, -1.0]] {
            let s = second(&from_log(&theta), &cs, 12, index.as_ref());
            crate::testing::assert_hessian(&theta, &s.hess, 1e-5, |t| {
                let mut g = [0.0; 4];
                ll_and_gradient(&from_log(t), &cs, 12, None, &mut g);
                g
            });
        }
    }

    #[test]
    fn the_warm_start_finds_the_full_fit() {
        newton::assert_warm_start_finds_the_full_fit(&fit_bfgs, &|p, cs| {
            second(p, cs, cs.iter().map(|c| c.x).max().unwrap(), None)
        });
    }

    #[test]
    fn unconditional_expectation_is_the_limit_of_a_fresh_customer() {
        // A customer seen at T = 0 with no repeats is a new customer.
        for h in [1.0, 10.0, 39.0, 100.0] {
            let a = PAPER.expected_new(h);
            let b = PAPER.expected(h, 0, 0.0, 0.0);
            crate::assert_close!(a, b, 1e-10, "{h}: {a} vs {b}");
        }
    }
}
