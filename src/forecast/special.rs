//! Special functions the buy-till-you-die models need: ln Γ, ψ (digamma),
//! ln B and the Gauss hypergeometric series ₂F₁. Real arguments only, f64.

/// ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits).
/// Non-positive or NaN x gives NaN.
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    if x < 0.5 {
        // Reflection keeps the accuracy for small x: Γ(x)Γ(1−x) = π / sin(πx).
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// ψ(x) = d/dx ln Γ(x) for x > 0 (recurrence up to 10, then the asymptotic series).
pub fn digamma(mut x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    let mut acc = 0.0;
    while x < 10.0 {
        acc -= 1.0 / x;
        x += 1.0;
    }
    let f = 1.0 / (x * x);
    acc + x.ln()
        - 0.5 / x
        - f * (1.0 / 12.0 - f * (1.0 / 120.0 - f * (1.0 / 252.0 - f * (1.0 / 240.0 - f / 132.0))))
}

/// ₂F₁(a, b; c; z) by its power series, for 0 ≤ z < 1 and c > 0 (the only
/// case the models use). Sums until a term is below 1e-16 of the total (at
/// most 200,000 terms, enough for z up to 0.9998).
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 0..200_000 {
        let k = k as f64;
        term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        sum += term;
        if term.abs() <= 1e-16 * sum.abs() || !term.is_finite() {
            break;
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_gamma_matches_known_values() {
        // Γ(n) = (n−1)!, Γ(1/2) = √π; ln Γ(10.3) and ln Γ(0.1) from SciPy's gammaln.
        for (x, want) in [
            (1.0, 0.0),
            (2.0, 0.0),
            (5.0, 24f64.ln()),
            (0.5, std::f64::consts::PI.sqrt().ln()),
            (10.3, 13.482_036_786_138_359),
            (0.1, 2.252_712_651_734_206),
            (200.5, 860.582_203_509_782_4),
        ] {
            let got = ln_gamma(x);
            assert!(
                (got - want).abs() <= 1e-12 * want.abs().max(1.0),
                "{x}: {got} vs {want}"
            );
        }
        assert!(ln_gamma(0.0).is_nan() && ln_gamma(-1.0).is_nan());
    }

    #[test]
    fn digamma_is_the_derivative_of_ln_gamma() {
        // ψ(1) = −γ (Euler–Mascheroni); elsewhere a central difference.
        assert!((digamma(1.0) + 0.577_215_664_901_532_9).abs() < 1e-13);
        for x in [0.05, 0.3, 1.7, 4.2, 9.0, 55.5] {
            let h = 1e-5 * x;
            let fd = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            crate::assert_close!(digamma(x), fd, rel 1e-6, "{x}");
        }
    }

    #[test]
    fn hyp2f1_matches_closed_forms() {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z; ₂F₁(a, b; b; z) = (1 − z)^(−a).
        for z in [0.0f64, 0.1, 0.5, 0.9, 0.99] {
            let want = if z == 0.0 { 1.0 } else { -(1.0 - z).ln() / z };
            assert!((hyp2f1(1.0, 1.0, 2.0, z) - want).abs() < 1e-12 * want);
            let want = (1.0 - z).powf(-0.7);
            assert!((hyp2f1(0.7, 2.3, 2.3, z) - want).abs() < 1e-12 * want);
        }
    }
}
