//! Repurchase Lab: why satisfied customers do not come back, and what would
//! bring them back.
//!
//! The rooms, so a formula is found from the folder names (ARCHITECTURE.md
//! has the arrows between them and their rules):
//! - [`calculator`]: the formula chain, the scenario and every input;
//! - [`simulator`]: the retention-cohort simulator and its fit to data;
//! - [`forecast`]: the BTYD models and the report the worker draws;
//! - [`import`]: your data, from text to cohorts, by stage;
//! - [`formats`]: share link, saved scenarios, exports, the worker's wire;
//! - [`chart`]: pure functions from numbers to SVG strings (plotters);
//! - [`i18n`]: every word the page shows, in English and Simplified Chinese;
//! - [`period`]: the one period enum;
//! - `app` and `worker` (wasm32 only): the Yew page and the Web Worker, thin
//!   shells over the above. Nothing else imports a web crate.

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
pub mod workbook_worker;
#[cfg(target_arch = "wasm32")]
pub mod worker;
