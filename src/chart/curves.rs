//! The calculator's curves: the satisfaction trap, the stickiness curve,
//! p(n) by purchase count, the D/T/X bars and the journey line.

use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::frame::{legend, nice_ticks, render, text_style, Frame, Swatch};
use super::palette::{BLUE, GREEN, GRID, INK, MUTED, ORANGE, PURPLE, SKY, VERMILLION, YELLOW};
use crate::calculator::stickiness::{ATTENTION_TIER, CARE_TIER};
use crate::calculator::trap::Pchip;

/// Formats numbers for a chart (percent, points …) in the page language.
pub type Fmt<'a> = &'a dyn Fn(f64) -> String;

/// Words of the trap chart.
pub struct TrapLabels<'a> {
    /// X-axis title (satisfaction 1–5).
    pub x_title: &'a str,
    /// Y-axis title (repurchase probability).
    pub y_title: &'a str,
    /// Zone names: defection, indifference, affection.
    pub zones: [&'a str; 3],
    /// Percent formatter.
    pub percent: Fmt<'a>,
}

/// The trap curve ℓ over sat5 = 1..5 with the zones shaded (defection 1–2,
/// indifference 3–4, affection 4–5), the knots and the current point.
pub fn trap_svg(
    curve: &Pchip,
    current: (f64, f64),
    labels: &TrapLabels,
    size: (u32, u32),
) -> String {
    let frame = Frame::new(size, 52, 44, (1.0, 5.0), (0.0, 1.0));
    render(size, |root| {
        let zones = [
            ((1.0, 2.0), VERMILLION),
            ((3.0, 4.0), YELLOW),
            ((4.0, 5.0), GREEN),
        ];
        for (i, ((a, b), colour)) in zones.iter().enumerate() {
            frame.rect(root, (*a, 0.0), (*b, 1.0), colour.mix(0.12).filled())?;
            frame.text(
                root,
                ((a + b) / 2.0, 1.0),
                (0, 4),
                labels.zones[i].to_string(),
                text_style(HPos::Center, VPos::Top, MUTED),
            )?;
        }
        frame.y_axis(
            root,
            &nice_ticks(0.0, 1.0, 5),
            labels.percent,
            labels.y_title,
        )?;
        let points: Vec<(f64, f64)> = (0..=80)
            .map(|i| 1.0 + i as f64 / 20.0)
            .map(|x| (x, curve.eval(x)))
            .collect();
        frame.line(root, &points, BLUE.stroke_width(3))?;
        for (i, k) in curve.knots().iter().enumerate() {
            frame.dot(root, (i as f64 + 1.0, *k), 4, BLUE.filled())?;
        }
        frame.dot(root, current, 8, ORANGE.filled())?;
        frame.dot(root, current, 8, INK.stroke_width(2))?;
        let right = current.0 > 4.2;
        frame.text(
            root,
            current,
            (if right { -12 } else { 12 }, -10),
            (labels.percent)(current.1),
            text_style(
                if right { HPos::Right } else { HPos::Left },
                VPos::Bottom,
                INK,
            ),
        )?;
        let ticks: Vec<(f64, String)> = (1..=5).map(|i| (i as f64, i.to_string())).collect();
        frame.x_axis(root, &ticks, labels.x_title)
    })
}

/// Words of the stickiness chart.
pub struct StickinessLabels<'a> {
    /// X-axis title (purchases so far).
    pub x_title: &'a str,
    /// Y-axis title (stickiness).
    pub y_title: &'a str,
    /// Tier marks: "≥3: attention", "≥5: care", and the habit point.
    pub tiers: [&'a str; 3],
    /// Percent formatter.
    pub percent: Fmt<'a>,
}

