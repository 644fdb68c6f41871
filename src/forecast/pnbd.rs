//! Pareto/NBD (Schmittlein, Morrison & Colombo 1987), with the likelihood
//! as in Fader, Hardie & Lee's note "A Note on Implementing the Pareto/NBD
//! Model in MATLAB" (2005), eq. (19).
//!
//! While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α);
//! their lifetime is exponential with rate μ ~ Gamma(s, β). Same summary as
//! BG/NBD: x repeat purchases, the last at t_x, observed for T.
//!
//! Numerically stable for large x and for z near 1: the Gauss
//! hypergeometric functions of the likelihood, ₂F₁(r+s+x, ·; r+s+x+1; z),
//! are taken through Euler's transformation to ₂F₁(1, ·; r+s+x+1; z)
//! ([`ln_hyp2f1_one`]: series, continued fraction or the 1 − z connection,
//! accurate and in bounded time for every z < 1), and everything is summed
//! in logs. (A capped series with a tail bound, used before, over-stated the
//! likelihood near z = 1 and led the optimiser off to r ≈ 3·10⁴, β ≈ 10⁻⁸.)

use crate::forecast::bgnbd::{self, Customer};
use crate::forecast::special::{ln_gamma, ln_hyp2f1_one, ln_hyp2f1_one_grad};
use crate::forecast::{newton, optimize};

/// The four Pareto/NBD parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Shape of the purchase-rate gamma.
    pub r: f64,
    /// Scale of the purchase-rate gamma (in units).
    pub alpha: f64,
    /// Shape of the dropout-rate gamma.
    pub s: f64,
    /// Scale of the dropout-rate gamma (in units).
    pub beta: f64,
}

/// A fitted model.
pub type Estimate = optimize::Estimate<Params>;

/// ln of A₀'s two terms, at t = t_x and t = T (the note's eq. 19, through
/// Euler's transformation).
fn ln_a0_term(p: &Params, x: f64, t: f64) -> f64 {
    let Params { r, alpha, s, beta } = *p;
    let a = r + s + x;
    // For α ≥ β: ₂F₁(a, s+1; a+1; z) = (1−z)^(−s) ₂F₁(1, r+x; a+1; z), z = (α−β)/(α+t);
    // for α < β: ₂F₁(a, r+x; a+1; z) = (1−z)^(1−r−x) ₂F₁(1, s+1; a+1; z), z = (β−α)/(β+t).
    // 1 − z is formed directly: near z = 1 it is what the value hangs on.
    if alpha >= beta {
        let (z, w) = ((alpha - beta) / (alpha + t), (beta + t) / (alpha + t));
        -s * w.ln() + ln_hyp2f1_one(r + x, a + 1.0, z, w) - a * (alpha + t).ln()
    } else {
        let (z, w) = ((beta - alpha) / (beta + t), (alpha + t) / (beta + t));
        (1.0 - r - x) * w.ln() + ln_hyp2f1_one(s + 1.0, a + 1.0, z, w) - a * (beta + t).ln()
    }
}

/// [`ln_a0_term`] and its gradient in (r, α, s, β), by the chain rule
/// through [`ln_hyp2f1_one_grad`]'s derivatives in (b, c, z).
fn ln_a0_term_grad(p: &Params, x: f64, t: f64) -> (f64, [f64; 4]) {
    let Params { r, alpha, s, beta } = *p;
    let a = r + s + x;
    if alpha >= beta {
        // b = r + x, c = a + 1, z = (α−β)/(α+t), w = (β+t)/(α+t).
        let (at, bt) = (alpha + t, beta + t);
        let (z, w) = ((alpha - beta) / at, bt / at);
        let (f, [fb, fc, fz]) = ln_hyp2f1_one_grad(r + x, a + 1.0, z, w);
        let (ln_w, ln_at) = (w.ln(), at.ln());
        let v = -s * ln_w + f - a * ln_at;
        let d = [
            fb + fc - ln_at,
            s / at + fz * bt / (at * at) - a / at,
            -ln_w + fc - ln_at,
            -s / bt - fz / at,
        ];
        (v, d)
    } else {
        // b = s + 1, c = a + 1, z = (β−α)/(β+t), w = (α+t)/(β+t).
        let (at, bt) = (alpha + t, beta + t);
        let (z, w) = ((beta - alpha) / bt, at / bt);
        let (f, [fb, fc, fz]) = ln_hyp2f1_one_grad(s + 1.0, a + 1.0, z, w);
        let (ln_w, ln_bt) = (w.ln(), bt.ln());
        let k = 1.0 - r - x;
        let v = k * ln_w + f - a * ln_bt;
        let d = [
            -ln_w + fc - ln_bt,
            k / at - fz / bt,
            fb + fc - ln_bt,
            -k / bt + fz * at / (bt * bt) - a / bt,
        ];
        (v, d)
    }
}

