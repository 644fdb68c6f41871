//! The pure core: formulas, the scenario and its share-link form.
//!
//! Nothing here imports a web crate; everything is tested with `cargo test`.

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