/// K(n) for n = 1..10 with the seed-001 tiers (3rd and 5th purchase) and the
/// habit point h marked.
pub fn stickiness_svg(
    k: &[f64; 10],
    k_max: f64,
    habit: f64,
    labels: &StickinessLabels,
    size: (u32, u32),
) -> String {
    let frame = Frame::new(size, 52, 44, (0.5, 10.5), (0.0, 1.0));
    render(size, |root| {
        // The seed-001 tiers: from the 3rd purchase attention, from the 5th care.
        let (attention, care) = (ATTENTION_TIER as f64 - 0.5, CARE_TIER as f64 - 0.5);
        frame.rect(
            root,
            (attention, 0.0),
            (care, 1.0),
            YELLOW.mix(0.12).filled(),
        )?;
        frame.rect(root, (care, 0.0), (10.5, 1.0), GREEN.mix(0.12).filled())?;
        frame.text(
            root,
            (attention, 1.0),
            (4, 4),
            labels.tiers[0].to_string(),
            text_style(HPos::Left, VPos::Top, MUTED),
        )?;
        frame.text(
            root,
            (care, 1.0),
            (4, 22),
            labels.tiers[1].to_string(),
            text_style(HPos::Left, VPos::Top, MUTED),
        )?;
        frame.y_axis(
            root,
            &nice_ticks(0.0, 1.0, 5),
            labels.percent,
            labels.y_title,
        )?;
        frame.line(root, &[(0.5, k_max), (10.5, k_max)], MUTED.stroke_width(1))?;
        frame.line(
            root,
            &[(habit, 0.0), (habit, k_max)],
            ORANGE.stroke_width(2),
        )?;
        frame.text(
            root,
            (habit, 0.0),
            (4, -4),
            labels.tiers[2].to_string(),
            text_style(HPos::Left, VPos::Bottom, INK),
        )?;
        let points: Vec<(f64, f64)> = k
            .iter()
            .enumerate()
            .map(|(i, v)| (i as f64 + 1.0, *v))
            .collect();
        frame.line(root, &points, BLUE.stroke_width(3))?;
        for p in &points {
            frame.dot(root, *p, 4, BLUE.filled())?;
        }
        let ticks: Vec<(f64, String)> = (1..=10)
            .map(|i| (i as f64, if i == 10 { "10+".into() } else { i.to_string() }))
            .collect();
        frame.x_axis(root, &ticks, labels.x_title)
    })
}

/// Words of the p(n) chart.
pub struct RepurchaseLabels<'a> {
    /// X-axis title (purchases so far).
    pub x_title: &'a str,
    /// Y-axis title (per-period repurchase probability).
    pub y_title: &'a str,
    /// Series names: chain lens, D × T × X lens.
    pub series: [&'a str; 2],
    /// Percent formatter.
    pub percent: Fmt<'a>,
}

/// p(n, 0) by purchase count for both lenses; the lens in use is drawn bold.
pub fn repurchase_svg(
    chain: &[f64; 10],
    dte: f64,
    chain_active: bool,
    labels: &RepurchaseLabels,
    size: (u32, u32),
) -> String {
    let frame = Frame::new(size, 52, 44, (0.5, 10.5), (0.0, 1.0));
    render(size, |root| {
        frame.y_axis(
            root,
            &nice_ticks(0.0, 1.0, 5),
            labels.percent,
            labels.y_title,
        )?;
        let w_dte = if chain_active { 1 } else { 4 };
        let chain_pts: Vec<(f64, f64)> = chain
            .iter()
            .enumerate()
            .map(|(i, v)| (i as f64 + 1.0, *v))
            .collect();
        for (i, p) in chain_pts.iter().enumerate() {
            let x = i as f64 + 1.0;
            frame.rect(
                root,
                (x - 0.3, 0.0),
                (x + 0.3, p.1),
                BLUE.mix(if chain_active { 0.85 } else { 0.25 }).filled(),
            )?;
        }
        if chain_active {
            for p in &chain_pts {
                frame.text(
                    root,
                    *p,
                    (0, -3),
                    (labels.percent)(p.1),
                    text_style(HPos::Center, VPos::Bottom, INK),
                )?;
            }
        }
        frame.line(
            root,
            &[(0.5, dte), (10.5, dte)],
            VERMILLION.stroke_width(w_dte),
        )?;
        legend(
            root,
            (frame.right - 180, frame.top + 4),
            &[
                (Swatch::Box(BLUE), labels.series[0]),
                (Swatch::Line(VERMILLION), labels.series[1]),
            ],
        )?;
        let ticks: Vec<(f64, String)> = (1..=10)
            .map(|i| (i as f64, if i == 10 { "10+".into() } else { i.to_string() }))
            .collect();
        frame.x_axis(root, &ticks, labels.x_title)
    })
}

