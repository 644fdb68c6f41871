//! Forecasting.

pub mod bgnbd;
pub mod gamma_gamma;
pub mod optimize;
pub mod predict;
pub mod report;
pub mod sbg;
pub mod special;
pub mod summary;
