//! Forecasting: every BTYD model (BG/NBD, Gamma-Gamma, sBG), the optimiser
//! and special functions they share, the per-customer summaries of the
//! imported rows (`summary`), fitting and predicting (`predict`) and the
//! report the worker draws (`report`). A new model goes beside `bgnbd.rs`.
//!
//! May import: `import` (the kept rows), `chart` and `i18n` (the report
//! only), `formats::decimal`. Never a web crate: it all runs natively in
//! `cargo test` and in the worker.

pub mod bands;
pub mod bgbb;
pub mod bgnbd;
pub mod compare;
pub mod compare_report;
pub mod gamma_gamma;
pub mod mbgnbd;
pub mod newton;
pub mod optimize;
pub mod pnbd;
pub mod predict;
#[cfg(test)]
mod properties;
pub mod report;
pub mod sbg;
pub mod special;
pub mod summary;
pub mod table;
