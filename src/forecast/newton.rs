//! Second-order fitting for the (x, t_x, T) models with an analytic Hessian
//! (BG/NBD, MBG/NBD, Pareto/NBD): the log-likelihood's value, gradient and
//! Hessian from one pass over the customers ([`Second`]), Newton's method on
//! them, and the warm start that makes a table of a million patterns cheap —
//! fit a systematic subsample first (the usual guarded BFGS), then take
//! Newton steps on every pattern from there ([`fit_warm`]). A Newton step
//! costs one pass, and from the subsample's optimum two or three of them
//! meet the same convergence test as BFGS's twenty; the last pass's Hessian
//! is the observed information the standard errors need.

use crate::forecast::bgnbd::Customer;
use crate::forecast::optimize::{self, Estimate, FourParams};

/// ln L, its gradient and its Hessian (row-major), in the log-parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Second {
    /// Σ weight · ln L.
    pub ll: f64,
    /// ∂ ln L / ∂ ln pᵢ.
    pub grad: [f64; 4],
    /// ∂² ln L / ∂ ln pᵢ ∂ ln pⱼ.
    pub hess: [f64; 16],
}

/// A symmetric 4 × 4 sum, kept as its upper triangle.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sym([f64; 10]);

/// Where (i, j), i ≤ j, sits in [`Sym`]'s triangle.
const AT: [[usize; 4]; 4] = [[0, 1, 2, 3], [1, 4, 5, 6], [2, 5, 7, 8], [3, 6, 8, 9]];

impl Sym {
    /// Adds `w · d dᵀ`.
    #[inline]
    pub fn add_outer(&mut self, w: f64, d: &[f64; 4]) {
        let s = &mut self.0;
        let wd = [w * d[0], w * d[1], w * d[2], w * d[3]];
        s[0] += wd[0] * d[0];
        s[1] += wd[0] * d[1];
        s[2] += wd[0] * d[2];
        s[3] += wd[0] * d[3];
        s[4] += wd[1] * d[1];
        s[5] += wd[1] * d[2];
        s[6] += wd[1] * d[3];
        s[7] += wd[2] * d[2];
        s[8] += wd[2] * d[3];
        s[9] += wd[3] * d[3];
    }

    /// Adds `v` at (i, j) (and so at (j, i)).
    #[inline]
    pub fn add(&mut self, i: usize, j: usize, v: f64) {
        self.0[AT[i][j]] += v;
    }

    /// Adds `w · (a bᵀ + b aᵀ)`.
    #[inline]
    pub fn add_sym_outer(&mut self, w: f64, a: &[f64; 4], b: &[f64; 4]) {
        for i in 0..4 {
            for j in i..4 {
                self.0[AT[i][j]] += w * (a[i] * b[j] + b[i] * a[j]);
            }
        }
    }

    /// Adds `w` times the Hessian, in (r, α, a, b), of the terms BG/NBD and
    /// MBG/NBD share per x: ln Γ(r+x) − ln Γ(r) + r ln α and a ratio of beta
    /// functions, whose trigamma differences are `sums` = [Σ 1/(r+j)²,
    /// Σ 1/(b+j)², Σ 1/(a+b+j)²] over each model's own ranges of j.
    pub fn add_gamma_terms(&mut self, w: f64, r: f64, alpha: f64, sums: [f64; 3]) {
        let [sr, sb, sab] = sums;
        self.add(0, 0, -w * sr);
        self.add(0, 1, w / alpha);
        self.add(1, 1, -w * r / (alpha * alpha));
        self.add(2, 2, w * sab);
        self.add(2, 3, w * sab);
        self.add(3, 3, w * (sab - sb));
    }

    /// Adds `w` times another sum.
    pub fn add_scaled(&mut self, w: f64, other: &Sym) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += w * b;
        }
    }

    /// The entry at (i, j).
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.0[AT[i][j]]
    }
}

/// From sums in the natural parameters p (gradient `g`, Hessian `h`) to the
/// log-parameters θ = ln p: ∂/∂θᵢ = pᵢ ∂/∂pᵢ, so
/// H_θ = pᵢ pⱼ Hᵢⱼ + δᵢⱼ pᵢ gᵢ.
pub fn in_logs(p: [f64; 4], ll: f64, g: [f64; 4], h: &Sym) -> Second {
    let grad = std::array::from_fn(|i| p[i] * g[i]);
    let hess = std::array::from_fn(|k| {
        let (i, j) = (k / 4, k % 4);
        p[i] * p[j] * h.get(i, j) + if i == j { p[i] * g[i] } else { 0.0 }
    });
    Second { ll, grad, hess }
}

