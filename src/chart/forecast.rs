//! Charts of the Forecasts panel: histograms, the holdout tracking chart,
//! the sBG survival projection, and frequency × recency grids (HTML tables
//! with the heatmap's colour classes). Pure drawing: the words arrive as
//! labels, the numbers from [`crate::forecast`].

use std::fmt::Write as _;

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use super::curves::Fmt;
use super::frame::{legend, nice_ticks, render, text_style, Frame, Swatch};
use super::heatmap::seq_bucket;
use super::palette::{BLUE, MUTED, VERMILLION};
use super::xml_escape;
use crate::forecast::predict::Grid;

pub struct Labels<'a> {
    /// X-axis title.
    pub x_title: &'a str,
    /// Y-axis title.
    pub y_title: &'a str,
    /// Series names (data, model), where the chart has two.
    pub series: [&'a str; 2],
    /// The model's band's name (empty: no band in the legend).
    pub band: &'a str,
    /// Formats y values.
    pub y: Fmt<'a>,
}

/// Bars of `counts` with a label under each (every label when few, else some).
pub fn histogram_svg(bars: &[(String, f64)], labels: &Labels, size: (u32, u32)) -> String {
    let n = bars.len().max(1);
    let hi = bars.iter().map(|b| b.1).fold(0.0f64, f64::max).max(1.0);
    let ticks = nice_ticks(0.0, hi, 4);
    let top = ticks.last().copied().unwrap_or(hi).max(hi);
    let frame = Frame::new(size, 64, 44, (0.0, n as f64), (0.0, top));
    render(size, |root| {
        frame.y_axis(root, &ticks, labels.y, labels.y_title)?;
        for (i, (_, v)) in bars.iter().enumerate() {
            let x = i as f64;
            frame.rect(root, (x + 0.1, 0.0), (x + 0.9, *v), BLUE.filled())?;
        }
        let step = n.div_ceil(10).max(1);
        let x_labels: Vec<(f64, String)> = bars
            .iter()
            .enumerate()
            .step_by(step)
            .map(|(i, b)| (i as f64 + 0.5, b.0.clone()))
            .collect();
        frame.x_axis(root, &x_labels, labels.x_title)
    })
}

/// Cumulative repeat purchases by unit since the first day: the data (blue)
/// and the model (vermillion), with the calibration end marked.
pub fn tracking_svg(
    tracking: &[(f64, f64, f64)],
    band: &[(f64, f64, f64)],
    calibration_at: f64,
    calibration_label: &str,
    labels: &Labels,
    size: (u32, u32),
) -> String {
    let x_hi = tracking.last().map_or(1.0, |t| t.0).max(1.0);
    let hi = tracking
        .iter()
        .map(|t| t.1.max(t.2))
        .chain(band.iter().map(|b| b.2))
        .fold(0.0f64, f64::max)
        .max(1.0);
    let ticks = nice_ticks(0.0, hi, 5);
    let top = ticks.last().copied().unwrap_or(hi).max(hi);
    let frame = Frame::new(size, 64, 44, (0.0, x_hi), (0.0, top));
    render(size, |root| {
        frame.y_axis(root, &ticks, labels.y, labels.y_title)?;
        let cal = calibration_at.clamp(0.0, x_hi);
        frame.line(root, &[(cal, 0.0), (cal, top)], MUTED.stroke_width(1))?;
        frame.text(
            root,
            (cal, top),
            (4, 4),
            calibration_label.to_string(),
            text_style(HPos::Left, VPos::Top, MUTED),
        )?;
        let actual: Vec<(f64, f64)> = tracking.iter().map(|t| (t.0, t.1)).collect();
        let model: Vec<(f64, f64)> = tracking.iter().map(|t| (t.0, t.2)).collect();
        if !band.is_empty() {
            // The model's 95 % interval: out along the upper edge, back along the lower.
            let outline: Vec<(f64, f64)> = band
                .iter()
                .map(|b| (b.0, b.2))
                .chain(band.iter().rev().map(|b| (b.0, b.1)))
                .collect();
            frame.area(root, &outline, VERMILLION.mix(0.22).filled())?;
        }
        frame.line(root, &actual, BLUE.stroke_width(3))?;
        frame.line(root, &model, VERMILLION.stroke_width(2))?;
        let mut entries = vec![
            (Swatch::Line(BLUE), labels.series[0]),
            (Swatch::Line(VERMILLION), labels.series[1]),
        ];
        if !band.is_empty() && !labels.band.is_empty() {
            entries.push((Swatch::Band(VERMILLION), labels.band));
        }
        legend(root, (frame.left + 12, frame.top + 4), &entries)?;
        let x_ticks: Vec<(f64, String)> = nice_ticks(0.0, x_hi, 6)
            .into_iter()
            .filter(|v| *v <= x_hi)
            .map(|v| (v, format!("{v}")))
            .collect();
        frame.x_axis(root, &x_ticks, labels.x_title)
    })
}

