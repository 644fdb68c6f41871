//! Shifted-beta-geometric (Fader & Hardie 2007, "How to project customer
//! retention"; DERL from Fader & Hardie 2010, "Customer-base valuation in a
//! contractual setting").
//!
//! Each customer renews every period with their own probability 1 − θ, and
//! θ ~ Beta(α, β) across customers; so the survival curve flattens as the
//! least loyal leave first. Fitted on survivor counts S₀, S₁, …, Sₙ.

use crate::forecast::optimize;
use crate::forecast::special::hyp2f1;

/// A fitted model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// Beta shape α of the churn probability.
    pub alpha: f64,
    /// Beta shape β of the churn probability.
    pub beta: f64,
    /// The log-likelihood there.
    pub ll: f64,
    /// Whether the optimiser's convergence test passed.
    pub converged: bool,
}

/// Why survivor counts cannot be fitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurvivorError {
    /// Fewer than three numbers (a start and two later periods are needed).
    TooFew,
    /// Item `index` (0-based) is not a positive number.
    NotPositive(usize),
    /// Item `index` (0-based) is larger than the one before it.
    Increases(usize),
}

/// Reads survivor counts from text: numbers separated by commas, spaces,
/// semicolons, tabs, newlines or 、/，. Errors name the item (1-based in the UI).
pub fn parse_survivors(text: &str) -> Result<Vec<f64>, SurvivorError> {
    let mut out = Vec::new();
    for (i, item) in text
        .split(|c: char| {
            c == ',' || c == ';' || c == '，' || c == '、' || c == '；' || c.is_whitespace()
        })
        .filter(|s| !s.is_empty())
        .enumerate()
    {
        match crate::formats::decimal::parse(item) {
            Some(v) if v > 0.0 && v.is_finite() => {
                if out.last().is_some_and(|&p| v > p) {
                    return Err(SurvivorError::Increases(i));
                }
                out.push(v);
            }
            _ => return Err(SurvivorError::NotPositive(i)),
        }
    }
    if out.len() < 3 {
        return Err(SurvivorError::TooFew);
    }
    Ok(out)
}

/// P(T = t) for t = 1..=n and S(n): the recursions of the paper.
fn churn_and_survival(alpha: f64, beta: f64, n: usize) -> (Vec<f64>, f64) {
    let mut p = Vec::with_capacity(n);
    let mut s = 1.0;
    let mut pt = alpha / (alpha + beta);
    for t in 1..=n {
        if t > 1 {
            let t = t as f64;
            pt *= (beta + t - 2.0) / (alpha + beta + t - 1.0);
        }
        p.push(pt);
        s -= pt;
    }
    (p, s.max(0.0))
}

/// The log-likelihood of survivor counts under (α, β).
pub fn log_likelihood(alpha: f64, beta: f64, survivors: &[f64]) -> f64 {
    let n = survivors.len().saturating_sub(1);
    let (p, s) = churn_and_survival(alpha, beta, n);
    let mut ll = 0.0;
    for t in 1..=n {
        let lost = survivors[t - 1] - survivors[t];
        if lost > 0.0 {
            ll += lost * p[t - 1].ln();
        }
    }
    ll + survivors[n] * s.ln()
}

/// Maximum likelihood (Nelder–Mead on ln α, ln β from (0, 0)).
pub fn fit(survivors: &[f64]) -> Option<Estimate> {
    if survivors.len() < 2 {
        return None;
    }
    let mut f = |th: &[f64]| {
        if th.iter().any(|v| !v.is_finite() || v.abs() > 30.0) {
            return f64::INFINITY;
        }
        -log_likelihood(th[0].exp(), th[1].exp(), survivors)
    };
    let m = optimize::nelder_mead(&mut f, &[0.0, 0.0], 0.5, 1e-14, 4000);
    if !m.value.is_finite() {
        return None;
    }
    Some(Estimate {
        alpha: m.x[0].exp(),
        beta: m.x[1].exp(),
        ll: -m.value,
        converged: m.converged,
    })
}

impl Estimate {
    /// S(t): the share of a starting cohort still a customer after t periods.
    pub fn survival(&self, t: usize) -> f64 {
        churn_and_survival(self.alpha, self.beta, t).1
    }

    /// r(t) = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1), t ≥ 1.
    pub fn retention(&self, t: usize) -> f64 {
        let t = t as f64;
        (self.beta + t - 1.0) / (self.alpha + self.beta + t - 1.0)
    }

    /// Discounted expected residual lifetime, in periods, of a customer who
    /// has renewed n − 1 times and is about to decide the n-th time (n ≥ 1),
    /// at discount rate d per period (> 0).
    pub fn derl(&self, d: f64, n: usize) -> f64 {
        let n = n.max(1) as f64;
        let (a, b) = (self.alpha, self.beta);
        (b + n - 1.0) / (a + b + n - 1.0) * hyp2f1(1.0, b + n, a + b + n, 1.0 / (1.0 + d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGULAR: [f64; 8] = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0];
    const HIGH_END: [f64; 8] = [1000.0, 869.0, 743.0, 653.0, 593.0, 551.0, 517.0, 491.0];

    #[test]
    fn reproduces_the_published_estimates() {
        // Fader & Hardie (2007), fitted on years 0–7.
        let r = fit(&REGULAR).unwrap();
        assert_eq!(format!("{:.3} {:.3}", r.alpha, r.beta), "0.704 1.182");
        let h = fit(&HIGH_END).unwrap();
        assert_eq!(format!("{:.3} {:.3}", h.alpha, h.beta), "0.668 3.806");
        assert!(r.converged && h.converged);
    }

    #[test]
    fn derl_equals_the_discounted_sum() {
        let e = Estimate {
            alpha: 0.704,
            beta: 1.182,
            ll: 0.0,
            converged: true,
        };
        for (d, n) in [(0.1f64, 1), (0.1, 5), (0.25, 2)] {
            // Σ_{t ≥ n} S(t)/S(n − 1) / (1 + d)^(t − n)
            let base = e.survival(n - 1);
            let sum: f64 = (n..n + 4000)
                .map(|t| e.survival(t) / base / (1.0 + d).powi((t - n) as i32))
                .sum();
            assert!(
                (e.derl(d, n) - sum).abs() < 1e-6,
                "{d} {n}: {} vs {sum}",
                e.derl(d, n)
            );
        }
    }

    #[test]
    fn survivor_text_is_read_or_refused_with_the_item() {
        assert_eq!(parse_survivors("1000, 631 468\n382").unwrap().len(), 4);
        assert_eq!(parse_survivors("1000，631、468").unwrap().len(), 3);
        assert_eq!(parse_survivors("1000, 631"), Err(SurvivorError::TooFew));
        assert_eq!(
            parse_survivors("1000, x, 3"),
            Err(SurvivorError::NotPositive(1))
        );
        assert_eq!(
            parse_survivors("1000, 500, 600"),
            Err(SurvivorError::Increases(2))
        );
        assert_eq!(
            parse_survivors("1000, 0, 0"),
            Err(SurvivorError::NotPositive(1))
        );
        assert_eq!(parse_survivors(""), Err(SurvivorError::TooFew));
    }
}
