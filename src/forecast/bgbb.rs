//! BG/BB (Fader, Hardie & Shang 2010): discrete transaction opportunities
//! (yearly donations, monthly renewals). While alive a customer transacts at
//! each opportunity with probability p ~ Beta(α, β); before each opportunity
//! they may die with probability θ ~ Beta(γ, δ). A customer is summarised by
//! x transactions in n opportunities, the last at t_x (0 without any).
//!
//! The likelihood (the paper's eq. 5), summed in logs:
//! L(x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
//! \+ Σ over i = 0 … n−t_x−1 of B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ).

use crate::forecast::optimize;
use crate::forecast::special::ln_gamma;

/// Customers sharing one pattern: x transactions in n opportunities, the
/// last at opportunity t_x.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pattern {
    /// Transactions (0 ≤ x ≤ n).
    pub x: u32,
    /// The opportunity of the last one (x ≤ t_x ≤ n; 0 when x = 0).
    pub t_x: u32,
    /// Opportunities observed.
    pub n: u32,
    /// Customers with this pattern.
    pub weight: f64,
}

/// The four BG/BB parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Beta shape α of the transaction probability.
    pub alpha: f64,
    /// Beta shape β of the transaction probability.
    pub beta: f64,
    /// Beta shape γ of the dropout probability.
    pub gamma: f64,
    /// Beta shape δ of the dropout probability.
    pub delta: f64,
}

/// A fitted model.
pub type Estimate = optimize::Estimate<Params>;

fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// ln(e^a + e^b) without overflow.
fn ln_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

impl Params {
    /// The alive-through-n term of the likelihood (ln).
    fn ln_alive_term(&self, x: f64, n: f64) -> f64 {
        let Params {
            alpha,
            beta,
            gamma,
            delta,
        } = *self;
        ln_beta(alpha + x, beta + n - x) - ln_beta(alpha, beta) + ln_beta(gamma, delta + n)
            - ln_beta(gamma, delta)
    }

    /// ln L for one pattern.
    pub fn ln_likelihood(&self, x: u32, t_x: u32, n: u32) -> f64 {
        let Params {
            alpha,
            beta,
            gamma,
            delta,
        } = *self;
        let (xf, tf) = (x as f64, t_x as f64);
        let mut ll = self.ln_alive_term(xf, n as f64);
        for i in 0..n.saturating_sub(t_x) {
            let i = i as f64;
            ll = ln_add(
                ll,
                ln_beta(alpha + xf, beta + tf - xf + i) - ln_beta(alpha, beta)
                    + ln_beta(gamma + 1.0, delta + tf + i)
                    - ln_beta(gamma, delta),
            );
        }
        ll
    }

    /// P(alive at opportunity n + 1 | x, t_x, n) (the paper's eq. 11).
    pub fn p_alive(&self, x: u32, t_x: u32, n: u32) -> f64 {
        let Params { gamma, delta, .. } = *self;
        let nf = n as f64;
        let alive = self.ln_alive_term(x as f64, nf) + ln_beta(gamma, delta + nf + 1.0)
            - ln_beta(gamma, delta + nf);
        let p = (alive - self.ln_likelihood(x, t_x, n)).exp();
        if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// The log-likelihood of the patterns under `p`.
pub fn log_likelihood(p: &Params, patterns: &[Pattern]) -> f64 {
    patterns
        .iter()
        .map(|c| c.weight * p.ln_likelihood(c.x, c.t_x, c.n))
        .sum()
}

impl optimize::FourParams for Params {
    fn from_log(theta: &[f64]) -> Params {
        Params {
            alpha: theta[0].exp(),
            beta: theta[1].exp(),
            gamma: theta[2].exp(),
            delta: theta[3].exp(),
        }
    }

    fn to_log(&self) -> [f64; 4] {
        [
            self.alpha.ln(),
            self.beta.ln(),
            self.gamma.ln(),
            self.delta.ln(),
        ]
    }
}

/// Maximum likelihood in log-parameters from α = β = γ = δ = 1, BFGS on the
/// mean log-likelihood with a central-difference gradient. None without
/// patterns or when cancelled.
pub fn fit(patterns: &[Pattern], progress: &mut dyn FnMut(usize) -> bool) -> Option<Estimate> {
    let n: f64 = patterns.iter().map(|c| c.weight).sum();
    if patterns.is_empty() || n.is_nan() || n <= 0.0 {
        return None;
    }
    optimize::fit_numeric(&|p| log_likelihood(p, patterns), n, [0.0; 4], progress)
}

/// Standard errors (observed information, delta method), in the order α, β, γ, δ.
pub fn standard_errors(e: &Estimate, patterns: &[Pattern]) -> Option<[f64; 4]> {
    optimize::standard_errors_of(e, &|p| log_likelihood(p, patterns))
}

/// Reads a pattern table: header `frequency,recency,periods,weights` (the
/// shape of lifetimes' donations.csv), one pattern a line. None when a line
/// is not four whole numbers with x ≤ t_x ≤ n (t_x = 0 when x = 0).
pub fn read_patterns(text: &str) -> Option<Vec<Pattern>> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let header: Vec<String> = lines
        .next()?
        .split(',')
        .map(|h| h.trim().to_lowercase())
        .collect();
    if header != ["frequency", "recency", "periods", "weights"] {
        return None;
    }
    lines
        .map(|line| {
            let f: Vec<&str> = line.split(',').map(str::trim).collect();
            let [x, t_x, n, w] = f.as_slice() else {
                return None;
            };
            let (x, t_x, n): (u32, u32, u32) =
                (x.parse().ok()?, t_x.parse().ok()?, n.parse().ok()?);
            let weight: f64 = crate::formats::decimal::parse(w)?;
            let ok = x <= n && t_x <= n && (x == 0) == (t_x == 0) && x <= t_x && weight >= 0.0;
            ok.then_some(Pattern { x, t_x, n, weight })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn donations() -> Vec<Pattern> {
        read_patterns(&crate::testing::fixture("donations/donations.csv")).unwrap()
    }

    #[test]
    fn donations_reproduce_the_published_estimates() {
        let patterns = donations();
        assert_eq!(patterns.len(), 22);
        assert_eq!(patterns.iter().map(|p| p.weight).sum::<f64>(), 11_104.0);
        let e = fit(&patterns, &mut |_| true).unwrap();
        let p = e.params;
        // Fader, Hardie & Shang (2010): α 1.204, β 0.750, γ 0.657, δ 2.783, LL −33,225.6.
        assert_eq!(
            format!(
                "{:.3} {:.3} {:.3} {:.3} {:.1}",
                p.alpha, p.beta, p.gamma, p.delta, e.ll
            ),
            "1.204 0.750 0.657 2.783 -33225.6"
        );
        assert!(e.converged);
        let se = standard_errors(&e, &patterns).unwrap();
        assert!(se.iter().all(|s| s.is_finite() && *s > 0.0));
    }

    #[test]
    fn p_alive_is_a_probability_and_falls_with_silence() {
        let p = Params {
            alpha: 1.204,
            beta: 0.750,
            gamma: 0.657,
            delta: 2.783,
        };
        let recent = p.p_alive(3, 6, 6);
        let old = p.p_alive(3, 3, 6);
        assert!((0.0..=1.0).contains(&recent) && (0.0..=1.0).contains(&old));
        assert!(old < recent);
        assert!(read_patterns("frequency,recency,periods,weights\n2,1,6,3\n").is_none());
    }
}
