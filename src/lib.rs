//! Repurchase Lab: why satisfied customers do not come back, and what would
//! bring them back.
//!
//! Layout, so a formula is found in seconds:
//! - [`model`]: the formulas and the scenario (pure Rust, no web crates);
//! - [`chart`]: pure functions from numbers to SVG strings (plotters);
//! - [`i18n`]: every word the page shows, in English and Simplified Chinese;
//! - `app` (wasm32 only): the Yew page, a thin shell over the above.

pub mod calculator;
pub mod chart;
pub mod forecast;
pub mod formats;
pub mod i18n;
pub mod import;
pub mod period;
pub mod simulator;
#[doc(hidden)]
pub mod testing;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod worker;
