//! Minimisers for the models' negative log-likelihoods, on unconstrained
//! (log-) parameters: BFGS with a backtracking line search where a gradient is
//! known, Nelder–Mead where it is not (and as BFGS's fallback). A non-finite
//! value counts as +∞, so a step into overflow is simply refused: no NaN ever
//! comes out.

/// Where a minimiser stopped.
#[derive(Clone, Debug, PartialEq)]
pub struct Minimum {
    /// The point.
    pub x: Vec<f64>,
    /// The objective there.
    pub value: f64,
    /// Iterations used.
    pub iterations: usize,
    /// Whether the convergence test passed (gradient or simplex small enough).
    pub converged: bool,
}

/// Objective with gradient: returns f(x) and writes ∇f(x) into the slice.
pub type WithGradient<'a> = dyn FnMut(&[f64], &mut [f64]) -> f64 + 'a;

fn finite_or_inf(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        f64::INFINITY
    }
}

fn norm_inf(g: &[f64]) -> f64 {
    g.iter().fold(0.0f64, |m, v| m.max(v.abs()))
}

/// BFGS from `x0`. Converged when max |∂f/∂xᵢ| ≤ `tol` · max(1, |f|).
/// `progress(iteration, x, f(x))` returning false stops at once (not
/// converged, no polish).
/// When the line search cannot improve and `polish` is set, Nelder–Mead takes
/// over from the best point.
pub fn bfgs(
    f: &mut WithGradient,
    x0: &[f64],
    tol: f64,
    max_iter: usize,
    progress: &mut dyn FnMut(usize, &[f64], f64) -> bool,
    polish: bool,
) -> Minimum {
    let n = x0.len();
    let mut x = x0.to_vec();
    let mut g = vec![0.0; n];
    let mut fx = finite_or_inf(f(&x, &mut g));
    if !fx.is_finite() || g.iter().any(|v| !v.is_finite()) {
        let mut plain = |p: &[f64]| {
            let mut scratch = vec![0.0; p.len()];
            f(p, &mut scratch)
        };
        return nelder_mead(&mut plain, x0, 0.5, 1e-10, max_iter * 20);
    }
    let identity = |h: &mut Vec<f64>| {
        h.iter_mut().for_each(|v| *v = 0.0);
        for i in 0..n {
            h[i * n + i] = 1.0;
        }
    };
    let mut h = vec![0.0; n * n];
    identity(&mut h);
    let mut fresh = true;
    let mut g_new = vec![0.0; n];
    let mut x_new = vec![0.0; n];
    let mut iterations = 0;
    // Every evaluation counts: a degenerate likelihood (a parameter running
    // off to infinity) must not keep the line search busy for long.
    let mut evaluations = 1;
    let mut stalled = false;
    while iterations < max_iter && evaluations < 4 * max_iter {
        if norm_inf(&g) <= tol * fx.abs().max(1.0) {
            return Minimum {
                x,
                value: fx,
                iterations,
                converged: true,
            };
        }
        if !progress(iterations, &x, fx) {
            return Minimum {
                x,
                value: fx,
                iterations,
                converged: false,
            };
        }
        iterations += 1;
        let mut p: Vec<f64> = (0..n)
            .map(|i| -(0..n).map(|j| h[i * n + j] * g[j]).sum::<f64>())
            .collect();
        let mut slope: f64 = p.iter().zip(&g).map(|(a, b)| a * b).sum();
        if slope >= 0.0 || !slope.is_finite() {
            identity(&mut h);
            fresh = true;
            p = g.iter().map(|v| -v).collect();
            slope = -g.iter().map(|v| v * v).sum::<f64>();
        }
        // First step of a fresh (identity) metric: at most a unit move.
        let mut step = if fresh {
            1.0 / norm_inf(&p).max(1.0)
        } else {
            1.0
        };
        let mut accepted = false;
        let mut f_new = fx;
        for _ in 0..40 {
            for i in 0..n {
                x_new[i] = x[i] + step * p[i];
            }
            f_new = finite_or_inf(f(&x_new, &mut g_new));
            evaluations += 1;
            if f_new <= fx + 1e-4 * step * slope && g_new.iter().all(|v| v.is_finite()) {
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if !accepted || f_new >= fx && !fresh {
            if fresh {
                stalled = true;
                break;
            }
            identity(&mut h);
            fresh = true;
            continue;
        }
        let s: Vec<f64> = (0..n).map(|i| x_new[i] - x[i]).collect();
        let y: Vec<f64> = (0..n).map(|i| g_new[i] - g[i]).collect();
        let sy: f64 = s.iter().zip(&y).map(|(a, b)| a * b).sum();
        let improvement = fx - f_new;
        x.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        fx = f_new;
        if sy > 1e-12 {
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
            let rho = 1.0 / sy;
            let hy: Vec<f64> = (0..n)
                .map(|i| (0..n).map(|j| h[i * n + j] * y[j]).sum())
                .collect();
            let yhy: f64 = y.iter().zip(&hy).map(|(a, b)| a * b).sum();
            for i in 0..n {
                for j in 0..n {
                    h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j])
                        + (rho * rho * yhy + rho) * s[i] * s[j];
                }
            }
            fresh = false;
        }
        if improvement <= 1e-15 * fx.abs().max(1.0) {
            stalled = true;
            break;
        }
    }
    // Stalled within a whisker of the test: the objective's own rounding (a
    // sum over many customers) is what stops it, not the landscape.
    let scale = fx.abs().max(1.0);
    let converged = norm_inf(&g) <= tol * scale || stalled && norm_inf(&g) <= 1e3 * tol * scale;
    if converged || !polish {
        return Minimum {
            x,
            value: fx,
            iterations,
            converged,
        };
    }
    // Stuck: let the simplex method polish from the best point.
    let mut plain = |p: &[f64]| {
        let mut scratch = vec![0.0; p.len()];
        f(p, &mut scratch)
    };
    let mut m = nelder_mead(&mut plain, &x, 0.1, 1e-12, 100 * n);
    m.iterations += iterations;
    if m.value > fx {
        return Minimum {
            x,
            value: fx,
            iterations: m.iterations,
            converged: false,
        };
    }
    m
}

