//! The chain as a waterfall: B, −C, V, −E, S (points).

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::{BLUE, GREEN, GRID, INK, PURPLE, VERMILLION};
use crate::model::chain::Chain;

/// Words the chart shows, supplied by the caller in the page language.
pub struct WaterfallLabels<'a> {
    /// Bar names in order B, −C, V, −E, S.
    pub bars: [&'a str; 5],
    /// Y-axis caption (unit).
    pub axis: &'a str,
    /// Formats a point value for the labels on the bars.
    pub number: &'a dyn Fn(f64) -> String,
}

/// One bar of the waterfall: it spans `from..to` in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    /// Where the bar starts, points.
    pub from: f64,
    /// Where the bar ends, points.
    pub to: f64,
    /// The amount the bar stands for (signed, points).
    pub amount: f64,
    /// A running total (V, S) rather than a step (−C, −E).
    pub total: bool,
}

/// The five bars: B from 0, −C from B down to V, V from 0, −E from V down to
/// S, S from 0.
pub fn bars(chain: &Chain) -> [Bar; 5] {
    let step = |from: f64, amount: f64| Bar {
        from,
        to: from + amount,
        amount,
        total: false,
    };
    let total = |v: f64| Bar {
        from: 0.0,
        to: v,
        amount: v,
        total: true,
    };
    [
        total(chain.benefit),
        step(chain.benefit, -chain.cost),
        total(chain.value),
        step(chain.value, -chain.expectation),
        total(chain.satisfaction),
    ]
}

/// The waterfall as an SVG string of `size` (width, height) pixels.
pub fn waterfall_svg(chain: &Chain, labels: &WaterfallLabels, size: (u32, u32)) -> String {
    let bars = bars(chain);
    let lo = bars.iter().map(|b| b.from.min(b.to)).fold(0.0f64, f64::min);
    let hi = bars
        .iter()
        .map(|b| b.from.max(b.to))
        .fold(100.0f64, f64::max);
    let pad = (hi - lo) * 0.08;
    let (y0, y1) = (
        (lo - if lo < 0.0 { pad } else { 0.0 }).floor(),
        (hi + pad).ceil(),
    );

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        // Drawing into a String cannot fail; ignore the Result rather than panic.
        let _ = draw(&root, &bars, labels, (y0, y1));
    }
    svg
}

fn draw(
    root: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    bars: &[Bar; 5],
    labels: &WaterfallLabels,
    (y0, y1): (f64, f64),
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    let font = ("sans-serif", 16).into_font().color(&INK);
    let mut chart = ChartBuilder::on(root)
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(44)
        .build_cartesian_2d((0u32..4u32).into_segmented(), y0..y1)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(GRID.mix(0.0))
        .bold_line_style(GRID)
        .axis_style(INK)
        .x_label_style(font.clone())
        .y_label_style(font.clone())
        .y_desc(labels.axis)
        .axis_desc_style(font.clone())
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => labels
                .bars
                .get(*i as usize)
                .copied()
                .unwrap_or("")
                .to_string(),
            SegmentValue::Last => String::new(),
        })
        .y_labels(6)
        .y_label_formatter(&|y| (labels.number)(*y))
        .draw()?;

    chart.draw_series(bars.iter().enumerate().map(|(i, bar)| {
        let colour = match (bar.total, bar.amount >= 0.0, i) {
            (true, _, 0) => BLUE,
            (true, true, _) => GREEN,
            (true, false, _) => PURPLE,
            (false, _, _) => VERMILLION,
        };
        let i = i as u32;
        let mut rect = Rectangle::new(
            [
                (SegmentValue::Exact(i), bar.from),
                (SegmentValue::Exact(i + 1), bar.to),
            ],
            colour.filled(),
        );
        rect.set_margin(0, 0, 10, 10);
        rect
    }))?;

    // Zero line, so negative totals read as below zero.
    chart.draw_series(LineSeries::new(
        [(SegmentValue::Exact(0), 0.0), (SegmentValue::Last, 0.0)],
        INK.stroke_width(1),
    ))?;

    chart.draw_series(bars.iter().enumerate().map(|(i, bar)| {
        let top = bar.from.max(bar.to);
        Text::new(
            (labels.number)(bar.amount),
            (SegmentValue::CenterOf(i as u32), top),
            font.clone().pos(Pos::new(HPos::Center, VPos::Bottom)),
        )
    }))?;
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::chain::evaluate;

    fn labels() -> WaterfallLabels<'static> {
        WaterfallLabels {
            bars: ["B", "−C", "V", "−E", "S"],
            axis: "points",
            number: &|x| format!("{x}"),
        }
    }

    #[test]
    fn bars_follow_the_chain() {
        let b = bars(&evaluate(70.0, 30.0, 35.0));
        let spans: Vec<(f64, f64)> = b.iter().map(|b| (b.from, b.to)).collect();
        assert_eq!(
            spans,
            vec![
                (0.0, 70.0),
                (70.0, 40.0),
                (0.0, 40.0),
                (40.0, 5.0),
                (0.0, 5.0)
            ]
        );
    }

    #[test]
    fn svg_has_five_bars_with_their_amounts() {
        let svg = waterfall_svg(&evaluate(70.0, 30.0, 35.0), &labels(), (480, 260));
        assert!(svg.starts_with("<svg "), "{svg}");
        assert!(svg.contains("viewBox=\"0 0 480 260\""));
        for text in ["70", "-30", "40", "-35", "5", "−C", "points"] {
            let text = format!(">\n{text}\n</text>");
            assert!(svg.contains(&text), "missing {text}");
        }
        // The filled bars: one <rect> per bar in its colour.
        assert_eq!(svg.matches("fill=\"#0072B2\"").count(), 1);
        assert_eq!(svg.matches("fill=\"#D55E00\"").count(), 2);
        assert_eq!(svg.matches("fill=\"#009E73\"").count(), 2);
    }

    #[test]
    fn negative_satisfaction_changes_the_chart() {
        let good = waterfall_svg(&evaluate(70.0, 30.0, 35.0), &labels(), (480, 260));
        let bad = waterfall_svg(&evaluate(70.0, 30.0, 60.0), &labels(), (480, 260));
        assert_ne!(good, bad);
        assert_eq!(
            bad.matches("fill=\"#CC79A7\"").count(),
            1,
            "negative S is purple"
        );
        assert!(bad.contains(">\n-20\n</text>"));
    }
}