/// sBG: observed survival shares (dots, periods 0..) and the projection S(t)
/// (line, periods 0..=n); the retention rate r(t) observed (hollow) and
/// projected (thin line).
pub fn survival_svg(
    observed: &[f64],
    projected: &[f64],
    retention: &[f64],
    labels: &Labels,
    size: (u32, u32),
) -> String {
    let n = projected.len().max(2) - 1;
    let frame = Frame::new(size, 52, 44, (0.0, n as f64), (0.0, 1.0));
    render(size, |root| {
        frame.y_axis(root, &nice_ticks(0.0, 1.0, 5), labels.y, labels.y_title)?;
        let line: Vec<(f64, f64)> = projected
            .iter()
            .enumerate()
            .map(|(t, v)| (t as f64, *v))
            .collect();
        frame.line(root, &line, VERMILLION.stroke_width(3))?;
        let rate: Vec<(f64, f64)> = retention
            .iter()
            .enumerate()
            .map(|(t, v)| (t as f64 + 1.0, *v))
            .collect();
        frame.line(root, &rate, MUTED.stroke_width(2))?;
        for (t, v) in observed.iter().enumerate() {
            frame.dot(root, (t as f64, *v), 4, BLUE.filled())?;
            if t > 0 && observed[t - 1] > 0.0 {
                frame.dot(
                    root,
                    (t as f64, v / observed[t - 1]),
                    4,
                    BLUE.stroke_width(2),
                )?;
            }
        }
        legend(
            root,
            (frame.left + 12, frame.top + 4),
            &[
                (Swatch::Dot(BLUE), labels.series[0]),
                (Swatch::Line(VERMILLION), labels.series[1]),
            ],
        )?;
        let step = n.div_ceil(12).max(1);
        let ticks: Vec<(f64, String)> = (0..=n)
            .step_by(step)
            .map(|t| (t as f64, t.to_string()))
            .collect();
        frame.x_axis(root, &ticks, labels.x_title)
    })
}

/// Words of a grid table.
pub struct GridLabels<'a> {
    /// Caption.
    pub caption: &'a str,
    /// Header of the row labels (repeat purchases x).
    pub rows: &'a str,
    /// Header over the columns (recency t_x).
    pub columns: &'a str,
    /// Formats a cell.
    pub value: Fmt<'a>,
    /// Formats a recency.
    pub recency: Fmt<'a>,
}

/// A frequency × recency grid as an HTML table, colour by value / max.
/// Cells carry `data-x`, `data-recency` and `data-value`.
pub fn grid_html(g: &Grid, testid: &str, labels: &GridLabels) -> String {
    let max = g
        .values
        .iter()
        .copied()
        .fold(0.0f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let cols = g.recency.len();
    let mut out = String::with_capacity(60 * g.values.len() + 512);
    let _ = write!(
        out,
        "<table class=\"heatmap\" data-testid=\"{testid}\"><caption>{}</caption><thead><tr><th scope=\"col\">{} \\ {}</th>",
        xml_escape(labels.caption),
        xml_escape(labels.rows),
        xml_escape(labels.columns)
    );
    for r in &g.recency {
        let _ = write!(
            out,
            "<th scope=\"col\">{}</th>",
            xml_escape(&(labels.recency)(*r))
        );
    }
    out.push_str("</tr></thead><tbody>");
    for (i, x) in g.frequency.iter().enumerate() {
        let _ = write!(out, "<tr><th scope=\"row\">{x}</th>");
        for (j, r) in g.recency.iter().enumerate() {
            let v = g.values.get(i * cols + j).copied().unwrap_or(0.0);
            let bucket = seq_bucket(v / max);
            let _ = write!(
                out,
                "<td class=\"h{bucket}\" data-x=\"{x}\" data-recency=\"{r}\" data-value=\"{v}\">{}</td>",
                xml_escape(&(labels.value)(v))
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels<'a>(f: Fmt<'a>) -> Labels<'a> {
        Labels {
            x_title: "x",
            y_title: "y",
            series: ["data", "model"],
            band: "",
            y: f,
        }
    }

    #[test]
    fn charts_are_svg_and_survive_empty_input() {
        let f = |v: f64| format!("{v:.0}");
        let l = labels(&f);
        for svg in [
            histogram_svg(&[("0".into(), 3.0), ("1".into(), 5.0)], &l, (400, 200)),
            histogram_svg(&[], &l, (400, 200)),
            tracking_svg(
                &[(0.0, 0.0, 0.0), (10.0, 5.0, 6.0)],
                &[(0.0, 0.0, 0.0), (10.0, 5.5, 6.5)],
                5.0,
                "end",
                &l,
                (400, 200),
            ),
            tracking_svg(&[], &[], 5.0, "end", &l, (400, 200)),
            survival_svg(&[1.0, 0.6], &[1.0, 0.62, 0.5], &[0.62, 0.8], &l, (400, 200)),
            survival_svg(&[], &[], &[], &l, (400, 200)),
        ] {
            assert!(svg.contains("<svg") && svg.contains("</svg>"), "{svg}");
        }
    }

    #[test]
    fn grid_cells_carry_their_numbers() {
        let g = Grid {
            t: 10.0,
            frequency: vec![0, 1],
            recency: vec![2.5, 7.5],
            values: vec![1.0, 1.0, 0.25, 0.5],
        };
        let f = |v: f64| format!("{v}");
        let html = grid_html(
            &g,
            "alive-grid",
            &GridLabels {
                caption: "c",
                rows: "x",
                columns: "t<sub>x</sub>",
                value: &f,
                recency: &f,
            },
        );
        assert_eq!(html.matches("<td").count(), 4);
        assert!(html.contains("data-x=\"1\" data-recency=\"7.5\" data-value=\"0.5\""));
        assert!(html.contains("t&lt;sub&gt;x"));
    }
}
