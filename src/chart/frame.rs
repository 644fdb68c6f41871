//! A plotting frame: maps model coordinates to pixels and draws the axes,
//! grid and labels with plotters elements on the SVG backend.
//!
//! Axes are drawn here rather than with plotters' mesh because the mesh
//! measures every label, which in the browser means a forced layout per
//! label; with explicit anchors the SVG needs no measuring at all.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::{GRID, INK, MUTED};

/// The drawing surface of one chart.
pub type Root<'a> = DrawingArea<SVGBackend<'a>, Shift>;
/// A drawing error (writing into a String never fails in practice).
pub type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// Font size given to plotters (it renders at about 0.8 of this in px).
pub const FONT: f64 = 16.0;

/// Renders a chart of `size` pixels into an SVG string.
pub fn render(size: (u32, u32), draw: impl FnOnce(&Root) -> DrawResult) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        // Drawing into a String cannot fail; never panic if it somehow does.
        let _ = draw(&root).and_then(|_| root.present());
    }
    svg
}

/// A text style anchored at (h, v), in `colour`.
pub fn text_style(h: HPos, v: VPos, colour: RGBColor) -> TextStyle<'static> {
    ("sans-serif", FONT)
        .into_font()
        .color(&colour)
        .pos(Pos::new(h, v))
}

/// The plotting box of a chart and its linear scales.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// Pixel box: left, top, right, bottom.
    pub left: i32,
    /// Top edge, px.
    pub top: i32,
    /// Right edge, px.
    pub right: i32,
    /// Bottom edge, px.
    pub bottom: i32,
    /// Model x range (left, right edges).
    pub x: (f64, f64),
    /// Model y range (bottom, top edges).
    pub y: (f64, f64),
}

impl Frame {
    /// A frame in a chart of `size` with room for axis labels on the left
    /// (`left` px) and bottom (`bottom` px).
    pub fn new(size: (u32, u32), left: i32, bottom: i32, x: (f64, f64), y: (f64, f64)) -> Frame {
        let widen = |(a, b): (f64, f64)| if b > a { (a, b) } else { (a, a + 1.0) };
        Frame {
            left,
            top: 14,
            right: size.0 as i32 - 14,
            bottom: size.1 as i32 - bottom,
            x: widen(x),
            y: widen(y),
        }
    }

    /// Pixel position of a model point (not clamped).
    pub fn px(&self, x: f64, y: f64) -> (i32, i32) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (
            (self.left as f64 + fx * (self.right - self.left) as f64).round() as i32,
            (self.bottom as f64 - fy * (self.bottom - self.top) as f64).round() as i32,
        )
    }

    /// Horizontal grid lines with labels at `ticks`, the axis line, and the
    /// y title written vertically at the far left.
    pub fn y_axis(
        &self,
        root: &Root,
        ticks: &[f64],
        label: &dyn Fn(f64) -> String,
        title: &str,
    ) -> DrawResult {
        for &t in ticks {
            let (_, py) = self.px(self.x.0, t);
            root.draw(&PathElement::new(
                vec![(self.left, py), (self.right, py)],
                GRID.stroke_width(1),
            ))?;
            root.draw(&Text::new(
                label(t),
                (self.left - 6, py),
                text_style(HPos::Right, VPos::Center, INK),
            ))?;
        }
        if !title.is_empty() {
            let style =
                text_style(HPos::Center, VPos::Top, MUTED).transform(FontTransform::Rotate270);
            root.draw(&Text::new(
                title.to_string(),
                (2, (self.top + self.bottom) / 2),
                style,
            ))?;
        }
        Ok(())
    }

    /// The x axis line, labels at the given model x positions, and the title
    /// under them.
    pub fn x_axis(&self, root: &Root, labels: &[(f64, String)], title: &str) -> DrawResult {
        root.draw(&PathElement::new(
            vec![(self.left, self.bottom), (self.right, self.bottom)],
            INK.stroke_width(1),
        ))?;
        for (x, text) in labels {
            let (px, _) = self.px(*x, self.y.0);
            root.draw(&Text::new(
                text.clone(),
                (px, self.bottom + 6),
                text_style(HPos::Center, VPos::Top, INK),
            ))?;
        }
        if !title.is_empty() {
            let mid = (self.left + self.right) / 2;
            root.draw(&Text::new(
                title.to_string(),
                (mid, self.bottom + 24),
                text_style(HPos::Center, VPos::Top, MUTED),
            ))?;
        }
        Ok(())
    }

    /// A filled rectangle between two model corners.
    pub fn rect(&self, root: &Root, a: (f64, f64), b: (f64, f64), style: ShapeStyle) -> DrawResult {
        root.draw(&Rectangle::new(
            [self.px(a.0, a.1), self.px(b.0, b.1)],
            style,
        ))
    }

    /// A polyline through model points.
    pub fn line(&self, root: &Root, points: &[(f64, f64)], style: ShapeStyle) -> DrawResult {
        root.draw(&PathElement::new(
            points
                .iter()
                .map(|&(x, y)| self.px(x, y))
                .collect::<Vec<_>>(),
            style,
        ))
    }

    /// A filled polygon through model points (a band: the upper edge out,
    /// the lower edge back).
    pub fn area(&self, root: &Root, points: &[(f64, f64)], style: ShapeStyle) -> DrawResult {
        root.draw(&Polygon::new(
            points
                .iter()
                .map(|&(x, y)| self.px(x, y))
                .collect::<Vec<_>>(),
            style,
        ))
    }

    /// A dot of radius `r` px at a model point.
    pub fn dot(&self, root: &Root, p: (f64, f64), r: i32, style: ShapeStyle) -> DrawResult {
        root.draw(&Circle::new(self.px(p.0, p.1), r, style))
    }

    /// Text anchored at a model point, shifted by `offset` px.
    pub fn text(
        &self,
        root: &Root,
        p: (f64, f64),
        offset: (i32, i32),
        text: String,
        style: TextStyle,
    ) -> DrawResult {
        let (x, y) = self.px(p.0, p.1);
        root.draw(&Text::new(text, (x + offset.0, y + offset.1), style))
    }
}

