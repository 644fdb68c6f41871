//! Text formats: the share link (`link`), saved scenarios (`saved`), the CSV
//! and JSON exports (`export`) and their small JSON writer (`json`), number
//! parsing without the standard library's float tables (`decimal`), an
//! import's result as exact text (`wire`) and the worker's protocol
//! (`protocol`). Every reader is total: bad text gives a value with a notice,
//! an error, or None — never a panic.
//!
//! May import: the values it writes (calculator, simulator, import, forecast
//! options) and `i18n::Lang` codes. Never a web crate.

pub mod decimal;
pub mod export;
pub mod json;
pub mod link;
pub mod protocol;
pub mod saved;
pub mod wire;