/// The covariance of the log-parameters from the Hessian of ln L there (the
/// inverse observed information); None unless positive definite.
pub fn covariance(hess: &[f64; 16]) -> Option<[f64; 16]> {
    let info: Vec<f64> = hess.iter().map(|v| -v).collect();
    let cov = optimize::covariance_from_information(&info, 4)?;
    cov.try_into().ok()
}

/// SE(pᵢ) = pᵢ · √Σᵢᵢ from the Hessian at `p` (delta method).
pub fn standard_errors<P: FourParams>(p: &P, hess: &[f64; 16]) -> Option<[f64; 4]> {
    let cov = covariance(hess)?;
    let theta = p.to_log();
    Some(std::array::from_fn(|i| {
        cov[i * 4 + i].sqrt() * theta[i].exp()
    }))
}

/// The Hessian at an estimate: the one its fit kept, else `second(params)`'s.
pub fn hessian_at<P: FourParams>(e: &Estimate<P>, second: impl FnOnce(&P) -> Second) -> [f64; 16] {
    e.hessian.unwrap_or_else(|| second(&e.params).hess)
}

/// Solves (−H) δ = g by Cholesky; None unless −H is positive definite.
fn newton_step(s: &Second) -> Option<[f64; 4]> {
    let mut l = [0.0f64; 16];
    for i in 0..4 {
        for j in 0..=i {
            let mut v = -s.hess[i * 4 + j];
            for k in 0..j {
                v -= l[i * 4 + k] * l[j * 4 + k];
            }
            if i == j {
                if !(v > 0.0 && v.is_finite()) {
                    return None;
                }
                l[i * 4 + i] = v.sqrt();
            } else {
                l[i * 4 + j] = v / l[j * 4 + j];
            }
        }
    }
    let mut y = [0.0f64; 4];
    for i in 0..4 {
        let mut v = s.grad[i];
        for k in 0..i {
            v -= l[i * 4 + k] * y[k];
        }
        y[i] = v / l[i * 4 + i];
    }
    let mut d = [0.0f64; 4];
    for i in (0..4).rev() {
        let mut v = y[i];
        for k in i + 1..4 {
            v -= l[k * 4 + i] * d[k];
        }
        d[i] = v / l[i * 4 + i];
    }
    d.iter().all(|v| v.is_finite()).then_some(d)
}

/// Where Newton's method stopped.
#[derive(Clone, Copy, Debug)]
pub struct NewtonEnd {
    /// The log-parameters.
    pub theta: [f64; 4],
    /// ln L, gradient and Hessian there.
    pub at: Second,
    /// Steps taken.
    pub iterations: usize,
}

