//! MBG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD where a customer
//! may also drop out right after their first purchase, so someone with no
//! repeat purchase is not certainly alive. Same summary (x, t_x, T).
//!
//! ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b)
//!        − (r+x) ln(α+T) + ln(1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)).

use crate::forecast::bgnbd::{self, Customer};
use crate::forecast::special::{digamma, hyp2f1, ln_gamma};
use crate::forecast::{newton, optimize};

/// The four MBG/NBD parameters (as BG/NBD's).
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
    /// ln L for one customer.
    pub fn ln_likelihood(&self, x: u32, t_x: f64, t: f64) -> f64 {
        let Params { r, alpha, a, b } = *self;
        let x = x as f64;
        let head = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln();
        let beta =
            ln_gamma(a + b) + ln_gamma(b + x + 1.0) - ln_gamma(b) - ln_gamma(a + b + x + 1.0);
        let tail = a.ln() - (b + x).ln() + (r + x) * ((alpha + t).ln() - (alpha + t_x).ln());
        // ln(1 + e^tail), without overflow.
        let both = if tail > 0.0 {
            tail + (-tail).exp().ln_1p()
        } else {
            tail.exp().ln_1p()
        };
        head + beta - (r + x) * (alpha + t).ln() + both
    }

    /// P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)).
    pub fn p_alive(&self, x: u32, t_x: f64, t: f64) -> f64 {
        let Params { r, alpha, a, b } = *self;
        let x = x as f64;
        let odds = a / (b + x) * ((r + x) * ((alpha + t) / (alpha + t_x)).ln()).exp();
        let p = 1.0 / (1.0 + odds);
        if p.is_finite() {
            p
        } else {
            0.0
        }
    }

    /// E[purchases in (T, T + h] | x, t_x, T] (Batislam et al. 2007, as
    /// lifetimes' ModifiedBetaGeoFitter computes it).
    pub fn expected(&self, h: f64, x: u32, t_x: f64, t: f64) -> f64 {
        if h <= 0.0 {
            return 0.0;
        }
        let Params { r, alpha, a, b } = *self;
        let xf = x as f64;
        let f = hyp2f1(r + xf, b + xf + 1.0, a + b + xf, h / (alpha + t + h));
        let v = (a + b + xf) / (a - 1.0)
            * (1.0 - f * ((r + xf) * ((alpha + t) / (alpha + t + h)).ln()).exp())
            * self.p_alive(x, t_x, t);
        if v.is_finite() {
            v.max(0.0)
        } else {
            0.0
        }
    }
}

/// The log-likelihood of the customers under `p`.
pub fn log_likelihood(p: &Params, customers: &[Customer]) -> f64 {
    bgnbd::weighted_log_likelihood(p, customers)
}

/// Σ weight · ln L and its gradient in the log-parameters (ln r, ln α, ln a,
/// ln b), with the terms that depend on x only computed once per x. With
/// σ = 1 − P(alive) = e^tail/(1 + e^tail):
/// ∂/∂r = ψ(r+x) − ψ(r) + ln α − ln(α+T) + σ (ln(α+T) − ln(α+t_x)),
/// ∂/∂α = r/α − (r+x)/(α+T) + σ (r+x) (1/(α+T) − 1/(α+t_x)),
/// ∂/∂a = ψ(a+b) − ψ(a+b+x+1) + σ/a,
/// ∂/∂b = ψ(a+b) + ψ(b+x+1) − ψ(b) − ψ(a+b+x+1) − σ/(b+x).
pub fn ll_and_gradient(p: &Params, customers: &[Customer], grad: &mut [f64; 4]) -> f64 {
    ll_and_gradient_with(p, customers, None, grad)
}

/// [`ll_and_gradient`], with the logarithms of shared times looked up.
fn ll_and_gradient_with(
    p: &Params,
    customers: &[Customer],
    times: Option<&bgnbd::TimeIndex>,
    grad: &mut [f64; 4],
) -> f64 {
    let s = ll_sums::<false>(p, customers, times);
    *grad = s.grad;
    s.ll
}

/// ln L, its gradient and Hessian in the log-parameters.
fn second(p: &Params, customers: &[Customer], times: Option<&bgnbd::TimeIndex>) -> newton::Second {
    ll_sums::<true>(p, customers, times)
}

