//! Retention curves (each cohort and the mean, baseline vs scenario) and the
//! lifecycle mix over time (stacked areas).

use plotters::element::{PathElement, Polygon, Rectangle, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

use super::frame::{nice_ticks, render, text_style, Frame, Root};
use super::palette::{BLUE, GREEN, INK, MUTED, ORANGE, PURPLE, SKY, VERMILLION};
use crate::simulator::{Mix, Simulation};

/// Words of the cohort charts.
pub struct CohortLabels<'a> {
    /// Title drawn at the top right (may be empty).
    pub title: String,
    /// X-axis title (periods since the first purchase / calendar period).
    pub x_title: &'a str,
    /// Y-axis title.
    pub y_title: &'a str,
    /// Legend entries.
    pub legend: Vec<String>,
    /// Formats a y value.
    pub y_fmt: &'a dyn Fn(f64) -> String,
}

impl CohortLabels<'_> {
    /// The same labels with a title.
    pub fn with_title(mut self, title: &str) -> Self {
        self.title = title.to_string();
        self
    }
}

fn title(root: &Root, frame: &Frame, title: &str) -> super::frame::DrawResult {
    if title.is_empty() {
        return Ok(());
    }
    root.draw(&Text::new(
        title.to_string(),
        (frame.right, frame.top + 4),
        text_style(HPos::Right, VPos::Top, MUTED),
    ))
}

fn legend(root: &Root, frame: &Frame, items: &[(String, RGBColor)]) -> super::frame::DrawResult {
    let mut x = frame.left + 8;
    let y = 4;
    for (name, colour) in items {
        root.draw(&Rectangle::new(
            [(x, y + 2), (x + 12, y + 12)],
            colour.filled(),
        ))?;
        root.draw(&Text::new(
            name.clone(),
            (x + 16, y + 7),
            text_style(HPos::Left, VPos::Center, INK),
        ))?;
        x += 26 + 8 * name.chars().count() as i32;
    }
    Ok(())
}

fn offset_ticks(periods: usize) -> Vec<(f64, String)> {
    let step = (periods as f64 / 8.0).ceil().max(1.0) as usize;
    (0..periods)
        .step_by(step)
        .map(|k| (k as f64, k.to_string()))
        .collect()
}

/// Retention by offset: a thin line per cohort and a thick mean, for the
/// baseline (blue) and the scenario (orange).
pub fn retention_svg(
    baseline: &Simulation,
    scenario: &Simulation,
    mean: (&[f64], &[f64]),
    labels: &CohortLabels,
    size: (u32, u32),
) -> String {
    let periods = mean.0.len().max(2);
    let mut frame = Frame::new(size, 52, 44, (0.0, (periods - 1) as f64), (0.0, 1.0));
    frame.top = 24;
    render(size, |root| {
        frame.y_axis(root, &nice_ticks(0.0, 1.0, 5), labels.y_fmt, labels.y_title)?;
        for (sim, colour) in [(baseline, SKY), (scenario, ORANGE)] {
            for row in &sim.cells {
                let pts: Vec<(f64, f64)> = row
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (k as f64, c.retention))
                    .collect();
                if pts.len() > 1 {
                    frame.line(root, &pts, colour.mix(0.35).stroke_width(1))?;
                }
            }
        }
        for (m, colour) in [(mean.0, BLUE), (mean.1, VERMILLION)] {
            let pts: Vec<(f64, f64)> = m.iter().enumerate().map(|(k, v)| (k as f64, *v)).collect();
            frame.line(root, &pts, colour.stroke_width(3))?;
        }
        frame.x_axis(root, &offset_ticks(periods), labels.x_title)?;
        let names = &labels.legend;
        legend(
            root,
            &frame,
            &[
                (names.first().cloned().unwrap_or_default(), BLUE),
                (names.get(1).cloned().unwrap_or_default(), VERMILLION),
            ],
        )
    })
}

/// The lifecycle mix over calendar periods, stacked: active, silent,
/// sleeping, churned (customers).
pub fn lifecycle_svg(mix: &[Mix], labels: &CohortLabels, size: (u32, u32)) -> String {
    let periods = mix.len().max(2);
    let top = mix
        .iter()
        .map(|m| m.active + m.silent + m.sleeping + m.churned)
        .fold(0.0f64, f64::max)
        .max(1.0);
    let ticks = nice_ticks(0.0, top, 4);
    let y1 = ticks.last().copied().unwrap_or(top).max(top);
    let mut frame = Frame::new(size, 60, 44, (0.0, (periods - 1) as f64), (0.0, y1));
    frame.top = 24;
    let colours = [GREEN, SKY, PURPLE, MUTED];
    render(size, |root| {
        frame.y_axis(root, &ticks, labels.y_fmt, labels.y_title)?;
        let mut lower = vec![0.0; mix.len()];
        for (layer, colour) in colours.iter().enumerate() {
            let upper: Vec<f64> = mix
                .iter()
                .zip(&lower)
                .map(|(m, lo)| lo + [m.active, m.silent, m.sleeping, m.churned][layer])
                .collect();
            let mut poly: Vec<(i32, i32)> = upper
                .iter()
                .enumerate()
                .map(|(t, v)| frame.px(t as f64, *v))
                .collect();
            poly.extend(
                lower
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(t, v)| frame.px(t as f64, *v)),
            );
            root.draw(&Polygon::new(poly, colour.mix(0.85).filled()))?;
            let edge: Vec<(i32, i32)> = upper
                .iter()
                .enumerate()
                .map(|(t, v)| frame.px(t as f64, *v))
                .collect();
            root.draw(&PathElement::new(edge, colour.stroke_width(1)))?;
            lower = upper;
        }
        frame.x_axis(root, &offset_ticks(periods), labels.x_title)?;
        let items: Vec<(String, RGBColor)> = labels.legend.iter().cloned().zip(colours).collect();
        legend(root, &frame, &items)?;
        title(root, &frame, &labels.title)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulator::{mean_retention, simulate, Markov, Window};

    fn sim(boost: f64) -> Simulation {
        let chain = Markov {
            p0: [0.3 + boost; 10],
            decay: 0.7,
            churn_after: 6,
            sleeping_from: 3,
            win_back: 0.0,
            habit: None,
            reminder: None,
            churn_cut: 0.0,
        };
        let w = Window {
            cohorts: 6,
            periods: 6,
            new_customers: 100.0,
            growth: 0.1,
            aov: 10.0,
            margin: 0.4,
            ltv_periods: 6,
        };
        simulate(&chain, &w)
    }

    #[test]
    fn curves_and_mix_render() {
        let (a, b) = (sim(0.0), sim(0.2));
        let labels = CohortLabels {
            title: String::new(),
            x_title: "offset",
            y_title: "retention",
            legend: vec!["baseline".into(), "scenario".into()],
            y_fmt: &|v| format!("{v}"),
        };
        let svg = retention_svg(
            &a,
            &b,
            (&mean_retention(&a), &mean_retention(&b)),
            &labels,
            (520, 280),
        );
        // 6 grid lines + the x axis + 5 + 5 cohort lines with ≥ 2 points + 2 means.
        assert_eq!(svg.matches("<polyline").count(), 6 + 1 + 10 + 2);
        let mix = lifecycle_svg(
            &a.mix_by_period,
            &CohortLabels {
                legend: vec!["a".into(), "s".into(), "z".into(), "c".into()],
                ..labels
            },
            (520, 280),
        );
        assert_eq!(mix.matches("<polygon").count(), 4);
    }
}
