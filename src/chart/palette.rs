//! Colours: the Okabe–Ito palette, distinguishable with the common forms of
//! colour blindness.

use plotters::style::RGBColor;

/// Blue: benefit and totals that are positive.
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// Vermillion: what is subtracted (cost, expectation) and negative totals.
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
/// Bluish green: a positive result.
pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
/// Reddish purple: a negative result.
pub const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
/// Axis and text grey.
pub const INK: RGBColor = RGBColor(0x33, 0x3B, 0x45);
/// Light grid grey.
pub const GRID: RGBColor = RGBColor(0xD8, 0xDE, 0xE6);
/// Secondary text grey.
pub const MUTED: RGBColor = RGBColor(0x5B, 0x67, 0x75);
/// Sky blue: a second series.
pub const SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
/// Orange: highlights (the weakest link, the current point).
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
/// Yellow: a light zone fill.
pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
