//! MBG/NBD (Batislam, Denizel & Filiztekin 2007): BG/NBD where a customer
//! may also drop out right after their first purchase, so someone with no
//! repeat purchase is not certainly alive. Same summary (x, t_x, T).
//!
//! ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b)
//!        − (r+x) ln(α+T) + ln(1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)).

use crate::forecast::bgnbd::{self, Customer};
use crate::forecast::optimize;
use crate::forecast::special::{hyp2f1, ln_gamma};

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
/// α = ΣT / Σ(x + 1)), BFGS on the mean log-likelihood with a
/// central-difference gradient. None without customers or when cancelled.
pub fn fit(customers: &[Customer], progress: &mut dyn FnMut(usize) -> bool) -> Option<Estimate> {
    bgnbd::fit_summary_model(customers, |s| [0.0, s, 0.0, 0.0], progress)
}

/// Standard errors (observed information, delta method), in the order r, α, a, b.
pub fn standard_errors(e: &Estimate, customers: &[Customer]) -> Option<[f64; 4]> {
    bgnbd::summary_model_standard_errors(e, customers)
}

#[cfg(test)]
mod tests {
    use super::*;

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
