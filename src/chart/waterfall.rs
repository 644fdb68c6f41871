//! The chain as a waterfall: B, −C, V, −E, S (points).

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use super::frame::{nice_ticks, render, text_style, Frame};
use super::palette::{BLUE, GREEN, INK, PURPLE, VERMILLION};
use crate::calculator::chain::ValueChain;

/// Words the chart shows, supplied by the caller in the page language.
pub struct WaterfallLabels<'a> {
    /// Bar names in order B, −C, V, −E, S.
    pub bars: [&'a str; 5],
    /// Y-axis caption (unit).
    pub axis: &'a str,
    /// Formats a point value for the labels on the bars and the axis.
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
    /// A running total (B, V, S) rather than a step (−C, −E).
    pub total: bool,
}

/// The five bars: B from 0, −C from B down to V, V from 0, −E from V down to
/// S, S from 0.
pub fn bars(chain: &ValueChain) -> [Bar; 5] {
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
pub fn waterfall_svg(chain: &ValueChain, labels: &WaterfallLabels, size: (u32, u32)) -> String {
    let bars = bars(chain);
    let lo = bars.iter().map(|b| b.from.min(b.to)).fold(0.0f64, f64::min);
    let hi = bars
        .iter()
        .map(|b| b.from.max(b.to))
        .fold(100.0f64, f64::max);
    let ticks = nice_ticks(lo, hi, 5);
    let y0 = lo.min(ticks[0]) - if lo < 0.0 { (hi - lo) * 0.06 } else { 0.0 };
    let frame = Frame::new(size, 52, 30, (0.0, 5.0), (y0, hi + (hi - lo) * 0.1));
    render(size, |root| {
        frame.y_axis(root, &ticks, labels.number, labels.axis)?;
        for (i, bar) in bars.iter().enumerate() {
            let colour = match (bar.total, bar.amount >= 0.0, i) {
                (true, _, 0) => BLUE,
                (true, true, _) => GREEN,
                (true, false, _) => PURPLE,
                (false, _, _) => VERMILLION,
            };
            let x = i as f64;
            frame.rect(
                root,
                (x + 0.18, bar.from),
                (x + 0.82, bar.to),
                colour.filled(),
            )?;
            frame.text(
                root,
                (x + 0.5, bar.from.max(bar.to)),
                (0, -4),
                (labels.number)(bar.amount),
                text_style(HPos::Center, VPos::Bottom, INK),
            )?;
        }
        // Zero line, so negative totals read as below zero.
        frame.line(root, &[(0.0, 0.0), (5.0, 0.0)], INK.stroke_width(1))?;
        let names: Vec<(f64, String)> = labels
            .bars
            .iter()
            .enumerate()
            .map(|(i, n)| (i as f64 + 0.5, n.to_string()))
            .collect();
        frame.x_axis(root, &names, "")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calculator::chain::evaluate;

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
