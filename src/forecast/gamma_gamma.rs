//! Gamma-Gamma spend (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value
//! curves for customer base analysis").
//!
//! A customer's transaction values vary around their own mean spend, which is
//! Gamma(p, ν) with ν ~ Gamma(q, γ) across customers; spend is independent of
//! the purchase process. Fitted on repeat customers: x repeat purchases with
//! mean value m_x.

use crate::forecast::optimize;
use crate::forecast::special::{digamma, ln_gamma};

/// A repeat customer (or `weight` identical ones): x repeat purchases, mean value m.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spender {
    /// Repeat purchases (≥ 1).
    pub x: u32,
    /// Mean value of those purchases (> 0).
    pub m: f64,
    /// How many customers share these numbers.
    pub weight: f64,
}

/// The three Gamma-Gamma parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Shape of each transaction value's gamma.
    pub p: f64,
    /// Shape of the gamma of ν across customers.
    pub q: f64,
    /// Scale γ of the gamma of ν.
    pub v: f64,
}

/// A fitted model.
pub type Estimate = optimize::Estimate<Params>;

impl Params {
    /// E[M | x, m_x]: the expected value of this customer's future
    /// transactions, (γ + m_x x) p / (p x + q − 1); the population mean
    /// p γ / (q − 1) for a customer with no repeat purchases (needs q > 1).
    pub fn expected_spend(&self, x: u32, m: f64) -> f64 {
        let x = x as f64;
        let v = (self.v + m * x) * self.p / (self.p * x + self.q - 1.0);
        if v.is_finite() && v > 0.0 {
            v
        } else {
            0.0
        }
    }
}

fn ll_and_gradient(
    p: &Params,
    spenders: &[Spender],
    ln_ms: &[f64],
    max_x: u32,
    grad: &mut [f64; 3],
) -> f64 {
    let Params { p, q, v } = *p;
    // Terms that depend on x only, once per x.
    let n = max_x as usize + 1;
    let (mut lg, mut dp, mut dq) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    for x in 1..n {
        let (xf, px) = (x as f64, p * x as f64);
        lg[x] = ln_gamma(px + q) - ln_gamma(px) + px * xf.ln();
        dq[x] = digamma(px + q);
        dp[x] = dq[x] - digamma(px) + xf.ln();
    }
    let (lgq, dgq, ln_v) = (ln_gamma(q), digamma(q), v.ln());
    let mut ll = 0.0;
    let mut g = [0.0; 3];
    for (s, &ln_m) in spenders.iter().zip(ln_ms) {
        let xi = s.x as usize;
        let x = s.x as f64;
        let px = p * x;
        let vm = v + s.m * x;
        let ln_vm = vm.ln();
        let w = s.weight;
        ll += w * (lg[xi] - lgq + q * ln_v + (px - 1.0) * ln_m - (px + q) * ln_vm);
        g[0] += w * x * (dp[xi] + ln_m - ln_vm);
        g[1] += w * (dq[xi] - dgq + ln_v - ln_vm);
        g[2] += w * (q / v - (px + q) / vm);
    }
    grad[0] = g[0] * p;
    grad[1] = g[1] * q;
    grad[2] = g[2] * v;
    ll
}

/// The log-likelihood of the spenders under `p`.
pub fn log_likelihood(p: &Params, spenders: &[Spender]) -> f64 {
    let max_x = spenders.iter().map(|s| s.x).max().unwrap_or(0);
    let ln_ms: Vec<f64> = spenders.iter().map(|s| s.m.ln()).collect();
    ll_and_gradient(p, spenders, &ln_ms, max_x, &mut [0.0; 3])
}