/// One pass: ln L and its gradient, with `HESS` its Hessian. The softplus
/// term's Hessian is σ ∇²tail + σ(1 − σ) ∇tail ∇tailᵀ; the x-only terms'
/// second derivatives are trigamma differences, summed by recurrence
/// (ψ′(z) − ψ′(z + n) = Σ_{j<n} 1/(z + j)²).
fn ll_sums<const HESS: bool>(
    p: &Params,
    customers: &[Customer],
    times: Option<&bgnbd::TimeIndex>,
) -> newton::Second {
    let Params { r, alpha, a, b } = *p;
    let max_x = customers.iter().map(|c| c.x).max().unwrap_or(0) as usize;
    let (lg_r, lg_b, lg_ab, ln_a, ln_alpha) = (
        ln_gamma(r),
        ln_gamma(b),
        ln_gamma(a + b),
        a.ln(),
        alpha.ln(),
    );
    let (dg_r, dg_b, dg_ab) = (digamma(r), digamma(b), digamma(a + b));
    // Per x: the constant part of ln L and of each partial derivative.
    let per_x: Vec<[f64; 5]> = (0..=max_x)
        .map(|x| {
            let xf = x as f64;
            let (lg_rx, lg_bx, lg_abx) = (
                ln_gamma(r + xf),
                ln_gamma(b + xf + 1.0),
                ln_gamma(a + b + xf + 1.0),
            );
            let (dg_rx, dg_bx, dg_abx) = (
                digamma(r + xf),
                digamma(b + xf + 1.0),
                digamma(a + b + xf + 1.0),
            );
            [
                lg_rx - lg_r + lg_ab + lg_bx - lg_b - lg_abx,
                dg_rx - dg_r,
                dg_ab - dg_abx,
                dg_ab + dg_bx - dg_b - dg_abx,
                (b + xf).ln(),
            ]
        })
        .collect();
    let logs = times.map(|ti| ti.logs(alpha));
    let shared = times.zip(logs.as_deref());
    let (mut ll, mut g) = (0.0, [0.0f64; 4]);
    let mut h = newton::Sym::default();
    let mut weight_x = vec![0.0f64; if HESS { max_x + 1 } else { 0 }];
    for (i, c) in customers.iter().enumerate() {
        let k = &per_x[c.x as usize];
        let rx = r + c.x as f64;
        let (ln_at, inv_at, ln_atx, inv_atx) = match shared {
            Some(_) => bgnbd::time_logs(shared, i, c, alpha),
            // Every customer reads t_x here (t_x = 0 without repeats).
            None => (
                (alpha + c.t).ln(),
                1.0 / (alpha + c.t),
                (alpha + c.t_x).ln(),
                1.0 / (alpha + c.t_x),
            ),
        };
        let tail = ln_a - k[4] + rx * (ln_at - ln_atx);
        let (softplus, sigma) = if tail > 0.0 {
            let e = (-tail).exp();
            (tail + e.ln_1p(), 1.0 / (1.0 + e))
        } else {
            let e = tail.exp();
            (e.ln_1p(), e / (1.0 + e))
        };
        let w = c.weight;
        let inv_bx = 1.0 / (b + c.x as f64);
        ll += w * (k[0] + r * ln_alpha - rx * ln_at + softplus);
        g[0] += w * (k[1] + ln_alpha - ln_at + sigma * (ln_at - ln_atx));
        g[1] += w * (r / alpha - rx * inv_at + sigma * rx * (inv_at - inv_atx));
        g[2] += w * (k[2] + sigma / a);
        g[3] += w * (k[3] - sigma * inv_bx);
        if HESS {
            weight_x[c.x as usize] += w;
            let (sq_t, sq_tx) = (inv_at * inv_at, inv_atx * inv_atx);
            h.add(0, 1, w * (-inv_at + sigma * (inv_at - inv_atx)));
            h.add(1, 1, w * rx * (sq_t - sigma * (sq_t - sq_tx)));
            h.add(2, 2, -w * sigma / (a * a));
            h.add(3, 3, w * sigma * inv_bx * inv_bx);
            let d = [ln_at - ln_atx, rx * (inv_at - inv_atx), 1.0 / a, -inv_bx];
            h.add_outer(w * sigma * (1.0 - sigma), &d);
        }
    }
    if HESS {
        // The x-only terms and r ln α, once per x.
        let (mut sr, mut sb, mut sab) = (0.0, 1.0 / (b * b), 1.0 / ((a + b) * (a + b)));
        for (x, &w) in weight_x.iter().enumerate() {
            if x > 0 {
                let prev = x as f64 - 1.0;
                sr += 1.0 / ((r + prev) * (r + prev));
                sb += 1.0 / ((b + prev + 1.0) * (b + prev + 1.0));
                sab += 1.0 / ((a + b + prev + 1.0) * (a + b + prev + 1.0));
            }
            h.add_gamma_terms(w, r, alpha, [sr, sb, sab]);
        }
    }
    newton::in_logs([r, alpha, a, b], ll, g, &h)
}