/// Where a log-parameter has run off: past e^±20 the likelihood is still
/// rising towards a boundary (a gamma's heterogeneity collapsing, a dropout
/// probability vanishing) and the data cannot pin the parameter down. The
/// fit stops there, not converged, and is reported as failed.
pub const RUNAWAY: f64 = 20.0;

/// Maximum likelihood on log-parameters θ with [`bfgs`]: `ll(θ, grad)` returns
/// the log-likelihood and writes its gradient in θ. A step past |θ| > 30
/// (a parameter beyond e^±30) counts as +∞ (a path may pass beyond
/// [`RUNAWAY`] and come back: the caller judges where it ends). The
/// result's `value` is −LL. None when `progress(iteration)` cancels or
/// no finite likelihood is found.
pub fn max_likelihood(
    ll: &mut WithGradient,
    theta0: &[f64],
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<Minimum> {
    max_likelihood_until(ll, theta0, progress, &mut |_, _| true, true).map(|(m, _)| m)
}

/// [`max_likelihood`], also stopping when `go_on(θ, −LL)` says no at an
/// iterate; the flag says whether that stopped it.
fn max_likelihood_until(
    ll: &mut WithGradient,
    theta0: &[f64],
    progress: &mut dyn FnMut(usize) -> bool,
    go_on: &mut dyn FnMut(&[f64], f64) -> bool,
    polish: bool,
) -> Option<(Minimum, bool)> {
    let mut objective = |theta: &[f64], g: &mut [f64]| {
        if theta.iter().any(|v| !v.is_finite() || v.abs() > 30.0) {
            return f64::INFINITY;
        }
        let value = ll(theta, g);
        g.iter_mut().for_each(|v| *v = -*v);
        -value
    };
    let (mut cancelled, mut ran_off) = (false, false);
    let m = bfgs(
        &mut objective,
        theta0,
        1e-9,
        400,
        &mut |i, theta, value| {
            if !go_on(theta, value) {
                ran_off = true;
                return false;
            }
            let go = progress(i);
            cancelled |= !go;
            go
        },
        polish,
    );
    (!cancelled && m.value.is_finite()).then_some((m, ran_off))
}

/// f(θ), with its gradient by central differences written into `g` (step
/// 1e-6 · max(1, |θᵢ|)): for the likelihoods without a hand-written gradient.
pub fn central_gradient(f: &dyn Fn(&[f64]) -> f64, theta: &[f64], g: &mut [f64]) -> f64 {
    let mut at = theta.to_vec();
    for i in 0..theta.len() {
        let h = 1e-6 * theta[i].abs().max(1.0);
        at[i] = theta[i] + h;
        let up = f(&at);
        at[i] = theta[i] - h;
        let down = f(&at);
        at[i] = theta[i];
        g[i] = (up - down) / (2.0 * h);
    }
    f(theta)
}

/// A model fitted by maximum likelihood.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate<P> {
    /// The maximum-likelihood parameters.
    pub params: P,
    /// The log-likelihood there.
    pub ll: f64,
    /// Optimiser iterations.
    pub iterations: usize,
    /// Whether the optimiser's convergence test passed.
    pub converged: bool,
    /// Whether the fit was stopped running off towards a boundary (a
    /// log-parameter past [`RUNAWAY`], or a flat ridge: see [`fit_numeric`]).
    pub ran_off: bool,
    /// The Hessian of ln L in the log-parameters at the estimate, on the
    /// customers it was fitted to, when the fit computed it (its last
    /// Newton step: [`crate::forecast::newton::fit_warm`]).
    pub hessian: Option<[f64; 16]>,
}

