//! Intervals on the forecasts: expected purchases, the holdout's predicted
//! purchases, total CLV and the tracking curve, from the uncertainty of the
//! fitted parameters.
//!
//! By the delta method: each quantity q(θ) is linearised at the estimate in
//! the log-parameters θ, SE(q) = √(∇qᵀ Σ ∇q) with Σ the inverse observed
//! information (the same Σ as the estimates' own intervals), ∇q by central
//! differences, and the 95 % interval q ± 1.96 SE. Why not a parametric
//! bootstrap: it would refit or re-predict for hundreds of draws where the
//! delta method needs 2k evaluations (k = 4 for BG/NBD), and on the data
//! sizes where a forecast is worth making (thousands of customers) θ̂ is
//! close to normal and the forecasts are smooth in θ, so the two agree — a
//! test below draws 400 θ from N(θ̂, Σ) on CDNOW and finds the same SE
//! within 10 %.
//!
//! These are intervals for the model's *expectation*: the purchases that
//! will actually happen scatter around it by more (Poisson-like noise per
//! customer) — the page says so next to them.
//!
//! Total CLV adds the Gamma-Gamma spend model's uncertainty (its own Σ; the
//! two fits are independent by the model's assumption that spend and
//! purchasing are independent): var = var_BG/NBD + var_GG. For the BG/NBD
//! part the discounting's shape over the horizon is held at the estimate
//! (each group's discounted/undiscounted ratio); with no discount that is
//! exact.

/// A quantity's standard error and 95 % interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Standard error.
    pub se: f64,
    /// Lower end (value − 1.96 SE).
    pub lower: f64,
    /// Upper end (value + 1.96 SE).
    pub upper: f64,
}

impl Interval {
    /// value ± 1.96 SE.
    pub fn around(value: f64, se: f64) -> Interval {
        Interval {
            se,
            lower: value - 1.96 * se,
            upper: value + 1.96 * se,
        }
    }
}

/// The intervals the Forecasts panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Bands {
    /// Expected purchases in the horizon, all customers.
    pub expected_total: Interval,
    /// Predicted purchases in the holdout.
    pub holdout_predicted: Interval,
    /// Total CLV (with a spend model).
    pub clv_total: Option<Interval>,
    /// The tracking curve's model line: (unit, lower, upper) at up to
    /// [`TRACKING_POINTS`] of its points.
    pub tracking: Vec<(f64, f64, f64)>,
}

/// Points of the tracking curve that carry a band (the curve has up to 400;
/// a band drawn through 80 is smooth at any chart size).
pub const TRACKING_POINTS: usize = 80;

/// Standard errors of the outputs of `f` at θ by the delta method, with
/// `cov` the covariance of θ (row-major). Central differences, step
/// 1e-4 · max(1, |θᵢ|).
pub fn delta_se(theta: &[f64], cov: &[f64], f: &dyn Fn(&[f64]) -> Vec<f64>) -> Vec<f64> {
    let n = theta.len();
    let mut at = theta.to_vec();
    let mut jac: Vec<Vec<f64>> = Vec::with_capacity(n);
    for i in 0..n {
        let h = 1e-4 * theta[i].abs().max(1.0);
        at[i] = theta[i] + h;
        let up = f(&at);
        at[i] = theta[i] - h;
        let down = f(&at);
        at[i] = theta[i];
        jac.push(
            up.iter()
                .zip(&down)
                .map(|(u, d)| (u - d) / (2.0 * h))
                .collect(),
        );
    }
    let outputs = jac.first().map_or(0, Vec::len);
    (0..outputs)
        .map(|k| {
            let mut v = 0.0;
            for i in 0..n {
                for j in 0..n {
                    v += jac[i][k] * cov[i * n + j] * jac[j][k];
                }
            }
            v.max(0.0).sqrt()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::bgnbd;
    use crate::forecast::optimize::FourParams;

    #[test]
    fn delta_method_is_exact_for_a_linear_function() {
        let cov = [4.0, 1.0, 1.0, 9.0];
        // q = 2θ₀ + 3θ₁: var = 4·4 + 2·2·3·1 + 9·9 = 16 + 12 + 81.
        let se = delta_se(&[0.3, -0.2], &cov, &|t| vec![2.0 * t[0] + 3.0 * t[1]]);
        crate::assert_close!(se[0], 109f64.sqrt(), rel 1e-9);
    }

    #[test]
    fn delta_method_agrees_with_a_parametric_bootstrap_on_cdnow() {
        // Expected purchases of CDNOW's 2,357 customers in the next 52 weeks:
        // SE by the delta method vs the spread of the same total over 400
        // draws θ ~ N(θ̂, Σ) (a seeded Box–Muller on a Cholesky factor).
        let customers = crate::testing::cdnow_customers();
        let e = bgnbd::fit(&customers, &mut |_| true).unwrap();
        let cov = bgnbd::covariance(&e, &customers).unwrap();
        let theta = e.params.to_log();
        let total = |t: &[f64]| {
            let p = bgnbd::Params::from_log(t);
            vec![customers
                .iter()
                .map(|c| c.weight * p.expected(52.0, c.x, c.t_x, c.t))
                .sum::<f64>()]
        };
        let se = delta_se(&theta, &cov, &total)[0];
        // Cholesky of Σ.
        let mut l = [0.0f64; 16];
        for i in 0..4 {
            for j in 0..=i {
                let s: f64 = (0..j).map(|k| l[i * 4 + k] * l[j * 4 + k]).sum();
                l[i * 4 + j] = if i == j {
                    (cov[i * 4 + i] - s).sqrt()
                } else {
                    (cov[i * 4 + j] - s) / l[j * 4 + j]
                };
            }
        }
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut uniform = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let draws: Vec<f64> = (0..400)
            .map(|_| {
                let z: Vec<f64> = (0..4)
                    .map(|_| {
                        let (u, v) = (uniform().max(1e-300), uniform());
                        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
                    })
                    .collect();
                let t: Vec<f64> = (0..4)
                    .map(|i| theta[i] + (0..=i).map(|k| l[i * 4 + k] * z[k]).sum::<f64>())
                    .collect();
                total(&t)[0]
            })
            .collect();
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        let sd = (draws.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (draws.len() - 1) as f64)
            .sqrt();
        assert!(
            se > 0.0 && (se / sd - 1.0).abs() < 0.1,
            "delta {se} vs bootstrap {sd}"
        );
    }
}