/// Words of the D/T/X chart.
pub struct DteLabels<'a> {
    /// Factor names: demand, trust, exposure, and the product.
    pub bars: [&'a str; 4],
    /// Mark on the weakest link.
    pub weakest: &'a str,
    /// Percent formatter.
    pub percent: Fmt<'a>,
}

/// Demand, trust, exposure and their product as horizontal bars; the weakest
/// link is highlighted (seed 004: the chain is only as strong as it).
pub fn dte_svg(factors: [f64; 3], weakest: usize, labels: &DteLabels, size: (u32, u32)) -> String {
    let mut frame = Frame::new(size, 90, 24, (0.0, 1.0), (0.0, 4.0));
    frame.right -= 90; // room for "45% ← weakest link" at 100%
    let product = factors.iter().product::<f64>();
    render(size, |root| {
        for t in nice_ticks(0.0, 1.0, 4) {
            frame.line(root, &[(t, 0.0), (t, 4.0)], GRID.stroke_width(1))?;
            frame.text(
                root,
                (t, 0.0),
                (0, 4),
                (labels.percent)(t),
                text_style(HPos::Center, VPos::Top, MUTED),
            )?;
        }
        let values = [factors[0], factors[1], factors[2], product];
        for (i, v) in values.iter().enumerate() {
            let y = 3.0 - i as f64;
            let colour: RGBColor = match i {
                3 => PURPLE,
                i if i == weakest => ORANGE,
                _ => SKY,
            };
            frame.rect(root, (0.0, y + 0.2), (*v, y + 0.8), colour.filled())?;
            frame.text(
                root,
                (0.0, y + 0.5),
                (-8, 0),
                labels.bars[i].to_string(),
                text_style(HPos::Right, VPos::Center, INK),
            )?;
            let mut note = (labels.percent)(*v);
            if i == weakest {
                note = format!("{note}  ← {}", labels.weakest);
            }
            frame.text(
                root,
                (*v, y + 0.5),
                (6, 0),
                note,
                text_style(HPos::Left, VPos::Center, INK),
            )?;
        }
        Ok(())
    })
}

/// Words of the journey chart.
pub struct JourneyLabels<'a> {
    /// Stage names, in order.
    pub stages: Vec<String>,
    /// Y-axis title (experience score).
    pub y_title: &'a str,
    /// Formats a score.
    pub number: Fmt<'a>,
}

/// The journey line: experience score by stage (emotion by stage); a dot's
/// size shows the stage's weight, the lowest stage is marked.
pub fn journey_svg(
    scores: &[f64],
    weights: &[f64],
    labels: &JourneyLabels,
    size: (u32, u32),
) -> String {
    let n = scores.len().max(1);
    let frame = Frame::new(size, 52, 30, (0.5, n as f64 + 0.5), (0.0, 100.0));
    let total: f64 = weights.iter().map(|w| w.max(0.0)).sum();
    let lowest = (0..scores.len()).fold(0, |b, i| if scores[i] < scores[b] { i } else { b });
    render(size, |root| {
        frame.y_axis(
            root,
            &nice_ticks(0.0, 100.0, 4),
            labels.number,
            labels.y_title,
        )?;
        let points: Vec<(f64, f64)> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| (i as f64 + 1.0, *s))
            .collect();
        frame.line(root, &points, BLUE.stroke_width(3))?;
        for (i, p) in points.iter().enumerate() {
            let share = if total > 0.0 {
                weights.get(i).copied().unwrap_or(0.0).max(0.0) / total
            } else {
                0.0
            };
            let r = 4 + (share * 24.0).round() as i32;
            let colour = if i == lowest { VERMILLION } else { BLUE };
            frame.dot(root, *p, r, colour.filled())?;
            frame.text(
                root,
                *p,
                (0, -r - 3),
                (labels.number)(p.1),
                text_style(HPos::Center, VPos::Bottom, INK),
            )?;
        }
        let names: Vec<(f64, String)> = labels
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (i as f64 + 1.0, s.clone()))
            .collect();
        frame.x_axis(root, &names, "")
    })
}