/// The covariance of (ln p, ln q, ln γ) from the observed information,
/// row-major 3 × 3, on the spenders the fit used.
pub fn covariance(e: &Estimate, spenders: &[Spender]) -> Option<[f64; 9]> {
    let usable = usable(spenders);
    let max_x = usable.iter().map(|s| s.x).max().unwrap_or(0);
    let ln_ms: Vec<f64> = usable.iter().map(|s| s.m.ln()).collect();
    let grad = |theta: &[f64], g: &mut [f64]| {
        let mut d = [0.0; 3];
        ll_and_gradient(&from_log(theta), &usable, &ln_ms, max_x, &mut d);
        g.copy_from_slice(&d);
    };
    let theta = [e.params.p.ln(), e.params.q.ln(), e.params.v.ln()];
    optimize::covariance_from_gradient(&grad, &theta)?
        .try_into()
        .ok()
}

/// Standard errors of p, q, γ (observed information, delta method).
pub fn standard_errors(e: &Estimate, spenders: &[Spender]) -> Option<[f64; 3]> {
    Some(se_from_covariance(e, &covariance(e, spenders)?))
}

/// SE(pᵢ) = pᵢ · √Σᵢᵢ from the log-parameters' covariance (delta method).
pub fn se_from_covariance(e: &Estimate, cov: &[f64; 9]) -> [f64; 3] {
    let p = [e.params.p, e.params.q, e.params.v];
    std::array::from_fn(|i| cov[i * 3 + i].sqrt() * p[i])
}

/// The spenders a fit can use: x ≥ 1, m > 0 and finite, positive weight.
fn usable(spenders: &[Spender]) -> Vec<Spender> {
    spenders
        .iter()
        .copied()
        .filter(|s| s.x >= 1 && s.m > 0.0 && s.m.is_finite() && s.weight > 0.0)
        .collect()
}

fn from_log(theta: &[f64]) -> Params {
    Params {
        p: theta[0].exp(),
        q: theta[1].exp(),
        v: theta[2].exp(),
    }
}

/// Maximum likelihood from (1, 1, 1) in log-parameters, on spenders with
/// x ≥ 1 and m > 0 (others are ignored). None when none are left or cancelled.
pub fn fit(spenders: &[Spender], progress: &mut dyn FnMut(usize) -> bool) -> Option<Estimate> {
    let usable = usable(spenders);
    if usable.is_empty() {
        return None;
    }
    let max_x = usable.iter().map(|s| s.x).max().unwrap_or(0);
    let ln_ms: Vec<f64> = usable.iter().map(|s| s.m.ln()).collect();
    let m = optimize::max_likelihood(
        &mut |theta, g| {
            let mut grad = [0.0; 3];
            let ll = ll_and_gradient(&from_log(theta), &usable, &ln_ms, max_x, &mut grad);
            g.copy_from_slice(&grad);
            ll
        },
        &[0.0; 3],
        progress,
    )?;
    Some(Estimate {
        params: from_log(&m.x),
        ll: -m.value,
        iterations: m.iterations,
        converged: m.converged,
        ran_off: m.x.iter().any(|v| v.abs() > optimize::RUNAWAY),
        hessian: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_matches_finite_differences() {
        let ss = [
            Spender {
                x: 1,
                m: 12.5,
                weight: 2.0,
            },
            Spender {
                x: 3,
                m: 40.0,
                weight: 1.0,
            },
            Spender {
                x: 7,
                m: 22.0,
                weight: 1.0,
            },
        ];
        let theta = [1.2f64, 0.9, 2.4];
        let mut g = [0.0; 3];
        let ln_ms: Vec<f64> = ss.iter().map(|s| s.m.ln()).collect();
        ll_and_gradient(&from_log(&theta), &ss, &ln_ms, 7, &mut g);
        crate::testing::assert_gradient(&theta, &g, |t| log_likelihood(&from_log(t), &ss));
    }

    #[test]
    fn expected_spend_is_a_weighted_mean_of_own_and_population() {
        let p = Params {
            p: 6.25,
            q: 3.74,
            v: 15.44,
        };
        let population = p.p * p.v / (p.q - 1.0);
        let own = 50.0;
        let e = p.expected_spend(4, own);
        assert!(e > population && e < own, "{e}");
        crate::assert_close!(p.expected_spend(0, 0.0), population);
    }
}
