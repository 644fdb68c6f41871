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