/// The data's repeat curve P(≥ n+1 | ≥ n) as bars, against the model's p(n)
/// as a line (does your habit curve flatten where the model's does?).
pub fn repeat_svg(
    observed: &[Option<f64>; 10],
    model: &[f64; 10],
    labels: &RepurchaseLabels,
    size: (u32, u32),
) -> String {
    let frame = Frame::new(size, 52, 44, (0.5, 10.5), (0.0, 1.0));
    render(size, |root| {
        frame.y_axis(
            root,
            &nice_ticks(0.0, 1.0, 5),
            labels.percent,
            labels.y_title,
        )?;
        for (i, v) in observed.iter().enumerate() {
            if let Some(v) = v {
                let x = i as f64 + 1.0;
                frame.rect(root, (x - 0.3, 0.0), (x + 0.3, *v), SKY.filled())?;
                frame.text(
                    root,
                    (x, *v),
                    (0, -3),
                    (labels.percent)(*v),
                    text_style(HPos::Center, VPos::Bottom, INK),
                )?;
            }
        }
        let pts: Vec<(f64, f64)> = model
            .iter()
            .enumerate()
            .map(|(i, v)| (i as f64 + 1.0, *v))
            .collect();
        frame.line(root, &pts, VERMILLION.stroke_width(3))?;
        legend(
            root,
            (frame.left + 12, frame.top + 4),
            &[
                (Swatch::Box(SKY), labels.series[0]),
                (Swatch::Line(VERMILLION), labels.series[1]),
            ],
        )?;
        let ticks: Vec<(f64, String)> = (1..=10).map(|i| (i as f64, i.to_string())).collect();
        frame.x_axis(root, &ticks, labels.x_title)
    })
}

/// Observed mean retention by offset (dots) against the fitted simulator
/// curve (line).
pub fn fit_svg(
    observed: &[Option<f64>],
    fitted: &[f64],
    labels: &RepurchaseLabels,
    size: (u32, u32),
) -> String {
    let n = observed.len().max(fitted.len()).max(2);
    let frame = Frame::new(size, 52, 44, (0.0, (n - 1) as f64), (0.0, 1.0));
    render(size, |root| {
        frame.y_axis(
            root,
            &nice_ticks(0.0, 1.0, 5),
            labels.percent,
            labels.y_title,
        )?;
        let pts: Vec<(f64, f64)> = fitted
            .iter()
            .enumerate()
            .map(|(k, v)| (k as f64, *v))
            .collect();
        frame.line(root, &pts, VERMILLION.stroke_width(3))?;
        for (k, v) in observed.iter().enumerate() {
            if let Some(v) = v {
                frame.dot(root, (k as f64, *v), 4, BLUE.filled())?;
            }
        }
        legend(
            root,
            (frame.right - 200, frame.top + 4),
            &[
                (Swatch::Dot(BLUE), labels.series[0]),
                (Swatch::Line(VERMILLION), labels.series[1]),
            ],
        )?;
        frame.x_axis(root, &offset_ticks(n), labels.x_title)
    })
}

/// The Lorenz curve of revenue: share of revenue (y) of the top x share of
/// customers, from `points` at x = 0, 5%, …, 100%; the diagonal is "everyone
/// spends the same", and the top-20% point is marked (seed 000's "20% of
/// core users bring 80% of profit").
pub fn lorenz_svg(points: &[f64], labels: &RepurchaseLabels, size: (u32, u32)) -> String {
    let frame = Frame::new(size, 52, 44, (0.0, 1.0), (0.0, 1.0));
    let n = points.len().max(2) - 1;
    render(size, |root| {
        frame.y_axis(
            root,
            &nice_ticks(0.0, 1.0, 5),
            labels.percent,
            labels.y_title,
        )?;
        frame.line(root, &[(0.0, 0.0), (1.0, 1.0)], MUTED.stroke_width(1))?;
        let pts: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .map(|(i, v)| (i as f64 / n as f64, *v))
            .collect();
        frame.line(root, &pts, BLUE.stroke_width(3))?;
        if let Some(top20) = points.get(n / 5) {
            frame.dot(root, (0.2, *top20), 6, ORANGE.filled())?;
            frame.text(
                root,
                (0.2, *top20),
                (10, 0),
                format!("20% → {}", (labels.percent)(*top20)),
                text_style(HPos::Left, VPos::Center, INK),
            )?;
        }
        let ticks: Vec<(f64, String)> = (0..=5)
            .map(|i| (i as f64 / 5.0, (labels.percent)(i as f64 / 5.0)))
            .collect();
        frame.x_axis(root, &ticks, labels.x_title)
    })
}