impl Params {
    /// ln L for one customer.
    pub fn ln_likelihood(&self, x: u32, t_x: f64, t: f64) -> f64 {
        let Params { r, alpha, s, beta } = *self;
        let xf = x as f64;
        let head = ln_gamma(r + xf) - ln_gamma(r) + r * alpha.ln() + s * beta.ln();
        let l1 = -(r + xf) * (alpha + t).ln() - s * (beta + t).ln();
        let (l2, l3) = (ln_a0_term(self, xf, t_x), ln_a0_term(self, xf, t));
        combine(head, l1, l2, l3, s / (r + s + xf))
    }

    /// P(alive | x, t_x, T) = 1 / (1 + (s/(r+s+x)) (α+T)^(r+x) (β+T)^s A₀).
    pub fn p_alive(&self, x: u32, t_x: f64, t: f64) -> f64 {
        let Params { r, alpha, s, beta } = *self;
        let xf = x as f64;
        let (l2, l3) = (ln_a0_term(self, xf, t_x), ln_a0_term(self, xf, t));
        let ln_a0 = l2 + (-(l3 - l2).exp()).ln_1p();
        let odds =
            (s / (r + s + xf)).ln() + (r + xf) * (alpha + t).ln() + s * (beta + t).ln() + ln_a0;
        let p = 1.0 / (1.0 + odds.exp());
        if p.is_finite() {
            p.clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// E[purchases in (T, T + h] | x, t_x, T] (Schmittlein et al. 1987):
    /// (r+x)(β+T) / ((α+T)(s−1)) · (1 − ((β+T)/(β+T+h))^(s−1)) · P(alive).
    /// For s ≤ 1 the mean is still finite for a finite h (the limit is taken).
    pub fn expected(&self, h: f64, x: u32, t_x: f64, t: f64) -> f64 {
        if h <= 0.0 {
            return 0.0;
        }
        let Params { r, alpha, s, beta } = *self;
        let ratio = ((beta + t) / (beta + t + h)).ln();
        let shape = if (s - 1.0).abs() < 1e-9 {
            -ratio
        } else {
            (1.0 - ((s - 1.0) * ratio).exp()) / (s - 1.0)
        };
        let v = (r + x as f64) * (beta + t) / (alpha + t) * shape * self.p_alive(x, t_x, t);
        if v.is_finite() {
            v.max(0.0)
        } else {
            0.0
        }
    }
}

/// The log-likelihood of the customers under `p`.
pub fn log_likelihood(p: &Params, customers: &[Customer]) -> f64 {
    Shared::of(customers).log_likelihood(p, customers)
}

/// The distinct (x, t) of the A₀ terms, and per customer the index of its
/// (x, t_x) and (x, T) among them.
type Keys = (Vec<(u32, f64)>, Vec<(u32, u32)>);

/// Per shared time, (ln, 1/) of α + t and of β + t.
type SharedLogs = (Vec<(f64, f64)>, Vec<(f64, f64)>);

/// What the customers share, found once per fit: the A₀ term depends on
/// (x, t) only, and many customers have the same (x, t_x) — every x = 0
/// has t_x = 0 — or the same (x, T). Each customer points at its two
/// distinct terms, so a likelihood evaluates each ₂F₁ once.
struct Shared {
    /// The distinct (x, t) of both terms.
    keys: Vec<(u32, f64)>,
    /// Per customer: the index of its (x, t_x) and of its (x, T) in `keys`.
    at: Vec<(u32, u32)>,
    /// The largest x (ln Γ(r + x) − ln Γ(r) is tabulated up to it).
    max_x: u32,
    /// The customers' shared times, when they share them (whole days).
    times: Option<bgnbd::TimeIndex>,
}

impl Shared {
    fn of(customers: &[Customer]) -> Shared {
        let times = bgnbd::TimeIndex::of(customers);
        let max_x = customers.iter().map(|c| c.x).max().unwrap_or(0);
        let (keys, at) = times
            .as_ref()
            .and_then(|t| Self::dense_keys(customers, t, max_x))
            .unwrap_or_else(|| Self::sorted_keys(customers));
        Shared {
            keys,
            at,
            max_x,
            times,
        }
    }

    /// The distinct (x, t) by sorting, each customer's found by search.
    fn sorted_keys(customers: &[Customer]) -> Keys {
        let mut keys: Vec<(u32, u64)> = customers
            .iter()
            .flat_map(|c| [(c.x, c.t_x.to_bits()), (c.x, c.t.to_bits())])
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let index = |x: u32, t: f64| keys.binary_search(&(x, t.to_bits())).unwrap_or(0) as u32;
        let at = customers
            .iter()
            .map(|c| (index(c.x, c.t_x), index(c.x, c.t)))
            .collect();
        (
            keys.iter().map(|&(x, t)| (x, f64::from_bits(t))).collect(),
            at,
        )
    }

    /// The distinct (x, t) through a direct table of x × the shared times'
    /// indices, when that table is not larger than a few per customer.
    fn dense_keys(customers: &[Customer], times: &bgnbd::TimeIndex, max_x: u32) -> Option<Keys> {
        let width = times.len();
        let size = (max_x as usize + 1).checked_mul(width)?;
        if size > 4 * customers.len() + 1024 {
            return None;
        }
        let mut slot = vec![u32::MAX; size];
        let mut keys = Vec::new();
        let mut key = |x: u32, i: u32, t: f64| {
            let s = &mut slot[x as usize * width + i as usize];
            if *s == u32::MAX {
                *s = keys.len() as u32;
                keys.push((x, t));
            }
            *s
        };
        let at = customers
            .iter()
            .enumerate()
            .map(|(n, c)| {
                let (ix, it) = times.indices(n);
                (key(c.x, ix, c.t_x), key(c.x, it, c.t))
            })
            .collect();
        Some((keys, at))
    }

    /// (ln, 1/) of α + t and of β + t per shared time, when times are shared.
    fn shared_logs(&self, alpha: f64, beta: f64) -> Option<SharedLogs> {
        self.times.as_ref().map(|t| (t.logs(alpha), t.logs(beta)))
    }

    /// Customer i's (ln(α + T), 1/(α + T)) and (ln(β + T), 1/(β + T)):
    /// looked up in `logs` (from [`Self::shared_logs`]), else computed.
    #[inline]
    fn at_t(
        &self,
        logs: Option<&SharedLogs>,
        i: usize,
        c: &Customer,
        alpha: f64,
        beta: f64,
    ) -> [(f64, f64); 2] {
        match (&self.times, logs) {
            (Some(t), Some((la, lb))) => {
                let (a, b) = (t.get(la, i), t.get(lb, i));
                [(a.0, a.1), (b.0, b.1)]
            }
            _ => [
                ((alpha + c.t).ln(), 1.0 / (alpha + c.t)),
                ((beta + c.t).ln(), 1.0 / (beta + c.t)),
            ],
        }
    }

    /// Σ weight · ln L, the same sum as [`Params::ln_likelihood`] per customer.
    fn log_likelihood(&self, p: &Params, customers: &[Customer]) -> f64 {
        let Params { r, alpha, s, beta } = *p;
        let terms: Vec<f64> = self
            .keys
            .iter()
            .map(|&(x, t)| ln_a0_term(p, x as f64, t))
            .collect();
        let lg_r = ln_gamma(r);
        let lead: Vec<f64> = (0..=self.max_x)
            .map(|x| ln_gamma(r + x as f64) - lg_r)
            .collect();
        let tail = r * alpha.ln() + s * beta.ln();
        let logs = self.shared_logs(alpha, beta);
        customers
            .iter()
            .zip(&self.at)
            .enumerate()
            .map(|(i, (c, &(i2, i3)))| {
                let xf = c.x as f64;
                let head = lead[c.x as usize] + tail;
                let [(ln_at, _), (ln_bt, _)] = self.at_t(logs.as_ref(), i, c, alpha, beta);
                let l1 = -(r + xf) * ln_at - s * ln_bt;
                let (l2, l3) = (terms[i2 as usize], terms[i3 as usize]);
                c.weight * combine(head, l1, l2, l3, s / (r + s + xf))
            })
            .sum()
    }

    /// [`Shared::log_likelihood`] and its gradient in the log-parameters
    /// (ln r, ln α, ln s, ln β).
    fn ll_and_gradient(&self, p: &Params, customers: &[Customer], grad: &mut [f64; 4]) -> f64 {
        let s = self.sums::<false>(p, customers);
        *grad = s.grad;
        s.ll
    }

    /// ln L, gradient and Hessian in the log-parameters.
    fn second(&self, p: &Params, customers: &[Customer]) -> newton::Second {
        self.sums::<true>(p, customers)
    }

    /// One pass: ln L and its gradient, with `HESS` its Hessian. Per
    /// customer ln L = head + ln Q, Q = e^l1 + ω (e^l2 − e^l3): with
    /// u = e^l2 ∇l2 − e^l3 ∇l3,
    /// ∇Q = e^l1 ∇l1 + (e^l2 − e^l3) ∇ω + ω u and
    /// ∇²Q = e^l1 (∇²l1 + ∇l1 ∇l1ᵀ) + (e^l2 − e^l3) ∇²ω + ∇ω uᵀ + u ∇ωᵀ
    ///       + ω [e^l2 (∇²l2 + ∇l2 ∇l2ᵀ) − e^l3 (∇²l3 + ∇l3 ∇l3ᵀ)],
    /// ∇² ln Q = ∇²Q / Q − (∇Q / Q)(∇Q / Q)ᵀ. The A₀ terms' own Hessians
    /// (∇²l2, ∇²l3) are central differences of their analytic gradients,
    /// once per distinct (x, t); everything else is analytic.
    fn sums<const HESS: bool>(&self, p: &Params, customers: &[Customer]) -> newton::Second {
        let Params { r, alpha, s, beta } = *p;
        let terms: Vec<(f64, [f64; 4])> = self
            .keys
            .iter()
            .map(|&(x, t)| ln_a0_term_grad(p, x as f64, t))
            .collect();
        // Per key, the sum of the weights its curvature enters ∇²Q/Q with:
        // added up over the customers, applied once per key after them.
        let mut key_weight = vec![0.0f64; if HESS { self.keys.len() } else { 0 }];
        let lg_r = ln_gamma(r);
        // Per x: ln Γ(r+x) − ln Γ(r) (as `log_likelihood` has it),
        // ψ(r+x) − ψ(r) = Σ_{j<x} 1/(r+j), ψ′(r) − ψ′(r+x) = Σ 1/(r+j)²;
        // ω = s/(r+s+x), its gradient (in r and s) and Hessian (rr, rs, ss).
        let mut per_x = Vec::with_capacity(self.max_x as usize + 1);
        let (mut psi, mut psi1) = (0.0f64, 0.0f64);
        for x in 0..=self.max_x {
            let xf = f64::from(x);
            if x > 0 {
                let v = 1.0 / (r + xf - 1.0);
                psi += v;
                psi1 += v * v;
            }
            let total = r + s + xf;
            let (t2, t3) = (total * total, total * total * total);
            per_x.push(PerX {
                lead: ln_gamma(r + xf) - lg_r,
                psi,
                psi1,
                omega: s / total,
                d_omega: [-s / t2, 0.0, (r + xf) / t2, 0.0],
                h_omega: [2.0 * s / t3, (s - r - xf) / t3, -2.0 * (r + xf) / t3],
            });
        }
        let (ln_alpha, ln_beta) = (alpha.ln(), beta.ln());
        let tail = r * ln_alpha + s * ln_beta;
        let mut g = [0.0f64; 4];
        let mut h = newton::Sym::default();
        let mut ll = 0.0;
        // Σ weight and Σ weight · (ψ′(r) − ψ′(r+x)): the head's Hessian.
        let (mut weights, mut weighted_psi1) = (0.0f64, 0.0f64);
        let logs = self.shared_logs(alpha, beta);
        for (i, (c, &(i2, i3))) in customers.iter().zip(&self.at).enumerate() {
            let xf = c.x as f64;
            let k = &per_x[c.x as usize];
            let head = k.lead + tail;
            let d_head = [k.psi + ln_alpha, r / alpha, ln_beta, s / beta];
            let [(ln_at, inv_at), (ln_bt, inv_bt)] = self.at_t(logs.as_ref(), i, c, alpha, beta);
            let l1 = -(r + xf) * ln_at - s * ln_bt;
            let d_l1 = [-ln_at, -(r + xf) * inv_at, -ln_bt, -s * inv_bt];
            let (l2, d_l2) = &terms[i2 as usize];
            let (l3, d_l3) = &terms[i3 as usize];
            let (omega, d_omega) = (k.omega, k.d_omega);
            // Q = e^(l1−m) + ω (e^(l2−m) − e^(l3−m)), m = max(l1, l2): one
            // of the first two is 1, and e^(l3−m) = e^(l2−m) (1 + expm1(l3−l2)).
            let m = l1.max(*l2);
            let (e1, e2) = if l1 >= *l2 {
                (1.0, (l2 - l1).exp())
            } else {
                ((l1 - l2).exp(), 1.0)
            };
            let em1 = (l3 - l2).exp_m1();
            let (a0, e3) = (-e2 * em1, e2 * (1.0 + em1));
            let q = e1 + omega * a0;
            let inv_q = 1.0 / q;
            let wt = c.weight;
            ll += wt * (head + m + q.ln());
            let u: [f64; 4] = std::array::from_fn(|k| e2 * d_l2[k] - e3 * d_l3[k]);
            let dq: [f64; 4] =
                std::array::from_fn(|k| (e1 * d_l1[k] + d_omega[k] * a0 + omega * u[k]) * inv_q);
            for k in 0..4 {
                g[k] += wt * (d_head[k] + dq[k]);
            }
            if HESS {
                let wq = wt * inv_q;
                weights += wt;
                weighted_psi1 += wt * k.psi1;
                // e^l1 (∇²l1 + ∇l1 ∇l1ᵀ).
                h.add(0, 1, -wq * e1 * inv_at);
                h.add(1, 1, wq * e1 * (r + xf) * inv_at * inv_at);
                h.add(2, 3, -wq * e1 * inv_bt);
                h.add(3, 3, wq * e1 * s * inv_bt * inv_bt);
                h.add_outer(wq * e1, &d_l1);
                // (e^l2 − e^l3) ∇²ω, ∇ω uᵀ + u ∇ωᵀ.
                let wa = wq * a0;
                h.add(0, 0, wa * k.h_omega[0]);
                h.add(0, 2, wa * k.h_omega[1]);
                h.add(2, 2, wa * k.h_omega[2]);
                h.add_sym_outer(wq, &d_omega, &u);
                key_weight[i2 as usize] += wq * omega * e2;
                key_weight[i3 as usize] -= wq * omega * e3;
                h.add_outer(-wt, &dq);
            }
        }
        if HESS {
            // head: ψ′(r+x) − ψ′(r), r ln α, s ln β.
            h.add(0, 0, -weighted_psi1);
            h.add(0, 1, weights / alpha);
            h.add(1, 1, -weights * r / (alpha * alpha));
            h.add(2, 3, weights / beta);
            h.add(3, 3, -weights * s / (beta * beta));
        }
        for ((&(x, t), (_, d)), &w) in self.keys.iter().zip(&terms).zip(&key_weight) {
            if w != 0.0 {
                h.add_scaled(w, &a0_curvature(p, x as f64, t, d));
            }
        }
        newton::in_logs([r, alpha, s, beta], ll, g, &h)
    }
}

/// What [`Shared::sums`] needs of each x.
struct PerX {
    lead: f64,
    psi: f64,
    psi1: f64,
    omega: f64,
    d_omega: [f64; 4],
    h_omega: [f64; 3],
}

/// ∇²l + ∇l ∇lᵀ of an A₀ term l = [`ln_a0_term`] at (x, t), in (r, α, s, β),
/// given its gradient `d`: the Hessian by central differences of
/// [`ln_a0_term_grad`] (steps 10⁻⁴ of each parameter: in the 1 − z
/// corner that gradient is itself a difference), symmetrised.
fn a0_curvature(p: &Params, x: f64, t: f64, d: &[f64; 4]) -> newton::Sym {
    let base = [p.r, p.alpha, p.s, p.beta];
    let at = |v: [f64; 4]| Params {
        r: v[0],
        alpha: v[1],
        s: v[2],
        beta: v[3],
    };
    let mut rows = [[0.0f64; 4]; 4];
    for (j, row) in rows.iter_mut().enumerate() {
        let step = 1e-4 * base[j];
        let (mut up, mut down) = (base, base);
        up[j] += step;
        down[j] -= step;
        let (gu, gd) = (
            ln_a0_term_grad(&at(up), x, t).1,
            ln_a0_term_grad(&at(down), x, t).1,
        );
        for i in 0..4 {
            row[i] = (gu[i] - gd[i]) / (2.0 * step);
        }
    }
    let mut m = newton::Sym::default();
    for (i, row) in rows.iter().enumerate() {
        for (j, other) in rows.iter().enumerate().skip(i) {
            m.add(i, j, 0.5 * (row[j] + other[i]));
        }
    }
    m.add_outer(1.0, d);
    m
}

/// ln L from its parts: head + ln(e^l1 + w (e^l2 − e^l3)), in the scale of
/// the larger of l1 and l2 (A₀ = e^l2 − e^l3 ≥ 0: the integrand is positive).
fn combine(head: f64, l1: f64, l2: f64, l3: f64, w: f64) -> f64 {
    let m = l1.max(l2);
    let a0 = (l2 - m).exp() * -(l3 - l2).exp_m1();
    head + m + ((l1 - m).exp() + w * a0).ln()
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
            s: theta[2].exp(),
            beta: theta[3].exp(),
        }
    }

