//! Text formats.

pub mod decimal;
pub mod export;
pub mod json;
pub mod link;
pub mod protocol;
pub mod saved;
pub mod wire;
