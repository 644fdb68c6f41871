//! The cohort triangle as an HTML table string: rows are cohorts (with their
//! size), columns offsets, each cell coloured by its value with readable text
//! and a tooltip, plus a mean row. Plain markup stays accessible and is one
//! string assignment in the browser, however many cells there are.

use std::fmt::Write as _;

use super::xml_escape;
use crate::simulator::Simulation;

/// What the cells show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Measure {
    /// active / size.
    #[default]
    Retention,
    /// Customers who bought.
    Customers,
    /// Revenue.
    Revenue,
}

impl Measure {
    /// Every measure, in toggle order.
    pub const ALL: [Measure; 3] = [Measure::Retention, Measure::Customers, Measure::Revenue];

    /// The code used by the toggle.
    pub fn code(self) -> &'static str {
        match self {
            Measure::Retention => "percent",
            Measure::Customers => "customers",
            Measure::Revenue => "revenue",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// Words and number formats of a heatmap, in the page language.
pub struct HeatmapLabels<'a> {
    /// Table caption.
    pub caption: &'a str,
    /// Header of the cohort column.
    pub cohort: &'a str,
    /// Header of the size column.
    pub size: &'a str,
    /// Label of the mean row.
    pub mean: &'a str,
    /// Name of cohort c (0-based).
    pub cohort_name: &'a dyn Fn(usize) -> String,
    /// Header of offset k.
    pub offset_name: &'a dyn Fn(usize) -> String,
    /// Formats a retention share.
    pub percent: &'a dyn Fn(f64) -> String,
    /// Formats a count, compactly.
    pub count: &'a dyn Fn(f64) -> String,
    /// Formats money, compactly.
    pub money: &'a dyn Fn(f64) -> String,
}

/// Colour buckets of the sequential scale (classes `h0` … `h19`).
pub const SEQ_BUCKETS: usize = 20;
/// Colour buckets of the difference scale (classes `d0` … `d20`, `d10` = no change).
pub const DIV_BUCKETS: usize = 21;

/// The heatmaps' stylesheet: the bucket classes (background and readable
/// text colour) and the legend's gradient. Cells name a class instead of
/// carrying an inline style, which keeps a 36 × 36 table small to build and
/// to parse, and passes a strict Content-Security-Policy (no `style`
/// attributes, no `<style>` elements). It ships in `static/style.css`
/// between two marker comments; a test checks that copy, and
/// `UPDATE_STYLES=1 cargo test --lib heatmap` rewrites it.
pub fn stylesheet() -> String {
    let mut css = bucket_css();
    let _ = write!(
        css,
        "\n.legend-bar{{background:linear-gradient(90deg,{})}}",
        legend_stops()
    );
    css
}

/// The gradient stops of the legend (the sequential scale, in nine stops).
fn legend_stops() -> String {
    let stops: Vec<String> = (0..=8)
        .map(|i| {
            let (r, g, b) = viridis(i as f64 / 8.0);
            format!("rgb({r},{g},{b}) {}%", i * 100 / 8)
        })
        .collect();
    stops.join(",")
}

/// The bucket classes of [`stylesheet`].
fn bucket_css() -> String {
    let mut css = String::new();
    for i in 0..SEQ_BUCKETS {
        let bg = viridis((i as f64 + 0.5) / SEQ_BUCKETS as f64);
        let _ = writeln!(
            css,
            ".heatmap .h{i}{{background:rgb({},{},{});color:{}}}",
            bg.0,
            bg.1,
            bg.2,
            text_colour(bg)
        );
    }
    for i in 0..DIV_BUCKETS {
        let bg = diverging((i as f64 - 10.0) / 10.0);
        let _ = writeln!(
            css,
            ".heatmap .d{i}{{background:rgb({},{},{});color:{}}}",
            bg.0,
            bg.1,
            bg.2,
            text_colour(bg)
        );
    }
    css
}

/// The sequential bucket of a value t in [0, 1].
pub fn seq_bucket(t: f64) -> usize {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((t * SEQ_BUCKETS as f64) as usize).min(SEQ_BUCKETS - 1)
}

/// The difference bucket of d in [−1, 1].
fn div_bucket(d: f64) -> usize {
    let d = if d.is_finite() {
        d.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    ((d * 10.0).round() + 10.0) as usize
}

/// A colour-blind-safe sequential scale (viridis, 9 stops) at t in [0, 1].
pub fn viridis(t: f64) -> (u8, u8, u8) {
    const STOPS: [(u8, u8, u8); 9] = [
        (68, 1, 84),
        (71, 44, 122),
        (59, 81, 139),
        (44, 113, 142),
        (33, 144, 141),
        (39, 173, 129),
        (92, 200, 99),
        (170, 220, 50),
        (253, 231, 37),
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (STOPS.len() - 1) as f64;
    let i = (x.floor() as usize).min(STOPS.len() - 2);
    let f = x - i as f64;
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// A diverging scale for differences, d in [−1, 1]: orange below zero,
/// white at zero, blue above (Okabe–Ito ends; colour-blind safe).
pub fn diverging(d: f64) -> (u8, u8, u8) {
    let d = if d.is_finite() {
        d.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let (end, t) = if d < 0.0 {
        ((230, 159, 0), -d)
    } else {
        ((0, 114, 178), d)
    };
    let mix = |e: u8| (255.0 + (e as f64 - 255.0) * t).round() as u8;
    (mix(end.0), mix(end.1), mix(end.2))
}

/// Black or white text, whichever reads better on `bg` (WCAG luminance).
pub fn text_colour((r, g, b): (u8, u8, u8)) -> &'static str {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    // Contrast with black (l + 0.05) / 0.05 vs with white 1.05 / (l + 0.05).
    if (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) {
        "#000"
    } else {
        "#fff"
    }
}

/// One cell as shown: exact numbers for the hooks, a colour class, the text.
#[derive(Clone, Debug, PartialEq)]
pub struct CellView {
    /// Retention, for `data-value`.
    pub retention: f64,
    /// Customers, for `data-active`.
    pub active: f64,
    /// Revenue, for `data-revenue`.
    pub revenue: f64,
    /// Colour bucket class (`h…` or `d…`).
    pub class: String,
    /// The formatted value in the cell.
    pub text: String,
}

/// Everything the table shows, in document order, so the page can either
/// write the whole table or patch an existing one of the same `shape` cell by
/// cell.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatmapView {
    /// Identifies the table's structure: cohorts, offsets, measure.
    pub shape: String,
    /// Cohort sizes as shown.
    pub sizes: Vec<String>,
    /// Cells, row by row (cohort 0 offsets 0.., cohort 1 …).
    pub cells: Vec<CellView>,
    /// Mean row: (value, text) per offset.
    pub means: Vec<(f64, String)>,
}

/// The view of a simulation's triangle; with `compare` the colours show the
/// retention difference against it (the numbers stay this simulation's).
pub fn heatmap_view(
    sim: &Simulation,
    measure: Measure,
    labels: &HeatmapLabels,
    compare: Option<&Simulation>,
) -> HeatmapView {
    let periods = sim.cells.first().map_or(0, Vec::len);
    let pick = |c: &crate::simulator::Cell| match measure {
        Measure::Retention => c.retention,
        Measure::Customers => c.active,
        Measure::Revenue => c.revenue,
    };
    let max = match measure {
        Measure::Retention => 1.0,
        _ => sim.cells.iter().flatten().map(pick).fold(0.0f64, f64::max),
    }
    .max(f64::MIN_POSITIVE);
    let show = |v: f64| match measure {
        Measure::Retention => (labels.percent)(v),
        Measure::Customers => (labels.count)(v),
        Measure::Revenue => (labels.money)(v),
    };
    let mut cells = Vec::with_capacity(periods * (periods + 1) / 2);
    for (c, row) in sim.cells.iter().enumerate() {
        for (k, cell) in row.iter().enumerate() {
            let value = pick(cell);
            let class = match compare.and_then(|o| o.cells.get(c)?.get(k)) {
                Some(base) => format!("d{}", div_bucket((cell.retention - base.retention) * 4.0)),
                None => format!("h{}", seq_bucket(value / max)),
            };
            cells.push(CellView {
                retention: cell.retention,
                active: cell.active,
                revenue: cell.revenue,
                class,
                text: show(value),
            });
        }
    }
    // Mean row: weighted by cohort size, over the cohorts that reached the offset.
    let means = (0..periods)
        .map(|k| {
            let (mut active, mut size, mut revenue, mut n) = (0.0, 0.0, 0.0, 0.0);
            for (c, row) in sim.cells.iter().enumerate() {
                if let Some(cell) = row.get(k) {
                    active += cell.active;
                    revenue += cell.revenue;
                    size += sim.sizes[c];
                    n += 1.0;
                }
            }
            let value = match measure {
                Measure::Retention if size > 0.0 => active / size,
                Measure::Customers if n > 0.0 => active / n,
                Measure::Revenue if n > 0.0 => revenue / n,
                _ => 0.0,
            };
            (value, show(value))
        })
        .collect();
    HeatmapView {
        shape: format!("{}x{}:{}", sim.cells.len(), periods, measure.code()),
        sizes: sim.sizes.iter().map(|v| (labels.count)(*v)).collect(),
        cells,
        means,
    }
}

/// The whole table as HTML (tooltips are added on hover by the page from the
/// cells' data attributes, so the markup carries none). `testid` names the
/// cells (`cohort-cell`, `scenario-cohort-cell`).
pub fn heatmap_html(
    sim: &Simulation,
    measure: Measure,
    testid: &str,
    labels: &HeatmapLabels,
    compare: Option<&Simulation>,
) -> String {
    table_html(
        sim,
        &heatmap_view(sim, measure, labels, compare),
        testid,
        labels,
    )
}

/// Writes a view as an HTML table.
pub fn table_html(
    sim: &Simulation,
    view: &HeatmapView,
    testid: &str,
    labels: &HeatmapLabels,
) -> String {
    let periods = view.means.len();
    let mut out = String::with_capacity(150 * (view.cells.len() + periods) + 512);
    let _ = write!(
        out,
        "<table class=\"heatmap\" data-shape=\"{}\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
        xml_escape(&view.shape),
        xml_escape(labels.caption),
        xml_escape(labels.cohort),
        xml_escape(labels.size)
    );
    for k in 0..periods {
        let _ = write!(
            out,
            "<th scope=\"col\">{}</th>",
            xml_escape(&(labels.offset_name)(k))
        );
    }
    out.push_str("</tr></thead><tbody>");
    let mut cells = view.cells.iter();
    for (c, row) in sim.cells.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"size\">{}</td>",
            xml_escape(&(labels.cohort_name)(c)),
            xml_escape(view.sizes.get(c).map_or("", String::as_str))
        );
        for k in 0..row.len() {
            let Some(v) = cells.next() else { break };
            let _ = write!(
                out,
                "<td data-testid=\"{testid}\" data-cohort=\"{c}\" data-offset=\"{k}\" data-value=\"{}\" data-active=\"{}\" data-revenue=\"{}\" class=\"{}\">{}</td>",
                v.retention,
                v.active,
                v.revenue,
                v.class,
                xml_escape(&v.text)
            );
        }
        out.push_str("</tr>");
    }
    let _ = write!(
        out,
        "</tbody><tfoot><tr><th scope=\"row\">{}</th><td></td>",
        xml_escape(labels.mean)
    );
    for (k, (value, text)) in view.means.iter().enumerate() {
        let _ = write!(
            out,
            "<td class=\"mean\" data-offset=\"{k}\" data-value=\"{value}\">{}</td>",
            xml_escape(text)
        );
    }
    out.push_str("</tr></tfoot></table>");
    out
}

/// The colour legend of the sequential scale: a gradient bar with its ends.
pub fn legend_html(low: &str, high: &str) -> String {
    format!(
        "<div class=\"legend\"><span>{}</span><span class=\"legend-bar\"></span><span>{}</span></div>",
        xml_escape(low),
        xml_escape(high)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulator::{simulate, Markov, Window};

    fn sim(periods: usize) -> Simulation {
        let chain = Markov {
            p0: [0.4; 10],
            decay: 0.5,
            churn_after: 3,
            sleeping_from: 2,
            win_back: 0.0,
            habit: None,
            reminder: None,
            churn_cut: 0.0,
        };
        simulate(
            &chain,
            &Window {
                cohorts: periods,
                periods,
                new_customers: 100.0,
                growth: 0.0,
                aov: 10.0,
                margin: 0.5,
                ltv_periods: periods,
            },
        )
    }

    fn labels() -> HeatmapLabels<'static> {
        HeatmapLabels {
            caption: "Retention <by> cohort",
            cohort: "cohort",
            size: "size",
            mean: "mean",
            cohort_name: &|c| format!("C{c}"),
            offset_name: &|k| format!("{k}"),
            percent: &|v| format!("{:.0}%", v * 100.0),
            count: &|v| format!("{v:.0}"),
            money: &|v| format!("{v:.0}"),
        }
    }

    #[test]
    fn a_triangle_with_hooks_and_a_mean_row() {
        let html = heatmap_html(&sim(3), Measure::Retention, "cohort-cell", &labels(), None);
        assert_eq!(
            html.matches("data-testid=\"cohort-cell\"").count(),
            6,
            "3 + 2 + 1 cells"
        );
        assert!(html.contains("data-cohort=\"0\" data-offset=\"1\" data-value=\"0.4\" data-active=\"40\" data-revenue=\"400\""));
        assert!(html.contains("<caption>Retention &lt;by&gt; cohort</caption>"));
        assert_eq!(html.matches("class=\"mean\"").count(), 3);
        assert!(html.contains(">40%</td>"));
    }

    #[test]
    fn measures_and_difference_colours() {
        let a = heatmap_html(&sim(3), Measure::Customers, "x", &labels(), None);
        assert!(a.contains(">40</td>"));
        let b = heatmap_html(&sim(3), Measure::Retention, "x", &labels(), Some(&sim(3)));
        assert!(
            b.contains("class=\"d10\""),
            "no difference is the middle bucket"
        );
        assert!(bucket_css().contains(".heatmap .d10{background:rgb(255,255,255);color:#000}"));
        assert_eq!(seq_bucket(1.0), SEQ_BUCKETS - 1);
        assert_eq!(div_bucket(-1.0), 0);
        assert_eq!(div_bucket(1.0), 20);
    }

    #[test]
    fn text_stays_readable() {
        assert_eq!(text_colour(viridis(0.0)), "#fff");
        assert_eq!(text_colour(viridis(1.0)), "#000");
        assert_eq!(text_colour((255, 255, 255)), "#000");
        assert_eq!(viridis(f64::NAN), viridis(0.0));
    }

    #[test]
    fn the_shipped_stylesheet_is_the_generated_one() {
        const START: &str = "/* heatmap: generated by chart::heatmap::stylesheet() */\n";
        const END: &str = "\n/* end of heatmap */";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css");
        let css = std::fs::read_to_string(path).unwrap();
        let (Some(a), Some(b)) = (css.find(START), css.find(END)) else {
            panic!("static/style.css has no generated heatmap block");
        };
        let shipped = &css[a + START.len()..b];
        if std::env::var_os("UPDATE_STYLES").is_some() && shipped != stylesheet() {
            let updated = format!("{}{START}{}{}", &css[..a], stylesheet(), &css[b..]);
            std::fs::write(path, updated).unwrap();
            return;
        }
        assert_eq!(
            shipped,
            stylesheet(),
            "run UPDATE_STYLES=1 cargo test --lib heatmap"
        );
    }
}