    fn to_log(&self) -> [f64; 4] {
        [self.r.ln(), self.alpha.ln(), self.s.ln(), self.beta.ln()]
    }
}

/// Maximum likelihood in log-parameters from r = s = 1 and α = β = ΣT / Σ(x + 1)
/// (the BG/NBD start: the time unit only rescales α and β), by BFGS on the
/// mean log-likelihood with its analytic gradient ([`ll_and_gradient`]: one
/// pass carrying the ₂F₁'s derivatives, where a central-difference gradient
/// took eight likelihoods), guarded against running off
/// ([`optimize::fit_guarded`]); on many patterns from a subsample's optimum
/// by Newton steps ([`newton::fit_warm`]). None without customers or when
/// cancelled.
pub fn fit(customers: &[Customer], progress: &mut dyn FnMut(usize) -> bool) -> Option<Estimate> {
    let n: f64 = customers.iter().map(|c| c.weight).sum();
    if customers.is_empty() || n.is_nan() || n <= 0.0 {
        return None;
    }
    let shared = std::cell::OnceCell::new();
    newton::fit_warm(
        customers,
        &fit_bfgs,
        &|p| {
            shared
                .get_or_init(|| Shared::of(customers))
                .second(p, customers)
        },
        progress,
    )
}

/// [`fit`] by guarded BFGS on every customer.
fn fit_bfgs(customers: &[Customer], progress: &mut dyn FnMut(usize) -> bool) -> Option<Estimate> {
    let n: f64 = customers.iter().map(|c| c.weight).sum();
    let shared = Shared::of(customers);
    let s = bgnbd::ln_scale(customers);
    optimize::fit_with_gradient(
        &|p, g| shared.ll_and_gradient(p, customers, g),
        n,
        [0.0, s, 0.0, s],
        progress,
    )
}