impl bgnbd::SummaryModel for Params {
    fn ln_likelihood(&self, x: u32, t_x: f64, t: f64) -> f64 {
        Params::ln_likelihood(self, x, t_x, t)
    }
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

/// Maximum likelihood in log-parameters from BG/NBD's start (r = a = b = 1,
/// α = ΣT / Σ(x + 1)), BFGS on the mean log-likelihood with its analytic
/// gradient ([`ll_and_gradient`]), guarded against running off
/// ([`optimize::fit_guarded`]); on many patterns from a subsample's
/// optimum by Newton steps ([`newton::fit_warm`]). None without customers
/// or when cancelled.
pub fn fit(customers: &[Customer], progress: &mut dyn FnMut(usize) -> bool) -> Option<Estimate> {
    let n: f64 = customers.iter().map(|c| c.weight).sum();
    if customers.is_empty() || n.is_nan() || n <= 0.0 {
        return None;
    }
    let times = std::cell::OnceCell::new();
    newton::fit_warm(
        customers,
        &fit_bfgs,
        &|p| {
            second(
                p,
                customers,
                times
                    .get_or_init(|| bgnbd::TimeIndex::of(customers))
                    .as_ref(),
            )
        },
        progress,
    )
}

/// [`fit`] by guarded BFGS on every customer.
fn fit_bfgs(customers: &[Customer], progress: &mut dyn FnMut(usize) -> bool) -> Option<Estimate> {
    let n: f64 = customers.iter().map(|c| c.weight).sum();
    let theta0 = [0.0, bgnbd::ln_scale(customers), 0.0, 0.0];
    let times = bgnbd::TimeIndex::of(customers);
    optimize::fit_with_gradient(
        &|p, g| ll_and_gradient_with(p, customers, times.as_ref(), g),
        n,
        theta0,
        progress,
    )
}

/// Standard errors (observed information from the analytic Hessian, delta
/// method), in the order r, α, a, b.
pub fn standard_errors(e: &Estimate, customers: &[Customer]) -> Option<[f64; 4]> {
    let hess = newton::hessian_at(e, |p| {
        second(p, customers, bgnbd::TimeIndex::of(customers).as_ref())
    });
    newton::standard_errors(&e.params, &hess)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_matches_finite_differences() {
        use optimize::FourParams;
        let cs = crate::testing::gradient_customers();
        for theta in [[-0.4f64, 1.2, -0.3, 0.8], [0.5, 2.0, 1.5, -1.0]] {
            let mut g = [0.0; 4];
            let ll = ll_and_gradient(&Params::from_log(&theta), &cs, &mut g);
            crate::assert_close!(ll, log_likelihood(&Params::from_log(&theta), &cs), rel 1e-12);
            crate::testing::assert_gradient(&theta, &g, |t| {
                log_likelihood(&Params::from_log(t), &cs)
            });
        }
    }

    #[test]
    fn hessian_matches_differences_of_the_gradient() {
        use optimize::FourParams;
        let cs = crate::testing::gradient_customers();
        let index = bgnbd::TimeIndex::of(&cs);
        for theta in [[-0.4f64, 1.2, -0.3, 0.8], [0.5, 2.0, 1.5, -1.0]] {
            let s = second(&Params::from_log(&theta), &cs, index.as_ref());
            crate::testing::assert_hessian(&theta, &s.hess, 1e-5, |t| {
                let mut g = [0.0; 4];
                ll_and_gradient(&Params::from_log(t), &cs, &mut g);
                g
            });
        }
    }

    #[test]
    fn the_warm_start_finds_the_full_fit() {
        newton::assert_warm_start_finds_the_full_fit(&fit_bfgs, &|p, cs| second(p, cs, None));
    }

    #[test]
    fn cdnow_reproduces_btydplus() {
        // BTYDplus (Platzer) on the CDNOW sample, 39 weeks, as lifetimes'
        // test_params_out_is_close_to_BTYDplus: r 0.525, α 6.183, a 0.891, b 1.614.
        let customers = crate::testing::cdnow_customers();
        let e = fit(&customers, &mut |_| true).unwrap();
        let p = e.params;
        assert_eq!(
            format!("{:.3} {:.3} {:.3} {:.3}", p.r, p.alpha, p.a, p.b),
            "0.525 6.183 0.891 1.614"
        );
        assert!(e.converged);
        assert!(standard_errors(&e, &customers).is_some());
    }

    #[test]
    fn no_repeat_is_not_certainly_alive() {
        let p = Params {
            r: 0.525,
            alpha: 6.183,
            a: 0.891,
            b: 1.614,
        };
        assert!(p.p_alive(0, 0.0, 30.0) < 1.0);
        assert!(p.ln_likelihood(5000, 38.0, 39.0).is_finite());
    }
}