/// Newton's method on ln L from `theta0`, with step halving, over `n`
/// customers. Converged by BFGS's own test ([`optimize::bfgs`]: max |∂ mean
/// ln L / ∂θᵢ| ≤ 1e-9 · max(1, |mean ln L|)); None when it is not met within
/// `max_iter` steps, when the Hessian is not negative definite on the way,
/// or when an iterate leaves |θᵢ| ≤ [`optimize::RUNAWAY`] — the caller then
/// fits by BFGS instead. `progress(step)` returning false also gives None.
pub fn newton(
    second: &dyn Fn(&[f64; 4]) -> Second,
    theta0: [f64; 4],
    n: f64,
    max_iter: usize,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<NewtonEnd> {
    let small = |s: &Second, factor: f64| {
        let scale = (s.ll / n).abs().max(1.0);
        s.grad
            .iter()
            .all(|g| (g / n).abs() <= factor * 1e-9 * scale)
    };
    let mut theta = theta0;
    let mut at = second(&theta);
    for iterations in 0..=max_iter {
        if !at.ll.is_finite() || at.grad.iter().any(|g| !g.is_finite()) {
            return None;
        }
        if small(&at, 1.0) {
            return Some(NewtonEnd {
                theta,
                at,
                iterations,
            });
        }
        if iterations == max_iter || !progress(iterations) {
            return None;
        }
        let d = newton_step(&at)?;
        let slope: f64 = d.iter().zip(&at.grad).map(|(a, b)| a * b).sum();
        let mut step = 1.0;
        let moved = loop {
            let next: [f64; 4] = std::array::from_fn(|i| theta[i] + step * d[i]);
            if next.iter().all(|v| v.abs() <= optimize::RUNAWAY) {
                let s = second(&next);
                // Armijo's test, less the sum's own rounding: near the
                // optimum a step gains less than a million terms' rounding
                // and would otherwise be halved twenty times for nothing.
                let noise = 1e-12 * at.ll.abs();
                if s.ll.is_finite() && s.ll >= at.ll + 1e-4 * step * slope - noise {
                    break Some((next, s));
                }
            }
            step *= 0.5;
            if step < 1e-6 {
                break None;
            }
        };
        match moved {
            Some((next, s)) => (theta, at) = (next, s),
            // No step improves: the sum's own rounding, when the gradient is
            // within a whisker of the test (as BFGS's stall rule).
            None if small(&at, 1e3) => {
                return Some(NewtonEnd {
                    theta,
                    at,
                    iterations,
                })
            }
            None => return None,
        }
    }
    None
}

/// Patterns from which [`fit_warm`] starts from a subsample.
pub const WARM_FROM: usize = 200_000;

/// About how many patterns the subsample has.
pub const SUBSAMPLE: usize = 25_000;

/// Every k-th pattern, k = ⌊len / size⌋ (weights kept): a systematic
/// sample, stratified by whatever order the table has.
pub fn subsample(customers: &[Customer], size: usize) -> Vec<Customer> {
    let k = (customers.len() / size.max(1)).max(1);
    customers.iter().step_by(k).copied().collect()
}

/// A model's guarded BFGS fit on some customers.
pub type Fit<'a, P> =
    dyn Fn(&[Customer], &mut dyn FnMut(usize) -> bool) -> Option<Estimate<P>> + 'a;

/// Maximum likelihood on many patterns: `fit` (the model's guarded BFGS) on
/// a [`subsample`], then [`newton`] on all of them (`second`) from its
/// optimum. Below [`WARM_FROM`] patterns, or when the subsample's fit does
/// not converge, or Newton fails, it is `fit` on every pattern — the same
/// estimate, judged (converged, run off) on all the data. None when
/// `progress` cancels.
pub fn fit_warm<P: FourParams>(
    customers: &[Customer],
    fit: &Fit<P>,
    second: &dyn Fn(&P) -> Second,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<Estimate<P>> {
    fit_warm_from(customers, fit, second, progress, WARM_FROM, SUBSAMPLE)
}

/// [`fit_warm`] with its thresholds given (for tests).
pub(crate) fn fit_warm_from<P: FourParams>(
    customers: &[Customer],
    fit: &Fit<P>,
    second: &dyn Fn(&P) -> Second,
    progress: &mut dyn FnMut(usize) -> bool,
    warm_from: usize,
    size: usize,
) -> Option<Estimate<P>> {
    if customers.len() < warm_from {
        return fit(customers, progress);
    }
    let sample = subsample(customers, size);
    let first = fit(&sample, progress)?;
    if first.converged && !first.ran_off {
        let n: f64 = customers.iter().map(|c| c.weight).sum();
        let done = first.iterations;
        let mut cancelled = false;
        let end = newton(
            &|theta| second(&P::from_log(theta)),
            first.params.to_log(),
            n,
            20,
            &mut |i| {
                cancelled = !progress(done + i);
                !cancelled
            },
        );
        if cancelled {
            return None;
        }
        if let Some(end) = end {
            return Some(Estimate {
                params: P::from_log(&end.theta),
                ll: end.at.ll,
                iterations: done + end.iterations,
                converged: true,
                ran_off: false,
                hessian: Some(end.at.hess),
            });
        }
    }
    fit(customers, progress)
}

/// Checks that [`fit_warm_from`] on many patterns (a subsample, then
/// Newton) finds `fit`'s estimate on all of them.
#[cfg(test)]
pub(crate) fn assert_warm_start_finds_the_full_fit<P: FourParams + std::fmt::Debug>(
    fit: &Fit<P>,
    second: &dyn Fn(&P, &[Customer]) -> Second,
) {
    let cs = crate::testing::many_patterns(3000);
    let full = fit(&cs, &mut |_| true).unwrap();
    let warm = fit_warm_from(&cs, fit, &|p| second(p, &cs), &mut |_| true, 1000, 300).unwrap();
    assert!(warm.converged && full.converged, "{warm:?} {full:?}");
    for (a, b) in warm.params.to_log().iter().zip(full.params.to_log()) {
        crate::assert_close!(*a, b, 1e-6);
    }
    crate::assert_close!(warm.ll, full.ll, rel 1e-12);
    // At the optimum the Hessian is negative definite: standard errors exist.
    assert!(standard_errors(&warm.params, &second(&warm.params, &cs).hess).is_some());
    // The Hessian it keeps is the one at its estimate.
    let kept = warm.hessian.expect("Newton keeps its Hessian");
    let again = second(&warm.params, &cs).hess;
    for (a, b) in kept.iter().zip(again) {
        crate::assert_close!(*a, b, rel 1e-9);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newton_solves_a_quadratic_in_one_step() {
        // ln L = −½ (θ − c)ᵀ A (θ − c), A positive definite.
        let c = [0.3, -1.0, 2.0, 0.5];
        let a = [
            4.0, 1.0, 0.0, 0.5, 1.0, 3.0, 0.2, 0.0, 0.0, 0.2, 2.0, 0.1, 0.5, 0.0, 0.1, 1.0,
        ];
        let second = |t: &[f64; 4]| {
            let d: [f64; 4] = std::array::from_fn(|i| t[i] - c[i]);
            let ad: [f64; 4] = std::array::from_fn(|i| (0..4).map(|j| a[i * 4 + j] * d[j]).sum());
            Second {
                ll: -0.5 * d.iter().zip(&ad).map(|(x, y)| x * y).sum::<f64>(),
                grad: ad.map(|v| -v),
                hess: a.map(|v| -v),
            }
        };
        let end = newton(&second, [0.0; 4], 1.0, 5, &mut |_| true).unwrap();
        assert_eq!(end.iterations, 1);
        for (got, want) in end.theta.iter().zip(c) {
            crate::assert_close!(*got, want, 1e-12);
        }
        // Not negative definite: no step.
        let saddle = |t: &[f64; 4]| Second {
            ll: t[0] * t[0],
            grad: [2.0 * t[0] + 1.0, 0.0, 0.0, 0.0],
            hess: [
                2.0, 0., 0., 0., 0., -1., 0., 0., 0., 0., -1., 0., 0., 0., 0., -1.,
            ],
        };
        assert!(newton(&saddle, [0.0; 4], 1.0, 5, &mut |_| true).is_none());
    }

    #[test]
    fn a_step_below_the_sums_rounding_is_taken_not_halved() {
        // A total over 10⁸ customers near its optimum: the last step gains
        // 10⁻⁶, the sum's rounding is 10⁻⁴ (here a fixed wobble).
        let evaluations = std::cell::Cell::new(0);
        let second = |t: &[f64; 4]| {
            evaluations.set(evaluations.get() + 1);
            let wobble = if evaluations.get() % 2 == 0 {
                -1e-4
            } else {
                1e-4
            };
            Second {
                ll: -4.7e8 - 0.5e8 * t.iter().map(|v| v * v).sum::<f64>() + wobble,
                grad: t.map(|v| -1e8 * v),
                hess: std::array::from_fn(|k| if k % 5 == 0 { -1e8 } else { 0.0 }),
            }
        };
        let end = newton(&second, [1e-7; 4], 1e8, 5, &mut |_| true).unwrap();
        assert_eq!(end.iterations, 1);
        assert_eq!(evaluations.get(), 2);
    }

    #[test]
    fn a_cancel_during_the_newton_steps_ends_the_fit() {
        use crate::forecast::bgnbd::Params;
        let cs = crate::testing::many_patterns(3000);
        let fits = std::cell::Cell::new(0);
        let fit = |_: &[Customer], _: &mut dyn FnMut(usize) -> bool| {
            fits.set(fits.get() + 1);
            Some(Estimate {
                params: Params::from_log(&[0.5; 4]),
                ll: -1.0,
                iterations: 7,
                converged: true,
                ran_off: false,
                hessian: None,
            })
        };
        // ln L = −½ Σ (θᵢ − 1)², away from the subsample's optimum.
        let second = |p: &Params| {
            let t = p.to_log();
            Second {
                ll: -0.5 * t.iter().map(|v| (v - 1.0) * (v - 1.0)).sum::<f64>(),
                grad: t.map(|v| 1.0 - v),
                hess: std::array::from_fn(|k| if k % 5 == 0 { -1.0 } else { 0.0 }),
            }
        };
        let cancelled = fit_warm_from(&cs, &fit, &second, &mut |i| i < 7, 1000, 300);
        assert!(cancelled.is_none());
        assert_eq!(fits.get(), 1, "no BFGS on all the data after a cancel");
        let done = fit_warm_from(&cs, &fit, &second, &mut |_| true, 1000, 300).unwrap();
        crate::assert_close!(done.params.r, 1f64.exp(), 1e-9);
        assert_eq!(done.iterations, 8);
    }

    #[test]
    fn the_subsample_is_systematic() {
        let cs: Vec<Customer> = (0..1000)
            .map(|i| Customer {
                x: i,
                t_x: 0.0,
                t: 1.0,
                weight: 1.0,
            })
            .collect();
        let s = subsample(&cs, 100);
        assert_eq!(s.len(), 100);
        assert_eq!(s[1].x, 10);
        assert_eq!(subsample(&cs[..50], 100).len(), 50);
    }
}