/// The log-likelihood and its gradient in (ln r, ln α, ln s, ln β).
pub fn ll_and_gradient(p: &Params, customers: &[Customer], grad: &mut [f64; 4]) -> f64 {
    Shared::of(customers).ll_and_gradient(p, customers, grad)
}

/// Standard errors (observed information from the Hessian, delta method),
/// in the order r, α, s, β.
pub fn standard_errors(e: &Estimate, customers: &[Customer]) -> Option<[f64; 4]> {
    let hess = newton::hessian_at(e, |p| Shared::of(customers).second(p, customers));
    newton::standard_errors(&e.params, &hess)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::special::hyp2f1;

    /// Customers and points for the derivative checks: both branches
    /// (α ≥ β and α < β), the series and the fraction, and z near 1 (a
    /// long-observed customer with α far from β).
    fn checked_points() -> (Vec<Customer>, [[f64; 4]; 4]) {
        let mut cs = crate::testing::gradient_customers();
        cs.push(Customer {
            x: 2,
            t_x: 1.0,
            t: 4000.0,
            weight: 1.0,
        });
        let thetas = [
            [-0.4f64, 1.2, -0.3, 0.8],
            [0.5, 2.0, 1.5, -1.0],
            [-0.6, 2.4, -0.2, 2.4],
            [0.1, -3.0, 0.3, 6.0],
        ];
        (cs, thetas)
    }

    #[test]
    fn hessian_matches_differences_of_the_gradient() {
        use optimize::FourParams;
        let (cs, thetas) = checked_points();
        for theta in thetas {
            let s = Shared::of(&cs).second(&Params::from_log(&theta), &cs);
            // The last: α ≪ β, where a customer without repeats is in
            // ₂F₁'s 1 − z corner and its gradient a difference of values.
            let rel = if theta[1] < 0.0 { 1e-4 } else { 1e-5 };
            crate::testing::assert_hessian(&theta, &s.hess, rel, |t| {
                let mut g = [0.0; 4];
                ll_and_gradient(&Params::from_log(t), &cs, &mut g);
                g
            });
        }
    }

    #[test]
    fn dense_and_sorted_keys_give_the_same_likelihood() {
        use optimize::FourParams;
        let cs = crate::testing::many_patterns(3000);
        let dense = Shared::of(&cs);
        let (keys, at) = Shared::sorted_keys(&cs);
        assert_eq!(keys.len(), dense.keys.len());
        let sorted = Shared {
            keys,
            at,
            max_x: dense.max_x,
            times: None,
        };
        let p = Params::from_log(&[-0.6, 2.4, -0.2, 2.4]);
        let (a, b) = (dense.second(&p, &cs), sorted.second(&p, &cs));
        crate::assert_close!(a.ll, b.ll, rel 1e-12);
        for k in 0..4 {
            crate::assert_close!(a.grad[k], b.grad[k], rel 1e-9);
        }
    }

    #[test]
    fn the_warm_start_finds_the_full_fit() {
        newton::assert_warm_start_finds_the_full_fit(&fit_bfgs, &|p, cs| {
            Shared::of(cs).second(p, cs)
        });
    }

    #[test]
    fn gradient_matches_finite_differences() {
        use optimize::FourParams;
        let (cs, thetas) = checked_points();
        for theta in thetas {
            let mut g = [0.0; 4];
            let ll = ll_and_gradient(&Params::from_log(&theta), &cs, &mut g);
            crate::assert_close!(ll, log_likelihood(&Params::from_log(&theta), &cs), rel 1e-10);
            crate::testing::assert_gradient(&theta, &g, |t| {
                log_likelihood(&Params::from_log(t), &cs)
            });
        }
    }

    /// Fader, Hardie & Lee's note (2005): the CDNOW sample, 39 weeks.
    const NOTE: Params = Params {
        r: 0.553,
        alpha: 10.578,
        s: 0.606,
        beta: 11.669,
    };

    #[test]
    fn euler_transformation_matches_the_direct_series() {
        // Where the plain series converges quickly the two forms agree.
        for (p, x, t) in [
            (NOTE, 2.0, 30.43),
            (
                Params {
                    alpha: 20.0,
                    ..NOTE
                },
                5.0,
                12.0,
            ),
        ] {
            let a = p.r + p.s + x;
            let direct = if p.alpha >= p.beta {
                let z = (p.alpha - p.beta) / (p.alpha + t);
                hyp2f1(a, p.s + 1.0, a + 1.0, z).ln() - a * (p.alpha + t).ln()
            } else {
                let z = (p.beta - p.alpha) / (p.beta + t);
                hyp2f1(a, p.r + x, a + 1.0, z).ln() - a * (p.beta + t).ln()
            };
            crate::assert_close!(ln_a0_term(&p, x, t), direct, rel 1e-12);
        }
    }

    #[test]
    fn likelihood_near_z_one_is_not_overstated() {
        // Where an optimiser once ran off to (a capped series over-stated ln L
        // there as +14): ln L by mpmath's quadrature of the likelihood's
        // integral form at 30 digits (breakpoints log-spaced from t_x).
        let p = Params {
            r: 33_743.673_292_537_1,
            alpha: 243_178.850_002_791_1,
            s: 0.004_271_338_488_263_627,
            beta: 2.167_384_817_507_078_5e-8,
        };
        for (x, t_x, t, want) in [
            (0, 0.0, 10.0, -1.181_123_476_315_306_5),
            (0, 0.0, 50.0, -2.538_335_168_700_606),
            (3, 20.0, 50.0, -12.881_438_900_414_453),
            (10, 40.0, 60.0, -28.158_497_546_647_002),
        ] {
            crate::assert_close!(p.ln_likelihood(x, t_x, t), want, rel 1e-8);
        }
    }

    #[test]
    fn a_fit_running_off_along_a_ridge_stops_and_says_so() {
        // Clockwork buyers (one purchase every 4 weeks while alive, everyone
        // alike): the purchase-rate gamma's heterogeneity collapses, r and α
        // run off together. The fit stops early, not converged, run off.
        let customers: Vec<Customer> = (0..400)
            .map(|i| {
                let t = 20.0 + (i % 40) as f64;
                let life = t * ((i * 37 % 100) as f64 / 100.0);
                let x = (life / 4.0).floor() as u32;
                Customer {
                    x,
                    t_x: 4.0 * x as f64,
                    t,
                    weight: 1.0,
                }
            })
            .collect();
        let e = fit(&customers, &mut |_| true).unwrap();
        assert!(e.ran_off && !e.converged, "{e:?}");
        assert!(e.iterations < 80, "{e:?}");
    }

    #[test]
    fn likelihood_stays_finite_for_heavy_buyers() {
        let p = Params {
            r: 0.5,
            alpha: 0.01,
            s: 2.0,
            beta: 500.0,
        };
        for x in [0, 1, 50, 500, 5000] {
            let ll = p.ln_likelihood(x, 30.0, 39.0);
            assert!(ll.is_finite(), "x = {x}: {ll}");
            let alive = p.p_alive(x, 30.0, 39.0);
            assert!((0.0..=1.0).contains(&alive), "x = {x}: {alive}");
        }
    }

    #[test]
    fn cdnow_reproduces_the_published_estimates() {
        let customers = crate::testing::cdnow_customers();
        let e = fit(&customers, &mut |_| true).unwrap();
        let p = e.params;
        // Fader, Hardie & Lee (2005), the MATLAB note: r = 0.553, α = 10.578,
        // s = 0.606, β = 11.669, LL = −9594.98.
        assert_eq!(
            format!(
                "{:.3} {:.3} {:.3} {:.3} {:.2}",
                p.r, p.alpha, p.s, p.beta, e.ll
            ),
            "0.553 10.578 0.606 11.669 -9594.98"
        );
        crate::assert_close!(log_likelihood(&NOTE, &customers), -9594.98, 0.05);
        // CLVTools' test_correctness_pnbd (observed information): SE r 0.0476,
        // α 0.843, s 0.187, β 6.21 (β's likelihood is flat: its SE is large).
        let se = standard_errors(&e, &customers).unwrap();
        for (got, want) in se.iter().zip([0.0476264, 0.8427222, 0.1872594, 6.2105448]) {
            assert!((got / want - 1.0).abs() < 0.02, "{got} vs {want}");
        }
    }
}