/// Retention at one offset, cohort by cohort (is it getting better?).
pub fn trend_svg(
    values: &[(String, Option<f64>)],
    labels: &RepurchaseLabels,
    size: (u32, u32),
) -> String {
    let n = values.len().max(2);
    let hi = values.iter().filter_map(|v| v.1).fold(0.0f64, f64::max);
    let top = if hi > 0.0 { (hi * 1.2).min(1.0) } else { 1.0 };
    let frame = Frame::new(size, 52, 44, (-0.5, n as f64 - 0.5), (0.0, top));
    render(size, |root| {
        frame.y_axis(
            root,
            &nice_ticks(0.0, top, 4),
            labels.percent,
            labels.y_title,
        )?;
        let pts: Vec<(f64, f64)> = values
            .iter()
            .enumerate()
            .filter_map(|(i, (_, v))| v.map(|v| (i as f64, v)))
            .collect();
        if pts.len() > 1 {
            frame.line(root, &pts, BLUE.stroke_width(2))?;
        }
        for p in &pts {
            frame.dot(root, *p, 4, BLUE.filled())?;
        }
        let step = (n as f64 / 6.0).ceil().max(1.0) as usize;
        let ticks: Vec<(f64, String)> = values
            .iter()
            .enumerate()
            .step_by(step)
            .map(|(i, (l, _))| (i as f64, l.clone()))
            .collect();
        frame.x_axis(root, &ticks, labels.x_title)
    })
}

/// Ticks for offsets 0 .. n − 1, about eight of them.
fn offset_ticks(n: usize) -> Vec<(f64, String)> {
    let step = (n as f64 / 8.0).ceil().max(1.0) as usize;
    (0..n)
        .step_by(step)
        .map(|k| (k as f64, k.to_string()))
        .collect()
}

/// Colours of the segment curves in list order (Okabe–Ito); past eight they
/// repeat with thinner strokes, and the legend names the first eight (the
/// table beside the chart names every segment).
const SEGMENT_COLOURS: [RGBColor; 8] = [BLUE, VERMILLION, GREEN, PURPLE, SKY, ORANGE, INK, MUTED];

