//! The calculator: the formula chain of SPEC §2, §3 and §6 — perceived value
//! V = B − C and satisfaction S = V − E (`chain`), the 1–5 scale and the trap
//! curve ℓ (`trap`), stickiness K(n) (`stickiness`), repurchase p(n) in both
//! lenses and the diagnosis (`repurchase`), the small tools (`tools`),
//! `calculate` (every output at once), the one `Scenario`, every input's
//! definition (`inputs`) and the presets.
//!
//! Owns the Scenario. May import: `i18n::L` (the inputs' wording), `period`.
//! Never a web crate, never another room: the simulator, the formats and the
//! page read it, not the reverse.

pub mod calculate;
pub mod chain;
pub mod inputs;
pub mod presets;
pub mod repurchase;
pub mod scenario;
pub mod stickiness;
pub mod tools;
pub mod trap;

/// Clamps `x` into `[lo, hi]`; a NaN becomes `lo`, so no NaN ever leaves the core.
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x.is_nan() {
        lo
    } else {
        x.clamp(lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::clamp;

    #[test]
    fn clamp_handles_nan_and_infinity() {
        assert_eq!(clamp(f64::NAN, 0.0, 100.0), 0.0);
        assert_eq!(clamp(f64::INFINITY, 0.0, 100.0), 100.0);
        assert_eq!(clamp(f64::NEG_INFINITY, 0.0, 100.0), 0.0);
        assert_eq!(clamp(42.5, 0.0, 100.0), 42.5);
    }
}