/// Four positive parameters, fitted on their logarithms.
pub trait FourParams: Copy {
    /// From log-parameters.
    fn from_log(theta: &[f64]) -> Self;
    /// To log-parameters.
    fn to_log(&self) -> [f64; 4];
}

/// Maximum likelihood for a model without a hand-written gradient: BFGS on
/// the mean log-likelihood `ll(p) / n` (gradients of order one, so the first
/// steps stay near the data) with a central-difference gradient, from
/// `theta0`. None when cancelled or nothing finite is found.
///
/// An iterate past [`RUNAWAY`] ends the fit as run off, and so does a flat
/// ridge: when over the last
/// [`RIDGE_ITERATIONS`] iterations some log-parameter moved by more than 1
/// (a factor e) while the whole log-likelihood rose by less than
/// [`RIDGE_GAIN`] — the data cannot tell those values apart (a likelihood
/// ratio far below any test's threshold), and following the ridge out to
/// the [`RUNAWAY`] bound would cost hundreds of iterations. So does a fit
/// with a log-parameter [`FAR_FROM_START`] that is still heading out (by
/// more than ½ over those iterations), or that stalls unconverged there. No simplex polish follows a
/// stall: a central-difference gradient that cannot improve means a ridge
/// or noise, and the fit is reported as not converged.
pub fn fit_numeric<P: FourParams>(
    ll: &dyn Fn(&P) -> f64,
    n: f64,
    theta0: [f64; 4],
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<Estimate<P>> {
    let mean = |theta: &[f64]| ll(&P::from_log(theta)) / n;
    fit_guarded(
        &mut |theta, g| central_gradient(&mean, theta, g),
        n,
        theta0,
        progress,
    )
}

/// [`fit_numeric`]'s guarded fit with a hand-written gradient:
/// `mean_ll(θ, grad)` returns the *mean* log-likelihood (ll / n) and writes
/// its gradient in θ.
pub fn fit_guarded<P: FourParams>(
    mean_ll: &mut WithGradient,
    n: f64,
    theta0: [f64; 4],
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<Estimate<P>> {
    let mut history: Vec<([f64; 4], f64)> = Vec::new();
    let mut on_ridge = |theta: &[f64], value: f64| {
        if theta.iter().any(|v| v.abs() > RUNAWAY) {
            return false;
        }
        let here = [theta[0], theta[1], theta[2], theta[3]];
        history.push((here, -value * n));
        let Some((then, ll_then)) = history
            .len()
            .checked_sub(RIDGE_ITERATIONS + 1)
            .map(|i| history[i])
        else {
            return true;
        };
        let moved = (0..4).any(|i| (here[i] - then[i]).abs() > 1.0);
        // Far from the start and still heading out: following it further
        // only confirms what is already known.
        let heading_out = (0..4).any(|i| {
            (here[i] - theta0[i]).abs() > FAR_FROM_START
                && (here[i] - theta0[i]).abs() - (then[i] - theta0[i]).abs() > 0.5
        });
        !(moved && -value * n - ll_then < RIDGE_GAIN || heading_out)
    };
    let (m, on_the_ridge) = max_likelihood_until(mean_ll, &theta0, progress, &mut on_ridge, false)?;
    // Stalled unconverged far from the data's own scale: run off as well.
    let far = (0..4).any(|i| (m.x[i] - theta0[i]).abs() > FAR_FROM_START);
    let ran_off = on_the_ridge || !m.converged && far;
    Some(Estimate {
        params: P::from_log(&m.x),
        ll: -m.value * n,
        iterations: m.iterations,
        converged: m.converged && !ran_off,
        ran_off,
        hessian: None,
    })
}

/// How far (in log-parameters: a factor of about 3,000) from the start
/// [`fit_numeric`] counts a stalled, unconverged fit as run off. The start
/// is the data's own scale (r = s = 1, α = β = the mean time between
/// purchases).
pub const FAR_FROM_START: f64 = 8.0;

/// Iterations over which [`fit_numeric`] looks for a flat ridge.
pub const RIDGE_ITERATIONS: usize = 10;

/// The log-likelihood gain below which an e-fold move counts as a flat ridge.
pub const RIDGE_GAIN: f64 = 0.5;

/// [`standard_errors`] of a four-parameter estimate, in its parameters' order.
pub fn standard_errors_of<P: FourParams>(
    e: &Estimate<P>,
    ll: &dyn Fn(&P) -> f64,
) -> Option<[f64; 4]> {
    let se = standard_errors(&|t| ll(&P::from_log(t)), &e.params.to_log())?;
    Some([se[0], se[1], se[2], se[3]])
}

/// A log-likelihood with its gradient in the log-parameters, as the models
/// with hand-written gradients give it: `ll_grad(p, grad)` returns ln L.
pub type LlGradient<'a, P> = dyn Fn(&P, &mut [f64; 4]) -> f64 + 'a;

/// [`fit_guarded`] on the mean of a model's `ll_grad` over `n` customers.
pub fn fit_with_gradient<P: FourParams>(
    ll_grad: &LlGradient<P>,
    n: f64,
    theta0: [f64; 4],
    progress: &mut dyn FnMut(usize) -> bool,
) -> Option<Estimate<P>> {
    fit_guarded(
        &mut |theta, g| {
            let mut d = [0.0; 4];
            let ll = ll_grad(&P::from_log(theta), &mut d);
            for (gi, di) in g.iter_mut().zip(d) {
                *gi = di / n;
            }
            ll / n
        },
        n,
        theta0,
        progress,
    )
}

/// Standard errors at `p` from a model's `ll_grad` (observed information
/// from the gradient, delta method), in the parameters' order.
pub fn standard_errors_with_gradient<P: FourParams>(
    p: &P,
    ll_grad: &LlGradient<P>,
) -> Option<[f64; 4]> {
    let grad = |theta: &[f64], g: &mut [f64]| {
        let mut d = [0.0; 4];
        ll_grad(&P::from_log(theta), &mut d);
        g.copy_from_slice(&d);
    };
    let se = standard_errors_from_gradient(&grad, &p.to_log())?;
    Some([se[0], se[1], se[2], se[3]])
}

/// [`standard_errors`] from an analytic gradient of the log-likelihood in θ:
/// the Hessian by central differences of the gradient (2n gradient
/// evaluations instead of 2n² + 1 likelihoods), symmetrised.
pub fn standard_errors_from_gradient(
    grad: &dyn Fn(&[f64], &mut [f64]),
    theta: &[f64],
) -> Option<Vec<f64>> {
    se_from_covariance(&covariance_from_gradient(grad, theta)?, theta)
}

/// The covariance of the log-parameters θ̂ (the inverse observed
/// information, as in [`standard_errors_from_gradient`]), row-major; None
/// when the information is not positive definite.
pub fn covariance_from_gradient(
    grad: &dyn Fn(&[f64], &mut [f64]),
    theta: &[f64],
) -> Option<Vec<f64>> {
    let n = theta.len();
    let mut info = vec![0.0; n * n];
    let (mut up, mut down) = (vec![0.0; n], vec![0.0; n]);
    let mut at = theta.to_vec();
    for j in 0..n {
        let h = 1e-5 * theta[j].abs().max(1.0);
        at[j] = theta[j] + h;
        grad(&at, &mut up);
        at[j] = theta[j] - h;
        grad(&at, &mut down);
        at[j] = theta[j];
        for i in 0..n {
            info[i * n + j] = -(up[i] - down[i]) / (2.0 * h);
        }
    }
    for i in 0..n {
        for j in i + 1..n {
            let m = 0.5 * (info[i * n + j] + info[j * n + i]);
            info[i * n + j] = m;
            info[j * n + i] = m;
        }
    }
    covariance_from_information(&info, n)
}

/// Standard errors of a maximum-likelihood estimate from the observed
/// information (as lifetimes' `summary` does): the Hessian of the
/// log-likelihood in the log-parameters θ at θ̂ by central differences,
/// inverted; SE(θᵢ) = √[(−H)⁻¹]ᵢᵢ, and by the delta method SE(pᵢ) = pᵢ·SE(θᵢ)
/// for pᵢ = e^θᵢ. None when the information is not positive definite (a
/// flat or non-converged likelihood: no honest interval exists).
pub fn standard_errors(ll: &dyn Fn(&[f64]) -> f64, theta: &[f64]) -> Option<Vec<f64>> {
    se_from_covariance(&covariance(ll, theta)?, theta)
}

/// The covariance of the log-parameters θ̂ from likelihoods alone (as in
/// [`standard_errors`]), row-major; None when not positive definite.
pub fn covariance(ll: &dyn Fn(&[f64]) -> f64, theta: &[f64]) -> Option<Vec<f64>> {
    let n = theta.len();
    let h: Vec<f64> = theta.iter().map(|t| 1e-4 * t.abs().max(1.0)).collect();
    let at = |d: &[(usize, f64)]| {
        let mut p = theta.to_vec();
        for &(i, s) in d {
            p[i] += s * h[i];
        }
        ll(&p)
    };
    let f0 = ll(theta);
    let mut info = vec![0.0; n * n];
    for i in 0..n {
        for j in i..n {
            let v = if i == j {
                (at(&[(i, 1.0)]) - 2.0 * f0 + at(&[(i, -1.0)])) / (h[i] * h[i])
            } else {
                (at(&[(i, 1.0), (j, 1.0)])
                    - at(&[(i, 1.0), (j, -1.0)])
                    - at(&[(i, -1.0), (j, 1.0)])
                    + at(&[(i, -1.0), (j, -1.0)]))
                    / (4.0 * h[i] * h[j])
            };
            info[i * n + j] = -v;
            info[j * n + i] = -v;
        }
    }
    covariance_from_information(&info, n)
}

/// I⁻¹ from the observed information I in θ = ln p, when every variance is
/// positive and finite.
pub(crate) fn covariance_from_information(info: &[f64], n: usize) -> Option<Vec<f64>> {
    let inverse = invert(info, n)?;
    (0..n)
        .all(|i| inverse[i * n + i].is_finite() && inverse[i * n + i] > 0.0)
        .then_some(inverse)
}

/// SE(pᵢ) = pᵢ · √Σᵢᵢ from the covariance Σ of θ = ln p (delta method).
fn se_from_covariance(cov: &[f64], theta: &[f64]) -> Option<Vec<f64>> {
    let n = theta.len();
    Some(
        (0..n)
            .map(|i| cov[i * n + i].sqrt() * theta[i].exp())
            .collect(),
    )
}

/// The inverse of an n × n matrix (row-major) by Gauss–Jordan elimination
/// with partial pivoting; None when singular.
fn invert(m: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut a = m.to_vec();
    let mut inv = vec![0.0; n * n];
    for i in 0..n {
        inv[i * n + i] = 1.0;
    }
    for col in 0..n {
        let pivot =
            (col..n).max_by(|&x, &y| a[x * n + col].abs().total_cmp(&a[y * n + col].abs()))?;
        let size = a[pivot * n + col].abs();
        if size.is_nan() || size <= 1e-300 {
            return None;
        }
        for k in 0..n {
            a.swap(col * n + k, pivot * n + k);
            inv.swap(col * n + k, pivot * n + k);
        }
        let d = a[col * n + col];
        for k in 0..n {
            a[col * n + k] /= d;
            inv[col * n + k] /= d;
        }
        for row in 0..n {
            if row != col {
                let f = a[row * n + col];
                for k in 0..n {
                    a[row * n + k] -= f * a[col * n + k];
                    inv[row * n + k] -= f * inv[col * n + k];
                }
            }
        }
    }
    Some(inv)
}

/// Nelder–Mead from `x0` with an initial simplex of side `scale`. Converged
/// when the simplex's values differ by ≤ `tol` · max(1, |f|) and its points by ≤ 1e-9.
pub fn nelder_mead(
    f: &mut dyn FnMut(&[f64]) -> f64,
    x0: &[f64],
    scale: f64,
    tol: f64,
    max_iter: usize,
) -> Minimum {
    let n = x0.len();
    let mut pts: Vec<Vec<f64>> = (0..=n)
        .map(|i| {
            let mut p = x0.to_vec();
            if i > 0 {
                p[i - 1] += scale;
            }
            p
        })
        .collect();
    let mut vals: Vec<f64> = pts.iter().map(|p| finite_or_inf(f(p))).collect();
    let mut iterations = 0;
    let mut converged = false;
    while iterations < max_iter {
        iterations += 1;
        let mut order: Vec<usize> = (0..=n).collect();
        order.sort_by(|&a, &b| vals[a].total_cmp(&vals[b]));
        pts = order.iter().map(|&i| pts[i].clone()).collect();
        vals = order.iter().map(|&i| vals[i]).collect();
        let spread = (vals[n] - vals[0]).abs();
        let size = pts[1..]
            .iter()
            .flat_map(|p| p.iter().zip(&pts[0]).map(|(a, b)| (a - b).abs()))
            .fold(0.0f64, f64::max);
        if vals[0].is_finite() && spread <= tol * vals[0].abs().max(1.0) && size <= 1e-9 {
            converged = true;
            break;
        }
        let centroid: Vec<f64> = (0..n)
            .map(|j| pts[..n].iter().map(|p| p[j]).sum::<f64>() / n as f64)
            .collect();
        let along = |t: f64| -> Vec<f64> {
            (0..n)
                .map(|j| centroid[j] + t * (pts[n][j] - centroid[j]))
                .collect()
        };
        let r = along(-1.0);
        let fr = finite_or_inf(f(&r));
        if fr < vals[0] {
            let e = along(-2.0);
            let fe = finite_or_inf(f(&e));
            (pts[n], vals[n]) = if fe < fr { (e, fe) } else { (r, fr) };
        } else if fr < vals[n - 1] {
            (pts[n], vals[n]) = (r, fr);
        } else {
            let c = if fr < vals[n] {
                along(-0.5)
            } else {
                along(0.5)
            };
            let fc = finite_or_inf(f(&c));
            if fc < vals[n].min(fr) {
                (pts[n], vals[n]) = (c, fc);
            } else {
                for i in 1..=n {
                    pts[i] = (0..n)
                        .map(|j| pts[0][j] + 0.5 * (pts[i][j] - pts[0][j]))
                        .collect();
                    vals[i] = finite_or_inf(f(&pts[i]));
                }
            }
        }
    }
    let best = (0..=n)
        .min_by(|&a, &b| vals[a].total_cmp(&vals[b]))
        .unwrap_or(0);
    Minimum {
        x: pts[best].clone(),
        value: vals[best],
        iterations,
        converged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rosenbrock(x: &[f64], g: &mut [f64]) -> f64 {
        let (a, b) = (x[0], x[1]);
        g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
        g[1] = 200.0 * (b - a * a);
        (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
    }

    #[test]
    fn bfgs_finds_the_rosenbrock_minimum() {
        let m = bfgs(
            &mut rosenbrock,
            &[-1.2, 1.0],
            1e-9,
            500,
            &mut |_, _, _| true,
            true,
        );
        assert!(m.converged, "{m:?}");
        assert!(
            (m.x[0] - 1.0).abs() < 1e-6 && (m.x[1] - 1.0).abs() < 1e-6,
            "{m:?}"
        );
    }

    #[test]
    fn nelder_mead_finds_the_rosenbrock_minimum() {
        let mut f = |x: &[f64]| rosenbrock(x, &mut [0.0; 2]);
        let m = nelder_mead(&mut f, &[-1.2, 1.0], 0.5, 1e-14, 5000);
        assert!(m.converged, "{m:?}");
        assert!(
            (m.x[0] - 1.0).abs() < 1e-5 && (m.x[1] - 1.0).abs() < 1e-5,
            "{m:?}"
        );
    }

    #[test]
    fn non_finite_objectives_never_give_nan() {
        // Infinite almost everywhere; the minimisers must stay finite.
        let mut f = |x: &[f64], g: &mut [f64]| {
            g.iter_mut().for_each(|v| *v = f64::NAN);
            if x[0] > 0.5 {
                f64::NAN
            } else {
                x[0] * x[0]
            }
        };
        let m = bfgs(&mut f, &[0.0, 0.0], 1e-9, 50, &mut |_, _, _| true, true);
        assert!(m.x.iter().all(|v| v.is_finite()));
        assert!(!m.value.is_nan());
    }
}