/// Mean retention by offset per segment: one line each, dots on the values
/// (None: no complete cell at that offset, left out).
pub fn segments_svg(
    series: &[(String, Vec<Option<f64>>)],
    labels: &RepurchaseLabels,
    size: (u32, u32),
) -> String {
    let n = series
        .iter()
        .map(|(_, v)| v.len())
        .max()
        .unwrap_or(0)
        .max(2);
    let frame = Frame::new(size, 52, 44, (0.0, (n - 1) as f64), (0.0, 1.0));
    render(size, |root| {
        frame.y_axis(
            root,
            &nice_ticks(0.0, 1.0, 5),
            labels.percent,
            labels.y_title,
        )?;
        for (i, (_, values)) in series.iter().enumerate() {
            let colour = SEGMENT_COLOURS[i % SEGMENT_COLOURS.len()];
            let width = if i < SEGMENT_COLOURS.len() { 2 } else { 1 };
            // Runs of known values are joined; a gap breaks the line.
            let mut run: Vec<(f64, f64)> = Vec::new();
            for (k, v) in values.iter().enumerate() {
                match v {
                    Some(v) => run.push((k as f64, *v)),
                    None => {
                        if run.len() > 1 {
                            frame.line(root, &run, colour.stroke_width(width))?;
                        }
                        run.clear();
                    }
                }
            }
            if run.len() > 1 {
                frame.line(root, &run, colour.stroke_width(width))?;
            }
            for (k, v) in values.iter().enumerate().skip(1) {
                if let Some(v) = v {
                    frame.dot(root, (k as f64, *v), 3, colour.filled())?;
                }
            }
        }
        let entries: Vec<(Swatch, &str)> = series
            .iter()
            .take(SEGMENT_COLOURS.len())
            .enumerate()
            .map(|(i, (name, _))| (Swatch::Line(SEGMENT_COLOURS[i]), name.as_str()))
            .collect();
        legend(root, (frame.right - 180, frame.top + 4), &entries)?;
        frame.x_axis(root, &offset_ticks(n), labels.x_title)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calculator::trap::DEFAULT_KNOTS;

    fn pct(x: f64) -> String {
        format!("{:.0}%", x * 100.0)
    }

    #[test]
    fn trap_chart_marks_the_current_point() {
        let labels = TrapLabels {
            x_title: "sat",
            y_title: "p",
            zones: ["d", "i", "a"],
            percent: &pct,
        };
        let curve = Pchip::new(DEFAULT_KNOTS);
        let a = trap_svg(&curve, (3.2, curve.eval(3.2)), &labels, (480, 280));
        let b = trap_svg(&curve, (4.6, curve.eval(4.6)), &labels, (480, 280));
        assert_ne!(a, b);
        assert!(
            a.contains(">\n10%\n</text>"),
            "the current value is labelled"
        );
        assert_eq!(
            a.matches("<circle").count(),
            5 + 2,
            "five knots and the current point"
        );
    }

    #[test]
    fn dte_chart_highlights_the_weakest() {
        let labels = DteLabels {
            bars: ["D", "T", "X", "P"],
            weakest: "weakest",
            percent: &pct,
        };
        let svg = dte_svg([0.8, 0.6, 0.5], 2, &labels, (480, 200));
        assert_eq!(svg.matches("fill=\"#E69F00\"").count(), 1);
        assert!(svg.contains("50%  ← weakest"));
        assert!(svg.contains(">\n24%\n</text>"), "the product 0.8·0.6·0.5");
    }

    #[test]
    fn lorenz_and_trend() {
        let l = RepurchaseLabels {
            x_title: "x",
            y_title: "y",
            series: ["a", "b"],
            percent: &pct,
        };
        let points: Vec<f64> = (0..=20)
            .map(|i| 1.0 - (1.0 - i as f64 / 20.0).powi(3))
            .collect();
        let svg = lorenz_svg(&points, &l, (480, 280));
        assert!(svg.contains("20% → 49%"), "0.2 → 1 − 0.8³ = 0.488");
        let t = trend_svg(
            &[
                ("2024-01".into(), Some(0.3)),
                ("2024-02".into(), None),
                ("2024-03".into(), Some(0.35)),
            ],
            &l,
            (480, 240),
        );
        assert_eq!(t.matches("<circle").count(), 2);
    }

    #[test]
    fn other_charts_render() {
        let k = crate::calculator::stickiness::curve(0.6, 5.0);
        let s = stickiness_svg(
            &k,
            0.6,
            5.0,
            &StickinessLabels {
                x_title: "n",
                y_title: "K",
                tiers: ["3", "5", "h"],
                percent: &pct,
            },
            (480, 280),
        );
        assert_eq!(s.matches("<circle").count(), 10);
        let r = repurchase_svg(
            &k,
            0.24,
            true,
            &RepurchaseLabels {
                x_title: "n",
                y_title: "p",
                series: ["a", "b"],
                percent: &pct,
            },
            (480, 280),
        );
        assert!(r.contains(">\n57%\n</text>"));
        let j = journey_svg(
            &[90.0, 80.0, 50.0, 70.0],
            &[10.0, 10.0, 20.0, 60.0],
            &JourneyLabels {
                stages: vec!["a".into(), "b".into(), "c".into(), "d".into()],
                y_title: "s",
                number: &|x| format!("{x}"),
            },
            (480, 240),
        );
        assert_eq!(j.matches("fill=\"#D55E00\"").count(), 1, "the lowest stage");
    }
}