/// How a legend entry is marked.
#[derive(Clone, Copy)]
pub enum Swatch {
    /// A filled box (bars).
    Box(RGBColor),
    /// A dot (observed points).
    Dot(RGBColor),
    /// A thick line (a curve).
    Line(RGBColor),
    /// A pale box (an interval band).
    Band(RGBColor),
}

/// A legend at `at` (px, top left): one line per entry, a swatch and its name.
pub fn legend(root: &Root, at: (i32, i32), entries: &[(Swatch, &str)]) -> DrawResult {
    let (lx, top) = at;
    for (i, (swatch, name)) in entries.iter().enumerate() {
        let y = top + 5 + 20 * i as i32;
        match *swatch {
            Swatch::Box(c) => {
                root.draw(&Rectangle::new([(lx, y - 5), (lx + 14, y + 5)], c.filled()))?
            }
            Swatch::Dot(c) => root.draw(&Circle::new((lx + 7, y), 4, c.filled()))?,
            Swatch::Band(c) => root.draw(&Rectangle::new(
                [(lx, y - 5), (lx + 14, y + 5)],
                c.mix(0.22).filled(),
            ))?,
            Swatch::Line(c) => root.draw(&PathElement::new(
                vec![(lx, y), (lx + 14, y)],
                c.stroke_width(3),
            ))?,
        }
        root.draw(&Text::new(
            name.to_string(),
            (lx + 20, y),
            text_style(HPos::Left, VPos::Center, INK),
        ))?;
    }
    Ok(())
}

/// About `n` round tick values covering `lo..=hi` (steps of 1, 2 or 5 × 10^k).
pub fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo || n == 0 {
        return vec![lo];
    }
    let raw = (hi - lo) / n as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let span = hi - lo;
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| span / s <= n as f64 + 1.0)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        assert_eq!(
            nice_ticks(0.0, 100.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        let t = nice_ticks(0.0, 1.0, 4);
        assert_eq!(t.len(), 6);
        crate::assert_close!(t[3], 0.6);
        assert_eq!(nice_ticks(-60.0, 100.0, 4), vec![-50.0, 0.0, 50.0, 100.0]);
        assert_eq!(nice_ticks(5.0, 5.0, 4), vec![5.0]);
    }

    #[test]
    fn frame_maps_corners() {
        let f = Frame::new((200, 100), 40, 30, (0.0, 10.0), (0.0, 1.0));
        assert_eq!(f.px(0.0, 0.0), (40, 70));
        assert_eq!(f.px(10.0, 1.0), (186, 14));
    }
}
